"""The hand-annotated Syrian Archive passages: keys, coordinates and split are as the README says."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO_ROOT / "tests" / "data" / "syrian_archive_annotations.jsonl"
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from dev_split import half_of, tune_fold  # noqa: E402

SUB_TYPES = {
    "Explosions/Remote violence": {"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon",
                                   "Remote explosive/landmine/IED", "Grenade", "Suicide bomb"},
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
}


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def passages(shared_data) -> dict:
    corpus = shared_data / "dev-corpus" / "syrian_archive_passages.jsonl"
    rows = (json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(r["source_path"], r["id"]): r for r in rows}


def _events(label: dict):
    yield from label["events"]
    yield from label.get("background", [])


def test_every_label_is_a_corpus_passage_once(labels, passages):
    keys = [(label["source_path"], label["id"]) for label in labels]
    assert len(keys) >= 200
    assert len(set(keys)) == len(keys)
    assert all(key in passages for key in keys)


def test_whole_reports_on_both_halves(labels, passages):
    per_report = Counter(label["source_path"] for label in labels)
    in_corpus = Counter(source for source, _ in passages)
    assert all(per_report[report] == in_corpus[report] for report in per_report), "reports are annotated whole"
    halves = Counter(half_of(label["source_path"]) for label in labels)
    assert halves["tune"] >= 80 and halves["heldout"] >= 80, halves


def test_the_tune_half_has_two_fixed_folds_by_report(labels):
    """``eval_syrian_archive.py --folds``: a change is judged on the tune fold whose errors were not read."""
    tune = [label for label in labels if half_of(label["source_path"]) == "tune"]
    assert Counter(tune_fold(label["source_path"]) for label in tune) == {"a": 95, "b": 94}
    per_report = {}
    for label in tune:
        per_report.setdefault(label["source_path"], set()).add(tune_fold(label["source_path"]))
    assert all(len(folds) == 1 for folds in per_report.values())


def test_labels_follow_the_codebook_and_the_format(labels):
    for label in labels:
        assert label["incident"] == bool(label["events"]), label["id"]
        for event in _events(label):
            assert event["sub_event_type"] in SUB_TYPES[event["event_type"]], label["id"]
            assert event["date"] == "" or event["date"][:4].isdigit(), label["id"]
            for site in event["sites"]:
                assert site["level"] in {"community", "neighbourhood", "city", "governorate"}, label["id"]
                assert site["pcode"] in site["source"], label["id"]


def test_coordinates_come_from_the_ocha_files(labels, shared_data):
    communities = json.loads((shared_data / "ocha" / "syr_admin4_point.geojson").read_text(encoding="utf-8",
                                                                                            errors="replace"))
    points = {f["properties"]["PCODE"]: (f["properties"]["LATITUDE"], f["properties"]["LONGITUDE"])
              for f in communities["features"]}
    neighbourhoods = json.loads((shared_data / "aleppo" / "neighbourhoods_ocha.json").read_text(encoding="utf-8"))
    points.update({n["pCode"]: (n["centerLatitude"], n["centerLongitude"]) for n in neighbourhoods["items"]})
    from shapely.geometry import Point, shape

    governorates = json.loads((shared_data / "ocha" / "syr_admin1.geojson").read_text(encoding="utf-8"))
    polygons = {f["properties"]["PCODE"]: shape(f["geometry"]) for f in governorates["features"]}
    for label in labels:
        for event in _events(label):
            for site in event["sites"]:
                if site["level"] == "governorate":
                    assert polygons[site["pcode"]].contains(Point(site["lon"], site["lat"])), label["id"]
                else:
                    lat, lon = points[site["pcode"]]
                    assert abs(lat - site["lat"]) < 1e-4 and abs(lon - site["lon"]) < 1e-4, label["id"]


def test_no_label_quotes_the_passage(labels, passages):
    """Labels are ids and our own words: no 25-character stretch of a passage is copied into them."""
    for label in labels:
        text = passages[(label["source_path"], label["id"])]["text"]
        ours = json.dumps({k: v for k, v in label.items() if k not in ("id", "source_path")}, ensure_ascii=False)
        for start in range(0, max(0, len(ours) - 25)):
            chunk = ours[start:start + 25]
            assert chunk not in text, (label["id"], chunk)
