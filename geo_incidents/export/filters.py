"""Which incidents an export keeps: date range, event types, actors, area and precision.

Values match as people type them: event types and sub-types case-insensitively; Arabic through the
gazetteer's normaliser (:func:`gazetteer.normalize.match_key`: hamza and alef forms, ى/ي, ة/ه, the
article); an actor by its English name, any Arabic alias from the actor lexicon, or a part of one;
a governorate by its Arabic or English name (ACLED's admin1 is English, ours Arabic).
:meth:`ExportFilters.checked` turns an unknown value into a ValueError that lists what is known.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.normalize import match_key
from geo_incidents.countries import without_country
from geo_incidents.model import EventType

_LEXICONS = __import__("pathlib").Path(__file__).resolve().parent.parent / "lexicons"


@dataclass(frozen=True)
class ExportFilters:
    """All criteria must hold; an empty criterion keeps everything.

    ``max_geo_precision`` keeps rows whose ``geo_precision`` is at most that (1 = exact place only).
    ``admin1_keys`` and ``actor_names`` are filled by :meth:`checked` (the governorates' and actors'
    every spelling); without them the values given match as normalised names.
    """

    date_from: date | None = None
    date_to: date | None = None
    event_types: Sequence[str] = ()
    sub_event_types: Sequence[str] = ()
    actors: Sequence[str] = ()
    bbox: tuple[float, float, float, float] | None = None
    admin1: Sequence[str] = ()
    admin2: Sequence[str] = ()
    max_geo_precision: int | None = None
    admin1_keys: frozenset[str] = frozenset()
    actor_names: frozenset[str] = frozenset()

    def checked(self, gazetteer=None) -> ExportFilters:
        """These filters with every value checked and expanded; ValueError names an unknown value."""
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"the first date {self.date_from} is after the last date {self.date_to}")
        known_types = {t.casefold(): t for t in EVENT_TYPES}
        for value in self.event_types:
            if value.strip().casefold() not in known_types:
                raise ValueError(f"unknown event type {value!r}; event types are {', '.join(EVENT_TYPES)}")
        known_sub = {t.casefold() for t in sub_event_types()}
        for value in self.sub_event_types:
            if value.strip().casefold() not in known_sub:
                raise ValueError(f"unknown sub-event type {value!r}; sub-event types are "
                                 f"{', '.join(sorted(sub_event_types()))}")
        names: set[str] = set()
        for value in self.actors:
            hits = actors_matching(value)
            if not hits:
                raise ValueError(f"unknown actor {value!r}: no actor of the lexicon is named so "
                                 "(English name or Arabic alias, or a part of one)")
            names |= hits
        keys: set[str] = set()
        for value in self.admin1:
            spellings = governorate_keys(value, gazetteer)
            if not spellings:
                raise ValueError(f"unknown governorate {value!r} (admin1 takes an Arabic or English governorate name)")
            keys |= spellings
        return replace(self, admin1_keys=frozenset(keys), actor_names=frozenset(names))

    def apply(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """Filter incidents (either layer)."""
        keep = self._dates(frame["event_date"], frame["event_date"]) & self._area(frame)
        for column, wanted in (("event_type", self.event_types), ("sub_event_type", self.sub_event_types)):
            if wanted:
                folded = {t.strip().casefold() for t in wanted}
                keep &= frame[column].fillna("").astype(str).str.casefold().isin(folded).to_numpy()
        if self.actors:
            keep &= self._actors(frame)
        if self.admin1:
            keys = self.admin1_keys or {match_key(v) for v in self.admin1}
            keep &= _keys(frame["admin1"]).isin(keys).to_numpy()
        if self.admin2:
            keep &= _keys(frame["admin2"]).isin({match_key(v) for v in self.admin2}).to_numpy()
        if self.max_geo_precision is not None:
            precision = pd.to_numeric(frame["geo_precision"], errors="coerce")
            keep &= (precision <= self.max_geo_precision).fillna(False).to_numpy(dtype=bool)
        return frame[keep]

    def apply_frontlines(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """Frontlines valid at some time in the date range and crossing the bounding box."""
        return frame[self._dates(frame["valid_from"], frame["valid_to"]) & self._area(frame)]

    def _actors(self, frame: gpd.GeoDataFrame) -> np.ndarray:
        """An actor given matches its canonical English name, or (a part of) the Arabic or English text."""
        hit = np.zeros(len(frame), dtype=bool)
        english = [frame[c].fillna("").astype(str) for c in ("actor1", "actor2") if c in frame]
        arabic = [_keys(frame[c]) for c in ("actor1_ar", "actor2_ar") if c in frame]
        # the lexicon names Civilians (Syria); an event abroad has Civilians (Sudan) (countries.in_country)
        names = {without_country(name) for name in self.actor_names}
        for column in english:
            hit |= column.map(without_country).isin(names).to_numpy()
        for value in self.actors:
            key = match_key(value)
            for column in english:
                hit |= column.str.casefold().str.contains(value.strip().casefold(), regex=False).to_numpy()
            for column in arabic:
                hit |= column.str.contains(key, regex=False).to_numpy()
        return hit

    def _dates(self, start: pd.Series, end: pd.Series) -> np.ndarray:
        keep = np.ones(len(start), dtype=bool)
        begin = pd.to_datetime(start, errors="coerce")
        finish = pd.to_datetime(end, errors="coerce").fillna(begin)
        if self.date_from is not None:
            keep &= (finish >= pd.Timestamp(self.date_from)).fillna(False).to_numpy(dtype=bool)
        if self.date_to is not None:
            keep &= (begin <= pd.Timestamp(self.date_to)).fillna(False).to_numpy(dtype=bool)
        return keep

    def _area(self, frame: gpd.GeoDataFrame) -> np.ndarray:
        if self.bbox is None:
            return np.ones(len(frame), dtype=bool)
        box = shapely.box(*self.bbox)
        geoms = frame.geometry.to_numpy()
        return np.asarray(shapely.intersects(geoms, box), dtype=bool) & ~shapely.is_missing(geoms)

    @property
    def is_empty(self) -> bool:
        return self == ExportFilters()


#: Every event type an incident can have: ACLED's six, then ours.
EVENT_TYPES = (
    EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.PROTESTS,
    EventType.RIOTS, EventType.STRATEGIC, EventType.ROAD_CLOSURE, EventType.DISPLACEMENT,
)


@cache
def sub_event_types() -> frozenset[str]:
    """Every sub-event type the trigger lexicon can give."""
    with open(_LEXICONS / "triggers.toml", "rb") as handle:
        triggers = tomllib.load(handle)
    rows = [*triggers.get("trigger", []), *triggers.get("refine", [])]
    return frozenset(row["sub_event_type"] for row in rows if row.get("sub_event_type"))


@cache
def _actor_lexicon() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(English name, match keys of its name, ACLED name and every alias) per actor of the lexicon."""
    with open(_LEXICONS / "actors.toml", "rb") as handle:
        actors = tomllib.load(handle).get("actor", [])
    return tuple(
        (a["name"], tuple({match_key(n) for n in (a["name"], a.get("acled_name", ""), *a["aliases"]) if n}))
        for a in actors
    )


