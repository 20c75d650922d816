from datetime import date

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

import maps
from maps.frontlines import parse_estimate
from tests.maps.map_samples import ASAYISH, GOVERNMENT, frame, incident

REBELS = ("Rebels", "فصائل")


def test_estimated_line_runs_through_clash_sites_along_their_axis():
    # Sites given out of order along a north-south line; shelling and other pairs must not join the line.
    sites = [Point(37.0, 36.30), Point(37.0, 36.10), Point(37.0, 36.20), Point(37.0, 36.40)]
    rows = [incident(f"b{i}", "Battles", p) for i, p in enumerate(sites)]
    rows.append(incident("s", "Explosions/Remote violence", Point(38.0, 35.0)))
    rows.append(incident("other-pair", "Battles", Point(36.5, 36.0), actors=(ASAYISH, REBELS)))
    rows.append(incident("days-later", "Battles", Point(37.5, 36.0), day=date(2025, 12, 28)))
    lines = maps.estimate_frontlines(frame(rows))
    assert len(lines) == 1
    line = lines.iloc[0]
    assert line.method == "estimated"
    assert {line.side_a, line.side_b} == {ASAYISH[0], GOVERNMENT[0]}
    assert str(line.valid_from) == str(line.valid_to) == "2025-12-24"
    ys = [y for _, y in line.geometry.coords]
    assert ys in ([36.1, 36.2, 36.3, 36.4], [36.4, 36.3, 36.2, 36.1])


def test_pair_is_the_same_whichever_side_is_actor1():
    rows = [incident("a", "Battles", Point(37.0, 36.1)), incident("c", "Battles", Point(37.0, 36.15)),
            incident("b", "Battles", Point(37.0, 36.2), actors=(GOVERNMENT, ASAYISH))]  # fmt: skip
    assert len(maps.estimate_frontlines(frame(rows))) == 1


def test_too_little_evidence_gives_no_estimate():
    # two clashes, or three at one site, say where fighting was, not where a line runs
    two = [incident("a", "Battles", Point(37.0, 36.1)), incident("b", "Battles", Point(37.0, 36.2))]
    assert len(maps.estimate_frontlines(frame(two))) == 0
    one_site = [incident(f"s{i}", "Battles", Point(37.0, 36.1)) for i in range(3)]
    assert len(maps.estimate_frontlines(frame(one_site))) == 0


def test_clashes_of_the_window_count_and_the_source_names_them_with_dates():
    rows = [incident("d1", "Battles", Point(37.0, 36.1), day=date(2025, 12, 22)),
            incident("d2", "Battles", Point(37.0, 36.2), day=date(2025, 12, 23)),
            incident("d3", "Battles", Point(37.0, 36.3), day=date(2025, 12, 24)),
            incident("old", "Battles", Point(37.0, 36.4), day=date(2025, 12, 10))]  # fmt: skip
    lines = maps.estimate_frontlines(frame(rows))
    assert list(lines.valid_from) == ["2025-12-24"]  # the earlier days lack evidence in their own windows
    line = lines.iloc[0]
    assert set(line.incident_ids.split(";")) == {"d1", "d2", "d3"}
    band, evidence = parse_estimate(line.source)
    assert band == line.uncertainty_m and 300 <= band <= 15000
    assert sorted(evidence) == [("d1", "2025-12-22"), ("d2", "2025-12-23"), ("d3", "2025-12-24")]
    assert "3 clashes" in line.source and "2025-12-22 to 2025-12-24" in line.source
    assert len(maps.estimate_frontlines(frame(rows), days=["2025-12-23"])) == 0


def test_sparse_or_coarse_evidence_widens_the_band():
    near = [incident(f"n{i}", "Battles", Point(37.0, 36.10 + i * 0.005)) for i in range(3)]
    far = [incident(f"f{i}", "Battles", Point(37.0, 36.10 + i * 0.1)) for i in range(3)]
    coarse = [incident(f"c{i}", "Battles", Point(37.0, 36.10 + i * 0.005), precision=2) for i in range(3)]
    widths = [maps.estimate_frontlines(frame(rows)).iloc[0].uncertainty_m for rows in (near, far, coarse)]
    assert widths[0] < widths[1] and widths[0] < widths[2]


def test_single_clash_site_gives_no_line(seed_incidents):
    lines = maps.estimate_frontlines(seed_incidents.iloc[:1])
    assert len(lines) == 0
    assert list(lines.columns)[:3] == ["frontline_id", "side_a", "side_b"]


def test_shared_boundary_of_control_areas(control_areas):
    lines = maps.frontlines_from_control(control_areas)
    assert len(lines) == 1
    line = lines.iloc[0]
    assert line.method == "derived"
    assert line.geometry.hausdorff_distance(LineString([(37.14, 36.20), (37.14, 36.26)])) < 0.003
    assert (line.valid_from, line.valid_to) == ("2025-12-10", "2025-12-31")


def test_control_areas_apart_give_no_line():
    far = gpd.GeoDataFrame({"actor": ["A", "B"]}, geometry=[
        Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]), Polygon([(3, 0), (4, 0), (4, 1), (3, 1)])], crs="EPSG:4326")
    assert len(maps.frontlines_from_control(far)) == 0


def test_read_geojson_with_analyst_column_names(tmp_path):
    path = tmp_path / "lines.geojson"
    gpd.GeoDataFrame(
        {"actor1": ["SDF"], "actor2": ["SNA"], "begin": ["2025-12-01"], "end": [None]},
        geometry=[LineString([(37.0, 36.5), (37.3, 36.6)])], crs="EPSG:4326",
    ).to_file(path, driver="GeoJSON")  # fmt: skip
    lines = maps.read_frontlines(path)
    assert list(lines[["side_a", "side_b", "valid_from", "method"]].iloc[0]) == ["SDF", "SNA", "2025-12-01", "imported"]
    assert lines.iloc[0].valid_to is None
    assert lines.iloc[0].source == "lines.geojson"


def test_read_kml(tmp_path):
    path = tmp_path / "front.kml"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>SDF</name>
<TimeSpan><begin>2025-12-01</begin><end>2025-12-31</end></TimeSpan>
<LineString><coordinates>37.0,36.5 37.3,36.6</coordinates></LineString></Placemark>
<Placemark><name>a point</name><Point><coordinates>37,36</coordinates></Point></Placemark></Document></kml>""",
        encoding="utf-8",
    )
    lines = maps.read_frontlines(path)
    assert len(lines) == 1
    assert lines.iloc[0].side_a == "SDF"
    assert lines.iloc[0].geometry.geom_type == "LineString"
    assert lines.iloc[0].valid_from == "2025-12-01"


def test_unreadable_file_names_the_file(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.geojson"):
        maps.read_frontlines(path)
