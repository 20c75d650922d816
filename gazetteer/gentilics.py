"""A country whose short name is its own adjective: السعودية after a feminine noun is "Saudi".

Arabic names Saudi Arabia by the feminine relative adjective (السعودية, "the Saudi [kingdom]"), so the
same word after a definite feminine noun agrees with that noun and describes it: الحكومة السعودية,
وزارة الصحة السعودية, السفارة السعودية ("the Saudi government, ministry, embassy"). Such an adjective
is a gentilic, which names no place (annotators mark none, like المصرية or الأردنية); the country's
full name (المملكة العربية السعودية) is the index's and is not read here.
"""

from __future__ import annotations

import re

from gazetteer.model import Kind, Mention
from gazetteer.normalize import normalize_name

#: A definite word ending in ة right before the mention (الحكومة، الصحة، بالسفارة), with one blank.
_FEMININE_BEFORE = re.compile(r"(?<![\w\u0600-\u06ff])(?:[وف]?[بل]?ال|لل)[\u0621-\u064a]+[ةه]\s$")
#: The part of a country's full name before its adjective: المملكة العربية السعودية.
_FULL_NAME_WORDS = frozenset({"العربيه", "المملكه"})


def without_gentilic_countries(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without a country named by its adjective (السعودية) right after a definite
    feminine noun it agrees with."""
    dropped = []
    for mention in mentions:
        best = mention.best
        if best is None or best.place.kind is not Kind.COUNTRY or mention.start < 3:
            continue
        name = normalize_name(mention.surface)
        if not (name.startswith("ال") and name.endswith("يه")):
            continue
        before = _FEMININE_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        if before is not None and normalize_name(before.group().strip()).lstrip("وفبل") not in _FULL_NAME_WORDS:
            dropped.append(id(mention))
    if not dropped:
        return mentions
    return [m for m in mentions if id(m) not in dropped]
