"""A layer's rows as plain columns: what the map features read from a table, with or without pandas.

The public functions take GeoDataFrames (notebooks, tests, ``geo-incidents map``); the pipeline, which reads its
store record by record, gives :class:`Rows` built from those records, and a small run's pages then load neither
pandas nor geopandas (most of its start-up). Every feature rule reads its columns through :meth:`Rows.values`,
so both kinds of table go through the same code: a frame is only wrapped (:meth:`Rows.of`), its values taken as
pandas holds them, every null (None, NaN, NaT, NA) as None.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import shapely

from gazetteer.normalize import strip_direction_controls

if TYPE_CHECKING:
    import pandas as pd


class Rows:
    """Columns of plain values (None where missing) and an array of shapely geometries (None where missing;
    ``geometry`` None: the table has no geometry column). Coordinates are longitude/latitude (EPSG:4326)."""

    def __init__(self, columns: dict[str, Sequence], geometry: np.ndarray | None = None) -> None:
        self._columns = {name: list(values) for name, values in columns.items()}
        self._clean: dict[str, list] = {}  # columns read so far, nulls as None
        self._geometry = None if geometry is None else np.asarray(geometry, dtype=object)
        sizes = {len(v) for v in self._columns.values()}
        if self._geometry is not None:
            sizes.add(len(self._geometry))
        if len(sizes) > 1:
            raise ValueError(f"columns of different lengths: {sorted(sizes)}")
        self._size = sizes.pop() if sizes else 0

    @classmethod
    def of(cls, table: pd.DataFrame | Rows | None) -> Rows | None:
        """``table`` as rows: a DataFrame is wrapped (its columns converted when first read)."""
        if table is None or isinstance(table, Rows):
            return table
        return _FrameRows(table)

    def __len__(self) -> int:
        return self._size

    @property
    def names(self) -> list[str]:
        return list(self._columns)

    def has(self, name: str) -> bool:
        return name in self._columns

    def values(self, name: str) -> list:
        """The column's values, None where missing; a missing column is all None. Do not change the list."""
        clean = self._clean.get(name)
        if clean is None:
            values = self._columns.get(name)
            if values is None:
                return [None] * len(self)
            clean = self._clean[name] = [None if v is not None and v != v else v for v in values]  # NaN, NaT as None
        return clean

    @property
    def geometry(self) -> np.ndarray | None:
        return self._geometry

    def take(self, positions: Sequence[int] | np.ndarray) -> Rows:
        """The rows at ``positions``, in that order."""
        positions = np.asarray(positions, dtype=np.int64)
        index = positions.tolist()
        columns = {name: [values[i] for i in index] for name, values in self._columns.items()}
        return Rows(columns, None if self._geometry is None else self._geometry[positions])

    def digest(self) -> bytes:
        """A digest of the column names, every value (by its text) and the geometries (as WKB)."""
        import shapely

        digest = hashlib.sha256()
        for name in self.names:
            digest.update(f"{name}\0{self.values(name)!r}\0".encode())
        if self.geometry is not None:
            wkb = shapely.to_wkb(self.geometry)
            digest.update(b"\0".join(b"-" if w is None else w for w in wkb))
        digest.update(f"\0{len(self)}\0".encode())
        return digest.digest()


