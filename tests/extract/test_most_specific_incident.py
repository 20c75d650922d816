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
