"""The main job gives the same store on both back ends (GeoPackage and PostGIS)."""

from __future__ import annotations

import pytest

from geo_incidents.pipeline import run
from geo_incidents.store import open_store
from tests.conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples" / "reports"
pytestmark = pytest.mark.database


def test_run_into_postgis_matches_geopackage(postgis_schema, tmp_path):
    gpkg = run([EXAMPLES], tmp_path / "gpkg", write_maps=False, progress=False)
    pg = run([EXAMPLES], tmp_path / "pg", store_url=postgis_schema, write_maps=False, progress=False)
    assert pg.incidents_new == gpkg.incidents_new > 0
    assert pg.incidents_by_type == gpkg.incidents_by_type
    with open_store(tmp_path / "gpkg" / "incidents.gpkg") as a, open_store(postgis_schema) as b:
        for layer in ("incidents", "road_closures", "frontlines"):
            left, right = a.read(layer), b.read(layer)
            key = "incident_id" if "incident_id" in left else "frontline_id"
            assert sorted(left[key]) == sorted(right[key]), layer
        assert a.article_hashes() == b.article_hashes()
    # A second run against the database is idempotent too.
    again = run([EXAMPLES], tmp_path / "pg", store_url=postgis_schema, write_maps=False, progress=False)
    assert again.incidents_new == 0 and again.articles_known == again.articles_read
