"""The store's schema, written once for both back ends (GeoPackage and PostGIS).

Every layer is a table with an ordered list of typed columns and at most one geometry column named
``geometry``. The back ends translate the logical types (text, integer, real, boolean, date,
datetime) into SQL; this module also turns rows read back into GeoDataFrames of the same dtypes,
whichever back end they came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from geo_incidents.model import INCIDENT_COLUMNS, Incident

if TYPE_CHECKING:  # numpy and shapely load when rows are read or written, not on import
    import numpy as np
    import pandas as pd

SRID = 4326

_INCIDENT_TYPES = {
    "event_date": "date",
    "time_precision": "integer",
    "inter1": "integer",
    "inter2": "integer",
    "latitude": "real",
    "longitude": "real",
    "geo_precision": "integer",
    "fatalities": "integer",
    "fatalities_low": "integer",
    "fatalities_high": "integer",
    "injured_low": "integer",
    "injured_high": "integer",
    "civilian_casualties": "boolean",
    "evidence_start": "integer",
    "evidence_end": "integer",
    "confidence": "real",
    "approximate_geometry": "boolean",
    "corrected": "boolean",
}
INCIDENT_SCHEMA: tuple[tuple[str, str], ...] = tuple(
    (name, _INCIDENT_TYPES.get(name, "text")) for name in INCIDENT_COLUMNS
)
#: Store-only column of the incident layers: an analyst rejected the incident. The row stays (the
#: correction is history and applies again at every re-run); reads leave it out unless asked.
REJECTED = "rejected"
STORED_INCIDENT_SCHEMA = (*INCIDENT_SCHEMA, (REJECTED, "boolean"))

#: Analysts' corrections (see :mod:`geo_incidents.corrections`): one row per correction, applied in
#: ``created`` order to the incident ``incident_id`` whenever incidents are written.
CORRECTION_SCHEMA: tuple[tuple[str, str], ...] = (
    ("correction_id", "text"),
    ("incident_id", "text"),
    ("action", "text"),
    ("value", "text"),
    ("place_id", "text"),
    ("location", "text"),
    ("latitude", "real"),
    ("longitude", "real"),
    ("geo_precision", "integer"),
    ("admin1", "text"),
    ("admin2", "text"),
    ("event_date", "date"),
    ("evidence", "text"),
    ("article_id", "text"),
    ("span_start", "integer"),
    ("span_end", "integer"),
    ("before", "text"),
    ("author", "text"),
    ("created", "datetime"),
    ("note", "text"),
)


@dataclass(frozen=True)
class Layer:
    """One table: ``key`` is unique and is what upserts replace by."""

    name: str
    columns: tuple[tuple[str, str], ...]
    geometry_type: str | None
    key: str

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    @property
    def kinds(self) -> dict[str, str]:
        return dict(self.columns)


LAYERS: dict[str, Layer] = {
    layer.name: layer
    for layer in (
        Layer("incidents", STORED_INCIDENT_SCHEMA, "POINT", "incident_id"),
        Layer("road_closures", STORED_INCIDENT_SCHEMA, "LINESTRING", "incident_id"),
        Layer(
            "frontlines",
            (
                ("frontline_id", "text"),
                ("side_a", "text"),
                ("side_b", "text"),
                ("valid_from", "date"),
                ("valid_to", "date"),
                ("method", "text"),
                ("source", "text"),
            ),
            "LINESTRING",
            "frontline_id",
        ),
        Layer(
            "control_areas",
            (
                ("area_id", "text"),
                ("side", "text"),
                ("valid_from", "date"),
                ("valid_to", "date"),
                ("method", "text"),
                ("source", "text"),
            ),
            "POLYGON",
            "area_id",
        ),
        Layer("places", (("id", "text"), ("name_ar", "text"), ("kind", "text")), "POINT", "id"),
        Layer(
            "articles",
            (
                ("id", "text"),
                ("content_hash", "text"),
                ("title", "text"),
                ("published", "date"),
                ("source", "text"),
                ("url", "text"),
                ("origin", "text"),
                ("run_id", "text"),
            ),
            None,
            "id",
        ),
        Layer(
            "runs",
            (
                ("run_id", "text"),
                ("started", "datetime"),
                ("finished", "datetime"),
                ("command", "text"),
                ("articles", "integer"),
                ("incidents", "integer"),
                ("road_closures", "integer"),
                ("frontlines", "integer"),
                ("counts", "text"),
            ),
            None,
            "run_id",
        ),
        Layer("corrections", CORRECTION_SCHEMA, None, "correction_id"),
    )
}

#: Secondary indexes both back ends create: the date look-ups of merging and frontline replacement.
INDEXES: tuple[tuple[str, str], ...] = (
    ("incidents", "event_date"),
    ("road_closures", "event_date"),
    ("frontlines", "valid_from"),
    ("control_areas", "valid_from"),
    ("corrections", "incident_id"),
)


def layer(name: str) -> Layer:
    try:
        return LAYERS[name]
    except KeyError:
        raise ValueError(f"unknown layer {name!r}; layers are {', '.join(LAYERS)}") from None


def column_values(series: pd.Series | list, kind: str, flavour: str) -> list:
    """Python values ready for a DB driver: ``flavour`` 'sqlite' stores dates as ISO text, 'postgres' natively.

    Values are taken out of pandas once (missing ones as None) and converted in plain Python: a batch writes
    every column of every layer, so per-column pandas work would cost more than the rows. A plain list (keys
    to delete, read filters) is converted without pandas, NaN as missing.
    """
    if isinstance(series, list):
        values = [None if v is None or (type(v) is float and v != v) or type(v).__name__ in _PANDAS_MISSING else v
                  for v in series]
        if kind == "real" and all(v is None or isinstance(v, int | float) for v in values):
            return [None if v is None or v != v else float(v) for v in values]
        if kind == "datetime":
            stamps = _utc_stamps(values, flavour)
            if stamps is not None:
                return stamps
        elif kind != "real":
            return _python_values(values, kind, flavour)
    import pandas as pd

    if kind == "datetime":
        stamps = pd.to_datetime(series, errors="coerce", utc=True)
        if flavour == "sqlite":
            return [None if pd.isna(t) else t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z" for t in stamps]
        return [None if pd.isna(t) else t.to_pydatetime() for t in stamps]
    if kind == "real":
        values = pd.to_numeric(series, errors="coerce").astype(float).to_numpy()
        return [None if v != v else float(v) for v in values]
    return _python_values(series.to_numpy(dtype=object, na_value=None), kind, flavour)


#: pandas' missing-value types (pd.NA, pd.NaT), told apart by name so that plain lists need no pandas.
_PANDAS_MISSING = frozenset({"NAType", "NaTType"})


def _utc_stamps(values: list, flavour: str) -> list | None:
    """Plain ``datetime`` objects and ISO 8601 texts (a run's start and end) as :func:`column_values` gives
    them through pandas (naive ones read as UTC), or None when a value is of another kind."""
    out = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        if type(value) is str:
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return None
        if type(value) is not datetime:
            return None
        stamp = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        out.append(stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z" if flavour == "sqlite" else stamp)
    return out


def _python_values(values, kind: str, flavour: str) -> list:
    """:func:`column_values` of values already out of pandas, missing ones as None."""
    if kind == "text":
        return [None if v is None else v if type(v) is str else str(v) for v in values]
    if kind == "integer":
        return [None if v is None else int(v) for v in values]
    if kind == "boolean":
        cast = int if flavour == "sqlite" else bool
        return [None if v is None else cast(bool(v)) for v in values]
    if kind == "date":
        return [_date_value(v, flavour) for v in values]
    raise ValueError(f"unknown column kind {kind!r}")


def _date_value(value, flavour: str):
    """One date for the driver: ``datetime.date`` as is (or ISO text), anything else read as pandas reads it."""
    if value is None:
        return None
    if type(value) is not date:
        import pandas as pd

        stamp = pd.to_datetime(value, errors="coerce")
        if pd.isna(stamp):
            return None
        value = stamp.date()
    return value.isoformat() if flavour == "sqlite" else value


def table_rows(frame, lyr: Layer, flavour: str) -> list[tuple]:
    """Rows of ``frame`` (a table, or :class:`~geo_incidents.store.batch.LayerRows`) in the layer's column
    order (geometry excluded); missing columns are NULL."""
    given = frame.columns if isinstance(frame.columns, dict) else frame
    columns = []
    for name, kind in lyr.columns:
        if name in frame.columns:
            columns.append(column_values(given[name], kind, flavour))
        else:
            columns.append([None] * len(frame))
    return list(zip(*columns, strict=True)) if columns else []


def table_geometries(frame) -> np.ndarray:
    """The geometries of a table or of :class:`~geo_incidents.store.batch.LayerRows`."""
    return frame.geoms if isinstance(frame.columns, dict) else frame.geometry.to_numpy()


def frame_from_rows(lyr: Layer, rows: Sequence[Sequence], wkb: Sequence[bytes | None] | None):
    """Typed frame from rows read back; same dtypes from both back ends.

    Each column is converted once from plain Python values and the frame built in one step: a store is
    read once a batch, and pandas' per-column work would otherwise cost more than the rows themselves.
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from geo_incidents.frame import CRS

    rows = list(rows)
    values_by_column = list(zip(*rows, strict=True)) if rows else [()] * len(lyr.columns)
    data = {name: _column_from_values(values, kind) for (name, kind), values in
            zip(lyr.columns, values_by_column, strict=True)}
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
    if lyr.geometry_type is None:
        return frame
    geoms = shapely.from_wkb(np.asarray(list(wkb) if wkb is not None else [], dtype=object))
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=CRS, index=frame.index), crs=CRS)


