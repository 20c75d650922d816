"""Places read from the rest of the text: «المملكة», a site placed in the text's one area, a homonym in
the country the text is about, small towns of the Arabic-speaking countries. Sentences are our own."""

from __future__ import annotations

import re

import pytest

from gazetteer.io.geonames_cache import read_geonames_cache


def _by_surface(gz, text: str) -> dict[str, object]:
    return {m.surface: m for m in gz.find(text)}


def test_the_kingdom_is_the_one_kingdom_of_the_other_places(default_gz):
    found = _by_surface(default_gz, "هطلت أمطار غزيرة على مدينة جدة، وتتوقع الأرصاد أن تشمل بقية مناطق المملكة")
    assert found["المملكة"].best.place.id == "local:country-sa"
    assert not found["المملكة"].best.place.mappable_as_point
    found = _by_surface(default_gz, "أغلقت السلطات طريق البحر الميت في الأردن وطرقا أخرى بالمملكة")
    assert found["بالمملكة"].best.place.id == "local:country-jo"


def test_the_kingdom_needs_one_kingdom_and_is_no_channel_or_longer_name(default_gz):
    assert "المملكة" not in _by_surface(default_gz, "وصلت المساعدات إلى المملكة مساء أمس")  # which kingdom?
    both = _by_surface(default_gz, "اتفق وزيرا خارجية الأردن والسعودية على أن المملكة ستستضيف القمة")
    assert "المملكة" not in both
    assert "المملكة" not in _by_surface(default_gz, "قالت قناة المملكة إن السيول وصلت إلى معان في الأردن")
    text = "زار وفد من الأردن المملكة المغربية"
    assert all(m.best is None or m.best.place.country_code != "JO" or "المملكة" not in m.surface
               for m in default_gz.find(text))


def test_an_unknown_hospital_is_placed_in_the_one_area_the_text_names(default_gz):
    found = _by_surface(default_gz, "نقل المصابون إلى مستشفى الأمل التخصصي، وقال شهود في سراقب إن القصف استمر")
    hospital = next(m for s, m in found.items() if s.startswith("مستشفى"))
    assert hospital.best is not None and hospital.best.approximate
    assert hospital.best.place.name_ar == "سراقب" and hospital.best.precision >= 2
    assert "the one area the text names" in hospital.best.reasons[-1]


def test_an_unknown_site_stays_unresolved_when_the_text_names_several_areas(default_gz):
    found = _by_surface(default_gz, "نقل المصابون إلى مستشفى الأمل التخصصي بعد قصف على سراقب ودرعا")
    hospital = next(m for s, m in found.items() if s.startswith("مستشفى"))
    assert hospital.best is None


def test_a_road_or_a_figure_of_speech_is_not_placed_in_the_text_area(default_gz):
    found = default_gz.find("وثق الأرشيف الانتهاكات عن طريق الهجمات المتكررة على مدينة سراقب")
    assert all(m.best is None for m in found if m.cue == "طريق")


def test_every_cue_head_is_placed_in_the_one_town_the_text_names(default_gz):
    found = _by_surface(default_gz, "تجمعت مياه الأمطار في شارع الجلاء وقال سكان في سراقب إن الطرق أغلقت")
    street = next(m for s, m in found.items() if s.startswith("شارع"))
    assert street.best is not None and street.best.place.name_ar == "سراقب" and street.best.approximate


def test_an_unknown_site_in_a_small_country_is_somewhere_in_that_country(default_gz):
    found = _by_surface(default_gz, "أغلقت الشرطة شارع الخليج العربي بعد أن غمرته مياه الأمطار في الكويت")
    street = next(m for s, m in found.items() if s.startswith("شارع"))
    assert street.best.place.id == "local:country-kw" and street.best.precision == 3
    assert not street.best.place.mappable_as_point and street.best.approximate
    # two Lebanese cities far apart: no one town, but one small country the text does not name
    found = _by_surface(default_gz, "تضرر مستشفى الأمل الجديد بعد انفجارين في بيروت وطرابلس")
    hospital = next(m for s, m in found.items() if s.startswith("مستشفى"))
    assert hospital.best.place.id == "local:country-lb"


