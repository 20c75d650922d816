"""«المملكة» ("the Kingdom"): a country named by its form of state.

The press and people of a kingdom call their own country "the Kingdom" (أمطار غزيرة على المملكة،
الطرق في المملكة سالكة): it is a place mention, and which kingdom it is comes from the rest of the
text. When the text's other places lie in exactly one of the Arabic-speaking kingdoms (Saudi Arabia,
Jordan, Morocco, Bahrain), the word is that country, never a point site; otherwise (no place, or
places in two kingdoms) it is left alone. A full name (المملكة العربية السعودية، المملكة المتحدة)
is the index's, a word that goes on with an adjective (المملكة المغربية) is one the index does
not hold, and after a media word (قناة المملكة) it names a channel: none is read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gazetteer.ids import country_id
from gazetteer.model import Candidate, Mention, Place, Precision
from gazetteer.resolve import _not_a_site

KINGDOMS = frozenset({"SA", "JO", "MA", "BH"})
#: the word with its article and the clitics before it (والمملكة، بالمملكة، للمملكة، #المملكة)
_KINGDOM = re.compile(r"(?<![\w\u0600-\u06ff])[وف]?(?:بال|ال|لل)مملك[ةه](?![\w\u0600-\u06ff])")
#: an adjective right after it makes a longer name (المملكة المغربية، المملكة الهولندية)
_ADJECTIVE_AFTER = re.compile(r"[ \t]+ال[\u0621-\u064a]+[يى][ةه]?(?![\w\u0600-\u06ff])")
SCORE = 0.6


def add_kingdom_mentions(text: str, mentions: list[Mention],
                         get: Callable[[str], Place | None]) -> list[Mention]:
    """``mentions`` with «المملكة» added as the one kingdom the other mentions lie in."""
    if "مملك" not in text:
        return mentions
    kingdoms = {m.best.place.country_code for m in mentions if m.best is not None} & KINGDOMS
    if len(kingdoms) != 1:
        return mentions
    (code,) = kingdoms
    country = get(country_id(code))
    if country is None:
        return mentions
    added = []
    for match in _KINGDOM.finditer(text):
        start, end = match.span()
        if _ADJECTIVE_AFTER.match(text, end) or _not_a_site(text, start) or \
                any(m.start < end and start < m.end for m in mentions):
            continue  # a longer name, a channel's name (قناة المملكة), or part of a known mention
        candidate = Candidate(country, SCORE, Precision.REGION,
                              ("the Kingdom: the one kingdom the text's other places lie in",))
        added.append(Mention(start, end, match.group(), "المملكه", None, (candidate,)))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))
