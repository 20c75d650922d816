"""Word or place: far-away homonyms of ordinary words, hashtags, time zones and media names."""

from __future__ import annotations

import json

import pytest

from gazetteer.word_or_place import FEATURES, WEIGHTS_FILE, default_model


def _ids(gazetteer, text: str) -> list[str]:
    return [m.best.place.id for m in gazetteer.find(text) if m.best is not None]


def _surfaces(gazetteer, text: str) -> list[str]:
    return [m.surface for m in gazetteer.find(text)]


def test_the_committed_weights_match_the_features():
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    assert len(data["weights"]) == len(FEATURES) and 0 < data["threshold"] < 1
    assert data["script"] == "benchmarks/fit_word_or_place.py"
    assert default_model() is not None


@pytest.mark.parametrize("text", [
    "سيول جارفة تجتاح الطرقات",          # torrents, not Seoul
    "تسجيل 500 إصابة جديدة بفيروس كورونا",  # the virus, not Corona (California)
    "خبر عاجل من المحافظة",               # news, not al-Khobar
    "يصل عدد الإصابات يوميا إلى 300",      # daily
    "سعر الصرف بالدينار",                 # the currency
    "التعرف على هوية الضحايا",            # identity
])
def test_ordinary_words_are_not_far_away_places(default_gz, text):
    assert _ids(default_gz, text) == []


def test_a_far_away_place_counts_when_the_text_supports_it(default_gz):
    assert "geonames:524901" in _ids(default_gz, "وصل الوفد الروسي إلى موسكو بعد زيارة روسيا")
    assert "geonames:360630" in _ids(default_gz, "تفجير أمام معهد في القاهرة")


@pytest.mark.parametrize("text", [
    "انفجار في موسكو",                        # no country named: the metropolis, not a small homonym
    "فيروس كورونا يودي بحياة 64 مريضا في موسكو",    # كورونا read as an American town puts no American Moscow first
    "مؤتمر صحفي مشترك في موسكو",
])
def test_a_world_capital_named_without_its_country_is_the_capital(default_gz, text):
    mention = next(m for m in default_gz.find(text) if m.surface == "موسكو")
    assert mention.best.place.id == "geonames:524901"


@pytest.mark.parametrize("text", [
    "وين اللي كانو يقولون",   # "where" and "they were" (seen with the article): not Vienna nor Kano
    "سيول جارفة في المدينة",  # torrents take the article too (السيول)
])
def test_a_word_that_takes_the_article_is_no_metropolis(default_gz, text):
    assert _ids(default_gz, text) == []


@pytest.mark.parametrize("text", [
    "انقطع خرطوم الماء في حديقة المدرسة",              # a hose, not Khartoum (whose name takes the article)
    "اشترى المزارع خرطوم ري جديداً من السوق في السودان",  # ... in a text about Sudan too
])
def test_a_noun_without_the_article_is_not_the_place_named_with_it(default_gz, text):
    assert [i for i in _ids(default_gz, text) if not i.startswith("local:country-")] == []


def test_the_place_named_with_its_article_is_still_found(default_gz):
    assert _ids(default_gz, "اشتباكات عنيفة في مدينة الخرطوم") == ["local:city-khartoum"]


@pytest.mark.parametrize("text", [
    "أكد التنسيق بين موسكو ودمشق، معرباً عن تفاؤله بما تحقق",  # expressing (a village near Damascus)
    "مع أن الطائرة المستخدمة كانت روسيّةً",                                # Russian (the adjective)
])
def test_a_word_with_tanween_is_no_place(default_gz, text):
    assert not [m for m in default_gz.find(text) if m.best is not None and "ً" in m.surface]


