"""Ranking and disambiguation, lookups, relative expressions, and the seed article end to end."""

from __future__ import annotations

import math

import pytest

from gazetteer import Kind, Precision, normalize

# -- disambiguation in context -------------------------------------------------------------------


def test_ashrafiyeh_in_a_text_naming_aleppo_is_aleppos(small_gz):
    mention = small_gz.find("اشتباكات في حي الأشرفية بمدينة حلب")[0]
    ids = [c.place.id for c in mention.candidates]
    assert ids[0] == "t:ashrafiyeh-aleppo"
    assert "t:ashrafiyeh-sahnaya" in ids  # ranked candidates, not only the winner
    top, other = mention.candidates[0], mention.candidates[1]
    assert top.score > other.score
    assert any("from حلب in text" in r or "in حلب, named in text" in r for r in top.reasons)


def test_ashrafiyeh_in_a_text_naming_damascus_is_sahnaya(small_gz):
    mention = small_gz.find("قصف على حي الأشرفية في ريف دمشق قرب دمشق")[0]
    assert mention.best.place.id == "t:ashrafiyeh-sahnaya"


def test_cue_beats_kind_mismatch(small_gz):
    """دوار الليرمون is the roundabout even though الليرمون alone is a neighbourhood."""
    (mention,) = small_gz.find("قرب دوار الليرمون")
    assert mention.best.place.kind is Kind.ROUNDABOUT
    assert mention.best.precision is Precision.EXACT


def test_governorate_cue(small_gz):
    best = small_gz.find("في محافظة حلب")[0].best
    assert best.place.id == "t:aleppo-gov" and best.precision is Precision.REGION


def test_city_beats_governorate_without_cue(small_gz):
    assert small_gz.find("وصلوا إلى حلب")[0].best.place.id == "t:aleppo"


def test_scores_are_in_range_and_sorted(small_gz):
    for mention in small_gz.find("حي الأشرفية وحلب وسوريا ودوار شيحان"):
        scores = [c.score for c in mention.candidates]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert all(c.reasons for c in mention.candidates)


# -- lookup ------------------------------------------------------------------------------------


def test_lookup_exact_and_normalised(small_gz):
    assert small_gz.lookup("الاشرفيه")[0].place.name_ar == "الأشرفية"
    assert small_gz.lookup("حَلَب")[0].place.id == "t:aleppo"


def test_lookup_strips_clitics(small_gz):
    assert small_gz.lookup("بحلب")[0].place.id == "t:aleppo"


def test_lookup_strips_a_clitic_from_the_first_word_of_a_longer_name(small_gz):
    """As ``find`` reads بغازي عنتاب or بمستشفى الرازي in a text, ``lookup`` reads the clitic on the
    first word of a name of several words, a cue word too; before, only a name of one word lost it."""
    assert small_gz.lookup("بغازي عنتاب")[0].place.id == "t:gaziantep"
    assert small_gz.lookup("وغازي عنتاب", fuzzy=False)[0].place.id == "t:gaziantep"
    assert small_gz.lookup("بمستشفى الرازي")[0].place.id == "t:razi"
    assert small_gz.lookup("لدوار شيحان")[0].place.id == "t:shihan-rb"
    assert "clitic ب" in small_gz.lookup("بغازي عنتاب")[0].reasons


def test_lookup_near_ranks_by_distance(small_gz):
    assert small_gz.lookup("الأشرفية", near="حلب")[0].place.id == "t:ashrafiyeh-aleppo"
    assert small_gz.lookup("الأشرفية", near="t:damascus")[0].place.id == "t:ashrafiyeh-sahnaya"
    near_place = small_gz.get("t:aleppo")
    assert small_gz.lookup("الأشرفية", near=near_place)[0].place.id == "t:ashrafiyeh-aleppo"


def test_lookup_kind_filter(small_gz):
    assert [c.place.id for c in small_gz.lookup("حلب", kind="governorate")] == ["t:aleppo-gov"]


