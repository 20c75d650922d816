"""Which places an event is at: each site linked to the event of its clause, the most specific place
of an event kept (a quarter, not its city; a town, not its governorate), and the places a text names
beside an event that are not its sites (another year's clause, a facility's town named once, a road
between towns).

Split from :mod:`.extractor`, which calls :func:`link_places` and the helpers here once per article.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter

from gazetteer.anchored import AnchoredPattern
from gazetteer.model import Kind, Precision
from gazetteer.normalize import normalize_name
from gazetteer.resolve import HOME_COUNTRIES, countryside_governorates, offset_km
from geo_incidents.extraction.events import Event, definite_word
from geo_incidents.extraction.places import DESTINATION, MEETING, SITE, PlaceRef
from geo_incidents.extraction.spread import Spread, spread_target
from geo_incidents.model import EventType
from geo_incidents.text.phrases import of_payload

#: the note of an event placed at the title's place
TITLE_PLACE = "place taken from the title"
INTRODUCED_PLACE = "place taken from the sentence that introduced what the event names again"
CONTAINERS = frozenset({Kind.CITY, Kind.DISTRICT, Kind.SUBDISTRICT, Kind.GOVERNORATE})
INTRA_CITY = frozenset({Kind.NEIGHBOURHOOD, Kind.ROUNDABOUT, Kind.LANDMARK, Kind.HOSPITAL, Kind.ROAD, Kind.CROSSING})
#: places that may hold another of their governorate (see holds)
HOLDERS = frozenset({Kind.CITY, Kind.DISTRICT, Kind.SUBDISTRICT, Kind.GOVERNORATE, Kind.REGION})
#: an administrative area gives way to a town, village or quarter of it named for the same event
ADMIN_AREAS = frozenset({Kind.GOVERNORATE, Kind.DISTRICT, Kind.SUBDISTRICT, Kind.REGION})
LOCAL = INTRA_CITY | {Kind.CITY, Kind.TOWN, Kind.VILLAGE}
#: a town or quarter "near" which something happened stays beside an exact place of the same event
#: ("على حي الشيخ مقصود وأطراف حي بني زيد"); areas and the surroundings of a roundabout give way
NAMED_SPOTS = frozenset({Kind.TOWN, Kind.VILLAGE, Kind.NEIGHBOURHOOD})

#: How far from a city's point a quarter of it may lie.
CITY_RADIUS_KM = 15.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres between two nearby points, on the local plane (enough within a city or a road)."""
    return math.hypot(*offset_km(lat1, lon1, lat2, lon2))


def locator_rank(ref: PlaceRef) -> tuple:
    """Finest first: an exact place, then a quarter or roundabout, then a town."""
    return ref.precision, ref.place.kind not in INTRA_CITY, ref.start


