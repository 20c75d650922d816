"""Writing maps: one page, a folder of day pages with an index and a time-slider page, embeds."""

from __future__ import annotations

import copy
import html
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from maps.assets import copy_assets, resolve_assets, write_bytes_atomic
from maps.features import closure_intervals, column, day_numbers, day_to_iso, text_column
from maps.index_page import CLOSURES_IN_FORCE
from maps.index_page import index_html as render_index
from maps.render import render
from maps.style import actor_palette


def page_html(fmap, *, assets: str = "local", asset_prefix: str = "assets/") -> str:
    """The complete HTML of a map: Arabic page language, assets resolved for ``assets`` mode."""
    # folium appends a layer's addTo() again on every render; render a copy so a map can be written twice.
    text = copy.deepcopy(fmap.get_root()).render()
    text = text.replace("<html>", '<html lang="ar">', 1)
    return resolve_assets(text, assets, asset_prefix)


def write_page(fmap, path: str | Path, *, assets: str = "local") -> Path:
    """Write ``fmap`` to ``path`` atomically. ``local`` also copies the assets once into ``assets/`` beside it."""
    path = Path(path)
    if assets == "local":
        copy_assets(path.parent)
    return _write_page_only(fmap, path, assets)


def _write_page_only(fmap, path: Path, assets: str) -> Path:
    text = page_html(fmap, assets=assets)
    write_bytes_atomic(path, text.encode("utf-8"))
    return path


def embed_html(fmap, *, height: str = "600px") -> str:
    """An HTML fragment for a report page: the self-contained map in an iframe ``srcdoc``.

    The sandbox lets the map's scripts run but not reach the embedding page.
    """
    doc = html.escape(page_html(fmap, assets="offline"), quote=True)
    return (
        f'<iframe class="geo-incidents-map" srcdoc="{doc}" style="width:100%;height:{html.escape(height)};'
        'border:0" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" loading="lazy"'
        ' title="map"></iframe>'
    )


def write_embed(fmap, path: str | Path, *, height: str = "600px") -> Path:
    path = Path(path)
    write_bytes_atomic(path, embed_html(fmap, height=height).encode("utf-8"))
    return path


# ------------------------------------------------------------------------------------------- day pages
@dataclass
class DayPages:
    """What :func:`write_day_pages` wrote: ``days`` maps ISO date -> page, plus the index and timeline."""

    out_dir: Path
    index: Path
    timeline: Path | None
    days: dict[str, Path] = field(default_factory=dict)
    overview: Path | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def _valid_on(starts: list[int | None], ends: list[int | None], day: int) -> np.ndarray:
    start = np.array([-(10**9) if s is None else s for s in starts], dtype=np.int64)
    end = np.array([10**9 if e is None else e for e in ends], dtype=np.int64)
    return (start <= day) & (day <= end)


@dataclass
class DaySlice:
    """What one day's page shows."""

    day: str
    incidents: pd.DataFrame
    closures: pd.DataFrame | None
    frontlines: pd.DataFrame | None
    control: pd.DataFrame | None


def day_slices(
    incidents: pd.DataFrame,
    closures: pd.DataFrame | None = None,
    frontlines: pd.DataFrame | None = None,
    control: pd.DataFrame | None = None,
) -> Iterator[DaySlice]:
    """Per day (each day with an incident or a closure report, in order): that day's incidents, each road's
    latest closure status as of the day (reopened included), and the frontlines and control areas valid
    that day (no ``valid_from``: always; no ``valid_to``: open-ended)."""
    incident_days = np.array([-1 if d is None else d for d in day_numbers(column(incidents, "event_date"))])
    closure_rows = None
    if closures is not None and len(closures):
        closure_rows = closure_intervals(closures)
        closure_starts = [None if pd.isna(v) else int(v) for v in closure_rows["_from"]]
        closure_ends = list(closure_rows["_to"])

    def validity(frame):
        if frame is None or len(frame) == 0:
            return None
        return day_numbers(column(frame, "valid_from")), day_numbers(column(frame, "valid_to"))

    front_valid, control_valid = validity(frontlines), validity(control)
    days = {int(d) for d in np.unique(incident_days) if d >= 0}
    if closure_rows is not None:
        days.update(s for s in closure_starts if s is not None)
    groups = pd.Series(np.arange(len(incidents))).groupby(incident_days).indices if len(incidents) else {}
    for day in sorted(days):
        rows = groups.get(day, np.array([], dtype=np.int64))
        yield DaySlice(
            day=day_to_iso(day),
            incidents=incidents.iloc[rows],
            closures=closure_rows[_valid_on(closure_starts, closure_ends, day)] if closure_rows is not None else None,
            frontlines=frontlines[_valid_on(*front_valid, day)] if front_valid else None,
            control=control[_valid_on(*control_valid, day)] if control_valid else None,
        )


