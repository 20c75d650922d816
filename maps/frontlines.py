"""Frontlines three ways: estimated from a day's clashes, derived from control areas, imported from files."""

from __future__ import annotations

import hashlib
from itertools import combinations
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString

from maps.features import column, day_numbers, day_to_iso, located_mask, text_column

CRS = "EPSG:4326"
FRONTLINE_COLUMNS = ["frontline_id", "side_a", "side_b", "valid_from", "valid_to", "method", "source", "geometry"]
CLASH_TYPES = frozenset({"Battles"})
ESTIMATE_SOURCE = "estimated by geo-incidents from clash reports"
#: Control polygons rarely share an exact edge; boundaries closer than this (degrees, ~200 m) count as shared.
SHARED_EDGE_TOLERANCE = 0.002


def _empty() -> gpd.GeoDataFrame:
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


def estimate_frontlines(incidents: pd.DataFrame) -> gpd.GeoDataFrame:
    """For each day and each pair of sides that clashed at two or more distinct sites, a line through the
    sites ordered along their principal axis; ``method`` is "estimated", valid that day only."""
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
    work = pd.DataFrame({
        "day": day_numbers(column(frame, "event_date")),
        "a": [min(x, y) for x, y in zip(side1, side2, strict=True)],
        "b": [max(x, y) for x, y in zip(side1, side2, strict=True)],
        "x": np.round(points[:, 0], 5), "y": np.round(points[:, 1], 5),
        "source": text_column(frame, "incident_id"),
    })  # fmt: skip
    work = work[(work["a"] != "") & (work["b"] != "") & (work["a"] != work["b"]) & work["day"].notna()]
    rows = []
    for (day, side_a, side_b), group in work.groupby(["day", "a", "b"], sort=True):
        sites = group.drop_duplicates(["x", "y"])
        if len(sites) < 2:
            continue
        ordered = order_along_axis(sites[["x", "y"]].to_numpy())
        iso = day_to_iso(int(day))
        rows.append({
            "frontline_id": _frontline_id("estimated", iso, side_a, side_b),
            "side_a": side_a, "side_b": side_b, "valid_from": iso, "valid_to": iso, "method": "estimated",
            "source": ESTIMATE_SOURCE, "incident_ids": ";".join(sorted(set(group["source"]))),
            "geometry": LineString(ordered),
        })  # fmt: skip
    if not rows:
        return _empty()
    return gpd.GeoDataFrame(rows, columns=[*FRONTLINE_COLUMNS[:-1], "incident_ids", "geometry"], geometry="geometry",
                            crs=CRS)  # fmt: skip


def frontlines_from_control(control: pd.DataFrame) -> gpd.GeoDataFrame:
    """The shared boundary of two sides' control polygons, for each pair whose validity overlaps;
    ``method`` "derived", valid over the overlap of the two polygons' dates."""
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