def test_a_country_the_text_names_is_the_area_for_an_unknown_site(default_gz):
    for text, code in (("أغلقت السلطات طريق الصحراوي الجديد بسبب السيول في مصر", "EG"),
                       ("قصفت الطائرات مستشفى الأمل الجديد في سوريا", "SY")):
        site = next(m for m in default_gz.find(text) if m.cue in ("طريق", "مستشفي"))
        assert site.best.place.id == f"local:country-{code.lower()}", text
        assert site.best.precision == 3 and site.best.approximate and not site.best.place.mappable_as_point


def test_a_wide_country_the_text_does_not_name_is_no_area_for_an_unknown_site(default_gz):
    # Cairo and Aswan lie in one country, but a wide one the text does not name: where is the road?
    road = next(m for m in default_gz.find("أغلقت السلطات طريق الصحراوي الجديد بين القاهرة وأسوان")
                if m.cue == "طريق")
    assert road.best is None


def test_a_hashtag_of_several_words_names_the_country_of_an_unknown_site(default_gz):
    found = _by_surface(default_gz, "جرفت المياه سيارتين في منطقة الخشيبات الجديدة #أمطار_الأردن #عاجل")
    area = next(m for s, m in found.items() if s.startswith("منطقة"))
    assert area.best.place.id == "local:country-jo" and area.best.precision == 3
    assert "hashtags name" in area.best.reasons[0]
    assert not any(m.best is not None and "أمطار" in s for s, m in found.items())  # still no mention itself
    # hashtags naming two countries: which one?
    found = _by_surface(default_gz, "أغلق شارع البحر الجديد بعد الأمطار #امطار_الكويت #سيول_الأردن")
    street = next(m for s, m in found.items() if s.startswith("شارع"))
    assert street.best is None


def test_a_governorate_named_after_its_seat_is_the_seat_at_coarse_precision(default_gz):
    found = _by_surface(default_gz, "أمطار غزيرة على محافظة ينبع وسيول في محافظة حفر الباطن")
    for surface, name in (("محافظة ينبع", "ينبع"), ("محافظة حفر الباطن", "حفر الباطن")):
        best = found[surface].best
        assert best.place.name_ar == name and best.place.country_code == "SA", surface
        assert best.precision == 3 and best.approximate and "after its seat" in best.reasons[-1]
    # a governorate the index holds is still the governorate, a second-level one too (محافظة الطائف)
    assert _by_surface(default_gz, "سيول في محافظة مادبا")["محافظة مادبا"].best.place.kind.value == "governorate"
    found = _by_surface(default_gz, "أمطار غزيرة على محافظة الطائف ومحافظة تبوك")
    assert [found[s].best.place.kind.value for s in ("محافظة الطائف", "ومحافظة تبوك")] == ["district"] * 2
    assert _by_surface(default_gz, "قصف على محافظة درعا")["محافظة درعا"].best.place.kind.value == "governorate"


def test_lookup_near_a_country_prefers_that_countrys_homonym(default_gz):
    assert default_gz.lookup("الجفر", near="الأردن", limit=1)[0].place.country_code == "JO"


def test_towns_of_the_arabic_speaking_countries_are_indexed_whatever_their_size():
    places = {p.id: p for p in read_geonames_cache()}
    jahra = next(p for p in places.values() if p.country_code == "KW" and p.name_ar == "الجهراء")
    assert jahra.population < 100_000
    small_saudi = [p for p in places.values() if p.country_code == "SA" and 0 < p.population < 15_000]
    assert small_saudi, "Saudi towns under 15,000 inhabitants with an Arabic name are indexed"
    assert not any(p.country_code == "FR" and 0 < p.population < 15_000 for p in places.values())


