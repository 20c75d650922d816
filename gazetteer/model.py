"""The place model shared by every part of the gazetteer.

A :class:`Place` is what a name resolves to; a :class:`Candidate` is one ranked reading of a
name; a :class:`Mention` is a span of running text with its ranked candidates. These are plain
frozen dataclasses so that they hash, compare and pickle cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing the models stays quick (no numpy, no GEOS)
    from shapely.geometry.base import BaseGeometry


class Kind(StrEnum):
    """Feature kind of a place; drives cue-word matching and default precision."""

    COUNTRY = "country"
    GOVERNORATE = "governorate"
    DISTRICT = "district"
    SUBDISTRICT = "subdistrict"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    NEIGHBOURHOOD = "neighbourhood"
    ROUNDABOUT = "roundabout"
    ROAD = "road"
    CROSSING = "crossing"
    HOSPITAL = "hospital"
    LANDMARK = "landmark"
    REGION = "region"


class Precision(IntEnum):
    """Geographic precision on ACLED's scale."""

    EXACT = 1  # the named place itself (a town, a neighbourhood, a roundabout)
    NEAR = 2  # near or part of a region ("north of Aleppo", a district)
    REGION = 3  # a governorate or a wider region


#: Kinds that name an area too large to be drawn as a point on an incident map.
NOT_MAPPABLE_AS_POINT: frozenset[Kind] = frozenset({Kind.COUNTRY, Kind.REGION})


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with a geometry.

    ``id`` is source-prefixed and stable (``geonames:170063``, ``ocha:C1007``,
    ``ocha-nbhd:N0128``, ``local:roundabout-shihan``). ``parents`` runs from the country down
    to the direct parent, as place ids. ``uncertainty_m`` says how far the true place may lie
    from ``geometry`` (curated rows carry one; imported points default by kind).
    """

    id: str
    name_ar: str
    kind: Kind
    geometry: BaseGeometry
    name_en: str = ""
    aliases_ar: tuple[str, ...] = ()
    names_latin: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    country_code: str = ""
    admin1: str = ""  # governorate / first-level name, Arabic where known
    admin2: str = ""  # district name, Arabic where known
    population: int = 0
    importance: float = 0.0
    uncertainty_m: float = 0.0
    source: str = ""
    licence: str = ""
    #: the name is also an ordinary word (الشهداء "the martyrs"): in running text it counts only
    #: after a cue word (حي / أحياء …); ``lookup`` still finds it, ranked lower
    needs_cue: bool = False

    @property
    def lat(self) -> float:
        return self.representative_point.y

    @property
    def lon(self) -> float:
        return self.representative_point.x

    @property
    def representative_point(self):
        """A point on the geometry (the point itself, a polygon's inner point, a line's middle)."""
        geom = self.geometry
        if geom.geom_type == "Point":
            return geom
        if geom.geom_type in ("LineString", "MultiLineString"):
            return geom.interpolate(0.5, normalized=True)
        return geom.representative_point()

    @property
    def mappable_as_point(self) -> bool:
        return self.kind not in NOT_MAPPABLE_AS_POINT


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a name: the place, a score in [0, 1], and the precision it supports."""

    place: Place
    score: float
    precision: Precision
    reasons: tuple[str, ...] = ()
    approximate: bool = False  # geometry built by us (offset point, X–Y line), not a gazetteer row

    def to_dict(self) -> dict:
        p = self.place
        return {
            "id": p.id,
            "name_ar": p.name_ar,
            "name_en": p.name_en,
            "aliases_ar": list(p.aliases_ar),
            "kind": str(p.kind),
            "lat": round(p.lat, 7),
            "lon": round(p.lon, 7),
            "admin1": p.admin1,
            "admin2": p.admin2,
            "country_code": p.country_code,
            "precision": int(self.precision),
            "score": round(self.score, 4),
            "mappable_as_point": p.mappable_as_point,
            "approximate": self.approximate,
            "reasons": list(self.reasons),
            "source": p.source,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in text.

    ``start``/``end`` are character offsets into the original (un-normalised) text, so that
    ``text[start:end]`` is the surface form including any clitic (``بحلب``). ``name`` is the
    normalised matched name without clitics, ``cue`` the cue word that typed it (``حي``,
    ``دوار``, ``طريق`` …) if any. ``candidates`` are ranked best first; empty when unresolved.
    A cue word that names the place's kind opens the mention, as annotators mark it (``بمدينة
    الدمام``, ``حي الفرقان``); ``name_start`` is then where the name itself begins (else None).
    Direction words before it are not part of the mention (``جنوب القاهرة`` marks القاهرة, its
    candidates the place south of it); ``lead_start`` is then where the whole expression begins.
    """

    start: int
    end: int
    surface: str
    name: str
    cue: str | None = None
    candidates: tuple[Candidate, ...] = field(default=())
    name_start: int | None = None
    lead_start: int | None = None

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None
