"""Mention finding: clitics, longest match, cue words, و-lists, roads, directions, bad input."""

from __future__ import annotations

from shapely.geometry import Point

from gazetteer import Gazetteer, Kind, Place, Precision

from .conftest import SMALL_PLACES


def names(mentions):
    return [m.name for m in mentions]


def best_ids(mentions):
    return [m.best.place.id for m in mentions]


def test_clitics_and_article(small_gz):
    text = "قصف بحلب وإدلب ثم في الاشرفيه"
    mentions = small_gz.find(text)
    assert names(mentions) == ["حلب", "ادلب", "الاشرفيه"]
    assert [m.surface for m in mentions] == ["بحلب", "وإدلب", "الاشرفيه"]
    assert [text[m.start:m.end] for m in mentions] == [m.surface for m in mentions]
    assert best_ids(mentions)[:2] == ["t:aleppo", "t:idlib"]


def test_longest_match_wins(small_gz):
    mentions = small_gz.find("وصلوا إلى غازي عنتاب أمس")
    assert names(mentions) == ["غازي عنتاب"]
    assert mentions[0].best.place.id == "t:gaziantep"


def test_cue_word_types_the_mention(small_gz):
    mentions = small_gz.find("سقطت قذيفة قرب دوار الليرمون")
    assert len(mentions) == 1
    assert mentions[0].best.place.kind is Kind.ROUNDABOUT
    assert mentions[0].cue == "دوار"


def test_dual_cue_distributes_over_a_wa_list(small_gz):
    mentions = small_gz.find("اشتباكات عند دواري شيحان والليرمون")
    assert best_ids(mentions) == ["t:shihan-rb", "t:lairamoun-rb"]
    assert all(m.cue == "دوار" for m in mentions)
    assert all(m.best.place.kind is Kind.ROUNDABOUT for m in mentions)


def test_bare_lairamoun_is_the_neighbourhood(small_gz):
    mentions = small_gz.find("قصف على الليرمون في حلب")
    assert mentions[0].best.place.id == "t:lairamoun"


def test_road_between_two_places_without_a_curated_road(small_gz):
    mentions = small_gz.find("توقف السير على طريق حلب – غازي عنتاب عند عدة نقاط")
    assert len(mentions) == 1
    road = mentions[0]
    assert road.surface == "طريق حلب – غازي عنتاب"
    best = road.best
    assert best.place.kind is Kind.ROAD and best.approximate
    assert best.place.geometry.geom_type == "LineString"
    (x0, y0), (x1, y1) = best.place.geometry.coords
    assert (round(y0, 2), round(y1, 2)) == (36.2, 37.06)


def test_curated_road_by_alias(small_gz):
    mentions = small_gz.find("قطع طريق حلب - الكاستيلو")
    assert mentions[0].best.place.id == "t:road-castello"
    assert not mentions[0].best.approximate


def test_rif_with_direction_is_near_and_offset_north(small_gz):
    mentions = small_gz.find("غارات على ريف حلب الشمالي")
    assert len(mentions) == 1
    best = mentions[0].best
    assert mentions[0].surface == "ريف حلب الشمالي"
    assert best.precision is Precision.NEAR and best.approximate
    aleppo = small_gz.get("t:aleppo")
    assert 0.08 < best.place.lat - aleppo.lat < 0.15  # 10–15 km north
    assert abs(best.place.lon - aleppo.lon) < 0.01


def test_direction_of_city(small_gz):
    text = "تدور في أحياء شمال مدينة حلب اشتباكات"
    mentions = small_gz.find(text)
    assert mentions[0].surface == "مدينة حلب"  # the direction is outside the mention, inside the expression
    assert text[mentions[0].lead_start:mentions[0].end] == "شمال مدينة حلب"
    best = mentions[0].best
    assert best.precision is Precision.NEAR and best.approximate
    assert 0.02 < best.place.lat - small_gz.get("t:aleppo").lat < 0.06


