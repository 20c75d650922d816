"""Event coding by ACLED's codebook: the means gives the type, one event per incident and place.

Every sentence here is our own; places come from the tiny test gazetteer (كفرنبل، معرة النعمان،
سراقب، إدلب).
"""

from __future__ import annotations

import pytest

from geo_incidents.extraction import Extractor
from geo_incidents.model import EventType
from tests.extract.conftest import make_article

AIR = (EventType.EXPLOSIONS, "Air/drone strike")
SHELLING = (EventType.EXPLOSIONS, "Shelling/artillery/missile attack")
IED = (EventType.EXPLOSIONS, "Remote explosive/landmine/IED")
CHEMICAL = (EventType.EXPLOSIONS, "Chemical weapon")
CIVILIANS = (EventType.VIOLENCE_AGAINST_CIVILIANS, "Attack")
CLASH = (EventType.BATTLES, "Armed clash")


@pytest.fixture(scope="module")
def extractor(tiny_gazetteer) -> Extractor:
    return Extractor(tiny_gazetteer, keep_unplaced=True)


def kinds(extractor, text: str) -> list[tuple[str, str, str]]:
    return sorted((i.event_type, i.sub_event_type, i.location) for i in extractor.extract(make_article("", text)))


@pytest.mark.parametrize(("text", "expected"), [
    # aircraft and barrels: air strike
    ("ألقت مروحية برميلين متفجرين على بلدة كفرنبل صباح اليوم.", AIR),
    ("شنت الطائرات الحربية ثلاث غارات على مدينة سراقب.", AIR),
    # shells, mortars, rockets, artillery: shelling
    ("سقطت قذائف هاون على مدينة سراقب وأصيب طفلان.", SHELLING),
    ("قصفت المدفعية الثقيلة أطراف بلدة كفرنبل.", SHELLING),
    # the dual of a noun in ة turns it into ت: the word alone, and first of a construct
    ("سقطت قذيفتان على مدينة سراقب دون وقوع إصابات.", SHELLING),
    ("قتل مدنيان بانفجار عبوتين ناسفتين في مدينة سراقب.", IED),
    # car bombs, IEDs, mines: remote explosive
    ("انفجرت سيارة مفخخة عند مدخل مدينة سراقب.", IED),
    ("انفجر لغم أرضي بجرار زراعي قرب بلدة كفرنبل.", IED),
    # chlorine, sarin, toxic gas: chemical weapon, whatever delivered it
    ("ألقت مروحية برميلاً يحوي غاز الكلور على بلدة كفرنبل وأصيب عشرون شخصاً بحالات اختناق.", CHEMICAL),
    ("استهدفت غارة جوية مدينة سراقب بصاروخ محمل بغاز السارين.", CHEMICAL),
    # sniping or shooting at civilians: violence against civilians
    ("قُتل رجل مدني برصاص قناص في مدينة سراقب.", CIVILIANS),
    # the shooter between the verb and the fire, as Arabic orders them: at a car, at a checkpoint
    ("فتح عناصر الحاجز النار على سيارة مدنية عند مدخل مدينة سراقب فأصيبت امرأة.", CIVILIANS),
    ("أطلق مجهولون النار على حاجز لقوات النظام عند مدخل مدينة سراقب وقتل عنصران.", CLASH),
    # fighting between armed groups: battle
    ("دارت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام على أطراف بلدة كفرنبل.", CLASH),
])
def test_the_type_follows_the_means(extractor, text, expected):
    found = kinds(extractor, text)
    assert found, text
    assert {(t, s) for t, s, _ in found} == {expected}, found


@pytest.mark.parametrize("text", [
    "هدوء حذر في مدينة سراقب مع سريان وقف إطلاق النار",
    "بدأ سريان وقف إطلاق النار على جبهات كفرنبل منتصف الليلة.",
])
def test_a_ceasefire_is_no_shooting(extractor, text):
    assert kinds(extractor, text) == [], text


def test_one_attack_at_one_place_is_one_event_never_a_battle_and_a_strike(extractor):
    text = "هاجمت قوات النظام بلدة كفرنبل بالطيران الحربي والبراميل المتفجرة."
    assert kinds(extractor, text) == [(*AIR, "كفرنبل")]


def test_a_chemical_agent_makes_the_air_strike_of_its_sentence_a_chemical_attack(extractor):
    text = "شنت طائرة حربية غارة على مدينة سراقب، واستخدمت فيها غازات سامة أدت إلى اختناق عشرات المدنيين."
    assert kinds(extractor, text) == [(*CHEMICAL, "سراقب")]


