"""A town named in a list right after another place: «في أبوظبي والعين», «#أبوظبي و #العين».

A name that is also an ordinary word (العين "the eye", a stop name) is not taken bare: alone it is
mostly the word. Joined by و or a comma to a place the text names, it is an item of the same list, so
when the index holds a town, city or province of that name in the same country within
:data:`COORDINATED_KM` of the place before it, that is what the text names (Al Ain beside Abu Dhabi).
Only the next item after a resolved place is read, never a village or quarter (a small place named
like a word is too often the word), and never after a country (السعودية والعالم).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from gazetteer.model import Candidate, Kind, Mention
from gazetteer.normalize import normalize_name
from gazetteer.resolve import distance_km, precision_of

#: How far from the place before it the next item of a list may lie (Al Ain is 130 km from Abu Dhabi).
COORDINATED_KM = 250.0
#: What a list item may be: a place a text names beside another of its size, not a village or quarter.
_ITEM_KINDS = frozenset({Kind.CITY, Kind.TOWN, Kind.GOVERNORATE})
#: What the place before it may be (a country or region is no partner: السعودية والعالم).
_PARTNER_KINDS = frozenset({Kind.CITY, Kind.TOWN, Kind.GOVERNORATE, Kind.DISTRICT})
#: و (glued or not) or a comma, a hashtag sign, then one word (والعين، و #العين، ، العين).
_JOINERS = frozenset("و،,")
_NEXT_ITEM = re.compile(r"[ \t]*(?:(?P<comma>[،,])[ \t]*)?(?P<and>و[ \t]*)?#?(?P<name>[\u0621-\u064a]{3,})"
                        r"(?![\w\u0600-\u06ff])")


def add_coordinated_places(text: str, mentions: list[Mention],
                           places_named: Callable[[str], Sequence[Candidate]]) -> list[Mention]:
    """``mentions`` with the town named right after a resolved place and joined to it (و, ،) added,
    when no mention covers it and the index holds one of its name in the same country nearby."""
    added = []
    for index, mention in enumerate(mentions):
        if not _JOINERS.intersection(text[mention.end:mention.end + 3]):
            continue  # most mentions: no و or comma right after
        partner = mention.best
        if partner is None or partner.approximate or partner.place.kind not in _PARTNER_KINDS:
            continue
        match = _NEXT_ITEM.match(text, mention.end)
        if match is None or not (match.group("comma") or match.group("and")):
            continue
        # و glued to the name is part of the mention as annotators mark it (والعين); «و #العين» is not
        glued = match.group("and") == "و" and text[match.end("and")] != "#"
        start = match.start("and") if glued else match.start("name")
        end = match.end("name")
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if following is not None and following.start < end:
            continue  # the index already reads something there
        name = normalize_name(match.group("name"))
        candidate = _same_list_item(name, partner, places_named)
        if candidate is not None:
            added.append(Mention(start, end, text[start:end], name, None, (candidate,)))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _same_list_item(name: str, partner: Candidate,
                    places_named: Callable[[str], Sequence[Candidate]]) -> Candidate | None:
    """The best reading of ``name`` that is a town, city or province in ``partner``'s country within
    :data:`COORDINATED_KM` of it, as a candidate saying why."""
    for candidate in places_named(name):
        place = candidate.place
        if place.kind in _ITEM_KINDS and place.country_code == partner.place.country_code and \
                place.id != partner.place.id and distance_km(place, partner.place) <= COORDINATED_KM:
            other = partner.place.name_ar or partner.place.name_en
            return Candidate(place, candidate.score, precision_of(place.kind),
                             (*candidate.reasons, f"named in a list with {other}"))
    return None
