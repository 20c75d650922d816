"""An unknown named site placed in the one area the text is about.

A cue phrase the index does not hold (``معهد الأورام``, ``شارع كورنيش النيل``, ``سد الوالة``, ``قرية
X``) with no place named next to it is unresolved by :mod:`gazetteer.cue_mentions`. When every
place the text names lies in one area, the phrase is somewhere there, flagged approximate and with
the reason:

* every place within :data:`AREA_KM` of each other (a city and its quarters, a town and its
  villages): the most specific of them, at precision 2 (near), for a site (a hospital, street,
  road, dam); not when the text names a village, quarter or district the index does not hold
  (``قرية X``): that one may lie anywhere around, so the text's area is not known;
* else every place in one small country (no part of it farther than :data:`SMALL_COUNTRY_KM` from
  its point: Lebanon, Kuwait, Qatar, Palestine, Bahrain): the country, at precision 3 and never a
  point on a map: "somewhere in Kuwait" is what the text says, a wider country (Syria, Egypt,
  Jordan) is no area a reader can use.

A text whose places lie in several areas, or that names no place at all, leaves it unresolved:
which one would be a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gazetteer.cue_mentions import AREA_HEADS, HEADS
from gazetteer.ids import country_id
from gazetteer.model import NOT_MAPPABLE_AS_POINT, Candidate, Kind, Mention, Place, Precision
from gazetteer.resolve import distance_km

#: How far apart the text's places may lie and still be one area.
AREA_KM = 30.0
#: A country whose every border point lies within this distance of its point is one area (about a
#: large governorate's reach); countries too small for Natural Earth's 1:110m layer count as small.
SMALL_COUNTRY_KM = 150.0
#: Most specific first: a quarter locates a site better than its city.
_SPECIFIC = {Kind.NEIGHBOURHOOD: 0, Kind.VILLAGE: 1, Kind.TOWN: 1, Kind.CITY: 2}


def place_in_text_area(mentions: list[Mention], get: Callable[[str], Place | None] | None = None) -> list[Mention]:
    """``mentions`` with each unresolved cue phrase placed in the text's one area, when it has one.
    ``get`` (a place id to the place) gives the country when the area is a small country the text
    does not name as such."""
    unresolved = [m for m in mentions if m.cue in HEADS and not m.candidates]
    if not unresolved:
        return mentions
    places = [m.best for m in mentions if m.best is not None]
    if not places:
        return mentions
    area_unknown = any(m.cue in AREA_HEADS for m in unresolved)
    area = (None if area_unknown else _one_town(places)) or _one_small_country(places, get)
    if area is None:
        return mentions
    base, precision = area
    name = base.place.name_ar or base.place.name_en
    reasons = tuple(r for r in base.reasons if "not in the index" not in r)  # not another phrase's
    out = []
    for mention in mentions:
        if mention.cue in HEADS and not mention.candidates:
            candidate = replace(base, precision=max(base.precision, precision), approximate=True,
                                reasons=(*reasons, f"{mention.cue} not in the index: placed at {name}, "
                                         "the one area the text names"))
            mention = replace(mention, candidates=(candidate,))
        out.append(mention)
    return out


def _one_town(places: list[Candidate]) -> tuple[Candidate, Precision] | None:
    """The most specific settlement when all the text's mappable places lie within ``AREA_KM``."""
    points = [c for c in places if c.place.kind not in NOT_MAPPABLE_AS_POINT]
    settlements = [c for c in points if c.place.kind in _SPECIFIC]
    if not settlements:
        return None
    if any(distance_km(a.place, b.place) > AREA_KM for a in points for b in points if a is not b):
        return None
    # a place the text names for itself before one that only placed another site (مرفأ بيروت)
    return min(settlements, key=lambda c: (c.approximate, _SPECIFIC[c.place.kind], -c.score)), Precision.NEAR


def _one_small_country(places: list[Candidate],
                       get: Callable[[str], Place | None] | None) -> tuple[Candidate, Precision] | None:
    """The country when every place of the text lies in one small country."""
    from gazetteer.io.country_points import country_reach_km

    codes = {c.place.country_code for c in places}
    if len(codes) != 1:
        return None
    (code,) = codes
    if not code or country_reach_km().get(code, 0.0) > SMALL_COUNTRY_KM:
        return None
    named = next((c for c in places if c.place.kind is Kind.COUNTRY), None)
    if named is not None:
        return named, Precision.REGION
    country = get(country_id(code)) if get is not None else None
    if country is None:
        return None
    return Candidate(country, 0.5, Precision.REGION, ("the one small country the text's places lie in",)), \
        Precision.REGION
