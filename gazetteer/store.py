"""The on-disk index: one SQLite file holding places and their normalised names.

SQLite because it ships with Python, opens in microseconds, and lets a process load a place
only when a match needs it: start-up reads no place at all. Names are stored normalised
(:func:`gazetteer.normalize.normalize_name`), deduplicated per place, one row each.
A ``generation`` counter in ``meta`` changes on every write so that derived caches (the
name automaton pickled beside the file) know when they are stale.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Kind, Place
from gazetteer.normalize import has_latin, is_arabic, normalize_name

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    rid INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL,
    importance REAL NOT NULL,
    country_code TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    source TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (name TEXT NOT NULL, rid INTEGER NOT NULL, is_primary INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS names_by_name ON names (name);
CREATE INDEX IF NOT EXISTS names_by_rid ON names (rid);
"""

#: Names that are too short to identify anything once normalised.
MIN_NAME_LENGTH = 3


def place_to_record(place: Place) -> str:
    """Serialise a place as JSON, geometry as WKB hex (exact and quick to parse)."""
    return json.dumps(
        {
            "id": place.id,
            "name_ar": place.name_ar,
            "kind": str(place.kind),
            "geometry": shapely.to_wkb(place.geometry, hex=True),
            "name_en": place.name_en,
            "aliases_ar": list(place.aliases_ar),
            "names_latin": list(place.names_latin),
            "parents": list(place.parents),
            "country_code": place.country_code,
            "admin1": place.admin1,
            "admin2": place.admin2,
            "population": place.population,
            "importance": place.importance,
            "uncertainty_m": place.uncertainty_m,
            "source": place.source,
            "licence": place.licence,
            "needs_cue": place.needs_cue,
        },
        ensure_ascii=False,
    )


def place_from_record(record: str) -> Place:
    data = json.loads(record)
    data["kind"] = Kind(data["kind"])
    data["geometry"] = shapely.from_wkb(data["geometry"])
    for key in ("aliases_ar", "names_latin", "parents"):
        data[key] = tuple(data[key])
    return Place(**data)


def index_names(place: Place) -> dict[str, bool]:
    """Normalised names of a place for the index, mapped to whether each is its primary name.

    Names of fewer than three letters, and Arabic names with a one-letter word or a word mixing
    Arabic and Latin letters (transliteration debris in GeoNames alternates), are left out: they
    would only produce false matches. ``طريق m4`` (two words, two scripts) is kept.
    """
    names: dict[str, bool] = {}
    for raw, primary in ((place.name_ar, True), (place.name_en, True)):
        _add_name(names, raw, primary)
    for raw in (*place.aliases_ar, *place.names_latin):
        _add_name(names, raw, False)
    for raw in (place.name_ar, *place.aliases_ar):
        joined = _article_joined(raw)
        if joined:
            _add_name(names, joined, False)
    return names


#: Letters that never join the next one: after them a typist's missing space does not show.
_NON_JOINING = frozenset("اأإآدذرزوؤةىء")
#: First words of a person's name (أبو، أم، بن، عبد): written joined they are a name, not a place.
_NAME_OPENERS = frozenset({"ابو", "ام", "بن", "ابن", "بني", "عبد"})


def _article_joined(raw: str) -> str | None:
    """A two-word name whose second word has the article, as typed without the space when the first
    ends in a letter that does not join the next (حفر الباطن → حفرالباطن, دير الزور → ديرالزور:
    both look alike on screen), or None."""
    words = (raw or "").split()
    if len(words) != 2 or not words[1].startswith("ال") or words[0][-1:] not in _NON_JOINING:
        return None
    if normalize_name(words[0]) in _NAME_OPENERS:
        return None
    return words[0] + words[1]


def _add_name(names: dict[str, bool], raw: str, primary: bool) -> None:
    key = normalize_name(raw or "")
    if len(key.replace(" ", "")) < MIN_NAME_LENGTH or key in names:
        return
    if is_arabic(key) and any((len(part) < 2 and not part.isdigit()) or (is_arabic(part) and has_latin(part))
                              for part in key.split()):
        return  # a one-letter word or a word mixing scripts (ڕەqqە): transliteration debris
    names[key] = primary


