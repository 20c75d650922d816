"""Back-end fixtures: every store test runs against a GeoPackage file and a real PostGIS database
(``postgis_schema`` comes from tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.database)])
def store_location(request, tmp_path) -> str:
    """Where a fresh store lives: a .gpkg path or a postgresql:// URL with its own schema."""
    if request.param == "gpkg":
        return str(tmp_path / "store" / "incidents.gpkg")
    return request.getfixturevalue("postgis_schema")
