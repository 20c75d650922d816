"""A clause saying the event spread to more places ("امتدت لاحقاً إلى …") gives one incident per place."""

from __future__ import annotations


def by_place(incidents):
    return {i.place_id: i for i in incidents}


def test_clash_spread_to_two_roundabouts_is_three_clashes(default_extractor, article):
    text = ("شهدت منطقة الأشرفية في مدينة حلب مساء اليوم اشتباكات بين عناصر الأسايش والقوات الحكومية، "
            "امتدت لاحقاً إلى محيط دوار شيحان ودوار الليرمون.")
    incidents = default_extractor.extract(article("تقرير من حلب", text))
    found = by_place(incidents)
    assert set(found) == {"local:aleppo-nbhd-ashrafiyeh", "local:roundabout-shihan", "local:roundabout-lairamoun"}
    assert {(i.sub_event_type, i.event_date, i.actor1, i.actor2) for i in incidents} == {
        ("Armed clash", incidents[0].event_date, incidents[0].actor1, incidents[0].actor2)}
    assert {incidents[0].actor1, incidents[0].actor2} == {"Asayish: Kurdish Internal Security Forces",
                                                         "Syrian government forces"}
    assert "spread here from" in found["local:roundabout-shihan"].notes
    assert found["local:roundabout-shihan"].geo_precision == 2  # "محيط": near the roundabout


def test_spread_keeps_a_coarser_place_and_counts_casualties_once(tiny_extractor, article):
    text = ("قتل ثلاثة عناصر في اشتباكات ببلدة كفرنبل بين قوات النظام وفصائل المعارضة، "
            "امتدت لاحقاً إلى محيط مدينة معرة النعمان وبلدة سراقب.")
    found = by_place(tiny_extractor.extract(article("اشتباكات في ريف إدلب", text)))
    assert set(found) == {"x:kafranbel", "x:maarrat", "x:saraqib"}
    assert found["x:kafranbel"].fatalities == 3
    assert found["x:maarrat"].fatalities == 0 and found["x:saraqib"].fatalities == 0
    assert found["x:maarrat"].actor1 == found["x:kafranbel"].actor1 != ""


def test_spread_in_the_same_clause_and_with_a_direct_verb(tiny_extractor, article):
    spread = by_place(tiny_extractor.extract(article("قصف مدفعي على بلدة كفرنبل امتد مساء اليوم إلى محيط مدينة "
                                                     "معرة النعمان")))
    assert set(spread) == {"x:kafranbel", "x:maarrat"}
    assert {i.sub_event_type for i in spread.values()} == {"Shelling/artillery/missile attack"}
    direct = by_place(tiny_extractor.extract(article("قصف مدفعي على بلدة كفرنبل توسع ليشمل محيط مدينة معرة النعمان")))
    assert set(direct) == {"x:kafranbel", "x:maarrat"}


def test_negotiations_that_extend_are_no_event(tiny_extractor, article):
    assert tiny_extractor.extract(article("امتدت المفاوضات بين الطرفين إلى ساعة متأخرة في مدينة إدلب")) == []
    found = by_place(tiny_extractor.extract(article("اندلعت اشتباكات في بلدة كفرنبل، امتدت المفاوضات إلى "
                                                    "محيط مدينة معرة النعمان")))
    assert set(found) == {"x:kafranbel"}


def test_wounded_arriving_somewhere_is_a_destination_not_a_spread(tiny_extractor, article):
    text = "اندلعت اشتباكات في بلدة كفرنبل، ووصل الجرحى إلى مدينة إدلب، وامتدت لاحقاً إلى بلدة سراقب."
    found = by_place(tiny_extractor.extract(article("تقرير ميداني", text)))
    assert set(found) == {"x:kafranbel", "x:saraqib"}
    hospital = "اندلعت اشتباكات في بلدة كفرنبل امتدت إلى محيط معرة النعمان ونقل الجرحى إلى المستشفى الوطني في إدلب"
    found = by_place(tiny_extractor.extract(article("تقرير ميداني", hospital)))
    assert set(found) == {"x:kafranbel", "x:maarrat"}
    assert "المستشفى الوطني" in found["x:kafranbel"].casualty_destination


def test_a_spread_verb_with_its_own_event_keeps_that_event(tiny_extractor, article):
    text = "اشتباكات في بلدة كفرنبل. وامتدت الاشتباكات إلى محيط مدينة معرة النعمان."
    found = by_place(tiny_extractor.extract(article("تقرير ميداني", text)))
    assert set(found) == {"x:kafranbel", "x:maarrat"}
    assert "spread here" not in found["x:maarrat"].notes


def test_wounded_of_a_later_paragraph_go_to_the_placed_clash_not_to_a_sound(tiny_extractor, article):
    text = ("دارت اشتباكات في بلدة كفرنبل، امتدت لاحقاً إلى محيط مدينة معرة النعمان.\n\n"
            "وسمعت أصوات قذائف هاون في الأحياء المجاورة.\n\n"
            "ونقلت سيارات الإسعاف سبعة جرحى إلى المستشفى الوطني.")
    found = by_place(tiny_extractor.extract(article("تقرير ميداني", text)))
    assert set(found) == {"x:kafranbel", "x:maarrat"}
    assert (found["x:kafranbel"].injured_low, found["x:kafranbel"].injured_high) == (7, 7)
    assert found["x:maarrat"].injured_low == 0


def test_headline_vague_count_narrows_to_the_body_count(tiny_extractor, article):
    [inc] = tiny_extractor.extract(article("اشتباكات في بلدة كفرنبل ونقل جرحى إلى المستشفى",
                                           "دارت اشتباكات في بلدة كفرنبل أسفرت عن سبعة جرحى."))
    assert inc.place_id == "x:kafranbel"
    assert (inc.injured_low, inc.injured_high) == (7, 7)
