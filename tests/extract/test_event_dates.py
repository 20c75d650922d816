"""Dates: explicit, relative to publication, ACLED precision, and the publication-date fallback."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer.normalize import fold_text
from geo_incidents.extraction.dates import DateFinder
from geo_incidents.extraction.lexicon import Lexicon

WEDNESDAY = date(2025, 12, 24)


@pytest.fixture(scope="module")
def finder() -> DateFinder:
    return DateFinder(Lexicon().dates)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("في بيان نشرته الوزارة اليوم الأربعاء", date(2025, 12, 24), 1),
        ("مساء أمس", date(2025, 12, 23), 1),
        ("أول أمس", date(2025, 12, 22), 1),
        ("يوم الاثنين", date(2025, 12, 22), 1),
        ("الأربعاء الماضي", date(2025, 12, 17), 1),
        ("الأسبوع الماضي", date(2025, 12, 17), 2),
        ("العام الماضي", date(2024, 12, 24), 3),
        ("في السنة الماضية", date(2024, 12, 24), 3),
        ("في 3 كانون الأول 2024", date(2024, 12, 3), 1),
        ("في 10 مارس الماضي", date(2025, 3, 10), 1),
        ("في 28 ديسمبر", date(2024, 12, 28), 1),  # after publication: last year
        ("خلال شهر نيسان 2016", date(2016, 4, 1), 3),
        ("قصف 17-10-2012 ج2", date(2012, 10, 17), 1),
        ("مظاهرة ٦-١٠-٢٠١٥", date(2015, 10, 6), 1),
        ("حي الصالحين 9_21_2015", date(2015, 9, 21), 1),
        ("وقفة 20 / 5 / 2015", date(2015, 5, 20), 1),
        ("الحركة التجارية 2013-10-22", date(2013, 10, 22), 1),
    ],
)
def test_dates_found(finder, text, expected, precision):
    [found] = finder.find(fold_text(text).text, WEDNESDAY)
    assert (found.day, found.precision) == (expected, precision)


def test_relative_words_need_a_publication_date(finder):
    assert finder.find(fold_text("اشتباكات اليوم").text, None) == []
    assert [d.day for d in finder.find(fold_text("اشتباكات 5-1-2015").text, None)] == [date(2015, 1, 5)]


def test_no_date_from_bare_month_or_invalid_digits(finder):
    assert finder.find(fold_text("ذكرى آذار وثورة أيار").text, WEDNESDAY) == []
    assert finder.find(fold_text("رقم 45-77-2015").text, WEDNESDAY) == []


def test_background_of_last_year_keeps_its_own_date(tiny_extractor, article):
    """A past event cited as background is dated by its own time phrase, not the report's day; a day
    named beside the phrase dates it more precisely."""
    incidents = tiny_extractor.extract(article("وكانت البلدة قد تعرضت لقصف مدفعي العام الماضي في كفرنبل"))
    assert [(i.event_date, i.time_precision) for i in incidents] == [(date(2024, 12, 24), 3)]
    incidents = tiny_extractor.extract(article("ذكرى قصف مدفعي على كفرنبل العام الماضي في 28-3-2025"))
    assert [(i.event_date, i.time_precision) for i in incidents] == [(date(2025, 3, 28), 1)]


def test_event_date_falls_back_to_publication_with_flag(tiny_extractor, article):
    [inc] = tiny_extractor.extract(article("قصف مدفعي على كفرنبل"))
    assert inc.event_date == WEDNESDAY and inc.time_precision == 2
    assert "publication date used" in inc.notes


def test_same_day_report_gets_day_precision(tiny_extractor, article):
    text = "أفاد مراسلنا اليوم بأن الوضع متوتر. وتشهد بلدة كفرنبل قصفا مدفعيا متواصلا."
    [inc] = tiny_extractor.extract(article("كفرنبل", text))
    assert inc.event_date == WEDNESDAY and inc.time_precision == 1


def test_date_in_the_event_sentence_wins(tiny_extractor, article):
    [inc] = tiny_extractor.extract(article("تقرير", "قصفت طائرات حربية مساء أمس الثلاثاء بلدة كفرنبل."))
    assert inc.event_date == date(2025, 12, 23) and inc.time_precision == 1
    assert "publication" not in inc.notes


def test_no_publication_no_date(tiny_extractor, article):
    [inc] = tiny_extractor.extract(article("قصف مدفعي على كفرنبل", published=None))
    assert inc.event_date is None and inc.time_precision == 3
