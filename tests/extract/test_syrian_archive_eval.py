"""Floors on the held-out half of the hand-annotated Syrian Archive passages.

``benchmarks/eval_syrian_archive.py`` prints the figures (both halves, with and without the rows
marked uncertain); ``benchmarks/README.md`` keeps their history.  The floors sit a little below
the held-out figures measured with the bundled gazetteer, so that a regression fails, not noise.
They were set again when the other 35 reports were annotated (121 -> 206 held-out passages): the
figures of the larger set are lower because its method and data pages yield incidents.  With the
fitted "specific incident" decision (``extraction/specific.py``) type and sub-type rose and the floors
with them; the date floor fell (two held-out incident passages read alone now yield nothing).
"""

from __future__ import annotations

import pytest

from geo_incidents.extraction import Extractor
from tests.extract.conftest import load_benchmark


@pytest.fixture(scope="module")
def eval_sa():
    return load_benchmark("eval_syrian_archive")


@pytest.fixture(scope="module")
def halves(eval_sa, shared_data):
    rows = eval_sa.load_rows(corpus=shared_data / "dev-corpus" / "syrian_archive_passages.jsonl")
    assert len(rows) >= 200
    return eval_sa.split_rows(rows)


@pytest.fixture(scope="module")
def heldout(eval_sa, halves, default_gazetteer):
    return eval_sa.evaluate(halves["heldout"], Extractor(default_gazetteer, keep_unplaced=True), default_gazetteer)


def test_both_halves_are_scored(halves):
    assert len(halves["tune"]) >= 80 and len(halves["heldout"]) >= 80


def test_heldout_event_type_floor(heldout):
    assert heldout["event_type_accuracy"] >= 0.84, heldout
    # an incident passage read alone that only refers to the attack ("the attack", a weapon named with
    # nothing that pins it) may yield none: its report gives it (the in-report floor below holds that)
    assert heldout["event_type_accuracy_on_incidents"] >= 0.80, heldout


def test_heldout_sub_event_type_floor(heldout):
    assert heldout["sub_event_type_accuracy"] >= 0.77, heldout


def test_heldout_place_floor(heldout):
    assert heldout["place"]["f1"] >= 0.74, heldout
    assert heldout["place"]["recall"] >= 0.84, heldout


def test_heldout_date_floor(heldout):
    assert heldout["date_accuracy"] >= 0.57, heldout


@pytest.fixture(scope="module")
def heldout_in_report(eval_sa, halves, default_gazetteer):
    extractor = Extractor(default_gazetteer, keep_unplaced=True)
    return eval_sa.evaluate(halves["heldout"], extractor, default_gazetteer, mode="report")


def test_heldout_in_report_floor(heldout_in_report):
    assert heldout_in_report["event_type_accuracy"] >= 0.84, heldout_in_report
    assert heldout_in_report["event_type_accuracy_on_incidents"] >= 0.89, heldout_in_report
    assert heldout_in_report["sub_event_type_accuracy"] >= 0.79, heldout_in_report
    # places per report: the report's distinct pins against its distinct labelled sites
    assert heldout_in_report["place"]["f1"] >= 0.80, heldout_in_report


def test_in_report_mode_gives_each_passage_what_it_tells(eval_sa, tiny_gazetteer):
    """Our own three-passage report: the strike, a witness's "the shelling" with harm, a meeting."""
    texts = ("قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018.", "وقال مسعف إن القصف أدى إلى مقتل ثلاثة مدنيين.",
             "عقد المجلس المحلي اجتماعاً.")
    passages = [{"source_path": "r.md", "id": f"p{n}", "text": t, "position": n} for n, t in enumerate(texts)]
    per_passage, (incidents, sites) = eval_sa.predict_in_report(
        Extractor(tiny_gazetteer, keep_unplaced=True), tiny_gazetteer, passages)
    assert [[i.sub_event_type for i in found] for found, _ in per_passage] == [
        ["Air/drone strike"], ["Air/drone strike"], []]
    assert len(incidents) == 1 and [s["location"] for s in sites] == ["كفرنبل"]


def test_sites_are_paired_so_that_the_most_match(eval_sa):
    """A pin near two labelled villages and a pin near one of them are two hits, whichever comes
    first (a greedy pairing gave the first pin the second pin's only village)."""
    near_both = {"names": set(), "lat": 36.005, "lon": 36.0, "location": "a"}
    near_first = {"names": set(), "lat": 35.97, "lon": 36.0, "location": "b"}
    first = {"name": "س", "level": "community", "lat": 35.98, "lon": 36.0}
    second = {"name": "ص", "level": "community", "lat": 36.03, "lon": 36.0}
    tp, fp, fn, wrong = eval_sa.match_sites([near_both, near_first], [first, second], [])
    assert (tp, fp, fn, wrong) == (2, 0, 0, [])
    tp, fp, fn, wrong = eval_sa.match_sites([near_first, near_first | {"location": "c"}], [first], [])
    assert (tp, fp, fn) == (1, 1, 0) and [w["location"] for w in wrong] == ["c"]
