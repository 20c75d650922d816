"""Every export opened as GIS staff open it (GDAL's ogrinfo, geopandas, pyarrow): field types, CRS, spatial
index, QGIS styles, and one point per incident in the latitude/longitude columns and the geometry alike."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import geopandas as gpd
import numpy as np
import pyarrow.parquet as pq
import pytest
import shapely
from shapely.geometry import LineString, Point

from geo_incidents.export import export
from geo_incidents.frame import incidents_to_frame, representative_points
from geo_incidents.model import EventType, Incident
from geo_incidents.store import open_store
from tests.conftest import require

LAYERS = ("incidents", "road_closures", "frontlines")
#: OGR field types of the incident columns whose type a string would lose.
GPKG_TYPES = {
    "event_date": "Date", "fatalities": "Integer64", "inter1": "Integer64", "inter2": "Integer64",
    "geo_precision": "Integer64", "civilian_casualties": "Integer(Boolean)", "approximate_geometry": "Integer(Boolean)",
    "latitude": "Real", "longitude": "Real", "country": "String", "iso3": "String",
}


def ogrinfo(*args: str) -> str:
    require(shutil.which("ogrinfo") is not None, "GDAL's ogrinfo (Debian package gdal-bin)")
    result = subprocess.run(["ogrinfo", "-ro", *args], capture_output=True, text=True, check=True)
    assert "ERROR" not in result.stderr, result.stderr
    return result.stdout


def ogr_fields(path, layer: str) -> dict[str, str]:
    text = ogrinfo("-so", str(path), layer)
    return dict(re.findall(r"^(\w+): (\S+(?:\(\w+\))?) \(", text, re.M))


def road_incident() -> Incident:
    """A shelling on a road (Qamishli–Amuda): a line geometry on an incident that is no closure."""
    return Incident(
        incident_id="road-shelling", event_date=date(2024, 3, 2), time_precision=1, event_type=EventType.EXPLOSIONS,
        sub_event_type="Shelling/artillery/missile attack", location="طريق القامشلي - عامودا", geo_precision=2,
        country="SY", actor1="Turkish military", inter2=None, article_ids=["a-road"],
        geometry=LineString([(41.23, 37.05), (41.0, 37.09), (40.93, 37.10)]),
    )


@pytest.fixture(scope="module")
def road_store(tmp_path_factory, incidents):
    """The sample incidents plus a road incident, written through the store as a run writes them."""
    from tests.store.incident_samples import sample_articles

    path = tmp_path_factory.mktemp("road") / "incidents.gpkg"
    rows = [*incidents, road_incident()]
    with open_store(path) as store:
        store.write_batch(sample_articles(rows), incidents_to_frame(rows), run={"command": "test"})
    return path


def assert_lat_lon_on_geometry(frame: gpd.GeoDataFrame) -> None:
    located = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    assert len(located)
    points = shapely.points(located["longitude"].astype(float), located["latitude"].astype(float))
    expected = representative_points(located.geometry.to_numpy())
    assert np.all(shapely.distance(points, expected) < 2e-7)
    assert np.all(shapely.distance(points, located.geometry.to_numpy()) < 2e-7)  # on the point, on the road


def test_store_has_a_spatial_index_on_geometry(road_store):
    text = ogrinfo("-sql", "SELECT HasSpatialIndex('incidents', 'geometry') AS a, "
                   "HasSpatialIndex('road_closures', 'geometry') AS b", str(road_store))
    assert "a (Integer) = 1" in text and "b (Integer) = 1" in text
    for layer in ("incidents", "road_closures", "frontlines"):
        assert "Geometry Column = geometry" in ogrinfo("-so", str(road_store), layer)
    with sqlite3.connect(road_store) as conn:
        located = conn.execute("SELECT count(*) FROM incidents WHERE geometry IS NOT NULL").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM rtree_incidents_geometry").fetchone()[0] == located
    # GDAL's own bbox query goes through the index and finds the road incident's point.
    found = ogrinfo("-spat", "40.9", "37.0", "41.3", "37.2", "-q", str(road_store), "incidents")
    assert "road-shelling" in found


def test_store_keeps_its_index_current_after_deletes(tmp_path, incidents):
    from tests.store.incident_samples import sample_articles

    path = tmp_path / "s.gpkg"
    with open_store(path) as store:
        store.write_batch(sample_articles(incidents), incidents_to_frame(incidents), run={"command": "t"})
        store.write_batch([], None, retired=[incidents[0].incident_id], run={"command": "t"})
    with sqlite3.connect(path) as conn:
        ids = {row[0] for row in conn.execute("SELECT fid FROM incidents WHERE geometry IS NOT NULL")}
        assert {row[0] for row in conn.execute("SELECT id FROM rtree_incidents_geometry")} == ids
        triggers = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    # The bulk insert sets the insert trigger aside and puts it back, for QGIS and GDAL to use.
    assert {"rtree_incidents_geometry_insert", "rtree_road_closures_geometry_insert"} <= triggers
    # GDAL appends a row through the store's trigger (with its own SQL functions): the index follows.
    one = tmp_path / "one.gpkg"
    for argv in (["ogr2ogr", "-f", "GPKG", str(one), str(path), "incidents", "-where", "fid = 2", "-nln", "extra"],
                 ["ogrinfo", "-q", str(one), "-sql", "UPDATE extra SET incident_id = 'gdal-copy'"],
                 ["ogr2ogr", "-append", "-update", str(path), str(one), "extra", "-nln", "incidents"]):
        require(shutil.which(argv[0]) is not None, "GDAL (Debian package gdal-bin)")
        subprocess.run(argv, capture_output=True, check=True)
    with sqlite3.connect(path) as conn:
        ids = {row[0] for row in conn.execute("SELECT fid FROM incidents WHERE geometry IS NOT NULL")}
        assert {row[0] for row in conn.execute("SELECT id FROM rtree_incidents_geometry")} == ids
        assert conn.execute("SELECT count(*) FROM incidents WHERE incident_id = 'gdal-copy'").fetchone()[0] == 1


def test_road_incident_point_is_on_its_road_in_store_and_every_export(road_store, tmp_path):
    with open_store(road_store) as store:
        stored = store.read("incidents")
        closures = store.read("road_closures")
    assert_lat_lon_on_geometry(stored)
    assert_lat_lon_on_geometry(closures)
    row = stored[stored["incident_id"] == "road-shelling"].iloc[0]
    assert row.geometry.distance(road_incident().geometry) < 1e-9
    for fmt in ("gpkg", "geojson", "fgb", "parquet"):
        out = tmp_path / fmt
        export(road_store, fmt, out)
        for name in ("incidents", "road_closures"):
            path = out / f"incidents.{fmt}" if fmt == "gpkg" else out / f"{name}.{fmt}"
            frame = gpd.read_parquet(path) if fmt == "parquet" else gpd.read_file(path, layer=name)
            assert_lat_lon_on_geometry(frame)


def test_geopackage_export_types_crs_index_and_styles(road_store, tmp_path):
    (path,) = export(road_store, "gpkg", tmp_path / "out.gpkg")
    for layer in ("incidents", "road_closures"):
        fields = ogr_fields(path, layer)
        for column, kind in GPKG_TYPES.items():
            assert fields[column] == kind, (layer, column, fields[column])
        info = ogrinfo("-so", str(path), layer)
        assert "Geometry Column = geometry" in info and 'ID["EPSG",4326]' in info
    assert ogr_fields(path, "frontlines")["valid_from"] == "Date"
    text = ogrinfo("-sql", "SELECT HasSpatialIndex('incidents', 'geometry') AS a, "
                   "HasSpatialIndex('road_closures', 'geometry') AS b, "
                   "HasSpatialIndex('frontlines', 'geometry') AS c", str(path))
    assert all(f"{k} (Integer) = 1" in text for k in "abc")

    frame = gpd.read_file(path, layer="incidents")
    assert frame.crs.to_epsg() == 4326 and frame.geometry.name == "geometry"
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["civilian_casualties"].dtype == bool
    assert_lat_lon_on_geometry(frame)

    with sqlite3.connect(path) as conn:
        styles = dict(conn.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault"))
    assert set(styles) == set(LAYERS)
    incidents_qml = ET.fromstring(styles["incidents"].split("\n", 1)[1])
    renderer = incidents_qml.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "event_type"
    values = {c.get("value") for c in renderer.iter("category")}
    assert {EventType.BATTLES, EventType.EXPLOSIONS, EventType.PROTESTS} <= values
    closures = ET.fromstring(styles["road_closures"].split("\n", 1)[1]).find("renderer-v2")
    assert closures.get("attr") == "status" and {"closed", "partial", "reopened"} <= {
        c.get("value") for c in closures.iter("category")}


def test_flatgeobuf_and_parquet_keep_types(road_store, tmp_path):
    (fgb,) = export(road_store, "fgb", tmp_path / "all.fgb")
    fields = ogr_fields(fgb, "all")
    assert fields["event_date"] == "DateTime"  # FlatGeobuf has no date-only type
    assert fields["fatalities"] == "Integer64" and fields["civilian_casualties"] == "Integer(Boolean)"
    frame = gpd.read_file(fgb)
    assert str(frame["event_date"].dtype).startswith("datetime64") and frame.crs.to_epsg() == 4326
    assert (frame.loc[frame["incident_id"] == "road-shelling", "inter2"].isna()).all()
    paths = export(road_store, "parquet", tmp_path / "parquet")
    schema = pq.read_schema(paths[0])
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("inter2").type) == "int64" and str(schema.field("civilian_casualties").type) == "bool"
    assert gpd.read_parquet(paths[0]).crs.to_epsg() == 4326


@pytest.mark.parametrize("fmt", ["geojson", "csv", "fgb", "parquet"])
def test_a_qml_style_lies_beside_single_layer_formats(road_store, tmp_path, fmt):
    paths = export(road_store, fmt, tmp_path / "out")
    for path in paths:
        qml = path.with_suffix(".qml")
        root = ET.fromstring(qml.read_text(encoding="utf-8").split("\n", 1)[1])
        assert root.tag == "qgis" and root.find("renderer-v2") is not None
    assert ET.fromstring(paths[0].with_suffix(".qml").read_text().split("\n", 1)[1]).find(
        "renderer-v2").get("attr") == "event_type"


def test_geojson_has_no_crs_member_and_typed_values(road_store, tmp_path):
    import json

    (path, *_) = export(road_store, "geojson", tmp_path / "g")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in doc
    props = [f["properties"] for f in doc["features"]]
    assert all(isinstance(p["fatalities"], int) for p in props)
    assert all(isinstance(p["civilian_casualties"], bool) for p in props)
    assert all(p["inter2"] is None or isinstance(p["inter2"], int) for p in props)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", p["event_date"]) for p in props)
    assert {p["country"] for p in props} == {"Syria"} and {p["iso3"] for p in props} == {"SYR"}


def test_csv_for_excel_has_a_bom_and_crlf(road_store, tmp_path):
    (plain,) = export(road_store, "csv", tmp_path / "plain.csv")
    (excel,) = export(road_store, "csv", tmp_path / "excel.csv", excel=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain.read_bytes()
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    assert raw[3:].decode("utf-8").replace("\r\n", "\n") == plain.read_text(encoding="utf-8")
    frame = gpd.read_file(excel)
    assert len(frame) == len(gpd.read_file(plain))


def test_country_is_an_english_name_with_iso3():
    frame = incidents_to_frame([
        Incident(incident_id=str(i), event_date=date(2024, 1, 1), time_precision=1, event_type=EventType.BATTLES,
                 sub_event_type="Armed clash", country=value, geometry=Point(36, 36))
        for i, value in enumerate(["SY", "Israel", "PS", "OM", "SYR", ""])
    ])
    assert list(frame["country"]) == ["Syria", "Israel", "Palestine", "Oman", "Syria", ""]
    assert list(frame["iso3"]) == ["SYR", "ISR", "PSE", "OMN", "SYR", ""]
    assert str(frame["inter2"].dtype) == "Int64"


def test_gazetteer_export_names_its_layer_and_follows_rfc_7946(tmp_path):
    import json

    from gazetteer import Gazetteer
    from gazetteer.cli import places_frame, write_frame
    from gazetteer.store import IndexStore
    from tests.gazetteer.conftest import SMALL_PLACES

    gz = Gazetteer(IndexStore(tmp_path / "i.sqlite"))
    gz.add(SMALL_PLACES)
    frame = places_frame(gz)
    write_frame(frame, tmp_path / "gz.gpkg", "gpkg")
    write_frame(frame, tmp_path / "gz.geojson", "geojson")
    info = ogrinfo("-so", str(tmp_path / "gz.gpkg"), "places")
    assert "Layer name: places" in info and "Geometry Column = geometry" in info
    assert "(Integer) = 1" in ogrinfo("-sql", "SELECT HasSpatialIndex('places', 'geometry')", str(tmp_path / "gz.gpkg"))
    doc = json.loads((tmp_path / "gz.geojson").read_text(encoding="utf-8"))
    assert "crs" not in doc and "name" not in doc and len(doc["features"]) == len(frame)
