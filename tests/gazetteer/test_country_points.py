"""A country stands for a point inside it (OpenStreetMap's point, else the middle of its main
landmass), never its capital."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point, Polygon

from gazetteer.io.country_points import build_rows, country_points, country_reach_km
from gazetteer.resolve import distance_km


def test_the_table_places_countries_inside_them_not_at_the_capital():
    points = country_points()
    lat, lon, how = points["EG"]
    assert 24 < lat < 29 and 28 < lon < 32 and "OpenStreetMap" in how  # Upper Egypt's desert, not Cairo
    lat, lon, _ = points["SA"]
    assert 24 < lat < 27 and 41 < lon < 44  # Najd, where OpenStreetMap labels the kingdom; not Riyadh
    assert "Natural Earth" in points["SS"][2]  # a country OpenStreetMap's table lacks: its landmass
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
    assert "OpenStreetMap" in egypt.source
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
    rows = {r["iso2"]: r for r in build_rows(path, tmp_path / "no-osm-points.csv")}
    egypt = rows["EG"]
    assert crescent.contains(Point(float(egypt["lon"]), float(egypt["lat"])))  # not the hollow nor the island
    assert egypt["placed_at"].startswith("point on the largest landmass")
    assert rows["NO"]["placed_at"].startswith("centroid")
    assert 55 < float(rows["NO"]["reach_km"]) < 70  # a degree square at 60° N: its corners are 62 km off
  # found by name when the ISO code is missing


def test_the_script_prefers_openstreetmap_s_point_when_it_lies_on_the_country(tmp_path):
    frame = gpd.GeoDataFrame({"iso_a3": ["EGY", "JOR"], "name": ["Egypt", "Jordan"]},
                             geometry=[Polygon([(0, 0), (10, 0), (10, 10), (0, 10)]),
                                       Polygon([(20, 20), (22, 20), (22, 22), (20, 22)])], crs="EPSG:4326")
    path = tmp_path / "countries.geojson"
    frame.to_file(path, driver="GeoJSON")
    osm = tmp_path / "osm.csv"
    osm.write_text("iso2,name_en,lat,lon\nEG,Egypt,2.5,3.5\nJO,Jordan,40.0,40.0\n", encoding="utf-8")
    rows = {r["iso2"]: r for r in build_rows(path, osm)}
    assert (rows["EG"]["lat"], rows["EG"]["lon"]) == ("2.5000", "3.5000")
    assert rows["EG"]["placed_at"].startswith("OpenStreetMap")
    assert rows["JO"]["placed_at"].startswith("centroid")  # a point far off the country names something else
    assert float(rows["EG"]["reach_km"]) > float(rows["JO"]["reach_km"])  # reach from the point kept
