"""Fixtures for the maps tests: seed-like frames (see map_samples) and one headless Chromium per session."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

from tests.chromium_page import chromium_or_skip
from tests.maps.map_samples import CRS, frame, incident


@pytest.fixture(scope="session")
def seed_incidents() -> gpd.GeoDataFrame:
    """Three clashes in north Aleppo (Ashrafiyah and two roundabouts), shelling, a coarse report, one unlocated."""
    return frame([
        incident("i-ashrafiyah", "Battles", Point(37.1470, 36.2279), location="al-Ashrafiyah",
                 place_name_ar="الأشرفية"),
        incident("i-shihan", "Battles", Point(37.1370, 36.2300), place_name_ar="دوار شيحان"),
        incident("i-layramoun", "Battles", Point(37.1290, 36.2385), place_name_ar="دوار الليرمون"),
        incident("i-shelling", "Explosions/Remote violence", Point(37.1420, 36.2250),
                 sub_event_type="Shelling/artillery/missile attack"),
        incident("i-coarse", "Violence against civilians", Point(37.16, 36.20), precision=2),
        incident("i-unlocated", "Battles", None),
    ])  # fmt: skip


@pytest.fixture(scope="session")
def seed_closures() -> gpd.GeoDataFrame:
    road = LineString([(37.1290, 36.2385), (37.0900, 36.4000), (37.0463, 36.5866)])
    return frame([
        incident("c-road", "Road closure", road, sub_event_type="closed", status="closed",
                 location="Aleppo - Gaziantep road", place_name_ar="طريق حلب - غازي عنتاب"),
    ])  # fmt: skip


@pytest.fixture(scope="session")
def control_areas() -> gpd.GeoDataFrame:
    west = Polygon([(37.10, 36.20), (37.14, 36.20), (37.14, 36.26), (37.10, 36.26)])
    east = Polygon([(37.14, 36.20), (37.18, 36.20), (37.18, 36.26), (37.14, 36.26)])
    return gpd.GeoDataFrame(
        {"actor": ["Asayish", "Syrian government forces"], "valid_from": ["2025-12-01", "2025-12-10"],
         "valid_to": [None, "2025-12-31"]},
        geometry=[west, east], crs=CRS,
    )  # fmt: skip


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (fresh temporary profile, network blocked)."""
    with chromium_or_skip() as context:
        yield context
