"""Disambiguation and recall in running text: the place named right after a name, squares, front
lines, settlement cue words, ordinary-word names, compound names we do not know, misspellings,
and the Arabic name a GeoNames place is shown by. Sentences are our own."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from gazetteer import Gazetteer, Kind, Place, Precision


def _place(pid: str, name_ar: str, kind: Kind, lon: float, lat: float, **extra) -> Place:
    return Place(id=pid, name_ar=name_ar, kind=kind, geometry=Point(lon, lat), source="test", **extra)


#: A foreign town that outranks a Syrian village of the same name when nothing else is known.
HOMONYMS = (
    _place("t:foreign-town", "الزيتونة", Kind.TOWN, 35.44, 31.87, population=20_000, country_code="PS"),
    _place("t:idlib-village", "الزيتونة", Kind.VILLAGE, 36.62, 35.80, country_code="SY", admin1="إدلب"),
    _place("t:idlib", "إدلب", Kind.CITY, 36.63393, 35.93062, population=128_840, country_code="SY",
           admin1="إدلب"),
    _place("t:suwayda", "السويداء", Kind.CITY, 36.56951, 32.70896, population=73_641, country_code="SY",
           admin1="السويداء"),
    _place("t:karameh-jo", "الكرامة", Kind.TOWN, 35.58, 31.95, population=9_384, country_code="JO"),
)


@pytest.fixture(scope="module")
def homonyms_gz() -> Gazetteer:
    return Gazetteer.from_places(HOMONYMS)


@pytest.fixture(scope="module")
def ocha_gz(shared_data) -> Gazetteer:
    """OCHA communities and Aleppo neighbourhoods only (no GeoNames, no curated rows)."""
    from gazetteer.io import read_ocha_communities, read_ocha_neighbourhoods

    return Gazetteer.from_places([
        *read_ocha_communities(shared_data / "ocha" / "syr_admin4_point.geojson"),
        *read_ocha_neighbourhoods(shared_data / "aleppo" / "neighbourhoods_ocha.json"),
    ])


def _best_ids(gazetteer: Gazetteer, text: str) -> list[str]:
    return [m.best.place.id for m in gazetteer.find(text)]


# -- the place named right after a name ----------------------------------------------------------


def test_a_governorate_named_right_after_pulls_its_village_above_a_foreign_homonym(homonyms_gz):
    bare = homonyms_gz.lookup("الزيتونة")
    assert bare[0].place.id == "t:foreign-town"  # by itself the larger foreign town ranks first
    mention = homonyms_gz.find("سقطت قذائف على الزيتونة في ريف إدلب الجنوبي")[0]
    assert mention.best.place.id == "t:idlib-village"
    assert any("named right after" in reason for reason in mention.best.reasons)
    foreign = next(c for c in mention.candidates if c.place.id == "t:foreign-town")
    assert "outside the countries of the text" in foreign.reasons
    assert mention.best.score - foreign.score > 0.2


def test_a_foreign_homonym_is_not_taken_in_a_text_about_syria(homonyms_gz):
    # alone, the Palestinian town is weighed as a word ("the olive", gazetteer.word_or_place) and the
    # Syrian village has no support: nothing
    assert _best_ids(homonyms_gz, "قصف على الزيتونة") == []
    assert _best_ids(homonyms_gz, "قصف على الزيتونة ومظاهرة في السويداء") == ["t:suwayda"]


def test_named_right_after_weighs_more_than_named_elsewhere(homonyms_gz):
    after = homonyms_gz.find("سقطت قذائف على الزيتونة في إدلب")[0].best
    elsewhere = homonyms_gz.find("سقطت قذائف على الزيتونة، وحلقت طائرات فوق إدلب")[0].best
    assert after.place.id == elsewhere.place.id == "t:idlib-village"
    assert after.score > elsewhere.score


def test_a_direction_and_a_city_after_the_name_count_too(homonyms_gz):
    assert _best_ids(homonyms_gz, "قصف مدفعي على الزيتونة جنوبي إدلب")[0] == "t:idlib-village"


def test_ariha_in_idlib_is_not_jericho(default_gz):
    for text in ("غارات على أريحا في ريف إدلب الجنوبي", "نزوح من أريحا جنوبي إدلب"):
        mention = default_gz.find(text)[0]
        assert mention.best.place.country_code == "SY", text
        jericho = [c for c in mention.candidates if c.place.id == "geonames:284899"]
        assert not jericho or jericho[0].score < mention.best.score - 0.3


# -- squares ---------------------------------------------------------------------------------------


def test_a_square_without_a_row_stands_for_the_town_named_after_it(homonyms_gz):
    mentions = homonyms_gz.find("تجمع العشرات في ساحة الكرامة بالسويداء")
    ids = [m.best.place.id for m in mentions]
    assert "t:karameh-jo" not in {c.place.id for m in mentions for c in m.candidates}
    square = next(m for m in mentions if m.name == "الكرامه")
    assert square.surface.startswith("ساحة") and square.best.place.id == "t:suwayda"
    assert square.best.precision is Precision.EXACT
    assert ids.count("t:suwayda") == 2


def test_a_square_with_no_town_after_it_is_left_out(homonyms_gz):
    assert _resolved(homonyms_gz.find("تجمع العشرات في ساحة الكرامة")) == []  # reported, with no place


def test_the_same_square_in_the_bundled_gazetteer(default_gz):
    mentions = default_gz.find("اعتصام في ساحة الكرامة بالسويداء")
    assert {m.best.place.country_code for m in mentions} == {"SY"}
    assert all("السويداء" in m.best.place.name_ar for m in mentions)


# -- settlement cue words, front lines, names only two sources agree on -----------------------------


def test_a_settlement_cue_accepts_any_settlement_kind(ocha_gz):
    """OCHA rows carry no population, so their kind is a guess: مدينة fits a 'village' row."""
    (mention,) = ocha_gz.find("حريق في مدينة عندان بعد الغارة")
    assert mention.best.place.id == "ocha:C1121"
    assert any("cue matches" in reason for reason in mention.best.reasons)


def test_a_town_after_its_cue_without_another_place(default_gz):
    (mention,) = default_gz.find("انفجار في مدينة مارع صباحا")
    assert mention.best.place.name_ar == "مارع" and mention.best.place.country_code == "SY"


def test_a_front_line_takes_only_syrian_places_near_the_text(ocha_gz, default_gz):
    mention = ocha_gz.find("اشتباكات عنيفة على جبهة البريج في ريف طرطوس")[0]
    assert mention.best.place.id == "ocha:C5290"  # the البريج near Tartus, not the one south of Homs
    assert all(c.place.country_code == "SY" for c in mention.candidates)
    # a village far away: no; the central prison is an institution the text names, reported unresolved
    assert [m.candidates for m in ocha_gz.find("اشتباكات عنيفة على جبهة السجن المركزي")] == [()]
    assert "local:aleppo-nbhd-sheikh-said" in _best_ids(default_gz, "اشتباكات على جبهة الشيخ سعيد")
    # the bundled gazetteer knows only the town in Gaza by this name: no reading at all
    assert not any(c.place.country_code == "PS" for m in default_gz.find("اشتباكات عنيفة على جبهة البريج")
                   for c in m.candidates)


def test_a_bare_name_two_sources_agree_on_is_kept(ocha_gz, default_gz):
    gazetteer = Gazetteer.from_places([*(p for p in ocha_gz if p.id == "ocha:C1130"),
                                       *(p for p in default_gz if p.id == "geonames:169858")])
    (mention,) = gazetteer.find("براميل متفجرة على حريتان")
    assert {c.place.id for c in mention.candidates} == {"ocha:C1130", "geonames:169858"}


def test_an_area_cue_is_no_settlement_cue(ocha_gz, default_gz):
    """منطقة announces a district or a quarter; a village of that name needs support, a town we
    list does not."""
    assert _resolved(ocha_gz.find("تمشيط منطقة عقرب")) == []
    assert _best_ids(default_gz, "حريق في منطقة كفرناها") == ["local:town-kafr-naha"]


def test_a_bare_name_from_one_source_alone_is_not_trusted(ocha_gz):
    """OCHA names villages after ordinary words: مدرسة (a school) is no place by itself."""
    assert ocha_gz.find("افتتاح مدرسة للأطفال") == []


def test_bundled_countryside_towns_are_found_bare(default_gz):
    for text, name in (("قصف على عندان", "عندان"), ("براميل على حريتان", "حريتان"),
                       ("غارة على كفرناها", "كفرناها"), ("قصف على اللطامنة", "اللطامنة")):
        mentions = default_gz.find(text)
        assert [m.best.place.name_ar for m in mentions] == [name], text
        assert mentions[0].best.place.country_code == "SY"


# -- ordinary-word names and the article ------------------------------------------------------------


def test_a_persons_name_quarter_counts_when_its_city_is_named(default_gz):
    assert "local:aleppo-nbhd-sheikh-said" in _best_ids(default_gz, "اشتباكات في الشيخ سعيد جنوب حلب")
    assert _best_ids(default_gz, "كلمة الشيخ سعيد في الحفل") == []


def test_a_quarter_the_text_goes_on_to_call_the_quarter(default_gz):
    assert _best_ids(default_gz, "الهلك: براميل متفجرة على الحي وجرحى بين المدنيين") == ["local:aleppo-nbhd-hellok"]
    assert _best_ids(default_gz, "الهلك: براميل متفجرة على الحيدرية") != []  # حيدرية is a quarter named
    assert default_gz.find("كان مصيرهم الهلك") == []


def test_a_stop_word_quarter_still_needs_its_cue(default_gz):
    assert "local:aleppo-nbhd-shuhada" not in _best_ids(default_gz, "تشييع الشهداء في حلب")


def test_the_article_is_optional_for_neighbourhoods(ocha_gz):
    assert "ocha-nbhd:N0127" in {c.place.id for c in ocha_gz.lookup("الخالدية")}
    assert "ocha-nbhd:N0225" in {c.place.id for c in ocha_gz.lookup("الشيخ سعيد")}
    mention = ocha_gz.find("قصف على حي الخالدية في حلب")[0]
    assert mention.best.place.id == "ocha-nbhd:N0127"


# -- compound names and misspellings ------------------------------------------------------------------


def test_the_tail_of_an_unknown_compound_name_is_no_place(ocha_gz):
    assert "ocha:C1222" in _best_ids(ocha_gz, "قصف على طومان قرب الباب")  # the village itself
    ids = {c.place.id for m in ocha_gz.find("قصف على تل طومان قرب الباب") for c in m.candidates}
    assert "ocha:C1222" not in ids  # تل طومان is another place, one we do not know


def test_a_short_misspelling_does_not_stand_for_a_longer_unknown_name():
    gazetteer = Gazetteer.from_places([
        _place("t:maraba", "معربة", Kind.VILLAGE, 36.43, 32.55, country_code="SY", admin1="درعا"),
        _place("t:harim", "حارم", Kind.TOWN, 36.52, 36.21, country_code="SY", admin1="إدلب", population=20_000),
    ])
    assert _resolved(gazetteer.find("غارة على بلدة معرة حرمة")) == []
    assert [m.surface for m in gazetteer.find("غارة على بلدة معرة حرمة")] == ["بلدة معرة حرمة"]  # unresolved
    assert _best_ids(gazetteer, "غارة على بلدة معربه") == ["t:maraba"]


def test_a_misspelling_is_close_in_letters_not_only_in_the_article():
    """الكسارة and الكلاسة share the article and most letters, yet are two quarters."""
    gazetteer = Gazetteer.from_places([
        _place("t:kallaseh", "الكلاسة", Kind.NEIGHBOURHOOD, 37.149, 36.194, country_code="SY", admin1="حلب"),
        _place("t:ashrafiyeh", "الأشرفية", Kind.NEIGHBOURHOOD, 37.147, 36.228, country_code="SY", admin1="حلب"),
    ])
    assert _resolved(gazetteer.find("انفجار في حي الكسارة")) == []
    assert _best_ids(gazetteer, "انفجار في حي الاشرفيي") == ["t:ashrafiyeh"]


def test_a_misspelling_after_a_cue_is_still_found(ocha_gz):
    (mention,) = ocha_gz.find("قصف على حي الاشرفيي")
    assert mention.best.place.id == "ocha-nbhd:N0128"


def test_old_city_is_not_the_city(default_gz):
    (mention,) = default_gz.find("اشتباكات في حلب القديمة")
    assert mention.best.place.id == "local:aleppo-nbhd-old-city"


# -- display names --------------------------------------------------------------------------------


def test_geonames_place_is_shown_by_the_spelling_of_its_main_name():
    from gazetteer.io.geonames_cache import arabic_names, arabic_skeleton, latin_skeleton

    assert latin_skeleton("Al-Tabqa") == arabic_skeleton("الطبقة") != arabic_skeleton("الثورة")
    assert arabic_names(["Ath Thawrah", "الثورة", "الطبقة", "ثورة"], "Al-Tabqa")[0] == "الطبقة"
    assert arabic_names(["ديبان", "ذيبان"], "Dhībān")[0] == "ذيبان"
    assert arabic_names(["ديبان", "ذيبان"])[0] == "ديبان"  # without a main name, the listed order
    assert arabic_names(["حلب", "ھەلەب"], "Aleppo")[0] == "حلب"  # an exonym keeps the listed first


def test_geonames_place_is_shown_by_an_arabic_spelling_not_a_uyghur_or_kurdish_one():
    from gazetteer.io.geonames_cache import arabic_names

    # Arabic never opens a word with ئ nor writes ى or ة inside one: those are other languages' spellings
    assert arabic_names(["ئاممان", "امان", "عمان", "عَمّان"], "Amman")[0] == "عمان"
    assert arabic_names(["مادرىد", "مدريد"])[0] == "مدريد"
    assert arabic_names(["كةربالا", "كربلاء", "كربلاء المقدسة"], "Karbala")[0] == "كربلاء"  # nor ة inside one
    # the spelling also listed with its vowel marks is the standard one
    assert arabic_names(["ترابلس", "طرابلس", "طَرَابُلُس"])[0] == "طرابلس"
    assert arabic_names(["امان", "عمان", "عَمّان"])[0] == "عمان"
    assert arabic_names(["اَلْكُوَيْت", "مدينة الكويت"])[0] == "الكويت"  # shown without vowel marks


def test_a_cut_off_first_name_gives_way_to_the_whole_one():
    from gazetteer.io.geonames_cache import untruncated

    assert untruncated(["الأبي", "الابيض"], "El Obeid") == ["الابيض", "الأبي"]
    assert untruncated(["كسل", "كسلا"], "Kassala")[0] == "كسلا"
    # another form with a word more is no cut-off name; nor a longer name that romanises worse
    assert untruncated(["مكة", "مكة المكرمة"], "Makkah")[0] == "مكة"
    assert untruncated(["السيب", "السيب الجديدة"], "Seeb")[0] == "السيب"
    assert untruncated(["حمص", "حمصين"], "Homs")[0] == "حمص"


def test_bundled_el_obeid_is_shown_by_its_whole_name(default_gz):
    el_obeid = default_gz.get("geonames:379003")
    assert el_obeid.name_ar == "الابيض" and "الأبي" in el_obeid.aliases_ar


def test_bundled_tabqa_and_dhiban_display_names(default_gz):
    tabqa = default_gz.get("geonames:172374")
    assert tabqa.name_ar == "الطبقة" and "الثورة" in tabqa.aliases_ar
    assert default_gz.get("geonames:170691").name_ar == "ذيبان"
    (mention,) = default_gz.find("سيطرة على مدينة الثورة")
    assert mention.best.place.id == "geonames:172374" and mention.name == "الثوره"  # the name read is kept


# -- clitics, front lines far away, landmarks the CSR aliases place ----------------------------------


def test_a_clitic_does_not_spell_a_mid_sized_foreign_town():
    gazetteer = Gazetteer.from_places([
        _place("t:sarh", "سارة", Kind.CITY, 18.39, 9.14, population=102_528, country_code="TD"),
        _place("t:moscow", "موسكو", Kind.CITY, 37.62, 55.75, population=10_381_222, country_code="RU"),
        _place("t:russia", "روسيا", Kind.COUNTRY, 60.0, 60.0, country_code="RU"),
    ])
    assert gazetteer.find("تعمل كسارة الحجارة في الريف") == []
    # a metropolis behind a clitic counts where the text supports it (alone, the weights fitted on the
    # tune halves put a far-away city with no other place of its country at a coin flip)
    assert _best_ids(gazetteer, "زار الوفد روسيا ثم وصل بموسكو")[-1] == "t:moscow"
    # without the clitic too: سارة is a given name and an adjective (السارة), the town is in Chad and the
    # text names nothing there (gazetteer.word_or_place)
    assert _best_ids(gazetteer, "وصل الوفد إلى سارة") == []


def test_a_front_line_is_not_a_town_far_from_the_text(default_gz):
    """السجن is an alias of a town in Suwayda; the front at Aleppo's central prison is not there."""
    found = default_gz.find("اشتباكات على جبهة السجن المركزي شمال حلب")
    assert [m.best.place.id for m in found if m.best is not None] == ["geonames:170063~north"]
    assert [m.surface for m in found if m.best is None] == ["السجن المركزي"]  # the prison, unresolved


def test_landmarks_placed_by_the_csr_alias_lists(default_gz):
    assert _best_ids(default_gz, "اشتباكات قرب معبر كراج الحجز") == ["local:crossing-karaj-al-hajz"]
    assert "local:aleppo-courthouse" in _best_ids(default_gz, "معارك عند القصر العدلي في حي الليرمون")
    assert _best_ids(default_gz, "صدر الحكم من القصر العدلي") == []  # every city has one


def test_ordinary_words_that_two_sources_name_a_town_after(ocha_gz, default_gz):
    """سلوك (behaviour) and الحراك (the movement) are towns in GeoNames and OCHA alike."""
    both = Gazetteer.from_places([*(p for p in ocha_gz if p.name_ar in ("الحراك", "سلوك")),
                                  *(p for p in default_gz if p.id.startswith("geonames:")
                                    and p.name_ar in ("الحراك", "سلوك"))])
    assert both.find("هذا سلوك مرفوض واستمر الحراك الشعبي") == []
    assert [m.best.place.name_ar for m in both.find("قصف على بلدة الحراك")] == ["الحراك"]


def _resolved(mentions):
    """Mentions with a place (a cue phrase the index does not hold is reported without one)."""
    return [m for m in mentions if m.candidates]
