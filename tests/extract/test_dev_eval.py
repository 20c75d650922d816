"""Floors on the hand-annotated development titles (benchmarks/eval_dev.py prints the figures).

Measured when written (200 titles, default gazetteer): event type P 0.96 / R 0.92 / F1 0.94;
place P 0.96 / R 0.69 / F1 0.80 (most misses are places the bundled gazetteer does not hold).
The floors sit below those so that a regression fails, not ordinary noise.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from geo_incidents.extract import Extractor

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def eval_dev():
    spec = importlib.util.spec_from_file_location("eval_dev", REPO_ROOT / "benchmarks" / "eval_dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(eval_dev, shared_data, default_gazetteer):
    rows = eval_dev.load_rows(corpus=shared_data / "dev-corpus" / "aleppo_video_titles.jsonl")
    assert len(rows) >= 150
    return eval_dev.evaluate(rows, Extractor(default_gazetteer, keep_unplaced=True), default_gazetteer)


def test_event_type_floor(scores):
    event = scores["event_type"]
    assert event["f1"] >= 0.85, event
    assert event["precision"] >= 0.88, event
    assert event["sub_event_type_accuracy_on_tp"] >= 0.9, event


def test_place_floor(scores):
    place = scores["place"]
    assert place["f1"] >= 0.70, place
    assert place["precision"] >= 0.85, place