def _column_from_values(values: Sequence, kind: str):
    """One column's values as the store's dtype: text (object, missing as ""), Int64, float, bool, date
    objects (missing as NaT) or UTC timestamps."""
    import numpy as np
    import pandas as pd

    if kind == "text":
        out = np.empty(len(values), dtype=object)
        out[:] = ["" if _missing(v) else v for v in values]
        return out
    if kind == "integer":
        return pd.array([None if _missing(v) else v for v in values], dtype="Int64")
    if kind == "real":
        try:
            return np.array([np.nan if v is None else v for v in values], dtype=float)
        except (TypeError, ValueError):
            return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype(float).to_numpy()
    if kind == "boolean":
        return np.array([False if _missing(v) else bool(v) for v in values], dtype=bool)
    if kind == "date":
        out = np.empty(len(values), dtype=object)
        out[:] = [as_date(v) for v in values]
        return out
    if kind == "datetime":
        return pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", utc=True, format="ISO8601")
    raise ValueError(f"unknown column kind {kind!r}")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def as_date(value):
    """A stored date as ``datetime.date`` (NaT when missing or unreadable), as ``pd.to_datetime(…).dt.date`` gives."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    elif type(value) is date:
        return value
    import pandas as pd

    stamp = pd.to_datetime(value, errors="coerce")
    return pd.NaT if pd.isna(stamp) else stamp.date()


def incidents_from_rows(
    lyr: Layer, rows: Sequence[Sequence], wkb: Sequence[bytes | None], keys: set[tuple] | None = None
) -> list[Incident]:
    """The incidents of an incident layer's rows read back, left out those an analyst rejected: what
    ``frame_to_incidents`` gives for the same rows read as a frame, without building the frame. ``keys``
    keeps only the rows whose (event type, sub-type, date, place id or else location) is one of them.

    Values take the frame's conversions, then the record's: text missing as "", integers as int (None when
    missing), reals as float (None when missing), booleans (False when missing), dates as ``date`` (None
    when missing or unreadable), ';'-joined lists split, empty geometries as None. Converted column by
    column, and the key's columns first, so that rows left out cost next to nothing.
    """
    from geo_incidents.frame import LIST_COLUMNS, incident_fields

    raw = dict(zip(lyr.column_names, zip(*rows, strict=True), strict=True)) if rows else {}
    kept = list(range(len(rows)))
    if REJECTED in raw:
        rejected = raw[REJECTED]
        kept = [i for i in kept if _missing(rejected[i]) or not rejected[i]]
    converted: dict[str, list] = {}

    def values(name: str) -> list:
        if name not in converted:
            column = raw[name]
            converted[name] = _record_values([column[i] for i in kept], lyr.kinds[name], name in LIST_COLUMNS)
        return converted[name]

    if keys is not None and kept:
        found = zip(values("event_type"), values("sub_event_type"), values("event_date"), values("place_id"),
                    values("location"), strict=True)
        wanted = [(kind, sub, day, place or location) in keys for kind, sub, day, place, location in found]
        kept = [i for i, hit in zip(kept, wanted, strict=True) if hit]
        converted = {name: [v for v, hit in zip(column, wanted, strict=True) if hit]
                     for name, column in converted.items()}
    if not kept:
        return []
    import numpy as np
    import shapely

    names = [name for name in lyr.column_names if name in incident_fields()]
    geoms = shapely.from_wkb(np.asarray([wkb[i] for i in kept], dtype=object))
    columns = [values(name) for name in names]
    return [
        Incident(geometry=None if geom is None or geom.is_empty else geom, **dict(zip(names, row, strict=True)))
        for geom, row in zip(geoms, zip(*columns, strict=True), strict=True)
    ]


def plain_columns(lyr: Layer, rows: Sequence[Sequence]) -> dict[str, list]:
    """A layer's rows read back as columns of plain values, as the layer's frame (:func:`frame_from_rows`)
    holds them with its nulls as None: text missing as "", integers and reals as numbers or None, booleans
    (False when missing), dates as ``date`` or None; times as stored."""
    raw = list(zip(*rows, strict=True)) if rows else [()] * len(lyr.columns)
    return {name: list(values) if kind == "datetime" else _record_values(list(values), kind)
            for (name, kind), values in zip(lyr.columns, raw, strict=True)}  # fmt: skip


def _record_values(values: list, kind: str, joined_list: bool = False) -> list:
    """One column read back as :class:`Incident` holds it (see :func:`incidents_from_rows`)."""
    if kind == "text":
        texts = ["" if v is None or v != v else v for v in values]
        return [[part for part in str(v).split(";") if part] for v in texts] if joined_list else texts
    if kind == "integer":
        return [None if v is None or v != v else int(v) for v in values]
    if kind == "real":
        return [None if v is None or v != v else float(v) for v in values]
    if kind == "boolean":
        return [False if v is None or v != v else bool(v) for v in values]
    if kind == "date":
        days = [None if v is None or v != v else as_date(v) for v in values]
        return [None if d is None or d != d else d for d in days]  # NaT: unreadable
    raise ValueError(f"no record conversion for column kind {kind!r}")


def empty_frame(name: str):
    """An empty frame with the layer's columns (and geometry), for layers that have no rows yet."""
    return frame_from_rows(layer(name), [], [])


def filter_values(lyr, filters, dialect: str) -> list[tuple[str, list]]:
    """Read filters as ``(column, values)`` pairs, each value converted for ``dialect`` ("sqlite" or "postgres").

    A filter value is one value or a list/tuple/set of them (any of them matches); both back ends
    build their own SQL from these pairs.
    """
    pairs = []
    for column, value in (filters or {}).items():
        values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        pairs.append((column, column_values(values, lyr.kinds[column], dialect)))
    return pairs