def test_south_of_idlib(small_gz):
    best = small_gz.find("جنوب إدلب")[0].best
    assert best.place.lat < small_gz.get("t:idlib").lat and best.precision is Precision.NEAR


def test_rif_alone_is_near(small_gz):
    best = small_gz.find("في ريف إدلب")[0].best
    assert best.precision is Precision.NEAR and best.approximate


def test_country_and_region_are_not_points(small_gz):
    mentions = small_gz.find("الوضع في سوريا والشرق الأوسط")
    assert [m.best.place.kind for m in mentions] == [Kind.COUNTRY, Kind.REGION]
    assert not any(m.best.place.mappable_as_point for m in mentions)
    assert all(m.best.precision is Precision.REGION for m in mentions)


def test_north_of_the_country_yields_nothing(small_gz):
    assert small_gz.find("التطورات الميدانية في شمال البلاد") == []


def test_common_word_needs_a_cue(small_gz):
    assert small_gz.find("ذهبنا إلى السوق صباحا") == []
    mentions = small_gz.find("في قرية السوق")
    assert mentions and mentions[0].best.place.id == "t:souq-village"


def test_small_foreign_town_with_a_common_word_name_is_ignored(small_gz):
    assert small_gz.find("قوى الأمن الداخلي وأمن الدولة") == []


def test_person_name_after_abu_is_not_a_place(small_gz):
    assert small_gz.find("القائد أبو سراقب") == []


def test_bad_input_yields_no_places(small_gz):
    assert small_gz.find("") == []
    assert small_gz.find("   \n ") == []
    assert small_gz.find("Aleppo Idlib Damascus Moscow") == []
    assert small_gz.find("<div class=\"حلب\" title='سوريا'></div>") == []  # inside a tag is not text
    assert small_gz.find("<script>var x = 1;</script><br/>") == []
    html = "<p class=\"x\">قصف <b>بحلب</b></p>"
    (mention,) = small_gz.find(html)
    assert html[mention.start:mention.end] == "بحلب"