def test_provinces_of_the_arabic_speaking_countries_are_named_as_such(default_gz):
    found = _by_surface(default_gz, "سيول جارفة في حضرموت وأمطار على منطقة القصيم ومحافظة الأحمدي")
    assert found["حضرموت"].best.place.country_code == "YE"
    assert found["منطقة القصيم"].best.place.country_code == "SA"
    assert found["ومحافظة الأحمدي"].best.place.country_code == "KW"
    assert all(m.best.place.kind == "governorate" for m in found.values())


def test_a_province_named_like_an_ordinary_word_is_only_its_full_name():
    from gazetteer.io.arab_regions import read_arab_regions
    from gazetteer.normalize import normalize_name

    names = {normalize_name(n) for p in read_arab_regions() for n in (p.name_ar, *p.aliases_ar)}
    assert normalize_name("المنطقة الشرقية") in names
    assert normalize_name("الشرقية") not in names and normalize_name("العاصمة") not in names


def test_a_name_of_several_words_behind_a_clitic_is_a_place(default_gz):
    found = _by_surface(default_gz, "غرقت شوارع بحفر الباطن بعد الأمطار")
    assert found["بحفر الباطن"].best.place.country_code == "SA"
    assert "\u200e" not in found["بحفر الباطن"].best.place.name_ar


def test_a_near_spelling_is_believed_only_in_the_country_the_lookup_is_near(default_gz):
    assert default_gz.lookup("النقب", near="الأردن") == []  # not the Syrian النقيب
    assert default_gz.lookup("النقب")  # without a country, the guess stands
    # after a road's cue word the guess is at a road only, near a country or not
    assert default_gz.lookup("طريق النقب", near="الأردن") == default_gz.lookup("طريق النقب") == []


def test_syria_is_no_home_for_a_word_in_a_text_about_another_country(default_gz):
    # الضمير ("the conscience") spells a Syrian town: in a text about Cairo it is the word
    found = _by_surface(default_gz, "ناشد الأطباء الضمير الإنساني لمساعدة المرضى في القاهرة")
    assert "الضمير" not in found
    # the same town in a text about Syria keeps the rules of home
    found = _by_surface(default_gz, "قصفت الطائرات مدينة الضمير في ريف دمشق")
    assert any(m.best is not None and m.best.place.country_code == "SY" and "الضمير" in s for s, m in found.items())
    # a country named in a group's name does not make a Syrian report foreign
    found = _by_surface(default_gz, "تنظيم دولة العراق والشام يسيطر على الضمير")
    assert found["الضمير"].best.place.country_code == "SY"


def test_syria_is_no_home_for_a_small_town_or_a_curated_quarter_abroad_either(default_gz):
    # والزيارة "and the visit" spells a Syrian town (OCHA): in a text about Mecca and Medina it is the word
    found = _by_surface(default_gz, "تعليق العمرة والزيارة مؤقتا في مكة المكرمة والمدينة المنورة بسبب كورونا")
    assert "والزيارة" not in found and "مكة المكرمة" in found


def test_a_cued_town_of_an_arab_country_needs_no_size(default_gz):
    found = _by_surface(default_gz, "وصل الوفد إلى مدينة الكويت صباح اليوم")
    city = found["مدينة الكويت"].best.place
    assert city.kind.value == "city" and city.country_code == "KW" and city.name_ar == "الكويت"


def test_a_name_shared_by_a_country_and_its_city_is_the_country(default_gz):
    found = _by_surface(default_gz, "ارتفع عدد الإصابات في الجزائر وتونس خلال الأسبوع")
    assert found["الجزائر"].best.place.id == "local:country-dz"
    assert found["وتونس"].best.place.id == "local:country-tn"
    assert "share the name" in found["الجزائر"].best.reasons[-1]
    # the city's own longer name, or a city cue, is the city
    assert _by_surface(default_gz, "وقع انفجار في الجزائر العاصمة")["الجزائر العاصمة"].best.place.kind.value == "city"
    assert _by_surface(default_gz, "وصل الوفد إلى مدينة تونس")["مدينة تونس"].best.place.kind.value == "city"


