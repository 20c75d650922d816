"""A batch written from incident records (a run without corrections) gives the rows a table gives."""

from __future__ import annotations

import pytest

from geo_incidents.frame import incidents_to_frame
from geo_incidents.model import INCIDENT_COLUMNS
from geo_incidents.store import open_store
from geo_incidents.store.batch import places_from_incidents, route_incidents
from geo_incidents.store.gpkg import WGS84_WKT
from geo_incidents.store.schema import layer, table_geometries, table_rows
from tests.store.incident_samples import sample_articles, sample_incidents


@pytest.mark.parametrize("flavour", ["sqlite", "postgres"])
def test_records_route_to_the_rows_of_their_table(flavour):
    incidents = sample_incidents()
    incidents.append(incidents[3])  # the same id twice in a batch: the last row wins, in both
    from_records = route_incidents(incidents)
    from_table = route_incidents(incidents_to_frame(incidents))
    for name in ("incidents", "road_closures"):
        rows = table_rows(from_records[name], layer(name), flavour)
        assert rows == table_rows(from_table[name], layer(name), flavour)
        assert len(rows) > 0
        geoms = [g.wkb if g is not None else None for g in table_geometries(from_records[name])]
        assert geoms == [g.wkb if g is not None else None for g in table_geometries(from_table[name])]
    places = [places_from_incidents(layers["incidents"], layers["road_closures"])
              for layers in (from_records, from_table)]
    assert table_rows(places[0], layer("places"), flavour) == table_rows(places[1], layer("places"), flavour)


def test_a_store_written_from_records_reads_back_as_one_written_from_a_table(store_location, tmp_path):
    """Records into either back end, a table into a GeoPackage: the same layers read back."""
    incidents = sample_incidents()
    other = str(tmp_path / "table.gpkg")
    read = []
    for location, batch in ((store_location, incidents), (other, incidents_to_frame(incidents))):
        with open_store(location) as store:
            store.write_batch(sample_articles(incidents), batch, run={"command": "test"})
            read.append({name: store.read(name) for name in ("incidents", "road_closures", "places", "articles")})
    for name, frame in read[0].items():
        columns = [c for c in frame.columns if c != "run_id"]
        assert frame[columns].equals(read[1][name][columns]), name
    assert list(read[0]["incidents"].columns[: len(INCIDENT_COLUMNS)]) == list(INCIDENT_COLUMNS)


def test_the_stores_wgs84_definition_is_pyprojs():
    from pyproj import CRS

    assert CRS.from_epsg(4326).to_wkt("WKT1_GDAL") == WGS84_WKT


def test_plain_columns_hold_the_values_of_the_read_frames(store_location, tmp_path):
    """``store.columns`` (what a run's day pages read, without pandas) holds the values and geometries that
    ``store.read`` gives, nulls as None, and the day pages drawn from either are the same files."""
    import filecmp

    import shapely

    import maps
    from geo_incidents.pipeline import _map_rows, _mappable
    from maps.rows import Rows, located_mask

    incidents = sample_incidents()
    incidents[0].confidence = None
    incidents[1].fatalities_low, incidents[1].fatalities_high = None, 4
    with open_store(store_location) as store:
        store.write_batch(sample_articles(incidents), incidents, frontlines=maps.estimate_frontlines(
            incidents_to_frame(incidents)), run={"command": "test"})  # fmt: skip
        tables = {name: (Rows.of(store.read(name)), _map_rows(store, name))
                  for name in ("incidents", "road_closures", "frontlines", "control_areas")}  # fmt: skip
    for name, (frame, rows) in tables.items():
        assert frame.names == rows.names, name
        for column in rows.names:
            assert frame.values(column) == rows.values(column), (name, column)
        assert list(shapely.to_wkb(frame.geometry)) == list(shapely.to_wkb(rows.geometry)), name
    assert all(len(tables[name][1]) > 0 for name in ("incidents", "road_closures", "frontlines"))
    written = []
    for k in (0, 1):  # the read frames (as before, and as notebooks give them), then the plain columns
        folder = tmp_path / f"pages-{k}"
        incidents_, closures, frontlines = (tables[name][k] for name in ("incidents", "road_closures", "frontlines"))
        if k == 0:
            incidents_, closures, frontlines = (table._frame for table in (incidents_, closures, frontlines))
            incidents_, closures = (frame[located_mask(frame)] for frame in (incidents_, closures))
        else:
            incidents_, closures = _mappable(incidents_), _mappable(closures)
        maps.write_day_pages(incidents_, folder, closures=closures, frontlines=frontlines)
        written.append(folder)
    pages = sorted(p.name for p in written[0].glob("*.html"))
    assert len(pages) > 7 and pages == sorted(p.name for p in written[1].glob("*.html"))
    assert filecmp.cmpfiles(written[0], written[1], pages, shallow=False)[0] == pages