class IndexStore:
    """Places and names in SQLite; ``path=None`` keeps the database in memory."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else None
        target = str(self.path) if self.path is not None else ":memory:"
        self.conn = sqlite3.connect(target, check_same_thread=False)
        self.conn.executescript(SCHEMA)

    # -- writing -------------------------------------------------------------------------------

    def add(self, places: Iterable[Place]) -> int:
        """Insert or replace places (by id); returns how many were written."""
        conn = self.conn
        count = 0
        with conn:
            for place in places:
                self._write(place)
                count += 1
            conn.execute(
                "INSERT INTO meta VALUES ('generation', '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )
        return count

    def _write(self, place: Place) -> None:
        conn = self.conn
        point = place.representative_point
        row = (
            place.name_ar, place.name_en, str(place.kind), point.y, point.x, int(place.population or 0),
            float(place.importance or 0.0), place.country_code, place.admin1, place.source,
            place_to_record(place),
        )
        existing = conn.execute("SELECT rid FROM places WHERE id = ?", (place.id,)).fetchone()
        if existing:
            rid = existing[0]
            conn.execute(
                "UPDATE places SET name_ar=?, name_en=?, kind=?, lat=?, lon=?, population=?, importance=?, "
                "country_code=?, admin1=?, source=?, record=? WHERE rid=?", (*row, rid),
            )
            conn.execute("DELETE FROM names WHERE rid = ?", (rid,))
        else:
            rid = conn.execute(
                "INSERT INTO places (id, name_ar, name_en, kind, lat, lon, population, importance, "
                "country_code, admin1, source, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (place.id, *row),
            ).lastrowid
        conn.executemany(
            "INSERT INTO names VALUES (?, ?, ?)",
            [(name, rid, int(primary)) for name, primary in index_names(place).items()],
        )

    def set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- reading -------------------------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @property
    def generation(self) -> str:
        return self.meta("generation", "0")

    def place(self, rid: int) -> Place | None:
        row = self.conn.execute("SELECT record FROM places WHERE rid = ?", (rid,)).fetchone()
        return place_from_record(row[0]) if row else None

    def places_by_rid(self, rids: list[int]) -> dict[int, Place]:
        """Several places in one query (a lookup's candidates)."""
        marks = ",".join("?" * len(rids))
        rows = self.conn.execute(f"SELECT rid, record FROM places WHERE rid IN ({marks})", rids).fetchall()
        return {rid: place_from_record(record) for rid, record in rows}

    def rid_of(self, place_id: str) -> int | None:
        row = self.conn.execute("SELECT rid FROM places WHERE id = ?", (place_id,)).fetchone()
        return row[0] if row else None

    def rids_named(self, name: str) -> tuple[int, ...]:
        rows = self.conn.execute("SELECT DISTINCT rid FROM names WHERE name = ?", (name,)).fetchall()
        return tuple(r[0] for r in rows)

    def grouped_names(self, arabic_only: bool = False) -> Iterator[tuple[str, tuple[int, ...]]]:
        """Every distinct name with the places that bear it. ``arabic_only`` keeps the names with a
        letter of the Arabic block (a superset of :func:`~gazetteer.normalize.is_arabic`; the name
        automaton wants no other), filtered in SQLite before grouping."""
        where = " WHERE name GLOB '*[\u0600-\u06ff]*'" if arabic_only else ""
        cursor = self.conn.execute(f"SELECT name, group_concat(rid) FROM names{where} GROUP BY name")
        for name, rids in cursor:
            yield name, tuple(sorted({int(r) for r in rids.split(",")}))

    def places_with_rid(self) -> Iterator[tuple[int, Place]]:
        """Every place with its row id, in one query."""
        for rid, record in self.conn.execute("SELECT rid, record FROM places ORDER BY rid"):
            yield rid, place_from_record(record)

    def records_with_rid(self) -> Iterator[tuple[int, dict, bytes]]:
        """Every place's stored fields (as :func:`place_to_record` writes them) and WKB geometry,
        with its row id, in one query and without building places (to build the in-memory table)."""
        loads, fromhex = json.loads, bytes.fromhex
        for rid, record in self.conn.execute("SELECT rid, record FROM places ORDER BY rid"):
            data = loads(record)
            yield rid, data, fromhex(data["geometry"])

    def places(self) -> Iterator[Place]:
        for (record,) in self.conn.execute("SELECT record FROM places ORDER BY rid"):
            yield place_from_record(record)

    def __len__(self) -> int:
        return self.conn.execute("SELECT count(*) FROM places").fetchone()[0]

    def stats(self) -> dict:
        conn = self.conn
        by_kind = dict(conn.execute("SELECT kind, count(*) FROM places GROUP BY kind ORDER BY kind"))
        by_source = dict(conn.execute("SELECT source, count(*) FROM places GROUP BY source ORDER BY source"))
        n_names = conn.execute("SELECT count(DISTINCT name) FROM names").fetchone()[0]
        return {
            "places": len(self),
            "names": n_names,
            "by_kind": by_kind,
            "by_source": by_source,
            "path": str(self.path) if self.path else None,
        }

    def close(self) -> None:
        self.conn.close()

    # -- copying -------------------------------------------------------------------------------

    def save_as(self, path: str | os.PathLike) -> None:
        """Write the whole database to ``path`` atomically (temp file in the same folder, then
        ``os.replace``), so a reader never sees a half-written index."""
        from gazetteer.atomic import atomic_output

        with atomic_output(path) as tmp:
            target = sqlite3.connect(tmp)
            with target:
                self.conn.backup(target)
            target.close()


def geometry_is_valid(geometry: BaseGeometry | None) -> bool:
    return geometry is not None and not geometry.is_empty and bool(shapely.is_valid(geometry))