def test_a_name_the_text_puts_in_another_town_is_no_namesake_quarter(default_gz):
    elsewhere = default_gz.find("استهدفت غارة جوية المشفى الوطني في مدينة كفرنبل صباح اليوم")
    assert all(m.best.place.admin1 == "إدلب" for m in elsewhere if m.best is not None)
    assert "كفر نبل" in {m.best.place.name_ar for m in elsewhere if m.best is not None}
    at_home = _by_surface(default_gz, "استهدفت غارة جوية المشفى الوطني في حلب صباح اليوم")
    assert at_home["المشفى الوطني"].best.place.admin1 == "حلب"


def test_second_level_divisions_of_the_arabic_speaking_countries_are_places(default_gz):
    found = _by_surface(default_gz, "جرفت المياه سيارتين في منطقة الرويشد #أمطار_الأردن")
    assert found["منطقة الرويشد"].best.place.admin2 == "الرويشد"  # Jordan's liwa, no longer only "in Jordan"
    found = _by_surface(default_gz, "وفاة المعلمة في لواء الجيزة #سيول_الاردن")
    assert found["لواء الجيزة"].best.place.country_code == "JO"  # Jordan's liwa, not Egypt's Giza
    assert found["لواء الجيزة"].best.place.kind == "district"
    found = _by_surface(default_gz, "فاعل خير في محافظة السليل يتبرع بأجهزة أكسجين")
    assert found["محافظة السليل"].best.place.country_code == "SA"
    assert found["محافظة السليل"].best.precision == 2  # a district: near, never a point site
    # a Kuwaiti area named like a Syrian city leaves the city its name
    assert _by_surface(default_gz, "اشتباكات في الرقة")["الرقة"].best.place.country_code == "SY"


def test_the_districts_table_holds_arabic_names_each_placed_with_its_source():
    from gazetteer.io.arab_regions import read_arab_districts

    districts = list(read_arab_districts())
    assert len(districts) > 500
    letters = re.compile("^[\u0621-\u064a ]+$")
    assert all(letters.match(n) for d in districts for n in (d.name_ar, *d.aliases_ar))  # no Kurdish, no Latin
    names = {n for d in districts for n in (d.name_ar, *d.aliases_ar)}
    assert "زغوان" in names and "ناوغز" not in names  # a spelling stored reversed is dropped
    assert all(d.source.startswith("GeoNames second-level divisions") for d in districts)


def test_a_region_across_borders_says_nothing_of_the_texts_country(default_gz):
    """البادية (the steppe of Syria, Jordan, Iraq and Saudi Arabia) in a report naming Jordan does not
    make the report about two countries: the unknown area is still placed in Jordan."""
    found = _by_surface(default_gz, "قوات البادية تنقذ سياحا في منطقة الخشيبات الجديدة بعد السيول #الأردن")
    area = next(m for s, m in found.items() if s.startswith("منطقة"))
    assert area.best is not None and area.best.place.id == "local:country-jo" and area.best.precision == 3


def test_another_languages_spelling_of_a_town_reads_no_arabic_word(default_gz):
    """GeoNames lists Urdu, Persian and Kurdish spellings in Arabic letters (دوھا for Doha, یرحم for
    Yeroham): folded by the normaliser they are Arabic words (ودوها "they took her there", يرحم "may
    He have mercy"), never names Arabic text gives those towns. The Arabic names still count."""
    for text in ("المستشفى ما بعتت سيارة إسعاف فأخدها أهلها لهناك", "الله يرحم الضحايا ويشفي المصابين"):
        assert not [m for m in default_gz.find(text) if m.best is not None], text
    assert default_gz.find("وصل الوفد إلى الدوحة")[0].best is not None
    doha = default_gz.get("geonames:290030")
    assert "دوھا" not in doha.aliases_ar and doha.name_ar == "الدوحة"


