"""The real CLI killed at random moments, run twice at once, and fed daily deliveries: nothing lost, nothing forged.

Each kill test runs the job once cleanly, then again in a fresh folder killed with SIGKILL after a
random delay (seeded), re-runs it to the end and compares the store with the clean one. Temporary files
a killed writer left must be gone after the re-run.
"""

from __future__ import annotations

import random

import pytest

from tests.reliability.helpers import cli, kill_after, start, store_state, temporaries, variants

pytestmark = pytest.mark.slow

SEEDS = (1, 2, 3)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "day1.jsonl").write_text(variants(60, "2025-12-23"), encoding="utf-8")
    (folder / "day2.jsonl").write_text(variants(60, "2025-12-24").replace("(", "[").replace(")", "]"),
                                       encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    cli("run", inputs, "--out", out, "-q", check=True)
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_kill_during_run_then_rerun_equals_a_clean_run(inputs, clean, tmp_path, seed):
    rng = random.Random(seed)
    out = tmp_path / "out"
    process = start("run", inputs, "--out", out, "-q")
    kill_after(process, rng.uniform(1.0, 8.0))
    cli("run", inputs, "--out", out, "-q", check=True)
    assert store_state(out / "incidents.gpkg") == store_state(clean / "incidents.gpkg")
    assert (out / "maps" / "index.html").exists() and (out / "incidents.geojson").exists()
    assert temporaries(out) == []


@pytest.mark.parametrize("seed", SEEDS)
def test_kill_during_map_and_export_leaves_only_complete_files(clean, tmp_path, seed):
    rng = random.Random(seed)
    maps_dir, export_dir = tmp_path / "maps", tmp_path / "export"
    process = start("map", clean / "incidents.gpkg", "--out", maps_dir, "--offline")
    kill_after(process, rng.uniform(0.5, 5.0))
    process = start("export", clean / "incidents.gpkg", "--format", "gpkg", "--out", export_dir)
    kill_after(process, rng.uniform(0.5, 4.0))
    # every file under its final name is complete or absent, never a stub; a temporary the kill left (it
    # may be empty) is swept by the next run, below
    left = set(temporaries(maps_dir)) | set(temporaries(export_dir))
    for path in [*maps_dir.rglob("*.html"), *export_dir.rglob("*.gpkg")]:
        assert path in left or path.stat().st_size > 0, path
    cli("map", clean / "incidents.gpkg", "--out", maps_dir, "--offline", check=True)
    cli("export", clean / "incidents.gpkg", "--format", "gpkg", "--out", export_dir, check=True)
    assert temporaries(maps_dir) == [] and temporaries(export_dir) == []


def test_two_runs_at_once_equal_two_runs_in_turn(inputs, tmp_path):
    together, in_turn = tmp_path / "together", tmp_path / "in_turn"
    first = start("run", inputs / "day1.jsonl", "--out", together, "-q", "--no-maps")
    second = start("run", inputs / "day2.jsonl", "--out", together, "-q", "--no-maps")
    assert first.wait(timeout=600) == 0, first.stderr.read().decode()
    assert second.wait(timeout=600) == 0, second.stderr.read().decode()
    cli("run", inputs / "day1.jsonl", "--out", in_turn, "-q", "--no-maps", check=True)
    cli("run", inputs / "day2.jsonl", "--out", in_turn, "-q", "--no-maps", check=True)
    assert store_state(together / "incidents.gpkg") == store_state(in_turn / "incidents.gpkg")


def test_three_days_of_deliveries_without_ids(tmp_path):
    out = tmp_path / "out"
    today = tmp_path / "today.jsonl"
    for n, day in enumerate(("2025-12-23", "2025-12-24", "2025-12-25")):
        payload = variants(6, day).replace("(", f"[{n}:").replace(")", "]")
        if n == 1:  # one day through stdin, as `cat today.jsonl | geo-incidents run -`
            cli("run", "-", "--out", out, "-q", "--no-maps", stdin=payload.encode(), check=True)
        else:
            today.write_text(payload, encoding="utf-8")
            cli("run", today, "--out", out, "-q", "--no-maps", check=True)
    state = store_state(out / "incidents.gpkg")
    assert len(state["articles"]) == 18
    assert len(state["incidents"]) == 18  # six places a day over three days
    cli("run", today, "--out", out, "-q", "--no-maps", check=True)  # a re-delivery changes nothing
    assert store_state(out / "incidents.gpkg") == state