class _FrameRows(Rows):
    """A (Geo)DataFrame seen as :class:`Rows`: a column is converted when first read."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self._size = len(frame)
        self._columns = {}
        self._geometry = (np.asarray(frame.geometry.values, dtype=object) if "geometry" in frame.columns
                          else None)  # fmt: skip

    @property
    def names(self) -> list[str]:
        return [str(name) for name in self._frame.columns if name != "geometry"]

    def has(self, name: str) -> bool:
        return name in self._frame.columns

    def values(self, name: str) -> list:
        if name not in self._frame.columns:
            return [None] * len(self)
        values = self._columns.get(name)
        if values is None:
            series = self._frame[name]
            present = series.notna().to_numpy()
            values = self._columns[name] = [v if ok else None for v, ok in
                                            zip(series.astype(object).tolist(), present, strict=True)]  # fmt: skip
        return values

    def take(self, positions: Sequence[int] | np.ndarray) -> Rows:
        return _FrameRows(self._frame.iloc[np.asarray(positions, dtype=np.int64)])


# ----------------------------------------------------------------------------------- reading columns
#: A table the features read: a (Geo)DataFrame or :class:`Rows`.
Table = "pd.DataFrame | Rows"
EPOCH = date(1970, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()
#: Day numbers of the dates pandas can hold (1677-09-22 to 2262-04-11): others go through pandas as before.
_PANDAS_DAYS = (date(1677, 9, 22).toordinal() - _EPOCH_ORDINAL, date(2262, 4, 11).toordinal() - _EPOCH_ORDINAL)


def column(frame: Table, name: str, default: object = None) -> pd.Series | list:
    """``frame[name]`` with nulls as ``default`` (a Series of a DataFrame, a list of :class:`Rows`); a missing
    column is a column of ``default``."""
    if isinstance(frame, Rows):
        return [default if v is None else v for v in frame.values(name)]
    import pandas as pd

    if name not in frame.columns:
        return pd.Series([default] * len(frame), index=frame.index, dtype=object)
    series = frame[name].astype(object)
    return series.where(series.notna(), default)


def text_column(frame: Table, name: str) -> list[str]:
    """The column as shown text: direction-control characters from article text removed (they reorder what
    the reader sees), surrounding space trimmed."""
    return [strip_direction_controls(str(v)).strip() if v is not None else "" for v in Rows.of(frame).values(name)]


def int_column(frame: Table, name: str, default: int = 0) -> np.ndarray:
    """The column as whole numbers (what is not a number: ``default``), as ``pd.to_numeric`` reads it."""
    rows = Rows.of(frame)
    if not rows.has(name):
        return np.full(len(rows), default, dtype=np.int64)
    values = [default if v is None else v for v in rows.values(name)]
    kinds = {type(v) for v in values}
    if kinds <= {int, bool}:
        return np.array(values, dtype=np.int64)
    if kinds <= {int, bool, float}:
        return np.array(values, dtype=float).astype(np.int64)
    import pandas as pd  # text and other values: as pandas reads them

    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").fillna(default).astype(np.int64).to_numpy()


def float_column(frame: Table, name: str) -> np.ndarray:
    """The column as numbers, NaN where missing or not a number, as ``pd.to_numeric`` reads it."""
    values = [math.nan if v is None else v for v in Rows.of(frame).values(name)]
    if {type(v) for v in values} <= {int, bool, float}:
        return np.array(values, dtype=float)
    import pandas as pd

    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype(float).to_numpy()


def day_numbers(values: pd.Series | list) -> list[int | None]:
    """Dates (date, datetime, Timestamp or ISO string) to day numbers; unparseable or null -> None."""
    values = list(values)
    out: list[int | None] = []
    low, high = _PANDAS_DAYS
    for value in values:  # the common case, dates and ISO dates, without pandas
        if value is None:
            out.append(None)
            continue
        if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
            try:
                value = date.fromisoformat(value)
            except ValueError:
                break
        if type(value) is not date:
            break
        day = value.toordinal() - _EPOCH_ORDINAL
        if not low <= day <= high:
            break
        out.append(day)
    else:
        return out
    import pandas as pd

    stamps = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", format="mixed")
    days = (stamps.dt.normalize() - pd.Timestamp(EPOCH)).dt.days
    return [None if pd.isna(d) else int(d) for d in days]


def day_to_iso(day: int | None) -> str:
    return "" if day is None else date.fromordinal(_EPOCH_ORDINAL + int(day)).isoformat()


def iso_to_day(value: date | str) -> int:
    return day_numbers([value])[0]


def located_mask(frame: Table) -> np.ndarray:
    rows = Rows.of(frame)
    geoms = rows.geometry if rows.geometry is not None else np.full(len(rows), None, dtype=object)
    return ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))


def located_rows(frame: Table) -> Rows:
    """The rows of ``frame`` that have a geometry."""
    rows = Rows.of(frame)
    return rows.take(np.flatnonzero(located_mask(rows)))