@pytest.mark.parametrize(("text", "word"), [
    ("روسيا من أبرز داعمي دمشق منذ قطع طريق حلب – غازي عنتاب", "أبرز"),  # "most prominent"
    ("اندلع حريق في مدرسة بحي الأنصاري في حلب إثر سقوط قذيفة", "مدرسة"),           # a school
    ("قصفت الفصائل معاقل الأسد قرب قرية عزيزة بقذائف الهاون", "الأسد"),            # Assad's strongholds
])
def test_a_syrian_village_named_like_a_common_word_needs_a_cue(default_gz, text, word):
    found = {m.surface: m.best.place for m in default_gz.find(text) if m.best is not None}
    assert word not in found or found[word].kind.value != "village"


def test_every_weighed_mention_says_why(default_gz):
    mention = next(m for m in default_gz.find("انفجار في القاهرة") if m.best is not None)
    assert any(reason.startswith("word or place: ") for reason in mention.best.reasons)


def test_a_time_zone_is_not_a_site(default_gz):
    assert _ids(default_gz, "بدأ القصف الساعة الخامسة بالتوقيت المحلي لدمشق") == []
    assert _ids(default_gz, "الساعة العاشرة بتوقيت دمشق") == []
    assert _ids(default_gz, "قصف على دمشق") != []


def test_a_channel_or_network_name_is_not_a_site(default_gz):
    assert _ids(default_gz, "بثت قناة حلب اليوم مشاهد") == []
    assert _ids(default_gz, "نشرت شبكة حلب نيوز صورا") == []


def test_a_whole_hashtag_is_a_mention_a_compound_one_only_context(default_gz):
    assert _surfaces(default_gz, "قصف عنيف على #حلب") == ["حلب"]
    assert _surfaces(default_gz, "#امطار_الكويت تغرق الشوارع") == []
    assert _surfaces(default_gz, "#بيروت_مدينة_منكوبة") == []


def test_a_hashtag_that_labels_a_headline_counts_as_a_bare_name(default_gz):
    """``#X|`` before a headline is its source (a newspaper named like a word: الشروق "the sunrise",
    also a town near Cairo) or its dateline: not a topic the tweet is about, so the whole-hashtag
    signal does not lift the word into a place; a place's name there is still a place."""
    assert _surfaces(default_gz, "#الشروق| وزير الصحة يزور الجرحى في المستشفى") == []
    assert "الشروق" in _surfaces(default_gz, "وزير الصحة يزور الجرحى #الشروق")  # a topic hashtag still lifts it
    assert _surfaces(default_gz, "#الكرك| السيول تقطع الطرق وتغمر البيوت") == ["الكرك"]


def test_a_town_of_an_arab_country_is_weighed_not_barred_by_its_size(default_gz):
    # معان and حولي were stop words; small towns of Arab countries were dropped for their population
    mentions = {m.surface: m for m in default_gz.find("ارتفاع منسوب المياه في معان جنوب الأردن")}
    assert mentions["معان"].best.place.country_code == "JO"
    assert any(r.startswith("word or place: ") for r in mentions["معان"].best.reasons)
    found = [m.best.place.country_code for m in default_gz.find("أمطار غزيرة على حولي في الكويت") if m.best]
    assert found[0] == "KW"


@pytest.mark.parametrize("text", [
    "رفع العلم فوق المبنى",                  # the flag, not al-Alam (Iraq)
    "أكد الوزير وأن الحكومة ستعوض المتضررين",  # "and that", not Van (Turkey)
    "نشر الصور على الموقع",                  # the pictures, not Tyre
])
def test_ordinary_words_are_not_places_of_neighbouring_countries(default_gz, text):
    assert _ids(default_gz, text) == []


@pytest.mark.parametrize("text", [
    "ليتنا نسمع قريباً بهذا الخبر السار",           # a demonstrative: "this news", not al-Khobar
    "توفي الدكتور رياض في الحادث",           # a title: a person, not Riyadh
])
def test_a_demonstrative_or_a_title_makes_a_common_noun_or_a_person(default_gz, text):
    assert _ids(default_gz, text) == []


