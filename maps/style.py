"""How things look: event types (Arabic labels, icon keys), actor colours, closure and frontline styles.

The SVG glyphs themselves live in ``static/gi-layers.js``; this module only decides which key and colour each
incident gets, so that one palette is shared by every page of a run (an actor keeps its colour from day to day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

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

#: Distinct, colour-blind-friendly-ish colours for the most frequent actors; the rest share OTHER_COLOR.
ACTOR_COLORS = ["#1f5fa8", "#d1352b", "#2e8b3a", "#8e44ad", "#e08a00", "#0f8b8d", "#b5446e", "#6b4f2a"]
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


def actor_palette(incidents: pd.DataFrame | None, limit: int = len(ACTOR_COLORS)) -> dict[str, str]:
    """Colour per actor side for the ``limit`` most frequent first actors (ties broken by name)."""
    if incidents is None or len(incidents) == 0:
        return {}
    actors = _column(incidents, "actor1")
    actors_ar = _column(incidents, "actor1_ar")
    counts = Counter(k for k in map(actor_key, actors, actors_ar) if k)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return {name: ACTOR_COLORS[i] for i, (name, _) in enumerate(ranked)}


def _column(frame: pd.DataFrame, name: str) -> Iterable:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)
