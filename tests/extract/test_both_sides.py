"""Fire exchanged is a fight, the sides of a fight are no attribution, and an adjective is no actor (issue 9)."""

from __future__ import annotations

import pytest

from geo_incidents.model import EventType


def _types(extractor, article, text):
    return [(i.event_type, i.sub_event_type) for i in extractor.extract(article("", text))]


@pytest.mark.parametrize("text", [
    "تبادل الجيش الحر وقوات النظام القصف بقذائف الهاون في حي صلاح الدين بحلب.",
    "دارت معارك على أطراف بلدة اللطامنة رافقها قصف صاروخي متبادل بين الطرفين.",
])
def test_shelling_exchanged_between_two_sides_is_an_armed_clash(unplaced, article, text):
    """ACLED codes a fight where both sides fire as an armed clash, not as one-sided shelling."""
    assert set(_types(unplaced, article, text)) == {(EventType.BATTLES, "Armed clash")}


def test_one_sided_shelling_stays_shelling(unplaced, article):
    assert _types(unplaced, article, "قصفت قوات النظام حي صلاح الدين في حلب بقذائف الهاون.") == [
        (EventType.EXPLOSIONS, "Shelling/artillery/missile attack")]


def test_a_ground_assault_is_a_fight(unplaced, article):
    types = _types(unplaced, article, "بدأت قوات النظام هجوماً برياً على بلدة كفرنبودة فجر اليوم.")
    assert types == [(EventType.BATTLES, "Armed clash")]


def test_the_sides_of_a_fight_are_no_attribution(unplaced, article):
    """Actors named after بين are the parties of the told clash; the specific-incident model weighs an actor
    named beside attacks as who is behind them (talk of attacks), which these are not."""
    text = "اشتباكات متقطعة بين تنظيم داعش ولواء السلطان مراد قرب بلدة الراعي صباح اليوم."
    [incident] = unplaced.extract(article("", text))
    assert incident.event_type == EventType.BATTLES
    reasons = [d.reason for d in unplaced.last_decisions]
    assert all("actor" not in reason for reason in reasons), reasons


@pytest.mark.parametrize("text", [
    "سقط برميل متفجر على مستودع للشحن المدني في حي باب النيرب بحلب.",
    "مديرية_الدفاع_المدني: جرحى بغارة جوية على حي الكلاسة في حلب.",
    "قصف مدفعي يطال مقر المخفر المدني الجديد بحي الشعار.",
])
def test_the_adjective_civil_names_no_civilians(unplaced, article, text):
    actors = {name for i in unplaced.extract(article("", text)) for name in (i.actor1, i.actor2)}
    assert "Civilians (Syria)" not in actors


def test_a_civilian_told_indefinite_is_a_civilian(unplaced, article):
    [incident] = unplaced.extract(article("", "استشهد مدني برصاص قناص قرب دوار الصاخور في حلب."))
    assert "Civilians (Syria)" in (incident.actor1, incident.actor2)


@pytest.mark.parametrize("text", [
    "شنت قوات النظام هجوماً برياً على قرية الحويز وسط قصف مدفعي كثيف.",
    "اقتحمت قوات النظام بلدة الهبيط، بالتزامن مع غارات جوية على أطرافها.",
    "قصفت المدفعية بلدة الهبيط وسط اشتباكات عنيفة على أطرافها.",
])
def test_fire_that_goes_with_a_fight_is_the_fight(unplaced, article, text):
    """One event per incident and place (ACLED): shelling or air strikes told in a clause that goes with a
    fight (وسط، بالتزامن مع) are its fire support, one battle, not a battle and a strike."""
    incidents = unplaced.extract(article("", text))
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [(EventType.BATTLES, "Armed clash")]
    assert incidents[0].location


def test_a_strike_told_beside_a_fight_stays_an_event(unplaced, article):
    """A strike in a clause of its own, at another place, is an incident of its own."""
    types = _types(unplaced, article, "اشتبكت الفصائل مع قوات النظام في بلدة الهبيط، وقصفت الطائرات بلدة كفرنبل.")
    assert sorted(types) == [(EventType.BATTLES, "Armed clash"), (EventType.EXPLOSIONS, "Air/drone strike")]