@pytest.mark.parametrize("text", ["قدم الباحث ورقة عن الوضع في حلب", "فرقة الفتح تستهدف معاقل النظام في حلب"])
def test_a_clitic_glued_to_a_name_without_its_article_is_a_word(default_gz, text):
    # ورقة "paper", فرقة "a division": و / ف + رقة, an alias of الرقة; Arabic writes والرقة، فالرقة
    assert "geonames:172955" not in _ids(default_gz, text)


@pytest.mark.parametrize("text", ["قصف على الرقة", "والرقة", "فالرقة", "بالرقة", "للرقة"])
def test_the_name_with_its_article_keeps_its_place(default_gz, text):
    assert "geonames:172955" in _ids(default_gz, text)


@pytest.mark.parametrize("text", [
    "اجتمعت الفصائل في مدينة رام الله لبحث المصالحة",   # the factions, not the West Bank village
    "الفصائل المسلحة تقصف مدينة نابلس",
])
def test_a_village_named_like_a_common_word_needs_a_cue_abroad_too(default_gz, text):
    assert all(m.best.place.kind.value != "village" for m in default_gz.find(text) if m.best is not None)
    assert len(default_gz.find(text)) == 1


def test_a_hamza_seat_keeps_the_frequency_of_the_word():
    from gazetteer.frequency import name_zipfs

    zipf, toggled = name_zipfs(["الفصايل"])["الفصايل"]  # الفصائل / فصائل "factions", normalised
    assert zipf >= 3.0 and toggled >= 3.0


@pytest.mark.parametrize("text", ["قصفت الطائرات مدينة أريحا", "سقطت قذائف على أريحا",
                                  "قصف مدفعي على مدينة القنيطرة"])
def test_a_seat_at_home_before_a_foreign_town_of_its_name(default_gz, text):
    assert [m.best.place.country_code for m in default_gz.find(text)] == ["SY"]


@pytest.mark.parametrize(("text", "country", "kind"), [
    ("وصل الوزير إلى عُمان في زيارة رسمية", "OM", "country"),
    ("وصل الوزير إلى عَمّان في زيارة رسمية", "JO", "city"),
])
def test_the_vowel_written_on_a_name_picks_its_reading(default_gz, text, country, kind):
    [mention] = default_gz.find(text)
    assert (mention.best.place.country_code, mention.best.place.kind.value) == (country, kind)


@pytest.mark.parametrize("text", [
    "تضاعفت الهجمات على المشافي خلال الأشهر الماضية",   # "the months", not Alaşehir
    "أعلن المسؤول المالي للمجلس عن الميزانية",          # "financial", not Elmalı
])
def test_a_neighbours_town_named_like_a_common_word_needs_a_cue(default_gz, text):
    assert default_gz.find(text) == []


def test_an_area_named_after_a_town_holds_it_in_its_own_country(default_gz):
    # Jordan's الطيبة lies near the point of Daraa's countryside; the Syrian village lies inside it
    [town, area] = default_gz.find("قصفت الطائرات بلدة الطيبة في ريف درعا")
    assert town.best.place.country_code == "SY" and area.surface == "ريف درعا"


def test_a_world_power_named_as_such_lends_no_support_to_a_small_town_of_it(default_gz):
    # the virus beside the country as a party, not Corona (California)
    text = "الولايات المتحدة تسجل آلاف الإصابات الجديدة بفيروس #كورونا خلال يوم واحد"
    assert [m.best.place.kind.value for m in default_gz.find(text)] == ["country"]
    # a city of millions is named for itself beside its country
    text = "عودة الحياة إلى ووهان بعد أشهر من الإغلاق في #الصين"
    assert "ووهان" in _surfaces(default_gz, text)


@pytest.mark.parametrize("text", ["قالت فاطمة إن القصف استمر طوال الليل", "وصلت فاطمة إلى المدرسة"])
def test_a_clitic_read_off_a_frequent_word_leaves_the_word(default_gz, text):
    # فاطمة, a woman's name, is no ف + أطمة (a town of Idlib)
    assert default_gz.find(text) == [] or "فاطمة" not in _surfaces(default_gz, text)
