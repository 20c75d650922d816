"""Every place of an index in memory, compactly, so that the first lookup of a name costs no
SQLite query and no JSON parse.

Each place is one small pickle (its fields, name lists joined into single strings, and its
normalised primary names) inside a single ``bytes`` blob with an offsets array; point geometries
are two coordinate arrays made into shapely points in one vectorised call at open, other shapes
are kept as WKB. The table is read from SQLite in one pass when the name automaton is built and
pickled with it, so opening a cached index copies one blob and makes the points, whatever the
size. A place is decoded on first use (one small unpickle, a few µs) and kept.
"""

from __future__ import annotations

import pickle
import struct
from array import array
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Kind, Place
from gazetteer.normalize import normalize_name

#: Place fields in table order, geometry excluded (it is stored as WKB after them). They follow
#: :class:`Place`'s own order, geometry being its fourth field.
FIELDS = ("id", "name_ar", "kind", "name_en", "aliases_ar", "names_latin", "parents", "country_code",
          "admin1", "admin2", "population", "importance", "uncertainty_m", "source", "licence",
          "needs_cue")
#: Tuple fields, stored joined by a separator no name contains (one string unpickles faster than many).
_LISTS = frozenset({"aliases_ar", "names_latin", "parents"})
_SEP = "\x1f"
_KINDS: dict[str, Kind] = {kind.value: kind for kind in Kind}


class PlaceTable:
    """Places by row id (the store's ``rid``), decoded into :class:`Place` objects on demand."""

    __slots__ = ("index", "blob", "view", "bounds", "lon", "lat", "shapes", "points", "roads", "text_rids", "decoded",
                 "primaries")

    def __init__(self, rids: Sequence[int], blob: bytes, bounds: array, lon: array, lat: array,
                 shapes: dict[int, bytes], roads: Sequence[int] = (), text_rids: Sequence[int] | None = None):
        self.index = dict(zip(rids, range(len(rids)), strict=True))
        self.blob = blob
        self.view = memoryview(blob)  # slices without copying
        self.bounds = bounds  # row i is blob[bounds[i]:bounds[i + 1]]
        self.lon, self.lat = lon, lat  # NaN for a place whose geometry is not a point
        self.shapes = shapes  # row -> WKB, for the places that are not points
        self.points = shapely.points(np.frombuffer(lon, dtype=np.float64), np.frombuffer(lat, dtype=np.float64))
        self.roads = list(roads)  # row ids of the roads (few): ``طريق X – Y`` through a road's name
        #: row ids of the places an Arabic name reaches (what lookups and texts mostly touch)
        self.text_rids = array("q", text_rids if text_rids is not None else rids)
        #: the places decoded so far, and their normalised primary names, by row id (two dictionaries, not
        #: one of pairs: a pair is one more object for the cyclic collector)
        self.decoded: dict[int, Place] = {}
        self.primaries: dict[int, tuple[str, str]] = {}

    @classmethod
    def from_places(cls, items: Iterable[tuple[int, Place]]) -> PlaceTable:
        """A table of ``(rid, place)`` pairs."""
        def records() -> Iterator[tuple[int, dict, BaseGeometry]]:
            for rid, place in items:
                record = {name: getattr(place, name) for name in FIELDS}
                record["kind"] = str(place.kind)
                yield rid, record, place.geometry

        return cls.from_records(records())

    @classmethod
    def from_records(cls, items: Iterable[tuple[int, dict, BaseGeometry | bytes]]) -> PlaceTable:
        """A table of ``(rid, fields, geometry)``: fields as :func:`~gazetteer.store.place_to_record`
        writes them (no :class:`Place` is built), the geometry a shapely one or WKB."""
        rids: list[int] = []
        chunks: list[bytes] = []
        bounds = array("q", [0])
        lon, lat = array("d"), array("d")
        shapes: dict[int, bytes] = {}
        roads: list[int] = []
        road = Kind.ROAD.value
        dumps, protocol = pickle.dumps, pickle.HIGHEST_PROTOCOL
        for i, (rid, record, geometry) in enumerate(items):
            if record["kind"] == road:
                roads.append(rid)
            row = tuple(_SEP.join(record[name]) if name in _LISTS else record.get(name, False) for name in FIELDS)
            primary = (normalize_name(record["name_ar"]), normalize_name(record["name_en"]))
            chunk = dumps((row, primary), protocol=protocol)
            rids.append(rid)
            chunks.append(chunk)
            bounds.append(bounds[-1] + len(chunk))
            point = _point_of(geometry)
            if point is not None:
                lon.append(point[0])
                lat.append(point[1])
            else:
                lon.append(float("nan"))
                lat.append(float("nan"))
                shapes[i] = geometry if isinstance(geometry, bytes) else shapely.to_wkb(geometry)
        return cls(rids, b"".join(chunks), bounds, lon, lat, shapes, roads)

    def __len__(self) -> int:
        return len(self.index)

    def __getstate__(self) -> tuple:
        return (array("q", self.index), self.blob, self.bounds, self.lon, self.lat, self.shapes, self.roads,
                self.text_rids)

    def __setstate__(self, state: tuple) -> None:
        PlaceTable.__init__(self, *state)

    def _decode(self, rid: int) -> Place | None:
        """The place of row ``rid`` decoded (and kept with its primary names), or None without one."""
        i = self.index.get(rid)
        if i is None:
            return None
        bounds = self.bounds
        row, primary = pickle.loads(self.view[bounds[i]:bounds[i + 1]])
        shape = self.shapes.get(i)
        geometry = self.points[i] if shape is None else shapely.from_wkb(shape)
        aliases, latin, parents = row[4], row[5], row[6]
        place = self.decoded[rid] = Place(
            row[0], row[1], _KINDS[row[2]], geometry, row[3], tuple(aliases.split(_SEP)) if aliases else (),
            tuple(latin.split(_SEP)) if latin else (), tuple(parents.split(_SEP)) if parents else (), *row[7:])
        self.primaries[rid] = primary
        return place

    def decode(self, rids: Iterable[int] | None = None) -> None:
        """Decode these places (every place by default) now, a few µs each, so that no lookup
        pays for it later."""
        get = self.get
        for rid in self.index if rids is None else rids:
            get(rid)

    def get(self, rid: int) -> Place | None:
        place = self.decoded.get(rid)
        return place if place is not None else self._decode(rid)

    def get_many(self, rids: Iterable[int]) -> dict[int, Place | None]:
        get = self.get
        return {rid: get(rid) for rid in rids}

    def primary_names(self, rid: int) -> tuple[str, ...]:
        """The place's normalised primary names (Arabic, Latin), computed once at build."""
        primary = self.primaries.get(rid)
        if primary is None:
            return self.primaries[rid] if self._decode(rid) is not None else ()
        return primary


def _point_of(geometry: BaseGeometry | bytes) -> tuple[float, float] | None:
    """(x, y) of a 2-D point given as a shapely geometry or as WKB, else None."""
    if isinstance(geometry, bytes):
        if len(geometry) == 21 and geometry[0] in (0, 1):
            order = "<" if geometry[0] == 1 else ">"
            kind, x, y = struct.unpack(order + "Idd", geometry[1:])
            if kind == 1:
                return x, y
        return None
    if geometry.geom_type == "Point" and not geometry.has_z:
        return geometry.x, geometry.y
    return None
