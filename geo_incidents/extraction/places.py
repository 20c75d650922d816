"""Gazetteer mentions sorted by the role they play in a sentence.

A mention is a *site* (where something happened), a *destination* (where casualties were taken:
after نقل إلى / وصول ... إلى), a *meeting* place (a visit, talks, a statement: في موسكو), or
*coarse* (a country or region: never a point).  Only sites are linked to events.  A site right
after a direction or "countryside" word (شمال مدينة حلب، ريف إدلب) is near the place, not at it:
ACLED geo_precision 2.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

from gazetteer.model import NOT_MAPPABLE_AS_POINT, Kind, Precision
from gazetteer.normalize import FoldedText
from geo_incidents.text.phrases import PhraseMatch, of_payload

SITE, DESTINATION, MEETING, COARSE, SUBJECT = "site", "destination", "meeting", "coarse", "subject"
_TO = re.compile(r"(?<!\w)و?الي(?!\w)")
_SCENE = re.compile(r"\s*(?:ال)?(?:مكان|موقع)(?!\w)")
#: a clause that opens with "وهو" / "وهي" / "وهم" describes what was named before it
_APPOSITION = re.compile(r"[\s،,]*و(?:هو|هي|هم|هن|هما)\s")
#: "إلى مستشفى المواساة في دمشق": the hospital and the city that locates it are the destination
TO_HOSPITAL = re.compile(r"(?<!\w)(?:و?الي|لل?)\s*(?:ال)?(?:مستشفي|مشفي|مستوصف|نقطه طبيه)")
#: every match of :data:`TO_HOSPITAL` ends with one of these
_HOSPITAL_WORDS = ("مستشفي", "مشفي", "مستوصف", "نقطه طبيه")


def to_hospital_spans(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`TO_HOSPITAL`'s matches in ``text`` (those of ``finditer``), in text order.

    The expression opens with a look-behind, so ``re`` would try it at every character. Every match
    ends with a hospital word, after at most ال, a run of spaces and four letters of preposition
    (والي): it is tried only in that stretch before each hospital word. Two matches never overlap
    (inside one, no position after a non-letter but its start opens with و, ا or ل), so these are
    all of ``finditer``'s."""
    spans = set()
    for word in _HOSPITAL_WORDS:
        at = text.find(word)
        while at != -1:
            lead = at - 2 if at >= 2 and text.startswith("ال", at - 2) else at
            while lead > 0 and text[lead - 1].isspace():
                lead -= 1
            spans.update(m.span() for m in TO_HOSPITAL.finditer(text, max(0, lead - 4), at + len(word)))
            at = text.find(word, at + 1)
    return sorted(spans)


def _span_within(spans: list[tuple[int, int]], low: int, high: int) -> bool:
    """One of ``spans`` (sorted, not overlapping) lies inside ``[low, high)``: the first one starting at
    or after ``low`` ends first."""
    i = bisect_left(spans, (low,))
    return i < len(spans) and spans[i][1] <= high
_LINEAR = frozenset({Kind.ROAD, Kind.CROSSING})


@dataclass(slots=True)
class PlaceRef:
    start: int  # folded-text offsets
    end: int
    mention: Any
    candidate: Any
    precision: int
    role: str = SITE
    #: the place only says where another place lies (تقع بين X وY، على بعد 10 كم من X): a site of its
    #: event only when the event names no other
    locating: bool = False
    #: the place someone or something moved from (نقل المشفى من X إلى Y، عائلات نزحت من X), a
    #: witness's town, or a place of a cause phrase that explains another event of its sentence (قصفت
    #: الطائرات إدلب، وذلك بعد يومين من غارة على أريحا): a site of its event only when the event names
    #: no other place at all
    origin: bool = False

    @property
    def place(self):
        return self.candidate.place

    @property
    def linear(self) -> bool:
        return self.place.kind in _LINEAR


def place_refs(mentions, norm: FoldedText) -> list[PlaceRef]:
    """Resolved mentions in folded offsets; a mention inside a longer one is dropped."""
    refs = []
    for mention in mentions:
        best = mention.candidates[0] if mention.candidates else None
        if best is None:
            continue
        # the whole expression (شمال مدينة حلب) or the name, not a cue word that opens the mention (مدينة حلب):
        # the roles read the words before it
        role_start = mention.lead_start if mention.lead_start is not None else \
            mention.name_start if mention.name_start is not None else mention.start
        start, end = norm.from_original(role_start, mention.end)
        refs.append(PlaceRef(start, end, mention, best, int(best.precision)))
    refs.sort(key=lambda r: (r.start, r.start - r.end))
    kept: list[PlaceRef] = []
    for ref in refs:
        if kept and ref.start < kept[-1].end:
            if ref.end - ref.start > kept[-1].end - kept[-1].start:
                kept[-1] = ref
            continue
        kept.append(ref)
    return kept


#: the Zipf frequency from which a name's third-person form is a common verb (يدمر 3.8, يسيل 3.4; a
#: village's يومين-like accidents lie on other letters)
VERB_ZIPF = 3.4


