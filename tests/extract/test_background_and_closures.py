"""Rules found on the demo reports: background phrases, destination phrases, closed road stretches,
references back to an earlier event, headline folding and the unresolved-names list."""

from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import LineString, Point

from gazetteer import Gazetteer, Kind, Place
from geo_incidents.extraction import Extractor
from geo_incidents.model import EventType
from tests.extract.conftest import TINY_PLACES, make_article


def _place(pid: str, name_ar: str, kind: Kind, lon: float, lat: float, **extra) -> Place:
    return Place(id=pid, name_ar=name_ar, kind=kind, geometry=Point(lon, lat), country_code="SY", source="test",
                 **extra)


#: a road running north from Aleppo, a roundabout on it and places around; coordinates rounded
ROAD = LineString([(37.15, 36.20), (37.13, 36.25), (37.10, 36.30), (37.08, 36.45), (37.38, 37.06)])
PLACES = (
    *TINY_PLACES,
    _place("x:aleppo", "حلب", Kind.CITY, 37.16, 36.20, name_en="Aleppo", admin1="حلب", population=2_000_000),
    _place("x:layramoun", "دوار الليرمون", Kind.ROUNDABOUT, 37.131, 36.249, name_en="Layramoun Roundabout",
           aliases_ar=("الليرمون",), admin1="حلب"),
    _place("x:ashrafieh", "الأشرفية", Kind.NEIGHBOURHOOD, 37.15, 36.23, name_en="Ashrafieh", admin1="حلب"),
    _place("x:anadan", "عندان", Kind.TOWN, 37.085, 36.30, name_en="Anadan", admin1="حلب", population=10_000),
    _place("x:hreitan", "حريتان", Kind.TOWN, 37.08, 36.45, name_en="Hreitan", admin1="حلب", population=10_000),
    _place("x:damascus", "دمشق", Kind.CITY, 36.29, 33.51, name_en="Damascus", admin1="دمشق", population=2_000_000),
    _place("x:sahnaya", "صحنايا", Kind.TOWN, 36.23, 33.44, name_en="Sahnaya", admin1="ريف دمشق", population=20_000),
    _place("x:deir", "دير الزور", Kind.CITY, 40.14, 35.33, name_en="Deir ez-Zor", admin1="دير الزور",
           population=200_000),
    _place("x:dhiban", "ذيبان", Kind.TOWN, 40.45, 35.02, name_en="Dhiban", admin1="دير الزور", population=20_000),
    _place("x:idlib-south", "ريف إدلب الجنوبي", Kind.DISTRICT, 36.6, 35.6, name_en="Southern Idlib countryside",
           admin1="إدلب"),
    Place(id="x:road-aleppo-gaziantep", name_ar="طريق حلب – غازي عنتاب", kind=Kind.ROAD, geometry=ROAD,
          name_en="Aleppo–Gaziantep road", country_code="SY", source="test"),
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer.from_places(PLACES))


def closures(incidents):
    return [i for i in incidents if i.event_type == EventType.ROAD_CLOSURE]


def metres(degrees: float) -> float:
    return degrees * 100_000  # rough, at 36° N; enough for bounds


# -- road closures --------------------------------------------------------------------------------

def test_one_closure_per_road_cut_to_the_stretch_near_the_place(extractor):
    text = ("أغلقت القوات الحكومية، مساء الثلاثاء، طريق حلب – غازي عنتاب عند مدخل مدينة حلب الشمالي قرب دوار "
            "الليرمون، ومنعت مرور السيارات المدنية في الاتجاهين.")
    incidents = extractor.extract(make_article("إغلاق طريق", text))
    [closure] = closures(incidents)
    assert len(incidents) == 1  # no second closure at "north of Aleppo" as a point
    assert closure.geometry.geom_type == "LineString"
    assert metres(closure.geometry.length) < 6_000 < metres(ROAD.length)
    assert closure.geometry.distance(Point(37.131, 36.249)) < 0.001
    assert closure.approximate_geometry
    assert "whole road: Aleppo–Gaziantep road" in closure.notes
    assert closure.event_date == date(2025, 12, 23)  # مساء الثلاثاء before a Wednesday publication


def test_closure_between_two_places_runs_between_them(extractor):
    text = "قطع مسلحون طريق حلب – غازي عنتاب بين بلدتي عندان وحريتان صباح اليوم."
    [closure] = closures(extractor.extract(make_article("قطع طريق", text)))
    ends = [Point(closure.geometry.coords[0]), Point(closure.geometry.coords[-1])]
    assert min(e.distance(Point(37.10, 36.30)) for e in ends) < 0.01
    assert min(e.distance(Point(37.08, 36.45)) for e in ends) < 0.01
    assert metres(closure.geometry.length) > 10_000


def test_closure_without_a_locating_place_is_the_whole_road(extractor):
    [closure] = closures(extractor.extract(make_article("إعادة فتح طريق حلب – غازي عنتاب أمام حركة السيارات")))
    assert closure.status == "reopened"
    assert closure.geometry.equals(ROAD)
    assert not closure.approximate_geometry


