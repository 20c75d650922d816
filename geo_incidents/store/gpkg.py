"""GeoPackage back end: one SQLite file that QGIS, ArcGIS and ``ogrinfo`` open directly.

Why SQLite transactions and not copy-on-write: a batch touches a small part of a store that grows
with every run, and copying the whole file per batch would make each run cost the size of the
store. SQLite's rollback journal already gives what a batch needs: every layer of a batch is
written inside one ``BEGIN IMMEDIATE … COMMIT``; a process killed at any point leaves a hot journal
that the next connection rolls back, so readers see the previous complete state. The journal
mode stays DELETE (not WAL) so that the store remains one self-contained file to hand over.

Geometries are written as GeoPackage blobs (the GPKG header, an envelope for non-points, then
WKB), and ``gpkg_contents`` / ``gpkg_geometry_columns`` / ``gpkg_spatial_ref_sys`` are kept
so that any GeoPackage reader opens the file. There is no R-tree index: its triggers need
SQL functions that only GDAL/SpatiaLite provide; readers work without it. If a GIS tool adds one
(QGIS "create spatial index"), the store registers those functions itself and keeps it current.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS as ProjCRS

from geo_incidents.store.base import Filters, IncidentStore
from geo_incidents.store.batch import StoreLockedError
from geo_incidents.store.schema import (
    INDEXES,
    LAYERS,
    SRID,
    column_values,
    filter_values,
    frame_from_rows,
    layer,
    table_rows,
)

_SQL_TYPES = {
    "text": "TEXT",
    "integer": "INTEGER",
    "real": "REAL",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "DATETIME",
}
_APPLICATION_ID = 0x47504B47  # "GPKG"
_USER_VERSION = 10300  # GeoPackage 1.3
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_CHUNK = 5000

_METADATA_DDL = """
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
    description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
    table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT uk_gc_table_name UNIQUE (table_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
"""


def gpkg_blobs(geoms: np.ndarray) -> list[bytes | None]:
    """GeoPackage geometry blobs (little-endian header + WKB), None for missing geometries."""
    wkb = shapely.to_wkb(geoms, byte_order=1)
    bounds = shapely.bounds(geoms)
    kinds = shapely.get_type_id(geoms)
    empty = shapely.is_empty(geoms)
    out: list[bytes | None] = []
    for blob, (minx, miny, maxx, maxy), kind, is_empty in zip(wkb, bounds, kinds, empty, strict=True):
        if blob is None:
            out.append(None)
        elif kind == 0 or is_empty:
            flags = 0x01 | (0x10 if is_empty else 0)
            out.append(b"GP\x00" + bytes([flags]) + struct.pack("<i", SRID) + blob)
        else:
            header = b"GP\x00\x03" + struct.pack("<i4d", SRID, minx, maxx, miny, maxy)
            out.append(header + blob)
    return out


def wkb_from_gpkg(blobs: Iterable[bytes | None]) -> list[bytes | None]:
    """Strip the GeoPackage header (whatever its envelope) to get plain WKB back."""
    out: list[bytes | None] = []
    for blob in blobs:
        if blob is None:
            out.append(None)
            continue
        envelope = _ENVELOPE_BYTES[(blob[3] >> 1) & 0x07]
        out.append(bytes(blob[8 + envelope :]))
    return out


def _register_gpkg_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions of GDAL's R-tree triggers, so the store stays writable after QGIS or
    ``ogrinfo`` add a spatial index to a layer (those triggers call ST_IsEmpty, ST_MinX, …)."""

    def geometry(blob):
        return None if blob is None else shapely.from_wkb(wkb_from_gpkg([blob])[0])

    def bound(index):
        def value(blob):
            geom = geometry(blob)
            return None if geom is None or geom.is_empty else float(geom.bounds[index])

        return value

    def is_empty(blob):
        geom = geometry(blob)
        return None if geom is None else int(geom.is_empty)

    conn.create_function("ST_IsEmpty", 1, is_empty, deterministic=True)
    for name, index in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2), ("ST_MaxY", 3)):
        conn.create_function(name, 1, bound(index), deterministic=True)


def _layer_ddl(name: str) -> list[str]:
    lyr = LAYERS[name]
    columns = ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
    if lyr.geometry_type:
        columns.append(f'"geometry" {lyr.geometry_type}')
    columns += [f'"{col}" {_SQL_TYPES[kind]}' for col, kind in lyr.columns]
    statements = [
        f'CREATE TABLE IF NOT EXISTS "{name}" ({", ".join(columns)})',
        f'CREATE UNIQUE INDEX IF NOT EXISTS "uq_{name}_{lyr.key}" ON "{name}" ("{lyr.key}")',
    ]
    statements += [
        f'CREATE INDEX IF NOT EXISTS "ix_{table}_{col}" ON "{table}" ("{col}")'
        for table, col in INDEXES
        if table == name
    ]
    data_type = "features" if lyr.geometry_type else "attributes"
    srs = SRID if lyr.geometry_type else "NULL"
    statements.append(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
        f"VALUES ('{name}', '{data_type}', '{name}', {srs})"
    )
    if lyr.geometry_type:
        statements.append(
            "INSERT OR IGNORE INTO gpkg_geometry_columns VALUES "
            f"('{name}', 'geometry', '{lyr.geometry_type}', {SRID}, 0, 0)"
        )
    return statements


