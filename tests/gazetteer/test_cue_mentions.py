"""Mentions beyond the index: a cue head and a name, placed at the place named next to it."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import Precision
from gazetteer.cue_mentions import cue_phrases


def _mention(gazetteer, text: str, surface: str):
    found = [m for m in gazetteer.find(text) if m.surface == surface]
    assert found, [m.surface for m in gazetteer.find(text)]
    return found[0]


@pytest.mark.parametrize(("text", "phrase"), [
    ("انفجار أمام معهد الأورام صباح اليوم", "معهد الأورام"),
    ("توقف الرحلات في مطار الكويت الدولي ليلة أمس", "مطار الكويت الدولي"),
    ("حادث سير على طريق الملك عبدالعزيز", "طريق الملك عبدالعزيز"),
    ("قصف على حي الفرقان بعد الظهر", "حي الفرقان"),
    ("اشتباكات في منطقة كبد", "منطقة كبد"),
    ("#معهد_الأورام", "معهد_الأورام"),
])
def test_a_cue_head_and_a_name_is_a_phrase(text, phrase):
    assert phrase in [text[s:e] for s, e, _ in cue_phrases(text)]


def test_a_phrase_stops_at_a_preposition_a_list_or_a_non_name():
    assert cue_phrases("قصف مستشفى في كفرنبل") == []
    assert cue_phrases("افتتاح مدرسة للأطفال") == []
    text = "قصف مستشفى الرحمة ومدرسة الأمل"
    # clitics stay in the span, as in بحلب
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["مستشفى الرحمة", "ومدرسة الأمل"]


def test_an_unknown_name_is_reported_without_a_place(default_gz):
    mention = _mention(default_gz, "تمشيط منطقة كبد", "منطقة كبد")
    assert mention.candidates == () and mention.cue == "منطقه"


def test_an_unknown_institution_is_placed_at_the_town_named_next_to_it(default_gz):
    mention = _mention(default_gz, "غارة جوية استهدفت مستشفى الرحمن في التح فجرا", "مستشفى الرحمن")
    assert mention.best.place.id == "ocha:C4099"  # التح, named without a cue: alone it would not count
    assert mention.best.precision == Precision.NEAR and mention.best.approximate


def test_an_institution_is_not_matched_to_another_one_of_the_same_name(default_gz):
    mention = _mention(default_gz, "قصف مستشفى الجامعة في دير شرقي بريف إدلب", "مستشفى الجامعة")
    assert mention.best.place.id == "ocha:C3962"  # the village دير شرقي, not a hospital in Aleppo
    assert mention.best.place.kind.value != "hospital"


def test_a_quarter_the_text_places_in_a_town_is_that_towns(default_gz):
    """حي X بمدينة Y: a quarter lies in its town. A place of the name across the border is another one;
    the quarter the index does not hold is placed coarsely in the town."""
    mention = _mention(default_gz, "دارت معارك عنيفة في حي المنشية بدرعا", "حي المنشية")
    assert mention.best.place.country_code == "SY" and mention.best.place.name_ar == "درعا"
    assert mention.best.precision == Precision.NEAR and mention.best.approximate
    quarter = _mention(default_gz, "سقطت قذائف على حي الأشرفية بحلب", "حي الأشرفية").best
    assert quarter.place.kind.value == "neighbourhood" and not quarter.approximate


def test_a_hospital_far_from_every_place_of_the_text_is_another_towns(default_gz):
    """Towns share their hospitals' names: in a text about Idlib or Damascus, «المشفى الوطني» and «مستشفى
    الرازي» are not the Aleppo rows of those names (a report from Idlib gave a second incident in Aleppo)."""
    national = _mention(default_gz, "إدلب - قصفت قوات النظام المشفى الوطني صباح اليوم", "المشفى الوطني")
    assert national.best.place.name_ar == "إدلب" and national.best.approximate
    razi = _mention(default_gz, "دمشق - نقل الجرحى إلى مستشفى الرازي", "مستشفى الرازي")
    assert all(c.place.id != "local:hospital-aleppo-razi" for c in razi.candidates)
    assert _mention(default_gz, "قصف المشفى الوطني في حلب", "المشفى الوطني").best.place.kind.value == "hospital"


def test_a_known_name_keeps_its_row(default_gz):
    mention = _mention(default_gz, "نقل الجرحى إلى مستشفى الرازي في حلب", "مستشفى الرازي")
    assert mention.best.place.id == "local:hospital-aleppo-razi"
    assert _mention(default_gz, "في المدينة مستشفى الرازي", "مستشفى الرازي").best.place.id == \
        "local:hospital-aleppo-razi"


def test_the_most_specific_place_wins(default_gz):
    from geo_incidents import Article
    from geo_incidents.extraction import Extractor

    extractor = Extractor(default_gz)
    for text, village in [("قصفت قوات النظام قرية ياقد العدس في ريف حلب الشمالي بقذائف الهاون", "ocha:C1132"),
                          ("غارة جوية على بلدة مسقان بريف حلب الشمالي", "ocha:C1627")]:
        incidents = extractor.extract(Article(id="t", title=text, text="", published=date(2020, 1, 1)))
        assert [i.place_id for i in incidents] == [village], text
        assert incidents[0].geo_precision == 1


def test_a_new_hashtag_ends_the_name_and_punctuation_is_no_part_of_it():
    text = "حريق قرب #معهد_الأورام #المنيل"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["معهد_الأورام"]
    text = "تبرع لجامعة الزيتون، وغيرها"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["لجامعة الزيتون"]
    text = "وصلنا إلى مستشفى #الأمل بعد الظهر"  # after the head, a hashtag may open the name
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["مستشفى #الأمل"]
    text = "مستشفى النور اللي في الحي"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["مستشفى النور"]


def test_by_mistake_is_no_road():
    for text in ("سيارة تسير بطريق الخطأ عكس الاتجاه", "أطلق النار بطريق الخطا على المارة"):
        assert cue_phrases(text) == [], text
    text = "إغلاق طريق الخطوط الحديدية"  # a name that only begins like the idiom
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["طريق الخطوط الحديدية"]


def test_a_head_inside_a_hashtag_names_no_more_than_the_hashtag():
    for text in ("انفجار قرب #معهد_الأورام والصور.. https://t.co/x", "إصابات قرب #معهد_الأورام المصري الليلة #عاجل"):
        assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["معهد_الأورام"], text
    text = "هبوط طائرة في #مطار_الكويت_الدولي اليوم"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["مطار_الكويت_الدولي"]
    text = "أمام معهد الأورام القومي"  # outside a hashtag the name runs on as before
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["معهد الأورام القومي"]


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("أمطار غزيرة في مدينة حلب مساء أمس", "مدينة حلب", "حلب"),
    ("ارتفاع منسوب المياه بمحافظة إدلب", "بمحافظة إدلب", "إدلب"),
    ("وصل الوفد إلى دولة قطر صباحا", "دولة قطر", "قطر"),
])
def test_a_cue_of_the_places_kind_opens_the_mention(default_gz, text, surface, name):
    mention = _mention(default_gz, text, surface)
    assert text[mention.name_start:mention.end] == name


def test_by_means_of_is_no_road():
    assert cue_phrases("ينتقل الفيروس عن طريق الهواء") == []
    text = "حادث على طريق المطار"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["طريق المطار"]


@pytest.mark.parametrize(("text", "phrase"), [
    ("فتح بوابات سد الوحدة بعد الأمطار", "سد الوحدة"),
    ("سيول جارفة في وادي الموجب", "وادي الموجب"),
    ("إغلاق ميناء الشويخ أمام السفن", "ميناء الشويخ"),
    ("نقل المصاب إلى مستوصف الشفاء", "مستوصف الشفاء"),
    ("هطول أمطار غزيرة بمحافظة العارضة", "بمحافظة العارضة"),
    ("انفجار هز مرفأ الصيادين", "مرفأ الصيادين"),
])
def test_more_heads_of_sites_and_areas(text, phrase):
    assert phrase in [text[s:e] for s, e, _ in cue_phrases(text)]


def test_in_the_after_a_head_is_no_name():
    assert cue_phrases("أكبر مدينة بالسعودية") == []


def test_direction_words_are_not_part_of_the_mention(default_gz):
    mention = _mention(default_gz, "أمطار غزيرة جنوب القاهرة مساء أمس", "القاهرة")
    assert mention.lead_start == mention.start - len("جنوب ")
    assert mention.best.approximate  # the place south of Cairo, not Cairo


def test_a_participle_that_opens_a_complement_ends_the_name():
    text = "إغلاق طريق الكورنيش المؤدي إلى الميناء"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["طريق الكورنيش"]
    text = "حريق في مستشفى الأمل التابع للوزارة"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["مستشفى الأمل"]


@pytest.mark.parametrize(("text", "surface", "town"), [
    ("قصفت الطائرات مستشفى اللطامنة الجراحي", "مستشفى اللطامنة الجراحي", "اللطامنة"),
    ("استهدفت غارة جوية مستشفى معرة النعمان الوطني", "مستشفى معرة النعمان الوطني", "معرة النعمان"),
    # the town inside the name is finer than the area named after it
    ("قصفت الطائرات مستشفى اللطامنة الجراحي في ريف حماة الشمالي", "مستشفى اللطامنة الجراحي", "اللطامنة"),
])
def test_an_institution_named_after_its_town_is_in_it(default_gz, text, surface, town):
    mention = _mention(default_gz, text, surface)
    assert mention.best.place.name_ar == town and mention.best.precision == Precision.NEAR


@pytest.mark.parametrize(("text", "surface"), [
    ("قصفت الطائرات مستشفى الرحمة", "مستشفى الرحمة"),  # an ordinary word names no town
    ("معارك عنيفة قرب مطار مرج السلطان العسكري", "مطار مرج السلطان العسكري"),  # an airport lies outside it
])
def test_an_ordinary_word_or_an_airport_is_not_placed_in_a_town_of_its_name(default_gz, text, surface):
    mention = _mention(default_gz, text, surface)
    assert all(c.place.name_ar != "مرج السلطان" for c in mention.candidates)
    assert mention.candidates == () or "السلطان" in surface


@pytest.mark.parametrize(("text", "surface"), [
    ("عائلة علقت بسيارتها في منطقة وادي الهيدان قرب مادبا", "منطقة وادي الهيدان"),
    ("اغلاق منطقة وادي القمر خوفا من السيول #الأردن", "منطقة وادي القمر"),
])
def test_a_valley_after_an_area_cue_is_one_phrase_not_the_town_named_valley(default_gz, text, surface):
    # وادي alone is El Oued in Algeria (الوادي), 2,700 km away: here it opens a name we do not know
    mention = _mention(default_gz, text, surface)
    assert all(c.place.country_code == "JO" for c in mention.candidates)
    assert mention.best is None or mention.best.precision >= Precision.NEAR


@pytest.mark.parametrize(("text", "surface", "town", "country"), [
    ("#جامعة_القاهرة تكشف آثار الحادث", "جامعة_القاهرة", "القاهرة", "EG"),  # a university is in its city
    ("نقل المصابين إلى مستشفى الجهراء", "مستشفى الجهراء", "الجهراء", "KW"),  # a town of an Arab country
    ("إخلاء مستشفى حفر الباطن المركزي", "مستشفى حفر الباطن المركزي", "حفر الباطن", "SA"),
])
def test_an_institution_named_after_a_town_abroad_is_in_it(default_gz, text, surface, town, country):
    mention = _mention(default_gz, text, surface)
    assert (mention.best.place.name_ar, mention.best.place.country_code) == (town, country)
    assert mention.best.precision == Precision.NEAR and mention.best.approximate


def test_a_city_abroad_far_from_the_texts_other_places_is_not_where_the_institution_is(default_gz):
    # مستشفى X where X is a city far from every other place of the text: no reason to put it there
    mention = _mention(default_gz, "قصف مستشفى القاهرة في مدينة حلب", "مستشفى القاهرة")
    assert mention.best is None or mention.best.place.country_code == "SY"


@pytest.mark.parametrize(("text", "phrase"), [
    ("انفجار أمام المعهد القومي للأورام مساء اليوم", "المعهد القومي للأورام"),  # لل: what it is for, in the name
    ("تزايد حالات الوفاة في السجن المركزي", "السجن المركزي"),
    ("«الدرك» يفتح الطريق الصحراوي أمام الشاحنات", "الطريق الصحراوي"),
    ("يرقد في المستشفى السلطاني منذ أسبوع", "المستشفى السلطاني"),
    ("وصل بالمستشفى الجامعي أمس", "بالمستشفى الجامعي"),  # clitics stay in the span, as in بحلب
    ("انفجار في معهد ناصر للأورام", "معهد ناصر للأورام"),
])
def test_an_institution_named_by_adjectives_after_its_head_with_the_article_is_a_phrase(text, phrase):
    assert phrase in [text[s:e] for s, e, _ in cue_phrases(text)]


@pytest.mark.parametrize("text", [
    "نقل الجرحى إلى المستشفى الذي يبعد كيلومترا",  # a relative, no name
    "أغلق الطريق إلى المدينة",  # a preposition
    "افتتاح المدرسة في القرية",
])
def test_a_head_with_the_article_and_no_adjective_is_no_phrase(text):
    assert cue_phrases(text) == []


@pytest.mark.parametrize(("text", "surface", "town"), [
    ("زار محافظ خميس مشيط مركز تندحة صباح اليوم", "مركز تندحة", "خميس مشيط"),  # the text's one town
    ("تعليق الجلسات في محكمة الخليل لإصابة أحد القضاة", "محكمة الخليل", "الخليل"),  # named after its city
    ("مواعيد جديدة أعلنتها السفارة اليمنية بالرياض", "السفارة اليمنية", "الرياض"),  # where it stands, not Yemen
])
def test_a_centre_court_or_embassy_with_a_proper_name_is_a_mention(default_gz, text, surface, town):
    mention = _mention(default_gz, text, surface)
    assert mention.best.place.name_ar == town
    assert mention.best.precision == Precision.NEAR and mention.best.approximate


@pytest.mark.parametrize("text", [
    "إنشاء مركز عزل لمرضى كورونا في عمان",
    "أرقام جديدة أعلنها المركز الوطني لمكافحة الأمراض",
    "تحديثات مركز مكافحة الأمراض في ليبيا",
    "ندوة بكلية الشريعة والقانون في جامعة صنعاء",
    "طوابير أمام محطة وقود في دمشق",
    "دعت سفارة المملكة في الأردن رعاياها إلى الحذر",  # no town says where it stands
])
def test_an_institution_named_by_what_it_does_is_no_mention(default_gz, text):
    heads = ("مركز", "كلية", "محطة", "سفارة", "المركز")
    assert not [m.surface for m in default_gz.find(text) if m.surface.split()[0].lstrip("وبل").startswith(heads)]


def test_a_hashtag_right_after_a_head_is_the_whole_name():
    text = "رحيل ناظر محطة #سعد_زغلول بعد مرضه، وإلى مطار #سيؤون الدولي"
    assert [text[s:e] for s, e, _ in cue_phrases(text)] == ["محطة #سعد_زغلول", "مطار #سيؤون الدولي"]


def test_frequent_words_are_read_from_the_cache_folder(tmp_path, monkeypatch):
    """``find`` asks the frequency of a few words; ``wordfreq`` is read once into the cache folder."""
    from gazetteer import frequency

    monkeypatch.setenv("GEO_INCIDENTS_CACHE", str(tmp_path))
    frequency._frequent_words.cache_clear()
    try:
        assert frequency.is_frequent_word("عزل") and frequency.is_frequent_word("العزل")
        assert not frequency.is_frequent_word("تندحه")
        assert list(tmp_path.glob("frequent-words-ar-*.txt"))
    finally:
        frequency._frequent_words.cache_clear()


def test_a_frequent_word_list_of_other_code_is_not_read(tmp_path, monkeypatch):
    """The list holds normalised keys: one written before the normaliser (or this module) changed has
    another name, so a cache folder kept across versions never answers with stale keys."""
    from gazetteer import frequency

    monkeypatch.setenv("GEO_INCIDENTS_CACHE", str(tmp_path))
    release = frequency.version("wordfreq")
    for stale in (f"frequent-words-ar-{release}-{frequency.FREQUENT_ZIPF}.txt",
                  f"frequent-words-ar-{release}-{frequency.FREQUENT_ZIPF}-000000000000.txt"):
        (tmp_path / stale).write_text("تندحه\n", encoding="utf-8")
    frequency._frequent_words.cache_clear()
    try:
        assert not frequency.is_frequent_word("تندحه")
        assert frequency.is_frequent_word("عزل")
        assert len(list(tmp_path.glob("frequent-words-ar-*.txt"))) == 3
    finally:
        frequency._frequent_words.cache_clear()


def test_a_village_after_its_cue_is_read_with_or_without_the_article(default_gz):
    """Reporters write a village with or without the article (قرية الفطيرة is OCHA's فطيرة); after قرية or
    بلدة the index's other spelling is the village itself, near the place the text names next to it."""
    first, second = default_gz.find("قتل مدني في قصف على قرية الفطيرة بجبل الزاوية")
    assert (first.best.place.id, first.best.precision) == ("ocha:C4070", Precision.EXACT)
    assert second.best.place.id == "local:area-jabal-al-zawiya"
    (alone,) = default_gz.find("قصف على قرية الفطيرة")
    assert alone.best.place.id == "ocha:C4070"
    (unknown,) = default_gz.find("قصف على قرية الفطيرات الشمالية")
    assert unknown.best is None


@pytest.mark.parametrize(("text", "phrase"), [
    ("سيارة تسير في الاتجاه المعاكس على كورنيش #المنيل", "كورنيش #المنيل"),
    ("صدم سائق يسير بطريق الخطأ مارة بشارع كورنيش النيل", "بشارع كورنيش النيل"),  # a corniche names the street
    ("إغلاق الدائري السادس بسبب الأمطار", "الدائري السادس"),  # a ring road, named by its article and number
    ("ثلاثون إصابة بين موظفي جمعية كيفان بفيروس كورونا", "جمعية كيفان"),  # a co-operative named after its area
])
def test_corniches_ring_roads_and_co_operatives_are_phrases(text, phrase):
    assert phrase in [text[s:e] for s, e, _ in cue_phrases(text)]


def test_a_ring_road_is_placed_in_the_one_small_country_the_text_names(default_gz):
    mention = _mention(default_gz, "إغلاق الدائري السادس في الكويت بسبب الأمطار", "الدائري السادس")
    assert mention.best.place.country_code == "KW" and mention.best.approximate


def test_a_charity_named_by_what_it_does_is_no_mention(default_gz):
    assert not [m for m in default_gz.find("دشنتها جمعية البر الخيرية بدعم من الأهالي") if m.cue == "جمعيه"]


def test_an_area_phrase_is_the_place_of_its_name_in_the_country_the_text_names(default_gz):
    """منطقة الجفر: a Jordanian village after an area cue, which alone would need support, is that
    village when the text names Jordan, not left unresolved nor read as the Saudi homonym."""
    mention = _mention(default_gz, "عالقون وسط السيول في منطقة الجفر جنوبا #الإمارات #الأردن", "منطقة الجفر")
    assert mention.best.place.country_code == "JO" and mention.best.place.name_ar == "الجفر"
    assert _mention(default_gz, "تمشيط منطقة كبد", "منطقة كبد").candidates == ()  # no country named: unresolved


def test_a_hashtag_whose_word_a_compound_hashtag_pairs_with_a_country_is_the_topic(default_gz):
    """#سيول beside #سيول_الأردن ("Jordan's torrents") is the torrents, not Seoul."""
    found = default_gz.find("#سيول_الأردن تحصد أرواح ستة أشخاص وتحذيرات رسمية #الأردن #سيول")
    assert [m.surface for m in found] == ["الأردن"]
    assert [m.surface for m in default_gz.find("#عمان_تواجه_كورونا #عُمان")] == ["عُمان"]  # no country paired


def test_both_names_after_a_dual_area_cue_are_places(default_gz):
    """في منطقتي X وY "in the two areas X and Y": a name the index lacks is a place too, placed in
    the text's one country; a frequent word (الشمال) is none."""
    text = "سبع وفيات بمنطقتي ضبعة ومادبا بعد سيول جارفة في #الأردن"
    mention = _mention(default_gz, text, "ضبعة")
    assert mention.best.place.country_code == "JO" and mention.best.approximate
    assert not [m for m in default_gz.find("أمطار في منطقتي الشمال والجنوب") if m.surface in ("الشمال", "الجنوب")]