def test_closure_with_no_road_stays_a_point_near_the_place(extractor):
    [closure] = closures(extractor.extract(make_article("أغلقت قوى الأمن الطرق المؤدية إلى حي الأشرفية")))
    assert closure.geometry.geom_type == "Point"
    assert closure.geo_precision >= 2


# -- background and cause phrases ---------------------------------------------------------------

def test_background_phrase_creates_no_incident(extractor):
    text = ("أعادت السلطات، صباح اليوم الجمعة، فتح طريق حلب – غازي عنتاب أمام حركة السيارات، بعد إغلاقه منذ "
            "مساء الثلاثاء على خلفية الاشتباكات في الأحياء الشمالية لمدينة حلب.")
    incidents = extractor.extract(make_article("", text, published=date(2025, 12, 26)))
    assert [(i.event_type, i.status) for i in incidents] == [(EventType.ROAD_CLOSURE, "reopened")]
    assert incidents[0].event_date == date(2025, 12, 26)


def test_cause_phrase_alone_introduces_the_event(extractor):
    incidents = extractor.extract(make_article("قتل شخصان إثر استهداف سيارتهم بطائرة مسيرة قرب سراقب"))
    assert [(i.sub_event_type, i.place_id, i.fatalities) for i in incidents] == [
        ("Air/drone strike", "x:saraqib", 2)]


def test_cause_phrase_after_another_event_is_part_of_it(extractor):
    text = ("اندلع اشتباك مسلح بين عناصر من الأمن العام ومجموعة مسلحة في بلدة صحنايا، إثر محاولة دورية أمنية "
            "توقيف مطلوب عند أحد مداخل البلدة.")
    incidents = extractor.extract(make_article("", text))
    assert [(i.sub_event_type, i.place_id) for i in incidents] == [("Armed clash", "x:sahnaya")]


def test_what_a_protest_denounces_is_not_an_event_nor_its_date(extractor):
    text = ("خرج مئات من أهالي مدينة إدلب، عقب صلاة الجمعة، في مظاهرة تنديداً بالغارة التي استهدفت بلدة "
            "كفرنبل يوم الأربعاء الماضي.")
    incidents = extractor.extract(make_article("", text, published=date(2025, 12, 26)))
    assert [(i.event_type, i.place_id) for i in incidents] == [(EventType.PROTESTS, "x:idlib")]
    assert (incidents[0].event_date, incidents[0].time_precision) == (date(2025, 12, 26), 1)


# -- destination and references back ----------------------------------------------------------------

def test_city_of_the_hospital_is_destination_and_the_clash_keeps_its_casualties(extractor):
    text = ("اندلع اشتباك مسلح، ليل الأربعاء – الخميس، بين عناصر من الأمن العام ومجموعة مسلحة في بلدة صحنايا. "
            "وقالت مصادر أهلية إن الاشتباك استمر قرابة ساعة، ما أدى إلى إصابة عنصر من الأمن العام ومدني، "
            "نُقلا إلى مستشفى المواساة في دمشق.")
    incidents = extractor.extract(make_article("", text, published=date(2025, 12, 25)))
    assert [i.place_id for i in incidents] == ["x:sahnaya"]
    [clash] = incidents
    assert clash.casualty_destination == "مستشفى المواساة"
    assert clash.injured_high >= 1
    assert clash.event_date == date(2025, 12, 24)


def test_definite_trigger_without_a_place_refers_back(extractor):
    text = ("تعرضت بلدة ذيبان لقصف بقذائف المدفعية. وقالت مصادر في مجلس دير الزور المدني إن القصف استمر "
            "قرابة ساعة.")
    incidents = extractor.extract(make_article("", text))
    assert [i.place_id for i in incidents] == ["x:dhiban"]  # not the council's city, not a second shelling


def test_headline_folds_into_the_bodys_only_incident_of_its_type(extractor):
    title = "مقتل شخصين باستهداف سيارة بطائرة مسيرة قرب سراقب"
    text = "قتل شخصان مساء أمس إثر استهداف سيارتهم بطائرة مسيرة على طريق M5 قرب معرة النعمان."
    incidents = extractor.extract(make_article(title, text))
    assert len(incidents) == 1
    assert incidents[0].evidence_start > len(title)


def test_area_gives_way_to_a_town_of_it(extractor):
    incidents = extractor.extract(make_article("قصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي"))
    assert [i.place_id for i in incidents] == ["x:kafranbel"]


def test_negation_a_few_words_before_the_casualty_word(extractor):
    [inc] = extractor.extract(make_article("قصف على سراقب دون ورود معلومات عن إصابات"))
    assert (inc.fatalities, inc.injured_high) == (0, 0)


def test_protest_does_not_take_casualties_of_another_sentence(extractor):
    text = "خرجت مظاهرة في مدينة إدلب. ورفع المتظاهرون صور الضحايا."
    [protest] = extractor.extract(make_article("", text))
    assert protest.fatalities_high == 0


# -- unresolved names ----------------------------------------------------------------------------

