"""GeoPackage back end: one SQLite file that QGIS, ArcGIS and ``ogrinfo`` open directly.

Why SQLite transactions and not copy-on-write: a batch touches a small part of a store that grows
with every run, and copying the whole file per batch would make each run cost the size of the
store. SQLite's rollback journal already gives what a batch needs: every layer of a batch is
written inside one ``BEGIN IMMEDIATE … COMMIT``; a process killed at any point leaves a hot journal
that the next connection rolls back, so readers see the previous complete state. The journal
mode stays DELETE (not WAL) so that the store remains one self-contained file to hand over.

Geometries are written as GeoPackage blobs (the GPKG header, an envelope for non-points, then
WKB), and ``gpkg_contents`` / ``gpkg_geometry_columns`` / ``gpkg_spatial_ref_sys`` are kept
so that any GeoPackage reader opens the file. Every geometry column has the GeoPackage R-tree
spatial index (``rtree_<layer>_geometry``, the ``gpkg_rtree_index`` extension) that QGIS and GDAL
use for fast panning and ``--bbox`` queries. Its triggers call ST_IsEmpty/ST_MinX/…, SQL functions
that GDAL and SpatiaLite provide; the store registers its own, which read the envelope from the
GeoPackage header (or a point's coordinates from its WKB) without decoding the geometry.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.atomic import temporary_name
from geo_incidents.store.base import Filters, IncidentStore
from geo_incidents.store.batch import StoreLockedError
from geo_incidents.store.schema import (
    INDEXES,
    LAYERS,
    SRID,
    column_values,
    filter_values,
    layer,
    table_geometries,
    table_rows,
)

if TYPE_CHECKING:  # numpy and shapely load when geometries are written or decoded
    import numpy as np
    import pandas as pd

    from geo_incidents.store.batch import LayerRows

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
    import shapely

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


@lru_cache(maxsize=8)
def blob_bounds(blob: bytes) -> tuple[float, float, float, float] | None:
    """(minx, miny, maxx, maxy) of a GeoPackage geometry blob, None when empty.

    Read from the header's envelope when there is one, from a 2D point's WKB otherwise; only other
    geometries without an envelope are decoded. Cached because an R-tree trigger asks four times.
    """
    flags = blob[3]
    if flags & 0x10:
        return None
    order = "<" if flags & 0x01 else ">"
    envelope = (flags >> 1) & 0x07
    if envelope:
        minx, maxx, miny, maxy = struct.unpack_from(f"{order}4d", blob, 8)
        return minx, miny, maxx, maxy
    body = 8
    wkb_order = "<" if blob[body] == 1 else ">"
    (kind,) = struct.unpack_from(f"{wkb_order}I", blob, body + 1)
    if kind == 1:
        x, y = struct.unpack_from(f"{wkb_order}2d", blob, body + 5)
        return None if x != x else (x, y, x, y)  # NaN coordinates: an empty point
    import shapely

    geom = shapely.from_wkb(bytes(blob[body:]))
    return None if geom.is_empty else tuple(float(v) for v in geom.bounds)


def _register_gpkg_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions of the GeoPackage R-tree triggers (ST_IsEmpty, ST_MinX, …), which GDAL and
    SpatiaLite provide to their own connections."""

    def bound(index):
        def value(blob):
            box = None if blob is None else blob_bounds(bytes(blob))
            return None if box is None else box[index]

        return value

    def is_empty(blob):
        return None if blob is None else int(blob_bounds(bytes(blob)) is None)

    conn.create_function("ST_IsEmpty", 1, is_empty, deterministic=True)
    for name, index in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2), ("ST_MaxY", 3)):
        conn.create_function(name, 1, bound(index), deterministic=True)


_RTREE_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS "rtree_{t}_geometry_insert" AFTER INSERT ON "{t}"
WHEN (new."geometry" NOT NULL AND NOT ST_IsEmpty(NEW."geometry"))
BEGIN
  INSERT OR REPLACE INTO "rtree_{t}_geometry" VALUES (NEW."fid", ST_MinX(NEW."geometry"),
    ST_MaxX(NEW."geometry"), ST_MinY(NEW."geometry"), ST_MaxY(NEW."geometry"));