@pytest.mark.parametrize(("text", "country"), [
    ("وفقاً لتوجيهات الحكومة السعودية، قمنا بتعديل المواعيد", False),  # "the Saudi government"
    ("عاجل.. وزارة الصحة السعودية تعلن 2034 حالة جديدة", False),
    ("قالت المملكة العربية السعودية إنها تراجع خطط الموسم", True),  # the full name
    ("وصل الوفد إلى السعودية أمس", True),
])
def test_saudi_arabia_named_by_its_adjective_after_a_feminine_noun_is_the_adjective(default_gz, text, country):
    found = [m for m in default_gz.find(text) if m.best is not None and m.best.place.id == "local:country-sa"]
    assert bool(found) is country


def test_an_area_of_a_small_country_without_a_point_of_its_own_is_placed_in_its_province(default_gz):
    """GeoNames knows Kuwait's areas by name but places no town inside most of them: in a small country
    the province's point stands for such an area, at a district's precision, never a point site."""
    found = _by_surface(default_gz, "أمطار غزيرة على الفحيحيل والمنقف وأبو حليفة والعقيلة")
    for surface in ("وأبو حليفة", "والعقيلة"):
        place = found[surface].best.place
        assert place.country_code == "KW" and place.kind == "district", surface
        assert "province of" in place.source and found[surface].best.precision == 2
    found = _by_surface(default_gz, "غرق سيارات في منطقة الصباحية بسبب الأمطار #الكويت")
    assert found["منطقة الصباحية"].best.place.country_code == "KW"


def test_an_area_placed_by_its_province_whose_name_is_a_word_needs_a_cue_or_a_neighbour(default_gz):
    """القصور "the palaces", الروضة "the garden": with no point of their own such names count after an area
    cue or beside another place of the text, not alone."""
    assert not [m for m in default_gz.find("تحدث الكاتب عن القصور في الأداء") if m.best is not None]
    found = _by_surface(default_gz, "تجمعت المياه في منطقة القصور بعد الأمطار #الكويت")
    assert found["منطقة القصور"].best.place.country_code == "KW"


def test_an_area_the_text_puts_inside_a_town_of_another_country_is_a_namesake(default_gz):
    """منطقة النزهة في مأدبا is a quarter of the Jordanian town, not Kuwait's النزهة."""
    found = _by_surface(default_gz, "غمرت مياه السيل شوارع منطقة النزهة في مأدبا #سيول_الاردن")
    area = next(m for s, m in found.items() if s.startswith("منطقة"))
    assert area.best is None or area.best.place.country_code == "JO"


def test_a_name_after_the_title_sheikh_is_a_person(default_gz):
    """الشيخ جابر العلي, الشيخة فاطمة: a person, not the Kuwaiti area or a town named like them."""
    assert "جابر العلي" not in _by_surface(default_gz, "استقبل الشيخ جابر العلي وفدا من المتطوعين")
    assert "فاطمة" not in _by_surface(default_gz, "تبرعت الشيخة فاطمة لدعم المرضى")


def test_a_name_stored_reversed_is_no_district_name():
    from gazetteer.io.arab_regions import _reversed, read_arab_districts

    assert _reversed("ةيلامشلا ةبودنج") and _reversed("بيبحلا لزنم") and not _reversed("العلا")
    names = {n for d in read_arab_districts() for n in (d.name_ar, *d.aliases_ar)}
    assert not [n for n in names if _reversed(n)]


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("أمطار غزيرة على حفرالباطن منذ الفجر", "حفرالباطن", "حفر الباطن"),
    ("قصف مدفعي على ديرالزور اليوم", "ديرالزور", "دير الزور"),
])
def test_a_two_word_name_typed_without_the_space_before_the_article_is_the_name(default_gz, text, surface, name):
    """حفر الباطن and حفرالباطن look alike on screen (ر does not join the next letter), so tweets often
    drop the space; the index holds that spelling of a name whose second word has the article."""
    found = _by_surface(default_gz, text)
    assert found[surface].best.place.name_ar == name


