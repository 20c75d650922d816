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
