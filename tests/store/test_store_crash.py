"""kill -9 during a large ingest leaves the previous complete state, and a re-run finishes the job.

Also: the GeoPackage store opens in GDAL (``ogrinfo``, pyogrio) like any other GeoPackage.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from shapely import wkb

from geo_incidents.frame import incidents_to_frame
from geo_incidents.store import open_store
from tests.conftest import require
from tests.store.incident_samples import sample_articles, sample_incidents

WORKER = Path(__file__).with_name("ingest_worker.py")
BULK = 20_000
BULK_ARTICLES = BULK // 4
KILL_DELAYS = (0.05, 0.25, 0.6)


def state(location: str) -> tuple[int, int, int, int]:
    """(points, bulk incidents, articles, bulk articles) as the store holds them now."""
    with open_store(location) as store:
        points = store.read("incidents")
        articles = store.read("articles")
    bulk = int(points["incident_id"].str.startswith("bulk-").sum())
    bulk_articles = int(articles["id"].str.startswith("bulk-art-").sum())
    return len(points), bulk, len(articles), bulk_articles


def start_worker(location: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), location, str(BULK)], stdout=subprocess.PIPE, text=True
    )


@pytest.mark.slow
def test_kill_9_during_ingest_keeps_a_complete_state(store_location):
    incidents = sample_incidents(60)
    with open_store(store_location) as store:
        store.write_batch(sample_articles(incidents), incidents_to_frame(incidents), run={"command": "old"})
    old = state(store_location)
    new = (old[0] + BULK, BULK, old[2] + BULK_ARTICLES, BULK_ARTICLES)

    seen = []
    for delay in KILL_DELAYS:
        worker = start_worker(store_location)
        assert worker.stdout.readline() == "writing\n"
        time.sleep(delay)
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
        now = state(store_location)
        assert now in (old, new), f"partial state after kill at +{delay}s: {now}"
        seen.append(now)
    assert old in seen, "no kill landed during the write; make the ingest larger"

    worker = start_worker(store_location)
    out, _ = worker.communicate(timeout=120)
    assert worker.returncode == 0 and out.splitlines()[-1] == "done"
    assert state(store_location) == new
    if store_location.endswith(".gpkg"):
        conn = sqlite3.connect(store_location)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
        assert not os.path.exists(store_location + "-journal")


@pytest.mark.slow
def test_two_processes_writing_at_once_both_finish(store_location):
    open_store(store_location).close()
    workers = [
        subprocess.Popen([sys.executable, str(WORKER), store_location, str(n)], stdout=subprocess.PIPE, text=True)
        for n in (3_000, 5_000)
    ]
    outputs = [worker.communicate(timeout=120)[0] for worker in workers]
    assert [w.returncode for w in workers] == [0, 0]
    assert all(out.splitlines()[-1] == "done" for out in outputs)
    # The batches overlap (same ids): the larger one is a superset, whichever ran second.
    assert state(store_location) == (5_000, 5_000, 5_000 // 4, 5_000 // 4)
    with open_store(store_location) as store:
        assert len(store.read("runs")) == 2


def test_geopackage_store_opens_in_gdal(tmp_path):
    location = str(tmp_path / "incidents.gpkg")
    incidents = sample_incidents(60)
    with open_store(location) as store:
        store.write_batch(sample_articles(incidents), incidents_to_frame(incidents), run={"command": "t"})
        ours = {name: store.read(name) for name in ("incidents", "road_closures", "articles", "runs")}

    import pyogrio

    layers = dict(pyogrio.list_layers(location))
    assert layers == {
        "incidents": "Point",
        "road_closures": "LineString",
        "frontlines": "LineString",
        "control_areas": "Polygon",
        "places": "Point",
        "articles": None,
        "runs": None,
        "corrections": None,
    }
    theirs = pyogrio.read_dataframe(location, layer="incidents")
    # GDAL sees the store-only column too (analysts' rejections); our reads leave it out.
    assert list(theirs.columns) == [*ours["incidents"].columns[:-1], "rejected", "geometry"]
    assert list(theirs["location"]) == list(ours["incidents"]["location"])
    assert list(theirs["actor1_ar"]) == list(ours["incidents"]["actor1_ar"])
    for a, b in zip(theirs.geometry, ours["incidents"].geometry, strict=True):
        assert (a is None and b is None) or wkb.dumps(a) == wkb.dumps(b)

    require(shutil.which("ogrinfo") is not None, "GDAL's ogrinfo (Debian package gdal-bin)")
    info = subprocess.run(["ogrinfo", "-ro", "-so", "-al", location], capture_output=True, text=True, check=True)
    assert "ERROR" not in info.stderr
    for name, frame in ours.items():
        block = info.stdout.split(f"Layer name: {name}\n", 1)[1]
        assert f"Feature Count: {len(frame)}\n" in block.split("Layer name:", 1)[0]
    dump = subprocess.run(["ogrinfo", "-ro", "-q", location, "incidents"], capture_output=True, check=True).stdout
    for name in set(ours["incidents"]["location"]):
        assert f"location (String) = {name}\n".encode() in dump


def test_store_stays_writable_after_gdal_adds_a_spatial_index(tmp_path):
    require(shutil.which("ogrinfo") is not None, "GDAL's ogrinfo (Debian package gdal-bin)")
    location = str(tmp_path / "incidents.gpkg")
    incidents = sample_incidents(40)
    with open_store(location) as store:
        store.write_batch([], incidents_to_frame(incidents[:20]), run={})
    subprocess.run(["ogrinfo", location, "-sql", "SELECT CreateSpatialIndex('incidents', 'geometry')"],
                   capture_output=True, check=True)
    with open_store(location) as store:
        store.write_batch([], incidents_to_frame(incidents[20:]), run={})
        expected = len(store.read("incidents").dropna(subset=["geometry"]))
    conn = sqlite3.connect(location)
    assert conn.execute("SELECT count(*) FROM rtree_incidents_geometry").fetchone() == (expected,)
    conn.close()
    far = subprocess.run(["ogrinfo", "-ro", "-q", "-spat", "0", "0", "1", "1", location, "incidents"],
                         capture_output=True, text=True, check=True).stdout
    assert "OGRFeature" not in far  # the index answers spatial queries