def write_day_pages(
    incidents: pd.DataFrame,
    out_dir: str | Path,
    *,
    closures: pd.DataFrame | None = None,
    frontlines: pd.DataFrame | None = None,
    control: pd.DataFrame | None = None,
    assets: str = "local",
    tiles: str = "none",
    title: str = "",
    timeline: bool = True,
    progress: bool = False,
) -> DayPages:
    """One page per day (``YYYY-MM-DD.html``, see :func:`day_slices` for what each shows), an ``index.html``
    listing days with counts by type, and a ``timeline.html`` with a day slider over everything.

    Colours per actor are computed once for the whole run, so an actor keeps its colour from day to day.
    ``progress`` shows a progress bar on stderr.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if assets == "local":
        copy_assets(out_dir)
    palette = actor_palette(incidents, control)
    result = DayPages(out_dir=out_dir, index=out_dir / "index.html", timeline=None)
    parts = day_slices(incidents, closures, frontlines, control)
    for part in tqdm(parts, desc="day pages", unit=" page", disable=not progress, file=sys.stderr):
        fmap = render(part.incidents, part.closures, part.frontlines, part.control, title=title,
                      date_label=part.day, tiles=tiles, palette=palette)  # fmt: skip
        result.days[part.day] = _write_page_only(fmap, out_dir / f"{part.day}.html", assets)
        counts = Counter(text_column(part.incidents, "event_type"))
        if part.closures is not None:
            counts[CLOSURES_IN_FORCE] = len(part.closures)
        result.counts[part.day] = dict(counts)

    if timeline and (len(incidents) or (closures is not None and len(closures))):
        fmap = render(incidents, closures, frontlines, control, title=title, tiles=tiles, palette=palette,
                      timeline=True)  # fmt: skip
        result.timeline = _write_page_only(fmap, out_dir / "timeline.html", assets)
    if len(incidents):
        # the whole period on one map, clustered and coloured by type: the index shows it at the top. Its popups
        # link to the day's map instead of repeating the evidence, which keeps a long period's page light.
        fmap = render(incidents.assign(evidence=""), closures, frontlines, control, title=title, tiles=tiles,
                      palette=palette, colour_by="type", day_links=True, date_label=_period(result.days),
                      minimap=False)  # fmt: skip
        result.overview = _write_page_only(fmap, out_dir / "overview.html", assets)
    write_bytes_atomic(result.index, index_html(result, title=title).encode("utf-8"))
    return result


def index_html(pages: DayPages, *, title: str = "") -> str:
    """The index page (see :mod:`maps.index_page`): overview map, chart over time, days grouped by month."""
    return render_index(
        {iso: path.name for iso, path in pages.days.items()}, pages.counts, title=title,
        overview=pages.overview.name if pages.overview else None,
        timeline=pages.timeline.name if pages.timeline else None,
    )  # fmt: skip


def _period(days: dict[str, Path]) -> str:
    return f"{min(days)} – {max(days)}" if days else ""


__all__ = [
    "DayPages", "DaySlice", "day_slices", "embed_html", "index_html", "page_html", "write_day_pages",
    "write_embed", "write_page",
]  # fmt: skip