def test_lookup_with_a_cue_word(small_gz):
    assert small_gz.lookup("دوار شيحان")[0].place.id == "t:shihan-rb"
    assert small_gz.lookup("مشفى الرازي")[0].place.id == "t:razi"


def test_fuzzy_lookup_finds_a_misspelling(small_gz):
    found = small_gz.lookup("سراقيب")  # one letter too many
    assert found and found[0].place.id == "t:saraqib"
    assert "fuzzy" in found[0].reasons
    assert found[0].score < small_gz.lookup("سراقب")[0].score


def test_fuzzy_lookup_is_strict(small_gz):
    assert small_gz.lookup("حلبب") == []  # too short for fuzzy matching
    assert small_gz.lookup("سرمدا") == []
    assert small_gz.lookup("السوقق") == []  # never fuzzy towards a common word
    assert small_gz.lookup("سراقيب", fuzzy=False) == []


def test_a_near_spelling_after_a_cue_word_is_only_a_place_of_its_kind(small_gz):
    """``مستشفى X``: X names the hospital, so a near spelling of X is a guess at a hospital, never at a
    town spelt like it; the town itself, spelt right, is still offered."""
    assert small_gz.lookup("مستشفى سراقيب") == []
    assert small_gz.lookup("مستشفى سراقب")[0].place.id == "t:saraqib"


def test_lookup_latin_name(small_gz):
    assert small_gz.lookup("Aleppo")[0].place.id == "t:aleppo"


def test_lookup_empty(small_gz):
    assert small_gz.lookup("") == [] and small_gz.lookup("   ") == []


def test_country_is_not_mappable(small_gz):
    best = small_gz.lookup("سورية")[0]
    assert best.place.kind is Kind.COUNTRY and not best.place.mappable_as_point
    assert best.precision is Precision.REGION
    assert best.to_dict()["mappable_as_point"] is False


# -- the bundled gazetteer and the seed article ---------------------------------------------------


def test_default_resolves_world_capitals_in_arabic(default_gz):
    for name, english in (("موسكو", "Moscow"), ("القاهرة", "Cairo"), ("أنقرة", "Ankara"), ("حلب", "Aleppo")):
        assert default_gz.lookup(name)[0].place.name_en == english


def test_default_has_syrian_governorates(default_gz):
    best = default_gz.find("في محافظة إدلب")[0].best
    assert best.place.kind is Kind.GOVERNORATE and best.precision is Precision.REGION


@pytest.fixture(scope="module")
def seed_mentions(default_gz, seed_article_path):
    text = seed_article_path.read_text(encoding="utf-8")
    return text, default_gz.find(text)


def _by_name(mentions, name):
    key = normalize(name)
    return [m for m in mentions if m.name == key or normalize(m.surface).endswith(key)]


def test_seed_places_of_the_aleppo_paragraph(seed_mentions):
    text, mentions = seed_mentions
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
    ashrafiyeh = _by_name(mentions, "الأشرفية")
    assert ashrafiyeh and ashrafiyeh[0].best.place.kind is Kind.NEIGHBOURHOOD
    assert ashrafiyeh[0].best.place.admin1 == "حلب"
    shihan, = [m for m in mentions if m.surface == "شيحان"]  # a dual cue names no single place: not in the span
    lairamoun, = [m for m in mentions if m.surface == "والليرمون"]
    assert shihan.best.place.kind is Kind.ROUNDABOUT and lairamoun.best.place.kind is Kind.ROUNDABOUT
    assert lairamoun.best.place.name_ar.startswith("دوار")
    road, = [m for m in mentions if m.surface == "طريق حلب – غازي عنتاب"]
    assert road.best.place.kind is Kind.ROAD and road.best.place.geometry.geom_type == "LineString"
    razi, = [m for m in mentions if "الرازي" in m.surface]
    assert razi.best.place.kind is Kind.HOSPITAL
    # the direction is not part of the mention (as annotators mark جنوب القاهرة), the expression is
    north, = [m for m in mentions if m.lead_start is not None and text[m.lead_start:m.end] == "شمال مدينة حلب"]
    assert north.surface == "مدينة حلب"
    assert north.best.precision is Precision.NEAR and north.best.approximate


