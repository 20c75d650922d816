"""Fixtures shared by every test package: where the repo and the shared data are.

Tests that need a part that pip cannot install (Chromium, ogrinfo, PostgreSQL) or the shared data
call :func:`require`: locally a missing part skips the test, on CI (env ``CI`` set) it fails.
The PostGIS database comes from ``GEO_INCIDENTS_TEST_DB`` (``.ci/start-postgis`` sets it); each
database test gets a fresh schema in it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
SEED_ARTICLE = SHARED / "seeds" / "000_2aefb38b5cd00e95.txt"


def require(condition: bool, what: str) -> None:
    """Skip locally, fail on CI, when a part the test needs is missing."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing on CI", pytrace=False)
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    require(SHARED_DATA.is_dir(), f"shared data folder {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_article_path() -> Path:
    require(SEED_ARTICLE.is_file(), f"seed article {SEED_ARTICLE}")
    return SEED_ARTICLE


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