def not_verbs(refs: list[PlaceRef], text: str) -> list[PlaceRef]:
    """The refs less names read as a verb: a town whose name is a verb's imperfect form (تدمر "destroys",
    تسيل "flows": its third person يدمر، يسيل is a common word of ordinary Arabic), written with و and
    no cue word, and not joined to a place named right before it ("حمص وتدمر"), is the verb: "دمار
    كبير وتدمر أجزاء من المبنى" names no Palmyra."""
    kept: list[PlaceRef] = []
    for ref in refs:
        name = ref.mention.name
        if name.startswith("ت") and not ref.mention.cue and text.startswith("و" + name, ref.start) \
                and ref.end - ref.start == len(name) + 1 and ref.place.kind in _SETTLEMENTS \
                and not (kept and _joined(kept[-1], ref, text)) and verb_zipf(name) >= VERB_ZIPF:
            continue
        kept.append(ref)
    return kept


def _joined(previous: PlaceRef, ref: PlaceRef, text: str) -> bool:
    return text[previous.end : ref.start].strip(" ،,") == ""


@lru_cache(maxsize=256)
def verb_zipf(name: str) -> float:
    """How common the name's third-person imperfect form is (تدمر → يدمر); wordfreq is read only
    when a text has such a name."""
    from gazetteer.frequency import word_zipf

    return word_zipf("ي" + name[1:])


def _any_start_between(starts: list[int], low: int, high: int) -> bool:
    """True when a sorted start lies in ``[low, high)``: one bisect, not a scan of every cue of the text."""
    return bisect_left(starts, low) < bisect_left(starts, high)


