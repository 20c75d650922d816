"""Places of the Arab countries the bundled GeoNames towns lack: quarters of Cairo, Beirut and Amman,
seas and lakes, heritage sites and dams (curated rows, each citing its source)."""

from __future__ import annotations

import pytest

from gazetteer.resolve import distance_km


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("انفجار أمام معهد الأورام بالمنيل وسط القاهرة", "بالمنيل", "local:cairo-nbhd-manial"),
    ("أضرار في مار مخايل والجميزة بعد انفجار المرفأ في بيروت", "مار مخايل", "local:beirut-nbhd-mar-mikhael"),
    ("غرق حافلة رحلة مدرسية قرب البحر الميت", "البحر الميت", "local:sea-dead-sea"),
    ("إخلاء السياح من البتراء بسبب السيول", "البتراء", "local:landmark-petra"),
    ("ارتفاع منسوب المياه في سد الموجب", "سد الموجب", "local:dam-mujib"),
])
def test_a_site_of_the_arab_countries_is_found_and_resolved(default_gz, text, surface, place_id):
    found = {m.surface: m for m in default_gz.find(text)}
    assert surface in found, found
    assert found[surface].best.place.id == place_id


def test_a_syrian_name_keeps_its_syrian_reading(default_gz):
    [hood] = [m for m in default_gz.find("سقوط قذائف على حي المعادي في حلب") if "المعادي" in m.surface]
    assert hood.best.place.country_code == "SY"  # Aleppo's quarter, not Cairo's (left out of the class)
    dam = default_gz.get("local:dam-euphrates")
    assert distance_km(dam, default_gz.lookup("الطبقة", limit=1)[0].place) < 15


def test_a_name_among_the_text_s_countries_is_the_country(default_gz):
    text = "حالات اليوم: البحرين ٤٩٣٨، الإمارات ١٥٩٨٢، عُمان ٢٠٦٧، الكويت ٧٣٠٦"
    found = {m.surface: m.best.place.id for m in default_gz.find(text)}
    assert found["عُمان"] == "local:country-om"  # Oman in a list of Gulf states, not Amman
    found = {m.surface: m.best.place.id for m in default_gz.find("سيول في عمان والزرقاء في الأردن")}
    assert found["عمان"] == "geonames:250441"  # Jordan named: its capital
    found = {m.surface: m.best.place.id for m in default_gz.find("وصل الوزير إلى عمان قادما من السعودية")}
    assert found["عمان"] == "geonames:250441"  # one other country is no list


@pytest.mark.parametrize(("text", "place_id"), [
    ("سقطت قذائف على أطراف مدينة النبطية", "geonames:278913"),  # the town GeoNames names «النبطية والطهطا»
    ("سقطت قذائف على قرى في محافظة النبطية", "geonames:444191"),  # the governorate, by its title
])
def test_a_town_cue_names_a_town_by_the_first_word_of_its_name(default_gz, text, place_id):
    [mention] = [m for m in default_gz.find(text) if "النبطية" in m.surface]
    assert mention.best.place.id == place_id


def test_a_town_cue_names_no_town_of_another_country_by_a_first_word(default_gz):
    """Only in the country of a place named so: «مدينة حلب» is Aleppo, never a longer name that opens with it."""
    [mention] = [m for m in default_gz.find("قصفت الطائرات مدينة حلب") if "حلب" in m.surface]
    assert mention.best.place.country_code == "SY" and mention.best.place.name_ar == "حلب"
