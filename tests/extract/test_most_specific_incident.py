"""The most specific place wins across an article: an incident told again at the city or governorate
that holds its quarter or town is the same incident, not a second one. Sentences are our own."""

from __future__ import annotations

from geo_incidents.extraction import Extractor
from tests.extract.conftest import make_article


def _incidents(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return sorted((i.sub_event_type, i.location) for i in extractor.extract(make_article("", text)))


def test_the_city_told_after_its_quarter_is_the_same_strike(default_extractor):
    text = ("قصفت طائرات حربية حي الصاخور في حلب بالبراميل المتفجرة يوم 3 آب 2016. "
            "ووثقت منظمات حقوقية الغارات الجوية على حلب يوم 3 آب 2016.")
    assert _incidents(default_extractor, text) == [("Air/drone strike", "الصاخور")]


def test_another_town_of_the_governorate_or_another_day_stays_apart(default_extractor):
    other_town = ("قصفت طائرات حربية حي الصاخور بالبراميل المتفجرة يوم 3 آب 2016. "
                  "وقصفت طائرات حربية مدينة اعزاز في اليوم نفسه.")
    assert len(_incidents(default_extractor, other_town)) == 2
    other_day = ("قصفت طائرات حربية حي الصاخور بالبراميل المتفجرة يوم 3 آب 2016. "
                 "وقصفت طائرات حربية مدينة حلب يوم 5 آب 2016.")
    assert _incidents(default_extractor, other_day) == [("Air/drone strike", "الصاخور"), ("Air/drone strike", "حلب")]


def test_a_governorate_gives_way_to_its_town(default_extractor):
    text = ("سقطت قذائف هاون على بلدة سراقب صباح اليوم. "
            "وقال ناشطون إن قذائف الهاون سقطت على محافظة إدلب صباح اليوم.")
    assert [loc for _, loc in _incidents(default_extractor, text)] == ["سراقب"]


def test_the_countryside_gives_way_to_its_town(default_extractor):
    text = ("شنت طائرات حربية غارات على المشفى الوطني في مدينة كفرنبل بريف إدلب الجنوبي. "
            "وأفاد ناشطون بأن الطيران الحربي شن غارات على ريف إدلب الجنوبي.")
    assert [loc for _, loc in _incidents(default_extractor, text)] == ["كفر نبل"]


def test_a_town_on_another_side_of_the_countryside_stays_apart(default_extractor):
    text = ("شنت طائرات حربية غارات على مدينة حارم. "
            "وأفاد ناشطون بأن الطيران الحربي شن غارات على ريف إدلب الجنوبي.")
    assert sorted(loc for _, loc in _incidents(default_extractor, text)) == ["حارم", "ريف إدلب الجنوبي"]


def test_the_countryside_lends_its_day_to_the_town(default_extractor):
    text = ("شنت طائرات حربية غارات على مدينة كفرنبل. "
            "وفي 19 أيلول 2017 شن الطيران الحربي غارات على ريف إدلب.")
    (incident,) = default_extractor.extract(make_article("", text))
    assert incident.location == "كفر نبل" and incident.event_date.isoformat() == "2017-09-19"


def test_a_capital_named_bare_is_its_governorate_beside_a_town_of_it(default_extractor):
    # "كفرزيتا بحماة": Hama is the governorate holding the town, not a second strike in the city
    same_sentence = "قصفت الطائرات مشفى المغارة في كفرزيتا بحماة يوم 25 آذار 2017 ما أدى إلى مقتل طبيب."
    assert [loc for _, loc in _incidents(default_extractor, same_sentence)] == ["كفرزيتا"]
    across = ("قصفت طائرات حربية بلدة التمانعة يوم 4 أيار 2017. "
              "وقال ناشطون إن الطائرات الحربية قصفت إدلب يوم 4 أيار 2017.")
    assert [loc for _, loc in _incidents(default_extractor, across)] == ["التمانعة"]


def test_a_capital_with_its_city_word_stays_a_city(default_extractor):
    text = "قصفت الطائرات مدينة حماة وبلدة كفرزيتا."
    assert sorted(loc for _, loc in _incidents(default_extractor, text)) == ["حماة", "كفرزيتا"]


def test_a_road_between_towns_gives_way_to_the_town_on_it(default_extractor):
    # the road's point is its middle, far from the town; a town on the road is no part of the road
    text = "قصفت الطائرات الحربية مدينة أريحا بثلاث غارات، وتقع أريحا على طريق حلب اللاذقية الدولي."
    assert [loc for _, loc in _incidents(default_extractor, text)] == ["أريحا"]
    road_only = "قصفت الطائرات سيارة على طريق حلب اللاذقية الدولي."
    assert [loc for _, loc in _incidents(default_extractor, road_only)] == ["الطريق الدولي M4"]
