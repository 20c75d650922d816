"""A small store shared by the export tests, and the independent readers they check files with."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo_incidents.frame import incidents_to_frame
from geo_incidents.store import open_store
from tests.conftest import require
from tests.store.incident_samples import sample_articles, sample_frontline_rows, sample_incidents

DAYS = (date(2024, 3, 1), date(2024, 3, 4))


def write_sample_store(location: str) -> None:
    incidents = sample_incidents()
    rows = [row for day in DAYS for row in sample_frontline_rows(day)]
    with open_store(location) as store:
        store.write_batch(
            sample_articles(incidents),
            incidents_to_frame(incidents),
            frontlines=gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326"),
            run={"command": "test"},
        )


@pytest.fixture(scope="session")
def incidents():
    return sample_incidents()


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "incidents.gpkg"
    write_sample_store(str(path))
    return path


@pytest.fixture(scope="session")
def stored(store_path) -> dict[str, gpd.GeoDataFrame]:
    """What the store holds, layer by layer: the expected content of every export."""
    with open_store(store_path) as store:
        return {name: store.read(name) for name in ("incidents", "road_closures", "frontlines")}


@pytest.fixture
def store(store_path):
    with open_store(store_path) as opened:
        yield opened


def ogr_feature_counts(path: Path, *open_options: str) -> dict[str, int]:
    """Layer -> feature count as GDAL's ``ogrinfo`` (gdal-bin) reports it."""
    require(shutil.which("ogrinfo") is not None, "GDAL's ogrinfo (Debian package gdal-bin)")
    args = ["ogrinfo", "-ro", "-so", "-al", *[arg for o in open_options for arg in ("-oo", o)], str(path)]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "ERROR" not in result.stderr, result.stderr
    names = re.findall(r"^Layer name: (.+)$", result.stdout, re.M)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", result.stdout, re.M)]
    return dict(zip(names, counts, strict=True))


def ogr_dump(path: Path, *open_options: str) -> bytes:
    """Every feature as ``ogrinfo`` prints it, raw bytes (to compare Arabic byte for byte)."""
    require(shutil.which("ogrinfo") is not None, "GDAL's ogrinfo (Debian package gdal-bin)")
    args = ["ogrinfo", "-ro", "-al", "-q", *[arg for o in open_options for arg in ("-oo", o)], str(path)]
    return subprocess.run(args, capture_output=True, check=True).stdout


def as_text(values) -> list[str]:
    return ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in values]