@pytest.mark.parametrize("word", ["هجوم", "استهداف", "مجزرة"])
def test_attack_words_say_that_not_what_the_means_named_beside_them_wins(extractor, word):
    text = f"{word} بقذائف المدفعية على مدينة سراقب أوقع ثلاثة قتلى."
    assert kinds(extractor, text) == [(*SHELLING, "سراقب")]


def test_a_massacre_by_air_strike_is_an_air_strike_not_an_attack_on_civilians(extractor):
    text = "ارتكبت الطائرات الحربية مجزرة في بلدة كفرنبل راح ضحيتها سبعة مدنيين."
    assert kinds(extractor, text) == [(*AIR, "كفرنبل")]


def test_a_bare_attack_takes_the_means_of_the_incident_the_text_tells(extractor):
    text = ("ألقى الطيران المروحي براميل متفجرة على مدينة سراقب فجر اليوم. "
            "وأدى الهجوم على المستشفى في معرة النعمان إلى خروجه عن الخدمة.")
    found = kinds(extractor, text)
    assert found == [(*AIR, "سراقب"), (*AIR, "معرة النعمان")], found


def test_a_bare_attack_with_no_armed_party_and_no_means_is_no_battle(extractor):
    assert not any(t == EventType.BATTLES for t, _, _ in kinds(extractor, "وقع هجوم على مدينة سراقب يوم الأحد."))


def test_a_bare_attack_on_an_armed_target_is_a_battle(extractor):
    assert kinds(extractor, "هاجم مسلحون حاجزاً للشرطة في مدينة سراقب.") == [(*CLASH, "سراقب")]


def test_a_massacre_with_no_means_named_is_an_attack_on_civilians(extractor):
    assert kinds(extractor, "مجزرة بحق عائلة في بلدة كفرنبل راح ضحيتها خمسة مدنيين.") == [(*CIVILIANS, "كفرنبل")]


@pytest.mark.parametrize("text", [
    # method notes: the attack as a subject, aircraft seen, flight data
    "حللنا بيانات رصد الطيران في الساعات التي سبقت الهجوم وتلته.",
    "شوهدت طائرة حربية تحلق بشكل دائري، وهو ما يشير عادة إلى التحضير لهجوم وشيك.",
    "يصف هذا القسم كيف تحققنا من مقاطع الفيديو المتعلقة بالهجمات.",
    # law and treaties naming weapons
    "لا يجيز القانون الدولي استخدام الأسلحة الكيميائية تحت أي ظرف.",
])
def test_passages_not_about_an_incident_yield_nothing(extractor, text):
    assert kinds(extractor, text) == []


def test_aircraft_alone_are_no_strike_but_aircraft_with_harm_are(extractor):
    assert kinds(extractor, "حلقت طائرة حربية فوق مدينة سراقب طوال الليل.") == []
    assert kinds(extractor, "قُتل ثلاثة مدنيين في مدينة سراقب جراء الطيران الحربي.") == [(*AIR, "سراقب")]


def test_a_past_attack_cited_as_background_keeps_its_own_date(extractor):
    text = ("قصفت طائرات حربية مستشفى بلدة كفرنبل في 5 شباط 2018. "
            "وكان المستشفى قد هوجم سابقاً في 19 أيلول 2017 بغارات جوية.")
    dates = sorted(i.event_date.isoformat() for i in extractor.extract(make_article("", text)))
    assert dates == ["2017-09-19", "2018-02-05"]


def test_an_earlier_attack_cited_by_its_date_alone_is_not_the_attack_told_before_it(extractor):
    text = ("قصفت طائرات حربية مستشفى بلدة كفرنبل في 5 شباط 2018. "
            "وكنا قد وثقنا الهجوم السابق على هذا المستشفى في 19 أيلول 2017.")
    found = extractor.extract(make_article("", text))
    assert [i.event_date.isoformat() for i in found] == ["2018-02-05"]
    told = [text[s:e] for s, e in extractor.last_told[found[0].incident_id]]
    assert all("السابق" not in sentence for sentence in told)


def test_an_earlier_attack_cited_with_the_harm_it_did_keeps_its_own_date(extractor):
    text = "قصفت طائرات حربية بلدة كفرنبل في 5 شباط 2018. وقُتل ثلاثة مدنيين في الهجوم السابق يوم 19 أيلول 2017."
    dates = sorted(i.event_date.isoformat() for i in extractor.extract(make_article("", text)))
    assert dates == ["2017-09-19", "2018-02-05"]


def test_the_use_of_a_weapon_as_a_class_is_no_attack(extractor):
    assert kinds(extractor, "لا يجيز القانون الدولي استخدام القنابل العنقودية قرب الأحياء السكنية.") == []


