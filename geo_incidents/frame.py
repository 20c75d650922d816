"""Incident records to and from GeoDataFrames, in the documented column order.

pandas and geopandas load when a table is built (:func:`incidents_to_frame` and friends), not on import:
``extract`` prints its JSON lines with :func:`incident_records` and starts without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import shapely

from geo_incidents.countries import country_table
from geo_incidents.model import INCIDENT_COLUMNS, EventType, Incident

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Columns whose values are lists in :class:`Incident` and ';'-joined strings in tables.
LIST_COLUMNS = ("article_ids", "source_urls")
CRS = "EPSG:4326"
_FIELD_NAMES = tuple(f.name for f in fields(Incident))
#: Integer fields: tables may hold them as floats (a column with gaps) or pandas' nullable Int64.
_INT_FIELDS = tuple(f.name for f in fields(Incident) if str(f.type).startswith("int"))


def incident_fields() -> frozenset[str]:
    """The names of :class:`Incident`'s fields (the columns a table of incidents holds beyond them are derived)."""
    return frozenset(_FIELD_NAMES)


def incidents_to_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame with every column of :data:`INCIDENT_COLUMNS`, then ``geometry``.

    ``latitude``/``longitude`` are the representative point of the geometry (:func:`representative_points`:
    a road's middle, on the road), so that tabular tools without geometry support place every row where
    GIS tools do. ``country`` is the English name and ``iso3`` its ISO 3166 alpha-3 code, as ACLED writes them.
    """
    import geopandas as gpd
    import pandas as pd

    rows = []
    geoms = []
    for inc in incidents:
        # Not dataclasses.asdict: it deep-copies every value, geometries included (slow, and not needed).
        row = {name: getattr(inc, name) for name in _FIELD_NAMES}
        geoms.append(row.pop("geometry"))
        for col in LIST_COLUMNS:
            row[col] = ";".join(row[col])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(INCIDENT_COLUMNS))
    frame["event_date"] = pd.to_datetime(frame["event_date"]).dt.date
    for name in ("inter1", "inter2"):
        frame[name] = pd.array([None if pd.isna(v) else int(v) for v in frame[name]], dtype="Int64")
    frame["country"], frame["iso3"] = country_columns(frame["country"])
    result = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)
    return with_representative_lat_lon(result)


def incident_columns(incidents: Sequence[Incident]) -> tuple[dict[str, list], np.ndarray]:
    """The columns of ``incidents_to_frame(incidents)`` as plain Python values (column -> values, missing ones
    None), and the geometries: what the store writes, built without a table (a run of a few reports need not
    load pandas). Lists joined by ';', dates as ``date``, countries as ACLED names with their ISO code,
    latitude/longitude the representative point (7 decimals)."""
    geoms = np.empty(len(incidents), dtype=object)
    geoms[:] = [inc.geometry for inc in incidents]
    columns: dict[str, list] = {}
    for name in INCIDENT_COLUMNS:
        if name in LIST_COLUMNS:
            columns[name] = [";".join(getattr(inc, name)) for inc in incidents]
        elif name in _FIELD_NAMES:
            columns[name] = [getattr(inc, name) for inc in incidents]
    columns["event_date"] = [day.date() if isinstance(day, datetime) else day for day in columns["event_date"]]
    columns["country"], columns["iso3"] = country_columns(columns["country"])
    lat, lon = representative_lat_lon(geoms)
    columns["latitude"], columns["longitude"] = lat.tolist(), lon.tolist()
    return {name: columns[name] for name in INCIDENT_COLUMNS}, geoms


def representative_points(geoms) -> np.ndarray:
    """One point per geometry, the same wherever a row is drawn: a point itself; a line's middle (half
    its length along it, so a road incident's point is on its road); a polygon's point on its surface.
    Missing or empty geometries give None."""
    geoms = np.asarray(geoms, dtype=object)
    out = np.full(len(geoms), None, dtype=object)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    kind = shapely.get_type_id(geoms)
    points = present & (kind == 0)
    lines = present & ((kind == 1) | (kind == 5))
    other = present & ~points & ~lines
    out[points] = geoms[points]
    if lines.any():
        out[lines] = shapely.line_interpolate_point(geoms[lines], 0.5, normalized=True)
    if other.any():
        out[other] = shapely.point_on_surface(geoms[other])
    return out


def with_representative_lat_lon(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``latitude``/``longitude`` set from the geometry's representative point (7 decimals), in place."""
    frame["latitude"], frame["longitude"] = representative_lat_lon(frame.geometry.to_numpy())
    return frame


def representative_lat_lon(geoms) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes of the geometries' representative points (7 decimals; NaN when missing)."""
    points = representative_points(geoms)
    present = ~shapely.is_missing(points)
    lat = np.full(len(points), np.nan)
    lon = np.full(len(points), np.nan)
    if present.any():
        lon[present] = np.round(shapely.get_x(points[present]), 7)
        lat[present] = np.round(shapely.get_y(points[present]), 7)
    return lat, lon


def country_columns(values: pd.Series) -> tuple[list, list]:
    """(English country name, ISO alpha-3) for each value, given as a name or an ISO alpha-2/alpha-3 code."""
    table = country_table()
    names, codes = [], []
    for value in values:
        hit = table.get(str(value).strip().casefold()) if isinstance(value, str) and value.strip() else None
        names.append(hit[0] if hit else (value if isinstance(value, str) else ""))
        codes.append(hit[1] if hit else "")
    return names, codes


def iso_numeric(iso3: str) -> int | None:
    """ISO 3166 numeric code (ACLED's ``iso`` column) of an alpha-3 code."""
    hit = country_table().get(iso3.casefold()) if isinstance(iso3, str) and iso3 else None
    return hit[2] if hit else None


def frame_to_incidents(frame: gpd.GeoDataFrame) -> list[Incident]:
    """Inverse of :func:`incidents_to_frame` (used when merging new reports into a store).

    Works column by column (missing values to None, dates to ``date``, lists split) and only then
    builds the records, so large frames convert quickly.
    """
    import pandas as pd

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




def json_records(frame: gpd.GeoDataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: missing values (None, NaN, NaT, pd.NA) as None, never NaN; numbers as
    Python ints and floats, dates as ISO 8601 text, the geometry as WKT (7 decimals)."""
    import math
    from datetime import date, datetime

    import geopandas as gpd
    import pandas as pd

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


#: Float and boolean fields of :class:`Incident`, converted like the integer ones in :func:`incident_records`.
_FLOAT_FIELDS = tuple(f.name for f in fields(Incident) if str(f.type).startswith("float"))
_BOOL_FIELDS = tuple(f.name for f in fields(Incident) if str(f.type).startswith("bool"))


def incident_records(incidents: Sequence[Incident]) -> list[dict]:
    """The records of ``json_records(incidents_to_frame(incidents))``, built without a table.

    ``extract`` prints a JSON line per record: going through pandas would load it (about 0.2 s of start-up)
    and cost more per article than extracting it. Same columns, order and values: missing values as
    None, dates as ISO text, latitude/longitude the representative point (7 decimals), the geometry as WKT.
    """
    incidents = list(incidents)
    geoms = np.empty(len(incidents), dtype=object)
    geoms[:] = [inc.geometry for inc in incidents]
    lat, lon = representative_lat_lon(geoms)
    wkt = shapely.to_wkt(geoms, rounding_precision=7, trim=True) if len(geoms) else []
    countries, codes = country_columns([inc.country for inc in incidents])
    records = []
    for i, inc in enumerate(incidents):
        row = {name: getattr(inc, name) for name in _FIELD_NAMES if name != "geometry"}
        for name in LIST_COLUMNS:
            row[name] = ";".join(row[name])
        for name in _INT_FIELDS:
            row[name] = None if row[name] is None else int(row[name])
        for name in _FLOAT_FIELDS:
            value = row[name]
            row[name] = None if value is None or value != value else float(value)
        for name in _BOOL_FIELDS:
            row[name] = None if row[name] is None else bool(row[name])
        day = row["event_date"]
        row["event_date"] = None if day is None else (day.date() if isinstance(day, datetime) else day).isoformat()
        row["country"], row["iso3"] = countries[i], codes[i]
        row["latitude"] = None if lat[i] != lat[i] else float(lat[i])
        row["longitude"] = None if lon[i] != lon[i] else float(lon[i])
        record = {name: _plain_text(row[name]) for name in INCIDENT_COLUMNS}
        record["geometry"] = wkt[i]
        records.append(record)
    return records


def _plain_text(value):
    """A record value as :func:`json_records` gives it: text stays text, other objects become text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