def link_places(events: list[Event], refs: list[PlaceRef], sentence_index_of, title_end: int = 0,
                spreads: list[Spread] = (), destinations: list[int] = (), continued: set[int] = frozenset(),
                sentences: list | None = None, text: str = "", acts: list[int] = ()) -> None:
    """Give each event its places: the sites of its clause (else of its sentence), the finest of them,
    the places it spread to; an event with none takes those of the sentence it continues, of the
    sentence that introduced what its clause names again (``sentences`` and ``text``: the text's),
    of the previous event of its paragraph, or of the title (see the place rule in :mod:`.extractor`)."""
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    sites: dict[int, list[PlaceRef]] = {}
    for ref in refs:
        if ref.role == SITE:
            sites.setdefault(sentence_index_of(ref.start), []).append(ref)
    for s_idx, s_events in by_sentence.items():
        sentence = s_events[0].sentence
        clause_event = {e.clause.index: e for e in s_events}
        ordered = sorted(clause_event)
        here = [(ref, sentence.clause_at(ref.start).index) for ref in sites.get(s_idx, [])]
        # the countries of the places named in each event's own clause
        own_countries: dict[int, set[str]] = {}
        for ref, c_idx in here:
            if c_idx in clause_event:
                own_countries.setdefault(c_idx, set()).add(ref.place.country_code)
        # per clause, the places its event's people went to or its wounded were taken to: named again in
        # another clause ("تقع المدارس المدمرة في سرمدا … ولجأت الأسر إلى سرمدا"), they are still no site of it
        went_to: dict[int, set[str]] = {}
        for ref in refs:
            if ref.role == DESTINATION and sentence.start <= ref.start < sentence.end:
                went_to.setdefault(sentence.clause_at(ref.start).index, set()).add(ref.place.id)
        for ref, c_idx in here:
            if c_idx in clause_event:
                target = clause_event[c_idx]
            else:
                before = [c for c in ordered if c < c_idx]
                after = [c for c in ordered if c > c_idx]
                target_idx = before[-1] if before else after[0]
                own = own_countries.get(target_idx)
                if own and ref.place.country_code not in own | HOME_COUNTRIES:
                    # "وصل الوفد إلى موسكو، وفي اليوم نفسه قصفت الطائرات بلدة التح": a place abroad, in
                    # another country than the event's own, is no site of it
                    continue
                if ref.place.id in went_to.get(target_idx, ()):
                    continue
                target = clause_event[target_idx]
            target.places.append(ref)
            target.own_place = True
        setting = sites.get(s_idx, [])
        roads = [r for r in setting if r.linear]
        others = {id(r) for e in s_events if e.event_type != EventType.ROAD_CLOSURE for r in e.places}
        for event in s_events:
            if event.event_type == EventType.ROAD_CLOSURE:
                # one closure per road per sentence; the other places locate the closed stretch
                event.locators = sorted((r for r in setting if not r.linear and id(r) not in others),
                                        key=locator_rank)
                if roads and not any(r.linear for r in event.places):
                    event.places = [roads[0]]
                    continue
            usable = [r for r in setting if r.place.id not in went_to.get(event.clause.index, ())] \
                if went_to else setting
            if not event.places and usable:
                # a place that only locates another, or where something came from, is the last resort
                # ("أقلعت طائرة … وحلقت فوق سراقب ثم قصفت مدينة معرة النعمان": the town flown over)
                event.places = [min(usable, key=lambda r: (r.locating or r.origin, r.linear, r.start))]
                event.place_fallback = ""
    _take_spread_places(events, refs, spreads, destinations)
    title_has_event = any(e.sentence.start < title_end for e in events)
    title_sites = [r for r in refs if r.role == SITE and r.start < title_end]
    last_by_paragraph: dict[int, list[PlaceRef]] = {}
    last_told: dict[int, tuple[str, int]] = {}  # per paragraph, the type and clause of its last placed event
    for event in events:
        event.places = finest(event)
        own = event.places
        event.places = own + _spread_places(event, own)
        paragraph = event.sentence.paragraph
        told_before = last_told.get(paragraph)
        if own and all(r.origin or r.locating for r in own) and told_before and told_before[0] == event.event_type \
                and told_before[1] != event.clause.start and not _tells_a_new_one(event, text, acts):
            # "استهدفت غارة مخبزاً في بلدة سرجة. وأفاد شاهد عيان من بلدة مرعيان المجاورة بأنه سمع صوت
            # الطائرة"، "…، وسمع دوي الانفجار في مدينة إدلب": an event whose only place is where a witness
            # lives, people came from, the blast was heard or the aircraft flew tells again the incident of
            # the clause or sentence before it, of its type, at that incident's place, when it names it again
            # (الانفجار، الغارة) or tells no act of attack (حلقت طائرة فوق X); "إن غارة استهدفت السوق" tells
            # a new one
            event.places = own = list(last_by_paragraph[paragraph])
            event.place_fallback = "place taken from the previous sentence"
        if not event.places and event.sentence_index in continued and sites.get(event.sentence_index - 1):
            event.places = finest_of(sites[event.sentence_index - 1], event.event_type)
            event.place_fallback = "place taken from the sentence it continues"
        if not event.places and sentences:
            event.places = _introduced_places(event, sentences, text, refs)
            if event.places:
                event.place_fallback = INTRODUCED_PLACE
        if not event.places and last_by_paragraph.get(paragraph):
            event.places = list(last_by_paragraph[paragraph])
            event.place_fallback = "place taken from the previous sentence"
        elif not event.places and title_sites and not title_has_event:
            event.places = [min(title_sites, key=lambda r: (r.precision, r.start))]
            event.place_fallback = TITLE_PLACE
        if event.places:
            last_by_paragraph[paragraph] = own or event.places
            last_told[paragraph] = (event.event_type, event.clause.start)