def test_the_use_of_a_weapon_as_a_class_does_not_tell_the_attack_before_it_again(extractor):
    text = "ألقت طائرات حربية براميل متفجرة على بلدة كفرنبل. ويعد استخدام البراميل المتفجرة في المناطق السكنية جريمة."
    [incident] = extractor.extract(make_article("", text))
    assert incident.location == "كفرنبل"
    assert [text[s:e] for s, e in extractor.last_told[incident.incident_id]] == [text[: text.index(".")]]


def test_the_use_of_a_weapon_at_a_place_is_an_attack(extractor):
    # (cluster munitions are a means that needs an act of its sentence: barrels name the strike itself)
    # (told by others: the investigators' own "وثقنا استخدام …" with no day is method, test_specific_incident)
    assert kinds(extractor, "رصد ناشطون استخدام البراميل المتفجرة في مدينة سراقب.") == [(*AIR, "سراقب")]


def test_a_purpose_is_no_change_of_control(extractor):
    found = kinds(extractor, "شنت قوات النظام هجوماً عنيفاً لاستعادة السيطرة على مدينة سراقب.")
    assert found == [(*CLASH, "سراقب")]


def test_a_weapon_in_a_treatys_or_an_organisations_name_is_no_attack(extractor):
    text = "رحبت منظمة حظر الأسلحة الكيميائية بالتقرير، وقالت إن سوريا انضمت إلى اتفاقية الأسلحة الكيميائية."
    assert kinds(extractor, text) == []


def test_a_projectile_falling_from_the_air_is_an_air_strike(extractor):
    assert kinds(extractor, "أصابت قذيفة ألقيت جواً مستشفى بلدة كفرنبل.") == [(*AIR, "كفرنبل")]


@pytest.mark.parametrize("written", ["19 أيلول/سبتمبر 2017", "19 أيلول - سبتمبر 2017", "19 سبتمبر - أيلول 2017",
                                     "19 أيلول \\ سبتمبر 2017"])
def test_both_month_names_paired_give_one_date(extractor, written):
    [incident] = extractor.extract(make_article("", f"قصفت طائرات حربية مدينة سراقب في {written}."))
    assert incident.event_date.isoformat() == "2017-09-19"
    assert incident.time_precision == 1


def test_a_previous_attack_named_in_passing_is_left_out(extractor):
    text = ("تضرر مركز للدفاع المدني في مدينة سراقب جراء غارة جوية "
            "بينما كان المسعفون فيه يداوون مصابي الهجوم الكيميائي السابق.")
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


def test_a_previous_attack_with_its_own_date_keeps_it(extractor):
    text = "يظهر الفيديو مبنى تضرر في الهجوم السابق الذي استهدف مستشفى كفرنبل بغارة جوية في 25 آذار 2017."
    [incident] = extractor.extract(make_article("", text))
    assert (incident.event_type, incident.sub_event_type, incident.location) == (*AIR, "كفرنبل")
    assert incident.event_date.isoformat() == "2017-03-25"


def test_a_place_in_an_institutions_name_is_no_site(extractor):
    text = "قالت مديرية صحة إدلب إن غارة جوية استهدفت مستشفى في مدينة سراقب."
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


def test_a_name_inside_a_date_is_the_dates():
    from gazetteer import Gazetteer, Kind
    from tests.extract.conftest import TINY_PLACES, _place

    month_town = _place("x:adhar", "آذار", Kind.VILLAGE, 36.5, 35.5, admin1="إدلب")
    extractor = Extractor(Gazetteer.from_places((*TINY_PLACES, month_town)), keep_unplaced=True)
    text = "استهدفت غارة جوية مدينة سراقب في 25 مارس - آذار 2017."
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


def test_an_air_strike_and_the_agent_it_released_told_apart_are_one_chemical_attack(extractor):
    text = ("استهدفت غارتان جويتان مدينة سراقب في 4 آب 2016. "
            "وأصيب عشرات المدنيين بحالات اختناق بعد استخدام غاز الكلور.")
    [incident] = extractor.extract(make_article("", text))
    assert (incident.event_type, incident.sub_event_type, incident.location) == (*CHEMICAL, "سراقب")
    assert incident.event_date.isoformat() == "2016-08-04"


