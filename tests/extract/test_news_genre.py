"""Floors on our own news-genre and investigation-prose check sets (``tests/data/news_genre_check.jsonl``,
``tests/data/prose_genre_check.jsonl``).

The sentences are written by us: a specific incident of each ACLED means, some told as plainly as
news tells them (an actor's act with no place or day), and the news that reports no incident
(diplomacy, statements, analysis, law, method notes, summaries, a weapon described in general).
``benchmarks/eval_news_genre.py`` prints the figures and, the text being ours, the errors; the
floors sit just under the figures of the last landing (``benchmarks/README.md``, issue 9).  The prose set
holds passages in the style of investigation reports (method, geolocation, munition remnants, the facility,
statistics, history, witnesses, attributions, threats), mostly without an incident, and incidents told
as investigations tell them.
"""

from __future__ import annotations

import pytest

from geo_incidents.extraction import Extractor
from tests.extract.conftest import load_benchmark


@pytest.fixture(scope="module")
def news():
    return load_benchmark("eval_news_genre")


@pytest.fixture(scope="module")
def extractor(default_gazetteer) -> Extractor:
    return Extractor(default_gazetteer, keep_unplaced=True)


@pytest.fixture(scope="module")
def scores(news, extractor):
    return news.evaluate(news.load_rows(), extractor)


def test_the_set_covers_both_kinds(news):
    rows = news.load_rows()
    assert len(rows) >= 40
    assert sum(r["incident"] for r in rows) >= 20 and sum(not r["incident"] for r in rows) >= 15
    assert len({r["id"] for r in rows}) == len(rows)
    assert all((r["event_type"] == "none") != r["incident"] for r in rows)


def test_news_genre_floors(scores):
    assert scores["incident_accuracy"] >= 0.96, scores
    assert scores["event_type_accuracy_on_incidents"] >= 0.97, scores
    assert scores["sub_event_type_accuracy"] >= 0.95, scores
    assert scores["quiet_on_non_incidents"] >= 0.93, scores


def test_an_act_told_plainly_is_an_incident(news, extractor):
    """An actor's act with no place or day (قصفت قوات النظام المشفى بقذائف المدفعية) is news's plainest
    incident; every one of the set stands with its means."""
    for row in news.load_rows():
        if row["kind"] in ("air_bare", "shelling_bare", "ied_bare"):
            assert news.predict(extractor, row) == (row["event_type"], row["sub_event_type"]), row["text"]


#: the kinds of passage the investigation-prose set must hold (tests/data/README.md)
PROSE_KINDS = {"inv_method", "inv_geolocation", "inv_remnants", "inv_facility", "inv_statistic", "inv_history",
               "inv_witness_none", "inv_attribution", "inv_threat", "inv_aftermath", "inv_recommendation",
               "inv_incident"}


@pytest.fixture(scope="module")
def prose_rows(news):
    return news.load_rows(news.PROSE_SET)


@pytest.fixture(scope="module")
def prose_scores(news, prose_rows, extractor):
    return news.evaluate(prose_rows, extractor)


def test_the_prose_set_covers_its_kinds(prose_rows):
    assert len(prose_rows) >= 140
    assert {r["kind"] for r in prose_rows} == PROSE_KINDS
    assert sum(r["incident"] for r in prose_rows) >= 60 and sum(not r["incident"] for r in prose_rows) >= 70
    assert len({r["id"] for r in prose_rows}) == len(prose_rows)
    assert all((r["event_type"] == "none") != r["incident"] for r in prose_rows)
    assert all(r["incident"] == (r["kind"] == "inv_incident") for r in prose_rows)


def test_prose_genre_floors(prose_scores):
    assert prose_scores["incident_accuracy"] >= 0.97, prose_scores
    assert prose_scores["event_type_accuracy_on_incidents"] >= 0.95, prose_scores
    assert prose_scores["sub_event_type_accuracy"] >= 0.96, prose_scores
    assert prose_scores["quiet_on_non_incidents"] >= 0.96, prose_scores
