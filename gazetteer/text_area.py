"""An unknown named site placed in the one area the text is about.

A cue phrase the index does not hold (``معهد الأورام``, ``شارع كورنيش النيل``, ``سد الوالة``, ``قرية
X``) with no place named next to it is unresolved by :mod:`gazetteer.cue_mentions`. When every
place the text names lies in one area, the phrase is somewhere there, flagged approximate and with
the reason, the most specific area first:

* every place within :data:`AREA_KM` of each other (a city and its quarters, a town and its
  villages): the most specific of them, at precision 2 (near), for a site (a hospital, street,
  road, dam); not when the text names a village, quarter or district the index does not hold
  (``قرية X``): that one may lie anywhere around, so the text's area is not known;
* the one country every place lies in, when the text names that country as such (``#الأردن``,
  ``في مصر``) or in a hashtag of several words (``#سيول_الأردن``, ``#كورونا_الكويت``: not a
  mention, but what the text is about): the country, at precision 3 and never a point on a map;
  "somewhere in Jordan" is what the text says;
* else every place in one small country (no part of it farther than :data:`SMALL_COUNTRY_KM` from
  its point: Lebanon, Kuwait, Qatar, Palestine, Bahrain) that the text does not name: the country
  too; a wider country the text does not name (Syria, Egypt, Jordan) is a guess from its places.

A text whose places lie in several areas, or that names no place at all (not even a country in a
hashtag), leaves it unresolved: which one would be a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from gazetteer.cue_mentions import AREA_HEADS, HEADS
from gazetteer.ids import country_id
from gazetteer.model import NOT_MAPPABLE_AS_POINT, Candidate, Kind, Mention, Place, Precision
from gazetteer.normalize import normalize_name
from gazetteer.resolve import distance_km

#: How far apart the text's places may lie and still be one area.
AREA_KM = 30.0
#: A country whose every border point lies within this distance of its point is one area (about a
#: large governorate's reach); countries too small for Natural Earth's 1:110m layer count as small.
SMALL_COUNTRY_KM = 150.0
#: Most specific first: a quarter locates a site better than its city.
_SPECIFIC = {Kind.NEIGHBOURHOOD: 0, Kind.VILLAGE: 1, Kind.TOWN: 1, Kind.CITY: 2}


def place_in_text_area(mentions: list[Mention], get: Callable[[str], Place | None] | None = None,
                       tagged: frozenset[str] = frozenset()) -> list[Mention]:
    """``mentions`` with each unresolved cue phrase placed in the text's one area, when it has one.
    ``get`` (a place id to the place) gives the country when the area is a country the text does
    not name as a mention; ``tagged``: the countries the text's hashtags of several words name
    (:func:`hashtag_countries`)."""
    unresolved = [m for m in mentions if m.cue in HEADS and not m.candidates]
    if not unresolved:
        return mentions
    places = [m.best for m in mentions if m.best is not None]
    if not places and not tagged:
        return mentions
    area_unknown = any(m.cue in AREA_HEADS for m in unresolved)
    area = (None if area_unknown else _one_town(places)) or _one_country(places, tagged, get)
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


def _one_country(places: list[Candidate], tagged: frozenset[str],
                 get: Callable[[str], Place | None] | None) -> tuple[Candidate, Precision] | None:
    """The country every place of the text lies in, when the text names it (as a mention or in a
    hashtag of several words) or it is small."""
    from gazetteer.io.country_points import country_reach_km

    # a region across borders (البادية، البحر المتوسط، الشرق الأوسط) says nothing of the country
    codes = {c.place.country_code for c in places if c.place.country_code} | tagged
    if len(codes) != 1:
        return None
    (code,) = codes
    named = next((c for c in places if c.place.kind is Kind.COUNTRY), None)
    if named is not None:
        return named, Precision.REGION
    if code in tagged:
        reason = "the country the text's hashtags name"
    elif country_reach_km().get(code, 0.0) <= SMALL_COUNTRY_KM:
        reason = "the one small country the text's places lie in"
    else:
        return None
    country = get(country_id(code)) if get is not None else None
    if country is None:
        return None
    return Candidate(country, 0.5, Precision.REGION, (reason,)), Precision.REGION


#: A hashtag of several words joined by ``_`` (#سيول_الأردن، #عمان_تواجه_كورونا).
_COMPOUND_HASHTAG = re.compile(r"#([^\s#_]+(?:_[^\s#_]+)+)")
#: How many of a hashtag's words one country name may take (الولايات_المتحدة_الأمريكية).
_COUNTRY_WORDS = 3


def hashtag_countries(text: str, places_named: Callable[[str], tuple[Candidate, ...]]) -> frozenset[str]:
    """The countries that hashtags of several words name (#سيول_الأردن: Jordan). Such a hashtag is
    no mention of a place (:func:`gazetteer.resolve._hashtag`) but says what the text is about."""
    codes: set[str] = set()
    for _, countries in _compound_hashtags(text, places_named):
        codes.update(countries)
    return frozenset(codes)


def _compound_hashtags(text: str, places_named) -> list[tuple[list[str], set[str]]]:
    """Per hashtag of several words: its words left when the countries it names are taken out, and
    those countries (#سيول_الأردن: [سيول], {JO})."""
    if "_" not in text or "#" not in text:
        return []
    out = []
    for match in _COMPOUND_HASHTAG.finditer(text):
        words = [normalize_name(word) for word in match.group(1).split("_")]
        codes: set[str] = set()
        taken: set[int] = set()
        for first in range(len(words)):
            for last in range(first + 1, min(first + _COUNTRY_WORDS, len(words)) + 1):
                name = " ".join(words[first:last])
                found = {c.place.country_code for c in places_named(name)
                         if c.place.kind is Kind.COUNTRY and c.place.country_code}
                if found:
                    codes |= found
                    taken.update(range(first, last))
        out.append(([w for i, w in enumerate(words) if i not in taken], codes))
    return out


def without_topic_hashtags(text: str, mentions: list[Mention],
                           places_named: Callable[[str], tuple[Candidate, ...]]) -> list[Mention]:
    """``mentions`` without a whole-word hashtag (#سيول) whose word the text's compound hashtags pair
    with a country (#سيول_الأردن, "Jordan's torrents"): there the word says what happens in that
    country, so its own hashtag is that topic, not a homonym abroad (Seoul). Only a frequent word
    (:func:`gazetteer.frequency.is_frequent_word`) is read so, and only a place outside that country."""
    hashtags = [m for m in mentions if m.cue is None and m.best is not None and m.start and text[m.start - 1] == "#"
                and (m.end == len(text) or text[m.end] != "_")]
    if not hashtags:
        return mentions
    topics: dict[str, set[str]] = {}
    for words, countries in _compound_hashtags(text, places_named):
        if countries:
            for word in words:
                topics.setdefault(word, set()).update(countries)
    if not topics:
        return mentions
    from gazetteer.frequency import is_frequent_word

    dropped = {id(m) for m in hashtags if m.name in topics and m.best.place.country_code not in topics[m.name]
               and is_frequent_word(m.name)}
    return [m for m in mentions if id(m) not in dropped] if dropped else mentions
