"""An unknown named site placed in the one area the text is about.

A cue phrase the index does not hold for a site a town holds (``معهد الأورام``, ``سوق الخضار``)
with no place named next to it is unresolved by :mod:`gazetteer.cue_mentions`. When every other
place the text names lies in one area (within :data:`AREA_KM` of each other: a city and its
quarters, a town and its villages), the phrase is somewhere there: it takes the most specific of
those places, at precision 2 (near) and flagged approximate, with the reason. A text whose places
lie in several areas, that names no settlement (only a country) or a village or quarter the index
does not hold (its area is then not known), leaves it unresolved: which one would be a guess.
"""

from __future__ import annotations

from dataclasses import replace

from gazetteer.model import NOT_MAPPABLE_AS_POINT, Kind, Mention, Precision
from gazetteer.resolve import distance_km

#: Heads of things a town holds (a hospital, an institute, a market): not a road, which runs between
#: towns (and ``عن طريق`` is "by means of"), nor a village or an area, which may lie anywhere.
SITE_HEADS = frozenset({"مستشفي", "مشفي", "مطار", "جامعه", "معهد", "مدرسه", "جامع", "دوار", "جسر", "معبر", "سوق",
                        "ساحه"})
#: How far apart the text's places may lie and still be one area.
AREA_KM = 30.0
#: Most specific first: a quarter locates a site better than its city.
_SPECIFIC = {Kind.NEIGHBOURHOOD: 0, Kind.VILLAGE: 1, Kind.TOWN: 1, Kind.CITY: 2}


def place_in_text_area(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each unresolved cue phrase placed in the text's one area, when it has one."""
    if not any(m.cue in SITE_HEADS and not m.candidates for m in mentions):
        return mentions
    if any(not m.candidates and m.cue not in SITE_HEADS for m in mentions):
        return mentions  # a village or quarter the text names is unknown: the text's area is not known
    places = [m.best for m in mentions if m.best is not None and m.best.place.kind not in NOT_MAPPABLE_AS_POINT]
    settlements = [c for c in places if c.place.kind in _SPECIFIC and not c.approximate]
    if not settlements:
        return mentions
    if any(distance_km(a.place, b.place) > AREA_KM for a in places for b in places if a is not b):
        return mentions
    base = min(settlements, key=lambda c: (_SPECIFIC[c.place.kind], -c.score))
    name = base.place.name_ar or base.place.name_en
    out = []
    for mention in mentions:
        if mention.cue in SITE_HEADS and not mention.candidates:
            candidate = replace(base, precision=max(base.precision, Precision.NEAR), approximate=True,
                                reasons=(*base.reasons, f"{mention.cue} not in the index: placed at {name}, "
                                         "the one area the text names"))
            mention = replace(mention, candidates=(candidate,))
        out.append(mention)
    return out
