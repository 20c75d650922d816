"""Sample incidents for the store and export tests, placed at real Syrian communities.

Places come from OCHA's community points in ``../shared/data`` (read at test time, never copied),
so Arabic names with hamza, ta marbuta and alef maqsura go through every writer. Text of our own
adds the characters that break naive writers: quotes, ``&``, ``<``, newlines, commas.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from shapely.geometry import LineString, Point, Polygon

from geo_incidents.model import Article, EventType, Incident

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
COMMUNITIES = SHARED_DATA / "ocha" / "syr_admin4_point.geojson"

_TYPES = [
    (EventType.BATTLES, "Armed clash", "Syrian Arab Army", "الجيش العربي السوري", 1),
    (EventType.EXPLOSIONS, "Shelling/artillery/missile attack", "Hayat Tahrir al-Sham", "هيئة تحرير الشام", 2),
    (EventType.EXPLOSIONS, "Air/drone strike", "Military Forces of Russia", "القوات الروسية", 8),
    (EventType.VIOLENCE_AGAINST_CIVILIANS, "Attack", "Unidentified Armed Group", "مسلحون مجهولون", 3),
    (EventType.PROTESTS, "Peaceful protest", "Protesters (Syria)", "متظاهرون", 6),
    (EventType.STRATEGIC, "Arrests", "Syrian Arab Army", "الجيش العربي السوري", 1),
]


@cache
def communities() -> list[dict]:
    """(name_ar, name_en, admin1, admin2, lon, lat) of OCHA communities whose Arabic name is intact."""
    raw = json.loads(COMMUNITIES.read_bytes().decode("utf-8", errors="replace"))
    rows = []
    for feature in raw["features"]:
        p = feature["properties"]
        if "\ufffd" in (p["NAME_ARA"] or "") or not p["NAME_ARA"]:
            continue
        rows.append(
            {
                "pcode": p["PCODE"],
                "name_ar": p["NAME_ARA"],
                "admin1": p["ADMIN1_EN"],
                "admin2": p["ADMIN2_EN"],
                "lon": round(p["LONGITUDE"], 7),
                "lat": round(p["LATITUDE"], 7),
            }
        )
    return rows


def sample_incidents(n: int = 120, start: date = date(2024, 3, 1)) -> list[Incident]:
    """Points of every type, road-closure lines, one unlocated report; 7 days of dates."""
    places = communities()
    out = []
    for i in range(n):
        place = places[(i * 37) % len(places)]
        event_day = start + timedelta(days=i % 7)
        if i % 10 == 9:
            other = places[(i * 37 + 1) % len(places)]
            geometry = LineString([(place["lon"], place["lat"]), (other["lon"], other["lat"])])
            out.append(
                Incident(
                    incident_id=f"rc-{i:05d}",
                    event_type=EventType.ROAD_CLOSURE,
                    sub_event_type="closed",
                    event_date=event_day,
                    time_precision=1,
                    geometry=geometry,
                    location=f"طريق {place['name_ar']} – {other['name_ar']}",
                    place_id=place["pcode"],
                    place_name_ar=place["name_ar"],
                    geo_precision=2,
                    admin1=place["admin1"],
                    admin2=place["admin2"],
                    country="Syria",
                    status="closed",
                    article_ids=[f"art-{i // 3:05d}"],
                    source="Test wire",
                    notes='Road closed "until further notice" & <checkpoint>',
                    approximate_geometry=True,
                )
            )
            continue
        event_type, sub_type, actor, actor_ar, inter = _TYPES[i % len(_TYPES)]
        located = i % 41 != 40
        out.append(
            Incident(
                incident_id=f"inc-{i:05d}",
                event_type=event_type,
                sub_event_type=sub_type,
                event_date=event_day,
                time_precision=1 + (i % 3 == 0),
                geometry=Point(place["lon"], place["lat"]) if located else None,
                location=place["name_ar"],
                place_id=place["pcode"] if located else "",
                place_name_ar=place["name_ar"] if located else "",
                geo_precision=1 + i % 3,
                admin1=place["admin1"],
                admin2=place["admin2"],
                country="Syria",
                actor1=actor,
                actor1_ar=actor_ar,
                inter1=inter,
                actor2="Civilians (Syria)" if i % 4 == 0 else "",
                actor2_ar="مدنيون" if i % 4 == 0 else "",
                inter2=7 if i % 4 == 0 else None,
                fatalities=i % 5,
                fatalities_low=i % 5,
                fatalities_high=i % 5 + 1,
                injured_low=i % 3,
                injured_high=i % 3 + 2,
                civilian_casualties=i % 4 == 0,
                casualty_destination="مستشفى الرازي" if i % 8 == 0 else "",
                evidence=f"قال مصدر محلي، \"{place['name_ar']}\" شهدت اشتباكات عنيفة.\nوأضاف…",
                evidence_start=i,
                evidence_end=i + 40,
                article_ids=[f"art-{i // 3:05d}", f"art-{i // 3 + 1:05d}"],
                source="Test wire;Other wire",
                source_urls=[f"https://example.org/a/{i}", f"https://example.org/b/{i}?x=1&y=2"],
                notes=f"Clash near {place['name_ar']}, 3 <killed> & \"many\" hurt",
                confidence=round(0.5 + (i % 50) / 100, 2),
                approximate_geometry=i % 2 == 0,
            )
        )
    return out


def sample_articles(incidents: list[Incident]) -> list[Article]:
    ids = sorted({aid for inc in incidents for aid in inc.article_ids})
    return [
        Article(id=aid, title=f"عنوان الخبر {aid}", text="نص الخبر.", published=date(2024, 3, 1), source="Test wire",
                url=f"https://example.org/{aid}", origin=f"reports.jsonl:{k + 1}")
        for k, aid in enumerate(ids)
    ]


def sample_frontline_rows(day: date, n: int = 2) -> list[dict]:
    return [
        {
            "frontline_id": f"fl-{day.isoformat()}-{k}",
            "side_a": "Syrian Arab Army",
            "side_b": "هيئة تحرير الشام",
            "valid_from": day,
            "valid_to": day + timedelta(days=6),
            "method": "estimated",
            "source": "incidents",
            "geometry": LineString([(36.5 + k * 0.1, 35.5), (36.7 + k * 0.1, 35.9), (36.8, 36.2)]),
        }
        for k in range(n)
    ]


def governorate_polygon() -> Polygon:
    """A clockwise square, to check that GeoJSON export turns outer rings counter-clockwise."""
    return Polygon([(36.0, 35.0), (36.0, 36.0), (37.0, 36.0), (37.0, 35.0)])
