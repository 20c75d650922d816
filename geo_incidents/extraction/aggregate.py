"""Statistics and method notes: sentences that report no incident of their own.

ACLED codes events, not totals.  "Barrels were the most common munition", "attacks took place
regularly throughout the period", "in many cases the munition could not be identified", "barrels
were identified in 40 videos" and "the archive compared the earlier attacks with this one" name
attacks, but none that happened at one place on one day: a trigger word in such a sentence yields
no event.  The cue words are data (``[aggregate]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from geo_incidents.text.numbers import NumberWords
from geo_incidents.text.phrases import PhraseMatch

_ALWAYS = frozenset({"aggregate.frequency", "aggregate.period", "aggregate.cases", "aggregate.method"})
_COUNTED = "aggregate.counted"
#: one attack is filmed in a handful of videos ("نشر ناشطون ثلاثة مقاطع فيديو للهجوم" is evidence of
#: it); ten or more span many attacks
MANY = 10
#: a count in brackets after its words ("واحد وعشرين (21) مقطع")
_BRACKETED = re.compile(r"\(\s*(\d{1,6})\s*\)\s*$")


def aggregate_sentences(text: str, cues: list[PhraseMatch], sentence_index_of, numbers: NumberWords) -> set[int]:
    """Indexes of the sentences that tell a statistic or a method, not an incident."""
    found = set()
    for cue in cues:
        if cue.payload in _ALWAYS or (cue.payload == _COUNTED and _counted(text, cue.start, numbers)):
            found.add(sentence_index_of(cue.start))
    return found


def _counted(text: str, start: int, numbers: NumberWords) -> bool:
    """:data:`MANY` or more of the thing at ``start``: a number just before it."""
    bracketed = _BRACKETED.search(text[max(0, start - 12) : start])
    if bracketed:
        return int(bracketed.group(1)) >= MANY
    count = numbers.ending_at(text, start)
    return count is not None and count[0] >= MANY
