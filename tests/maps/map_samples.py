"""Small incident frames shaped like the seed case, for the maps tests.

The texts below are our own short summaries, not article text.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd

CRS = "EPSG:4326"
DAY = date(2025, 12, 24)
ASAYISH = ("Asayish", "الأسايش")
GOVERNMENT = ("Syrian government forces", "القوات الحكومية السورية")


def incident(incident_id, event_type, geometry, *, day=DAY, precision=1, actors=(ASAYISH, GOVERNMENT), **extra):
    (a1, a1_ar), (a2, a2_ar) = actors
    row = {
        "incident_id": incident_id,
        "event_type": event_type,
        "sub_event_type": extra.pop("sub_event_type", "Armed clash" if event_type == "Battles" else ""),
        "event_date": day,
        "actor1": a1, "actor1_ar": a1_ar, "actor2": a2, "actor2_ar": a2_ar,
        "location": extra.pop("location", "Aleppo"),
        "place_name_ar": extra.pop("place_name_ar", "حلب"),
        "geo_precision": precision,
        "fatalities": 0, "injured_low": 2, "injured_high": 4,
        "civilian_casualties": True,
        "casualty_destination": "مستشفى في المدينة",
        "evidence": extra.pop("evidence", "اشتباكات بين الطرفين في الحي"),
        "source": "Example News",
        "source_urls": "https://example.org/a;javascript:alert(1)",
        "confidence": 0.8,
        "geometry": geometry,
    }  # fmt: skip
    row.update(extra)
    return row


def frame(rows) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