def assign_roles(refs: list[PlaceRef], text: str, cues: list[PhraseMatch], sentence_of,
                 background: list[tuple[int, int]], to_hospital: list[tuple[int, int]]) -> None:
    """Set each ref's role and precision from the cue words around it (same sentence only).

    A place inside a ``background`` span (what the sentence refers back to) or right after an
    institution word (مجلس دير الزور) is a subject, not a site. ``to_hospital``: the text's
    :func:`to_hospital_spans` (the extractor reads them once for this and for the casualties)."""
    if not refs:
        return  # (many short reports name no place: the cue indexes below would be read for nothing)
    destinations = of_payload(cues, "places.destination")
    carried = _by_end(of_payload(cues, "places.carried"))
    moved = _by_end(of_payload(cues, "places.moved"))
    routes = _by_end(of_payload(cues, "places.route"))
    homes = _by_end(c for c in cues if c.payload in _HOMES)
    movers = _by_end(c for c in cues if c.payload in _MOVERS)
    institutions = of_payload(cues, "context.institution")
    meetings = [c for c in of_payload(cues, "places.meeting") if not _ministry(text, c)]
    nears = of_payload(cues, "places.near")
    subjects = of_payload(cues, "places.subject")
    towards = of_payload(cues, "places.toward")
    fired = _by_end([*of_payload(cues, "places.fired"), *of_payload(cues, "places.advance")])
    meetings.sort(key=lambda c: c.start)
    meeting_starts = [c.start for c in meetings]
    subject_starts = sorted(c.start for c in subjects)
    holders = _by_end(of_payload(cues, "places.holder"))
    origins = _by_end(of_payload(cues, "places.origin"))
    treated_starts = sorted(c.start for c in of_payload(cues, "places.treated"))
    service_starts = sorted(c.start for c in of_payload(cues, "places.service"))
    perceived_starts = sorted(c.start for c in of_payload(cues, "places.perceived"))
    locators = sorted(of_payload(cues, "places.locator"), key=lambda c: c.start)
    overflights = _by_end(of_payload(cues, "places.overflight"))
    sources = _by_end(of_payload(cues, "places.source"))
    people_from = _by_end(of_payload(cues, "places.people_from"))
    media_name_starts = sorted(c.start for c in of_payload(cues, "context.media_name"))
    speeches = _by_end(of_payload(cues, "places.speech"))
    locator_starts = [c.start for c in locators]
    institutions_by_end = _by_end(institutions)
    toward_ends = _by_end(towards)[0]
    nears_by_end = _by_end(nears)
    # most places have no cue word of the kinds read through ``_cues_before`` shortly before them: one
    # bisect per place says so for all of those checks (each looks at most _CUE_REACH characters back)
    cue_ends = sorted(end for index in (movers, holders, origins, overflights, sources, people_from, speeches,
                                        routes, homes, fired) for end in index[0])
    previous = None
    for ref in refs:
        ref_before, previous = previous, ref
        kind = ref.place.kind
        if kind in NOT_MAPPABLE_AS_POINT:
            ref.role = COARSE
            continue
        sentence = sentence_of(ref.start)
        clause = sentence.clause_at(ref.start)
        cued = _any_start_between(cue_ends, ref.start - _CUE_REACH, ref.start + 1)
        if _after_destination(ref, text, destinations, sentence) or (cued and _carried_to(ref, text, carried)) or (
            kind == Kind.HOSPITAL and _just_after(ref, text, ("الي", "لي"))
        ) or _span_within(to_hospital, clause.start, ref.end):  # ref.end: إلى مستشفى X is a mention too
            ref.role = DESTINATION
            continue
        if any(not _targeted(c, text) for c in meetings[bisect_left(meeting_starts, clause.start) :
                                                          bisect_left(meeting_starts, ref.start)]) or (
                ref.place.country_code not in ("SY", "") and any(
                    not _targeted(c, text) for c in meetings[bisect_left(meeting_starts, ref.end) :
                                                             bisect_left(meeting_starts, clause.end)])):
            # a place abroad with a visit or talks in its clause, before or after it ("وصل الوزير إلى
            # موسكو في زيارة رسمية"): diplomacy, no site
            ref.role = MEETING
            continue
        if any(start <= ref.start < end for start, end in background) or any(
            _names_institution(c, ref, text) for c in _cues_before(ref, institutions_by_end, _INSTITUTION_GAP)
        ) or _any_start_between(media_name_starts, ref.end, ref.end + 4):
            ref.role = SUBJECT
            continue
        if cued and (_moved_to(ref, text, moved) or _route_end(ref, text, routes)):
            # where people or forces went (نزحت العائلات إلى X، فروا باتجاه X), where a vehicle was going
            ref.role = DESTINATION
            continue
        if _any_start_between(subject_starts, clause.start, ref.start) or (_any_start_between(
            toward_ends, ref.start - 8, ref.start + 1
        ) and not _fired_toward(ref, text, fired, clause.start)):
            ref.role = SUBJECT
            continue
        if _any_start_between(treated_starts, clause.start, ref.start):
            ref.role = DESTINATION
            continue
        if cued and _speaks(ref, text, speeches, sentence.end):
            ref.role = SUBJECT  # "أعلنت موسكو أن …": who speaks
            continue
        displaced_from = cued and any(_gap_words(text, c.end, ref.start) == ["من"]
                                      for c in _cues_before(ref, people_from, 24))
        if _any_start_between(service_starts, clause.start, ref.start) or (cued and (
                _holder_before(ref, text, holders) or _origin_before(ref, text, origins, ref_before, movers))):
            ref.role = SUBJECT
            continue
        if any(_locates(c, ref, text) for c in locators[bisect_left(locator_starts, clause.start) :
                                                        bisect_left(locator_starts, ref.start)]) or (cued and (
                any(_within_words(text, c.end, ref.start, 2) for c in _cues_before(ref, overflights, 30))
                or _source_home(ref, text, sources) or _speaker_home(ref, text, speeches, sentence.end))):
            ref.locating = True
            ref.precision = max(ref.precision, int(Precision.NEAR))
        if displaced_from or cued and (_moved_from(ref, text, movers) or _stationed_in(ref, text, origins)
                     or _speaker_home(ref, text, speeches, sentence.end, witnesses=True) or _home_of(ref, text, homes)):
            # a witness's town is most often where the event was, but not when what the witness says
            # names another place (قال شاهد عيان من بلدة كفرنبل إن الطائرات قصفت السوق في بلدة حاس)
            ref.origin = True
        if cued and _fired_from(ref, text, fired) or (
                _FROM_DIRECTION.search(text, max(0, ref.start - 30), ref.start) and (
                    text.find("قصف", clause.start, ref.start) >= 0
                    or any(c.start >= clause.start for c in _cues_before(ref, fired, 80)))):
            ref.origin = True  # where fire came from (صواريخ من مدينة مورك، من جهة مدينة مورك)
        if _any_start_between(perceived_starts, clause.start, ref.start):
            ref.origin = True  # where the blast was heard or the smoke seen (وسمع دوي الانفجار في مدينة X)
        apposition = _APPOSITION.match(text, clause.start, ref.start)
        if apposition and text.startswith("من ", apposition.end()):
            # "قال أبو محمد، وهو من سكان مدينة حماة، إن …": where the person named before is from
            ref.role = SUBJECT
            continue
        if apposition:
            # "بلدة تلبيسة، وهي أكبر مدن ريف حمص": a clause that describes a place named before it
            # names no site of its own; "المشفى، وهو في بلدة التح" says where that place is
            ref.locating = True
            ref.precision = max(ref.precision, int(Precision.NEAR))
        if any(n.start >= clause.start for n in _cues_before(ref, nears_by_end, 12)):
            ref.precision = max(ref.precision, int(Precision.NEAR))
        if kind in (Kind.GOVERNORATE, Kind.DISTRICT, Kind.SUBDISTRICT):
            ref.precision = max(ref.precision, int(Precision.NEAR) if kind != Kind.GOVERNORATE else 3)
    _said_to_be_wrong(refs, text, cues, sentence_of)
    for previous, ref in zip(refs, refs[1:], strict=False):
        # "اللطامنة بالقرب من مورك"، "كفرنبل جنوب مدينة إدلب": a place that only says where the place
        # right before it lies is no site of its own (like one after a locator word)
        if ref.role == SITE and previous.role == SITE and (any(_beside(previous, n, ref, text) for n in nears)
                                                           or _area_around(previous, ref, text)):
            ref.locating = True
            ref.precision = max(ref.precision, int(Precision.NEAR))
        # "أطباء من حلب وحماة": the place joined by و to a place that is no site is none either
        if ref.role == SITE and previous.role != SITE and previous.role != COARSE and \
                _gap_words(text, previous.end, ref.start) in ([], ["و"]) and \
                (text.startswith("و", ref.start) or text[previous.end : ref.start].strip() == "و"):
            ref.role = previous.role


