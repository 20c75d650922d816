"""PostGIS back end: the same layers as the GeoPackage, in PostgreSQL, for teams sharing one store.

psycopg 3 with WKB: rows go in with ``COPY`` (geometries as hex EWKB, which PostGIS parses on
input) and come out with ``ST_AsBinary``, so 100,000 incidents move in seconds without an ORM.
Each batch is one database transaction. Concurrent writers are serialised by a transaction-level
advisory lock keyed on the schema; a writer waits up to ``lock_timeout`` and then raises
:class:`StoreLockedError`. Tables live in the connection's current schema, so a URL with
``?options=-csearch_path%3Dteam_a,public`` keeps stores apart in one database.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd
import psycopg
import shapely

from geo_incidents.store.base import Filters, IncidentStore
from geo_incidents.store.batch import LayerRows, StoreLockedError
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

_SQL_TYPES = {
    "text": "text",
    "integer": "bigint",
    "real": "double precision",
    "boolean": "boolean",
    "date": "date",
    "datetime": "timestamptz",
}
_LOCK_KEY = "hashtext(current_schema() || '.geo_incidents_store')"


def _ddl() -> list[str]:
    statements = []
    for name, lyr in LAYERS.items():
        columns = ["fid bigserial PRIMARY KEY"]
        columns += [f'"{col}" {_SQL_TYPES[kind]}' for col, kind in lyr.columns]
        if lyr.geometry_type:
            columns.append(f"geometry geometry({lyr.geometry_type}, {SRID})")
        statements.append(f'CREATE TABLE IF NOT EXISTS "{name}" ({", ".join(columns)})')
        # A store made by an older version gains the columns added since (e.g. iso3).
        statements += [f'ALTER TABLE "{name}" ADD COLUMN IF NOT EXISTS "{col}" {_SQL_TYPES[kind]}'
                       for col, kind in lyr.columns]
        statements.append(f'CREATE UNIQUE INDEX IF NOT EXISTS "uq_{name}_{lyr.key}" ON "{name}" ("{lyr.key}")')
        if lyr.geometry_type:
            statements.append(f'CREATE INDEX IF NOT EXISTS "sx_{name}" ON "{name}" USING gist (geometry)')
    statements += [f'CREATE INDEX IF NOT EXISTS "ix_{t}_{c}" ON "{t}" ("{c}")' for t, c in INDEXES]
    return statements


def _article_hashes(conn: psycopg.Connection, ids: Iterable[str] | None) -> dict[str, str]:
    if ids is None:
        return dict(conn.execute("SELECT id, content_hash FROM articles").fetchall())
    wanted = list(dict.fromkeys(str(value) for value in ids))
    return dict(conn.execute("SELECT id, content_hash FROM articles WHERE id = ANY(%s)", (wanted,)).fetchall())


class _PgTransaction:
    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        return _article_hashes(self.conn, ids)

    def delete(self, name: str, column: str, values, *, where: dict[str, str] | None = None) -> None:
        """Delete the rows whose ``column`` is one of ``values`` (and whose text columns equal ``where``)."""
        lyr = layer(name)
        kind = lyr.kinds.get(column, "text")
        keys = column_values(list(values), kind, "postgres")
        extra = "".join(f' AND "{col}" = %s' for col in (where or {}))
        if keys:
            self.conn.execute(f'DELETE FROM "{name}" WHERE "{column}" = ANY(%s){extra}',
                              (keys, *(where or {}).values()))

    def insert(self, name: str, frame: pd.DataFrame | LayerRows) -> None:
        if len(frame) == 0:
            return
        lyr = layer(name)
        rows = table_rows(frame, lyr, "postgres")
        columns = [f'"{col}"' for col in lyr.column_names]
        if lyr.geometry_type:
            geoms = shapely.set_srid(table_geometries(frame), SRID)
            ewkb = shapely.to_wkb(geoms, hex=True, include_srid=True)
            rows = [(*row, g) for row, g in zip(rows, ewkb, strict=True)]
            columns.append("geometry")
        with self.conn.cursor() as cur, cur.copy(f'COPY "{name}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)


class PostGISStore(IncidentStore):
    """A store in PostgreSQL with PostGIS, opened from a ``postgresql://`` URL."""

    def __init__(self, url: str, *, lock_timeout: float = 30.0):
        self.location = _redact(url)
        self.lock_timeout = lock_timeout
        try:
            self._conn = psycopg.connect(url, autocommit=False)
        except psycopg.OperationalError as exc:
            raise ConnectionError(f"{self.location}: cannot connect ({exc})") from exc
        if self._missing_layers():
            with self._transaction(create=True):
                pass

    def _missing_layers(self) -> list[str]:
        """Layers without a table, or without one of their columns, yet; checked first so that opening
        never waits for a writer."""
        with self._conn.transaction():
            found = self._conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ANY(%s)",
                (list(LAYERS),),
            ).fetchall()
        have = {(table, column) for table, column in found}
        return [name for name, lyr in LAYERS.items() if any((name, col) not in have for col in lyr.column_names)]

    @contextmanager
    def _transaction(self, create: bool = False) -> Iterator[_PgTransaction]:
        with self._conn.transaction():
            self._lock()
            if create:
                for statement in _ddl():
                    self._conn.execute(statement)
            yield _PgTransaction(self._conn)

    def _lock(self) -> None:
        deadline = time.monotonic() + self.lock_timeout
        while not self._conn.execute(f"SELECT pg_try_advisory_xact_lock({_LOCK_KEY})").fetchone()[0]:
            if time.monotonic() >= deadline:
                raise StoreLockedError(
                    f"{self.location}: another run is writing this store; gave up after waiting "
                    f"{self.lock_timeout:g} s. Run again when it has finished."
                )
            time.sleep(0.1)

    def article_hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        with self._conn.transaction():
            return _article_hashes(self._conn, ids)

    def revision(self) -> str:
        with self._conn.transaction():
            row = self._conn.execute("SELECT fid, run_id FROM runs ORDER BY fid DESC LIMIT 1").fetchone()
        return "" if row is None else f"{row[0]}:{row[1]}"

    def _has_rows(self, name: str) -> bool:
        with self._conn.transaction():
            return self._conn.execute(f'SELECT 1 FROM "{layer(name).name}" LIMIT 1').fetchone() is not None

    def _select_rows(self, name: str, filters: Filters | None) -> tuple[list[tuple], list[bytes | None] | None]:
        sql, params = self._select_sql(name, filters)
        with self._conn.transaction():
            rows = self._conn.execute(sql, params).fetchall()
        return self._split(name, rows)

    def row_chunks(self, name: str, size: int) -> Iterator[tuple[list[tuple], list[bytes | None] | None]]:
        """Through a server-side cursor: the client holds one chunk of rows at a time."""
        sql, params = self._select_sql(name, None)
        with self._conn.transaction(), self._conn.cursor(name=f"gi_rows_{name}") as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield self._split(name, rows)

    def _select_sql(self, name: str, filters: Filters | None) -> tuple[str, list]:
        lyr = layer(name)
        columns = ", ".join(f'"{col}"' for col in lyr.column_names)
        if lyr.geometry_type:
            columns += ", ST_AsBinary(geometry)"
        where, params = [], []
        for column, values in filter_values(lyr, filters, "postgres"):
            params.append(values)
            where.append(f'"{column}" = ANY(%s)')
        sql = f'SELECT {columns} FROM "{name}"'
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql + " ORDER BY fid", params

    @staticmethod
    def _split(name: str, rows: list[tuple]) -> tuple[list[tuple], list[bytes | None] | None]:
        """Rows without their geometry, and the geometries as WKB (None for a layer without geometry)."""
        if not layer(name).geometry_type:
            return rows, None
        return [row[:-1] for row in rows], [row[-1] for row in rows]

    def close(self) -> None:
        self._conn.close()


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    host = f"{info.get('host', '')}:{info.get('port', 5432)}"
    return f"postgresql://{info.get('user', '')}@{host}/{info.get('dbname', '')}"
