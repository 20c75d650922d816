"""Records that flow through the pipeline: articles in, incidents out.

The incident schema follows ACLED's column names where ACLED has one; our own columns are
listed after them. :data:`INCIDENT_COLUMNS` is the one place the schema is written down; the
README's "Incident schema" table is generated from the same descriptions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing the models stays quick (no numpy, no GEOS)
    from shapely.geometry.base import BaseGeometry


@dataclass(slots=True)
class Article:
    """One news report as read from input. ``origin`` says where it came from (file:line)."""

    id: str
    title: str
    text: str
    published: date | None = None
    source: str = ""
    url: str = ""
    extra: dict = field(default_factory=dict)
    origin: str = ""
    #: True when ``id`` was derived from the content (no ``id`` or ``url`` in the input).
    derived_id: bool = False
    #: The positional id (``<file stem>-<line>``) earlier versions gave an article without an explicit
    #: id; used once to recognise such an article in an old store and move it to its new id.
    legacy_id: str = ""

    @property
    def full_text(self) -> str:
        """Title and body as one text; offsets in evidence refer to this string."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256()
        for part in (self.id, self.title, self.text, self.published.isoformat() if self.published else ""):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


def content_id(title: str, text: str) -> str:
    """The id of an article that carries neither ``id`` nor ``url``: a hash of its normalised title and text.

    Normalised with the gazetteer's normaliser (hamza forms, diacritics, tatweel, direction marks)
    and with whitespace collapsed, so the same report delivered again (re-encoded, re-wrapped) is the
    same article, while two different reports never share an id.
    """
    from gazetteer.normalize import normalize

    h = hashlib.sha256()
    for part in (title, text):
        h.update(" ".join(normalize(part).split()).encode("utf-8"))
        h.update(b"\0")
    return "sha-" + h.hexdigest()[:24]


class EventType:
    """ACLED event types, plus our own road closure and displacement."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC = "Strategic developments"
    ROAD_CLOSURE = "Road closure"
    DISPLACEMENT = "Displacement"

    VIOLENT = frozenset({BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS, RIOTS})


@dataclass(slots=True)
class Incident:
    """One coded incident. Field meanings are in :data:`INCIDENT_COLUMNS`."""

    incident_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None
    time_precision: int
    geometry: BaseGeometry | None
    location: str = ""
    place_id: str = ""
    place_name_ar: str = ""
    geo_precision: int = 3
    admin1: str = ""
    admin2: str = ""
    country: str = ""
    actor1: str = ""
    actor1_ar: str = ""
    inter1: int | None = None
    actor2: str = ""
    actor2_ar: str = ""
    inter2: int | None = None
    fatalities: int = 0
    fatalities_low: int = 0
    fatalities_high: int = 0
    injured_low: int = 0
    injured_high: int = 0
    civilian_casualties: bool = False
    casualty_destination: str = ""  # e.g. the hospital the wounded were taken to; never the site
    status: str = ""  # road closures: closed / partial / reopened; frontlines: estimated
    evidence: str = ""
    evidence_start: int = -1
    evidence_end: int = -1
    article_ids: list[str] = field(default_factory=list)
    source: str = ""
    source_urls: list[str] = field(default_factory=list)
    notes: str = ""
    confidence: float = 0.0
    approximate_geometry: bool = False
    corrected: bool = False
    correction_note: str = ""


#: name -> description; the order is the column order of every tabular export.
INCIDENT_COLUMNS: dict[str, str] = {
    "incident_id": "Stable id: hash of event type, date, place and first article (ours).",
    "event_date": "Date of the incident, ISO 8601 (ACLED).",
    "time_precision": "1 = the day is known, 2 = the week, 3 = the month; publication date used (ACLED).",
    "event_type": "ACLED event type, or 'Road closure' / 'Displacement' (ours).",
    "sub_event_type": "ACLED sub-event type; for road closures closed / partially closed / reopened.",
    "actor1": "First actor, canonical English name (ACLED).",
    "inter1": "ACLED interaction code of actor1 (1 state forces … 8 external forces).",
    "actor2": "Second actor (ACLED).",
    "inter2": "ACLED interaction code of actor2.",
    "actor1_ar": "actor1 as named in Arabic (ours).",
    "actor2_ar": "actor2 as named in Arabic (ours).",
    "country": "Country name in English (ACLED).",
    "iso3": "ISO 3166 alpha-3 code of the country (ACLED).",
    "admin1": "Governorate (ACLED admin1).",
    "admin2": "District (ACLED admin2).",
    "location": "Place name as resolved, Arabic (ACLED location).",
    "latitude": "WGS84 latitude of the representative point (ACLED).",
    "longitude": "WGS84 longitude of the representative point (ACLED).",
    "geo_precision": "1 exact place, 2 near / part of a region, 3 region or province (ACLED).",
    "source": "Source names of the reporting articles, ';'-separated (ACLED).",
    "notes": "Short English summary (ACLED).",
    "fatalities": "Best estimate of people killed (ACLED).",
    "fatalities_low": "Lowest count of killed in the text (ours).",
    "fatalities_high": "Highest count of killed in the text (ours).",
    "injured_low": "Lowest count of injured (ours).",
    "injured_high": "Highest count of injured (ours).",
    "civilian_casualties": "True when the text says civilians are among the casualties (ours).",
    "casualty_destination": "Where casualties were taken (a hospital), never the site (ours).",
    "status": "Road closures: closed / partial / reopened (ours).",
    "place_id": "Gazetteer id of the place (ours).",
    "place_name_ar": "Arabic name of the place as written in the gazetteer (ours).",
    "evidence": "The sentence(s) the incident was read from (ours).",
    "evidence_start": "Character offset of the evidence in the article's title + text (ours).",
    "evidence_end": "End offset of the evidence (ours).",
    "article_ids": "Ids of every article reporting the incident, ';'-separated (ours).",
    "source_urls": "URLs of those articles, ';'-separated (ours).",
    "confidence": "0–1 confidence of the extraction (ours).",
    "approximate_geometry": "True when the geometry was built by us, not taken from the gazetteer (ours).",
    "corrected": "True when an analyst's correction changed this incident (ours; see `geo-incidents correct`).",
    "correction_note": "Who corrected it, when, what and why, oldest first (ours).",
}


def schema_markdown() -> str:
    """The incident schema as a Markdown table; the README embeds exactly this (a test checks it)."""
    lines = ["| column | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {text} |" for name, text in INCIDENT_COLUMNS.items()]
    lines.append("| `geometry` | Point for incidents, LineString for road closures (WGS84). |")
    return "\n".join(lines)
