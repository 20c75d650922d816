"""Every place of an index in memory, compactly, so that the first lookup of a name costs no
SQLite query and no JSON parse.

The table holds one plain tuple of fields per place and the geometries as WKB; it is read from
SQLite in one pass when the name automaton is built and pickled with it, so opening a cached
index reads the pickle and parses every geometry in one vectorised ``shapely.from_wkb`` call.
:class:`~gazetteer.model.Place` objects are made on first use (a dataclass call, ~1 µs) and
kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import shapely

from gazetteer.model import Kind, Place
from gazetteer.normalize import normalize_name

#: Place fields in table order, geometry excluded (it is kept apart as WKB).
FIELDS = ("id", "name_ar", "kind", "name_en", "aliases_ar", "names_latin", "parents", "country_code",
          "admin1", "admin2", "population", "importance", "uncertainty_m", "source", "licence",
          "needs_cue")
_KIND_AT = FIELDS.index("kind")


class PlaceTable:
    """Places by row id (the store's ``rid``), made into :class:`Place` objects on demand."""

    __slots__ = ("index", "rows", "wkb", "geometries", "places", "primary")

    def __init__(self, rids: Sequence[int], rows: Sequence[tuple], wkb: Sequence[bytes],
                 primary: Sequence[tuple[str, ...]] | None = None):
        self.index = {rid: i for i, rid in enumerate(rids)}
        self.rows = list(rows)
        #: normalised primary names (Arabic, Latin) per row, computed once at build
        self.primary = list(primary) if primary is not None else [
            (normalize_name(row[1]), normalize_name(row[3])) for row in self.rows]
        self.wkb = list(wkb)
        self.geometries = shapely.from_wkb(np.array(self.wkb, dtype=object)) if self.wkb else np.array([])
        self.places: list[Place | None] = [None] * len(self.rows)

    @classmethod
    def from_places(cls, items: Iterable[tuple[int, Place]]) -> PlaceTable:
        rids, rows, wkb = [], [], []
        for rid, place in items:
            rids.append(rid)
            rows.append(tuple(str(place.kind) if name == "kind" else getattr(place, name) for name in FIELDS))
            wkb.append(shapely.to_wkb(place.geometry))
        return cls(rids, rows, wkb)

    def __len__(self) -> int:
        return len(self.rows)

    def __getstate__(self) -> tuple:
        return list(self.index), self.rows, self.wkb, self.primary

    def __setstate__(self, state: tuple) -> None:
        PlaceTable.__init__(self, *state)

    def get(self, rid: int) -> Place | None:
        i = self.index.get(rid)
        if i is None:
            return None
        place = self.places[i]
        if place is None:
            row = self.rows[i]  # FIELDS follow Place's own order, geometry fourth
            place = self.places[i] = Place(row[0], row[1], Kind(row[2]), self.geometries[i], *row[3:])
        return place

    def primary_names(self, rid: int) -> tuple[str, ...]:
        i = self.index.get(rid)
        return self.primary[i] if i is not None else ()

    def get_many(self, rids: Iterable[int]) -> dict[int, Place | None]:
        get = self.get
        return {rid: get(rid) for rid in rids}

    def rids_of_kind(self, kind: Kind) -> list[int]:
        wanted = str(kind)
        return [rid for rid, i in self.index.items() if self.rows[i][_KIND_AT] == wanted]