@pytest.mark.parametrize("text", [
    # how often, over what period: a statistic, not an incident
    "كانت البراميل المتفجرة الذخيرة الأكثر شيوعاً في غارات تلك الأشهر على مدينة سراقب.",
    "قصفت الطائرات الحربية الأحياء السكنية في مدينة سراقب بانتظام.",
    "تكررت الغارات الجوية على ريف إدلب طيلة الفترة التي يغطيها التقرير.",
    "غالباً ما تقصف الطائرات الحربية الأسواق الشعبية في ساعات الذروة.",
    "عادةً ما تسبق طائرات الاستطلاع الغارات الجوية على الأسواق.",
    # generalising over cases, counting the videos that show something: a method note
    "في بعض الحالات لم نتمكن من تحديد نوع القذائف المستخدمة في القصف.",
    "تعرفنا على بقايا قنابل عنقودية في 35 مقطع فيديو من مدينة سراقب.",
    "ظهرت آثار القصف الجوي في سبعة عشر (17) فيديو.",
    "تقصف الطائرات الأسواق في حالات كثيرة دون إنذار وتقتل مدنيين.",
    # the investigation's method: comparing or classifying evidence
    "قارنّا الغارة الجوية على مدينة سراقب في 3 آذار 2016 مع صور الأقمار الصناعية.",
    "أجرى الفريق مقارنة بين الغارات السابقة في 3 آذار 2016 وبين هذه الغارة باستخدام الصور.",
    "صنّف فريقنا المقاطع التي تُظهر جرحى قُتلوا أو أصيبوا بسبب هجوم على أنها انتهاكات.",
])
def test_statistics_and_method_notes_report_no_incident(extractor, text):
    assert kinds(extractor, text) == []


@pytest.mark.parametrize("text", [
    "من المرجح أن ذخائر عنقودية قتلت المدنيين وجرحتهم.",
    "من المحتمل أن الغارات الجوية ستتكرر على الأسواق.",
])
def test_a_likelihood_is_no_report(extractor, text):
    assert kinds(extractor, text) == []


@pytest.mark.parametrize("text", ["نشر ناشط مقطع فيديو يظهر غارة جوية على مدينة سراقب.",
                                  "نشر ناشطون ثلاثة مقاطع فيديو تظهر غارة جوية على مدينة سراقب."])
def test_a_few_videos_of_a_strike_still_show_the_strike(extractor, text):
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


@pytest.mark.parametrize("text", [
    "أدى الهجوم على المستشفى في بلدة كفرنبل إلى دمار كبير في المبنى.",
    "تضرر المستشفى واحترقت سيارتا إسعاف. وقُتل ممرض في الهجوم على بلدة كفرنبل.",  # damage told next to it
    "دُمرت سيارة مدنية في الهجوم على بلدة كفرنبل.",
])
def test_an_attack_that_damaged_buildings_with_no_means_named_is_remote_violence(extractor, text):
    incidents = extractor.extract(make_article("", text))
    assert [(i.event_type, i.sub_event_type, i.location) for i in incidents] == [(*AIR, "كفرنبل")]
    assert "means not stated" in incidents[0].notes


def test_damage_at_an_armed_target_with_no_means_named_is_shelling(extractor):
    text = "دمّر الهجوم حاجزاً لقوات النظام عند مدخل مدينة سراقب."
    assert kinds(extractor, text) == [(*SHELLING, "سراقب")]


def test_a_named_means_wins_over_the_damage_guess(extractor):
    text = "أدى الهجوم بقذائف الهاون على مدينة سراقب إلى دمار في السوق."
    [incident] = extractor.extract(make_article("", text))
    assert (incident.event_type, incident.sub_event_type) == SHELLING
    assert "means not stated" not in incident.notes


def test_an_attack_that_suffocated_people_with_no_agent_named_is_a_chemical_attack(extractor):
    text = "أصيب عشرات المدنيين بحالات اختناق بعد هجوم على بلدة كفرنبل فجر اليوم."
    [incident] = extractor.extract(make_article("", text))
    assert (incident.event_type, incident.sub_event_type, incident.location) == (*CHEMICAL, "كفرنبل")
    assert "means not stated" in incident.notes


@pytest.mark.parametrize("text", [
    "ألقت طائرة حربية قنبلة على بلدة كفرنبل فقُتل رجلان.",
    "سُمع انفجار كبير بعد تحليق الطيران الحربي فوق بلدة كفرنبل وقُتل رجلان.",
    "أطلقت طائرة مسيرة صاروخ هيلفاير على سيارة في بلدة كفرنبل.",
])
def test_bombs_dropped_and_missiles_fired_from_aircraft_are_air_strikes(extractor, text):
    assert kinds(extractor, text) == [(*AIR, "كفرنبل")]


def test_a_bomb_with_no_aircraft_stays_a_remote_explosive(extractor):
    assert kinds(extractor, "انفجرت قنبلة مزروعة في سيارة مدنية في بلدة كفرنبل.") == [(*IED, "كفرنبل")]


