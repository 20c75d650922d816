"""Day pages: a folder of one page a day, with an index, an overview and a time-slider page."""

from __future__ import annotations

import sys
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from tqdm import tqdm

from gazetteer.atomic import fsync_folder, write_bytes_atomic
from maps.assets import ASSET_DIR_NAME, MODES, copy_assets, resolve_assets, write_bytes_if_changed
from maps.content import MapContent, map_content, wgs84
from maps.features import (
    ClosureIntervals,
    IncidentFeatures,
    LayerData,
    closure_data,
    closure_intervals,
    road_intervals,
)
from maps.index_page import CLOSURES_IN_FORCE
from maps.index_page import index_html as render_index
from maps.manifest import PageManifest, input_digest, page_key
from maps.page_text import page_text
from maps.rows import Rows, day_numbers, day_to_iso
from maps.style import actor_palette

if TYPE_CHECKING:
    import pandas as pd


# ------------------------------------------------------------------------------------------- day pages
@dataclass
class DayPages:
    """What :func:`write_day_pages` wrote: ``days`` maps ISO date -> page, plus the index and timeline.
    ``undated`` incidents have no day page: the overview map shows them."""

    out_dir: Path
    index: Path
    timeline: Path | None
    days: dict[str, Path] = field(default_factory=dict)
    overview: Path | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    undated: int = 0


def _interval_arrays(starts: list[int | None], ends: list[int | None]) -> tuple[np.ndarray, np.ndarray]:
    start = np.array([-(10**9) if s is None else s for s in starts], dtype=np.int64)
    end = np.array([10**9 if e is None else e for e in ends], dtype=np.int64)
    return start, end


@dataclass
class DaySlice:
    """What one day's page shows."""

    day: str
    incidents: pd.DataFrame
    closures: pd.DataFrame | None
    frontlines: pd.DataFrame | None
    control: pd.DataFrame | None


@dataclass
class _DayRows:
    """One day as positions: its incidents' rows, and which closure reports, frontlines and control areas
    hold that day (None: the frame is missing or empty)."""

    day: int
    incidents: np.ndarray
    closures: np.ndarray | None
    frontlines: np.ndarray | None
    control: np.ndarray | None


class _Days:
    """The days of a period and what holds on each (see :func:`day_slices`), computed once for all days."""

    def __init__(self, incidents: Rows, closures: Rows | None, frontlines: Rows | None,
                 control: Rows | None) -> None:  # fmt: skip
        incident_days = np.array([-1 if d is None else d for d in day_numbers(incidents.values("event_date"))],
                                 dtype=np.int64)  # fmt: skip
        #: the closure reports with the days each is its road's latest status (positions index these)
        self.closures: ClosureIntervals | None = None
        closure_intervals_ = None
        if closures is not None and len(closures):
            self.closures = road_intervals(closures)
            closure_intervals_ = _interval_arrays(self.closures.starts, self.closures.ends)
        self._intervals = {
            "closures": closure_intervals_,
            "frontlines": _validity(frontlines),
            "control": _validity(control),
        }
        days = {d for d in incident_days.tolist() if d >= 0}  # (np.unique would load numpy.ma: 20 ms)
        #: incidents without a date: on no day's page
        self.undated = int((incident_days < 0).sum())
        if self.closures is not None:
            days.update(int(s) for s in closure_intervals_[0] if s != -(10**9))
        self.days = sorted(days)
        order = np.argsort(incident_days, kind="stable")
        bounds = np.searchsorted(incident_days[order], [self.days, [d + 1 for d in self.days]]) if days else None
        self._rows = {day: order[bounds[0][k]:bounds[1][k]] for k, day in enumerate(self.days)} if days else {}

    def __iter__(self) -> Iterator[_DayRows]:
        for day in self.days:
            held = {key: None if iv is None else np.flatnonzero((iv[0] <= day) & (day <= iv[1]))
                    for key, iv in self._intervals.items()}  # fmt: skip
            yield _DayRows(day, self._rows[day], held["closures"], held["frontlines"], held["control"])


def _validity(frame: Rows | None) -> tuple[np.ndarray, np.ndarray] | None:
    if frame is None or len(frame) == 0:
        return None
    return _interval_arrays(day_numbers(frame.values("valid_from")), day_numbers(frame.values("valid_to")))


