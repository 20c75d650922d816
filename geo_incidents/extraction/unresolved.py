"""Places the text names that the gazetteer does not hold (حي X، قرية X، مستشفى X …).

The run summary lists them so that an analyst sees which places to add to the gazetteer. They are
the gazetteer's own cue phrases beyond its index (:func:`gazetteer.cue_mentions.beyond_index`): the
phrase left unresolved, or placed only at the coarser precision of the place named next to it
(``حي الزنبقة في مدينة حلب`` is somewhere in Aleppo; the quarter itself is still missing). One rule
decides both what a cue phrase is and which of them are listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from gazetteer.cue_mentions import beyond_index, phrase_without_clitics
from gazetteer.model import Mention


def unresolved_names(mentions: Iterable[Mention]) -> list[str]:
    """The phrases of ``mentions`` that the index does not hold, head included, in text order, once each."""
    found: list[str] = []
    for mention in mentions:
        if beyond_index(mention):
            name = phrase_without_clitics(mention)
            if name not in found:
                found.append(name)
    return found