END;
CREATE TRIGGER IF NOT EXISTS "rtree_{t}_geometry_update1" AFTER UPDATE OF "geometry" ON "{t}"
WHEN OLD."fid" = NEW."fid" AND (NEW."geometry" NOTNULL AND NOT ST_IsEmpty(NEW."geometry"))
BEGIN
  INSERT OR REPLACE INTO "rtree_{t}_geometry" VALUES (NEW."fid", ST_MinX(NEW."geometry"),
    ST_MaxX(NEW."geometry"), ST_MinY(NEW."geometry"), ST_MaxY(NEW."geometry"));
END;
CREATE TRIGGER IF NOT EXISTS "rtree_{t}_geometry_update2" AFTER UPDATE OF "geometry" ON "{t}"
WHEN OLD."fid" = NEW."fid" AND (NEW."geometry" ISNULL OR ST_IsEmpty(NEW."geometry"))
BEGIN
  DELETE FROM "rtree_{t}_geometry" WHERE id = OLD."fid";
END;
CREATE TRIGGER IF NOT EXISTS "rtree_{t}_geometry_update3" AFTER UPDATE ON "{t}"
WHEN OLD."fid" != NEW."fid" AND (NEW."geometry" NOTNULL AND NOT ST_IsEmpty(NEW."geometry"))
BEGIN
  DELETE FROM "rtree_{t}_geometry" WHERE id = OLD."fid";
  INSERT OR REPLACE INTO "rtree_{t}_geometry" VALUES (NEW."fid", ST_MinX(NEW."geometry"),
    ST_MaxX(NEW."geometry"), ST_MinY(NEW."geometry"), ST_MaxY(NEW."geometry"));
END;
CREATE TRIGGER IF NOT EXISTS "rtree_{t}_geometry_update4" AFTER UPDATE ON "{t}"
WHEN OLD."fid" != NEW."fid" AND (NEW."geometry" ISNULL OR ST_IsEmpty(NEW."geometry"))
BEGIN
  DELETE FROM "rtree_{t}_geometry" WHERE id IN (OLD."fid", NEW."fid");
END;
CREATE TRIGGER IF NOT EXISTS "rtree_{t}_geometry_delete" AFTER DELETE ON "{t}"
WHEN old."geometry" NOT NULL
BEGIN
  DELETE FROM "rtree_{t}_geometry" WHERE id = OLD."fid";
END;
"""


def _rtree_ddl(name: str) -> list[str]:
    """The GeoPackage R-tree index of a layer's geometry, its triggers, its extension row, and the rows
    already there (so a store made without the index gains it)."""
    statements = [
        "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT "
        "NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE "
        "(table_name, column_name, extension_name))",
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "rtree_{name}_geometry" USING rtree(id, minx, maxx, miny, maxy)',
        "INSERT OR IGNORE INTO gpkg_extensions VALUES "
        f"('{name}', 'geometry', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', "
        "'write-only')",
        f'INSERT OR REPLACE INTO "rtree_{name}_geometry" SELECT fid, ST_MinX(geometry), ST_MaxX(geometry), '
        f'ST_MinY(geometry), ST_MaxY(geometry) FROM "{name}" WHERE geometry NOT NULL AND NOT ST_IsEmpty(geometry)',
    ]
    statements += [part.strip() + "\nEND" for part in _RTREE_TRIGGERS.format(t=name).split("END;") if part.strip()]
    return statements


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


#: EPSG:4326 in WKT 1 as GDAL writes it into ``gpkg_spatial_ref_sys`` (what ``pyproj.CRS.from_epsg(4326)
#: .to_wkt("WKT1_GDAL")`` gives; a test checks it): written as text, a new store loads no pyproj.
WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]'
)


def _init_schema(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {_USER_VERSION}")
    for statement in _METADATA_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany(
        "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", SRID, "EPSG", SRID, WGS84_WKT, "longitude/latitude coordinates in decimal degrees"),
        ],
    )
    for name, lyr in LAYERS.items():
        for statement in _layer_ddl(name):
            conn.execute(statement)
        present = {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')}
        for col, kind in lyr.columns:  # a store made by an older version gains the columns added since
            if col not in present:
                conn.execute(f'ALTER TABLE "{name}" ADD COLUMN "{col}" {_SQL_TYPES[kind]}')
        if lyr.geometry_type:
            for statement in _rtree_ddl(name):
                conn.execute(statement)


def _create(path: Path) -> None:
    """Create an empty store atomically: build it beside the target, then hard-link it into place.

    ``os.link`` fails if another process created the file first, so two runs starting at once
    never replace each other's store.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)  # named so that the next run removes it if this process is killed
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            _register_gpkg_functions(conn)
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


