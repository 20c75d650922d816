"""A run's GeoJSON, streamed from the store without pandas, is byte for byte what GDAL writes (``export``).

The streamed writer spells every value as GDAL's GeoJSON driver does in RFC 7946 mode; these tests
hold it to GDAL's own output on the sample store, on both back ends, and on rows of odd values
(control characters, NUL, JSON-looking text, numbers near a round-off, far dates, rejected rows).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo_incidents.export import EXPORT_LAYERS, export, export_store_geojson
from geo_incidents.export.geojson import _coordinate, gdal_double, write_store_geojson
from geo_incidents.store import open_store
from geo_incidents.store.batch import LayerRows
from geo_incidents.store.schema import layer
from tests.export.conftest import write_sample_store


def _same_files(store, tmp_path: Path) -> None:
    table, streamed = tmp_path / "table", tmp_path / "streamed"
    export(store, "geojson", table)
    written = export_store_geojson(store, streamed)
    assert [path.name for path in written] == [f"{name}.geojson" for name in EXPORT_LAYERS]
    for name in EXPORT_LAYERS:
        for suffix in (".geojson", ".qml"):
            expected = (table / f"{name}{suffix}").read_bytes()
            assert (streamed / f"{name}{suffix}").read_bytes() == expected, f"{name}{suffix}"


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.database)])
def sample_location(request, tmp_path) -> str:
    location = (str(tmp_path / "store" / "incidents.gpkg") if request.param == "gpkg"
                else request.getfixturevalue("postgis_schema"))
    write_sample_store(location)
    return location


def test_streamed_geojson_is_gdals_on_the_sample_store(sample_location, tmp_path):
    with open_store(sample_location) as store:
        _same_files(store, tmp_path)
        # a few rows a chunk, as a large store streams: the same file
        assert write_store_geojson(store, "incidents", tmp_path / "small.geojson", chunk=7) > 7
    assert (tmp_path / "small.geojson").read_bytes() == (tmp_path / "table" / "incidents.geojson").read_bytes()


def test_streamed_geojson_is_gdals_on_odd_values(tmp_path):
    rnd = random.Random(11)
    n = 400
    chars = [chr(c) for c in range(0x80)] + list("عربيـًٌ\u200f\u2028\u2029😀é/\\\"")

    def text():
        return None if rnd.random() < 0.1 else "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 12)))

    def real():
        pick = rnd.random()
        if pick < 0.1:
            return None
        if pick < 0.4:
            return rnd.choice([0.0, -0.0, 1e-7, 1e-5, 1e15, 1e16, 1e21, 2.5e20, 5e-324, 0.1 + 0.2, 1 / 3, 36.0,
                               123456.000001, 0.000123])
        return rnd.uniform(-1, 1) * 10 ** rnd.randint(-12, 22)

    def coordinate(limit):
        value = round(rnd.uniform(-limit, limit), rnd.randint(0, 9))
        if rnd.random() < 0.4:  # a value a few ulps off a 7-decimal one, or just off a rounding boundary
            value += rnd.choice([-1, 1]) * rnd.choice([2e-15 * max(1.0, abs(value)), 4.9e-8, 5e-8, 9.9e-8])
        return max(-limit, min(limit, value))

    def day():
        return None if rnd.random() < 0.1 else date(rnd.choice([rnd.randint(1, 9999), rnd.randint(1990, 2030)]),
                                                    rnd.randint(1, 12), rnd.randint(1, 28))

    makers = {"text": text, "real": real, "date": day, "boolean": lambda: rnd.choice([None, True, False]),
              "integer": lambda: None if rnd.random() < 0.2 else rnd.randint(-10**12, 10**12)}
    columns = {name: [makers[kind]() for _ in range(n)] for name, kind in layer("incidents").columns}
    columns["incident_id"] = [f"id{i}" for i in range(n)]
    points = np.array([None if rnd.random() < 0.1 else shapely.Point(coordinate(180), coordinate(90))
                       for _ in range(n)], dtype=object)
    lines = np.array([shapely.LineString([(coordinate(60), coordinate(90)) for _ in range(rnd.randint(2, 4))])
                      for _ in range(n)], dtype=object)
    frontlines = {name: [makers[kind]() for _ in range(n)] for name, kind in layer("frontlines").columns}
    frontlines["frontline_id"] = [f"fl{i}" for i in range(n)]
    with open_store(tmp_path / "odd.gpkg") as store:
        with store.writing() as tx:
            tx.insert("incidents", LayerRows(columns, points))
            tx.insert("road_closures", LayerRows({**columns, "incident_id": [f"rc{i}" for i in range(n)]}, lines))
            tx.insert("frontlines", LayerRows(frontlines, lines))
        _same_files(store, tmp_path)


def test_text_gdal_reads_as_json_goes_through_gdal(tmp_path):
    """GDAL writes a text between [ ] that parses as JSON as that JSON: the layer is written by GDAL then."""
    columns = {name: [None, None] for name, _ in layer("incidents").columns}
    columns["incident_id"], columns["notes"] = ["a", "b"], ["[1, 2]", "plain"]
    with open_store(tmp_path / "json.gpkg") as store:
        with store.writing() as tx:
            tx.insert("incidents", LayerRows(columns, np.array([shapely.Point(36.2, 37.1), None], dtype=object)))
        _same_files(store, tmp_path)
    assert '"notes": [ 1, 2 ]' in (tmp_path / "streamed" / "incidents.geojson").read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "expected"), [
    (0.1 + 0.2, "0.3"), (1e-7, "9.9999999999999995e-08"), (36.0, "36.0"), (1 / 3, "0.33333333333333331"),
    (2.5e20, "2.5e+20"), (-0.0, "-0.0"), (1e16, "10000000000000000.0"), (1e21, "1e+21"), (0.878, "0.878"),
    (1e-5, "1.0000000000000001e-05"), (123456789.123456789, "123456789.12345679"),
])
def test_numbers_as_gdal_writes_them(value, expected):
    assert gdal_double(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (37.14704, "37.14704"), (36.0, "36.0"), (-1e-8, "-0.0"), (-179.99999999, "-180.0"), (0.12345678, "0.1234568"),
    (35.123456749, "35.1234567"), (1.23456789e-3, "0.0012346"), (123.4567891999, "123.4567892"),
])
def test_coordinates_as_gdal_writes_them(value, expected):
    assert _coordinate(value) == expected
