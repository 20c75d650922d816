"""Acceptance: the article the project started from, mapped end to end.

Runs the whole pipeline on the seed article (read from ../shared, never copied) with publication
date 2025-12-24 supplied as metadata, then checks the store, the GeoJSON layers and the day map.
Reference coordinates below are independent of our gazetteer: the OCHA neighbourhood centroid for
al-Ashrafiyah; for the roundabouts, the junctions as news reports describe them (Layramoun: the
city's north-western entrance where the road to Azaz leaves it, at the edge of OCHA neighbourhood
N0121; Shihan: on the same road between Layramoun and the Ashrafiyah / Sheikh Maqsoud pocket, west of
OCHA N0128 and south of N0124 Rasafeh).
"""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, shape

from geo_incidents.pipeline import run

PUBLISHED = date(2025, 12, 24)
ASHRAFIYAH = Point(37.1470, 36.2279)  # OCHA city_neighbourhoods N0128 centroid
LAYRAMOUN_ROUNDABOUT = Point(37.1160, 36.2420)
SHIHAN_ROUNDABOUT = Point(37.1320, 36.2330)
AZAZ = Point(37.0463, 36.5866)
KILIS = Point(37.1212, 36.7184)
ALEPPO_NORTH_EDGE = Point(37.13, 36.24)
MOSCOW = Point(37.6156, 55.7522)
CAIRO = Point(31.2357, 30.0444)


def km(a: Point, b: Point) -> float:
    """Great-circle distance in km (small distances: an equirectangular approximation is enough)."""
    from math import cos, hypot, radians

    dx = radians(b.x - a.x) * cos(radians((a.y + b.y) / 2))
    dy = radians(b.y - a.y)
    return 6371.0 * hypot(dx, dy)