def test_a_joined_person_name_is_no_joined_place_name():
    from gazetteer.store import _article_joined

    assert _article_joined("حفر الباطن") == "حفرالباطن"
    assert _article_joined("عبد الله") is None and _article_joined("أبو الظهور") is None  # a person's name
    assert _article_joined("جبل سمعان") is None  # ل joins the next letter: no space is dropped unseen
    assert _article_joined("رأس العين") is None


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("اشتباكات في رميلان بريف الحسكة", "رميلان", "ocha-parts:C4813-C4833"),
    ("قصف على الشعفة بريف دير الزور الشرقي", "الشعفة", "ocha:C5183"),
])
def test_a_village_the_text_puts_in_a_governorate_is_that_village(default_gz, text, surface, place_id):
    """«X بريف Y» puts X in Y's governorate: a Syrian village of that name there is X, however far from
    Y's seat (رميلان lies 120 km from الحسكة, beyond the reach of the text's other places)."""
    assert [(m.surface, m.best.place.id) for m in default_gz.find(text) if m.surface == surface] == \
        [(surface, place_id)]
    assert not [m for m in default_gz.find("قصف على رميلان بريف منبج") if m.surface == "رميلان"]


def test_a_name_the_text_takes_as_a_place_is_that_place_where_it_stands_alone_too(default_gz):
    """A text means one thing by one name: a quarter word or place takes from a hashtag (#المنيل) is the
    same quarter where the text names it bare, though alone the bare name would be weighed as a word."""
    found = _by_surface(default_gz, "وقع الانفجار في المنيل مساء أمس وأغلقت الشرطة الطريق #المنيل")
    assert found["المنيل"].best.place.country_code == "EG"
    assert sum(1 for m in default_gz.find("وقع الانفجار في المنيل مساء أمس وأغلقت الشرطة الطريق #المنيل")
               if m.best is not None and m.best.place.name_ar == "المنيل") == 2


@pytest.mark.parametrize("level", ["1", "2"])
def test_the_provinces_tables_are_what_the_script_builds(level, tmp_path):
    """``python -m gazetteer.io.arab_regions [--level 2]`` rebuilds the committed tables byte for byte:
    a change to what the script reads (the stop words, the word frequencies) shows here, not in a
    later rebuild."""
    from gazetteer.io.arab_regions import ARAB_DISTRICTS, ARAB_REGIONS, main

    out = tmp_path / "table.csv"
    assert main(["--level", level, "--out", str(out)]) == 0
    assert out.read_bytes() == (ARAB_REGIONS if level == "1" else ARAB_DISTRICTS).read_bytes()


@pytest.mark.parametrize(("text", "word"), [
    ("منعت البلدية بيع أي مشروب كحولي قرب المدارس", "كحولي"),  # حولي (Kuwait) + ك
    ("قال إنه كسرت يده أثناء المباراة في الملعب", "كسرت"),  # سرت (Libya) + ك
])
def test_the_particle_like_before_a_name_makes_no_place(default_gz, text, word):
    """ك "like, as" compares; it does not say where something happened, and a word that opens with its
    letter often spells a place after it (كحولي "alcoholic" = ك + حولي)."""
    assert word not in _by_surface(default_gz, text)


def test_a_region_after_its_title_with_a_clitic_is_the_region(default_gz):
    """Saudi Arabia's regions bear the title منطقة (the provinces table adds it where GeoNames lists no
    titled form), and a clitic on the title (بمنطقة) is no word that happens to spell a place."""
    found = _by_surface(default_gz, "أغلقت الشرطة سوقا بمنطقة مكة المكرمة وأعادت فتح آخر بمنطقة حائل")
    assert found["بمنطقة مكة المكرمة"].best.place.kind == "governorate"
    assert found["بمنطقة مكة المكرمة"].best.place.country_code == "SA"
    assert found["بمنطقة حائل"].best.place.kind == "governorate"


