"""Event triggers grouped into events: one event per clause, the highest-priority trigger wins.

A clause that names a shell falling during a clash is one battle, not two incidents.  Refinements
from the lexicon then specialise the sub-event type from context words in the same clause
("قصف" with "الطيران" is an air strike; "انقطاع طريق" with "في بعض المناطق" a partial closure).
A sentence that reports what a diplomat said (a statement cue and a speaker cue) yields no violent
event: "Cairo follows the clashes with concern" is commentary, not a clash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo_incidents.extract.background import BackgroundSpan, span_at
from geo_incidents.extract.lexicon import Refinement, TriggerDef
from geo_incidents.model import EventType
from geo_incidents.text.phrases import PhraseMatch
from geo_incidents.text.segment import Clause, Sentence

#: A closing verb is a road closure only in a sentence that names a road or a crossing.
_ROAD_WORD = re.compile(r"(?<!\w)(?:و|ب|ل)?(?:ال)?(?:طريق|طرق|معبر|اوتوستراد|اوتستراد|جسر|الطرقات)(?!\w)")


@dataclass(slots=True)
class Event:
    sentence_index: int
    sentence: Sentence
    clause: Clause
    trigger: PhraseMatch
    event_type: str
    sub_event_type: str
    status: str = ""
    priority: int = 0
    places: list = field(default_factory=list)
    place_fallback: str = ""
    own_place: bool = False  # a place of its own clause (or of a trigger-less clause next to it)
    locators: list = field(default_factory=list)  # road closures: places that locate the closed stretch
    spread: list = field(default_factory=list)  # places the event spread to (امتدت إلى …): one incident each
    casualties: list = field(default_factory=list)
    destination: str = ""

    @property
    def violent(self) -> bool:
        return self.event_type in EventType.VIOLENT


def group_events(
    sentences: list[Sentence],
    sentence_index_of,
    triggers: list[PhraseMatch],
    refinements: list[Refinement],
    text: str,
    commentary: set[int],
    background: list[BackgroundSpan] = (),
) -> list[Event]:
    """One event per clause; triggers in background phrases are dropped (see :mod:`.background`)."""
    kept: list[tuple[int, PhraseMatch, BackgroundSpan | None]] = []
    foreground: set[int] = set()
    for match in triggers:
        s_idx = sentence_index_of(match.start)
        if s_idx < 0:
            continue
        sentence = sentences[s_idx]
        if not (sentence.start <= match.start < sentence.end):
            continue
        definition: TriggerDef = match.payload
        if s_idx in commentary and definition.event_type != EventType.STRATEGIC:
            continue
        if definition.needs_road and not _ROAD_WORD.search(text, sentence.start, sentence.end):
            continue
        span = span_at(background, match.start)
        if span is None:
            foreground.add(s_idx)
        kept.append((s_idx, match, span))
    best: dict[tuple[int, int], tuple[PhraseMatch, TriggerDef, Event]] = {}
    for s_idx, match, span in kept:
        if span is not None and (span.always or s_idx in foreground):
            continue
        sentence = sentences[s_idx]
        definition = match.payload
        clause = sentence.clause_at(match.start)
        key = (s_idx, clause.index)
        if key in best and definition.priority <= best[key][1].priority:
            continue
        event = Event(s_idx, sentence, clause, match, definition.event_type, definition.sub_event_type,
                      definition.status, definition.priority)
        _refine(event, refinements, text[clause.start : clause.end])
        best[key] = (match, definition, event)
    return [event for _, (_, _, event) in sorted(best.items())]


def _refine(event: Event, refinements: list[Refinement], clause_text: str) -> None:
    words = f" {clause_text} "
    for rule in refinements:
        if rule.from_sub_event_type != event.sub_event_type:
            continue
        if rule.only_phrases and event.trigger.phrase not in rule.only_phrases:
            continue
        if any(_has_word(words, c) for c in rule.context) and not any(_has_word(words, u) for u in rule.unless):
            event.event_type, event.sub_event_type = rule.event_type, rule.sub_event_type
            if rule.status:
                event.status = rule.status


def _has_word(padded: str, word: str) -> bool:
    """``word`` as a word or with a clitic/article glued before it (بالطيران, والجوي, and the
    colloquial spelling بلبراميل for بالبراميل)."""
    pos = padded.find(word)
    while pos != -1:
        left = padded.rfind(" ", 0, pos) + 1
        if padded[left:pos] in ("", "و", "ب", "ل", "ال", "بال", "وال", "لل", "وب", "ف", "بل", "وبل"):
            return True
        pos = padded.find(word, pos + 1)
    return False
