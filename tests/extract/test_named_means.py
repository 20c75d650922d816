"""A report is coded with what the whole report says of an attack: one told without its weapon takes
the means the article names for the same attack (same place and day), one event per incident and
place (ACLED).  Sentences are our own."""

from __future__ import annotations

from geo_incidents.extraction import Extractor
from tests.extract.conftest import make_article


def _coded(extractor, text: str) -> list[tuple[str, str]]:
    return sorted((i.sub_event_type, i.location) for i in extractor.extract(make_article("", text)))


def test_an_unqualified_bombardment_takes_the_means_named_for_the_same_attack(tiny_extractor):
    text = ("قصف مشفى الأمل في بلدة كفرنبل يوم 5 شباط 2018.\n\n"
            "وقالت مصادر محلية إن طائرات حربية شنت غارات جوية على كفرنبل يوم 5 شباط 2018.")
    assert _coded(tiny_extractor, text) == [("Air/drone strike", "كفرنبل")]
    [incident] = tiny_extractor.extract(make_article("", text))
    assert "those the article names for this attack" not in incident.notes  # the air strike's own evidence
    told = tiny_extractor.last_told[incident.incident_id]
    assert len(told) == 2


def test_a_bombardment_of_two_towns_is_not_the_strike_on_one(tiny_extractor):
    text = ("شنت طائرات حربية غارات جوية على كفرنبل يوم 5 شباط 2018.\n\n"
            "وفي 5 شباط 2018 قصفت مدينة معرة النعمان وبلدة كفرنبل وأدى القصف إلى مقتل طفلين.")
    incidents = {i.location: i for i in tiny_extractor.extract(make_article("", text))}
    assert incidents["معرة النعمان"].sub_event_type == "Shelling/artillery/missile attack"


def test_another_day_or_another_place_is_another_attack(tiny_extractor):
    other_day = ("قصفت بلدة كفرنبل يوم 3 شباط 2018.\n\n"
                 "وشنت طائرات حربية غارات جوية على كفرنبل يوم 5 شباط 2018.")
    assert _coded(tiny_extractor, other_day) == [("Air/drone strike", "كفرنبل"),
                                                 ("Shelling/artillery/missile attack", "كفرنبل")]
    other_place = ("قصفت بلدة سراقب يوم 5 شباط 2018.\n\n"
                   "وشنت طائرات حربية غارات جوية على كفرنبل يوم 5 شباط 2018.")
    assert _coded(tiny_extractor, other_place) == [("Air/drone strike", "كفرنبل"),
                                                   ("Shelling/artillery/missile attack", "سراقب")]


def test_an_attack_word_takes_the_means_of_its_own_place_not_the_nearest(tiny_extractor):
    text = ("سقطت قذائف هاون على بلدة سراقب يوم 5 شباط 2018.\n\n"
            "وتعرض مستشفى في كفرنبل لهجوم يوم 5 شباط 2018 أدى إلى مقتل ممرض.\n\n"
            "وأكد شهود أن طائرات حربية قصفت كفرنبل.")
    assert _coded(tiny_extractor, text) == [("Air/drone strike", "كفرنبل"),
                                           ("Shelling/artillery/missile attack", "سراقب")]
    [strike] = [i for i in tiny_extractor.extract(make_article("", text)) if i.location == "كفرنبل"]
    assert strike.fatalities == 1


def test_a_weapon_in_the_same_clause_types_the_bombardment(tiny_extractor):
    assert _coded(tiny_extractor, "قصفت قوات النظام بلدة كفرنبل بالبراميل المتفجرة يوم 5 شباط 2018.") == [
        ("Air/drone strike", "كفرنبل")]
    assert _coded(tiny_extractor, "قصف بقذائف الهاون على بلدة كفرنبل يوم 5 شباط 2018.") == [
        ("Shelling/artillery/missile attack", "كفرنبل")]


def test_an_attack_without_a_place_shares_the_stated_day(tiny_gazetteer):
    extractor = Extractor(tiny_gazetteer, keep_unplaced=True)
    same_day = ("شنت طائرات حربية غارات جوية على كفرنبل يوم 27 نيسان 2017.\n\n"
                "قال ممرض: في 27 نيسان 2017 وقع الهجوم ونحن في المستشفى، وقتل مريضان.")
    assert [i.sub_event_type for i in extractor.extract(make_article("", same_day))] == ["Air/drone strike"] * len(
        extractor.extract(make_article("", same_day)))
    other_day = same_day.replace("في 27 نيسان 2017 وقع", "في 2 أيار 2017 وقع")
    assert "Air/drone strike" not in [i.sub_event_type for i in extractor.extract(make_article("", other_day))
                                      if i.event_date and i.event_date.month == 5]


def test_a_place_inside_the_one_whose_means_are_named_is_that_attack(tiny_extractor):
    """A hospital of a city bombarded, and air strikes on the city the same day: one air strike."""
    text = ("قصف المستشفى الوطني يوم 5 شباط 2018.\n\n"
            "وشنت طائرات حربية غارات جوية على مدينة إدلب يوم 5 شباط 2018.")
    assert _coded(tiny_extractor, text) == [("Air/drone strike", "المستشفى الوطني")]