def test_unresolved_cue_typed_names_are_listed_per_article(extractor):
    text = "قصف على قرية الزعيترة وبلدة سراقب وقرية تل رفعت، ونقل المصابون إلى مستشفى المواساة."
    extractor.extract(make_article("", text))
    assert extractor.last_unresolved == ["قرية الزعيترة", "قرية تل رفعت", "مستشفى المواساة"]
    extractor.extract(make_article("قصف على سراقب"))
    assert extractor.last_unresolved == []


def test_unresolved_names_are_whole_phrases_also_when_placed_coarsely(extractor):
    """A quarter the index lacks is listed with all its words and its head, without the clitic, even when
    the town named next to it places it coarsely; a place the index holds is not."""
    text = "تعرض بحي الأرض الحمرا في مدينة حلب لقصف مدفعي، وسقطت قذيفة في بلدة سراقب."
    assert extractor.extract(make_article("", text))
    assert extractor.last_unresolved == ["حي الأرض الحمرا"]


def test_spellings_of_one_unresolved_name_are_counted_together():
    from geo_incidents.extraction.unresolved import spellings_merged

    merged = spellings_merged({"معهد الاورام": 17, "معهد الأورام": 39, "مرفأ بيروت": 21, "مرفا بيروت": 2,
                               "حي الزنبقة": 1})
    assert merged == {"معهد الأورام": 56, "مرفأ بيروت": 23, "حي الزنبقة": 1}


# -- rules found on the development titles --------------------------------------------------------

def test_one_word_hashtag_keeps_its_place(extractor):
    incidents = extractor.extract(make_article("", "آثار القصف الذي طال بلدة #كفرنبل صباح اليوم #حلب_نيوز"))
    assert [i.place_id for i in incidents] == ["x:kafranbel"]


def test_cue_word_inside_an_actor_name_is_part_of_the_name(extractor):
    # "نصرة" (in support of) is a subject cue; inside "جبهة النصرة" it is not
    incidents = extractor.extract(make_article("اقتحام مقاتلي جبهة النصرة بلدة سراقب وهروب جنود النظام منها"))
    assert [(i.sub_event_type, i.place_id) for i in incidents] == [("Armed clash", "x:saraqib")]


def test_rescuers_reaching_the_scene_do_not_make_it_a_destination(extractor):
    text = "فرق الدفاع المدني تصل إلى مكان القصف في بلدة سراقب وتسعف الجرحى"
    assert [i.place_id for i in extractor.extract(make_article("", text))] == ["x:saraqib"]


def test_direct_hits_report_fire(extractor):
    [inc] = extractor.extract(make_article("الثوار يحققون إصابات مباشرة بين عناصر قوات النظام عند جبهة سراقب"))
    assert inc.event_type == EventType.EXPLOSIONS


def test_bare_casualty_noun_in_a_later_sentence_adds_no_casualties(extractor):
    text = ("هاجم مسلحون حاجزاً على مدخل سراقب وقتل أحد المهاجمين. "
            "ونُقل المصابون في الحادثتين إلى المستشفى الوطني في إدلب.")
    [clash] = extractor.extract(make_article("", text))
    assert (clash.fatalities, clash.injured_high) == (1, 0)
    assert clash.casualty_destination == "المستشفى الوطني"


def test_casualties_of_one_event_at_several_places_are_counted_once(extractor):
    incidents = extractor.extract(make_article("مقتل خمسة مدنيين بقصف مدفعي على كفرنبل وسراقب"))
    assert {i.place_id for i in incidents} == {"x:kafranbel", "x:saraqib"}
    assert sum(i.fatalities for i in incidents) == 5
    [second] = [i for i in incidents if i.fatalities == 0]
    assert "casualties counted at كفرنبل" in second.notes


def test_standing_control_is_not_a_capture(extractor):
    [inc] = extractor.extract(make_article("اقتحام مقاتلين بلدة سراقب الخاضعة لسيطرة قوات النظام"))
    assert inc.sub_event_type == "Armed clash"


def test_battle_to_liberate_is_a_clash_not_a_capture(extractor):
    [inc] = extractor.extract(make_article("جرح مقاتل من الثوار خلال معركة تحرير بلدة سراقب"))
    assert inc.sub_event_type == "Armed clash"


def test_colloquial_article_spelling_still_refines(extractor):
    [inc] = extractor.extract(make_article("آثار الدمار في سراقب نتيجة استهدافها بلبراميل المتفجرة"))
    assert inc.sub_event_type == "Air/drone strike"


def test_span_finder_is_span_at():
    """The indexed lookup gives what reading every span gives: the last strong span holding a position,
    else the first weak one (spans overlap, nest and share starts)."""
    import random

    from geo_incidents.extraction.background import BackgroundSpan, span_at, span_finder

    rng = random.Random(3)
    for _ in range(500):
        spans = []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(0, 60)
            spans.append(BackgroundSpan(start, start + rng.randrange(0, 25), rng.random() < 0.5))
        find = span_finder(spans)
        for pos in range(-2, 90):
            assert find(pos) is span_at(spans, pos), (spans, pos)