def test_seed_countries_and_regions_are_not_points(seed_mentions):
    _, mentions = seed_mentions
    for name in ("سوريا", "مصر", "روسيا", "الشرق الأوسط"):
        found = _by_name(mentions, name)
        assert found, name
        assert all(not m.best.place.mappable_as_point for m in found), name
    moscow = _by_name(mentions, "موسكو")
    assert moscow and moscow[0].best.place.name_en == "Moscow"
    cairo = _by_name(mentions, "القاهرة")
    assert cairo and cairo[0].best.place.name_en == "Cairo"


def test_seed_has_no_false_places(seed_mentions):
    text, mentions = seed_mentions
    surfaces = {m.surface for m in mentions}
    for word in ("أبو قصرة", "قصرة", "فلاديمير", "وكالة", "بوقف", "دوراً", "الشيباني", "البلاد", "عبدي"):
        assert word not in surfaces, word
    # "شمال البلاد" must not become a place point
    position = text.index("شمال البلاد")
    assert not any(m.start <= position < m.end for m in mentions)


def test_offset_point_distance(small_gz):
    best = small_gz.find("ريف حلب الشرقي")[0].best
    aleppo = small_gz.get("t:aleppo")
    km = math.hypot((best.place.lon - aleppo.lon) * 111.32 * math.cos(math.radians(aleppo.lat)),
                    (best.place.lat - aleppo.lat) * 111.32)
    assert 10 <= km <= 15 and best.place.lon > aleppo.lon


# -- real OCHA data ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ocha_gz(shared_data):
    from gazetteer import Gazetteer
    from gazetteer.io import read_ocha_admin, read_ocha_communities, read_ocha_neighbourhoods

    places = [
        *read_ocha_admin(shared_data / "ocha" / "syr_admin1.geojson"),
        *read_ocha_communities(shared_data / "ocha" / "syr_admin4_point.geojson"),
        *read_ocha_neighbourhoods(shared_data / "aleppo" / "neighbourhoods_ocha.json"),
    ]
    return Gazetteer.from_places(places)


def _km(place, lat, lon):
    return math.hypot((place.lon - lon) * 111.32 * math.cos(math.radians(lat)), (place.lat - lat) * 111.32)


def test_ocha_aleppo_neighbourhood_wins_in_an_aleppo_text(ocha_gz):
    mentions = ocha_gz.find("سقوط قذائف على حي الأشرفية في مدينة حلب")
    ashrafiyeh = mentions[0]
    assert ashrafiyeh.best.place.id == "ocha-nbhd:N0128"
    assert _km(ashrafiyeh.best.place, 36.228, 37.147) < 2


def test_ocha_towns_land_where_they_should(ocha_gz):
    for text, (lat, lon) in (
        ("قصف على مدينة الباب", (36.37, 37.52)),
        ("اشتباكات في مدينة عفرين", (36.51, 36.87)),
        ("غارات على مدينة سراقب", (35.86, 36.80)),
    ):
        best = ocha_gz.find(text)[0].best
        assert _km(best.place, lat, lon) < 5, (text, best.place.id)


def test_ocha_governorate_with_cue(ocha_gz):
    best = ocha_gz.find("في محافظة إدلب")[0].best
    assert best.place.kind is Kind.GOVERNORATE and best.precision is Precision.REGION
    assert best.place.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert best.place.geometry.contains(ocha_gz.lookup("سراقب")[0].place.geometry)


def test_geonames_primary_arabic_name_is_the_standard_spelling():
    from gazetteer.io.geonames_cache import arabic_names

    assert arabic_names(["Damascus", "د مشق", "دمشق", "دیمەشق"])[0] == "دمشق"
    assert arabic_names(["ماسکو", "موسكو", "مسکو، تنسی"])[0] == "موسكو"
    assert "مسکو، تنسی" not in arabic_names(["مسکو، تنسی"])
