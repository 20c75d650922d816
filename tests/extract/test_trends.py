"""A trend of attacks (تصاعد، تزايد، وتيرة) is a statistic unless a day or harm done pins it (issue 9)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "يشكو أهالي بلدة كفرتخاريم من تزايد الغارات الجوية على بلدتهم.",
    "يلاحظ الأهالي ازدياد القصف الصاروخي على مدينة معرة النعمان.",
    "خفت وتيرة القصف المدفعي على مدينة سراقب بعد الاتفاق.",
    # a weapon's use over a year, told by nouns (the specific-incident model's case before this rule)
    "تزايدت الغارات الجوية على المستشفيات عام 2016.",
])
def test_a_trend_of_attacks_is_no_incident(unplaced, article, text):
    assert unplaced.extract(article("", text)) == []


@pytest.mark.parametrize("text", [
    "تصاعدت الغارات الجوية على مدينة سراقب يوم 4 آذار 2020.",
    "تصاعد القصف على بلدة كفرنبل، وقتل ثلاثة مدنيين.",
])
def test_a_trend_with_its_day_or_its_dead_tells_the_attacks(unplaced, article, text):
    assert len(unplaced.extract(article("", text))) == 1


@pytest.mark.parametrize("text", [
    "تعد مدينة سراقب من أكثر المدن تعرضاً للغارات الجوية خلال عام 2019.",
    "كانت بلدة حيش الأكثر قصفاً في ريف إدلب الجنوبي منذ مطلع العام.",
])
def test_a_ranking_of_places_by_attacks_is_no_incident(unplaced, article, text):
    assert unplaced.extract(article("", text)) == []


def test_a_ranking_beside_the_days_dead_tells_the_attack(unplaced, article):
    text = "قتل ثلاثة مدنيين بقصف على بلدة حيش، وهي من أكثر البلدات تعرضاً للقصف."
    assert len(unplaced.extract(article("", text))) == 1
