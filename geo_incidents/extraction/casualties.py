"""Killed and injured counts near casualty words, as ranges, with the civilian flag.

"ثلاثة قتلى" (3, 3); "مقتل 5" (5, 5); "شهيد" (1, 1); "شهداء" without a count (2, 10); "عدد من
الإصابات" (2, 10).  Several mentions of one kind for one event are read as the same people
(the largest range is kept), not added up; a written count beats a bare plural
("أصيب خمسة ... ونقل المصابون" is five).  "دون إصابات" is no casualty.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from geo_incidents.text.numbers import NumberWords
from geo_incidents.text.phrases import PhraseMatch, of_payload

PLURAL_UNSPECIFIED = (2, 10)
_NEGATION = re.compile(r"(?<!\w)(?:دون|بدون|بلا|لا|لم|عدم|ولا|ولم)(?!\w)")
#: "وإصابة آخرين" (and others injured): the word names more than one
_OTHERS = re.compile(r"\s+(?:ال)?(?:اخرين|اخرون)(?!\w)")
#: "دون ورود معلومات عن إصابات": a negation up to four words before the casualty word
_NEGATION_WINDOW = 4


@dataclass(slots=True)
class CasualtyMention:
    start: int
    end: int
    kind: str  # "killed" or "injured"
    low: int
    high: int
    civilian: bool = False
    counted: bool = True  # False when no count was written ("شهداء" alone)


#: casualty words that take no suffix but the dual's (قضيا): glued to another they are other words (قضى
#: "died", قضية "a case")
_BARE_ONLY = frozenset({"قضي"})


#: casualty verbs in the present, as headlines tell events: a casualty only with the count after them
_PRESENT = frozenset({"يقتل", "تقتل", "يصيب", "تصيب"})


def _glued_tail(text: str, end: int) -> str:
    stop = end
    while stop < len(text) and text[stop].isalpha():
        stop += 1
    return text[end:stop]


def find_casualties(text: str, cues: list[PhraseMatch], numbers: NumberWords) -> list[CasualtyMention]:
    """Casualty mentions in ``text`` (folded) from the cue matches of section ``casualties``."""
    civilians = of_payload(cues, "casualties.civilian")
    civilian_starts = sorted(c.start for c in civilians)
    found: list[CasualtyMention] = []
    for cue in cues:
        told = _casualty_kind(cue.payload)
        if told is None:
            continue
        kind, number = told
        if _negated(text, cue.start) or (cue.phrase in _BARE_ONLY and _glued_tail(text, cue.end) not in ("", "ا")):
            continue
        word_start = cue.start
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1  # the clitics and article glued to the cue ("الجرحى" matched as "جرحى")
        # a number just before the word counts it ("خمسة جرحى") unless the word opens a new item with و/ف
        # ("مقتل شخصين وإصابة خمسة": two killed, five injured); then its count follows it
        joined = text[word_start:cue.start].startswith(("و", "ف"))
        count = (None if joined else numbers.ending_at(text, word_start)) or numbers.starting_at(text, cue.end)
        counted = count is not None
        if count is None and cue.phrase in _PRESENT:
            continue  # "القصف يقتل المدنيين": said of attacks in general, no one counted
        if count is None:  # "إصابة آخرين": others, more than one, not counted
            plural = number != "singular" or _OTHERS.match(text, cue.end) is not None
            count = PLURAL_UNSPECIFIED if plural else (1, 1)
        near = bisect_left(civilian_starts, cue.start - 40)  # the first civilian cue not 40 before this one
        civilian = near < len(civilian_starts) and civilian_starts[near] <= cue.start + 40
        found.append(CasualtyMention(cue.start, cue.end, kind, count[0], count[1], civilian, counted))
    return found


@cache
def _casualty_kind(payload: str) -> tuple[str, str] | None:
    """What a cue kind tells of casualties: "casualties.killed_plural" is ("killed", "plural"); None for
    other kinds and for civilians (a word of who, not of how many). Read once per kind, not per cue."""
    if not payload.startswith("casualties.") or payload == "casualties.civilian":
        return None
    kind, number = payload.split(".", 1)[1].split("_")
    return kind, number


def combine(mentions: list[CasualtyMention]) -> dict:
    """Incident fields for the mentions linked to one event."""
    if not mentions:  # most events: no count to read
        return {"fatalities": 0, "fatalities_low": 0, "fatalities_high": 0, "injured_low": 0, "injured_high": 0,
                "civilian_casualties": False}
    killed = _best_known([m for m in mentions if m.kind == "killed"])
    injured = _best_known([m for m in mentions if m.kind == "injured"])
    k_low = max((m.low for m in killed), default=0)
    k_high = max((m.high for m in killed), default=0)
    return {
        "fatalities": k_low,
        "fatalities_low": k_low,
        "fatalities_high": k_high,
        "injured_low": max((m.low for m in injured), default=0),
        "injured_high": max((m.high for m in injured), default=0),
        "civilian_casualties": any(m.civilian for m in mentions),
    }


def _best_known(mentions: list[CasualtyMention]) -> list[CasualtyMention]:
    """Written counts win over bare nouns: "خمسة جرحى ... ونقل المصابون" is five, not up to ten."""
    counted = [m for m in mentions if m.counted]
    return counted or mentions


def _negated(text: str, start: int) -> bool:
    words = text[max(0, start - 60) : start].split()[-_NEGATION_WINDOW:]
    return any(_NEGATION.fullmatch(w) for w in words)
