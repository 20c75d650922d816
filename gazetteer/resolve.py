"""Ranking candidates and resolving relative expressions.

A score in [0, 1] is built from named, additive evidence so that every candidate can say why it
ranks where it does (``reasons``): how the name matched, the cue word against the feature kind,
importance, the country, and — in running text — the other places the text names (a candidate
near them, or inside the city or governorate they name, wins; the place named right after a name,
``أريحا في ريف إدلب``, counts most; a homonym outside the text's countries loses). Which names
count at all is decided first: cue words, front lines (``جبهة X``), squares (``ساحة X``), compound
names we do not know (``خان طومان``), ordinary words and misspellings each have a rule below,
precision first. Relative expressions
(``ريف حلب الشمالي``, ``شمال مدينة حلب``, ``طريق X – Y``) become places we build ourselves,
flagged ``approximate``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np
from shapely.geometry import LineString, Point

from gazetteer.frequency import is_frequent_word
from gazetteer.matcher import NAME_CUES, NameIndex, Span
from gazetteer.model import NOT_MAPPABLE_AS_POINT, Candidate, Kind, Mention, Place, Precision
from gazetteer.normalize import ARTICLE, HARAKAT, TANWEEN, normalize_name
from gazetteer.word_or_place import ARAB_COUNTRIES, Model, default_model, features
from gazetteer.words import STOP_NAMES

#: Up to this many places in a text, distances between them are computed with plain floats; more
#: (a long text) with numpy arrays.
FEW_ANCHORS = 24

#: Readings kept across texts before the memo is emptied (a few hundred bytes each).
FIRST_PASS_MEMO = 65_536

#: Texts' places (:class:`_Context`) kept with their rankings for later texts naming the same places.
CONTEXTS_KEPT = 4096
#: ... when they name at most this many places (short reports: 82 % of the dev corpus's recur); the
#: places of longer texts rarely recur together, and keeping their contexts only costs memory.
SHARED_CONTEXT_ANCHORS = 4

#: A mention whose best candidate scores below this is dropped (precision first).
MIN_MENTION_SCORE = 0.5

#: Words that make the next name a person's (ابو قصره, بن علي), and titles before a person's name
#: (الدكتور رياض, الوكيل رياض: not Riyadh).
PERSON_MARKERS = frozenset({"ابو", "ابي", "ابا", "ابن", "بن", "بنت", "ام", "بني", "بنو"})
PERSON_TITLES = frozenset({
    "الدكتور", "الدكتوره", "دكتور", "د", "السيد", "السيده", "الانسه", "الاستاذ", "الاستاذه", "المهندس",
    "المهندسه", "الحاج", "الحاجه", "الشاب", "الشابه", "الطفل", "الطفله", "المواطن", "المواطنه", "الزميل",
    "الزميله", "الفنان", "الفنانه", "اللاعب", "النائب", "الوزير", "الوزيره", "الوكيل", "الامير", "الاميره",
    "الملك", "الشهيد", "الشهيده", "الرقيب", "العريف", "النقيب", "الملازم", "العقيد", "العميد", "اللواء",
    "الشيخ", "الشيخه",
})
#: Demonstratives: the definite word after them is a common noun (بهذا الخبر "this news"), never a
#: place (none of 99 such words is marked in the IDRISI tune half).
DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان", "هذين", "هاتين", "هؤلاء", "اولئك",
                            "بهذا", "بهذه", "بذلك", "بتلك", "لهذا", "لهذه", "لذلك", "لتلك", "وهذا", "وهذه"})
#: One-letter clitics: a bare name spelled as one of them and a function word is that word (وان = و + أن).
_CLITIC_LETTERS = frozenset("وفبلك")
#: Cue words of an area the name stands for: they open the mention whatever kind the index gives the name.
AREA_CUES = frozenset({"حي", "منطقه", "مدينه", "محافظه", "قريه", "بلده", "دوله", "اماره"})
REGIONAL_COUNTRIES = frozenset({"SY", "TR", "IQ", "LB", "JO", "IL", "PS"})
#: Where OCHA's communities make the rules of their own (a village needs a cue word, a nearby place
#: or a second source); elsewhere a bare name is weighed by :mod:`gazetteer.word_or_place`.
HOME_COUNTRIES = frozenset({"SY"})
#: A city of the home country without a population figure: OCHA marks the seats of Syria's governorates
#: and districts as cities and gives no population, so against a foreign town of the same name (أريحا: Ariha
#: in Idlib, Jericho; القنيطرة: Quneitra, Kenitra) population alone chose abroad. A seat counts as a city of
#: 100,000 people (the bonus of that population, :func:`base_score`).
HOME_SEAT_BONUS = math.log10(100_000) / 35.0
#: A foreign place needs this many inhabitants to be taken from a bare name in text.
WORLD_BARE_MIN_POPULATION = 100_000
#: ... and behind a clitic (ب، ل، ك …), this many.
WORLD_CLITIC_MIN_POPULATION = 1_000_000
#: A town or village under this population needs a cue word or a nearby place in the text.
PROMINENT_POPULATION = 10_000
SUPPORT_KM = 50.0

#: Settlement kinds: imported sources guess them from size or admin level (OCHA has no
#: population), so a settlement cue (مدينة، بلدة، قرية, not منطقة) agrees with any of them.
SETTLEMENT_KINDS = frozenset({Kind.CITY, Kind.TOWN, Kind.VILLAGE})
#: the kinds a town cue may name by the first word of a longer name (:meth:`Resolver._town_named_by_its_first_word`),
#: how its reading weighs against a name read whole, and how many longer names are looked at
_HEAD_NAMED_KINDS = frozenset({Kind.CITY, Kind.TOWN})
HEAD_NAME_WEIGHT = 0.9
HEAD_NAME_KEYS = 40
#: Words before a name that announce a front line at a Syrian town or quarter (جبهة البريج).
FRONT_WORDS = frozenset({"جبهه", "محور"})
#: Generic heads of compound toponyms (خان طومان، معرة حرمة، تل قراح): when one stands right
#: before a name, that name is the tail of a longer place name we do not know, not a place.
TOPONYM_HEADS = frozenset({
    "خان", "تل", "كفر", "عين", "دير", "معره", "حرش", "كرم", "بيت", "راس", "بير", "مزرعه", "تله", "ضهره",
    "جب", "حوش", "مساكن", "ارض", "كتف", "مرج",
})
#: Nouns of a landform or a work that open a longer name (وادي الهيدان، سد الوالة، جبل الشيخ): read
#: alone before another word of that name, they are the head of a place we do not know, not the town
#: called by the noun itself (الوادي in Algeria): :mod:`gazetteer.cue_mentions` reports the phrase.
LANDFORM_HEADS = frozenset({"وادي", "سد", "جبل", "نهر", "ساحل"})
#: The word after such a noun when it continues the name: Arabic letters, not a preposition.
_NAME_GOES_ON = re.compile(r"[ _]+(?:#)?(?!(?:في|من|على|علي|الى|إلى|عن|مع|و)[\s.,،])[\u0621-\u064a]{2,}")
#: Kinds a square (ساحة) can be: a named landmark or quarter, never a town of the same name.
SQUARE_KINDS = frozenset({Kind.LANDMARK, Kind.NEIGHBOURHOOD, Kind.ROUNDABOUT})
#: What a front line (جبهة X) runs through: any Syrian place smaller than a governorate.
FRONT_KINDS = frozenset(Kind) - {Kind.COUNTRY, Kind.REGION, Kind.GOVERNORATE}
#: A bare name whose only readings are one Syrian settlement (several sources' rows within this
#: distance) is kept without a cue or a nearby place when it is at least this long.
UNIQUE_LOCAL_KM = 10.0
UNIQUE_LOCAL_MIN_LETTERS = 4
#: A person's name that is also a quarter's (``Place.needs_cue``, not a stop word: الشيخ سعيد)
#: counts without its cue when the text names a place this close (حلب); a stop word (الشهداء
#: "the martyrs") never does.
NEEDS_CUE_SUPPORT_KM = 15.0
#: A place named right after a name (أريحا في ريف إدلب، الكرامة بالسويداء) that contains or
#: neighbours a candidate: strong evidence.
FOLLOWER_BONUS = 0.25
FOLLOWER_KM = 40.0
#: A candidate outside every country the other places of the text lie in.
FOREIGN_PENALTY = 0.15
#: A name read as a misspelling after a cue word needs this many letters besides the article:
#: one letter more or less in a shorter word is another word (معرة → معربة).
FUZZY_CORE_MIN_LETTERS = 5
#: How far after a quarter's name the text may call it "the quarter" (الحي، بالحي، للحي).
QUARTER_REFERENCE_CHARS = 160
_QUARTER_REFERENCE = re.compile(r"(?<!\w)[وف]?(?:[بل]?ال|لل)حي(?!\w)")
#: Longer gaps are never one of :data:`FOLLOWER_GAPS` (with room for diacritics).
FOLLOWER_GAP_MAX_CHARS = 20
#: Of those, the words that put the name inside the place named after it.
HOLDING_GAPS = frozenset({"", "في", "ب", "ريف", "مدينه", "بمدينه", "بريف", "في ريف", "في مدينه"})
_AREA_KINDS = frozenset({Kind.COUNTRY, Kind.GOVERNORATE, Kind.DISTRICT, Kind.SUBDISTRICT, Kind.REGION})
#: The words that may stand between a name and the place named right after it.
FOLLOWER_GAPS = frozenset({"", "في", "ب", "قرب", "ريف", "مدينه", "بمدينه", "بريف", "في ريف", "في مدينه",
                           "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"})

KIND_PRIOR: dict[Kind, float] = {
    Kind.COUNTRY: 0.1, Kind.CITY: 0.08, Kind.GOVERNORATE: 0.05, Kind.TOWN: 0.04, Kind.REGION: 0.08,
    Kind.NEIGHBOURHOOD: 0.05, Kind.ROUNDABOUT: 0.05, Kind.HOSPITAL: 0.05, Kind.CROSSING: 0.05,
    Kind.ROAD: 0.05, Kind.LANDMARK: 0.04, Kind.DISTRICT: 0.03, Kind.SUBDISTRICT: 0.02, Kind.VILLAGE: 0.0,
}
COUNTRY_PRIOR = {"SY": 0.05, "TR": 0.02, "IQ": 0.02, "LB": 0.02, "JO": 0.02}

#: How far an offset point sits from its base place, in km: ريف X (rural area) and شمال X.
RIF_OFFSET_KM = 12.0
CITY_EDGE_OFFSET_KM = 4.0
#: ... and a side of a town, village or quarter (شمال بلدة محمبل): its fields and edge, not 10 km away
TOWN_EDGE_OFFSET_KM = 2.0
DIRECTION_OFFSET_KM = 10.0

DIRECTION_NAMES = {
    (1, 0): "north", (-1, 0): "south", (0, 1): "east", (0, -1): "west",
    (1, 1): "north-east", (1, -1): "north-west", (-1, 1): "south-east", (-1, -1): "south-west",
}

DIRECTION_NOUNS_AR = {
    (1, 0): "شمال", (-1, 0): "جنوب", (0, 1): "شرق", (0, -1): "غرب",
    (1, 1): "شمال شرق", (1, -1): "شمال غرب", (-1, 1): "جنوب شرق", (-1, -1): "جنوب غرب",
}
DIRECTION_ADJECTIVES_AR = {
    (1, 0): "الشمالي", (-1, 0): "الجنوبي", (0, 1): "الشرقي", (0, -1): "الغربي",
    (1, 1): "الشمالي الشرقي", (1, -1): "الشمالي الغربي", (-1, 1): "الجنوبي الشرقي", (-1, -1): "الجنوبي الغربي",
}


def precision_of(kind: Kind) -> Precision:
    """ACLED precision a place of this kind supports by itself."""
    return _PRECISIONS.get(kind, Precision.EXACT)


#: The kinds whose places support less than an exact location (one lookup, asked for every candidate made).
_PRECISIONS: dict[Kind, Precision] = {
    Kind.COUNTRY: Precision.REGION, Kind.REGION: Precision.REGION, Kind.GOVERNORATE: Precision.REGION,
    Kind.DISTRICT: Precision.NEAR, Kind.SUBDISTRICT: Precision.NEAR, Kind.ROAD: Precision.NEAR,
}


#: Places' representative points in radians, by object (the place is kept, so its id is not reused).
_RADIANS: dict[int, tuple[Place, float, float]] = {}
_RADIANS_MAX = 200_000


def radians_of(place: Place) -> tuple[float, float]:
    """(latitude, longitude) of the place's representative point in radians, computed once per place
    object: the point of a polygon or a line is geometry work, and texts ask for the same places."""
    entry = _RADIANS.get(id(place))
    if entry is None or entry[0] is not place:
        if len(_RADIANS) >= _RADIANS_MAX:
            _RADIANS.clear()
        point = place.representative_point
        entry = _RADIANS[id(place)] = (place, math.radians(point.y), math.radians(point.x))
    return entry[1], entry[2]


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between representative points (haversine)."""
    return great_circle_km(*radians_of(a), *radians_of(b))


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, km) between two points given in radians."""
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def offset_km(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """How far north and east (km) the second point lies from the first, on a local plane (for the
    short distances within a city or a governorate)."""
    return (lat2 - lat1) * 111.32, (lon2 - lon1) * 111.32 * math.cos(math.radians((lat1 + lat2) / 2))


def offset_point(place: Place, direction: tuple[int, int], km: float) -> Point:
    """The point ``km`` away from ``place`` towards (north, east)."""
    north, east = direction
    norm = math.hypot(north, east) or 1.0
    d_lat = km * north / norm / 111.32
    d_lon = km * east / norm / (111.32 * max(0.1, math.cos(math.radians(place.lat))))
    return Point(place.lon + d_lon, place.lat + d_lat)


def base_score(place: Place, how: str, cue_kinds: frozenset[Kind] = frozenset(),
               prefix: str = "", primary: bool = False, penalise_mismatch: bool = True) -> tuple[float, list[str]]:
    """Score of a place for a name before any context, with the reasons that built it."""
    reasons = [how]
    score = {"cue+name": 0.6, "exact": 0.45, "fuzzy": 0.3}.get(how, 0.4)
    if primary:
        score += 0.03
    if place.population:
        score += min(0.2, math.log10(place.population + 1) / 35.0)
        reasons.append(f"population {place.population}")
    score += 0.05 * place.importance
    score += KIND_PRIOR.get(place.kind, 0.0)
    score += COUNTRY_PRIOR.get(place.country_code, 0.0)
    if cue_kinds:
        if _of_cued_kind(place, cue_kinds) or (place.kind in SETTLEMENT_KINDS and cue_kinds <= SETTLEMENT_KINDS):
            score += 0.25
            reasons.append(f"cue matches {place.kind}")
        elif place.kind in SETTLEMENT_KINDS and cue_kinds & SETTLEMENT_KINDS:
            reasons.append(f"an area cue: a {place.kind} may be meant")  # منطقة كفرناها
        elif penalise_mismatch:
            score -= 0.15
            reasons.append(f"cue does not match {place.kind}")
    if prefix:
        score -= 0.05
        reasons.append(f"clitic {prefix}")
    return score, reasons


def _home_seats_sized(scored: Iterable[tuple[float, Place, tuple]]) -> Iterable[tuple[float, Place, tuple]]:
    """The readings of a name, a seat of the home country without a population figure weighed as a
    city (:data:`HOME_SEAT_BONUS`) when the name also reads as a foreign settlement whose population
    counted and no home reading has one: OCHA gives Syria's seats no population, so أريحا was Jericho
    rather than Ariha, and مدينة القنيطرة Kenitra. Where a home city of the name has a population
    (GeoNames' إدلب), it already weighs for home, and the seat keeps its rank behind it.  Seats only:
    a smaller town at home (الجيزة، المنصورة are also OCHA towns) does not outrank a foreign city."""
    scored = list(scored)
    seats = {place.id for _, place, _ in scored if place.country_code in HOME_COUNTRIES and place.kind is Kind.CITY
             and not place.population}
    if not seats or any(item[1].country_code in HOME_COUNTRIES and item[1].population and item[1].kind is Kind.CITY
                        for item in scored) \
            or not any(item[1].country_code not in HOME_COUNTRIES and item[1].population
                       and item[1].kind in SETTLEMENT_KINDS for item in scored):
        return scored
    return [(score + HOME_SEAT_BONUS, place, (*reasons, "a seat at home, weighed as a city"))
            if place.id in seats else (score, place, reasons) for score, place, reasons in scored]


def _of_cued_kind(place: Place, cue_kinds: frozenset[Kind]) -> bool:
    """The place is of a kind the cue word announces. Beyond Syria and its neighbours a governorate
    (محافظة) may be a second-level division: Saudi Arabia's محافظة السليل، محافظة تبوك (the region is
    منطقة تبوك); in Syria a governorate and its central district share the name (محافظة درعا)."""
    return place.kind in cue_kinds or place.kind is Kind.DISTRICT and Kind.GOVERNORATE in cue_kinds \
        and place.country_code not in REGIONAL_COUNTRIES


class Resolver:
    """Turns names and spans into ranked candidates; knows the index only through two callables."""

    def __init__(self, names: NameIndex, place_of: Callable[[int], Place | None],
                 places_of: Callable[[Sequence[int]], dict[int, Place | None]] | None = None,
                 primary_names_of: Callable[[int], tuple[str, ...]] | None = None):
        self.names = names
        self.place_of = place_of
        self.places_of = places_of or (lambda rids: {rid: place_of(rid) for rid in rids})
        #: a place's normalised primary names by row id, when the index keeps them precomputed
        self.primary_names_of = primary_names_of
        self.roads: Callable[[], list[Place]] = lambda: []
        self.candidates_for_name = lru_cache(maxsize=16384)(self._candidates_for_name)
        #: a reading's candidates before any context, by (name, cue, clitic, fuzzy, front, square):
        #: the rest of a span's first-pass filters (cue kinds, cue in the name, stop word) follow from
        #: those, so texts share the entries (bounded: cleared past FIRST_PASS_MEMO)
        self._first_pass: dict[tuple, tuple] = {}
        #: a text's places (:class:`_Context`) by their ids and names: texts that name the same places
        #: share the distances, rankings and candidates worked out in them (bounded: see :meth:`_context`)
        self._contexts: dict[tuple, _Context] = {}
        #: weighs word against place for mentions without a cue (None: every such mention counts)
        self.word_or_place: Model | None = default_model()
        #: when a list, every weighed mention is appended as (start, end, features, kept): the
        #: fitting script reads it
        self.decisions: list | None = None
        #: word or place's verdicts (and their reasons, a formatted string) by place and features: texts
        #: weigh the same places in the same circumstances again and again
        self._verdicts: dict[tuple, tuple[bool, str]] = {}
        self._verdicts_of: Model | None = None
        #: a number for the values of each readings tuple (scores, place ids, reasons), and the number by
        #: the tuple's identity (the tuple kept, so that its id is not reused): see :meth:`_readings_number`
        self._readings_by_value: dict[tuple, int] = {}
        self._readings_by_id: dict[int, tuple] = {}
        self._readings_number_of: dict[int, int] = {}
        self._readings_count = itertools.count()

    # -- names -----------------------------------------------------------------------------------

    def _candidates_for_name(self, name: str, cue: str | None = None, cue_kinds: frozenset[Kind] = frozenset(),
                             prefix: str = "", fuzzy: bool = False,
                             penalise_mismatch: bool = True) -> tuple[tuple[float, Place, tuple], ...]:
        """Scored places for a normalised name: exact, then with the cue glued on, then fuzzy.
        Memoised per argument tuple as :meth:`candidates_for_name` (results are immutable)."""
        scored: dict[str, tuple[float, Place, list[str]]] = {}

        def add(rids: Sequence[int], how: str, weight: float = 1.0) -> None:
            found = self.places_of(rids)
            for rid in rids:
                place = found[rid]
                if place is None:
                    continue
                primary = (name in self.primary_names_of(rid) if self.primary_names_of is not None
                           else _is_primary(place, name))
                score, reasons = base_score(place, how, cue_kinds, prefix, primary, penalise_mismatch)
                score *= weight
                if place.id not in scored or scored[place.id][0] < score:
                    scored[place.id] = (score, place, tuple(reasons))

        hit = self.names.get(name)
        if hit is not None and hit.rids:
            add(hit.rids, "exact")
        toggled = self.names.get(_toggle_article(name))
        if toggled is not None and toggled.rids:  # الخالدية / خالدية: the article is optional for quarters
            found = self.places_of(toggled.rids)
            quarters = [rid for rid in toggled.rids if found[rid] is not None
                        and found[rid].kind is Kind.NEIGHBOURHOOD]
            if quarters:
                add(quarters, "exact", 0.97)
        if cue is not None:
            for cue_form in _cue_forms(cue):
                glued = self.names.get(f"{cue_form} {name}")
                if glued is not None and glued.rids:
                    add(glued.rids, "cue+name")
        if cue is not None and cue_kinds & _HEAD_NAMED_KINDS \
                and not any(item[1].kind in cue_kinds for item in scored.values()):
            rid = self._town_named_by_its_first_word(name)
            if rid is not None:
                add((rid,), "cue+name", HEAD_NAME_WEIGHT)
        if fuzzy and not scored:
            for match, ratio in self.names.fuzzy(name):
                found = self.names.get(match)
                if found is not None and found.rids and not found.cue_only:
                    add(found.rids, "fuzzy", ratio / 100.0)
        return tuple(sorted(_home_seats_sized(scored.values()), key=lambda item: -item[0]))

    def _town_named_by_its_first_word(self, name: str) -> int | None:
        """After a town cue, a name the index holds for no town (مدينة النبطية: GeoNames names the town
        «النبطية والطهطا», the bare name is the governorate) is the one city or town whose name opens
        with it in the country of a place named so: news names a town by the first word of a longer
        official name. None when several towns would fit, or none, or no place bears the name."""
        exact = self.names.get(name)
        if exact is None or not exact.rids:
            return None
        countries = {place.country_code for place in self.places_of(exact.rids).values() if place is not None}
        found: set[int] = set()
        for count, key in enumerate(self.names.automaton.keys(name + " ")):
            if count > HEAD_NAME_KEYS:
                return None
            longer = key[:-1]
            if longer == name or " " not in longer[len(name):]:
                continue
            hit = self.names.get(longer)
            if hit is None or hit.cue_only:
                continue
            places = self.places_of(hit.rids)
            found.update(rid for rid in hit.rids if places[rid] is not None
                         and places[rid].kind in _HEAD_NAMED_KINDS and places[rid].country_code in countries)
        return found.pop() if len(found) == 1 else None

    # -- text ------------------------------------------------------------------------------------

    def resolve(self, spans: list[Span], text: str, tokens: Sequence[str] | None = None) -> list[Mention]:
        """Mentions with candidates ranked in the context of the whole text.

        A name without a cue word is only trusted when its place is prominent (a country,
        governorate, city, curated place, or a town of some size in Syria or a neighbour), when
        another place of the text lies within ``SUPPORT_KM``, or when its only reading is one
        Syrian settlement. The tail of an unknown compound name (طومان in خان طومان) is no place;
        a square (ساحة الكرامة) is a landmark or quarter, else it stands for the town named right
        after it. A place named right after a name (أريحا في ريف إدلب) pulls the candidates near
        it up, and homonyms outside the text's countries down.
        Work is memoised per distinct reading (name, cue, clitic, relative form), so a long text
        that repeats names costs little more than its distinct names. ``tokens``, the text's
        normalised tokens as the name scanner read them, spare the tests of words the text lacks.
        """
        first_pass = self._first_pass
        if len(first_pass) > FIRST_PASS_MEMO:
            first_pass.clear()
        readings: list[tuple[Span, tuple, bool]] = []
        squares: list[Span] = []
        fronts: set[int] = set()  # the spans after a front word (جبهة X), by id
        tanween = any(map(text.__contains__, TANWEEN))  # most texts are unvocalised: no indefinite word
        for span in spans:
            front = False
            if span.cue is None:
                if span.hit.cue_only:
                    continue
                previous = span.previous
                if previous in _TELLING_WORDS:  # most names: one lookup for the five tests of the word before
                    if previous in PERSON_MARKERS or previous in PERSON_TITLES:
                        continue  # ابو قصره, بن علي, الدكتور رياض: a person's name
                    if previous in DEMONSTRATIVES and span.name.startswith("ال"):
                        continue  # بهذا الخبر: "this news"
                    front = _front_word(previous)
                    if not front and previous in TOPONYM_HEADS and span.last - span.first == 1:
                        continue  # خان طومان, معرة حرمة: the one-word tail of a longer name we do not know
                if not span.prefix and span.name[:1] in _CLITIC_LETTERS and span.name[1:] in STOP_NAMES:
                    continue  # وان (Van) in "وأن": "and that"; كان (Cannes): "was"
                if span.prefix[-1:] == "ك":
                    continue  # كسرت "I broke", كحولي "alcoholic", كباري "bridges": ك "like" names no site
            if span.fuzzy and not _fuzzy_core_ok(span, text):
                continue
            if span.name in LANDFORM_HEADS and _NAME_GOES_ON.match(text, span.end):
                continue  # منطقة وادي الهيدان: the valley of a name we do not know, not El Oued
            if span.cue is None and (tokens is None or after_media_token(tokens, span.first)) \
                    and _not_a_site(text, span.start):
                continue  # بتوقيت دمشق, قناة حلب اليوم: a time zone or a channel, not even context
            if span.cue is None and tanween and _indefinite(text, span.end):
                continue  # معرباً عن أمله، كان روسيًّا: an indefinite word, never a place's name
            square = span.cue == "ساحه" and not span.cue_in_name and _square_cue(span, text)
            key = (span.name, span.cue, span.prefix, span.fuzzy, front, square)
            scored = first_pass.get(key)
            if scored is None and span.fuzzy:
                scored = tuple((score * span.fuzzy - 0.05, place, (*reasons, f"fuzzy {span.fuzzy:.2f}"))
                               for score, place, reasons in
                               self.candidates_for_name(span.name, span.cue, span.cue_kinds))
                scored = tuple(s for s in scored if s[1].kind in span.cue_kinds and _cued_ok(s[1], span))
                first_pass[key] = scored
            elif scored is None:
                # a cue word that is part of the name (جسر الشغور) only adds when the kind agrees; a clitic
                # on it (بمنطقة القصيم، بجسر الشغور) is no word that happens to spell a place: no clitic penalty
                scored = self.candidates_for_name(span.name, span.cue, span.cue_kinds,
                                                  "" if span.cue_in_name else span.prefix,
                                                  penalise_mismatch=not span.cue_in_name)
                if front:
                    scored = tuple((score + 0.1, place, (*reasons, "front line at a Syrian place"))
                                   for score, place, reasons in scored
                                   if place.country_code == "SY" and place.kind in FRONT_KINDS
                                   and (not span.hit.stop or _exact_local(place)))
                elif span.cue is None:
                    scored = tuple(s for s in scored if (not span.hit.stop or _exact_local(s[1])) and (
                        _weighed(s[1]) or _sized_ok(s[1], span)) and not _article_dropped(s[1], span)
                        and not _clitic_in_a_word(s[1], span))
                else:
                    scored = tuple(s for s in scored if _cued_ok(s[1], span) and (
                        not span.hit.stop or _exact_local(s[1]) or s[1].kind in span.cue_kinds)
                        and (s[1].kind in span.cue_kinds or not needs_cue_for(s[1], span.name)))
                if square:
                    scored = tuple(s for s in scored if s[1].kind in SQUARE_KINDS)
                first_pass[key] = scored
            if scored:
                readings.append((span, scored, front))
                if front:
                    fronts.add(id(span))
            elif square:
                squares.append(span)
        anchors: dict[tuple[str, str], tuple[Span, Place]] = {}
        for span, scored, front in readings:
            top = scored[0][1]
            key = (top.id, span.name)
            if key in anchors or not top.mappable_as_point:
                continue
            if span.cue is not None or (_prominent(top, span) and (front or not needs_cue_for(top, span.name))):
                anchors[key] = (span, top)
        context = self._context(anchors)
        #: countries the text names as such (روسيا): their places count as the text's places too
        named_countries = {scored[0][1].country_code for _, scored, _ in readings
                           if scored[0][1].kind is Kind.COUNTRY and scored[0][1].country_code}
        kept = []
        supported: dict[tuple, tuple] = {}
        #: a report about Syria keeps the size bars for foreign towns (:func:`_weighed`)
        syrian = context.mostly_in("SY")
        #: per span, its readings before the support filter: a foreign place is doubtful in a text
        #: about another country when the name has a reading there, supported or not (made when needed)
        all_readings: dict[int, tuple] | None = None
        #: the governorates the text puts each name in (X في ريف Y، X بمحافظة Y)
        held_in, read_followers = _held_in(readings, text) if syrian else ({}, None)
        for span, scored, front in readings:
            if span.cue is None:  # a front line too: OCHA has a village for most words (جبهة السجن)
                holder = held_in.get(id(span))
                if holder is not None:  # read with the text itself: not shared with other texts
                    scored = _supported(span, scored, front, context, syrian, text, holder)
                else:
                    key = (span.name, span.prefix, front)
                    if key not in supported:
                        supported[key] = _supported(span, scored, front, context, syrian, text)
                    scored = supported[key]
            elif span.cue == "منطقه":  # an area cue types no settlement: a village of the name needs support
                scored = tuple(s for s in scored if s[1].kind in span.cue_kinds or _prominent(s[1], span)
                               or context.supports(s[1], span.name))
            if span.fuzzy and scored:  # a misspelling is a weaker reading than a name: where the text names
                countries = context.countries(span.name)  # other places, it lies in their countries or near them
                if countries:
                    scored = tuple(s for s in scored if s[1].country_code in countries
                                   or context.supports(s[1], span.name))
            if scored and context.countries(span.name) and any(s[1].kind is Kind.HOSPITAL for s in scored):
                # towns share their hospitals' names (المشفى الوطني، مستشفى الرازي): in a text that names other
                # places, a hospital far from every one of them is another town's, which the index lacks
                scored = tuple(s for s in scored if s[1].kind is not Kind.HOSPITAL or context.supports(s[1], span.name))
            if scored:
                kept.append((span, scored))
        by_span = {id(span): scored for span, scored in kept} if any(span.road_to for span, _ in kept) else {}
        if read_followers is not None and _same_tops(kept, readings):
            followers, holders = read_followers  # nothing the support filter dropped changes a pair
        else:
            holders = {}
            followers = _followers(kept, text, holders)
        ranked_cache: dict[tuple, tuple[tuple, int]] = {}
        final_cache: dict[tuple, tuple[Candidate, ...]] = {}
        road_cache: dict[tuple, tuple[Candidate, ...]] = {}
        mentions: list[Mention] = []
        doubted: list[Mention] = []  # names word or place did not take here (see _one_reading_per_text)
        consumed: set[int] = set()
        hashtags = "#" in text
        vowelled = any(map(text.__contains__, FIRST_VOWELS))
        for span, scored in kept:
            if id(span) in consumed:
                continue
            follower = followers.get(id(span))
            rank_key = (span.name, span.cue, span.prefix, span.fuzzy, follower.id if follower else None)
            cached = ranked_cache.get(rank_key)
            if cached is None:
                # the text's countries: those of its other places and those it names as such (#الأردن)
                countries = context.countries(span.name) | named_countries
                if countries and all_readings is None:
                    all_readings = {id(span): scored for span, scored, _ in readings}
                homonym_at_home = bool(countries) and any(s[1].country_code in countries
                                                          for s in all_readings[id(span)])
                outside = country_set(countries) if homonym_at_home else None
                # everything the ranking depends on, so that texts naming the same places share it
                shared_key = (rank_key, outside, self._readings_number(scored))
                cached = context.ranked.get(shared_key)
                if cached is None:  # the ranking, and a number that stands for its key in context.candidates
                    ranked = tuple(sorted((context.rescore(item, span.name, follower, outside) for item in scored),
                                          key=lambda i: -i[0]))
                    cached = context.ranked[shared_key] = (ranked, len(context.ranked))
                ranked_cache[rank_key] = cached
            ranked, ranking = cached
            partner = span.road_to
            if partner is not None and id(partner) in by_span:
                consumed.add(id(partner))
                road_key = (span.name, partner.name, span.cue)
                if road_key not in road_cache:
                    road_cache[road_key] = self._road_candidates(span, ranked, by_span[id(partner)])
                start = span.lead_start if span.lead_start is not None else span.start
                mentions.append(Mention(start, partner.end, text[start:partner.end],
                                        f"{span.name} {partner.name}", "طريق", road_cache[road_key]))
                continue
            final_key = (*rank_key, span.rif, span.direction, span.city_cue)
            candidates = final_cache.get(final_key)
            if candidates is None:
                candidates = context.candidates.get((ranking, *final_key[5:]))
            if candidates is None:
                candidates = tuple(self._candidate(score, place, reasons) for score, place, reasons in ranked)
                if span.rif or span.direction is not None:
                    candidates = tuple(self._relative(span, list(candidates)))
                elif span.cue is None:
                    candidates = _country_before_its_namesake(candidates)
                context.candidates[(ranking, *final_key[5:])] = candidates
            final_cache[final_key] = candidates
            holder = holders.get(id(span))
            if holder is not None and not span.rif and span.direction is None:
                candidates = _held_by(candidates, holder)
            if len(named_countries) > 1 and span.cue is None and candidates:
                candidates = _country_among_countries(candidates, named_countries,
                                                      context.countries(span.name) | named_countries)
            if vowelled and span.name in VOWELLED_READINGS:
                candidates = _vowelled(candidates, span, text)
            if not candidates or candidates[0].score < MIN_MENTION_SCORE:
                continue
            if span.cue == "محافظه" and _seat_of_province(candidates[0].place, span):
                candidates = (replace(candidates[0], precision=Precision.REGION, approximate=True,
                                      reasons=(*candidates[0].reasons, SEAT_REASON)), *candidates[1:])
            start, name_start, lead = span.start, None, None
            if span.lead_start is not None and span.rif:
                start = span.lead_start  # ريف حلب (الشمالي): a place we build
            else:
                if span.cue_start is not None and _cue_names(span, candidates[0].place):
                    start, name_start = span.cue_start, span.start  # مدينة حلب، بمحافظة الجيزة: the cue opens it
                if span.lead_start is not None and span.direction is not None:
                    lead = span.lead_start  # جنوب القاهرة: the direction words are not part of the mention
            tag = _hashtag(text, start, span.end) if hashtags else ""
            if tag == "compound":
                continue  # #امطار_الكويت: context, not a place mention
            if span.cue is None and not span.rif and span.direction is None and id(span) not in fronts:
                weighed = self._weighed_candidates(span, candidates, context, named_countries, tag == "whole")
                if not weighed:
                    doubted.append(Mention(start, span.end, text[start:span.end], span.name, span.cue,
                                           candidates, name_start, lead))
                    continue
                candidates = weighed
            mentions.append(Mention(start, span.end, text[start:span.end], span.name, span.cue, candidates,
                                    name_start, lead))
        if doubted:
            mentions = _one_reading_per_text(mentions, doubted)
        if squares:
            mentions = _squares_in_towns(squares, mentions, text)
        return mentions

    def _readings_number(self, scored: tuple) -> int:
        """A number that stands for the values of ``scored`` (each reading's score, place id and
        reasons) in the keys of :attr:`_Context.ranked`: equal values, equal numbers. Most readings
        come from the memos, so the same tuple comes back text after text and its number is one
        lookup by identity, where the values made a nested tuple to build and hash for each name of
        each text. Numbers are never reused, so emptying the memos only costs recomputation."""
        if self._readings_by_id.get(id(scored)) is scored:
            return self._readings_number_of[id(scored)]
        by_value = self._readings_by_value
        value = tuple((score, place.id, reasons) for score, place, reasons in scored)
        number = by_value.get(value)
        if number is None:
            if len(by_value) >= FIRST_PASS_MEMO:
                by_value.clear()
            number = by_value[value] = next(self._readings_count)
        if len(self._readings_by_id) >= FIRST_PASS_MEMO:
            self._readings_by_id.clear()
            self._readings_number_of.clear()
        # two dictionaries, not one of (tuple, number) pairs: no more objects for the cyclic collector
        self._readings_by_id[id(scored)] = scored
        self._readings_number_of[id(scored)] = number
        return number

    def _context(self, anchors: dict[tuple[str, str], tuple[Span, Place]]) -> _Context:
        """The :class:`_Context` of these anchors (by place id and name, in text order), shared with
        earlier texts that named the same places by the same names (most short reports of one city
        do); at most ``CONTEXTS_KEPT`` are kept, of texts naming at most ``SHARED_CONTEXT_ANCHORS`` places."""
        if len(anchors) > SHARED_CONTEXT_ANCHORS:  # a long text: its places hardly recur together
            return _Context(list(anchors.values()))
        key = tuple(anchors)
        context = self._contexts.get(key)
        if context is None:
            if len(self._contexts) >= CONTEXTS_KEPT:
                self._contexts.clear()
            context = self._contexts[key] = _Context(list(anchors.values()))
        return context

    def _weighed_candidates(self, span: Span, candidates: tuple[Candidate, ...], context: _Context,
                            named_countries: set[str], hashtag: bool) -> tuple[Candidate, ...]:
        """The candidates from the first one that word or place keeps (with its reason) or does not
        weigh: a far-away town the model rejects gives way to the next reading (الكويت the city, a
        common word elsewhere, gives way to the country), and when none is left, to nothing."""
        candidates = _metropolis_first(span, candidates, context, named_countries)
        for index, top in enumerate(candidates):
            if index and top.score < MIN_MENTION_SCORE:
                return ()
            weighed = self._weigh(span, top.place, context, named_countries, hashtag)
            if weighed is None:
                return candidates[index:]
            keep, reason = weighed
            if keep:
                kept = (replace(top, reasons=(*top.reasons, reason)), *candidates[index + 1:])
                seat = _seat_passed_over(top.place, candidates[:index])
                if seat is not None and seat.place.country_code in context.countries(span.name) | named_countries:
                    return (replace(seat, reasons=(*seat.reasons, reason, SEAT_TOWN_REASON)), *kept)
                return kept
        return ()

    def _weigh(self, span: Span, place: Place, context: _Context, named_countries: set[str],
               hashtag: bool) -> tuple[bool, str] | None:
        """Word or place (:mod:`gazetteer.word_or_place`) for a mention without a cue word whose
        best reading lies beyond Syria and its neighbours: a far-away homonym of a common word.
        Countries and regions are named as such; places in Syria and its neighbours have their own
        rules above (stop words, a cue or a nearby place for villages, quarters that need their cue),
        but a Syrian place in a text about another country is weighed (:func:`_abroad`)."""
        model = self.word_or_place
        if model is None and self.decisions is None:
            return None
        in_text_country = place.country_code in context.countries(span.name) or (
            place.country_code in named_countries and _named_country_supports(place))
        if not (_model_weighs(place) or _abroad(place, in_text_country, context, span.name)):
            return None
        if self._indefinite_noun(span):
            return False, "a common noun without the article: the place's name takes it"
        km, _ = context.nearest(place, span.name)
        values = features(place, span.hit.zipf, span.hit.zipf_toggled, text_country=in_text_country,
                          near_km=km, hashtag=hashtag, clitic=bool(span.prefix), words=span.name.count(" ") + 1)
        if self.decisions is not None:
            self.decisions.append((span.start, span.end, values))
        if model is None:
            return None
        if model is not self._verdicts_of:  # the verdicts below are those of one model
            self._verdicts, self._verdicts_of = {}, model
        verdict = self._verdicts.get((place.id, values))
        if verdict is None:
            if len(self._verdicts) >= FIRST_PASS_MEMO:
                self._verdicts.clear()
            p = model.probability(values)
            verdict = (p >= model.threshold, model.reason(values, p))
            if not verdict[0] and _metropolis(place, span.hit.zipf, span.hit.zipf_toggled):
                verdict = (True, f"{verdict[1]}; a metropolis named for itself")
            self._verdicts[place.id, values] = verdict
        return verdict

    def _indefinite_noun(self, span: Span) -> bool:
        """A one-word name without the article, bare of a cue, that is a word of ordinary Arabic while
        the index names a place with its article form, and Arabic text writes that form more often:
        «خرطوم» ("a hose", an alternate GeoNames lists for Khartoum) is the noun, as a place named with
        the article (الخرطوم، الموصل) is written with it; the noun written bare is indefinite. A name
        text writes bare more often than with the article (بترا for Petra) keeps its reading."""
        name = span.name
        return span.cue is None and " " not in name and not name.startswith("ال") \
            and WORD_ZIPF <= span.hit.zipf < span.hit.zipf_toggled and self.names.get("ال" + name) is not None

    @staticmethod
    def _candidate(score: float, place: Place, reasons: list[str]) -> Candidate:
        return Candidate(place, round(max(0.0, min(score, 0.99)), 4), precision_of(place.kind), tuple(reasons))

    def _relative(self, span: Span, candidates: list[Candidate]) -> list[Candidate]:
        """``ريف X [الشمالي]`` / ``شمال (مدينة) X``: an offset point or area, precision 2 (or 3
        for a country), approximate."""
        out = []
        for cand in candidates:
            base = cand.place
            direction = span.direction
            if base.kind in NOT_MAPPABLE_AS_POINT:
                out.append(replace(cand, precision=Precision.REGION, approximate=True,
                                   reasons=(*cand.reasons, "part of a country or region")))
                continue
            if span.rif:
                km = RIF_OFFSET_KM if direction else 0.0
                label = "rif" + (f"-{DIRECTION_NAMES.get(_sign(direction), 'x')}" if direction else "")
                name = f"ريف {base.name_ar}" + (f" {DIRECTION_ADJECTIVES_AR[_sign(direction)]}" if direction else "")
            else:
                km = TOWN_EDGE_OFFSET_KM if base.kind in _SMALL_KINDS else \
                    CITY_EDGE_OFFSET_KM if span.city_cue else DIRECTION_OFFSET_KM
                label = DIRECTION_NAMES.get(_sign(direction), "near")
                name = f"{DIRECTION_NOUNS_AR.get(_sign(direction), 'قرب')} {base.name_ar or base.name_en}"
            geometry = offset_point(base, direction, km) if direction else base.geometry
            place = Place(
                id=f"{base.id}~{label}", name_ar=name, kind=Kind.DISTRICT, geometry=geometry,
                name_en=f"{label} of {base.name_en}" if base.name_en else "", parents=(*base.parents, base.id),
                country_code=base.country_code, admin1=base.admin1, admin2=base.admin2,
                uncertainty_m=max(base.uncertainty_m, km * 1000.0, 10000.0 if span.rif else 3000.0),
                source=base.source, licence=base.licence,
            )
            out.append(Candidate(place, cand.score, Precision.NEAR, (*cand.reasons, f"{label} of {base.id}"),
                                 approximate=True))
        return out

    def _road_candidates(self, span: Span, ranked, other_scored) -> tuple[Candidate, ...]:
        """``طريق X – Y``: the curated road if one is named so, else a line from X to Y."""
        other = span.road_to
        name = f"{span.name} {other.name}"
        candidates: list[Candidate] = []
        for cue_form in ("طريق", "اوتوستراد", "اتوستراد"):
            for road_name in (f"{cue_form} {name}", f"{cue_form} {other.name} {span.name}"):
                hit = self.names.get(road_name)
                for rid in hit.rids if hit else ():
                    place = self.place_of(rid)
                    if place is not None and place.kind is Kind.ROAD:
                        candidates.append(Candidate(place, 0.95, Precision.NEAR, ("curated road by name",)))
        if not candidates:  # a road whose name runs through both places (طريق حلب – غازي عنتاب for حلب – عنتاب)
            for road in self.roads():
                names = {f" {normalize_name(n)} " for n in (road.name_ar, *road.aliases_ar)}
                if any(f" {span.name} " in n and f" {other.name} " in n for n in names):
                    candidates.append(Candidate(road, 0.9, Precision.NEAR, ("curated road through X and Y",)))
        if ranked and other_scored:
            a, b = ranked[0][1], other_scored[0][1]
            if a.mappable_as_point and b.mappable_as_point:
                line = Place(
                    id=f"line:{a.id}--{b.id}", name_ar=f"طريق {a.name_ar} - {b.name_ar}", kind=Kind.ROAD,
                    geometry=LineString([(a.lon, a.lat), (b.lon, b.lat)]),
                    name_en=f"{a.name_en} - {b.name_en} road", country_code=a.country_code,
                    admin1=a.admin1, uncertainty_m=5000.0, source="derived", licence=a.licence,
                )
                score = min(0.9, (ranked[0][0] + other_scored[0][0]) / 2)
                candidates.append(Candidate(line, round(score, 4), Precision.NEAR,
                                            ("line from X to Y", a.id, b.id), approximate=True))
        seen: set[str] = set()
        return tuple(c for c in candidates if not (c.place.id in seen or seen.add(c.place.id)))


#: Words after which a place name names something else: a time zone (بتوقيت دمشق، بالتوقيت
#: المحلي لدمشق) or a channel, network, agency or paper (قناة حلب اليوم، شبكة حلب نيوز), normalised;
#: a word ending in one of them counts (بتوقيت، والقناه).
MEDIA_WORDS = ("توقيت", "قناه", "شبكه", "وكاله", "اذاعه", "راديو", "تلفزيون", "صحيفه", "جريده", "مجله")
#: ... and the word that may follow the time zone's (التوقيت المحلي).
_LOCAL_TIME = frozenset({"محلي", "المحلي"})


def _not_a_site(text: str, start: int) -> bool:
    """The name follows a time-zone or media word (:data:`MEDIA_WORDS`) in the 30 characters before it.
    Only the last two words can take part in a match, so only they are normalised when they stay two
    words (a short string: :func:`normalize_name` has it memoised, where the 30 characters recur rarely)."""
    window = text[max(0, start - 30):start]
    words = window.split()
    # normalising collapses every run of spaces into one, so the two words joined by one give the same
    before = normalize_name(" ".join(words[-2:])) if len(words) > 1 else ""
    if " " not in before:
        before = normalize_name(window)
    return bool(before) and ends_with_media_word(before)


def after_media_token(tokens: Sequence[str], first: int) -> bool:
    """Whether the token before token ``first`` of a text (its normalised tokens, as
    :func:`~gazetteer.normalize.scan_tokens` reads them) ends with a media word or is محلي / المحلي:
    when it does not, :func:`_not_a_site` is false at that token's start (most names: one string test).
    The scanner's table and :func:`normalize_name` map every Arabic letter alike and delete the same
    marks, and the scanner splits wherever the normaliser does (and more), so the last word of the
    window before a name ends where that token ends, in the same letters."""
    if not first:
        return False
    before = tokens[first - 1]
    return before.endswith(MEDIA_WORDS) or before in _LOCAL_TIME


def ends_with_media_word(words: str) -> bool:
    """``words`` (normalised: words between single spaces) end with a word that ends in one of
    :data:`MEDIA_WORDS`, or with التوقيت المحلي. Two string tests on the last two words, where a
    regular expression with a free prefix before the alternatives backtracked at every character."""
    last = words.rsplit(" ", 2)
    return last[-1].endswith(MEDIA_WORDS) or (
        last[-1] in _LOCAL_TIME and len(last) > 1 and last[-2].endswith("توقيت"))


#: After a hashtag, the bar that ends a headline's label (``#الشروق| وزير الصحة يزور الجرحى``).
_LABEL_BAR = re.compile(r"[ \t]*\|")


def _hashtag(text: str, start: int, end: int) -> str:
    """``"whole"`` when the mention is a hashtag of its own (#حلب, #البحر_الميت), ``"compound"``
    when it is part of a longer hashtag (#امطار_الكويت: context only), ``"label"`` when a whole
    hashtag ends at a bar (``#الشروق|``, ``#القاهرة |``): it labels the headline after it with its
    source or its dateline, and says no more than a bare name that the text is about the place, else ``""``."""
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    if text[token_start:start + 1].find("#") < 0:
        return ""
    token_end = end
    while token_end < len(text) and not text[token_end].isspace():
        token_end += 1
    token = text[token_start:token_end].rstrip(".,:;!?؟،…)\"'»")
    hash_at = token.find("#")
    core_start, core_end = token_start + hash_at + 1, token_start + len(token)
    if not (start <= core_start and end >= core_end) and "_" in text[core_start:core_end]:
        return "compound"
    return "label" if _LABEL_BAR.match(text, end) else "whole"


#: a city this large is named for itself anywhere (news names Moscow or Tokyo without their country) ...
METROPOLIS_POPULATION = 1_000_000
#: ... when its name is a common word of Arabic text (Zipf) ...
METROPOLIS_ZIPF = 3.5


def _metropolis(place: Place, zipf: float, zipf_toggled: float) -> bool:
    """Word or place, fitted on tweets about the Arab world, rejects a world capital named without its
    country (انفجار في موسكو) although nothing else bears its name: a city of a million people or more
    whose name is frequent in Arabic text and never takes or drops the article (a proper noun: موسكو,
    never الموسكو; not وين "where", seen as الوين, nor سيول "torrents") is the city."""
    return place.kind is Kind.CITY and place.population >= METROPOLIS_POPULATION and zipf >= METROPOLIS_ZIPF \
        and zipf_toggled == 0.0


def _indefinite(text: str, end: int) -> bool:
    """The word ends in tanween (معرباً، روسيًّا، مؤكداً): an indefinite noun, adjective or adverb. A
    place's name is definite or takes no tanween, so a word written with it is no place; most text
    is unvocalised, and there this says nothing."""
    i = end
    while i < len(text) and text[i] in HARAKAT:
        i += 1
    j = i
    if j > 0 and text[j - 1] == "ا":  # the alif written after the tanween of the accusative
        j -= 1
    k = j
    while k > 0 and text[k - 1] in HARAKAT:
        k -= 1
    return any(ch in TANWEEN for ch in text[k:j])


def _metropolis_first(span: Span, candidates: tuple[Candidate, ...], context: _Context,
                      named_countries: set[str]) -> tuple[Candidate, ...]:
    """A metropolis (:func:`_metropolis`) before a homonym a tenth its size or less that only the
    text's country put first: "وفاة مصابين بفيروس كورونا في موسكو" names Moscow, not the small
    American town that كورونا, read as another, put ahead.  The homonym keeps its rank when the text
    names its country as such or a place near it, or when it lies in Syria, its neighbours or an Arab
    country, which have rules of their own."""
    if len(candidates) < 2:
        return candidates
    top = candidates[0].place
    if top.kind in _NAMED_AREAS or top.country_code in REGIONAL_COUNTRIES or top.country_code in ARAB_COUNTRIES \
            or top.country_code in named_countries or _metropolis(top, span.hit.zipf, span.hit.zipf_toggled):
        return candidates
    for index, candidate in enumerate(candidates[1:], 1):
        place = candidate.place
        if _metropolis(place, span.hit.zipf, span.hit.zipf_toggled) and top.population * 10 <= place.population:
            if context.supports(top, span.name):
                return candidates
            return (candidate, *candidates[:index], *candidates[index + 1:])
    return candidates


def _weighed(place: Place) -> bool:
    """A place in an Arab country other than Syria: whether a bare name means it is for the
    word-or-place model to say (its frequency as a word, the place's prominence, the text's other
    places), not for the population bars below, which were set for far-away homonyms and would
    hide the towns and quarters Arabic text names most (حولي، الجفر، الفحيحيل). A report about
    Syria keeps the bars (بوقف إطلاق النار is no Egyptian town)."""
    return place.country_code in ARAB_COUNTRIES and place.country_code not in HOME_COUNTRIES \
        and place.kind not in NOT_MAPPABLE_AS_POINT


def _named_country_supports(place: Place) -> bool:
    """Whether the text's naming a country as such (#الأردن، الولايات المتحدة) counts as the text being
    in that country for word or place: for the Arab countries and Syria's neighbours, whose towns the
    news names beside them, it does; a world power is named as a party (ترمب … #الصين … #اميركا ملزمة)
    far more than as a setting, and a town of it needs a place of the text near it (#كورونا beside
    "الولايات المتحدة تسجل إصابات" was Corona, California), unless it is a city of a million people or
    more, which the news names for itself (ووهان beside #الصين)."""
    return place.country_code in ARAB_COUNTRIES or place.country_code in REGIONAL_COUNTRIES \
        or place.population >= METROPOLIS_POPULATION


#: why a bare name word or place kept as a province is its seat town instead (:func:`_seat_passed_over`)
SEAT_TOWN_REASON = "the province's seat of the same name: the town"
#: the kinds of a seat town
_SEAT_KINDS = frozenset({Kind.CITY, Kind.TOWN})


def _seat_passed_over(province: Place, passed: tuple[Candidate, ...]) -> Candidate | None:
    """The town that word or place passed over for the province kept after it, when the province is
    named after it (سرت، درنة، مأرب، الحديدة: the province and its seat share the name): news tells an
    incident in the town, and a province title (محافظة، ولاية) names the province with its cue, which
    no bare name has. The town's word-or-place reading weighed less than the province's only through
    prominence, which the seat shares. The caller takes the town only where the text names the seat's
    country or another place in it (درنة شرقي ليبيا): a text that names nothing else gives a bare name no
    support, and an Aleppo title's «مسقط رأسه» ("his birthplace") or «مفرق الدوحة» keeps the coarser
    province, which the map does not pin (so does a bare «سرت» alone)."""
    if province.kind is not Kind.GOVERNORATE or not province.admin1:
        return None
    seat_of = normalize_name(province.admin1)
    for candidate in passed:
        place = candidate.place
        if place.kind in _SEAT_KINDS and place.country_code == province.country_code \
                and normalize_name(place.admin1) == seat_of:
            return candidate
    return None


def _model_weighs(place: Place) -> bool:
    """Word or place weighs places far from Syria and those of the Arab countries around it; Syria's
    have OCHA's rules, Turkey's and Israel's border towns (غازي عنتاب) those of a neighbour."""
    return place.kind not in NOT_MAPPABLE_AS_POINT and (
        place.country_code not in REGIONAL_COUNTRIES or _weighed(place))


#: Places too small to be named abroad for their own sake: a city (حلب، سراقب) is news anywhere, and a
#: Syrian report often names a foreign capital beside it (talks in Moscow, clashes in Saraqib); its
#: villages, quarters and small towns, our curated rows too (والزيارة "and the visit", بعيدين "far away"
#: in reports from Riyadh and Jordan), are weighed as words in a text about another country.
_ABROAD_KINDS = frozenset({Kind.VILLAGE, Kind.NEIGHBOURHOOD, Kind.TOWN})


def _abroad(place: Place, in_text_country: bool, context: _Context, name: str) -> bool:
    """A Syrian village, quarter or small town (under ``PROMINENT_POPULATION``, our curated rows too:
    والزيارة "and the visit" is an OCHA town) named in a text about another country (its other places
    lie elsewhere and none in Syria): Syria is no home there, so word or place weighs it like any
    foreign place (الضمير "the conscience" in a report from Cairo is no Syrian village). Countries
    named alone do not make the text foreign: a Syrian report names Iraq in a group's name (دولة
    العراق والشام) and Russia or Turkey as parties; a report that names no other place keeps the
    rules of home, and so does a place within ``SUPPORT_KM`` of another the text names (a village
    beside a Jordanian town across the border)."""
    return place.country_code in HOME_COUNTRIES and place.kind in _ABROAD_KINDS \
        and not in_text_country and place.population < PROMINENT_POPULATION and bool(context.countries(name)) \
        and not context.supports(place, name)


def _sized_ok(place: Place, span: Span) -> bool:
    """The size bars for a foreign place named bare (:func:`_bare_ok`) or behind a clitic (:func:`_clitic_ok`)."""
    return _bare_ok(place) and (not span.prefix or _clitic_ok(place, span.name))


#: Countries, regions and first-level divisions (provinces): named as such, whatever their size.
_NAMED_AREAS = frozenset({Kind.COUNTRY, Kind.REGION, Kind.GOVERNORATE})


def _bare_ok(place: Place) -> bool:
    """Places far from Syria are only taken from a bare name when they are large: small foreign
    towns with Arabic names are mostly ordinary words (امن, اطار, وقف). A country, region or province
    is named as such."""
    if place.kind in _NAMED_AREAS or _exact_local(place):
        return True
    return place.country_code in REGIONAL_COUNTRIES or place.population >= WORLD_BARE_MIN_POPULATION


def _clitic_ok(place: Place, name: str = "") -> bool:
    """Behind a clitic (بموسكو) a place far from Syria must be a metropolis: a word that starts
    with one of those letters (كسارة = ك + سارة) too often spells a mid-sized foreign town. A name
    of several words (بحفر الباطن) is no such accident: the bar of a bare name holds."""
    if place.kind in _NAMED_AREAS or place.country_code in REGIONAL_COUNTRIES or _exact_local(place):
        return True
    if " " in name:
        return _bare_ok(place)
    return place.population >= WORLD_CLITIC_MIN_POPULATION


def _cued_ok(place: Place, span: Span) -> bool:
    """After a cue word, a foreign place must still be large, and must be of the cued kind
    (``حي مساكن`` is not Msaken in Tunisia); in an Arab country, where the Arabic name is the
    place's own, the kind alone (مدينة الكويت: Kuwait City, 60,000 people)."""
    if place.kind in _NAMED_AREAS or place.country_code in REGIONAL_COUNTRIES \
            or _exact_local(place):
        return True
    kind_agrees = span.cue_in_name or _of_cued_kind(place, span.cue_kinds)
    if _weighed(place):  # a town of an Arab country: the cue says a place is meant, whatever its size
        return kind_agrees or _seat_of_province(place, span)
    return place.population >= WORLD_BARE_MIN_POPULATION and kind_agrees


def _seat_of_province(place: Place, span: Span) -> bool:
    """``محافظة X`` where the index holds X as a town: the Arab countries name a governorate after
    its seat (محافظة الطائف، محافظة حفر الباطن، محافظة الجيزة), so the town stands for it, at the
    precision of a governorate (:data:`SEAT_REASON`)."""
    return span.cue == "محافظه" and not span.cue_in_name and place.kind in SETTLEMENT_KINDS


SEAT_REASON = "the governorate named after its seat: placed at the seat, precision of a governorate"


def _prominent(place: Place, span: Span) -> bool:
    """Trusted from a bare name: a country, governorate, city, curated place, or a sizeable town;
    behind a clitic (بحلب) the bar is higher."""
    if place.kind in (Kind.COUNTRY, Kind.REGION, Kind.GOVERNORATE, Kind.DISTRICT) or _exact_local(place):
        return True
    if place.kind is Kind.CITY or place.id.startswith("local:"):  # a city, or one of our curated rows
        return True
    needed = PROMINENT_POPULATION * (5 if span.prefix else 1)
    return place.population >= needed


#: The sets of country codes the contexts have asked for, each kept once: a run asks for a few dozen
#: ({"SY"} most), thousands of times (a context keeps one per name it ranks), and every copy would be
#: one more object for the cyclic collector to traverse.
_COUNTRY_SETS: dict[frozenset[str], frozenset[str]] = {}


def country_set(codes) -> frozenset[str]:
    """``frozenset(codes)``, the one kept in :data:`_COUNTRY_SETS` when an equal set was made before."""
    found = frozenset(codes)
    return _COUNTRY_SETS.setdefault(found, found) if len(_COUNTRY_SETS) < FIRST_PASS_MEMO else found


class _Context:
    """The places a text names (its anchors), deduplicated by place, with cached distances so that
    a long text costs one pass per distinct (name, place) pair rather than per mention pair."""

    def __init__(self, anchors: list[tuple[Span, Place]]):
        places: dict[str, tuple[Place, set[str]]] = {}
        for span, place in anchors:
            if place.kind in NOT_MAPPABLE_AS_POINT:
                continue
            places.setdefault(place.id, (place, set()))[1].add(span.name)
        #: the cities and governorates the text names, each with the names it was named by: a place lies
        #: in one the text names when another name named it (محافظة مادبا names the governorate, which
        #: does not put the town مأدبا inside a governorate the text names)
        admins: dict[str, set[str]] = {}
        for place, names in places.values():
            if place.kind in (Kind.CITY, Kind.GOVERNORATE):
                admins.setdefault(place.name_ar, set()).update(names)
        #: (a tuple per name, as below: contexts are kept)
        self.admins: dict[str, tuple[str, ...]] = {admin: tuple(names) for admin, names in admins.items()}
        #: each place and the names it was named by (a tuple: contexts are kept, and a set would be one
        #: more object each for the cyclic collector)
        self._anchors = [(place, tuple(names)) for place, names in places.values()]
        self._position = {p.id: i for i, (p, _) in enumerate(self._anchors)}
        only_names = [next(iter(names)) if len(names) == 1 else None for _, names in self._anchors]
        if len(self._anchors) <= FEW_ANCHORS:  # a short text: plain floats, no array overhead
            self._rows = [(lat, lon, math.cos(lat), only)
                          for (p, _), only in zip(self._anchors, only_names, strict=True)
                          for lat, lon in (radians_of(p),)]
        else:
            self._rows = None
            # each place's point once (radians_of keeps it), not a geometry's representative point per text
            radians = [radians_of(p) for p, _ in self._anchors]
            self._lat = np.array([lat for lat, _ in radians], dtype=float)
            self._lon = np.array([lon for _, lon in radians], dtype=float)
            #: per name, the anchors named by some other name too (not only by that name)
            self._usable: dict[str, np.ndarray] = {}
            self._only_name = np.array(only_names, dtype=object)
        #: (km, index of the anchor or -1) by (place id, name): numbers only, which the collector stops tracking
        self._nearest: dict[tuple[str, str], tuple[float, int]] = {}
        self._by_country: dict[str, list] | None = None
        self._mostly_in: dict[str, bool] = {}
        #: rankings and final candidates worked out in these places (see :meth:`Resolver.resolve`)
        self.ranked: dict[tuple, tuple[tuple, int]] = {}
        self.candidates: dict[tuple, tuple[Candidate, ...]] = {}
        #: the supported readings of names without a cue word (see :func:`_supported`)
        self.supported: dict[tuple, tuple] = {}
        self._countries: dict[str, frozenset[str]] = {}

    def nearest(self, place: Place, name: str) -> tuple[float, Place | None]:
        """Distance to the nearest anchor named by another name than ``name`` (not ``place``)."""
        key = (place.id, name)
        found = self._nearest.get(key)
        if found is None:
            found = self._nearest[key] = self._nearest_uncached(place, name)
        km, index = found
        return km, (self._anchors[index][0] if index >= 0 else None)

    def _nearest_uncached(self, place: Place, name: str) -> tuple[float, int]:
        if not self._anchors:
            return math.inf, -1
        if self._rows is not None:
            return self._nearest_of_few(place, name)
        usable = self._usable.get(name)
        if usable is None:
            usable = self._usable[name] = self._only_name != name
        position = self._position.get(place.id)
        if position is not None:
            usable = usable.copy()
            usable[position] = False
        if not usable.any():
            return math.inf, -1
        lat, lon = radians_of(place)
        h = (np.sin((self._lat - lat) / 2) ** 2
             + math.cos(lat) * np.cos(self._lat) * np.sin((self._lon - lon) / 2) ** 2)
        km = 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        km = np.where(usable, km, np.inf)
        index = int(np.argmin(km))
        return float(km[index]), index

    def _nearest_of_few(self, place: Place, name: str) -> tuple[float, int]:
        """:meth:`_nearest_uncached` over a few anchors, one by one, in the same arithmetic (the same
        haversine, the first of equal distances)."""
        position = self._position.get(place.id)
        lat, lon = radians_of(place)
        cos_lat = math.cos(lat)
        sin, asin, sqrt = math.sin, math.asin, math.sqrt
        best, index = math.inf, -1
        for i, (a_lat, a_lon, a_cos, only) in enumerate(self._rows):
            if only == name or i == position:
                continue
            h = sin((a_lat - lat) / 2) ** 2 + cos_lat * a_cos * sin((a_lon - lon) / 2) ** 2
            km = 6371.0 * 2 * asin(min(1.0, sqrt(h)))
            if km < best or index < 0 or km != km:
                best, index = km, i
                if km != km:  # NaN: numpy's argmin takes the first
                    break
        if index < 0:
            return math.inf, -1
        return best, index

    def supports(self, place: Place, name: str) -> bool:
        return self.nearest(place, name)[0] <= SUPPORT_KM

    def countries(self, name: str) -> frozenset[str]:
        """Countries of the places the text names by other names than ``name``."""
        found = self._countries.get(name)
        if found is None:
            found = self._countries[name] = country_set(self._countries_uncached(name))
        return found

    def _countries_uncached(self, name: str) -> set[str]:
        if self._by_country is None:  # country -> (anchors there, anchors named only by one name)
            self._by_country = {}
            for place, names in self._anchors:
                if place.country_code:
                    total, only = self._by_country.setdefault(place.country_code, [0, {}])
                    self._by_country[place.country_code][0] = total + 1
                    if len(names) == 1:
                        (single,) = names
                        only[single] = only.get(single, 0) + 1
        return {code for code, (total, only) in self._by_country.items() if total > only.get(name, 0)}

    def mostly_in(self, code: str) -> bool:
        """At least half the places the text names lie in country ``code``."""
        found = self._mostly_in.get(code)
        if found is None:
            self.countries("")  # fills _by_country
            everything = sum(total for total, _ in self._by_country.values())
            found = self._mostly_in[code] = bool(everything) and 2 * self._by_country.get(code, [0])[0] >= everything
        return found

    def rescore(self, item, name: str, follower: Place | None = None,
                countries: set[str] | None = None) -> tuple[float, Place, tuple[str, ...]]:
        """Add the bonus for lying near another place of the text, inside a city or governorate
        the text names, or near the place named right after the name (``follower``); take off
        a penalty outside the text's ``countries`` (given when a homonym lies inside them)."""
        score, place, reasons = item
        added: list[str] = []
        km, other = self.nearest(place, name)
        bonus = 0.2 * max(0.0, 1.0 - km / 40.0) if other is not None else 0.0
        if bonus:
            score += bonus
            added.append(f"{km:.0f} km from {other.name_ar or other.name_en} in text")
        named_by = self.admins.get(place.admin1, ()) if place.admin1 and place.kind is not Kind.GOVERNORATE else ()
        if any(other != name for other in named_by):
            score += 0.1
            added.append(f"in {place.admin1}, named in text")
        if FOLLOWER_BONUS and follower is not None and follower.id != place.id and _inside_or_near(place, follower):
            score += FOLLOWER_BONUS
            added.append(f"in or near {follower.name_ar or follower.name_en}, named right after")
        if FOREIGN_PENALTY and countries is not None and place.kind not in NOT_MAPPABLE_AS_POINT \
                and place.country_code not in countries:
            score -= FOREIGN_PENALTY
            added.append("outside the countries of the text")
        if not added and type(reasons) is tuple and type(item) is tuple:
            return item  # nothing in the text moves it: the reading itself, not one more equal tuple to keep
        # uncapped: readings the text pushes past the cap are ranked by all their evidence, not left tied at
        # 0.99 in the order of their scores before the text (بلدة الطيبة في ريف درعا: Jordan's town by its
        # population); :meth:`Resolver._candidate` caps the score it reports
        return score, place, (*reasons, *added)


def _country_before_its_namesake(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """A bare name shared by a country and its city (الجزائر، تونس، الكويت) names the country, as
    news and the IDRISI annotators use it (39 of 39 such tune marks); a city cue (مدينة الكويت) or
    the city's own longer name (الجزائر العاصمة) names the city."""
    if len(candidates) < 2 or candidates[0].place.kind is not Kind.CITY:
        return candidates
    top = candidates[0]
    for index, cand in enumerate(candidates[1:], 1):
        if cand.place.kind is Kind.COUNTRY and cand.place.country_code == top.place.country_code:
            return _promoted(candidates, index, "a country and its city share the name: the country")
    return candidates


def _country_among_countries(candidates: tuple[Candidate, ...], named: set[str],
                             countries: set[str]) -> tuple[Candidate, ...]:
    """In a text that names two or more other countries as such, a name whose best reading lies
    outside all of the text's countries but that also names a country is that country: an item of
    a list of countries (البحرين، الإمارات، عُمان، الكويت: Oman, not Jordan's capital)."""
    top = candidates[0]
    if top.place.kind is Kind.COUNTRY or top.place.country_code in countries:
        return candidates
    for index, cand in enumerate(candidates[1:], 1):
        if cand.place.kind is Kind.COUNTRY and len(named - {cand.place.country_code}) > 1:
            return _promoted(candidates, index, "named among the text's countries: the country")
    return candidates


#: Names whose readings differ only in vowels, which most text leaves unwritten: the vowel written on
#: the name's first letter picks the country of the reading (عُمان Oman, عَمّان Amman).
VOWELLED_READINGS: dict[str, dict[str, str]] = {"عمان": {"\u064f": "OM", "\u064e": "JO"}}
FIRST_VOWELS = frozenset("\u064e\u064f\u0650")


def _vowelled(candidates: tuple[Candidate, ...], span: Span, text: str) -> tuple[Candidate, ...]:
    """The reading the written vowel of the name's first letter picks (:data:`VOWELLED_READINGS`) first."""
    surface = text[span.start:span.end]
    first = surface.find(span.name[0], len(span.prefix))
    vowels = surface[first + 1:first + 3] if first >= 0 else ""
    readings = VOWELLED_READINGS[span.name]
    country = next((readings[v] for v in vowels if v in readings), None)
    if country is None or candidates[0].place.country_code == country:
        return candidates
    for index, candidate in enumerate(candidates[1:], 1):
        if candidate.place.country_code == country:
            return _promoted(candidates, index, "the vowel written on the name")
    return candidates


def _promoted(candidates: tuple[Candidate, ...], index: int, reason: str) -> tuple[Candidate, ...]:
    """``candidates`` with the one at ``index`` first, scored as the first one was, saying why."""
    cand, top = candidates[index], candidates[0]
    first = replace(cand, score=max(cand.score, top.score), reasons=(*cand.reasons, reason))
    return (first, *candidates[:index], *candidates[index + 1:])


_HOLDING_AREAS = frozenset({Kind.GOVERNORATE, Kind.DISTRICT, Kind.SUBDISTRICT})


def _inside_or_near(place: Place, container: Place) -> bool:
    """``place`` lies in the governorate ``container`` or within ``FOLLOWER_KM`` of it; an area (a
    governorate, a district, a countryside: بلدة الطيبة في ريف درعا) holds no place of another country,
    however near its edge (Jordan's الطيبة lies 36 km from the point of Daraa's countryside)."""
    if container.kind in _HOLDING_AREAS and container.country_code and place.country_code \
            and place.country_code != container.country_code:
        return False
    if container.kind is Kind.GOVERNORATE and place.admin1 and \
            normalize_name(place.admin1) == normalize_name(container.admin1 or container.name_ar):
        return True
    return distance_km(place, container) <= FOLLOWER_KM


def _quarter_named_after(place: Place, span: Span, text: str) -> bool:
    """The text goes on to call the name "the quarter" (الهلك: قصف على الحي): a cue after it."""
    return place.kind is Kind.NEIGHBOURHOOD and \
        _QUARTER_REFERENCE.search(text, span.end, span.end + QUARTER_REFERENCE_CHARS) is not None


def _supported(span: Span, scored: tuple, front: bool, context: _Context, syrian: bool, text: str,
               holder: frozenset[str] | None = None) -> tuple:
    """The readings of a name without a cue word that the text supports: a front line where the text
    is; a place whose name is an ordinary word near another place of the text (or called "the
    quarter" after it); any other place when prominent, near another place, a Syrian place inside the
    governorate the text puts it in (``holder``, its normalised names: رميلان بريف الحسكة, 100 km from the
    city), the one reading of a
    Syrian settlement, or weighed later by word or place (in a report about Syria, a foreign town
    still within the size bars). What follows from the text's places alone
    is kept in its :class:`_Context` for later texts naming the same places (the same name, clitic,
    misspelling and front word give the same readings); what read the text itself is not."""
    shared = (span.name, span.prefix, span.fuzzy, front)
    found = context.supported.get(shared) if holder is None else None
    if found is not None:
        return found
    unique = _unique_local(scored, span)
    textual = False
    kept = []
    for item in scored:
        place = item[1]
        if front:
            keep = _front_supported(place, span, context)
        elif needs_cue_for(place, span.name) or (_word_named_village(place, span) and not unique):
            keep = not span.hit.stop and context.nearest(place, span.name)[0] <= NEEDS_CUE_SUPPORT_KM
            if not keep and not span.hit.stop:
                keep, textual = _quarter_named_after(place, span, text), True
        else:
            keep = _prominent(place, span) or context.supports(place, span.name) or unique \
                or _weighed(place) and not syrian \
                or holder is not None and place.country_code == "SY" and normalize_name(place.admin1) in holder
        if keep:
            kept.append(item)
    if syrian:  # a report about Syria keeps the size bars for foreign towns (:func:`_weighed`)
        kept = [item for item in kept if not _weighed(item[1]) or _sized_ok(item[1], span)]
    found = tuple(kept)
    if not textual and holder is None:
        context.supported[shared] = found
    return found


def _held_in(readings: list, text: str) -> tuple[dict[int, frozenset[str]], tuple[dict, dict]]:
    """Per span, the governorates (normalised) the text puts it in right after it (``X بمحافظة Y``، ``X في
    ريف Y`` with Y a governorate's seat), by ``id(span)``: read from every reading before the support
    filter, as :func:`_followers` reads the kept ones; and that pass's followers and holders, which
    stand for the kept readings' when the filter left every span and its best reading (:func:`_same_tops`)."""
    holders: dict[int, tuple[Place, bool]] = {}
    followers = _followers([(span, scored) for span, scored, _ in readings], text, holders)
    held = {}
    for key, (place, whole) in holders.items():
        if not whole or not place.admin1:
            continue
        if place.kind is Kind.GOVERNORATE:
            held[key] = frozenset({normalize_name(place.admin1)})
        elif normalize_name(place.admin1) == normalize_name(place.name_ar):  # ريف حلب: a seat's countryside
            held[key] = countryside_governorates(place.admin1)
    return held, (followers, holders)


def _same_tops(kept: list, readings: list) -> bool:
    """The kept readings are every span of ``readings``, in order, each with the same best reading:
    :func:`_followers` reads nothing else of them, so it would find the same followers and holders."""
    return len(kept) == len(readings) and all(
        span is other and scored[0][1].id == others[0][1].id
        for (span, scored), (other, others, _) in zip(kept, readings, strict=True))


#: Neighbours whose places' Arabic names are transliterations of another language's
TRANSLITERATED = frozenset({"TR", "IL"})
#: the Zipf frequency from which a name that also takes or drops the article is an ordinary word
#: (أبرز "most prominent" 4.8, الأبرز 3.7); village names lie below (الجينة 2.3, حيان 2.4)
WORD_ZIPF = 3.0


def _article_dropped(place: Place, span: Span) -> bool:
    """A clitic glued to the name without the article the place's own name has (ورقة "paper", فرقة
    "a division" read as و / ف + رقة, an alias of الرقة): Arabic keeps the article behind و، ف، ب، ك
    (والرقة، فالرقة، بالرقة) and ل drops only its alef (للرقة), so such a word is not the place."""
    if not span.prefix or span.name.startswith(ARTICLE) or " " in span.name:
        return False
    return _primary_names(place.name_ar, place.name_en)[0] == ARTICLE + span.name


#: Kinds too small to be read behind a clitic when the whole word is a frequent one (:func:`_clitic_in_a_word`)
_SMALL_KINDS = frozenset({Kind.TOWN, Kind.VILLAGE, Kind.NEIGHBOURHOOD})


def _clitic_in_a_word(place: Place, span: Span) -> bool:
    """A clitic read off a word that is itself a frequent word of Arabic (فاطمة, a woman's name, read
    as ف + أطمة, a town of Idlib): a town, village or quarter is then the word, not the place; a
    city or a country behind a clitic (بحلب، بمصر) stays, whatever the whole word's frequency."""
    if not span.prefix or place.kind not in _SMALL_KINDS or place.population >= PROMINENT_POPULATION * 10:
        return False
    return is_frequent_word(span.prefix + span.name)


def _word_named_village(place: Place, span: Span) -> bool:
    """A village named like a common word that inflects as one ("روسيا من أبرز داعمي دمشق": أبرز, a village
    of Aleppo 30 km from a road the text names) is that village only after a cue word or right beside
    another place of the text, as a name the index marks as a word (``needs_cue``); unless two sources
    agree it is the one place of the name (:func:`_unique_local`: الضمير). Abroad alike: "the factions"
    (الفصائل) is a West Bank village 18 km from Jericho, and a town of the text's country or a town
    named nearby is no evidence that a word this common means a village (it lent Jericho to Ariha).
    So are the towns of Syria's neighbours whose Arabic names are transliterations (Turkey, Israel):
    الأشهر "the months" is Alaşehir, المالي "financial" Elmalı, taken from a bare name as a neighbour's."""
    return (place.kind is Kind.VILLAGE or place.kind is Kind.TOWN and place.country_code in TRANSLITERATED) \
        and not _exact_local(place) and min(span.hit.zipf, span.hit.zipf_toggled) >= WORD_ZIPF


def _front_supported(place: Place, span: Span, context: _Context) -> bool:
    """A front line runs where the text is: near another place it names, or, in a text that
    names no other place, at a prominent place (a city, one of our rows, a sizeable town)."""
    km, other = context.nearest(place, span.name)
    if other is not None:
        return km <= SUPPORT_KM
    return _prominent(place, span)


def _front_word(previous: str) -> bool:
    """``جبهة`` / ``محور`` (with و or ب glued on) right before a name."""
    return previous in FRONT_WORDS or (previous[:1] in ("و", "ب", "ف") and previous[1:] in FRONT_WORDS)


#: Every word before a name that one of :meth:`Resolver.resolve`'s tests of that word reads: a person's
#: marker or title, a demonstrative, a front word (with its clitics), a toponym's head.
_TELLING_WORDS = PERSON_MARKERS | PERSON_TITLES | DEMONSTRATIVES | TOPONYM_HEADS | FRONT_WORDS | {
    f"{clitic}{word}" for clitic in ("و", "ب", "ف") for word in FRONT_WORDS}


def _core(name: str) -> str:
    return name[2:] if name.startswith("ال") and len(name) > 4 else name


def _fuzzy_core_ok(span: Span, text: str) -> bool:
    """A misspelling read after a cue word must be long enough without the article."""
    query = normalize_name(text[span.start:span.end])
    return len(_core(query).replace(" ", "")) >= FUZZY_CORE_MIN_LETTERS


def _cue_names(span: Span, place: Place) -> bool:
    """The cue word before the name names the place's kind (مدينة حلب، حي الفرقان، بمحافظة الجيزة),
    or an area the name stands for (منطقة مليح، محافظة الزرقاء, whatever kind the index gives the
    name): annotators mark it as part of the mention. A cue of another kind (مستشفى حلب) names
    something else in the place and is left to :mod:`gazetteer.cue_mentions`."""
    if span.cue is None or span.cue_in_name or span.cue_first is None or span.cue_plural:
        return False
    return span.cue in AREA_CUES or place.kind in span.cue_kinds or (
        place.kind in SETTLEMENT_KINDS and span.cue_kinds <= SETTLEMENT_KINDS)


def _square_cue(span: Span, text: str) -> bool:
    """The cue before the name is ساحة (a square), not جسر (a bridge) which shares its base cue."""
    if span.lead_start is None:
        return False
    return "ساح" in normalize_name(text[span.lead_start:span.start])


def _unique_local(scored, span: Span) -> bool:
    """Every reading of the name is one Syrian settlement that two sources agree on (GeoNames and
    OCHA rows within ``UNIQUE_LOCAL_KM``), and the name is neither a stop word nor short:
    ``قصف على حريتان``. One source alone is not enough: OCHA names villages after ordinary words
    (مدرسة، الشهيد)."""
    if span.hit.stop or len(scored) < 2:
        return False
    letters = len(_core(span.name).replace(" ", ""))
    if letters < UNIQUE_LOCAL_MIN_LETTERS + (1 if span.prefix else 0):
        return False
    first = scored[0][1]
    if len({place.id.split(":", 1)[0] for _, place, _ in scored}) < 2:
        return False
    return all(place.country_code == "SY" and place.kind in SETTLEMENT_KINDS
               and distance_km(place, first) <= UNIQUE_LOCAL_KM for _, place, _ in scored)


def _one_reading_per_text(mentions: list[Mention], doubted: list[Mention]) -> list[Mention]:
    """A name word or place did not take at one occurrence (بالبترا behind a clitic) is the place the
    text takes it for at another (#البترا): a text means one thing by one name. The doubted occurrence
    keeps its own readings, that place first."""
    taken = {m.name: m.best for m in mentions if m.best is not None and m.best.place.mappable_as_point}
    added = []
    for mention in doubted:
        best = taken.get(mention.name)
        if best is None:
            continue
        same = next((c for c in mention.candidates if c.place.id == best.place.id), None)
        if same is not None:
            reason = "the place the text takes this name for elsewhere"
            candidates = (replace(same, reasons=(*same.reasons, reason)),
                          *(c for c in mention.candidates if c is not same))
            added.append(replace(mention, candidates=candidates))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: m.start)


def _followers(kept: list, text: str, holders: dict[int, tuple[Place, bool]] | None = None) -> dict[int, Place]:
    """For each span, the governorate, city or town named right after it (``X في ريف Y``,
    ``X بY``, ``X جنوبي Y``), by ``id(span)``.  ``holders`` gets those the text puts the name in
    (not beside: ``قرب``، ``جنوبي``), with whether the whole governorate holds it (``بريف Y``, a
    governorate)."""
    out: dict[int, Place] = {}
    for (span, _), (nxt, scored) in zip(kept, kept[1:], strict=False):
        if nxt.start < span.end or nxt.name == span.name or nxt.prefix not in ("", "ب"):
            continue
        gap = text[span.end:nxt.start]
        if len(gap) > FOLLOWER_GAP_MAX_CHARS:
            continue
        if not letters_and_spaces(gap):
            continue  # a comma, a dash, a bracket, a digit: a list or a new clause
        words = normalize_name(gap) if gap.strip() else ""
        if words not in FOLLOWER_GAPS or (not words and nxt.prefix != "ب" and not nxt.rif):
            continue
        top = scored[0][1]
        if top.kind in (Kind.GOVERNORATE, Kind.CITY, Kind.TOWN, Kind.DISTRICT, Kind.SUBDISTRICT) or nxt.rif:
            out[id(span)] = top
            if holders is not None and words in HOLDING_GAPS and (nxt.rif or nxt.direction is None):
                holders[id(span)] = (top, nxt.rif or top.kind is Kind.GOVERNORATE)
    return out


def letters_and_spaces(gap: str) -> bool:
    """Every character of ``gap`` is a letter or a space: what is left once the spaces are split away
    is letters (two calls in C, where a Python step per character cost a microsecond a gap)."""
    letters = "".join(gap.split())
    return not letters or letters.isalpha()


def _held_by(candidates: tuple[Candidate, ...], holder: tuple[Place, bool]) -> tuple[Candidate, ...]:
    """The readings of a name, or none when none lies where the text puts it (``المشفى الوطني في
    مدينة X`` is no namesake quarter of another city): in the governorate, or within ``FOLLOWER_KM``
    of the town.  Areas the size of a district or more are anywhere in the holder's country (منطقة
    النزهة في مأدبا is no Kuwaiti area)."""
    place, whole_governorate = holder
    areas = countryside_governorates(place.admin1 or place.name_ar)

    def held(candidate: Candidate) -> bool:
        if candidate.place.kind in NOT_MAPPABLE_AS_POINT:
            return True
        if candidate.place.kind in _AREA_KINDS:
            return not place.country_code or candidate.place.country_code in ("", place.country_code)
        if whole_governorate:
            return bool(candidate.place.admin1) and normalize_name(candidate.place.admin1) in areas
        return _inside_or_near(candidate.place, place)

    # the others stay among the ranked readings when one lies there (the follower bonus ranks it first)
    return candidates if any(held(c) for c in candidates) else ()


@lru_cache(maxsize=4096)
def countryside_governorates(admin1: str) -> frozenset[str]:
    """The governorates (normalised) that hold the countryside of a town of governorate ``admin1``:
    its own, and for Damascus, ريف دمشق."""
    name = normalize_name(admin1)
    return frozenset({name, normalize_name(f"ريف {admin1}")})


def _squares_in_towns(squares: list[Span], mentions: list[Mention], text: str) -> list[Mention]:
    """A square we have no row for stands for the town named right after it
    (``ساحة الكرامة بالسويداء`` → السويداء, precision 1); otherwise it is left out."""
    added = []
    for square in squares:
        for mention in mentions:
            if mention.start < square.end or mention.best is None:
                continue
            gap = normalize_name(text[square.end:mention.start])
            town = mention.best.place
            prefix = normalize_name(mention.surface)[:1]
            if gap in ("", "في", "مدينه", "في مدينه") and town.kind in SETTLEMENT_KINDS and \
                    (gap or prefix == "ب"):
                start = square.lead_start if square.lead_start is not None else square.start
                candidates = tuple(replace(c, precision=Precision.EXACT,
                                           reasons=(*c.reasons, f"a square in {town.name_ar or town.name_en}"))
                                   for c in mention.candidates if c.place.kind in SETTLEMENT_KINDS)
                added.append(Mention(start, square.end, text[start:square.end], square.name, "ساحه", candidates))
            break
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions


def _toggle_article(name: str) -> str:
    """الخالديه ↔ خالديه (first word only: الشيخ سعيد ↔ شيخ سعيد)."""
    return name[2:] if name.startswith("ال") and len(name) > 4 else f"ال{name}"


def _sign(direction: tuple[int, int] | None) -> tuple[int, int]:
    if not direction:
        return (0, 0)
    return (int(math.copysign(1, direction[0])) if direction[0] else 0,
            int(math.copysign(1, direction[1])) if direction[1] else 0)


def _cue_forms(cue: str) -> tuple[str, ...]:
    return {"مستشفي": ("مستشفي", "مشفي"), "طريق": ("طريق", "اوتوستراد", "اتوستراد")}.get(cue, (cue,))


def _is_primary(place: Place, name: str) -> bool:
    return name in _primary_names(place.name_ar, place.name_en)


@lru_cache(maxsize=65536)
def _primary_names(name_ar: str, name_en: str) -> tuple[str, str]:
    return normalize_name(name_ar), normalize_name(name_en)


def needs_cue_for(place: Place, name: str) -> bool:
    """The place's primary name is an ordinary word (``Place.needs_cue``) and ``name`` is that
    word (the article optional, as for any quarter: شيخ سعيد / الشيخ سعيد): in running text it
    counts only after a cue word of the place's kind."""
    if not place.needs_cue:
        return False
    primary = _primary_names(place.name_ar, place.name_en)[0]
    return name == primary or (place.kind is Kind.NEIGHBOURHOOD and _toggle_article(name) == primary)


def _exact_local(place: Place) -> bool:
    """Curated places, neighbourhoods and places an analyst added (``gazetteer add``, ids ``user:…``) may
    carry a common-word name (السوق, الشيخ …) and are trusted from a bare name."""
    return place.kind in (Kind.NEIGHBOURHOOD, Kind.ROUNDABOUT, Kind.HOSPITAL, Kind.CROSSING) or \
        place.source in ("curated", "local") or place.id.startswith("user:")


__all__ = ["NAME_CUES", "Resolver", "precision_of", "distance_km", "offset_point", "MIN_MENTION_SCORE",
           "needs_cue_for"]
