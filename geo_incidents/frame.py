"""Incident records to and from GeoDataFrames, in the documented column order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date

import geopandas as gpd
import pandas as pd

from geo_incidents.model import INCIDENT_COLUMNS, EventType, Incident

#: Columns whose values are lists in :class:`Incident` and ';'-joined strings in tables.
LIST_COLUMNS = ("article_ids", "source_urls")
CRS = "EPSG:4326"


def incidents_to_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame with every column of :data:`INCIDENT_COLUMNS`, then ``geometry``.

    ``latitude``/``longitude`` are the representative point of the geometry (a road's middle for a
    closure), so that tabular tools without geometry support still place every row.
    """
    rows = []
    geoms = []
    for inc in incidents:
        row = asdict(inc)
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
    """Inverse of :func:`incidents_to_frame` (used when merging new reports into a store)."""
    fields = Incident.__dataclass_fields__
    out = []
    for record, geom in zip(frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True):
        kwargs = {k: _clean(v) for k, v in record.items() if k in fields}
        for col in LIST_COLUMNS:
            value = kwargs.get(col) or ""
            kwargs[col] = [part for part in str(value).split(";") if part]
        event_date = kwargs.get("event_date")
        if isinstance(event_date, str):
            kwargs["event_date"] = date.fromisoformat(event_date[:10])
        elif hasattr(event_date, "date") and not isinstance(event_date, date):
            kwargs["event_date"] = event_date.date()
        kwargs["geometry"] = None if geom is None or geom.is_empty else geom
        out.append(Incident(**kwargs))
    return out


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


def _clean(value):
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value
