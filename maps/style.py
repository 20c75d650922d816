"""How things look: event types (Arabic labels, icon keys), actor colours, closure and frontline styles.

The SVG glyphs themselves live in ``static/gi-layers.js``; this module only decides which key and colour each
incident gets, so that one palette is shared by every page of a run (an actor keeps its colour from day to day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the QGIS styles of a run's exports read these colours without pandas
    import pandas as pd

    from maps.rows import Rows

#: event type -> (icon key used by gi-layers.js, Arabic label). Order is the legend's order.
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "Battles": ("battle", "اشتباكات"),
    "Explosions/Remote violence": ("explosion", "قصف وانفجارات"),
    "Violence against civilians": ("civilians", "عنف ضد المدنيين"),
    "Protests": ("protest", "احتجاجات"),
    "Riots": ("riot", "أعمال شغب"),
    "Strategic developments": ("strategic", "تطورات استراتيجية"),
    "Road closure": ("road", "إغلاق طريق"),
    "Displacement": ("displacement", "نزوح"),
}
OTHER_TYPE = ("other", "حادثة أخرى")
#: Colour per event type where a page colours by type (the index's overview map and chart): Paul Tol's
#: "vibrant" set, distinct under the common colour-vision deficiencies; the last is for other types.
TYPE_COLORS = ["#CC3311", "#EE7733", "#AA3377", "#0077BB", "#33BBEE", "#009988", "#555555", "#997700", "#888888"]

#: Colours for the most frequent actors, shared by their markers and their control areas; the rest share
#: OTHER_COLOR. The Okabe–Ito set (distinct under the three common colour-vision deficiencies) in the order that
#: keeps the first pairs furthest apart, then two of Paul Tol's muted colours; yellow is left out, since a white
#: glyph on it cannot be read.
ACTOR_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#332288"]
OTHER_COLOR = "#6f6f6f"
UNKNOWN_ACTOR = "غير معروف"

CLOSURE_STYLES = {
    "closed": {"color": "#d7191c", "weight": 5, "label": "مغلق (closed)"},
    "partial": {"color": "#f28e00", "weight": 5, "dashArray": "8 6", "label": "مغلق جزئياً (partial)"},
    "reopened": {"color": "#1a9641", "weight": 4, "label": "أعيد فتحه (reopened)"},
}


def actor_key(actor: object, actor_ar: object) -> str:
    """The name an incident is coloured by: actor1 (canonical), else its Arabic name."""
    for value in (actor, actor_ar):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def actor_palette(incidents: pd.DataFrame | None, control: pd.DataFrame | None = None,
                  limit: int = len(ACTOR_COLORS)) -> dict[str, str]:
    """Colour per actor side for the ``limit`` most frequent first actors (ties broken by name).

    The sides of ``control`` areas are always among them, so that a side's areas and markers share a colour.
    """
    counts: Counter = Counter()
    if incidents is not None and len(incidents):
        actors = _column(incidents, "actor1")
        actors_ar = _column(incidents, "actor1_ar")
        counts.update(k for k in map(actor_key, actors, actors_ar) if k)
    sides = set(control_sides(control))
    ranked = sorted(set(counts) | sides, key=lambda name: (name not in sides, -counts[name], name))[:limit]
    ranked.sort(key=lambda name: (-counts[name], name))
    return {name: ACTOR_COLORS[i] for i, name in enumerate(ranked)}


def control_sides(control: pd.DataFrame | None) -> list[str]:
    """The side of each control area: ``actor`` (files analysts give), else ``side`` (the store's column)."""
    if control is None or len(control) == 0:
        return []
    return [actor_key(a, b) for a, b in zip(_column(control, "actor"), _column(control, "side"), strict=True)]


def extend_palette(palette: dict[str, str], actors: Iterable[str]) -> dict[str, str]:
    """``palette`` plus the next free colours for ``actors`` it lacks (control areas' sides), so that a side
    has one colour on its markers and on its areas, and two sides never share one while colours remain."""
    out = dict(palette)
    free = [c for c in ACTOR_COLORS if c not in out.values()]
    for actor in actors:
        if actor and actor not in out and free:
            out[actor] = free.pop(0)
    return out


def _column(frame: pd.DataFrame | Rows, name: str) -> Iterable:
    from maps.rows import Rows

    return Rows.of(frame).values(name)