def test_a_missile_of_an_air_raid_is_the_raids_not_a_second_shelling(extractor):
    text = "شنت طائرات حربية غارات على مدينة سراقب، وسقط أحد الصواريخ على مستشفى."
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


def test_ground_weapons_beside_an_air_raid_stay_shelling(extractor):
    text = "شنت طائرات حربية غارات على مدينة سراقب، وسقطت قذائف هاون على بلدة كفرنبل."
    assert kinds(extractor, text) == [(*AIR, "سراقب"), (*SHELLING, "كفرنبل")]


def test_a_strike_that_poisoned_people_is_a_chemical_attack(extractor):
    text = "قصفت طائرة مروحية بلدة كفرنبل وظهرت على المصابين تشنجات وتضيق في حدقة العين."
    assert kinds(extractor, text) == [(*CHEMICAL, "كفرنبل")]


def test_a_bare_targeting_is_shelling_unless_damage_says_more(extractor):
    assert kinds(extractor, "استهدف الثوار مواقع قوات النظام في بلدة كفرنبل.") == [(*SHELLING, "كفرنبل")]
    [incident] = extractor.extract(make_article("", "استهداف مستشفى في بلدة كفرنبل أدى إلى دماره."))
    assert (incident.event_type, incident.sub_event_type) == AIR
    assert "means not stated" in incident.notes


def test_what_the_text_says_did_not_happen_is_no_incident(extractor):
    text = "قصفت طائرة حربية مستشفى بلدة كفرنبل، ولا علاقة له بالاشتباكات الدائرة في مدينة سراقب."
    assert kinds(extractor, text) == [(*AIR, "كفرنبل")]
    assert kinds(extractor, "لم تكن هناك اشتباكات في مدينة سراقب يوم الهجوم.") == []


def test_a_possible_attack_is_no_incident(extractor):
    assert kinds(extractor, "وتزيد هذه الحفرة من احتمال وقوع هجوم جوي على مستشفى بلدة كفرنبل.") == []
    assert kinds(extractor, "ناقش الخبراء احتمالية تعرض سراقب لقصف بالبراميل يوم 5 آذار 2017.") == []
    assert kinds(extractor, "قصفت طائرة حربية بلدة كفرنبل، ويخشى السكان احتمال تكرار الغارات.") == [(*AIR, "كفرنبل")]


def test_a_precaution_against_a_bombardment_is_no_bombardment(extractor):
    text = "قصفت طائرة حربية بلدة كفرنبل، وأغلقت المدارس تحسباً لقصف مماثل على مدينة سراقب."
    assert kinds(extractor, text) == [(*AIR, "كفرنبل")]
    assert kinds(extractor, "توقفت الدراسة في بلدة سراقب خشية قصف المدينة.") == []


def test_a_bombardment_in_a_sentence_naming_air_strikes_is_theirs(extractor):
    text = "شنت طائرات حربية غارات جوية على بلدة كفرنبل، فيما استمر القصف على مدينة معرة النعمان."
    assert sorted(kinds(extractor, text)) == [(*AIR, "كفرنبل"), (*AIR, "معرة النعمان")]
    assert kinds(extractor, "قصف عنيف على بلدة كفرنبل بقذائف الهاون.") == [(*SHELLING, "كفرنبل")]


def test_a_date_on_footage_does_not_make_its_attack_an_incident(tiny_gazetteer):
    """"A frame of a video of the attack of <date>" points at evidence; the date labels the footage."""
    extractor = Extractor(tiny_gazetteer, keep_unplaced=True)
    strike = "قصفت طائرة حربية بلدة كفرنبل في 19-09-2017.\n\n"
    caption = "صورة من فيديو هجوم 25-03-2017 إلى جانب صورة فضائية أحدث للموقع."
    assert [str(i.event_date) for i in extractor.extract(make_article("", strike + caption))] == ["2017-09-19"]
    # a place or harm still makes it one
    placed = "فيديو: استهداف مستشفى في بلدة سراقب 25-03-2017."
    assert [i.location for i in extractor.extract(make_article("", strike + placed))] == ["كفرنبل", "سراقب"]


def test_civilians_named_beside_an_attack_are_no_armed_target(extractor):
    text = "استهداف مركز للدفاع المدني في بلدة كفرنبل أدى إلى دمار كبير."
    assert kinds(extractor, text) == [(*AIR, "كفرنبل")]
    assert kinds(extractor, "هاجم مجهولون منازل المدنيين في بلدة كفرنبل.") != [(*CLASH, "كفرنبل")]