def _said_to_be_wrong(refs: list[PlaceRef], text: str, cues: list[PhraseMatch], sentence_of) -> None:
    """A site named in a claim and contradicted in the same sentence is no site: "زعمت الوزارة أن الغارات
    استهدفت مواقع في الرقة، إلا أن الغارات أصابت مدينة تلبيسة" (a claim word before it), "قالت القيادة
    إن الغارة استهدفت اجتماعاً في إدلب، لكن الموقع الحقيقي للغارة هو قرية الجينة" (what was said, then
    the real place).  A contrast with no place after it contradicts nothing."""
    contrasts = of_payload(cues, "places.contrast")
    if not contrasts:
        return
    claims = of_payload(cues, "places.claimed")
    speech = of_payload(cues, "places.speech")
    reals = of_payload(cues, "places.real")
    for ref in refs:
        if ref.role != SITE:
            continue
        sentence = sentence_of(ref.start)
        for contrast in contrasts:
            if not (ref.end <= contrast.start < sentence.end):
                continue
            after = [r for r in refs if contrast.end <= r.start < sentence.end and r.role == SITE]
            if not after:
                continue
            claimed = any(sentence.start <= c.start < ref.start for c in claims)
            corrected = any(contrast.end <= c.start < after[0].start for c in reals) and any(
                sentence.start <= c.start < ref.start for c in speech)
            if claimed or corrected:
                ref.role = SUBJECT
            break


#: near words that name an area around a place (its countryside, outskirts, front), not a side of it
_AREA_WORDS = ("ريف", "محيط", "اطراف", "ضواحي", "جبهه", "جبهات", "مناطق")


def _beside(previous: PlaceRef, near, ref: PlaceRef, text: str) -> bool:
    """``near`` (قرب، بالقرب من، جنوب …) stands right after ``previous`` and leads to ``ref``, with
    nothing but a head word (مدينة، بلدة …) between them: ``ref`` locates ``previous``."""
    # (the article of an adjective, القريبة من, is read as a clitic before the cue)
    if not previous.end <= near.start <= ref.start or text[previous.end : near.start].strip() not in ("", "ال"):
        return False
    if text.startswith(_AREA_WORDS, near.start):
        return False
    return all(word in _GAP_HEADS for word in text[near.end : ref.start].split())


#: the words between a town and the area of another that holds it (بمنطقة، في ناحية، الواقعة في منطقة)
_AREA_OF = frozenset({("في", "منطقه"), ("بمنطقه",), ("في", "ناحيه"), ("بناحيه",)})
_LYING = frozenset({"الواقعه", "الواقع", "التابعه", "التابع"})
#: the longest of those gaps in characters (، الواقعة في منطقة): a longer one is no such phrase
_AREA_GAP = 24


def _area_around(previous: PlaceRef, ref: PlaceRef, text: str) -> bool:
    """``ref`` is the area (منطقة، ناحية) of another town that the town or village right before it lies
    in (بلدة كفر نبل بمنطقة معرة النعمان، التح، الواقعة في منطقة خان شيخون): it says where that place
    is, as a governorate does, and is no site of its own."""
    if ref.start - previous.end > _AREA_GAP or previous.place.kind not in _SETTLEMENTS \
            or ref.place.kind not in _SETTLEMENTS | _AREAS:
        return False
    words = [w for w in text[previous.end : ref.start].replace("،", " ").split() if w not in _LYING]
    return tuple(words) in _AREA_OF


#: a ministry (وزارة الدفاع، بوزارة، الوزارات), which holds زار "visited" after the clitic و
_MINISTRY = re.compile(r"(?:[وفبل]|لل)?(?:ال)?وزار(?:ه|ات|تي|ته|تها|تهم)")


def _ministry(text: str, cue) -> bool:
    """The meeting word is inside a word for a ministry (وزارة الداخلية is no visit)."""
    start, end = cue.start, cue.end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return _MINISTRY.fullmatch(text, start, end) is not None


_END = attrgetter("end")


def _by_end(cues) -> tuple[list[int], list]:
    """Cues sorted by where they end, and those ends: the cues right before a place are one bisect away."""
    ordered = sorted(cues, key=_END)
    return [c.end for c in ordered], ordered


#: the furthest any check of :func:`assign_roles` looks back for a cue word through :func:`_cues_before`
_CUE_REACH = 80
#: how far after an institution word a place may stand to be part of its name (:func:`_names_institution`)
_INSTITUTION_GAP = 16


def _cues_before(ref: PlaceRef, index: tuple[list[int], list], window: int):
    """The cues of ``index`` (see :func:`_by_end`) that end at most ``window`` characters before the
    place starts (or at its start)."""
    ends, ordered = index
    return ordered[bisect_left(ends, ref.start - window) : bisect_left(ends, ref.start + 1)]


#: how many words may stand between a person or organisation word and the place it is in or from
_HOLDER_WORDS = 3
#: heads that may stand between "في" and the place's name (ناشط من مدينة سراقب، طبيب في مشفى بمدينة سلقين)
_GAP_HEADS = frozenset({"مدينه", "بلده", "قريه", "حي", "منطقه", "ناحيه", "محافظه", "ريف", "مستشفي", "مشفي", "المستشفي",
                        "المشفي", "مطار", "قاعده"})
_STOPS = re.compile("[،,.:؛()\"«»]")


def _gap_words(text: str, start: int, end: int) -> list[str] | None:
    """The words between a cue and a place without the heads right before the place, or None when a
    stop lies between them."""
    gap = text[start:end]
    if _STOPS.search(gap):
        return None
    words = gap.split()
    while words and words[-1] in _GAP_HEADS:
        words.pop()
    return words


def _within_words(text: str, start: int, end: int, most: int) -> bool:
    """At most ``most`` words (heads aside) and no stop between a cue and a place (:func:`_gap_words`)."""
    words = _gap_words(text, start, end)
    return words is not None and len(words) <= most


