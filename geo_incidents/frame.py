"""Incident records to and from GeoDataFrames, in the documented column order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

import geopandas as gpd
import pandas as pd

from geo_incidents.model import INCIDENT_COLUMNS, EventType, Incident

#: Columns whose values are lists in :class:`Incident` and ';'-joined strings in tables.
LIST_COLUMNS = ("article_ids", "source_urls")
CRS = "EPSG:4326"
_FIELD_NAMES = tuple(f.name for f in fields(Incident))
#: Integer fields: tables may hold them as floats (a column with gaps) or pandas' nullable Int64.
_INT_FIELDS = tuple(f.name for f in fields(Incident) if str(f.type).startswith("int"))


def incidents_to_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame with every column of :data:`INCIDENT_COLUMNS`, then ``geometry``.

    ``latitude``/``longitude`` are the representative point of the geometry (a road's middle for a
    closure), so that tabular tools without geometry support still place every row.
    """
    rows = []
    geoms = []
    for inc in incidents:
        # Not dataclasses.asdict: it deep-copies every value, geometries included (slow, and not needed).
        row = {name: getattr(inc, name) for name in _FIELD_NAMES}
        geom = row.pop("geometry")
        for col in LIST_COLUMNS:
            row[col] = ";".join(row[col])
        point = _representative_point(geom)
        row["latitude"] = round(point.y, 7) if point is not None else None
        row["longitude"] = round(point.x, 7) if point is not None else None
        rows.append(row)
        geoms.append(geom)
    frame = pd.DataFrame(rows, columns=list(INCIDENT_COLUMNS))
    frame["event_date"] = pd.to_datetime(frame["event_date"]).dt.date
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def frame_to_incidents(frame: gpd.GeoDataFrame) -> list[Incident]:
    """Inverse of :func:`incidents_to_frame` (used when merging new reports into a store).

    Works column by column (missing values to None, dates to ``date``, lists split) and only then
    builds the records, so large frames convert quickly.
    """
    names = [name for name in frame.columns if name in _FIELD_NAMES and name != "geometry"]
    table = frame[names].astype(object)
    table = table.where(table.notna(), None)
    columns = {name: table[name].tolist() for name in names}
    if "event_date" in columns:
        stamps = pd.to_datetime(frame["event_date"], errors="coerce")
        columns["event_date"] = [None if pd.isna(s) else s.date() for s in stamps]
    for name in _INT_FIELDS:
        if name in columns:
            columns[name] = [None if v is None else int(v) for v in columns[name]]
    for name in LIST_COLUMNS:
        if name in columns:
            columns[name] = [[part for part in str(v or "").split(";") if part] for v in columns[name]]
    geoms = [None if g is None or g.is_empty else g for g in frame.geometry]
    return [
        Incident(geometry=geom, **{name: columns[name][i] for name in names}) for i, geom in enumerate(geoms)
    ]


def split_layers(frame: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """Split incidents by what a GIS layer can hold: points vs road-closure lines vs unlocated rows."""
    is_closure = frame["event_type"] == EventType.ROAD_CLOSURE
    located = frame.geometry.notna() & ~frame.geometry.is_empty
    return {
        "incidents": frame[~is_closure & located],
        "road_closures": frame[is_closure & located],
        "unlocated": frame[~located],
    }


def _representative_point(geom):
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "Point":
        return geom
    if geom.geom_type in ("LineString", "MultiLineString"):
        return geom.interpolate(0.5, normalized=True)
    return geom.representative_point()



def json_records(frame: gpd.GeoDataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: missing values (None, NaN, NaT, pd.NA) as None, never NaN; numbers as
    Python ints and floats, dates as ISO 8601 text, the geometry as WKT (7 decimals)."""
    import math
    from datetime import date, datetime

    import numpy as np
    import shapely

    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    columns = [c for c in frame.columns if c != geometry]

    def plain(value):
        if value is None or value is pd.NaT or value is pd.NA:
            return None
        if isinstance(value, bool | np.bool_):
            return bool(value)
        if isinstance(value, int | np.integer):
            return int(value)
        if isinstance(value, float | np.floating):
            return None if math.isnan(value) else float(value)
        if isinstance(value, pd.Timestamp | datetime):
            return None if pd.isna(value) else (value.date().isoformat() if _midnight(value) else value.isoformat())
        if isinstance(value, date):
            return value.isoformat()
        return value if isinstance(value, str) else str(value)

    table = frame[columns].astype(object).to_numpy()
    records = [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in table]
    if geometry is not None:
        wkt = shapely.to_wkt(frame.geometry.to_numpy(), rounding_precision=7, trim=True)
        for record, text in zip(records, wkt, strict=True):
            record["geometry"] = text
    return records


def _midnight(stamp) -> bool:
    return stamp.hour == stamp.minute == stamp.second == stamp.microsecond == 0 and stamp.tzinfo is None