@pytest.mark.parametrize("text", [
    "ألقت طائرة حربية قنبلة تحمل غاز الأعصاب على بلدة كفرنبل.",
    "قصفت طائرة مروحية بلدة كفرنبل وظهرت على المصابين أعراض غريبة.",
])
def test_nerve_agents_and_signs_of_poisoning_make_a_chemical_attack(extractor, text):
    assert kinds(extractor, text) == [(*CHEMICAL, "كفرنبل")]


@pytest.mark.parametrize("text", [
    "معظم المستشفيات في إدلب، وهي أوسع منطقة تسيطر عليها المعارضة.",
    "يقع المشفى في سراقب، وهي بلدة يسيطر عليها الثوار منذ سنوات.",
])
def test_a_place_under_someones_control_is_no_capture(extractor, text):
    # a relative clause whose object is a pronoun of the place before it describes that place
    assert not any(k[0] == EventType.BATTLES for k in kinds(extractor, text))


def test_a_capture_names_its_place_after_the_verb(extractor):
    text = "سيطرت فصائل المعارضة على مدينة سراقب بعد معارك عنيفة."
    assert (EventType.BATTLES, "Non-state actor overtakes territory", "سراقب") in kinds(extractor, text)


def test_a_bombardment_takes_the_weapon_its_paragraph_names(extractor):
    # the aircraft are named in the sentence before, with no act of their own: the bombardment is theirs
    text = "حلقت الطائرات الحربية فوق مدينة سراقب صباح اليوم. وبعد دقائق بدأ القصف على السوق الشعبي في سراقب."
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


def test_a_weapon_of_another_paragraph_is_not_the_bombardments(extractor):
    text = "حلقت الطائرات الحربية فوق مدينة كفرنبل صباح اليوم.\n\nواستمر القصف على الأحياء السكنية في سراقب."
    assert (*SHELLING, "سراقب") in kinds(extractor, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("مجزرة في مدينة سراقب نتيجة القصف بالبراميل المتفجرة", AIR),
    ("مجزرة في مدينة سراقب إثر استهدافها بقذائف المدفعية", SHELLING),
])
def test_a_massacre_is_coded_by_the_weapon_that_caused_it(extractor, text, expected):
    assert kinds(extractor, text) == [(*expected, "سراقب")]


def test_a_missile_of_a_raid_told_in_the_next_sentence_is_the_raids(extractor):
    text = "استهدفت الطائرات الحربية المشفى الوطني في مدينة سراقب. وأصاب صاروخ منها قسم الإسعاف."
    assert {k[:2] for k in kinds(extractor, text)} == {AIR}


@pytest.mark.parametrize("text", [
    "حلقت طائرات الاستطلاع فوق مدينة سراقب. وسقطت قذائف على الأحياء السكنية.",
    "شنت الطائرات الحربية غارة على كفرنبل. وسقطت قذائف الهاون على مدينة سراقب.",
])
def test_a_shell_stays_shelling_beside_a_spotter_or_a_ground_weapon(extractor, text):
    assert SHELLING in {k[:2] for k in kinds(extractor, text)}


def test_attacks_in_the_plural_take_no_means_from_another_paragraph(extractor):
    first = "شنت الطائرات الحربية غارة على مدينة سراقب يوم 5 شباط 2018."
    text = first + "\n\nوراجعنا كل فيديو من فيديوهات الهجمات الروسية بمقارنته بمصادر أخرى، كأسماء الضحايا."
    incidents = extractor.extract(make_article("", text))
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [AIR]
    told = [span for spans in extractor.last_told.values() for span in spans]
    assert all(start < len(first) for start, _ in told)


def test_the_attack_in_the_singular_is_the_one_told_before(extractor):
    text = "شنت الطائرات الحربية غارة على مدينة سراقب يوم 5 شباط 2018.\n\nوقال شاهد إن الهجوم قتل خمسة مدنيين."
    assert {(i.event_type, i.sub_event_type) for i in extractor.extract(make_article("", text))} == {AIR}


@pytest.mark.parametrize("text", [
    "حلل الفريق مقاطع الهجمات الكيميائية على مدينة سراقب من 01/12/2013 إلى 06/09/2016.",
    "وثقت المنظمة القصف على مدينة سراقب بين 29 أيلول 2015 و30 نيسان 2016.",
    # two months, the first named bare
    "تصاعدت الغارات الجوية على مدينة سراقب بين كانون الثاني وآذار 2018.",
    "استهدفت الغارات مدينة سراقب خلال شهري مارس وأبريل 2019.",
])
def test_attacks_over_a_period_of_two_dates_are_no_incident(extractor, text):
    # an event has one day (or a few): months between two written dates are a period, a statistic
    assert kinds(extractor, text) == []