def _holder_before(ref: PlaceRef, text: str, holders) -> bool:
    """The place is where a person or an organisation named just before it is (مدير الدفاع المدني في
    إدلب، ناشط من سراقب، ومقره لندن): right after the word, or a few words after it through في / من,
    with no stop between."""
    for cue in _cues_before(ref, holders, 48):
        words = _gap_words(text, cue.end, ref.start)
        if words is None:
            continue
        if not words or (len(words) <= _HOLDER_WORDS and words[-1] in ("في", "من")
                         and not any(w in _PREPOSITIONS for w in words[:-1])):
            return True
    return False


def _source_home(ref: PlaceRef, text: str, sources) -> bool:
    """The place follows a source's or a rescue team's word through في or ب (الدفاع المدني في حيان،
    مراسلنا بحلب، الدفاع المدني بمدينة سراقب)."""
    for cue in _cues_before(ref, sources, 24):
        words = _gap_words(text, cue.end, ref.start)
        if words is not None and len(words) <= 1 and _through_in(words, text, ref):
            return True
    return False


def _speaks(ref: PlaceRef, text: str, speeches, sentence_end: int) -> bool:
    """The place is who speaks, a capital for its government: right after a reporting verb and before
    إن / أن (أعلنت موسكو أن …، قالت دمشق إن …)."""
    return any(_gap_words(text, cue.end, ref.start) == [] for cue in _cues_before(ref, speeches, 4)) \
        and _THAT.match(text, ref.end, sentence_end) is not None


def _through_in(words: list[str], text: str, ref: PlaceRef) -> bool:
    """The last words before a place lead into it: في / من, or ب glued to the name or to its head word
    (بحلب، بمدينة سراقب)."""
    if words and words[-1] in ("في", "من"):
        return True
    if words and words[-1].startswith("ب") and words[-1][1:] in _GAP_HEADS:
        return True
    return (not words or words[-1] not in _PREPOSITIONS) and text.startswith("ب", ref.start)


#: who speaks from the place where the event was: residents, witnesses, survivors (their town is the site)
_WITNESSES = ("سكان", "اهالي", "اهل", "شهود", "شاهد", "ناج", "مواطن", "مدني")
#: a complementiser that opens what the speaker said
_THAT = re.compile(r"\s*(?:،\s*)?(?:و?ب?ان(?:ه|ها|هم)?)(?!\w)")
#: ... after a word that describes the place (من بلدة مرعيان المجاورة بأنه …، من قرية كنصفرة القريبة إنه …)
_DESCRIBED_THAT = re.compile(r"\s+ال[^\W\d]+" + _THAT.pattern)


def _speaker_home(ref: PlaceRef, text: str, speeches, sentence_end: int, witnesses: bool = False) -> bool:
    """The place is in the speaker's words between a reporting verb and what was said (قالت مصادر
    في إدلب إن …، أكد مسؤول في حماة أن …): within six words after the verb, through في / من / ب, and
    إن / أن right after the place (or a cue word and a name of it).  With ``witnesses``, only a
    resident's or a witness's place (قال شاهد عيان من بلدة كفرنبل إن …)."""
    for cue in _cues_before(ref, speeches, 60):
        words = _gap_words(text, cue.end, ref.start)
        if not words or len(words) > 6 or any(w in _NOT_SPEAKER for w in words):
            continue
        # a resident's town also follows his word bare (أحد سكان قرية X، شاهد من أهالي بلدة X)
        if not (_through_in(words, text, ref) or (witnesses and _witness_word(words[-1]))):
            continue
        if any(_witness_word(w) for w in words) != witnesses:
            continue
        if _THAT.match(text, ref.end, sentence_end) or (
                witnesses and _DESCRIBED_THAT.match(text, ref.end, sentence_end)):
            return True
    return False


def _witness_word(word: str) -> bool:
    """سكان، وأهالي، الناجين: a resident's or a witness's word, with a clitic or the article."""
    return word.startswith(_WITNESSES) or word[1:].startswith(_WITNESSES) or \
        word.removeprefix("و").removeprefix("ال").startswith(_WITNESSES)


#: words that make the place an object of the verb, not the speaker's (أعلن السيطرة على X)
_NOT_SPEAKER = frozenset({"علي", "الي", "عن", "ضد", "بين"})


