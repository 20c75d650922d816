"""A past event cited in a report (an anniversary, سبق أن, the pluperfect with an earlier time, a charge)
keeps its own date or is left out: never an incident at the report's date (ACLED; issue 9)."""

from __future__ import annotations

from datetime import date

import pytest

from geo_incidents.model import EventType


@pytest.mark.parametrize("text", [
    # an anniversary alone names the past event, not one of the report's day
    "تحل اليوم الذكرى الرابعة لمجزرة السوق الشعبي في مدينة أريحا.",
    "ذكرى القصف الكيماوي على بلدة سرمين.",
    "وزعت جمعية أهلية الورود على الأطفال بمناسبة ذكرى الغارة على مدرسة البلدة في مدينة سراقب.",
    # سبق أن: what came before the report
    "سبق أن تعرض مشفى بلدة كفرنبل لقصف صاروخي خلال الحملة على المنطقة.",
    "وسبق أن استهدفت الطائرات الحربية السوق ذاته.",
    # the pluperfect with an earlier time named in its sentence
    "وكانت الطائرات الروسية قد قصفت مشفى البلدة في سراقب قبل أشهر.",
    # a charge names what someone is accused of
    "بدأت محاكمة عنصرين سابقين في الأمن متهمين بقتل متظاهرين في مدينة حمص.",
])
def test_a_past_event_cited_without_a_time_of_its_own_is_no_incident(unplaced, article, text):
    assert unplaced.extract(article("", text)) == []


@pytest.mark.parametrize("text, event_type", [
    # an incident told beside an anniversary or a past attack stays
    ("في الذكرى الثانية لتحرير المدينة، قصفت المدفعية حي الأنصاري في حلب صباح اليوم.", EventType.EXPLOSIONS),
    ("انفجرت سيارة مفخخة في مدينة الباب، وسبق أن شهدت المدينة انفجارات مماثلة.", EventType.EXPLOSIONS),
    ("في الذكرى السنوية للثورة، تظاهر المئات في مدينة إدلب.", EventType.PROTESTS),
    # investigation prose narrates the incident it reports in the pluperfect too
    ("وكانت مروحيات النظام قد ألقت ثلاثة براميل متفجرة فوق حي الكلاسة في حلب.", EventType.EXPLOSIONS),
    # an arrest on a charge is one arrest, not the act it charges
    ("اعتقلت قوات النظام ثلاثة شبان في حي الوعر بتهمة المشاركة في المظاهرات.", EventType.STRATEGIC),
])
def test_an_incident_told_beside_a_cited_past_one_stands(unplaced, article, text, event_type):
    assert [i.event_type for i in unplaced.extract(article("", text))] == [event_type]


def test_a_cited_past_event_keeps_a_date_of_its_own(unplaced, article):
    """With a time of its own in its sentence the cited event stands at that time (ACLED: background keeps
    its own date), never at the report's day (make_article's is 24 December 2025)."""
    # the date of the anniversary's massacre is not the strike's, told after it
    [incident] = unplaced.extract(article("", "في الذكرى الأولى لمجزرة 12 آذار 2024، قصفت الطائرات بلدة الهبيط."))
    assert (incident.sub_event_type, incident.event_date) == ("Air/drone strike", date(2025, 12, 24))
    incidents = unplaced.extract(article("", "سبق أن قصفت المدفعية بلدة التمانعة في 3 أيار 2023."))
    assert [(i.event_date, i.time_precision) for i in incidents] == [(date(2023, 5, 3), 1)]


def test_kanun_the_month_opens_no_pluperfect(unplaced, article):
    """كانون is a month, not كان with a suffix: a strike dated in it is the report's own."""
    text = "في كانون الثاني قد تجدد القصف المدفعي على بلدة التمانعة في 4 كانون الثاني 2025."
    incidents = unplaced.extract(article("", text))
    assert [i.event_type for i in incidents] == [EventType.EXPLOSIONS]