def test_a_month_written_in_both_calendars_is_no_period(extractor):
    text = "قصفت الطائرات الحربية مدينة سراقب في 23 تشرين الأول - أكتوبر 2017."
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


def test_an_attack_over_a_few_days_stays_one(extractor):
    text = "قصفت الطائرات الحربية مدينة سراقب من 10 شباط 2018 إلى 12 شباط 2018."
    assert kinds(extractor, text) == [(*AIR, "سراقب")]


@pytest.mark.parametrize(("text", "expected"), [
    ("سقطت ذخائر عنقودية على مدينة سراقب يوم 5 شباط 2018 ما أدى إلى مقتل ثلاثة مدنيين.", [(*AIR, "سراقب")]),
    ("قصفت الطائرات الحربية مدينة سراقب بالذخائر الحارقة يوم 5 شباط 2018.", [(*AIR, "سراقب")]),
    # a launcher named with them keeps its own type
    ("قصفت قوات النظام مدينة سراقب بصواريخ محملة بذخائر عنقودية يوم 5 شباط 2018.", [(*SHELLING, "سراقب")]),
    # a class of weapons, no act: none
    ("لا يجيز القانون الدولي استخدام الذخائر العنقودية قرب المدنيين.", []),
    # cluster bombs, napalm and phosphorus read alike: shells or rockets named with them are the means
    ("أطلقت قوات النظام قذائف تحتوي على مادة الفوسفور الأبيض على مدينة سراقب.", [(*SHELLING, "سراقب")]),
    ("قصفت قوات النظام مدينة سراقب بصواريخ محملة بقنابل عنقودية يوم 5 شباط 2018.", [(*SHELLING, "سراقب")]),
    ("ألقت الطائرات الحربية قنابل عنقودية على مدينة سراقب.", [(*AIR, "سراقب")]),
    # an unqualified bombardment with them and no launcher is the aircraft's
    ("قتل ثلاثة مدنيين في قصف بالقنابل العنقودية استهدف مدينة سراقب يوم 5 شباط 2018.", [(*AIR, "سراقب")]),
    ("قصف بالذخائر الحارقة على مدينة سراقب يوم 5 شباط 2018.", [(*AIR, "سراقب")]),
    # remnants found are no attack told
    ("بقايا القنابل العنقودية في مدينة سراقب.", []),
])
def test_cluster_and_incendiary_munitions_are_a_means(extractor, text, expected):
    assert kinds(extractor, text) == expected


ARRESTS = (EventType.STRATEGIC, "Arrests")


@pytest.mark.parametrize(("text", "expected"), [
    # headlines tell events in the present: the verbs of the lexicon are found in it too
    ("قوات النظام تقصف بلدة كفرنبل بقذائف المدفعية", SHELLING),
    ("الطائرات الحربية تقصف مدينة سراقب", AIR),
    ("دورية للأمن تعتقل ثلاثة شبان في مدينة سراقب", ARRESTS),
    ("مسلحون مجهولون يغتالون مدنيا في بلدة كفرنبل", CIVILIANS),
    ("مقاتلون يشتبكون مع عناصر النظام على أطراف مدينة سراقب", CLASH),
])
def test_a_verb_in_the_present_is_an_event(extractor, text, expected):
    assert {k[:2] for k in kinds(extractor, text)} == {expected}


@pytest.mark.parametrize("text", [
    # ... unless negated: "did not shell", "will not arrest"
    "أكد الأهالي أن قوات النظام لم تقصف بلدة كفرنبل اليوم",
    "قال المسؤول إن الشرطة لن تعتقل أحدا في مدينة سراقب",
])
def test_a_negated_verb_in_the_present_is_no_event(extractor, text):
    assert kinds(extractor, text) == []


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    # the owner of what was hit (positions, a checkpoint, a vehicle, members killed) is actor2 ...
    ("انفجرت عبوة ناسفة بسيارة عسكرية لقوات النظام في مدينة سراقب", "", "Syrian government forces"),
    ("استهدف الثوار تجمعات قوات النظام في بلدة كفرنبل بقذائف الهاون", "Free Syrian Army", "Syrian government forces"),
    ("مقتل عنصرين من قوات النظام بقصف للثوار على مدينة سراقب", "Free Syrian Army", "Syrian government forces"),
    # a cell arrested (its group is actor2), with civilians named as whom it meant to attack: never actor1
    ("ألقي القبض على خلية تابعة لتنظيم داعش كانت تخطط لهجمات ضد المدنيين في مدينة سراقب", "", "Islamic State"),
    # ... but not the side a shelling comes from, nor one side of a fight
    ("قصف مدفعي من مواقع قوات النظام على بلدة كفرنبل", "Syrian government forces", ""),
    ("اشتباكات بين جنود قوات النظام والثوار في مدينة سراقب", "Syrian government forces", "Free Syrian Army"),
])
def test_the_actor_named_as_what_was_hit_is_actor2(extractor, text, actor1, actor2):
    article = make_article("", text)
    incidents = extractor.extract(article)
    assert incidents, text
    pairs = {(i.actor1.split(" (")[0], i.actor2.split(" (")[0]) for i in incidents}
    assert pairs == {(actor1, actor2)}


