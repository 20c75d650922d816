"""Frontlines three ways: estimated from a day's clashes, derived from control areas, imported from files.

pandas and geopandas load when lines are drawn, not on import: a run reads the rules (:data:`WINDOW_DAYS`,
:data:`MIN_CLASHES`) for every batch, and most batches of a small run have too few clashes to draw any line.
"""

from __future__ import annotations

import hashlib
import math
import re
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from maps.rows import column, day_numbers, day_to_iso, located_mask, text_column

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

CRS = "EPSG:4326"
FRONTLINE_COLUMNS = ["frontline_id", "side_a", "side_b", "valid_from", "valid_to", "method", "source", "geometry"]
CLASH_TYPES = frozenset({"Battles"})
#: The columns of incidents :func:`estimate_frontlines` reads (beside the geometry).
ESTIMATE_COLUMNS = ("incident_id", "event_type", "event_date", "actor1", "actor1_ar", "actor2", "actor2_ar",
                    "geo_precision")
ESTIMATE_SOURCE = "estimated by geo-incidents from clash reports"
#: Control polygons rarely share an exact edge; boundaries closer than this (degrees, ~200 m) count as shared.
SHARED_EDGE_TOLERANCE = 0.002


def _empty() -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.GeoDataFrame({c: [] for c in FRONTLINE_COLUMNS[:-1]}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def _frontline_id(*parts: object) -> str:
    return "fl-" + hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def order_along_axis(points: np.ndarray) -> np.ndarray:
    """Sort lon/lat points along their principal axis (longitude scaled by cos(latitude) so a degree east
    and a degree north weigh what they measure). A line through clash sites in this order does not zig-zag."""
    lat0 = np.deg2rad(points[:, 1].mean())
    xy = np.column_stack([points[:, 0] * np.cos(lat0), points[:, 1]])
    centred = xy - xy.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    projection = centred @ vt[0]
    return points[np.argsort(projection, kind="stable")]


#: An estimate needs this much evidence: clash reports between the same two sides, at distinct sites, within a
#: window of days ending on the day it is drawn for. Fewer clashes say where fighting was, not where a line runs.
MIN_CLASHES = 3
MIN_SITES = 2
WINDOW_DAYS = 3
#: Half-width of the band (metres) for a site of each geo precision (an exact place is a quarter, not a point).
SITE_UNCERTAINTY_M = {1: 500, 2: 4000, 3: 15000}
BAND_LIMITS_M = (300, 15000)
EARTH_M_PER_DEGREE = 111_320.0


def estimate_frontlines(incidents: pd.DataFrame, *, days: object = None) -> gpd.GeoDataFrame:
    """Estimated contact lines, drawn only where the evidence suffices.

    For each day D on which two sides clashed, and each such pair: when the window of :data:`WINDOW_DAYS` days
    ending on D holds at least :data:`MIN_CLASHES` clash reports between them at :data:`MIN_SITES` or more
    distinct sites, a line through the sites ordered along their principal axis, valid on D only, ``method``
    "estimated". ``uncertainty_m`` is the half-width of the band it is drawn as: the sites' own precision or
    half the mean gap between neighbouring sites, whichever is larger, widened when the evidence is thin.
    ``source`` spells out the method and the incidents it rests on with their dates (it is what the store keeps).
    ``days`` (dates) limits the output to those days.
    """
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import LineString

    if incidents is None or len(incidents) == 0:
        return _empty()
    mask = located_mask(incidents) & np.isin(text_column(incidents, "event_type"), list(CLASH_TYPES))
    frame = incidents[mask]
    if len(frame) == 0:
        return _empty()
    geoms = np.asarray(frame.geometry.values, dtype=object)
    points = shapely.get_coordinates(shapely.point_on_surface(geoms))
    side1 = [a or b for a, b in zip(text_column(frame, "actor1"), text_column(frame, "actor1_ar"), strict=True)]
    side2 = [a or b for a, b in zip(text_column(frame, "actor2"), text_column(frame, "actor2_ar"), strict=True)]
    precision = pd.to_numeric(column(frame, "geo_precision", 1), errors="coerce").fillna(1).clip(1, 3).astype(int)
    days_of = day_numbers(column(frame, "event_date"))
    xs, ys = np.round(points[:, 0], 5), np.round(points[:, 1], 5)
    precisions, ids = precision.to_numpy(), text_column(frame, "incident_id")
    # The reports of each pair of sides (in the frame's order), in plain Python: a batch of a run asks for a few
    # days, and a table operation per pair and day cost more than the work.
    by_pair: dict[tuple[str, str], list[int]] = {}
    for i, (x, y, day) in enumerate(zip(side1, side2, days_of, strict=True)):
        a, b = min(x, y), max(x, y)
        if a != "" and b != "" and a != b and day is not None:
            by_pair.setdefault((a, b), []).append(i)
    wanted = None if days is None else {d for d in day_numbers(list(days)) if d is not None}
    rows = []
    for side_a, side_b in sorted(by_pair):
        reports = by_pair[(side_a, side_b)]
        for day in sorted({days_of[i] for i in reports}):
            if wanted is not None and day not in wanted:
                continue
            window = [i for i in reports if day - WINDOW_DAYS < days_of[i] <= day]
            first_at: dict[tuple, int] = {}
            for i in window:
                first_at.setdefault((xs[i], ys[i]), i)
            sites = list(first_at.values())  # the first report at each site, in order
            if len(window) < MIN_CLASHES or len(sites) < MIN_SITES:
                continue
            ordered = order_along_axis(np.column_stack([xs[sites], ys[sites]]))
            band = band_half_width(ordered, precisions[sites], len(window))
            iso = day_to_iso(day)
            evidence = sorted(((days_of[i], ids[i]) for i in window), reverse=True)
            rows.append({
                "frontline_id": _frontline_id("estimated", iso, side_a, side_b),
                "side_a": side_a, "side_b": side_b, "valid_from": iso, "valid_to": iso, "method": "estimated",
                "source": estimate_source(len(window), len(sites), day, band, evidence),
                "incident_ids": ";".join(i for _, i in evidence), "uncertainty_m": band,
                "geometry": LineString(ordered),
            })  # fmt: skip
    if not rows:
        return _empty()
    return gpd.GeoDataFrame(rows, columns=[*FRONTLINE_COLUMNS[:-1], "incident_ids", "uncertainty_m", "geometry"],
                            geometry="geometry", crs=CRS)  # fmt: skip


def band_half_width(ordered: np.ndarray, precisions: np.ndarray, reports: int) -> int:
    """Metres either side of an estimated line that it may lie in (see :func:`estimate_frontlines`)."""
    lat0 = np.deg2rad(ordered[:, 1].mean())
    steps = np.diff(ordered, axis=0) * [np.cos(lat0), 1.0] * EARTH_M_PER_DEGREE
    half_gap = float(np.hypot(steps[:, 0], steps[:, 1]).mean()) / 2 if len(steps) else 0.0
    site = max(SITE_UNCERTAINTY_M.get(int(q), SITE_UNCERTAINTY_M[3]) for q in precisions)
    width = max(site, half_gap) * math.sqrt(MIN_CLASHES / max(reports, 1))
    return int(round(min(max(width, BAND_LIMITS_M[0]), BAND_LIMITS_M[1]), -1))


ESTIMATE_PATTERN = re.compile(r"±(?P<band>\d+) m\b.*?incidents: (?P<ids>.*)$")


def estimate_source(reports: int, sites: int, day: int, band: int, evidence: list[tuple[int, str]]) -> str:
    """The method and the evidence in words (English, like the other sources); :func:`parse_estimate` reads it."""
    first = day_to_iso(day - WINDOW_DAYS + 1)
    listed = "; ".join(f"{incident_id} ({day_to_iso(d)})" for d, incident_id in evidence)
    return (f"{ESTIMATE_SOURCE}: {reports} clashes between the two sides at {sites} sites, {first} to "
            f"{day_to_iso(day)}; a line through the sites, ±{band} m; incidents: {listed}")  # fmt: skip


def parse_estimate(source: str) -> tuple[int | None, list[tuple[str, str]]]:
    """Band half-width and (incident id, date) pairs from an estimate's ``source`` text (None, [] if absent)."""
    match = ESTIMATE_PATTERN.search(source or "")
    if not match:
        return None, []
    pairs = []
    for part in match.group("ids").split("; "):
        found = re.fullmatch(r"(?P<id>.+?) \((?P<day>\d{4}-\d{2}-\d{2})\)", part.strip())
        if found:
            pairs.append((found.group("id"), found.group("day")))
    return int(match.group("band")), pairs


def frontlines_from_control(control: pd.DataFrame) -> gpd.GeoDataFrame:
    """The shared boundary of two sides' control polygons, for each pair whose validity overlaps;
    ``method`` "derived", valid over the overlap of the two polygons' dates."""
    import geopandas as gpd

    if control is None or len(control) == 0:
        return _empty()
    frame = control[located_mask(control)]
    actors = text_column(frame, "actor")
    starts, ends = day_numbers(column(frame, "valid_from")), day_numbers(column(frame, "valid_to"))
    geoms = shapely.make_valid(np.asarray(frame.geometry.values, dtype=object))
    rows = []
    for i, j in combinations(range(len(frame)), 2):
        if actors[i] == actors[j]:
            continue
        start = max((s for s in (starts[i], starts[j]) if s is not None), default=None)
        end = min((e for e in (ends[i], ends[j]) if e is not None), default=None)
        if start is not None and end is not None and start > end:
            continue
        a, b = geoms[i], geoms[j]
        if a.distance(b) > SHARED_EDGE_TOLERANCE:
            continue
        shared = shapely.intersection(a.boundary, b.buffer(SHARED_EDGE_TOLERANCE))
        lines = _lines_only(shared)
        if lines is None or lines.length < SHARED_EDGE_TOLERANCE:
            continue
        side_a, side_b = sorted((actors[i], actors[j]))
        rows.append({
            "frontline_id": _frontline_id("derived", side_a, side_b, start, end),
            "side_a": side_a, "side_b": side_b,
            "valid_from": day_to_iso(start) or None, "valid_to": day_to_iso(end) or None,
            "method": "derived", "source": "control areas", "geometry": lines,
        })  # fmt: skip
    if not rows:
        return _empty()
    return gpd.GeoDataFrame(rows, columns=FRONTLINE_COLUMNS, geometry="geometry", crs=CRS)


def _lines_only(geom):
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
    if not parts:
        return None
    return shapely.line_merge(shapely.union_all(parts))


#: Column names analysts use, lower-cased -> ours (GDAL's KML drivers give Name, begin, end).
_ALIASES = {
    "side_a": ("side_a", "actor", "actor1", "actor_a", "side1", "name"),
    "side_b": ("side_b", "actor2", "actor_b", "side2", "opponent"),
    "valid_from": ("valid_from", "from", "begin", "start", "date", "timestamp", "date_from"),
    "valid_to": ("valid_to", "to", "end", "until", "date_to"),
    "source": ("source", "description", "author"),
    "frontline_id": ("frontline_id", "id"),
}


def read_frontlines(path: str | Path) -> gpd.GeoDataFrame:
    """Read an analyst's frontline file (GeoJSON, KML or anything GDAL reads) as lines, ``method`` "imported".

    Columns are matched by common names (see ``_ALIASES``); non-line rows are dropped, naming the row.
    """
    import geopandas as gpd
    import pyogrio

    path = Path(path)
    try:
        raw = pyogrio.read_dataframe(path)
    except Exception as err:  # pyogrio raises several DataSourceError kinds
        raise ValueError(f"{path}: cannot read frontlines: {err}") from err
    if raw.crs is not None and raw.crs.to_epsg() != 4326:
        raw = raw.to_crs(CRS)
    lower = {c.lower(): c for c in raw.columns if c != "geometry"}
    out = {}
    for ours, names in _ALIASES.items():
        found = next((lower[n] for n in names if n in lower), None)
        out[ours] = raw[found].astype(object).where(raw[found].notna(), None) if found else [None] * len(raw)
    frame = gpd.GeoDataFrame(out, geometry=raw.geometry.values, crs=CRS)
    types = frame.geometry.geom_type
    bad = ~types.isin(["LineString", "MultiLineString"])
    if bad.all() and len(frame):
        raise ValueError(f"{path}: no LineString features (first row 1 is {types.iloc[0]})")
    frame = frame[~bad].copy()
    frame["method"] = "imported"
    frame["source"] = [s or path.name for s in frame["source"]]
    frame["valid_from"] = [day_to_iso(d) or None for d in day_numbers(frame["valid_from"])]
    frame["valid_to"] = [day_to_iso(d) or None for d in day_numbers(frame["valid_to"])]
    frame["frontline_id"] = [fid or _frontline_id("imported", path.name, i)
                             for i, fid in zip(frame.index, frame["frontline_id"], strict=True)]  # fmt: skip
    return frame[FRONTLINE_COLUMNS].reset_index(drop=True)
