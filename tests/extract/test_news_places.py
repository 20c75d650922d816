"""Floors on our own news-genre place check set (``tests/data/news_place_check.jsonl``).

Short news items and passages in the style of investigation prose written by us, each with the OCHA
pcodes of its incidents' sites: the region named next to a town, destinations of the wounded and the
displaced, the origin of fire, a statement's place, background, diplomacy, no precise site, place
names inside a channel, a family name or a time zone, several sites, Aleppo quarters, Kurdish names,
and how investigations tell an incident. ``benchmarks/eval_news_places.py`` prints the
figures and the errors; the floors sit just under the figures of the last landing
(``benchmarks/README.md``, issue 9).
"""

from __future__ import annotations

import pytest

from geo_incidents.extraction import Extractor
from tests.extract.conftest import load_benchmark


@pytest.fixture(scope="module")
def places():
    return load_benchmark("eval_news_places")


@pytest.fixture(scope="module")
def rows(places, shared_data):
    return places.load_rows()


def test_every_labelled_site_is_an_ocha_place(rows):
    assert len(rows) >= 115 and len({r["id"] for r in rows}) == len(rows)
    assert sum(r["kind"].startswith("prose_") for r in rows) >= 40
    assert sum(not r["sites"] for r in rows) >= 5
    assert all(site["level"] in ("community", "neighbourhood", "city") and site["lat"]
               for r in rows for site in r["sites"] + r["background"])


def test_news_place_floors(places, rows, default_gazetteer):
    scores = places.evaluate(rows, Extractor(default_gazetteer), default_gazetteer)
    assert scores["place"]["f1"] >= 0.97, scores
    assert scores["place"]["precision"] >= 0.97, scores
    assert scores["items_exactly_right"] >= 0.95, scores


    assert scores["place"]["f1"] >= 0.90, scores
    assert scores["place"]["precision"] >= 0.89, scores
    assert scores["items_exactly_right"] >= 0.85, scores


def test_regional_news_floors(places, default_gazetteer):
    """The items about other Arab countries' conflicts (``--regional``): sites abroad with their own points."""
    rows = places.load_rows(places.REGIONAL_SET)
    assert len(rows) >= 75 and all(site["lat"] and site["country"] for r in rows for site in r["sites"])
    assert sum(not r["sites"] for r in rows) >= 9
    scores = places.evaluate(rows, Extractor(default_gazetteer), default_gazetteer)
    assert scores["place"]["f1"] >= 0.87, scores
    assert scores["place"]["precision"] >= 0.96, scores
