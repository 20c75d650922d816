"""Floors on the IDRISI location mentions, held-out events (benchmarks/eval_idrisi.py prints the figures).

The held-out half (Beirut explosion, Dragon storms, Hafr Al-Batin and Kuwait floods) is never read for
errors; ``benchmarks/README.md`` keeps the history. Measured: mention span P 0.87 / F1 0.83 by marked
string (0.75 / 0.73 by offset, an offset being each marked string's first occurrence), top candidate
within 161 km for 0.836 of the mentions (the issue's target 0.85 is not reached yet). The floors sit a
little below the measured level so that a regression fails, not noise.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def heldout(shared_data, default_gz):
    spec = importlib.util.spec_from_file_location("eval_idrisi", REPO_ROOT / "benchmarks" / "eval_idrisi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.LMR = shared_data / "idrisi" / "lmr_ar_train.jsonl"
    module.LMD = shared_data / "idrisi" / "lmd_ar_train.jsonl"
    return module.evaluate(default_gz, ("heldout",))["heldout"]


def test_the_heldout_half_is_the_four_heldout_events(heldout):
    assert heldout["events"] == ["beirut_explosion_2020", "dragon_storms_2020", "hafr_albatin_floods_2019",
                                 "kuwait_floods_2018"]


def test_heldout_mention_span_floor(heldout):
    assert heldout["mentions"]["f1"] >= 0.81, heldout["mentions"]
    assert heldout["mentions"]["precision"] >= 0.86, heldout["mentions"]
    assert heldout["mentions_by_offset"]["f1"] >= 0.71, heldout["mentions_by_offset"]


def test_heldout_resolution_floor(heldout):
    assert heldout["resolution"]["within_161km"] >= 0.82, heldout["resolution"]
