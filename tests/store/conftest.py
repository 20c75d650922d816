"""Back-end fixtures: every store test runs against a GeoPackage file and a real PostGIS database.

The database comes from ``GEO_INCIDENTS_TEST_DB`` (``.ci/start-postgis`` sets it). Locally the
PostGIS cases skip when it is unset; under CI (env ``CI`` set) a missing or unreachable database
fails them, so CI cannot pass without testing PostGIS.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest


def database_url() -> str:
    """The test database URL, or skip/fail (under CI) when it is missing or unreachable."""
    url = os.environ.get("GEO_INCIDENTS_TEST_DB", "")
    problem = ""
    if not url:
        problem = "GEO_INCIDENTS_TEST_DB is not set (source .ci/start-postgis)"
    else:
        import psycopg

        try:
            with psycopg.connect(url, connect_timeout=5) as conn:
                conn.execute("SELECT postgis_version()")
        except Exception as exc:  # any failure to reach PostGIS means the same to the tests
            problem = f"cannot use PostGIS at GEO_INCIDENTS_TEST_DB: {exc}"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return url


def schema_url(url: str, schema: str) -> str:
    """The same database, with tables going to ``schema`` (PostGIS functions stay on the path)."""
    options = quote(f"-csearch_path={schema},public", safe="")
    return f"{url}{'&' if '?' in url else '?'}options={options}"


@pytest.fixture
def postgis_schema() -> Iterator[str]:
    """A fresh schema in the test database, dropped afterwards; yields its URL."""
    import psycopg

    url = database_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema_url(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.database)])
def store_location(request, tmp_path) -> str:
    """Where a fresh store lives: a .gpkg path or a postgresql:// URL with its own schema."""
    if request.param == "gpkg":
        return str(tmp_path / "store" / "incidents.gpkg")
    return request.getfixturevalue("postgis_schema")