def actors_matching(value: str) -> set[str]:
    """English names of the lexicon's actors that ``value`` names: an alias or name, or a part of one."""
    key = match_key(value)
    if not key:
        return set()
    return {name for name, keys in _actor_lexicon() if any(key in k for k in keys)}


#: Syria's governorates: Arabic name -> English spellings of ACLED (admin1) and OCHA's COD (ADM1_EN), with
#: the common transliterations; compared without case, spaces or punctuation.
GOVERNORATES_EN = {
    "حلب": ("Aleppo", "Halab"),
    "إدلب": ("Idleb", "Idlib"),
    "الحسكة": ("Al-Hasakeh", "Al Hasakah", "Hasakeh", "Hasakah", "Hassakeh"),
    "الرقة": ("Ar-Raqqa", "Raqqa", "Ar Raqqah", "Raqqah", "Rakka"),
    "دير الزور": ("Deir-ez-Zor", "Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Dayr az Zawr"),
    "دمشق": ("Damascus", "Dimashq"),
    "ريف دمشق": ("Rural Damascus", "Rif Dimashq", "Damascus Countryside", "Reef Damascus"),
    "حمص": ("Homs", "Hims"),
    "حماة": ("Hama", "Hamah"),
    "اللاذقية": ("Lattakia", "Latakia", "Al Ladhiqiyah"),
    "طرطوس": ("Tartous", "Tartus"),
    "درعا": ("Dar'a", "Daraa", "Deraa"),
    "السويداء": ("As-Sweida", "As Suwayda", "Sweida", "Suwayda"),
    "القنيطرة": ("Quneitra", "Al Qunaytirah"),
}


def _latin_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@cache
def _governorates_by_latin() -> dict[str, str]:
    return {_latin_key(en): ar for ar, names in GOVERNORATES_EN.items() for en in names}


def governorate_keys(value: str, gazetteer=None) -> set[str]:
    """Match keys of every spelling of the governorate ``value`` names (Arabic or English), Arabic and
    English alike, since a stored admin1 is ours (Arabic) or ACLED's and OCHA's (English): the table
    above first, then the gazetteer's best governorate for the name."""
    key = match_key(value)
    arabic = _governorates_by_latin().get(_latin_key(value))
    arabic = arabic or next((ar for ar in GOVERNORATES_EN if key in (match_key(ar), match_key(f"محافظة {ar}"))), None)
    if arabic is not None:
        names = (arabic, f"محافظة {arabic}", *GOVERNORATES_EN[arabic])
        return {match_key(name) for name in names}
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    keys = set()
    for candidate in gazetteer.lookup(value, kind="governorate", fuzzy=False, limit=1):
        place = candidate.place
        keys |= {match_key(n) for n in (place.name_ar, place.name_en, *place.aliases_ar) if n}
    return keys


def _keys(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).map(match_key)