def test_a_bomb_in_a_paragraph_that_tells_aircraft_is_theirs(extractor):
    text = "سقطت قنبلة على السوق الشعبي في مدينة سراقب وقتل 15 مدنياً. وكانت طائرة حربية قد حلقت فوق المدينة."
    assert {k[:2] for k in kinds(extractor, text)} == {AIR}


def test_a_bomb_of_the_ground_stays_beside_aircraft(extractor):
    text = "انفجرت عبوة ناسفة في السوق الشعبي في مدينة سراقب. وكانت طائرة حربية تحلق فوق المدينة."
    assert AIR not in {k[:2] for k in kinds(extractor, text)}


def test_a_facility_put_out_of_service_is_damage_that_types_a_bare_attack(extractor):
    text = "تعرض المشفى الوطني في مدينة سراقب لهجوم في 12 أيار 2019، وخرج عن الخدمة."
    assert {k[:2] for k in kinds(extractor, text)} == {AIR}


@pytest.mark.parametrize("text", [
    "استهدفت مقاتلات النظام الحربية مدينة سراقب.",
    "قصفت طائرات سوخوي مدينة سراقب.",
    "قتل طفلان في قصف لمقاتلات سوخوي على مدينة سراقب.",
])
def test_fighter_jets_are_aircraft(tiny_extractor, text):
    """مقاتلات حربية، طائرات مقاتلة، سوخوي: a noun family of aircraft (not مقاتلات alone: women fighters)."""
    assert {i.sub_event_type for i in tiny_extractor.extract(make_article("", text))} == {"Air/drone strike"}


def test_fire_at_a_protest_is_excessive_force(tiny_extractor):
    incidents = tiny_extractor.extract(make_article("", "أطلقت قوات النظام النار على مظاهرة في سراقب."))
    assert [i.sub_event_type for i in incidents] == ["Excessive force against protesters"]


@pytest.mark.parametrize("text", [
    "خرج مئات المتظاهرين في مدينة سراقب للمطالبة بالإفراج عن المعتقلين.",
    "تجمع عشرات المحتجين أمام المجلس المحلي في مدينة سراقب.",
])
def test_a_protest_told_by_its_protesters_going_out(tiny_extractor, text):
    assert [i.sub_event_type for i in tiny_extractor.extract(make_article("", text))] == ["Peaceful protest"]


@pytest.mark.parametrize("text", [
    "لقي شخصان حتفهما بعد أن داهم السيل سيارتهما قرب بلدة كفرنبل مساء أمس.",
    "أطلقت مديرية الصحة في مدينة سراقب حملة للتصدي لفيروس كورونا.",
    "وزعت الجمعية سلالاً غذائية في معرة النعمان ضمن مبادرة تستهدف الأسر المتضررة من الجائحة.",
])
def test_a_flood_or_a_virus_is_no_political_violence(extractor, text):
    """ACLED codes no natural disaster: a word of violence that names no weapon, in a sentence of a flood
    or an epidemic with no armed party, tells what the water or the virus did."""
    assert kinds(extractor, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("سقط صاروخ على بلدة كفرنبل وسط الأمطار الغزيرة، دون وقوع إصابات.", SHELLING),
    ("أطلق مسلحون مجهولون النار على مدنيين في سراقب رغم تفشي وباء الكوليرا، فقتل رجل.", CIVILIANS),
])
def test_a_weapon_or_an_armed_party_beside_a_flood_keeps_the_event(extractor, text, expected):
    """The weather or an epidemic beside an attack is its setting: a weapon or an armed party named keeps it."""
    assert [k[:2] for k in kinds(extractor, text)] == [expected]


def test_a_protest_against_epidemic_measures_is_a_protest(extractor):
    assert [k[0] for k in kinds(extractor, "تظاهر العشرات في مدينة سراقب احتجاجاً على إجراءات كورونا.")] == [
        EventType.PROTESTS]