def _origin_before(ref: PlaceRef, text: str, origins, previous: PlaceRef | None = None, movers=None) -> bool:
    """The place is where aircraft took off from (أقلعت الطائرات من مطار الشعيرات في ريف حمص), or where
    fire came from (مصدرها مواقع قوات النظام في X، قصفت من مواقعها في X):
    within five words after a take-off word, through من, and either the base itself or where it
    lies (في).  The base's name ends the phrase: "القادمة من قاعدة حميميم بلدة كفرنبل" struck the town.
    A town is no base to be located: after "سيارة قادمة من إدلب" the place after في is where the car
    was hit, unless it holds the town (قادمة من مطار حماة في محافظة حماة)."""
    for cue in _cues_before(ref, origins, 60):
        words = _gap_words(text, cue.end, ref.start)
        if words is None or len(words) > 5:
            continue
        said = text[cue.start : cue.end]
        if said.endswith(_FIRE_SOURCE) and cue.end < len(text) and text[cue.end].isalpha():
            continue  # مصدره inside مصدرها: the longer word is read as its own cue
        if said.endswith(_STATIONED):
            continue  # where forces stand gives way to another place of the event (_stationed_in)
        if said.split()[-1] in _FIRE_BASES:
            # من مواقعها في X: the positions fire came from, named by the cue itself; forces that moved
            # out of positions (انسحبت القوات من مواقعها في X) left from where the event was
            if movers is not None and any(cue.start - 40 <= c.end <= cue.start for c in movers[1]):
                continue
            if words and len(words) <= 4 and words[-1] in ("في", "ب"):
                return True
            continue
        while words and words[-1] in _DIRECTION_WORDS:
            words.pop()  # مصدرها جهة مدينة مورك: the direction fire came from
        if "من" in words:
            after = words[len(words) - words[::-1].index("من"):]
        elif said.endswith("من") or said.endswith(_FIRE_SOURCE):
            after = words
        else:
            continue
        if not after:
            return True
        if after[-1] in ("في", "قرب"):
            # where the base lies, in a place or near it (انطلقت من مطار عسكري قرب مدينة حماة)
            origin = previous if previous is not None and previous.start >= cue.end else None
            if origin is None:
                # a base the index does not know (قادمة من مطار الشعيرات في ريف حمص), not any words
                # ("طائرة قادمة من تركيا مواقع في عفرين": a country the text's places leave out, an object)
                return len(after) <= 4 and after[0] in _BASE_HEADS
            if _gap_words(text, origin.end, ref.start) != after[-1:] or origin.place.kind is Kind.COUNTRY:
                return False  # في after the origin's verb and object, or after a country, locates no base
            # a base the index does not hold is read as the town named next to it (مطار عسكري قرب مدينة
            # حماة): that town is where the base lies, not where the aircraft struck
            return origin.place.kind not in _SETTLEMENTS or origin.place.id == ref.place.id \
                or _holds(ref.place, origin.place)
    return False


_SETTLEMENTS = frozenset({Kind.CITY, Kind.TOWN, Kind.VILLAGE, Kind.NEIGHBOURHOOD})
#: the positions fire comes from (قصفت من مواقعها في X، مصدرها مواقع قوات النظام في X): a base, like an airfield
_FIRE_BASES = frozenset({"مواقع", "مواقعها", "مواقعه", "مواقعهم", "موقع", "نقاط", "ثكنه", "ثكنات", "قواعد", "قواعدها",
                         "قواعده", "قواعدهم", "قاعدتها", "قاعدته"})
#: the words that open a base's name after an origin word (قادمة من مطار …، من قاعدة …، مصدرها مواقع …)
_BASE_HEADS = frozenset({"مطار", "المطار", "قاعده", "القاعده", "مهبط"}) | _FIRE_BASES
#: where fire came from: its source (قصف مصدره …) and forces stationed in a place (المتمركزة في X)
_FIRE_SOURCE = ("مصدره", "مصدرها")
_STATIONED = ("متمركزه", "متمركز", "متمركزين", "متمركزون")
_AREAS = frozenset({Kind.GOVERNORATE, Kind.DISTRICT, Kind.SUBDISTRICT})


def _holds(area, place) -> bool:
    """``area`` is one of the place's parents, or the governorate, district or city it lies in."""
    return area.id in place.parents or (area.kind in _AREAS | {Kind.CITY} and bool(place.admin1)
                                        and area.admin1 == place.admin1
                                        and (area.kind is not Kind.CITY or place.kind is Kind.NEIGHBOURHOOD))


def _locates(cue, ref: PlaceRef, text: str) -> bool:
    """A locator word leads to this place: بين X وY (not "اشتباكات بين القوات في حلب"), على بعد … من X,
    تبعد … عن X."""
    words = text[cue.end : ref.start].split()
    word = text[cue.start : cue.end]
    if word.endswith("بين"):
        return len(words) <= 3 and not any(w in _PREPOSITIONS for w in words)
    if "قع" in word:  # تقع، يقع، الواقع: only with a side (يقع شمال مدينة حمص)
        return 0 < len(words) <= 3 and any(w.startswith(_SIDES) for w in words)
    # التابعة لمنطقة الأتارب (not طائرة تابعة للنظام قصفت X; تبعد "lies … from" is the distance below)
    if ("تبع" in word and "تبعد" not in word) or "تابع" in word:
        return all(w in _GAP_HEADS or w[1:] in _GAP_HEADS for w in words)
    # تبعد بلدة التح نحو 10 كم عن مدينة خان شيخون: the place located and the distance come between
    return len(words) <= (8 if "بعد" in word else 6) and any(w in ("عن", "من") for w in words)


_SIDES = ("شمال", "جنوب", "شرق", "غرب")
#: words before a meeting word that make the meeting a target (غارة على اجتماع لتنظيم القاعدة في X)
_AT_TARGET = ("علي", "استهدف", "قصف", "ضرب")


def _targeted(cue, text: str) -> bool:
    """The meeting is what was struck (غارة على اجتماع في قرية الجينة), so its place is the site."""
    before = text[max(0, cue.start - 16) : cue.start].split()
    return bool(before) and before[-1].startswith(_AT_TARGET)


#: words that open a new phrase: a place after "مديرية في" is where, not the institution's name
_PREPOSITIONS = frozenset({"في", "من", "علي", "الي", "عن", "مع", "بعد", "قبل", "عند", "قرب", "داخل", "حول", "و"})


def _names_institution(cue, ref: PlaceRef, text: str) -> bool:
    """The place is part of an institution's name: right after the institution word (مجلس دير الزور)
    or after one word naming its field (مديرية صحة حماة، مديرية تربية إدلب، مجلس محافظة حلب)."""
    gap = text[cue.end : ref.start].split() if 0 <= ref.start - cue.end <= _INSTITUTION_GAP else None
    return gap is not None and (not gap or (len(gap) == 1 and gap[0] not in _PREPOSITIONS))