def _tells_a_new_one(event: Event, text: str, acts: list[int]) -> bool:
    """The event's word is indefinite (غارة، قذيفة) and its clause tells an act of attack in the past tense
    (``acts``: the starts of those verbs): a new incident, not the one told before named again."""
    clause = event.clause
    return not definite_word(text, event.trigger.start) and bisect_left(acts, clause.start) < bisect_left(
        acts, clause.end)


#: a facility or settlement named again by its head with the article, or by its head before a
#: definite word (المشفى، المركز الصحي، مشفى البلدة، القرية): a thing the text has introduced
_FACILITY_HEADS = "مستشفي|مشفي|مركز|مدرسه|مسجد|جامع|سوق|مخبز|مخيم"
_NAMED_AGAIN = re.compile(rf"(?<!\w)(?:[وفب]|لل)?(?:ال({_FACILITY_HEADS}|بلده|مدينه|قريه)(?!\w)"
                          rf"|({_FACILITY_HEADS})\s+ال)")
#: what to look for in the earlier sentence for a head named again: its spellings and synonyms
_HEAD_FORMS = {"مستشفي": ("شفي",), "مشفي": ("شفي",), "جامع": ("جامع", "مسجد"), "مسجد": ("جامع", "مسجد")}


def _introduced_places(event: Event, sentences: list, text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Where the earlier sentence of the event's paragraph that introduced what the event's clause
    names again put it ("يقع مشفى البلدة في الطرف الشرقي من بلدة كفرومة. وفي صباح اليوم التالي قصفت
    الطائرات المشفى"): investigations describe a facility and its town first and tell the attack on it
    next.  The place is the first one named within :data:`_INTRODUCED_WITHIN` characters after the head
    in the nearest such sentence (whatever role it has there: the town of a hospital serving its people
    is where the hospital is); nothing when no earlier sentence of the paragraph names the same head
    with a place after it."""
    clause = event.clause
    heads = {form for m in _NAMED_AGAIN.finditer(text, clause.start, clause.end)
             for h in m.groups() if h for form in _HEAD_FORMS.get(h, (h,))}
    if not heads:
        return []
    starts = [r.start for r in refs]
    paragraph = event.sentence.paragraph
    for index in range(event.sentence_index - 1, -1, -1):
        sentence = sentences[index]
        if sentence.paragraph != paragraph:
            break
        for head in heads:
            at = text.find(head, sentence.start, sentence.end)
            while at >= 0:
                i = bisect_left(starts, at + len(head))
                if i < len(refs) and refs[i].start <= min(at + len(head) + _INTRODUCED_WITHIN, sentence.end) \
                        and refs[i].role not in (DESTINATION, MEETING):
                    return [refs[i]]
                at = text.find(head, at + 1, sentence.end)
    return []


#: how far after a facility's head word its town may be named (مشفى البلدة في الطرف الشرقي من بلدة X)
_INTRODUCED_WITHIN = 60


_YEAR = re.compile(r"(?<!\d)(?:19[4-9]\d|20[0-4]\d)(?!\d)")


def places_of_its_time(event: Event, year: int, text: str, sentence_of) -> list[PlaceRef]:
    """The event's places less those of another clause that names another year and not the event's
    ("قصفت الطائرات بلدة تلبيسة في 30 أيلول 2015، كما فعلت في حلب عام 2016"): a past or later event
    cited beside it, not one more site of it.  When all are such, all stay."""
    kept = []
    for ref in event.places:
        clause = sentence_of(ref.start).clause_at(ref.start)
        if clause.start != event.clause.start or sentence_of(ref.start) is not event.sentence:
            years = {int(m.group()) for m in _YEAR.finditer(text, clause.start, clause.end)}
            if years and year not in years:
                continue
        kept.append(ref)
    return kept or event.places


#: a facility named by its head and one or two words of name (مشفى الإحسان، مدرسة الشهيد سامر، سوق الهال)
_FACILITY = re.compile(r"(?<!\w)(?:ال)?(مستشفي|مشفي|مدرسه|مسجد|جامع|سوق)\s+((?:(?!في|ب|من|علي|الي|و)[^\s،,.؛:()]+)"
                       r"(?:\s+(?!في|ب|من|علي|الي|و)[^\s،,.؛:()]+)?)")
#: every match of :data:`_FACILITY` has its head word at its start or after ال: tried only there (its
#: literals are found in the extractor's one pass over a text)
FACILITIES = AnchoredPattern(_FACILITY, ("مستشفي", "مشفي", "مدرسه", "مسجد", "جامع", "سوق"), lead=2)
#: between a facility's name and the town the text puts it in (مشفى الإحسان في بلدة التح، مشفى الشامي بأريحا)
_FACILITY_IN = re.compile(r"\s*(?:(?:الواقع|الواقعه|الكاين|الكاينه)\s+)?(?:في\s+|ب)?(?:(?:بلده|مدينه|قريه|حي)\s+)?")


def _facility_keys(match: re.Match) -> tuple[str, str]:
    """The facility's head and whole name, and its head and first word (a name told again may be cut
    short, or run into the next word: مشفى الإحسان دمرت)."""
    head = {"مستشفي": "مشفي", "جامع": "مسجد"}.get(match.group(1), match.group(1))
    name = match.group(2)
    return f"{head} {name}", f"{head} {name.split()[0]}"


def place_named_facilities(events: list[Event], refs: list[PlaceRef], text: str, sentence_of,
                           facility_starts: set[int] | None = None) -> None:
    """A facility the text has put in a town (مشفى الإحسان في بلدة التح) is there wherever the text names
    it again: an event whose clause names it without its town ("أظهر فيديو من مدينة كفرنبل أن الغارات
    على مشفى الإحسان دمرت …") is at the facility's town, and the places before the facility in that
    clause (where the video came from) are not its sites.  ``facility_starts``: the starts the literals
    of :data:`FACILITIES` allow in ``text``, when a pass over it found them."""
    if not events or not any(word in text for word in ("شفي", "مدرسه", "مسجد", "جامع", "سوق")):
        return
    starts = [r.start for r in refs]
    anchors: dict[str, PlaceRef | None] = {}
    mentions: list[tuple[int, int, tuple[str, str]]] = []
    found = FACILITIES.finditer(text) if facility_starts is None else FACILITIES.matches_at(text, facility_starts)
    for match in found:
        keys = _facility_keys(match)
        gap = _FACILITY_IN.match(text, match.end())
        stated = gap.group().strip() != ""
        i = bisect_left(starts, gap.end())
        # the town the text puts it in: right after في / ب (and a head word), not the gazetteer's guess
        town = refs[i] if stated and i < len(refs) and refs[i].start <= gap.end() + 1 and refs[i].role == SITE \
            and refs[i].place.kind in SETTLEMENTS | {Kind.NEIGHBOURHOOD} else None
        if town is None:
            mentions.append((match.start(), match.end(), keys))
            continue
        for key in keys:
            if anchors.get(key, town) is not town and anchors[key] is not None \
                    and anchors[key].place.id != town.place.id:
                anchors[key] = None  # two facilities of one name in two towns: neither is known
            else:
                anchors.setdefault(key, town)
    for start, end, keys in mentions:
        town = anchors.get(keys[0]) or anchors.get(keys[1])
        if town is None:
            continue
        clause = sentence_of(start).clause_at(start)
        for event in events:
            if not (event.clause.start == clause.start and sentence_of(start) is event.sentence):
                continue
            if any(r.place.id == town.place.id for r in event.places):
                continue
            # the places named after the facility in its clause stay (مشفى الإحسان وبلدة كفرنبل)
            later = {r.place.id for r in refs if r.role == SITE and end <= r.start < clause.end}
            after = [r for r in event.places if r.place.id in later or not clause.start <= r.start < clause.end]
            event.places = [PlaceRef(town.start, town.end, town.mention, town.candidate,
                                     max(town.precision, int(Precision.NEAR))), *after]
            event.place_fallback = ""


def destination_starts(cues, to_hospital: list[tuple[int, int]]) -> list[int]:
    """Where the wounded are said to be taken: destination cues and "إلى مستشفى" (the text's
    :func:`~geo_incidents.extraction.places.to_hospital_spans`)."""
    return sorted([c.start for c in of_payload(cues, "places.destination")] + [start for start, _ in to_hospital])


def _take_spread_places(events: list[Event], refs: list[PlaceRef], spreads: list[Spread],
                        destinations: list[int] = ()) -> None:
    """Move the sites of a spread clause ("امتدت لاحقاً إلى محيط دوار شيحان") from wherever the clause
    rules put them to the ``spread`` list of the event they spread from.  A place that is a destination
    only because the wounded were taken somewhere earlier in the sentence ("ووصل الجرحى إلى إدلب،
    وامتدت لاحقاً إلى سراقب") is a site again: no destination word lies between the verb and it."""
    for spread in spreads:
        target = spread_target(spread, events)
        if target is None:
            continue
        moved = [r for r in refs if spread.start <= r.start < spread.end and (
            r.role == SITE or (r.role == DESTINATION and r.place.kind != Kind.HOSPITAL
                               and not any(spread.cue_start <= d < r.start for d in destinations)))]
        for ref in moved:
            ref.role = SITE
            for event in events:
                event.places = [r for r in event.places if r is not ref]
            if not any(r is ref for r in target.spread):
                target.spread.append(ref)


def _spread_places(event: Event, own: list[PlaceRef]) -> list[PlaceRef]:
    """The places an event spread to, kept beside its own even when coarser (محيط دوار شيحان next to
    حي الأشرفية), but not a place already named nor one holding another of its places (the city)."""
    seen = {r.place.id for r in own}
    kept = []
    for ref in event.spread:
        if ref.place.id in seen or any(holds(ref, other) for other in own + event.spread if other is not ref):
            continue
        seen.add(ref.place.id)
        kept.append(ref)
    return kept


def _around(ref: PlaceRef, other: PlaceRef) -> bool:
    """``ref`` is a place ``other`` lies in, or a part of one said by direction (جنوبي حلب for a quarter of
    Aleppo): it says where ``other`` is, not another place."""
    return any(ref.place.id == pid or ref.place.id.startswith(pid + "~") for pid in other.place.parents)


def holds(ref: PlaceRef, other: PlaceRef) -> bool:
    """``ref`` is an area ``other`` lies in: its parent, the city of a quarter, the province of a town."""
    place, inner = ref.place, other.place
    return (place.id in inner.parents
            or (inner.kind in INTRA_CITY and place.kind in CONTAINERS and inner.admin1 in (place.admin1, ""))
            or (place.kind in ADMIN_AREAS and inner.kind in LOCAL and bool(inner.admin1)
                and inner.admin1 == place.admin1))


def finest(event: Event) -> list[PlaceRef]:
    """Drop a place that a finer place of the same event lies in (the city of a neighbourhood)."""
    return finest_of(event.places, event.event_type)


def finest_of(refs: list[PlaceRef], event_type: str | None = None) -> list[PlaceRef]:
    """:func:`finest` of the places ``refs`` for an event of ``event_type``."""
    if len(refs) < 2:  # (each rule below keeps a single place as it is)
        return list(refs)
    if event_type == EventType.ROAD_CLOSURE and any(r.linear for r in refs):
        refs = [r for r in refs if r.linear]
    origins = [r for r in refs if r.origin]
    if event_type != EventType.DISPLACEMENT and origins and any(
            not r.origin and not any(_around(r, o) for o in origins) for r in refs):
        # "مخيم في أطمة يؤوي عائلات نزحت من خان شيخون": where people or a facility moved from gives way
        # to any other place of the event, not to the area it lies in (a quarter "جنوبي حلب"); a
        # displacement is where people fled from
        refs = [r for r in refs if not r.origin]
    locating = [r for r in refs if r.locating]
    if locating:
        # "X، على بعد 10 كم من Y" is at X; "على الطريق بين X وY في ريف Z" is one incident near X, which
        # the area Z gives way to as to any town of it
        placed = [r for r in refs if not r.locating]
        # a road between towns is no local place: "على طريق حلب - دمشق الدولي قرب بلدة خان السبل" is near the
        # town, which the road then gives way to (below), as to a side of a town (على الطريق الدولي جنوب
        # مدينة معرة النعمان)
        roads_only = bool(placed) and all(runs_between_towns(r.place) for r in placed)
        # a side of a city (شمال غرب الحسكة after ريف تل تمر) only says where the places before it lie
        useful = [r for r in locating if "~" not in r.place.id] if placed and not roads_only else locating
        refs = placed if any(r.place.kind in LOCAL and not runs_between_towns(r.place) for r in placed) \
            else placed + useful[:1]
    if len(refs) < 2:
        return list(refs)
    # What the other places offer, gathered once: comparing every pair would cost the square of the places,
    # and a long text without punctuation is one sentence naming thousands of them.
    parent_ids = Counter(pid for r in refs for pid in set(r.place.parents))
    # a road between towns (طريق حلب اللاذقية) is no part of a town on it, and where the event has a
    # town, village or quarter its point (the road's middle, 100 km away) says less than the town's
    between_towns = [r for r in refs if r.linear and runs_between_towns(r.place)]
    if between_towns and len(between_towns) < len(refs) and event_type != EventType.ROAD_CLOSURE and \
            any((r.place.kind in LOCAL or side_of_a_place(r.place)) and not r.linear for r in refs):
        refs = [r for r in refs if not any(r is b for b in between_towns)]
        if len(refs) < 2:
            return list(refs)
    best = min(r.precision for r in refs)
    intra_admin1 = {r.place.admin1 for r in refs if r.place.kind in INTRA_CITY and not runs_between_towns(r.place)}
    local_admin1 = {r.place.admin1 for r in refs if r.place.kind in LOCAL and r.place.admin1}
    # the governorates of the towns and villages named, each with the places naming it (a capital
    # read as its governorate gives way to another of them: see read_as_area)
    settled = _places_by_governorate(r.place for r in refs if r.place.kind in SETTLEMENTS)
    kept = []
    for ref in refs:
        place = ref.place
        coarser = (
            parent_ids[place.id] > (place.id in place.parents)
            or (best < ref.precision and place.kind not in NAMED_SPOTS)
            or (place.kind in CONTAINERS and bool(intra_admin1 & {place.admin1, ""}))
            or (place.kind in ADMIN_AREAS and place.admin1 in local_admin1)
            or (read_as_area(ref) and _town_of_governorate(place, settled))
        )
        if not coarser:
            kept.append(ref)
    seen = set()
    unique = []
    for ref in kept or refs:
        if ref.place.id not in seen:
            seen.add(ref.place.id)
            unique.append(ref)
    return unique


def side_of_a_place(place) -> bool:
    """A side of a town or city (شمال بلدة محمبل، جنوب مدينة معرة النعمان): a point beside it, not its
    countryside (ريف X, an area)."""
    _, sep, label = place.id.rpartition("~")
    return bool(sep) and not label.startswith("rif")


LINEAR_KINDS = frozenset({Kind.ROAD, Kind.CROSSING})
_BETWEEN_TOWNS: dict[str, bool] = {}


def runs_between_towns(place) -> bool:
    """A road longer than a city is across (twice ``CITY_RADIUS_KM``): it runs between towns."""
    if place.kind not in LINEAR_KINDS or place.geometry is None:
        return False
    found = _BETWEEN_TOWNS.get(place.id)
    if found is None:
        found = _BETWEEN_TOWNS[place.id] = line_between_towns(place.geometry)
    return found


def line_between_towns(geometry) -> bool:
    west, south, east, north = geometry.bounds
    return distance_km(south, west, north, east) > 2 * CITY_RADIUS_KM


#: towns and villages, and cities other than a governorate's capital: what a capital named bare gives way to
SETTLEMENTS = frozenset({Kind.CITY, Kind.TOWN, Kind.VILLAGE})


def bare_capital(ref: PlaceRef) -> bool:
    """A Syrian governorate's capital named without a city word (بحماة، في إدلب، إلى حمص, not مدينة
    حماة): in prose the name is as often its governorate ("كفرزيتا بحماة", "معظمها في إدلب"), which
    the most specific place of an event, a town of that governorate, gives way to."""
    place = ref.place
    return (place.kind is Kind.CITY and place.country_code == "SY" and not ref.mention.cue
            and bool(place.admin1) and normalize_name(place.name_ar) == normalize_name(place.admin1))


#: an area word before a name that names the governorate even when the name resolved to its town (محافظة
#: حمص beside تلبيسة); not منطقة, which as often names the town's own surroundings (منطقة الزربة)
_AREA_CUES = frozenset({"محافظه"})


def read_as_area(ref: PlaceRef) -> bool:
    """The place stands for the governorate or area around it: a capital named bare
    (:func:`bare_capital`), or a Syrian town after the governorate's word (في محافظة حمص)."""
    place = ref.place
    return bare_capital(ref) or (ref.mention.cue in _AREA_CUES and place.kind in SETTLEMENTS
                                 and place.country_code == "SY" and bool(place.admin1))


def _places_by_governorate(places) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for place in places:
        if place.admin1:
            found.setdefault(normalize_name(place.admin1), set()).add(place.id)
    return found


def _town_of_governorate(capital, settled: dict[str, set[str]]) -> bool:
    """Another town or village named lies in the capital's governorate (for Damascus, ريف دمشق too)."""
    return any(settled.get(name, set()) - {capital.id} for name in countryside_governorates(capital.admin1))