def day_slices(
    incidents: pd.DataFrame,
    closures: pd.DataFrame | None = None,
    frontlines: pd.DataFrame | None = None,
    control: pd.DataFrame | None = None,
) -> Iterator[DaySlice]:
    """Per day (each day with an incident or a closure report, in order): that day's incidents, each road's
    latest closure status as of the day (reopened included), and the frontlines and control areas valid
    that day (no ``valid_from``: always; no ``valid_to``: open-ended)."""
    days = _Days(*(Rows.of(f) for f in (incidents, closures, frontlines, control)))
    by_road = closure_intervals(closures) if days.closures is not None else None  # in the order of days.closures
    for part in days:
        yield DaySlice(
            day=day_to_iso(part.day),
            incidents=incidents.iloc[part.incidents],
            closures=by_road.iloc[part.closures] if part.closures is not None else None,
            frontlines=frontlines.iloc[part.frontlines] if part.frontlines is not None else None,
            control=control.iloc[part.control] if part.control is not None else None,
        )


def write_day_pages(
    incidents: pd.DataFrame | Rows,
    out_dir: str | Path,
    *,
    closures: pd.DataFrame | Rows | None = None,
    frontlines: pd.DataFrame | Rows | None = None,
    control: pd.DataFrame | Rows | None = None,
    assets: str = "local",
    tiles: str = "none",
    title: str = "",
    timeline: bool = True,
    progress: bool = False,
) -> DayPages:
    """One page per day (``YYYY-MM-DD.html``, see :func:`day_slices` for what each shows), an ``index.html``
    listing days with counts by type, and a ``timeline.html`` with a day slider over everything.

    Colours per actor are computed once for the whole run, so an actor keeps its colour from day to day.
    A page whose content is unchanged since the last run into ``out_dir`` is not drawn or written again
    (see :mod:`maps.manifest`). ``progress`` shows a progress bar on stderr.
    """
    if assets not in MODES:
        raise ValueError(f"assets must be one of {', '.join(MODES)}, not {assets!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DayPages(out_dir=out_dir, index=out_dir / "index.html", timeline=None)
    manifest = PageManifest(out_dir)
    inputs = input_digest([incidents, closures, frontlines, control],
                          {"assets": assets, "tiles": tiles, "title": title, "timeline": timeline})  # fmt: skip
    last = manifest.unchanged_run(inputs)
    if last is not None:  # the same input as last time, and every file as it was written: nothing to do
        return _as_recorded(result, last["result"])
    if assets == "local":
        copy_assets(out_dir)
    incidents, closures, frontlines, control = (Rows.of(wgs84(f)) for f in (incidents, closures, frontlines, control))
    palette = actor_palette(incidents, control)
    # Every incident's properties in one pass; each day takes its rows. Days with the same closures in force
    # share their layer.
    features = IncidentFeatures(incidents) if len(incidents) else None
    days = _Days(incidents, closures, frontlines, control)
    closure_layers: dict[bytes, tuple[Rows, LayerData]] = {}
    options = {"title": title, "tiles": tiles, "palette": palette}
    with _PageWriter(out_dir, assets, manifest) as writer:
        for part in tqdm(days, total=len(days.days), desc="day pages", unit=" page", disable=not progress,
                         file=sys.stderr):  # fmt: skip
            iso = day_to_iso(part.day)
            day_closures = closure_layer = None
            if part.closures is not None:
                key = part.closures.tobytes()
                if key not in closure_layers:
                    held = days.closures.rows.take(part.closures)
                    closure_layers[key] = (held, closure_data(held, latest_only=True))
                day_closures, closure_layer = closure_layers[key]
            content = map_content(
                features, part.incidents, day_closures,
                frontlines.take(part.frontlines) if part.frontlines is not None and len(part.frontlines) else None,
                control.take(part.control) if part.control is not None and len(part.control) else None,
                date_label=iso, closure_layer=closure_layer, **options,
            )  # fmt: skip
            result.days[iso] = writer.page(content, out_dir / f"{iso}.html")
            counts = Counter(features.event_types[i] for i in part.incidents) if features else Counter()
            if part.closures is not None:
                counts[CLOSURES_IN_FORCE] = len(part.closures)
            result.counts[iso] = dict(counts)

        if timeline and (len(incidents) or (closures is not None and len(closures))):
            content = map_content(features, np.arange(len(incidents)), closures, frontlines, control, date_label="",
                                  timeline=True, **options)  # fmt: skip
            result.timeline = writer.page(content, out_dir / "timeline.html")
        if features is not None:
            # the whole period on one map, clustered and coloured by type: the index shows it at the top. Its popups
            # link to the day's map instead of repeating the evidence, which keeps a long period's page light.
            content = map_content(features.without_evidence(), np.arange(len(incidents)), closures, frontlines, control,
                                  colour_by="type", day_links=True, date_label=_period(result.days), minimap=False,
                                  **options)  # fmt: skip
            result.overview = writer.page(content, out_dir / "overview.html")
    result.undated = days.undated
    write_bytes_if_changed(result.index, index_html(result, title=title).encode("utf-8"))
    made = [result.index] + (sorted(p for p in (out_dir / ASSET_DIR_NAME).rglob("*") if p.is_file())
                             if assets == "local" else [])  # fmt: skip
    recorded = {"days": result.counts, "timeline": result.timeline is not None, "overview": result.overview is not None,
                "undated": result.undated}
    manifest.record_run(inputs, recorded, made)
    manifest.save()
    return result


def _as_recorded(result: DayPages, recorded: dict) -> DayPages:
    """The pages a run recorded in the manifest (see :meth:`PageManifest.record_run`)."""
    result.counts = {day: dict(counts) for day, counts in recorded["days"].items()}
    result.days = {day: result.out_dir / f"{day}.html" for day in result.counts}
    result.timeline = result.out_dir / "timeline.html" if recorded["timeline"] else None
    result.overview = result.out_dir / "overview.html" if recorded["overview"] else None
    result.undated = recorded.get("undated", 0)
    return result


class _PageWriter:
    """Writes pages on a few threads while the next ones are drawn, and records them in the manifest.

    Writing is mostly waiting for the disk (each page is fsynced before it is renamed into place): on threads
    that wait overlaps the drawing, and the file system commits several pages' fsyncs at once. The folder
    itself is synced once, in :meth:`close`, not after each page.
    """

    THREADS = 4
    BACKLOG = 64  # pages drawn but not yet written, at most (self-contained pages are large)

    def __init__(self, folder: Path, assets: str, manifest: PageManifest) -> None:
        self.folder, self.assets, self.manifest = folder, assets, manifest
        self._pool = ThreadPoolExecutor(max_workers=self.THREADS, thread_name_prefix="page-writer")
        self._pending: deque[tuple[Future, Path, str]] = deque()

    def page(self, content: MapContent, path: Path) -> Path:
        """Write the page of ``content`` to ``path`` unless the manifest says ``path`` already holds it."""
        key = page_key(content.digest(), self.assets)
        if not self.manifest.is_current(path, key):
            data = resolve_assets(page_text(content), self.assets).encode("utf-8")
            self._pending.append((self._pool.submit(write_bytes_atomic, path, data, sync_folder=False), path, key))
            while len(self._pending) > self.BACKLOG:
                self._done(*self._pending.popleft())
        return path

    def _done(self, future: Future, path: Path, key: str) -> None:
        future.result()  # a failed write raises here
        self.manifest.record(path, key)

    def __enter__(self) -> _PageWriter:
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        """Wait for every page, then sync the folder: the pages' renames are durable before the index links them
        and the manifest lists them. After an error, pages not yet written are dropped (and not recorded)."""
        try:
            while self._pending and error is None:
                self._done(*self._pending.popleft())
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
        fsync_folder(self.folder)


def index_html(pages: DayPages, *, title: str = "") -> str:
    """The index page (see :mod:`maps.index_page`): overview map, chart over time, days grouped by month."""
    return render_index(
        {iso: path.name for iso, path in pages.days.items()}, pages.counts, title=title,
        overview=pages.overview.name if pages.overview else None,
        timeline=pages.timeline.name if pages.timeline else None, undated=pages.undated,
    )  # fmt: skip


def _period(days: dict[str, Path]) -> str:
    return f"{min(days)} – {max(days)}" if days else ""


__all__ = ["DayPages", "DaySlice", "day_slices", "index_html", "write_day_pages"]