def _after_destination(ref: PlaceRef, text: str, destinations, sentence) -> bool:
    """True when a destination cue earlier in the sentence leads, through إلى, to this place."""
    for cue in destinations:
        if not (sentence.start <= cue.start < ref.start):
            continue
        if text[cue.start : cue.end].endswith("الي"):
            to_end = cue.end
        else:
            to = _TO.search(text, cue.start, ref.start)
            if to is None:
                continue
            to_end = to.end()
        if not _SCENE.match(text, to_end):  # rescuers reaching "مكان القصف في حي X": X is the site
            return True
    return False


def _carried_to(ref: PlaceRef, text: str, carried, most: int = 4) -> bool:
    """The place follows إلى, at most ``most`` words after a carrying or moving verb (نقلت جثامينهم إلى X،
    نزح الآلاف من مدينة خان شيخون إلى X)."""
    for cue in _cues_before(ref, carried, 80):
        words = _gap_words(text, cue.end, ref.start)
        if words and words[-1] in ("الي", "والي"):
            # where it was carried from does not count (نقل الجرحى من بلدة حيش إلى مدينة سرمدا)
            before = words[:words.index("من")] if "من" in words else words[:-1]
            if len(before) < most:
                return True
    return False


#: words after a verb of moving that say where to (إلى، باتجاه، نحو، صوب)
_TOWARD_WORDS = frozenset({"الي", "والي", "باتجاه", "وباتجاه", "اتجاه", "تجاه", "نحو", "ونحو", "صوب"})
#: ... the verb and that word at most this many words apart, and that word and the place at most
#: :data:`_TOWARD_TAIL` (a chain of destinations: إلى سرمدا وريف إدلب، باتجاه الحدود التركية وبلدة أطمة)
_TOWARD_REACH = 8
_TOWARD_TAIL = 3


def _moved_to(ref: PlaceRef, text: str, moved) -> bool:
    """Where people or forces went after a verb of moving (لجوء الأسر إلى سرمدا وريف إدلب، فروا باتجاه
    الحدود التركية وبلدة أطمة، انسحبت القوات نحو حمص): a destination, not where the event was.  The
    place follows the direction word, or ends a chain of destinations joined by و; "توجهوا إلى معركة
    جسر الشغور" went to a battle, which was at its place."""
    for cue in _cues_before(ref, moved, 100):
        words = _gap_words(text, cue.end, ref.start)
        if not words:
            continue
        toward = [i for i, w in enumerate(words[:_TOWARD_REACH + 1]) if w in _TOWARD_WORDS]
        if not toward:
            continue
        tail = words[toward[-1] + 1:]
        if not tail or len(tail) <= _TOWARD_TAIL and tail[-1].startswith("و") \
                and not any(w in _PREPOSITIONS and w != "و" for w in tail) or _shelter_in(tail, text, ref):
            return True
    return False


#: where the displaced stay (لجأت العائلات إلى مدرسة في بلدة X، نزحوا إلى مخيمات قرب أطمة)
_SHELTERS = frozenset({"مدرسه", "مدارس", "مخيم", "مخيمات", "مسجد", "مساجد", "جامع", "منزل", "منازل", "بيت", "بيوت",
                       "مركز", "مراكز", "خيام", "مبني", "مباني", "مزرعه", "مزارع", "كنيسه"})


def _shelter_in(tail: list[str], text: str, ref: PlaceRef) -> bool:
    """The words after إلى name a shelter and lead into the place (إلى مدرسة في بلدة سلقين، إلى منازل
    أقاربهم في X، إلى مخيمات قرب بلدة أطمة، إلى مسجد بمدينة أريحا): the town the displaced went to."""
    if not tail or len(tail) > 3 or tail[0].removeprefix("ال") not in _SHELTERS:
        return False
    rest = tail[1:]
    if rest and rest[-1] in ("قرب", "داخل"):
        rest = rest[:-1] + ["في"]
    return not any(w in _PREPOSITIONS for w in rest[:-1]) and (bool(rest) or text.startswith("ب", ref.start)) \
        and _through_in(rest[-1:], text, ref)


def _route_end(ref: PlaceRef, text: str, routes) -> bool:
    """The place ends a vehicle's route, «من X إلى Y» right after a word of travelling (قافلة متجهة من
    مدينة سرمدا إلى بلدة الأتارب، حافلة في طريقها من أريحا إلى البارة): where it was going, no site of
    the strike that hit it on the way.  Where it came from is an origin (:func:`_moved_from`)."""
    for cue in _cues_before(ref, routes, 60):
        words = _gap_words(text, cue.end, ref.start)
        if words and words[0] in ("من", "ومن") and words[-1] in ("الي", "والي") and len(words) <= 6 \
                and not any(w in _PREPOSITIONS for w in words[1:-1]):
            return True
    return False


#: verbs of moving or carrying, and of a move (انتقل المشفى): a place after من is where the move began
_MOVERS = frozenset({"places.carried", "places.moved", "places.relocated", "places.route"})
#: what is carried from the scene (نقل الجرحى من بلدة X): the wounded come from where the event was
_FROM_SCENE = ("جرحي", "الجرحي", "مصاب", "المصاب", "جثث", "الجثث", "جثامين", "الجثامين", "جثه", "جثمان", "قتلي",
               "القتلي", "ضحايا", "الضحايا")


