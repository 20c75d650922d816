"""Places the text names that the gazetteer does not hold (حي X، قرية X، مستشفى X …).

The run summary lists them so that an analyst sees which places to add to the gazetteer. They are
the gazetteer's own cue phrases beyond its index (:func:`gazetteer.cue_mentions.beyond_index`): the
phrase left unresolved, or placed only at the coarser precision of the place named next to it
(``حي الزنبقة في مدينة حلب`` is somewhere in Aleppo; the quarter itself is still missing). One rule
decides both what a cue phrase is and which of them are listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from gazetteer.cue_mentions import beyond_index, phrase_without_clitics
from gazetteer.model import Mention
from gazetteer.normalize import normalize_name


def unresolved_names(mentions: Iterable[Mention]) -> list[str]:
    """The phrases of ``mentions`` that the index does not hold, head included, in text order, once each."""
    found: list[str] = []
    for mention in mentions:
        if beyond_index(mention):
            name = " ".join(phrase_without_clitics(mention).split())
            if name not in found:
                found.append(name)
    return found


def spellings_merged(counts: Mapping[str, int]) -> Counter:
    """``counts`` of names with the spellings of one name (معهد الأورام / معهد الاورام) added up under the
    gazetteer's normalised form, each group shown in its most frequent spelling (the first seen of equals)."""
    groups: dict[str, Counter] = {}
    for name, n in counts.items():
        groups.setdefault(normalize_name(name), Counter())[name] += n
    return Counter({spellings.most_common(1)[0][0]: sum(spellings.values()) for spellings in groups.values()})
