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
from typing import Any

from gazetteer.model import NOT_MAPPABLE_AS_POINT, Kind, Precision
from geo_incidents.text.normalize import NormalizedText
from geo_incidents.text.phrases import PhraseMatch

SITE, DESTINATION, MEETING, COARSE, SUBJECT = "site", "destination", "meeting", "coarse", "subject"
_TO = re.compile(r"(?<!\w)و?الي(?!\w)")
_SCENE = re.compile(r"\s*(?:ال)?(?:مكان|موقع)(?!\w)")
#: "إلى مستشفى المواساة في دمشق": the hospital and the city that locates it are the destination
TO_HOSPITAL = re.compile(r"(?<!\w)(?:و?الي|لل?)\s*(?:ال)?(?:مستشفي|مشفي|مستوصف|نقطه طبيه)")
#: every match of :data:`TO_HOSPITAL` holds one of these
_HOSPITAL_WORDS = ("شفي", "مستوصف", "نقطه طبيه")


def to_hospital_starts(text: str) -> list[int]:
    """Where :data:`TO_HOSPITAL` matches; a text that names no hospital is not read character by character."""
    if not any(word in text for word in _HOSPITAL_WORDS):
        return []
    return [m.start() for m in TO_HOSPITAL.finditer(text)]
_LINEAR = frozenset({Kind.ROAD, Kind.CROSSING})


@dataclass(slots=True)
class PlaceRef:
    start: int  # folded-text offsets
    end: int
    mention: Any
    candidate: Any
    precision: int
    role: str = SITE

    @property
    def place(self):
        return self.candidate.place

    @property
    def linear(self) -> bool:
        return self.place.kind in _LINEAR


def place_refs(mentions, norm: NormalizedText) -> list[PlaceRef]:
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


def _any_start_between(starts: list[int], low: int, high: int) -> bool:
    """True when a sorted start lies in ``[low, high)``: one bisect, not a scan of every cue of the text."""
    return bisect_left(starts, low) < bisect_left(starts, high)


def assign_roles(refs: list[PlaceRef], text: str, cues: list[PhraseMatch], sentence_of,
                 background: list[tuple[int, int]] = ()) -> None:
    """Set each ref's role and precision from the cue words around it (same sentence only).

    A place inside a ``background`` span (what the sentence refers back to) or right after an
    institution word (مجلس دير الزور) is a subject, not a site."""
    destinations = [c for c in cues if c.payload == "places.destination"]
    institutions = [c for c in cues if c.payload == "context.institution"]
    meetings = [c for c in cues if c.payload == "places.meeting"]
    nears = [c for c in cues if c.payload == "places.near"]
    subjects = [c for c in cues if c.payload == "places.subject"]
    towards = [c for c in cues if c.payload == "places.toward"]
    meeting_starts = sorted(c.start for c in meetings)
    subject_starts = sorted(c.start for c in subjects)
    for ref in refs:
        sentence = sentence_of(ref.start)
        clause = sentence.clause_at(ref.start)
        kind = ref.place.kind
        if kind in NOT_MAPPABLE_AS_POINT:
            ref.role = COARSE
            continue
        if _after_destination(ref, text, destinations, sentence) or (
            kind == Kind.HOSPITAL and _just_after(ref, text, ("الي", "لي"))
        ) or TO_HOSPITAL.search(text, clause.start, ref.end):  # ref.end: إلى مستشفى X is a mention too
            ref.role = DESTINATION
            continue
        if _any_start_between(meeting_starts, clause.start, ref.start):
            ref.role = MEETING
            continue
        if any(start <= ref.start < end for start, end in background) or any(
            _names_institution(c, ref, text) for c in institutions
        ):
            ref.role = SUBJECT
            continue
        if _any_start_between(subject_starts, clause.start, ref.start) or any(
            0 <= ref.start - c.end <= 8 for c in towards
        ):
            ref.role = SUBJECT
            continue
        if any(0 <= ref.start - n.end <= 12 and n.start >= clause.start for n in nears):
            ref.precision = max(ref.precision, int(Precision.NEAR))
        if kind in (Kind.GOVERNORATE, Kind.DISTRICT, Kind.SUBDISTRICT):
            ref.precision = max(ref.precision, int(Precision.NEAR) if kind != Kind.GOVERNORATE else 3)


#: words that open a new phrase: a place after "مديرية في" is where, not the institution's name
_PREPOSITIONS = frozenset({"في", "من", "علي", "الي", "عن", "مع", "بعد", "قبل", "عند", "قرب", "داخل", "حول", "و"})


def _names_institution(cue, ref: PlaceRef, text: str) -> bool:
    """The place is part of an institution's name: right after the institution word (مجلس دير الزور)
    or after one word naming its field (مديرية صحة حماة، مديرية تربية إدلب، مجلس محافظة حلب)."""
    gap = text[cue.end : ref.start].split() if 0 <= ref.start - cue.end <= 16 else None
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


def _just_after(ref: PlaceRef, text: str, words: tuple[str, ...], window: int = 12) -> bool:
    before = text[max(0, ref.start - window) : ref.start]
    return any(w in before.split() for w in words)
