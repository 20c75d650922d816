"""A layer's rows as plain columns: what the map features read from a table, with or without pandas.

The public functions take GeoDataFrames (notebooks, tests, ``geo-incidents map``); the pipeline, which reads its
store record by record, gives :class:`Rows` built from those records, and a small run's pages then load neither
pandas nor geopandas (most of its start-up). Every feature rule reads its columns through :meth:`Rows.values`,
so both kinds of table go through the same code: a frame is only wrapped (:meth:`Rows.of`), its values taken as
pandas holds them, every null (None, NaN, NaT, NA) as None.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

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
