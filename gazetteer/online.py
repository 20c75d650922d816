"""Opt-in online fallback: Nominatim (OpenStreetMap) through geopy.

Off by default: nothing in the gazetteer calls it unless a caller builds a
:class:`NominatimGeocoder` and asks. It follows Nominatim's usage policy: a real user agent,
at most one request a second, and a persistent cache so that the same name is never asked
twice. Network or server errors are logged and give ``[]``; they never raise.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from shapely.geometry import Point

from gazetteer.model import Candidate, Kind, Place, Precision

log = logging.getLogger("gazetteer.online")

PROJECT_URL = "https://github.com/geo-incidents/geo-incidents"
OSM_LICENCE = "ODbL 1.0 (OpenStreetMap contributors, via Nominatim)"

#: Kind from Nominatim's (class, type) pair, most specific first; "*" matches any type.
CLASS_TYPE_KIND: dict[tuple[str, str], Kind] = {
    ("place", "city"): Kind.CITY,
    ("place", "town"): Kind.TOWN,
    ("place", "village"): Kind.VILLAGE,
    ("place", "hamlet"): Kind.VILLAGE,
    ("place", "suburb"): Kind.NEIGHBOURHOOD,
    ("place", "quarter"): Kind.NEIGHBOURHOOD,
    ("place", "neighbourhood"): Kind.NEIGHBOURHOOD,
    ("place", "country"): Kind.COUNTRY,
    ("place", "state"): Kind.GOVERNORATE,
    ("place", "region"): Kind.REGION,
    ("junction", "roundabout"): Kind.ROUNDABOUT,
    ("highway", "*"): Kind.ROAD,
    ("amenity", "hospital"): Kind.HOSPITAL,
    ("healthcare", "hospital"): Kind.HOSPITAL,
    ("barrier", "border_control"): Kind.CROSSING,
    ("place", "*"): Kind.VILLAGE,
}
#: Administrative boundaries by Nominatim ``addresstype`` (or place_rank when absent).
ADDRESSTYPE_KIND = {
    "country": Kind.COUNTRY,
    "state": Kind.GOVERNORATE,
    "province": Kind.GOVERNORATE,
    "county": Kind.DISTRICT,
    "district": Kind.DISTRICT,
    "municipality": Kind.SUBDISTRICT,
    "city": Kind.CITY,
    "town": Kind.TOWN,
    "village": Kind.VILLAGE,
    "suburb": Kind.NEIGHBOURHOOD,
    "neighbourhood": Kind.NEIGHBOURHOOD,
    "quarter": Kind.NEIGHBOURHOOD,
}
KIND_PRECISION = {
    Kind.COUNTRY: Precision.REGION,
    Kind.REGION: Precision.REGION,
    Kind.GOVERNORATE: Precision.REGION,
    Kind.DISTRICT: Precision.NEAR,
    Kind.SUBDISTRICT: Precision.NEAR,
    Kind.ROAD: Precision.NEAR,
}


def default_user_agent() -> str:
    """``geo-incidents/<version> (+<project url>)``, as Nominatim's policy asks."""
    try:
        version = metadata.version("geo-incidents")
        meta = metadata.metadata("geo-incidents")
        urls = meta.get_all("Project-URL") or []
        url = next((u.split(",", 1)[1].strip() for u in urls if "," in u), "") or meta.get("Home-page") or ""
    except metadata.PackageNotFoundError:
        version, url = "0", ""
    return f"geo-incidents/{version} (+{url or PROJECT_URL})"


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo-incidents" / "nominatim.sqlite"


def kind_of(result: dict) -> Kind:
    """Feature kind of one Nominatim result from its class/type (and addresstype)."""
    cls = str(result.get("class") or result.get("category") or "")
    typ = str(result.get("type") or "")
    if cls == "boundary":
        return ADDRESSTYPE_KIND.get(str(result.get("addresstype") or ""), Kind.REGION)
    kind = CLASS_TYPE_KIND.get((cls, typ)) or CLASS_TYPE_KIND.get((cls, "*"))
    if kind is not None:
        return kind
    return ADDRESSTYPE_KIND.get(str(result.get("addresstype") or ""), Kind.LANDMARK)


