"""The same incident from several reports becomes one, with every source kept."""

from __future__ import annotations

from datetime import date

from geo_incidents.extraction import merge_incidents


def test_two_reports_of_one_strike_merge(tiny_extractor, article):
    first = article("غارة جوية على كفرنبل", "قتل ثلاثة مدنيين بغارة جوية على كفرنبل اليوم.", aid="a",
                    source="مصدر أ", url="https://example.org/a")
    second = article("مقتل خمسة بغارة على كفرنبل", "ارتفع عدد القتلى إلى خمسة بعد غارة جوية استهدفت بلدة كفرنبل اليوم.",
                     aid="b", source="مصدر ب", url="https://example.org/b")
    other_day = article("غارة جوية على كفرنبل", "غارة جوية على كفرنبل اليوم.", aid="c",
                        published=date(2025, 12, 20))
    incidents = [i for a in (first, second, other_day) for i in tiny_extractor.extract(a)]
    merged = merge_incidents(incidents)
    assert len(merged) == 2
    [both] = [m for m in merged if len(m.article_ids) > 1]
    assert both.article_ids == ["a", "b"]
    assert both.source == "مصدر أ;مصدر ب"
    assert both.source_urls == ["https://example.org/a", "https://example.org/b"]
    assert (both.fatalities_low, both.fatalities_high) == (5, 5)
    assert both.fatalities == 5
    assert both.civilian_casualties
    assert both.confidence == max(i.confidence for i in incidents if i.article_ids[0] in "ab")


def test_merge_id_does_not_depend_on_input_order(tiny_extractor, article):
    a = article("قصف مدفعي على سراقب اليوم", aid="a")
    b = article("قصف مدفعي على سراقب اليوم", aid="b")
    one = merge_incidents([*tiny_extractor.extract(a), *tiny_extractor.extract(b)])
    two = merge_incidents([*tiny_extractor.extract(b), *tiny_extractor.extract(a)])
    assert [i.incident_id for i in one] == [i.incident_id for i in two]
    assert sorted(one[0].article_ids) == ["a", "b"]


def test_different_places_or_types_stay_apart(tiny_extractor, article):
    incidents = [
        *tiny_extractor.extract(article("قصف مدفعي على سراقب اليوم", aid="a")),
        *tiny_extractor.extract(article("قصف مدفعي على كفرنبل اليوم", aid="b")),
        *tiny_extractor.extract(article("اشتباكات في سراقب اليوم", aid="c")),
    ]
    assert len(merge_incidents(incidents)) == 3