def test_ten_megabytes_of_text_runs(small_gz):
    chunk = "<p>قصف مدفعي على حي الأشرفية في حلب، وانقطاع طريق حلب – غازي عنتاب. Latin text 123.</p>\n"
    text = chunk * (10_000_000 // len(chunk.encode()) + 1)
    mentions = small_gz.find(text)
    repeats = text.count(chunk)
    assert len(mentions) == 3 * repeats
    last = mentions[-1]
    assert text[last.start:last.end] == "طريق حلب – غازي عنتاب"


def test_misspelt_name_after_a_cue_is_found_fuzzily(small_gz):
    mentions = small_gz.find("اشتباكات في حي الاشرفيي بحلب")
    assert mentions[0].surface == "حي الاشرفيي"  # the cue of the place's kind opens the mention
    assert mentions[0].name_start == mentions[0].start + len("حي ")
    best = mentions[0].best
    assert best.place.id == "t:ashrafiyeh-aleppo"
    assert any(r.startswith("fuzzy") for r in best.reasons)


def test_misspelling_without_a_cue_is_not_a_place(small_gz):
    assert small_gz.find("في سراقيب") == []
    assert small_gz.find("في مدينة سراقيب")[0].best.place.id == "t:saraqib"


def test_road_named_with_latin_letters_and_digits():
    from shapely.geometry import LineString

    from gazetteer import Gazetteer, Place

    m4 = Place(id="t:m4", name_ar="الطريق الدولي M4", kind=Kind.ROAD,
               geometry=LineString([(35.8, 35.5), (36.6, 35.8), (37.1, 36.2)]), aliases_ar=("طريق إم 4",),
               country_code="SY", source="curated")
    gz = Gazetteer.from_places([m4])
    assert [m.best.place.id for m in gz.find("قصف على الطريق الدولي M4 وطريق إم 4")] == ["t:m4", "t:m4"]
    assert gz.find("M4 motorway") == []


def test_curated_road_found_through_its_name_when_the_text_shortens_it():
    from shapely.geometry import LineString

    from gazetteer import Gazetteer, Place

    from .conftest import SMALL_PLACES

    road = Place(id="t:road-aleppo-gaziantep", name_ar="طريق حلب – غازي عنتاب", kind=Kind.ROAD,
                 geometry=LineString([(37.16, 36.2), (37.38, 37.06)]), source="curated")
    gz = Gazetteer.from_places([*SMALL_PLACES, road])
    (mention,) = gz.find("قطع طريق حلب – عنتاب")
    assert mention.best.place.id == "t:road-aleppo-gaziantep" and not mention.best.approximate


def test_dual_neighbourhood_cue(small_gz):
    mentions = small_gz.find("قصف على حيي الأشرفية والليرمون في حلب")
    assert [m.best.place.id for m in mentions[:2]] == ["t:ashrafiyeh-aleppo", "t:lairamoun"]
    assert all(m.best.place.kind is Kind.NEIGHBOURHOOD for m in mentions[:2])


def test_direction_of_a_country_stays_a_region(small_gz):
    (mention,) = small_gz.find("غارات في شمال غرب سوريا")
    assert mention.best.precision is Precision.REGION
    assert not mention.best.place.mappable_as_point


def test_a_name_with_the_article_after_lam_is_found(default_gz):
    # ل + العراق is written للعراق: the alef of the article drops, the name is read back with it
    mentions = default_gz.find("زيارة للعراق الأسبوع المقبل وللبحرين بعده")
    assert [(m.surface, m.best.place.country_code) for m in mentions] == [("للعراق", "IQ"), ("وللبحرين", "BH")]


def test_a_cue_word_does_not_govern_a_name_across_a_stop(default_gz):
    mentions = default_gz.find("الوباء ينتشر الآن في تسع محافظات. #اليمن")
    assert [(m.surface, m.best.place.country_code) for m in mentions] == [("اليمن", "YE")]
    # a plural area cue: the parts of a country, not an area named so
    assert [m.surface for m in default_gz.find("أمطار غزيرة في بعض مناطق الأردن")] == ["الأردن"]


def test_the_core_of_a_cued_name_needs_its_own_cue():
    """``دوار X بحلب`` makes the cue-less core ``X بحلب``: without a roundabout's cue before it, it must not
    take the tokens of the quarter and the city it spans."""
    quarter = Place(id="t:sakhour", name_ar="الصاخور", kind=Kind.NEIGHBOURHOOD, geometry=Point(37.19, 36.22),
                    country_code="SY", admin1="حلب", source="test")
    roundabout = Place(id="t:sakhour-rb", name_ar="دوار الصاخور", kind=Kind.ROUNDABOUT, geometry=Point(37.19, 36.22),
                       aliases_ar=("دوار الصاخور بحلب",), country_code="SY", admin1="حلب", source="test")
    gz = Gazetteer.from_places([*SMALL_PLACES, quarter, roundabout])
    for text in ("قصف الصاخور بحلب", "قذيفة هاون تسقط على حي الصاخور بحلب"):
        assert [m.best.place.id for m in gz.find(text)] == ["t:sakhour", "t:aleppo"], text
    assert [m.best.place.id for m in gz.find("اشتباكات عند دوار الصاخور بحلب")] == ["t:sakhour-rb"]


def test_a_misspelling_lies_in_the_countries_of_the_texts_other_places(default_gz):
    """A name read only by fuzzy matching after a cue is a weaker reading than a name: in a text about Aleppo
    it is not a town of a similar name in Oman (السويقة / السويق)."""
    mentions = default_gz.find("اشتباكات في حلب القديمة وانفجار في منطقة السويقة")
    assert all(c.place.country_code == "SY" for m in mentions for c in m.candidates), \
        [(m.surface, [c.place.country_code for c in m.candidates]) for m in mentions]
    assert any(m.surface == "حلب القديمة" for m in mentions)
