"""Fixtures shared by every test package: where the repo and the shared data are.

Tests that need a part that pip cannot install (Chromium, ogrinfo, PostgreSQL) or the shared data
call :func:`require`: locally a missing part skips the test, on CI (env ``CI`` set) it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

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