#: a head word with a possessive suffix (مدينته، بلدتهم، قريتها)
_OWN_HEAD = re.compile(r"(?:مدينت|بلدت|قريت|منطقت)(?:ه|ها|هم|نا)")


def _moved_from(ref: PlaceRef, text: str, movers, most: int = 4) -> bool:
    """The place follows من at most ``most`` words after a verb of moving (نقل المشفى من مدينة X إلى Y،
    عائلات نزحت من X، انتقلت الإدارة من X): the old place, not where the event was.  The wounded or
    dead carried from a place (نقل الجرحى من بلدة X) come from the scene: that place stays a site."""
    for cue in _cues_before(ref, movers, 60):
        words = _gap_words(text, cue.end, ref.start)
        while words and _OWN_HEAD.fullmatch(words[-1]):  # نزوحه من مدينته حلب
            words.pop()
        if not words or len(words) > most or words[-1] not in ("من", "ومن"):
            continue
        if any(w in _PREPOSITIONS for w in words[:-1]) or any(w.startswith(_FROM_SCENE) for w in words):
            continue
        return True
    return False


#: the cues of a victims' home town (``[places]`` victims, hails, mourned in ``cues.toml``)
_HOMES = frozenset({"places.victims", "places.hails", "places.mourned"})
#: the residents of a place (من سكان بلدة X، من أبناء X، شيع أهالي X)
_RESIDENTS = frozenset({"سكان", "اهالي", "ابناء", "اهل"})


def _home_of(ref: PlaceRef, text: str, homes) -> bool:
    """The place is the home town of the people hit (قتل ثلاثة أطفال من مدينة X، أصيب مدنيون من سكان
    بلدة X، وينحدر الضحايا من قرية X، شيع أهالي بلدة X): where they came from, which gives way to the
    place they were hit when the event names one."""
    for cue in _cues_before(ref, homes, 48):
        words = _gap_words(text, cue.end, ref.start)
        if words is None:
            continue
        if cue.payload == "places.victims":
            if words[:1] == ["من"] and len(words) <= 2 and all(w in _RESIDENTS for w in words[1:]):
                return True
        elif cue.payload == "places.mourned":
            if len(words) == 1 and words[0] in _RESIDENTS:
                return True
        elif words and words[-1] == "من" and len(words) <= 4 and not any(w in _PREPOSITIONS for w in words[:-1]):
            return True
    return False


#: the direction of a place (من جهة مدينة X، مصدرها جهة X)
_DIRECTION_WORDS = frozenset({"جهه", "ناحيه", "اتجاه"})
#: "from the direction of" right before a place's name, or before its head word
_FROM_DIRECTION = re.compile(r"(?<!\w)و?من\s+(?:جهه|ناحيه|اتجاه)\s+(?:(?:مدينه|بلده|قريه|حي|منطقه)\s+)?$")


def _fired_from(ref: PlaceRef, text: str, fired) -> bool:
    """The place follows من at most four words after a launch or a projectile (أطلقت قوات النظام صواريخ
    من مدينة مورك، بصواريخ أطلقت من محردة، قذائف من جهة X): where the fire came from."""
    if text.find("من", max(0, ref.start - 24), ref.start) < 0:
        return False  # (no من right before the place: most places near a projectile word)
    for cue in _cues_before(ref, fired, 60):
        words = _gap_words(text, cue.end, ref.start)
        while words and words[-1] in _DIRECTION_WORDS:
            words.pop()
        if words and words[-1] in ("من", "ومن") and len(words) <= 4 \
                and not any(w in _PREPOSITIONS for w in words[:-1]):
            return True
    return False


def _fired_toward(ref: PlaceRef, text: str, fired, clause_start: int) -> bool:
    """The direction word before the place follows a launch or a projectile of its clause, with no verb of
    moving between (صواريخ من مدينة مورك باتجاه بلدة اللطامنة): the place is what was fired at."""
    for cue in _cues_before(ref, fired, 70):
        if cue.start < clause_start:
            continue
        words = _gap_words(text, cue.end, ref.start)
        if words is not None and len(words) <= 8 and words and words[-1] in _TOWARD_WORDS \
                and not any(w.startswith(_MOVING) or w in _MOVING_WORDS for w in words):
            return True
    return False


#: the stems of moving and heading that make a direction word a destination (متجهة، توجهت، نزحوا، فروا)
_MOVING = ("متجه", "متوجه", "توجه", "نزح", "هرب", "انسحب", "قادم")
_MOVING_WORDS = frozenset({"فر", "فرت", "فروا", "طريقها", "طريقه", "طريقهم"})


def _stationed_in(ref: PlaceRef, text: str, origins) -> bool:
    """The place right after في where forces are stationed (قصفت القوات المتمركزة في X قرى Y): where
    the fire came from, which gives way to the place it struck; alone, as in a clash with the forces
    there (اشتباكات مع قوات النظام المتمركزة في X), it is the site."""
    for cue in _cues_before(ref, origins, 40):
        if text[cue.start : cue.end].endswith(_STATIONED) and _gap_words(text, cue.end, ref.start) in (["في"], ["ب"]):
            return True
    return False


def _just_after(ref: PlaceRef, text: str, words: tuple[str, ...], window: int = 12) -> bool:
    before = text[max(0, ref.start - window) : ref.start]
    return any(w in before.split() for w in words)
