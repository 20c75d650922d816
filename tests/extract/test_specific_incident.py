"""A specific incident, or talk of attacks: the fitted decision of :mod:`geo_incidents.extraction.specific`.

Every sentence here is our own; places come from the tiny test gazetteer (كفرنبل، معرة النعمان،
سراقب، إدلب).
"""

from __future__ import annotations

import json

import pytest

from geo_incidents.extraction import Extractor
from geo_incidents.extraction.specific import FEATURES, WEIGHTS_NAME, load_model
from tests.extract.conftest import make_article


@pytest.fixture(scope="module")
def extractor(tiny_gazetteer) -> Extractor:
    return Extractor(tiny_gazetteer, keep_unplaced=True)


def test_the_committed_weights_match_the_features(extractor):
    data = json.loads((extractor.lexicon.folder / WEIGHTS_NAME).read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    assert len(data["weights"]) == len(FEATURES) and 0 < data["threshold"] < 1
    assert data["script"] == "benchmarks/fit_specific_incident.py"
    assert extractor.specific_model is not None
    weights = dict(zip(FEATURES, data["weights"], strict=True))
    # what pins an incident counts for it, what marks talk of attacks against it
    assert weights["own_place"] > 0 and weights["day"] > 0 and weights["casualties"] > 0
    assert weights["list_item"] < 0 and weights["report"] < 0 and weights["coarse_date"] < 0


@pytest.mark.parametrize("text", [
    "قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018.",
    "سقطت قذائف هاون على مدينة سراقب وأصيب طفلان.",
    "شنت الطائرات الحربية ثلاث غارات على مدينة سراقب.",
    "قتل ثلاثة مدنيين بغارة جوية أمس.",
])
def test_a_specific_incident_stands(extractor, text):
    incidents = extractor.extract(make_article("", text))
    assert incidents, extractor.last_decisions
    assert all(d.kept for d in extractor.last_decisions)


@pytest.mark.parametrize("text", [
    # items of a data page's list: kinds of evidence, no attack of their own
    "3- صور لغارات على محطات المياه نفذتها القوات الروسية.",
    "* تحليل لحوادث معينة حول الهجمات بالقنابل العنقودية.",
    # a report's finding over a month: a statistic
    "وثق التقرير الغارات الجوية التي شنتها القوات الروسية خلال شهر آذار 2017.",
])
def test_talk_of_attacks_is_no_incident(extractor, text):
    assert extractor.extract(make_article("", text)) == []
    decisions = extractor.last_decisions
    assert decisions and not any(d.kept for d in decisions)
    assert all(d.reason.startswith("specific incident: 0.") for d in decisions)


def test_without_weights_every_event_stands(tiny_gazetteer, tmp_path):
    assert load_model(tmp_path) is None
    extractor = Extractor(tiny_gazetteer, keep_unplaced=True)
    extractor.specific_model = None
    assert extractor.extract(make_article("", "3- صور لغارات على محطات المياه نفذتها القوات الروسية."))
    assert [d.kept for d in extractor.last_decisions] == [True]


def test_a_decision_points_at_its_sentence(extractor):
    title, text = "", "عقد المجلس المحلي اجتماعاً. 3- صور لغارات على محطات المياه نفذتها القوات الروسية."
    article = make_article(title, text)
    extractor.extract(article)
    (decision,) = extractor.last_decisions
    assert article.full_text[decision.start:decision.end].startswith("3- صور لغارات")
