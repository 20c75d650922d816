"""A country stands for a point inside it (the middle of its main landmass), never its capital."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point, Polygon

from gazetteer.io.country_points import build_rows, country_points, country_reach_km
from gazetteer.resolve import distance_km


def test_the_table_places_countries_inside_them_not_at_the_capital():
    points = country_points()
    lat, lon, how = points["EG"]
    assert 24 < lat < 29 and 28 < lon < 32 and "Natural Earth" in how  # Upper Egypt's desert, not Cairo
    lat, lon, _ = points["SA"]
    assert 22 < lat < 26 and 43 < lon < 46
    assert len(points) > 150


def test_the_table_says_how_far_each_country_reaches_from_its_point():
    reach = country_reach_km()
    assert reach["LB"] < 150 and reach["KW"] < 150 and reach["QA"] < 150
    assert reach["SY"] > 300 and reach["EG"] > 600 and reach["JO"] > 150


def test_the_default_index_uses_the_table_for_every_country(default_gz):
    egypt = default_gz.get("local:country-eg")
    cairo = default_gz.lookup("القاهرة", limit=1)[0].place
    assert (round(egypt.lat, 4), round(egypt.lon, 4)) == country_points()["EG"][:2]
    assert distance_km(egypt, cairo) > 250
    assert "Natural Earth" in egypt.source
    assert not egypt.mappable_as_point
    brazil = default_gz.get("local:country-br")  # from the CLDR table, once placed at Brasília
    assert (round(brazil.lat, 4), round(brazil.lon, 4)) == country_points()["BR"][:2]


def test_a_country_mention_resolves_to_its_point_and_is_no_site(default_gz):
    [mention] = [m for m in default_gz.find("وصلت المساعدات من مصر صباح اليوم") if m.surface.endswith("مصر")]
    assert mention.best.place.id == "local:country-eg"
    assert not mention.best.place.mappable_as_point


def test_the_script_takes_the_largest_landmass_and_stays_on_land(tmp_path):
    crescent = Polygon([(0, 0), (10, 0), (10, 10), (0, 10), (0, 8), (8, 8), (8, 2), (0, 2)])
    island = Polygon([(20, 20), (20.5, 20), (20.5, 20.5), (20, 20.5)])
    frame = gpd.GeoDataFrame({"iso_a3": ["EGY", "-99"], "name": ["Egypt", "Norway"]},
                             geometry=[crescent.union(island), Polygon([(5, 60), (6, 60), (6, 61), (5, 61)])],
                             crs="EPSG:4326")
    path = tmp_path / "countries.geojson"
    frame.to_file(path, driver="GeoJSON")
    rows = {r["iso2"]: r for r in build_rows(path)}
    egypt = rows["EG"]
    assert crescent.contains(Point(float(egypt["lon"]), float(egypt["lat"])))  # not the hollow nor the island
    assert egypt["placed_at"].startswith("point on the largest landmass")
    assert rows["NO"]["placed_at"].startswith("centroid")
    assert 55 < float(rows["NO"]["reach_km"]) < 70  # a degree square at 60° N: its corners are 62 km off
  # found by name when the ISO code is missing