def candidate_of(result: dict) -> Candidate | None:
    """A :class:`Candidate` from one Nominatim JSON result, or None if it has no coordinates."""
    try:
        lat, lon = float(result["lat"]), float(result["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    kind = kind_of(result)
    osm_type, osm_id = str(result.get("osm_type") or "place"), str(result.get("osm_id") or result.get("place_id"))
    display = str(result.get("display_name") or "")
    name = str(result.get("name") or display.split(",", 1)[0]).strip()
    importance = float(result.get("importance") or 0.0)
    place = Place(
        id=f"nominatim:{osm_type}{osm_id}",
        name_ar=name,
        kind=kind,
        geometry=Point(lon, lat),
        country_code=str((result.get("address") or {}).get("country_code") or "").upper(),
        importance=importance,
        source=f"Nominatim {osm_type} {osm_id}: {display}",
        licence=OSM_LICENCE,
    )
    cls, typ = result.get("class") or result.get("category"), result.get("type")
    return Candidate(
        place=place,
        score=max(0.05, min(1.0, importance)),
        precision=KIND_PRECISION.get(kind, Precision.EXACT),
        reasons=("nominatim", f"{cls}={typ}"),
        approximate=False,
    )


class NominatimCache:
    """Persistent SQLite cache of raw Nominatim answers, keyed by the query parameters."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, body TEXT, fetched REAL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def get(self, key: str) -> list[dict] | None:
        with self._lock, self._connect() as db:
            row = db.execute("SELECT body FROM answers WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, results: list[dict]) -> None:
        body = json.dumps(results, ensure_ascii=False)
        with self._lock, self._connect() as db:  # one transaction: a crash leaves no half row
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (key, body, time.time()))


class NominatimGeocoder:
    """Geocode Arabic names with Nominatim; cached, rate-limited, never raising on the network.

    ``domain``/``scheme`` point it at another Nominatim (tests use ``127.0.0.1:PORT`` over
    ``http``). ``min_delay_seconds`` is the pause between requests (1 s, the public server's
    limit). Results are ranked as Nominatim ranks them.
    """

    def __init__(
        self,
        *,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        cache_path: str | os.PathLike[str] | None = None,
        user_agent: str | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        language: str = "ar",
    ) -> None:
        self.user_agent = user_agent or default_user_agent()
        self.language = language
        self._nominatim = Nominatim(user_agent=self.user_agent, domain=domain, scheme=scheme, timeout=timeout)
        self.rate_limiter = RateLimiter(
            self._nominatim.geocode, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False
        )
        self.cache = NominatimCache(cache_path or default_cache_path())

    def geocode(self, name: str, *, country_codes: Sequence[str] | None = None, limit: int = 5) -> list[Candidate]:
        """Ranked candidates for ``name``; ``[]`` when nothing is found or the server fails."""
        query = " ".join(name.split())
        if not query:
            return []
        codes = sorted(c.lower() for c in country_codes or ())
        key = json.dumps([query, self.language, codes, limit], ensure_ascii=False)
        results = self.cache.get(key)
        if results is None:
            try:
                locations = self.rate_limiter(
                    query,
                    exactly_one=False,
                    limit=limit,
                    language=self.language,
                    country_codes=codes or None,
                    addressdetails=True,
                )
            except (GeopyError, OSError, ValueError) as exc:
                log.warning("Nominatim lookup of %r failed: %s", query, exc)
                return []
            results = [loc.raw for loc in locations or []]
            self.cache.put(key, results)
        return [c for c in map(candidate_of, results) if c is not None]

    __call__ = geocode