def _init_schema(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {_USER_VERSION}")
    for statement in _METADATA_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    wgs84 = ProjCRS.from_epsg(SRID).to_wkt("WKT1_GDAL")
    conn.executemany(
        "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", SRID, "EPSG", SRID, wgs84, "longitude/latitude coordinates in decimal degrees"),
        ],
    )
    for name in LAYERS:
        for statement in _layer_ddl(name):
            conn.execute(statement)


def _create(path: Path) -> None:
    """Create an empty store atomically: build it beside the target, then hard-link it into place.

    ``os.link`` fails if another process created the file first, so two runs starting at once
    never replace each other's store.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("BEGIN")
            _init_schema(conn)
            conn.execute("COMMIT")
        finally:
            conn.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        with suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class _GpkgTransaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def hashes(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, content_hash FROM articles"))

    def delete(self, name: str, column: str, values) -> None:
        lyr = layer(name)
        kind = lyr.kinds.get(column, "text")
        keys = column_values(pd.Series(list(values), dtype=object), kind, "sqlite")
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f'DELETE FROM "{name}" WHERE "{column}" IN ({marks})', chunk)

    def insert(self, name: str, frame: pd.DataFrame) -> None:
        if len(frame) == 0:
            return
        lyr = layer(name)
        rows = table_rows(frame, lyr, "sqlite")
        columns = [f'"{col}"' for col in lyr.column_names]
        if lyr.geometry_type:
            geoms = frame.geometry.to_numpy()
            rows = [(*row, blob) for row, blob in zip(rows, gpkg_blobs(geoms), strict=True)]
            columns.append('"geometry"')
            self._extend_extent(name, geoms)
        marks = ",".join("?" * len(columns))
        self.conn.executemany(f'INSERT INTO "{name}" ({", ".join(columns)}) VALUES ({marks})', rows)
        self.conn.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            (name,),
        )

    def _extend_extent(self, name: str, geoms: np.ndarray) -> None:
        present = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
        if len(present) == 0:
            return
        minx, miny, maxx, maxy = shapely.total_bounds(present)
        self.conn.execute(
            "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, :minx), :minx), "
            "min_y = min(coalesce(min_y, :miny), :miny), max_x = max(coalesce(max_x, :maxx), :maxx), "
            "max_y = max(coalesce(max_y, :maxy), :maxy) WHERE table_name = :name",
            {"minx": minx, "miny": miny, "maxx": maxx, "maxy": maxy, "name": name},
        )


class GeoPackageStore(IncidentStore):
    """The embedded default store: one ``.gpkg`` file."""

    def __init__(self, path: str | os.PathLike, *, lock_timeout: float = 30.0, create: bool = True):
        self.path = Path(path)
        self.location = str(self.path)
        self.lock_timeout = lock_timeout
        if not self.path.exists():
            if not create:
                raise FileNotFoundError(f"{self.path}: no such store")
            _create(self.path)
        self._conn = sqlite3.connect(self.path, timeout=lock_timeout, isolation_level=None)
        try:
            self._conn.execute("PRAGMA cache_size = -131072")  # keep a large batch in memory, not spilled
            _register_gpkg_functions(self._conn)
            app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise ValueError(f"{self.path}: not a GeoPackage ({exc})") from exc
        if app_id != _APPLICATION_ID:
            self._conn.close()
            raise ValueError(f"{self.path}: not a GeoPackage (application_id {app_id:#x})")
        if self._missing_layers():
            with self._transaction() as tx:
                _init_schema(tx.conn)

    def _missing_layers(self) -> set[str]:
        rows = self._conn.execute("SELECT table_name FROM gpkg_contents").fetchall()
        return set(LAYERS) - {name for (name,) in rows}

    @contextmanager
    def _transaction(self) -> Iterator[_GpkgTransaction]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreLockedError(
                    f"{self.path}: another run is writing this store; gave up after waiting "
                    f"{self.lock_timeout:g} s. Run again when it has finished."
                ) from exc
            raise
        try:
            yield _GpkgTransaction(self._conn)
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def article_hashes(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT id, content_hash FROM articles"))

    def _select(self, name: str, filters: Filters | None) -> pd.DataFrame:
        lyr = layer(name)
        columns = ", ".join(f'"{col}"' for col in lyr.column_names)
        if lyr.geometry_type:
            columns += ', "geometry"'
        where, params = [], []
        for column, values in filter_values(lyr, filters, "sqlite"):
            params += values
            where.append(f'"{column}" IN ({",".join("?" * len(values))})' if values else "0")
        sql = f'SELECT {columns} FROM "{name}"'
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._conn.execute(sql + " ORDER BY fid", params).fetchall()
        if not lyr.geometry_type:
            return frame_from_rows(lyr, rows, None)
        return frame_from_rows(lyr, [row[:-1] for row in rows], wkb_from_gpkg(row[-1] for row in rows))

    def close(self) -> None:
        self._conn.close()