def test_a_province_named_like_a_word_needs_its_title(default_gz):
    """A province is named as such, never weighed as word or place: one whose one-word name is frequent with
    and without the article (البيض "eggs", العصابة "the gang") counts after its title, not bare."""
    assert "البيض" not in _by_surface(default_gz, "ارتفع سعر البيض في الأسواق هذا الأسبوع")
    assert "العصابة" not in _by_surface(default_gz, "قبضت الشرطة على أفراد العصابة بعد مطاردة")
    found = _by_surface(default_gz, "أمطار غزيرة في ولاية البيض غرب البلاد")
    assert found["ولاية البيض"].best.place.country_code == "DZ"  # the province, or its seat named like it


@pytest.mark.parametrize(("text", "surface", "town"), [
    ("قصفت المدفعية أحياء مدينة الفاشر في ولاية شمال دارفور", "مدينة الفاشر", "الفاشر"),
    ("انقطعت المياه عن مدينة الأبيض في ولاية شمال كردفان منذ يومين", "مدينة الأبيض", "الابيض"),
])
def test_a_town_abroad_lies_in_the_province_the_text_puts_it_in(default_gz, text, surface, town):
    """GeoNames towns of the Arabic-speaking countries know their province (its admin1 code in
    arab_regions.csv), so «مدينة X في ولاية Y» is the town, not the province standing in for an unknown name."""
    found = _by_surface(default_gz, text)
    place = found[surface].candidates[0].place
    province = next(m for s, m in found.items() if s != surface).candidates[0].place
    assert place.kind.value == "city" and town in (place.name_ar, *place.aliases_ar)
    assert province.kind.value == "governorate" and place.admin1 == province.name_ar


def test_khartoum_the_city_is_in_the_index(default_gz):
    """GeoNames gives the city no «الخرطوم» (only the state has it): our curated row holds it."""
    found = _by_surface(default_gz, "استهدفت مسيرات محطة كهرباء في مدينة الخرطوم")
    assert found["مدينة الخرطوم"].best.place.kind.value == "city"
    assert found["مدينة الخرطوم"].best.place.country_code == "SD"


def test_a_town_named_like_a_word_is_a_place_as_the_next_item_of_a_list_of_places(default_gz):
    """العين "the eye" alone is the word; right after أبوظبي and joined to it by و it is the next item of a
    list of places, Al Ain, 130 km away in the same country (glued و in the span, a separate one not)."""
    found = _by_surface(default_gz, "افتتحت الوزارة مركزين للفحص في أبوظبي والعين هذا الأسبوع")
    assert found["والعين"].best.place.name_ar == "العين" and found["والعين"].best.place.country_code == "AE"
    assert "named in a list with" in found["والعين"].best.reasons[-1]
    hashtags = _by_surface(default_gz, "مراكز جديدة للفحص في #أبوظبي و #العين")
    assert hashtags["العين"].best.place.country_code == "AE"
    assert "العين" not in _by_surface(default_gz, "افتتحت الوزارة مركزا لطب العين في أبوظبي")


def test_the_next_item_of_a_list_needs_a_town_of_the_same_country_nearby(default_gz):
    """After a country (السعودية والعين), after a town of another country the name has no town in
    (حلب والعين), or with no و or comma between, no place is added."""
    for text in ("ارتفعت الإصابات في السعودية والعين على الأرقام", "وصل الوفد إلى حلب والعين تراقب الطريق",
                 "وصل الوفد إلى أبوظبي العين على الطريق"):
        assert not [m for m in default_gz.find(text) if "العين" in m.surface], text
