"""Every export format, read back with an independent reader and compared with the store."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import geopandas as gpd
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from shapely.geometry import LinearRing, shape

from geo_incidents.export import export
from geo_incidents.export.acled_csv import ACLED_COLUMNS, CSV_COLUMNS
from geo_incidents.export.kml import NS, style_id
from geo_incidents.frame import incidents_to_frame
from geo_incidents.store import open_store
from tests.export.conftest import as_text, ogr_dump, ogr_feature_counts, write_sample_store
from tests.store.incident_samples import governorate_polygon, sample_incidents

LAYERS = ("incidents", "road_closures", "frontlines")
KEYS = {"incidents": "incident_id", "road_closures": "incident_id", "frontlines": "frontline_id"}


def same_geometries(read_back, expected, tolerance=1e-7) -> None:
    assert len(read_back) == len(expected)
    for got, want in zip(read_back, expected, strict=True):
        if want is None or want.is_empty:
            assert got is None or got.is_empty
        else:
            assert shapely.equals_exact(got, want, tolerance), (got, want)


def same_text_columns(read_back, expected, columns) -> None:
    for column in columns:
        assert as_text(read_back[column]) == as_text(expected[column]), column


TEXT_COLUMNS = ("incident_id", "event_type", "location", "actor1_ar", "actor2_ar", "evidence", "notes",
                "article_ids", "source_urls", "casualty_destination")


def test_geojson_directory_is_rfc_7946(store, stored, tmp_path):
    paths = export(store, "geojson", tmp_path / "out")
    assert [p.name for p in paths] == ["incidents.geojson", "road_closures.geojson", "frontlines.geojson"]
    for name, path in zip(LAYERS, paths, strict=True):
        raw = path.read_bytes()
        doc = json.loads(raw.decode("utf-8"))
        assert doc["type"] == "FeatureCollection"
        assert "crs" not in doc
        expected = stored[name]
        assert [f["properties"][KEYS[name]] for f in doc["features"]] == list(expected[KEYS[name]])
        for feature in doc["features"]:
            if feature["geometry"]:
                coords = shapely.get_coordinates(shape(feature["geometry"]))
                assert (coords.round(7) == coords).all()
                assert ((coords[:, 0] > 35) & (coords[:, 0] < 43) & (coords[:, 1] > 32) & (coords[:, 1] < 38)).all()
        read_back = pyogrio.read_dataframe(path)
        same_geometries(read_back.geometry, expected.geometry)
        assert ogr_feature_counts(path) == {path.stem: len(expected)}
        if name != "frontlines":
            same_text_columns(read_back, expected, TEXT_COLUMNS)
            assert [f["properties"]["event_date"] for f in doc["features"]] == [
                d.isoformat() for d in expected["event_date"]
            ]
            for location in set(expected["location"]):
                assert location.encode("utf-8") in raw  # UTF-8 as is, not \u escapes


def test_geojson_outer_rings_are_counter_clockwise(tmp_path):
    incident = sample_incidents(1)[0]
    frame = incidents_to_frame([incident])
    frame.geometry = gpd.GeoSeries([governorate_polygon()], crs="EPSG:4326")
    assert not governorate_polygon().exterior.is_ccw
    (path,) = export(frame, "geojson", tmp_path / "area.geojson")
    ring = json.loads(path.read_text("utf-8"))["features"][0]["geometry"]["coordinates"][0]
    assert LinearRing(ring).is_ccw


def test_geopackage_holds_every_layer(store, stored, tmp_path):
    (path,) = export(store, "gpkg", tmp_path / "out.gpkg")
    counts = ogr_feature_counts(path)
    assert counts.pop("layer_styles") == len(LAYERS)  # QGIS's style table: one default style per layer
    assert counts == {name: len(stored[name]) for name in LAYERS}
    dump = ogr_dump(path)
    for name in LAYERS:
        read_back = pyogrio.read_dataframe(path, layer=name)
        assert list(read_back.columns) == list(stored[name].columns)
        same_geometries(read_back.geometry, stored[name].geometry)
        if name != "frontlines":
            same_text_columns(read_back, stored[name], TEXT_COLUMNS)
            for location in set(stored[name]["location"]):
                assert f"location (String) = {location}\n".encode() in dump


@pytest.mark.parametrize("wkt", [True, False])
def test_csv_in_acled_column_order(store, stored, tmp_path, wkt):
    (path,) = export(store, "csv", tmp_path / "incidents.csv", wkt=wkt)
    expected = gpd.pd.concat([stored["incidents"], stored["road_closures"]], ignore_index=True)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        handle.seek(0)
        header = next(csv.reader(handle))
    assert header == [*CSV_COLUMNS, "wkt"] if wkt else list(CSV_COLUMNS)
    assert [r["event_id_cnty"] for r in rows] == list(expected["incident_id"])
    assert [r["location"] for r in rows] == list(expected["location"])
    assert [r["year"] for r in rows] == [str(d.year) for d in expected["event_date"]]
    first = rows[0]
    assert first["interaction"] == "17" and first["inter1"] == "1" and first["inter2"] == "7"
    assert {r["iso"] for r in rows} == {"760"} and {r["iso3"] for r in rows} == {"SYR"}  # ACLED: numeric ISO
    assert {r["country"] for r in rows} == {"Syria"}
    ours = {"event_id_cnty", "year", "interaction", "iso", *expected.columns}
    for column in set(ACLED_COLUMNS) - ours:
        assert {r[column] for r in rows} == {""}, column

    options = ["X_POSSIBLE_NAMES=longitude", "Y_POSSIBLE_NAMES=latitude", "KEEP_GEOM_COLUMNS=YES"]
    if wkt:
        options = ["GEOM_POSSIBLE_NAMES=wkt", "KEEP_GEOM_COLUMNS=NO"]
    assert ogr_feature_counts(path, *options) == {"incidents": len(expected)}
    read_back = pyogrio.read_dataframe(path, **{o.split("=")[0]: o.split("=")[1] for o in options})
    same_text_columns(read_back.rename(columns={"event_id_cnty": "incident_id"}), expected, TEXT_COLUMNS)
    if wkt:
        same_geometries(read_back.geometry, expected.geometry)
    else:
        located = expected.geometry.notna().to_numpy()
        points = expected.geometry[located].to_numpy()
        centres = [g if g.geom_type == "Point" else g.interpolate(0.5, normalized=True) for g in points]
        same_geometries(read_back.geometry[located], centres)


def test_kml_for_google_earth(store, stored, tmp_path):
    (path,) = export(store, "kml", tmp_path / "incidents.kml")
    tree = ET.parse(path)
    k = {"k": NS}
    styles = {s.get("id") for s in tree.getroot().iterfind(".//k:Style", k)}
    folders = tree.getroot().findall(".//k:Folder", k)
    assert [f.findtext("k:name", namespaces=k) for f in folders] == list(LAYERS)
    for folder, name in zip(folders, LAYERS, strict=True):
        marks = folder.findall("k:Placemark", k)
        assert len(marks) == len(stored[name])
        for mark in marks:
            assert mark.findtext("k:styleUrl", namespaces=k).lstrip("#") in styles
        if name == "incidents":
            assert [m.findtext("k:name", namespaces=k) for m in marks] == list(stored[name]["location"])
            notes = [m.find("k:ExtendedData/k:Data[@name='notes']/k:value", k).text for m in marks]
            assert notes == list(stored[name]["notes"])  # quotes, & and <…> escaped and back
            assert marks[0].findtext("k:styleUrl", namespaces=k) == "#" + style_id(stored[name]["event_type"][0])

    # GDAL's LIBKML driver reads it as Google Earth would: folders as layers.
    for name in LAYERS:
        read_back = pyogrio.read_dataframe(path, layer=name, driver="LIBKML")
        assert len(read_back) == len(stored[name])
        same_geometries(read_back.geometry, stored[name].geometry)
        if name == "incidents":
            assert list(read_back["Name"]) == list(stored[name]["location"])
    raw = path.read_bytes()
    for location in set(stored["incidents"]["location"]):
        assert f"<name>{location}</name>".encode() in raw


@pytest.mark.parametrize("fmt", ["kml", "gpkg", "geojson", "csv", "parquet", "fgb"])
def test_empty_layers_export_cleanly(incidents, tmp_path, fmt):
    points_only = incidents_to_frame([i for i in incidents if i.event_type != "Road closure"][:5])
    paths = export(points_only, fmt, tmp_path / "out")
    assert paths and all(p.stat().st_size > 0 for p in paths)
    if fmt == "kml":
        assert len(pyogrio.read_dataframe(paths[0], layer="incidents", driver="LIBKML")) == 5
        assert ET.parse(paths[0]).getroot().find(".//k:Folder", {"k": NS}) is not None


def test_geoparquet_keeps_types_and_order(store, stored, tmp_path):
    paths = export(store, "parquet", tmp_path / "parquet")
    for name, path in zip(LAYERS, paths, strict=True):
        metadata = json.loads(pq.read_schema(path).metadata[b"geo"])
        assert metadata["version"] == "1.0.0" and metadata["primary_column"] == "geometry"
        assert metadata["columns"]["geometry"]["encoding"] == "WKB"
        table = pq.read_table(path)
        expected = stored[name]
        assert table.column(KEYS[name]).to_pylist() == list(expected[KEYS[name]])
        wkb = table.column("geometry").to_pylist()
        same_geometries([None if w is None else shapely.from_wkb(w) for w in wkb], expected.geometry, 0)
        if name != "frontlines":
            assert table.column("location").to_pylist() == list(expected["location"])
            assert table.column("event_date").to_pylist() == list(expected["event_date"])


def test_flatgeobuf_keeps_row_order(store, stored, tmp_path):
    (path,) = export(store, "fgb", tmp_path / "all.fgb")
    expected = gpd.pd.concat([stored["incidents"], stored["road_closures"]], ignore_index=True)
    read_back = pyogrio.read_dataframe(path)
    assert list(read_back["incident_id"]) == list(expected["incident_id"])
    same_text_columns(read_back, expected, TEXT_COLUMNS)
    same_geometries(read_back.geometry, expected.geometry)
    assert ogr_feature_counts(path) == {"all": len(expected)}


def test_postgis_store_exports_the_same_bytes(store, postgis_schema, tmp_path):
    write_sample_store(postgis_schema)
    with open_store(postgis_schema) as database:
        from_db = export(database, "geojson", tmp_path / "db")
    from_file = export(store, "geojson", tmp_path / "file")
    for a, b in zip(from_db, from_file, strict=True):
        assert a.read_bytes() == b.read_bytes()