@pytest.fixture(scope="module")
def seed_run(seed_article_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    summary = run([seed_article_path], out, defaults={"published": PUBLISHED}, progress=False)
    return out, summary


@pytest.fixture(scope="module")
def incidents(seed_run) -> gpd.GeoDataFrame:
    out, _ = seed_run
    return gpd.read_file(out / "incidents.gpkg", layer="incidents")


@pytest.fixture(scope="module")
def closures(seed_run) -> gpd.GeoDataFrame:
    out, _ = seed_run
    return gpd.read_file(out / "incidents.gpkg", layer="road_closures")


def test_summary_counts_the_article(seed_run):
    _, summary = seed_run
    assert summary.articles_read == 1
    assert not summary.articles_failed
    assert summary.incidents_new >= 5


@pytest.mark.parametrize(
    ("name", "real"),
    [("الأشرفية", ASHRAFIYAH), ("دوار شيحان", SHIHAN_ROUNDABOUT), ("دوار الليرمون", LAYRAMOUN_ROUNDABOUT)],
)
def test_armed_clash_at_each_named_place(incidents, name, real):
    clashes = incidents[(incidents.event_type == "Battles") & (incidents.sub_event_type == "Armed clash")]
    named = clashes[clashes.location.str.replace("حي ", "").str.strip() == name]
    assert len(named) == 1, f"expected one armed clash at {name}: {clashes[['location', 'geometry']]}"
    clash = named.iloc[0]
    assert km(clash.geometry, real) <= 1.5
    assert clash.geo_precision == 1
    assert str(clash.event_date)[:10] == "2025-12-24"
    actors = f"{clash.actor1} {clash.actor2} {clash.actor1_ar} {clash.actor2_ar}"
    assert "Asayish" in actors or "الأسايش" in actors
    assert "Syria" in actors and ("government" in actors.lower() or "Military" in actors)
    assert "Democratic" not in actors, "the SDF appears only in the agreement paragraph"
    assert "اشتباكات" in clash.evidence and "الأشرفية" in clash.evidence
    assert clash.admin1 in ("حلب", "Aleppo")


def test_shelling_in_north_aleppo(incidents):
    shelling = incidents[incidents.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shelling) >= 1
    assert any(km(geom, ASHRAFIYAH) <= 10 for geom in shelling.geometry)
    assert any("هاون" in ev for ev in shelling.evidence)


def test_road_closure_follows_the_aleppo_gaziantep_road(closures):
    assert len(closures) == 1
    closure = closures.iloc[0]
    assert closure.status == "partial"
    line = closure.geometry
    assert isinstance(line, LineString)
    # Follows the real road: passes the northern edge of Aleppo, Azaz and Kilis ...
    for town, tolerance in ((ALEPPO_NORTH_EDGE, 3.0), (AZAZ, 2.0), (KILIS, 3.0)):
        nearest = line.interpolate(line.project(town))
        assert km(nearest, town) <= tolerance
    # ... and is not a straight line across country.
    assert len(line.coords) >= 5


def test_injuries_with_civilians_and_the_hospital_as_destination(incidents, closures):
    everything = gpd.GeoDataFrame(pd_concat(incidents, closures))
    wounded = everything[everything.injured_high > 0]
    assert len(wounded) >= 1
    assert wounded.civilian_casualties.astype(bool).any()
    assert (wounded.casualty_destination.str.contains("الرازي")).any()
    # The hospital is never a site.
    assert not everything.location.fillna("").str.contains("الرازي").any()
    assert not everything.place_id.fillna("").str.contains("hospital").any()


def test_diplomacy_never_on_violent_layers(incidents):
    violent = incidents[incidents.event_type.isin(
        ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"])]
    for geom in violent.geometry:
        assert km(geom, MOSCOW) > 100 and km(geom, CAIRO) > 100
    for geom, kind in zip(incidents.geometry, incidents.event_type, strict=True):
        if km(geom, MOSCOW) < 50 or km(geom, CAIRO) < 50:
            assert kind == "Strategic developments"


def test_nothing_pinned_at_syria_or_the_north_of_the_country(incidents, closures):
    for frame in (incidents, closures):
        assert not frame.location.fillna("").isin(["سوريا", "سورية", "شمال البلاد"]).any()
        precise = frame[frame.geo_precision == 1]
        assert not precise.place_id.fillna("").str.contains("country").any()


def test_geojson_layers_written(seed_run):
    out, _ = seed_run
    for name in ("incidents", "road_closures", "frontlines"):
        data = json.loads((out / f"{name}.geojson").read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection"
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    required = {"incident_id", "event_type", "sub_event_type", "event_date", "actor1", "actor2", "location",
                "place_id", "geo_precision", "evidence", "article_ids"}
    assert required <= set(features[0]["properties"])
    closure = json.loads((out / "road_closures.geojson").read_text(encoding="utf-8"))["features"]
    assert shape(closure[0]["geometry"]).geom_type == "LineString"


def test_estimated_frontline_between_the_two_sides(seed_run):
    out, _ = seed_run
    frontlines = gpd.read_file(out / "frontlines.geojson")
    assert len(frontlines) >= 1
    line = frontlines.iloc[0]
    assert line.method == "estimated"
    assert km(line.geometry.centroid, ASHRAFIYAH) <= 3


def test_day_map_and_index_written(seed_run):
    out, _ = seed_run
    assert (out / "maps" / "2025-12-24.html").is_file()
    index = (out / "maps" / "index.html").read_text(encoding="utf-8")
    assert "2025-12-24.html" in index


def pd_concat(*frames):
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


@pytest.mark.browser
def test_day_map_opens_in_chromium_with_separate_layers(seed_run, tmp_path):
    from tests.chromium_page import chromium_or_skip, open_page

    out, _ = seed_run
    with chromium_or_skip() as context, open_page(context, out / "maps" / "2025-12-24.html") as opened:
        layers = opened.page.evaluate("window.geoIncidents.layers")
        control_text = opened.page.inner_text(".leaflet-control-layers")
        opened.page.screenshot(path=str(tmp_path / "seed-day.png"))
        assert not opened.errors, opened.errors
    for label in ("Incidents", "Road closures", "Frontlines"):
        assert label in control_text
    assert layers["incidents"]["total"] == 4
    assert layers["road_closures"]["count"] == 1
    assert layers["frontlines"]["count"] >= 1
    assert (tmp_path / "seed-day.png").stat().st_size > 10_000
