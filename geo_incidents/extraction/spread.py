"""Clauses that carry an event on to more places: "اشتباكات في حي الأشرفية، امتدت لاحقاً إلى محيط
دوار شيحان ودوار الليرمون" is three clashes, one per place, with the same actors and date.

The cue words are in ``cues.toml`` (``places.spread``: a verb whose places follow إلى, such as
امتدت / توسعت / انتقلت; ``places.spread_direct``: a verb whose places follow it, such as لتشمل /
طالت).  A definite noun between the verb and إلى is the verb's own subject ("امتدت المفاوضات إلى",
"انتقل السكان إلى"): nothing spread, unless it is a time word (``places.spread_time``: مساء اليوم).
The places keep the role the other cues give them: "نقل الجرحى إلى" still makes a destination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo_incidents.text.phrases import PhraseMatch, of_payload

_TO = re.compile(r"(?<!\w)و?الي(?!\w)")
_DEFINITE = re.compile(r"(?:[وفبلك]|وب|وك)?(?:ال|لل)\w")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Spread:
    cue_start: int  # folded-text offsets
    start: int  # where its places begin (after إلى, or after a direct verb)
    end: int  # the end of the cue's clause


def spread_spans(text: str, cues: list[PhraseMatch], sentence_of) -> list[Spread]:
    """Every stretch of text whose places an earlier event spread to."""
    time_words = [(c.start, c.end) for c in of_payload(cues, "places.spread_time")]
    spans = []
    for cue in cues:
        if cue.payload not in ("places.spread", "places.spread_direct"):
            continue
        sentence = sentence_of(cue.start)
        if not (sentence.start <= cue.start < sentence.end):
            continue
        clause = sentence.clause_at(cue.start)
        start = cue.end
        if cue.payload == "places.spread":
            to = _TO.search(text, cue.end, clause.end)
            if to is None or _has_subject(text, cue.end, to.start(), time_words):
                continue
            start = to.end()
        spans.append(Spread(cue.start, start, clause.end))
    return spans


def _has_subject(text: str, start: int, end: int, time_words: list[tuple[int, int]]) -> bool:
    """A definite word between the verb and إلى that is not a time word ("مساء اليوم")."""
    for word in _WORD.finditer(text, start, end):
        # a cue match may start after the word's article: overlap, not containment
        if _DEFINITE.match(word.group()) and not any(s < word.end() and word.start() < e for s, e in time_words):
            return True
    return False


def spread_target(spread: Spread, events: list) -> object | None:
    """The event the places spread from: the last one of the sentence told before the verb.  None when
    the verb's own clause has an event after it ("امتدت الاشتباكات إلى": that event has the places)."""
    earlier = [e for e in events if e.sentence.start <= spread.cue_start < e.sentence.end]
    if any(e.clause.start <= spread.cue_start < e.clause.end and e.trigger.start > spread.cue_start
           for e in earlier):
        return None
    earlier = [e for e in earlier if e.trigger.end <= spread.cue_start]
    return max(earlier, key=lambda e: e.trigger.start) if earlier else None