def _by_ids(conn: sqlite3.Connection, sql: str, ids: Iterable[str]) -> list[tuple]:
    """Rows of ``sql`` (an ``IN ({})`` query) for ``ids``, in chunks below SQLite's parameter limit."""
    wanted = list(dict.fromkeys(str(value) for value in ids))
    rows: list[tuple] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows += conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _article_hashes(conn: sqlite3.Connection, ids: Iterable[str] | None) -> dict[str, str]:
    if ids is None:
        return dict(conn.execute("SELECT id, content_hash FROM articles"))
    return dict(_by_ids(conn, "SELECT id, content_hash FROM articles WHERE id IN ({})", ids))


class _GpkgTransaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        return _article_hashes(self.conn, ids)

    def delete(self, name: str, column: str, values, *, where: dict[str, str] | None = None) -> None:
        """Delete the rows whose ``column`` is one of ``values`` (and whose text columns equal ``where``)."""

        lyr = layer(name)
        kind = lyr.kinds.get(column, "text")
        keys = column_values(list(values), kind, "sqlite")
        extra = "".join(f' AND "{col}" = ?' for col in (where or {}))
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f'DELETE FROM "{name}" WHERE "{column}" IN ({marks}){extra}',
                              [*chunk, *(where or {}).values()])

    def insert(self, name: str, frame: pd.DataFrame | LayerRows) -> None:
        if len(frame) == 0:
            return
        lyr = layer(name)
        rows = table_rows(frame, lyr, "sqlite")
        columns = [f'"{col}"' for col in lyr.column_names]
        if lyr.geometry_type:
            geoms = table_geometries(frame)
            rows = [(*row, blob) for row, blob in zip(rows, gpkg_blobs(geoms), strict=True)]
            columns.append('"geometry"')
            self._extend_extent(name, geoms)
        marks = ",".join("?" * len(columns))
        if not lyr.geometry_type:
            self.conn.executemany(f'INSERT INTO "{name}" ({", ".join(columns)}) VALUES ({marks})', rows)
        else:
            self._insert_indexed(name, f'INSERT INTO "{name}" ({", ".join(columns)}) VALUES ({marks})', rows, geoms)
        self.conn.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            (name,),
        )

    def _insert_indexed(self, name: str, sql: str, rows: list[tuple], geoms: np.ndarray) -> None:
        """Insert rows and their R-tree entries in bulk: the insert trigger (five SQL function calls a
        row) is set aside inside this transaction and put back, and the bounds come from one vectorised
        call. Other writers (QGIS, GDAL) keep the trigger; a crash rolls the DDL back with the rows."""
        import shapely

        trigger = f"rtree_{name}_geometry_insert"
        definition = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
        ).fetchone()
        if definition is None:  # no index (a store QGIS or an older version made): nothing to keep current
            self.conn.executemany(sql, rows)
            return
        self.conn.execute(f'DROP TRIGGER "{trigger}"')
        (last,) = self.conn.execute(f'SELECT coalesce(max(fid), 0) FROM "{name}"').fetchone()
        self.conn.executemany(sql, rows)
        fids = [fid for (fid,) in self.conn.execute(f'SELECT fid FROM "{name}" WHERE fid > ? ORDER BY fid', (last,))]
        present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        bounds = shapely.bounds(geoms)
        entries = [(fid, b[0], b[2], b[1], b[3]) for fid, b, keep in zip(fids, bounds, present, strict=True) if keep]
        self.conn.executemany(f'INSERT OR REPLACE INTO "rtree_{name}_geometry" VALUES (?, ?, ?, ?, ?)', entries)
        self.conn.execute(definition[0])

    def _extend_extent(self, name: str, geoms: np.ndarray) -> None:
        import shapely

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
            # 32 MiB of pages: a batch of short reports fits, and the cache stops growing with the store (a larger
            # transaction spills to the file before its commit, still atomic under the rollback journal).
            self._conn.execute("PRAGMA cache_size = -32768")
            _register_gpkg_functions(self._conn)
            app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise ValueError(f"{self.path}: not a GeoPackage ({exc})") from exc
        if app_id != _APPLICATION_ID:
            self._conn.close()
            raise ValueError(f"{self.path}: not a GeoPackage (application_id {app_id:#x})")
        missing = self._missing_layers()
        if missing:
            tables = {t for t in self._tables() if not t.startswith(("gpkg_", "rtree_", "sqlite_"))}
            if tables and not {"articles", "runs"} <= tables:
                # Another tool's GeoPackage (or an export): adding our tables would change a file that is not ours.
                self._conn.close()
                raise ValueError(
                    f"{self.path}: a GeoPackage that is not an incident store "
                    f"(layers {', '.join(sorted(tables)[:5])}); it was not changed. Give --out a folder of its own."
                )
            with self._transaction() as tx:
                _init_schema(tx.conn)

    def _tables(self) -> set[str]:
        return {name for (name,) in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _missing_layers(self) -> set[str]:
        """Layers without a table, a column or a spatial index yet (a store made by an older version)."""
        tables = {name for (name,) in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = set()
        for name, lyr in LAYERS.items():
            if name not in tables or (lyr.geometry_type and f"rtree_{name}_geometry" not in tables):
                missing.add(name)
                continue
            present = {row[1] for row in self._conn.execute(f'PRAGMA table_info("{name}")')}
            if not set(lyr.column_names) <= present:
                missing.add(name)
        return missing

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

    def article_hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        return _article_hashes(self._conn, ids)

    def revision(self) -> str:
        row = self._conn.execute("SELECT fid, run_id FROM runs ORDER BY fid DESC LIMIT 1").fetchone()
        return "" if row is None else f"{row[0]}:{row[1]}"

    def _has_rows(self, name: str) -> bool:
        return self._conn.execute(f'SELECT 1 FROM "{layer(name).name}" LIMIT 1').fetchone() is not None

    def _select_rows(self, name: str, filters: Filters | None) -> tuple[list[tuple], list[bytes | None] | None]:
        sql, params = self._select_sql(name, filters)
        return self._split(name, self._conn.execute(sql, params).fetchall())

    def row_chunks(self, name: str, size: int) -> Iterator[tuple[list[tuple], list[bytes | None] | None]]:
        sql, params = self._select_sql(name, None)
        cursor = self._conn.execute(sql, params)
        try:
            while rows := cursor.fetchmany(size):
                yield self._split(name, rows)
        finally:
            cursor.close()

    def _select_sql(self, name: str, filters: Filters | None) -> tuple[str, list]:
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
        return sql + " ORDER BY fid", params

    @staticmethod
    def _split(name: str, rows: list[tuple]) -> tuple[list[tuple], list[bytes | None] | None]:
        """Rows without their geometry, and the geometries as WKB (None for a layer without geometry)."""
        if not layer(name).geometry_type:
            return rows, None
        return [row[:-1] for row in rows], wkb_from_gpkg(row[-1] for row in rows)

    def close(self) -> None:
        self._conn.close()
