"""Places linked to the event they belong to, by sentence and clause, with their roles."""

from __future__ import annotations

import pytest

from geo_incidents.extraction import Extractor


def by_place(incidents):
    return {i.place_id: i for i in incidents}


def test_places_joined_by_wa_share_the_event(tiny_extractor, article):
    incidents = tiny_extractor.extract(article("قصف مدفعي على كفرنبل ومعرة النعمان وسراقب"))
    assert set(by_place(incidents)) == {"x:kafranbel", "x:maarrat", "x:saraqib"}
    assert {i.sub_event_type for i in incidents} == {"Shelling/artillery/missile attack"}


def test_each_clause_keeps_its_own_event(tiny_extractor, article):
    text = "شن الطيران الحربي غارات على بلدة كفرنبل، بينما دارت اشتباكات عنيفة في محيط مدينة سراقب."
    found = by_place(tiny_extractor.extract(article("تقرير ميداني", text)))
    assert found["x:kafranbel"].sub_event_type == "Air/drone strike"
    assert found["x:saraqib"].sub_event_type == "Armed clash"
    assert found["x:saraqib"].geo_precision == 2  # "محيط" = near the town
    assert len(found) == 2


def test_hospital_after_naql_ila_is_destination_not_site(tiny_extractor, article):
    text = "قتل ثلاثة مدنيين وأصيب خمسة آخرون بقصف صاروخي على سراقب، ونقل المصابون إلى المستشفى الوطني في إدلب."
    incidents = tiny_extractor.extract(article("قصف على سراقب", text))
    assert [i.place_id for i in incidents] == ["x:saraqib"]
    [inc] = incidents
    assert (inc.fatalities, inc.injured_low, inc.injured_high) == (3, 5, 5)
    assert inc.civilian_casualties
    assert "المستشفى الوطني" in inc.casualty_destination


def test_statement_about_clashes_is_not_a_clash(tiny_extractor, article):
    text = ("أعربت وزارة الخارجية في موسكو عن قلقها من استمرار الاشتباكات في سراقب، "
            "وأكد الوزير في مؤتمر صحفي أن الحل سياسي.")
    assert tiny_extractor.extract(article("موسكو تدعو إلى التهدئة", text)) == []


def test_meeting_place_is_never_a_violent_site(tiny_extractor, article):
    text = "وصل وزير الخارجية إلى موسكو في زيارة رسمية. وفي الأثناء تجددت الاشتباكات في سراقب."
    incidents = tiny_extractor.extract(article("زيارة إلى موسكو", text))
    assert [i.place_id for i in incidents] == ["x:saraqib"]


def test_country_is_never_a_point(tiny_extractor, article):
    assert tiny_extractor.extract(article("استمرار القصف على سوريا")) == []


def test_unplaced_event_kept_only_on_request(tiny_gazetteer, article):
    art = article("اشتباكات عنيفة في شمال البلاد")
    assert Extractor(tiny_gazetteer).extract(art) == []
    [kept] = Extractor(tiny_gazetteer, keep_unplaced=True).extract(art)
    assert kept.geometry is None and kept.sub_event_type == "Armed clash" and "no place found" in kept.notes


def test_road_closure_takes_the_road_geometry(tiny_extractor, article):
    text = "قطع محتجون الطريق الدولي عند مدخل سراقب صباح اليوم احتجاجا على رسوم العبور."
    incidents = tiny_extractor.extract(article("سراقب", text))
    closures = [i for i in incidents if i.event_type == "Road closure"]
    protests = [i for i in incidents if i.event_type == "Protests"]
    assert protests or closures
    for closure in closures:
        assert closure.geometry.geom_type == "LineString"


def test_title_place_lends_itself_to_a_body_event(tiny_extractor, article):
    incidents = tiny_extractor.extract(article("كفرنبل 24-12-2025", "البراميل المتفجرة تسقط على البلدة"))
    [inc] = incidents
    assert inc.place_id == "x:kafranbel" and inc.sub_event_type == "Air/drone strike"
    assert "title" in inc.notes


def test_evidence_offsets_point_into_full_text(tiny_extractor, article):
    art = article("عاجل", "مقدمة قصيرة. استهدفت طائرة مسيّرة سيارة في كفرنبل.")
    [inc] = tiny_extractor.extract(art)
    assert art.full_text[inc.evidence_start : inc.evidence_end] == inc.evidence
    assert "مسيّرة" in inc.evidence  # original spelling, diacritics kept


def test_place_a_protest_is_about_is_not_its_site(tiny_extractor, article):
    incidents = tiny_extractor.extract(article("مظاهرة في مدينة إدلب تنديدا بالغارة على كفرنبل"))
    assert [(i.event_type, i.place_id) for i in incidents] == [("Protests", "x:idlib")]
    assert (incidents[0].actor1, incidents[0].inter1) == ("Protesters (Syria)", 6)


def test_place_people_fled_toward_is_not_the_site(tiny_extractor, article):
    incidents = tiny_extractor.extract(article("نزوح عشرات العائلات من سراقب نحو إدلب"))
    assert [(i.event_type, i.place_id) for i in incidents] == [("Displacement", "x:saraqib")]


def test_headline_and_body_of_one_incident_give_one_incident(tiny_extractor, article):
    art = article("قتلى بقصف مدفعي على سراقب", "قتل خمسة مدنيين مساء أمس بقصف مدفعي استهدف مدينة سراقب.")
    [inc] = tiny_extractor.extract(art)
    assert inc.evidence_start > len(art.title)  # the body's sentence is the evidence
    assert inc.event_date.isoformat() == "2025-12-23" and inc.fatalities == 5


def test_capital_named_as_such_is_still_a_site(tiny_extractor, article):
    [inc] = tiny_extractor.extract(article("قصف صاروخي على العاصمة إدلب"))
    assert inc.place_id == "x:idlib"


def test_city_of_a_neighbourhood_is_dropped_but_a_listed_town_is_kept(article):
    from shapely.geometry import Point

    from gazetteer import Gazetteer, Kind, Place
    from geo_incidents.extraction import Extractor

    places = [
        Place("y:aleppo", "حلب", Kind.CITY, Point(37.16, 36.20), country_code="SY", admin1="حلب", population=2_000_000),
        Place("y:shaar", "الشعار", Kind.NEIGHBOURHOOD, Point(37.17, 36.21), country_code="SY", admin1="حلب"),
        Place("y:haritan", "حريتان", Kind.TOWN, Point(37.08, 36.28), country_code="SY", admin1="حلب",
              population=20_000),
    ]
    extractor = Extractor(Gazetteer.from_places(places))
    found = {i.place_id for i in extractor.extract(article("قصف جوي على حي الشعار في حلب وبلدة حريتان"))}
    assert found == {"y:shaar", "y:haritan"}


# Places that say where a person, an organisation, an aircraft or the wounded were, or where another
# place lies: the annotation guide's "not sites" (a job title, a source's home, the base aircraft took
# off from, the hospital where the wounded were treated, a hospital's service area).
@pytest.mark.parametrize("text", [
    "قال مدير الدفاع المدني في إدلب إن غارة جوية استهدفت بلدة كفرنبل.",
    "قال ناشط من مدينة سراقب إن الطائرات قصفت بلدة كفرنبل.",
    "ونقلت وكالة الأنباء عن مصدر في إدلب أن الطائرات قصفت بلدة كفرنبل.",
    "أفاد مراسل الشبكة في سراقب بأن غارة جوية استهدفت بلدة كفرنبل.",
    "قصفت طائرات حربية بلدة كفرنبل، وأقلعت الطائرات من مطار في مدينة إدلب.",
    "قصفت الطائرات بلدة كفرنبل، وعولج المصابون في مشافي مدينة إدلب.",
    "استهدفت غارة جوية مستشفى في بلدة كفرنبل، ويخدم المستشفى السكان في معرة النعمان وسراقب.",
    "قصف الطيران الحربي بلدة كفرنبل التي تقع على الطريق بين معرة النعمان وسراقب.",
    "استهدفت غارة جوية مستشفى في بلدة كفرنبل، على بعد 10 كم من معرة النعمان.",
    # where aircraft flew, a place by a side of which the site lies
    "حلقت طائرة حربية فوق مدينة سراقب قبل أن تقصف بلدة كفرنبل بالصواريخ.",
    "استهدفت غارة جوية مستشفى في بلدة كفرنبل، الذي يقع شمال مدينة معرة النعمان.",
    # where fire came from: the positions it was fired from, its source, the forces stationed there
    "قصفت قوات النظام من مواقعها في مدينة معرة النعمان بلدة كفرنبل.",
    "سقطت قذائف على بلدة كفرنبل. وقال مراسلنا إن القذائف مصدرها مواقع قوات النظام في مدينة سراقب.",
    "قصفت قوات النظام المتمركزة في مدينة معرة النعمان بلدة كفرنبل.",
])
def test_places_that_locate_someone_or_something_else_are_no_sites(tiny_extractor, article, text):
    assert [i.place_id for i in tiny_extractor.extract(article("", text))] == ["x:kafranbel"]


def test_a_place_that_locates_is_near_when_the_event_names_no_other(tiny_extractor, article):
    [incident] = tiny_extractor.extract(article("", "سقطت قذائف على بعد 10 كم من مدينة سراقب."))
    assert (incident.place_id, incident.geo_precision) == ("x:saraqib", 2)


def test_residents_and_a_town_located_by_a_locator_word_still_count(tiny_extractor, article):
    text = "تقع بلدة كفرنبل في ريف إدلب، وتعرضت لقصف مدفعي أدى إلى مقتل خمسة من أهالي سراقب."
    assert {i.place_id for i in tiny_extractor.extract(article("", text))} >= {"x:kafranbel"}


def test_a_clash_between_parties_in_a_town_is_at_the_town(tiny_extractor, article):
    [incident] = tiny_extractor.extract(article("", "اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في مدينة سراقب."))
    assert (incident.place_id, incident.geo_precision) == ("x:saraqib", 1)


def test_a_bomb_on_the_road_between_two_towns_is_one_incident_near_the_first(tiny_extractor, article):
    text = "انفجرت عبوة ناسفة على الطريق الواصل بين بلدة كفرنبل ومدينة معرة النعمان في ريف إدلب."
    [incident] = tiny_extractor.extract(article("", text))
    assert (incident.place_id, incident.geo_precision) == ("x:kafranbel", 2)


def test_a_place_said_to_hold_the_site_is_no_locating_place(tiny_extractor, article):
    text = "قصفت الطائرات بلدة سراقب التي تقع في ريف إدلب."  # في: what holds it
    [incident] = tiny_extractor.extract(article("", text))
    assert (incident.place_id, incident.geo_precision) == ("x:saraqib", 1)


def test_a_meeting_struck_from_the_air_is_where_the_strike_was(tiny_extractor, article):
    text = "نفذت طائرات التحالف غارة على اجتماع لقادة الفصائل في بلدة كفرنبل."
    assert [i.place_id for i in tiny_extractor.extract(article("", text))] == ["x:kafranbel"]


def test_a_list_of_places_continued_after_a_comma_is_the_events(tiny_extractor, article):
    text = "قصف مدفعي على بلدة كفرنبل، ومدينة معرة النعمان، وسراقب."
    assert {i.place_id for i in tiny_extractor.extract(article("", text))} == {"x:kafranbel", "x:maarrat", "x:saraqib"}
    # a clause of its own without a place of the event: its place is the event's
    text = "بعد منتصف الليل في مدينة سراقب، سقطت قذائف هاون."
    assert [i.place_id for i in tiny_extractor.extract(article("", text))] == ["x:saraqib"]


def test_a_place_near_which_the_named_town_lies_is_no_site_of_its_own(default_extractor, article):
    # "X بالقرب من Y"، "X جنوب مدينة Y": Y (here a town too) only says where X is
    for text in ("قصف الطيران بلدة اللطامنة بالقرب من مورك في ريف حماة الشمالي.",
                 "قصف الطيران بلدة اللطامنة جنوب بلدة مورك."):
        assert [i.location for i in default_extractor.extract(article("", text))] == ["اللطامنة"], text
    # two places joined by و are two sites; a site near an unnamed spot is that place, near
    text = "قصف الطيران بلدة اللطامنة وأطراف بلدة مورك."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"اللطامنة", "مورك"}
    [incident] = default_extractor.extract(article("", "قصف الطيران مشفى ميدانياً قرب بلدة مورك."))
    assert (incident.location, incident.geo_precision) == ("مورك", 2)


def test_a_place_of_a_clause_with_another_year_is_no_site_of_the_event(default_extractor, article):
    # "كما فعلت في حلب عام 2016": an attack of another year cited beside the event
    text = "وفي 30 أيلول 2015 قصفت الطائرات بلدة تلبيسة، كما فعلت في حلب عام 2016."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["تلبيسة"]
    # a clause of the same year stays one more site
    text = "وفي 30 أيلول 2015 قصفت الطائرات بلدة تلبيسة، كما قصفت مدينة الرستن في أيلول 2015."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"تلبيسة", "الرستن"}


def test_a_clause_describing_a_person_or_place_names_no_site(default_extractor, article):
    # where a witness is from is no site; a clause saying where the struck place lies is its place
    text = "قال أبو محمد، وهو من سكان مدينة حماة، إن الطائرة قصفت المشفى."
    assert [i.place_id for i in default_extractor.extract(article("", text))] in ([], [None])
    [incident] = default_extractor.extract(article("", "قصفت الطائرات المشفى، وهو في بلدة التح."))
    assert incident.location == "التح"


def test_a_sentence_cut_at_the_arabic_semicolon_takes_the_place_before_it(default_extractor, article):
    text = "ذكر شهود أن مشفى كفرنبل الجراحي، وهو أكبر مشافي المنطقة؛ تعرض لغارتين جويتين."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["كفر نبل"]


def test_the_base_aircraft_came_from_ends_at_its_name(default_extractor, article):
    # the town after the base's name is the target; a place the base lies in is still no site
    text = "قصفت الطائرات القادمة من قاعدة حميميم بلدة كفرنبل."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["كفر نبل"]
    text = "أقلعت الطائرات من مطار الشعيرات في ريف حمص وقصفت بلدة اللطامنة."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["اللطامنة"]


def test_a_chemical_attack_and_a_strike_beside_the_same_town_are_one_event(default_extractor, article):
    text = ("قصفت طائرة حربية مدينة خان شيخون بغاز السارين يوم 4 نيسان 2017. "
            "وقالت روسيا إن الطائرات قصفت مستودعاً شرق خان شيخون.")
    [incident] = default_extractor.extract(article("", text))
    assert (incident.sub_event_type, incident.location) == ("Chemical weapon", "خان شيخون")


def test_where_the_dead_were_carried_is_no_site(default_extractor, article):
    text = "قتل ثلاثة مدنيين في الغارة على بلدة التح، ونقلت جثامينهم إلى معرة النعمان لدفنها."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


def test_what_a_village_belongs_to_and_its_governorate_are_no_sites(default_extractor, article):
    # "التابعة لمنطقة X": the district the village belongs to; "محافظة حمص" is the governorate even
    # where the name could be read as the city
    text = "دمرت غارة جوية مسجداً في قرية الجينة التابعة لمنطقة الأتارب غرب حلب."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["الجينة"]
    text = "قصفت الطائرات بلدة تلبيسة في محافظة حمص."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["تلبيسة"]
    # "تابعة للنظام" says whose the aircraft is, not where the town lies
    text = "قصفت طائرة حربية تابعة للنظام بلدة اللطامنة."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["اللطامنة"]


def test_a_facility_named_again_is_in_the_town_the_text_put_it_in(default_extractor, article):
    # where a video came from is no site: the hospital the strikes hit is in التح, as told before
    text = ("قصفت الطائرات مشفى الإحسان في بلدة التح. "
            "وأظهر فيديو من مدينة كفرنبل أن الغارات على مشفى الإحسان دمرت الطابق الأول.")
    assert {i.location for i in default_extractor.extract(article("", text))} == {"التح"}
    # a town named after the facility in its clause is one more site
    text = "قصفت الطائرات مشفى الإحسان في بلدة التح. وقصفت الطائرات مشفى الإحسان وبلدة كفرنبل."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"التح", "كفر نبل"}


def test_where_people_or_forces_went_is_no_site(default_extractor, article):
    text = "نزح آلاف المدنيين من مدينة خان شيخون إلى بلدة حزانو بعد القصف."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["خان شيخون"]
    text = "قصفت طائرات روسية مدينة تلبيسة بعد أن انسحبت منها قوات النظام إلى الرستن."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["تلبيسة"]


@pytest.mark.parametrize("text", [
    "نزحت مئات العائلات باتجاه الحدود التركية وبلدة أطمة بعد ليلة من القصف.",
    "فرّ الأهالي نحو مدينة سرمدا هرباً من الغارات.",
    "أدى الحصار الطويل إلى لجوء مئات الأسر إلى سرمدا وريف إدلب.",
])
def test_where_the_displaced_went_is_no_site_of_their_displacement(default_extractor, article, text):
    assert [i.place_id for i in default_extractor.extract(article("", text)) if i.place_id] == []


def test_a_destination_named_again_in_another_clause_is_still_no_site(default_extractor, article):
    # the displacement's own clause names إدلب as where people went; the earlier إدلب is another matter
    text = "تقع أكثر المدارس المدمرة في إدلب، ولجأت مئات الأسر إلى إدلب خلال الشتاء بسبب القصف."
    incidents = default_extractor.extract(article("", text))
    assert [i.location for i in incidents if i.event_type == "Displacement"] in ([], [""])
    text = "نزحت العائلات من بلدة كفرنبل باتجاه مدينة إدلب."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["كفر نبل"]


def test_a_verb_spelled_like_a_town_is_no_place(default_extractor, article):
    # "وتدمر" destroys: its third person يدمر is a common word; joined to another town it is Palmyra
    text = "قصفت الطائرات المشفى ما أدى إلى دمار كبير وتدمر أجزاء من المبنى في بلدة كفرنبل."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["كفر نبل"]
    text = "قصفت الطائرات مدن حمص وتدمر والقريتين."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"حمص", "تدمر", "القريتين"}


def test_a_town_a_vehicle_came_from_is_not_where_it_was_hit(default_extractor, article):
    # the place after في locates a base, not a town that is itself the origin
    text = "قتل خمسة مدنيين بغارة على سيارة قادمة من إدلب في بلدة معرة مصرين."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["معرة مصرين"]
    text = "قصفت مروحية قادمة من حماة بلدة اللطامنة ببرميل متفجر."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["اللطامنة"]


@pytest.mark.parametrize("text", [
    "قصفت الطائرات الحربية بلدة التح، كما حدث في سراقب من قبل.",
    "استهدفت غارة جوية مشفى في بلدة التح، على غرار ما جرى في حلب العام الماضي.",
    "قصفت الطائرات مشفى في بلدة التح، مثلما قصفت مشافي حلب من قبل.",
])
def test_a_place_an_attack_is_compared_with_is_no_site(default_extractor, article, text):
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


def test_the_home_of_a_source_stands_in_only_when_the_event_names_no_place(default_extractor, article):
    for text in ("قال الدفاع المدني في إدلب إن غارة جوية استهدفت مدينة أريحا.",
                 "وقالت مصادر محلية في حماة إن الطائرات قصفت بلدة اللطامنة.",
                 "الدفاع المدني في دارة عزة يخمد النار في منطقة الزربة بعد غارة للطيران الحربي."):
        locations = [i.location for i in default_extractor.extract(article("", text))]
        assert locations in (["أريحا"], ["اللطامنة"], ["الزربة"]), (text, locations)
    [incident] = default_extractor.extract(article("", "قال الدفاع المدني في إدلب إن غارة جوية استهدفت مشفى."))
    assert (incident.location, incident.geo_precision) == ("إدلب", 2)
    # a resident speaks from where the attack was
    text = "وقال أحد سكان بلدة التح إن الطائرات قصفت المشفى."
    assert [(i.location, i.geo_precision) for i in default_extractor.extract(article("", text))] == [("التح", 1)]


@pytest.mark.parametrize("text", [
    "نشر مركز إدلب الإعلامي فيديو يظهر غارة جوية على مشفى.",
    "نشر مكتب حلب الإعلامي مقطعاً يظهر آثار الغارة الجوية على المشفى.",
    "ونشرت صفحة تلبيسة الآن صوراً للقصف الجوي على المشفى.",
    "ونشر اتحاد تنسيقيات حمص فيديو للغارة الجوية على المشفى.",
])
def test_a_place_in_the_name_of_a_media_outlet_or_group_is_no_site(default_extractor, article, text):
    assert [i.place_id for i in default_extractor.extract(article("", text))] in ([], [None])


def test_where_people_come_from_is_no_site(default_extractor, article):
    text = "قتل خمسة نازحين من حمص بغارة جوية على مخيم في ريف إدلب."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["ريف إدلب"]
    # the camp the displaced live in is where they were struck
    text = "قتل خمسة نازحين في مخيم قرب بلدة سرمدا بغارة جوية."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["سرمدا"]


def test_a_denied_attack_and_one_a_year_before_are_no_sites(default_extractor, article):
    text = "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مدينة خان شيخون."
    assert [i.place_id for i in default_extractor.extract(article("", text))] in ([], [None])
    text = "قصفت الطائرات مشفى الإحسان في بلدة التح، بعد عام من قصف مشفى في معرة النعمان."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]
    # days after the strike: the same strike, still at its town
    text = "توفي طفل متأثراً بجراحه بعد أيام من الغارة الجوية على بلدة التح."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


def test_a_place_said_to_be_wrong_is_no_site(default_extractor, article):
    text = "زعمت وزارة الدفاع الروسية أن الغارات استهدفت مواقع في الرقة، إلا أن الغارات أصابت مدينة تلبيسة."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["تلبيسة"]
    text = ("وقالت القيادة المركزية الأمريكية إن الغارة استهدفت اجتماعاً في إدلب، "
            "لكن الموقع الحقيقي للغارة هو قرية الجينة.")
    assert [i.location for i in default_extractor.extract(article("", text))] == ["الجينة"]
    # two strikes set side by side by a contrast are two sites
    text = "قصفت الطائرات مدينة سراقب، بينما قصفت المدفعية بلدة التح."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"سراقب", "التح"}


def test_a_capital_that_speaks_is_no_site(default_extractor, article):
    # "قالت دمشق إن …": the government speaks; its capital stands in for no attack
    text = "قالت دمشق إن الطائرات قصفت مواقع للإرهابيين."
    assert [i.place_id for i in default_extractor.extract(article("", text))] in ([], [None])


@pytest.mark.parametrize("text", [
    "استهدفت غارة جوية حافلة متوجهة إلى إدلب قرب بلدة سرمين.",
    "كانت الحافلة في طريقها إلى إدلب عندما استهدفتها غارة جوية قرب بلدة سرمين.",
    "استهدفت غارة جوية حافلة آتية من إدلب قرب بلدة سرمين.",
])
def test_where_a_vehicle_was_heading_or_came_from_is_no_site(default_extractor, article, text):
    assert [i.location for i in default_extractor.extract(article("", text))] == ["سرمين"]


@pytest.mark.parametrize("text", [
    "وقال قائد في جيش إدلب الحر إن الطائرات قصفت مواقع الفصيل.",
    "قصفت الطائرات مقراً لكتائب أحرار سراقب.",
])
def test_a_place_in_an_armed_groups_name_is_no_site(default_extractor, article, text):
    assert [i.place_id for i in default_extractor.extract(article("", text))] in ([], [None])


def test_a_group_the_actor_lexicon_knows_leaves_the_place_after_it(default_extractor, article):
    [incident] = default_extractor.extract(article("", "قصف جيش النظام مدينة حلب بالمدفعية."))
    assert incident.location == "حلب"


@pytest.mark.parametrize(("text", "site"), [
    ("قصفت طائرات حربية مشفى الأمل في بلدة كفرنبل، وكان المشفى قد نقل من مدينة معرة النعمان إلى كفرنبل.",
     "كفر نبل"),
    ("استهدفت غارة جوية مخيماً في بلدة أطمة يؤوي عائلات نزحت من خان شيخون.", "أطمة"),
    ("قصفت الطائرات الروسية مشفى الإخلاص في بلدة شنان، بعد أن انتقل المشفى من بلدة كفرسجنة إليها.", "شنان"),
])
def test_where_a_facility_or_people_moved_from_is_no_site(default_extractor, article, text, site):
    assert [i.location for i in default_extractor.extract(article("", text))] == [site]


def test_where_people_moved_from_stands_in_when_the_event_names_no_other_place(default_extractor, article):
    # the shelling that drove them out was there; and a displacement is where people fled from
    text = "أجبر القصف المدفعي مئات العائلات على النزوح من بلدة كفرزيتا."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"كفرزيتا"}
    # the wounded carried from a town come from the scene
    text = "قتل ثلاثة مدنيين بغارة جوية، ونقل الجرحى من بلدة التح إلى مشفى في معرة النعمان."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


@pytest.mark.parametrize("text", [
    "وصل وزير الخارجية إلى موسكو في زيارة رسمية، فيما قتل مدنيان في غارة على سراقب.",
    "وصل الوفد إلى موسكو، وفي اليوم نفسه قصفت الطائرات مدينة سراقب.",
])
def test_a_capital_abroad_in_a_visit_is_no_site_of_an_attack_beside_it(default_extractor, article, text):
    # the capital resolves (no small homonym, no missing place), and stays where the diplomacy is
    assert [i.location for i in default_extractor.extract(article("", text))] == ["سراقب"]


def test_an_attack_in_a_capital_abroad_is_there(default_extractor, article):
    [incident] = default_extractor.extract(article("", "قتل خمسة أشخاص في انفجار قرب محطة مترو في موسكو."))
    assert incident.place_id == "geonames:524901"


def test_a_witness_town_gives_way_to_the_place_the_witness_names(default_extractor, article):
    text = "قال شاهد عيان من بلدة كفرنبل إن الطائرات قصفت السوق في بلدة حاس."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["حاس"]
    # naming no other place, the witness's town is where the event was, exactly
    [incident] = default_extractor.extract(article("", "وقال أحد الناجين من بلدة التح إن الطائرات استهدفت المشفى."))
    assert incident.location == "التح" and incident.geo_precision == 1


def test_where_people_left_for_is_no_site(default_extractor, article):
    text = "غادر الطاقم الطبي المشفى إلى مدينة معرة النعمان بعد الغارة على بلدة التح."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


@pytest.mark.parametrize("text", [
    'خرجت مظاهرة في حي الصاخور في جمعة "صمود إدلب" 3-10-2014',
    "تظاهر أهالي حي الصاخور في جمعة إدلب تستغيث 11 1 2013",
    "جمعة إدلب الصامدة: مظاهرة لأهالي حي الصاخور 20-9-2013",
])
def test_a_place_in_the_name_of_a_friday_of_protest_is_no_site(default_extractor, article, text):
    assert [i.location for i in default_extractor.extract(article(text, ""))] == ["الصاخور"]


@pytest.mark.parametrize("text", [
    "قصفت الطائرات مدينة سراقب يوم الجمعة.",
    "قتل أبو جمعة في قصف على بلدة سراقب.",
])
def test_friday_the_day_and_a_person_named_juma_name_nothing(default_extractor, article, text):
    assert [i.location for i in default_extractor.extract(article("", text))] == ["سراقب"]


@pytest.mark.parametrize("text", [
    "مظاهرة في مدينة حلب تضامنا مع سكان مضايا المحاصرة",
    "وقفة تضامنية في حلب نصرةً لمدينة الرقة",
    "مظاهرة في حلب ابتهاجاً بتقدم الفصائل في مدينة أريحا",
])
def test_what_a_protest_supports_or_celebrates_is_no_site(default_extractor, article, text):
    assert [i.location for i in default_extractor.extract(article(text, ""))] == ["حلب"]


def test_an_anniversary_beside_a_commemoration_is_its_background(default_extractor, article):
    text = "مظاهرة لأهالي حي الصاخور في الذكرى الخامسة لمجزرة الكيماوي في الغوطة"
    assert [(i.location, i.event_type) for i in default_extractor.extract(article(text, ""))] == [
        ("الصاخور", "Protests")]


@pytest.mark.parametrize("text", [
    "قتل مدنيان في غارة على بلدة التح، وهي الغارة الثانية بعد غارة مماثلة على خان شيخون الشهر الماضي.",
    "قصفت الطائرات بلدة التح، وكانت قد قصفت مدينة خان شيخون قبل أسبوع.",
    "قصفت الطائرات بلدة التح، وذلك بعد يومين من غارة مماثلة على مدينة خان شيخون.",
    "تعرضت بلدة التح لقصف عنيف، ويأتي ذلك بعد قصف مماثل على مدينة خان شيخون.",
    "قصفت قوات النظام بلدة التح بقذائف تحمل غاز الكلور، في هجوم مشابه لهجوم خان شيخون.",
])
def test_an_earlier_or_likened_attack_cited_after_the_event_is_no_site(default_extractor, article, text):
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


@pytest.mark.parametrize("text", [
    "قصفت الطائرات مدينة سراقب قبل أسبوع.",
    "شنت الطائرات غارة مشابهة على مدينة سراقب.",
])
def test_an_earlier_time_or_a_likeness_alone_leaves_the_event_its_place(default_extractor, article, text):
    assert [i.location for i in default_extractor.extract(article("", text))] == ["سراقب"]


def test_a_cause_phrase_alone_is_the_event_told(default_extractor, article):
    text = "الدمار الذي تركته الطائرات إثر غاراتها على مشفى الأمل في بلدة التح"
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


def test_a_town_lies_some_distance_from_the_place_it_is_located_by(default_extractor, article):
    text = "تبعد بلدة التح نحو 10 كم عن مدينة خان شيخون، وقد قصفت الطائرات مشفاها يوم 5 شباط 2018."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["التح"]


def test_a_country_aircraft_came_from_locates_no_base(default_extractor, article):
    text = "قصفت طائرة حربية قادمة من تركيا مواقع في عفرين"
    assert [i.location for i in default_extractor.extract(article("", text))] == ["عفرين"]
    text = "قصفت طائرات قادمة من مطار الشعيرات في ريف حمص بلدة اللطامنة"
    assert [i.location for i in default_extractor.extract(article("", text))] == ["اللطامنة"]


@pytest.mark.parametrize(("text", "place_id"), [
    ("غارة جوية على صنعاء", "geonames:71137"),
    ("انفجار في باريس يقتل ثلاثة أشخاص", "geonames:2988507"),
])
def test_a_metropolis_named_without_its_country_is_a_site(default_extractor, article, text, place_id):
    assert [i.place_id for i in default_extractor.extract(article("", text))] == [place_id]


@pytest.mark.parametrize(("text", "location"), [
    ("قتل ثلاثة مدنيين في قصف على تعز في اليمن", "تعز"),
    ("اشتبكت قوات حكومية مع مسلحين في درنة شرقي ليبيا", "درنة"),
])
def test_a_town_of_a_country_the_text_names_is_a_site(default_extractor, article, text, location):
    """A town abroad named bare is often a word, but not where the text names its country."""
    assert [i.location for i in default_extractor.extract(article("", text))] == [location]


def test_a_city_abroad_that_word_or_place_kept_is_a_site(default_extractor, article):
    """A bare city of an Arab country, no country named: word or place weighed the name, the city is the site."""
    text = "خرج آلاف المحتجين إلى شوارع نيالا للمطالبة بالأمن بعد مقتل تاجر"
    assert [i.place_id for i in default_extractor.extract(article("", text))] == ["geonames:369004"]


def test_a_small_town_abroad_named_like_a_person_is_no_site(default_extractor, article):
    """صلاح الدين: an Aleppo quarter, a man's name and an Iraqi town of 38,000; bare, it is no site abroad."""
    text = "انطلقت مظاهرة صلاح الدين بعد صلاة الجمعة وطالب المتظاهرون بإسقاط النظام"
    assert all(i.country != "Iraq" for i in default_extractor.extract(article("", text)))


@pytest.mark.parametrize(("text", "place_id"), [
    ("سقطت قذائف على منازل في الحديدة غربي اليمن وأصيب طفلان", "geonames:79415"),  # the city, not the province
    ("قصفت طائرات التحالف مواقع في محافظة الحديدة غربي اليمن", "geonames:79416"),  # the province, by its title
])
def test_a_bare_name_shared_by_a_province_and_its_seat_is_the_town(default_extractor, article, text, place_id):
    """Word or place keeps the province where the text names its country: the incident is in the town."""
    assert [i.place_id for i in default_extractor.extract(article("", text))] == [place_id]


def test_a_bare_seat_in_a_syrian_text_is_no_pin(default_extractor, article):
    """A text about Syria that names no place of the seat's country keeps the coarser province, never pinned."""
    incidents = default_extractor.extract(article("", "شيع أهالي حلب الشاب إلى مسقط رأسه بعد مقتله بقصف على المدينة"))
    assert all(i.country in ("SY", "Syria") for i in incidents), [(i.location, i.country) for i in incidents]


@pytest.mark.parametrize(("text", "location"), [
    ("قتل جنديان بانفجار عبوة على طريق زراعي في الفلوجة غرب بغداد", "الفلوجة"),
    ("استهدفت غارة سيارة في بلدة قرب سنجار غربي الموصل", "سنجار"),
])
def test_a_town_located_by_a_side_of_a_city_is_the_site(default_extractor, article, text, location):
    """«X غرب Y»: Y, a city the text names plainly, says X lies in its country; the site is X."""
    assert [i.location for i in default_extractor.extract(article("", text))] == [location]


@pytest.mark.parametrize(("text", "place_id"), [
    # a clash with forces where they stand is there; forces leaving positions leave from where the event was
    ("دارت اشتباكات بين الفصائل وقوات النظام المتمركزة في مدينة معرة النعمان.", "x:maarrat"),
    ("انسحبت قوات النظام من مواقعها في مدينة سراقب.", "x:saraqib"),
])
def test_where_forces_stand_is_the_site_when_nothing_else_is(tiny_extractor, article, text, place_id):
    assert [i.place_id for i in tiny_extractor.extract(article("", text))] == [place_id]


def test_a_ministry_is_no_visit(tiny_extractor, article):
    """وزارة holds زار "visited" after the clitic و: a ministry's statement names the site, not a meeting place."""
    for text in ("أعلنت وزارة الداخلية إلقاء القبض على خلية في مدينة سراقب.",
                 "وقالت الوزارة إن الطائرات قصفت مدينة سراقب."):
        assert [i.place_id for i in tiny_extractor.extract(article("", text))] == ["x:saraqib"], text


def test_an_event_without_a_place_takes_a_site_before_a_town_flown_over(default_extractor, article):
    text = "وفقاً لبيانات رصد الطيران، أقلعت طائرة من قاعدة حميميم وحلقت فوق سراقب ثم قصفت مدينة معرة النعمان."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["معرة النعمان"]


def test_a_side_of_a_city_after_an_area_only_says_where_it_lies(tiny_extractor, article):
    """«قرى ريف سراقب شمال إدلب»: the side of Idlib locates Saraqib's countryside; one incident, there."""
    incidents = tiny_extractor.extract(article("", "قصف مدفعي على قرى ريف سراقب شمال إدلب."))
    assert len(incidents) == 1 and "سراقب" in incidents[0].location, [i.location for i in incidents]


@pytest.mark.parametrize(("text", "town"), [
    ("يقع المشفى الميداني على الطرف الجنوبي لبلدة حيش. وبعد منتصف الليل استهدفت غارتان المشفى وأخرجتاه عن العمل.",
     "حيش"),
    ("تعمل مدرسة القرية في مبنى مستأجر وسط قرية البارة منذ سنوات. وصباح الأحد سقطت قذيفة هاون على المدرسة.",
     "البارة"),
    ("يستقبل المركز الصحي في بلدة كفرومة مرضى القرى المحيطة بها. وقد استهدف قصف مدفعي محيط المركز مساء أمس.",
     "كفرومة"),
    # a synonym of the head (جامع / المسجد), and the head named first without its town
    ("بني جامع القرية قبل قرن، ويقع الجامع الكبير في قلب بلدة حيش. وفجر الجمعة سقطت قذيفة على المسجد.", "حيش"),
])
def test_a_facility_named_again_is_where_the_text_introduced_it(default_extractor, article, text, town):
    """Investigations describe a facility and its town first and tell the attack on it next: the
    attack on «المشفى» / «المدرسة» / «المركز» is in the town the earlier sentence put it in."""
    incidents = default_extractor.extract(article("", text))
    assert [i.location for i in incidents] == [town]
    assert "introduced" in incidents[0].notes


def test_a_facility_the_text_never_introduced_takes_no_place_from_another(default_gazetteer, article):
    extractor = Extractor(default_gazetteer, keep_unplaced=True)
    incidents = extractor.extract(article("", "يقع المشفى الميداني في بلدة حيش. وبعد منتصف الليل استهدفت غارة السوق."))
    assert incidents and all(not i.location for i in incidents)



def _case(kind: str, text: str, town: str):
    return pytest.param(text, town, id=kind)


#: sentences of our own in which a Syrian place beside the site plays another role (issue 9, ninth round)
_ONE_SITE = [
    # a witness's or resident's town in a sentence or clause that tells again the incident before it
    _case("witness", "سقطت قذيفة هاون على ساحة بلدة حيش ظهر الخميس. وأكد أحد سكان قرية كفرسجنة القريبة أن "
          "القذيفة أصابت سيارة.", "حيش"),
    _case("witness", "ضربت غارة جوية مستودعاً في بلدة سرمين. وقال شاهد من أهالي بلدة بنش إن الغارة وقعت قبيل "
          "الغروب.", "سرمين"),
    _case("witness-alone", "قال أحد سكان بلدة حيش إن قذيفة سقطت على سوق البلدة.", "حيش"),
    # a vehicle's route: where it came from and where it was going give way to where it was hit
    _case("route", "أصاب صاروخ موجه شاحنة خضار متجهة من بلدة سرمين إلى مدينة سراقب عند أطراف بلدة النيرب.",
          "النيرب"),
    _case("route", "استهدفت غارة حافلة مدنية في طريقها من بلدة بنش إلى بلدة تفتناز، قرب قرية طعوم.", "طعوم"),
    _case("route", "قصفت المدفعية سيارة إسعاف كانت قادمة من بلدة حيش إلى بلدة الهبيط عند مدخل بلدة التمانعة.",
          "التمانعة"),
    # a shelter in a town after a verb of moving is where people went; the site is the town named again
    _case("refuge", "لجأت أسر من بلدة حيش إلى مدرسة في مدينة سرمدا بعد أن قصفت المدفعية بيوتها في حيش.", "حيش"),
    _case("refuge", "نزح سكان من قرية البارة إلى خيام قرب بلدة أطمة إثر غارات دمرت منازلهم في البارة.", "البارة"),
    # the victims' home town gives way to where they were hit; alone, it is the site
    _case("victims-home", "قتل طفلان من بلدة كفرسجنة بقصف صاروخي على سوق بلدة التمانعة.", "التمانعة"),
    _case("victims-home", "أصيب ثلاثة مدنيين من أبناء بلدة بنش بغارة على مدينة سرمين.", "سرمين"),
    _case("victims-home", "سقطت قذيفة على مدرسة في بلدة حيش، وينحدر التلاميذ الجرحى من قرية كفرسجنة.", "حيش"),
    _case("victims-home", "قتل عامل، وهو من سكان بلدة بنش، بقصف على معمل في بلدة سرمين.", "سرمين"),
    _case("displaced-family", "أصابت قذيفة خيمة عائلة نازحة من بلدة حيش قرب مدينة سرمدا.", "سرمدا"),
    _case("victims-home-alone", "قتل طفلان من بلدة حيش بقصف مدفعي مساء أمس.", "حيش"),
    _case("carried-from", "سقطت قذائف على بلدة حيش، ونقل الجرحى من بلدة حيش إلى مدينة سرمدا.", "حيش"),
    # a road between towns (its towns in its name too) and a town the site is said to be near
    _case("road", "قصفت طائرة مسيرة سيارة على طريق حلب - دمشق الدولي قرب بلدة سراقب.", "سراقب"),
    _case("road", "أصاب صاروخ شاحنة على الطريق السريع حلب - اللاذقية قرب بلدة أورم الجوز.", "أورم الجوز"),
    _case("road", "سقطت قذائف على قرية جرجناز القريبة من الطريق الدولي حلب - دمشق.", "جرجناز"),
    _case("near", "قصفت المدفعية بلدة سرمين القريبة من مدينة سراقب.", "سرمين"),
    # where the people a facility serves come from, where the blast was heard, an office, a base
    _case("served", "أصابت قذيفة مدرسة بلدة حيش، وكانت المدرسة تستقبل تلاميذ من قرى التمانعة والهبيط.", "حيش"),
    _case("served", "قصفت الطائرات مستوصف بلدة سرمين الذي يقصده مرضى من مدينة سراقب.", "سرمين"),
    _case("heard", "ألقت مروحية برميلاً على بلدة حيش، وسمع دوي الانفجار في مدينة سراقب.", "حيش"),
    _case("seen", "سقط صاروخ على سوق مدينة سرمين. وشوهدت سحب الدخان من بلدة بنش.", "سرمين"),
    _case("office", "قالت منظمة إغاثية من مكتبها في مدينة سراقب إن غارة دمرت مستودعها في بلدة سرمين.", "سرمين"),
    _case("district", "أصابت قذيفة مدرسة في قرية البارة بمنطقة أريحا.", "البارة"),
    _case("district", "سقط صاروخ على سوق بلدة حيش، الواقعة في منطقة معرة النعمان.", "حيش"),
    _case("fired-from", "أطلقت قوات النظام قذائف من بلدة حيش باتجاه قرية التمانعة.", "التمانعة"),
    _case("fired-from", "قصفت قوات النظام قرية البارة بصواريخ أطلقت من بلدة احسم.", "البارة"),
    _case("fired-from", "سقطت قذائف مصدرها جهة بلدة حيش على مدينة سراقب.", "سراقب"),
    _case("overflight", "أصاب صاروخ مستودعاً في بلدة سرمين، وكانت طائرة استطلاع قد حلقت فوق مدينة سراقب قبل "
          "الغارة.", "سرمين"),
    _case("fire-base", "قصفت المدفعية التركية من قاعدتها في بلدة دارة عزة قرية تل رفعت.", "تل رفعت"),
]


@pytest.mark.parametrize(("text", "town"), _ONE_SITE)
def test_a_place_in_another_role_beside_the_site_is_no_site(default_extractor, article, text, town):
    """The incident's one site is the place it happened; the other Syrian place of the text is where a
    witness lives, a route's ends, a refuge, the victims' home, a road or town beside it, where the people
    a facility serves come from, where the blast was heard, an office or the base fire came from."""
    assert {i.location for i in default_extractor.extract(article("", text))} == {town}


def test_a_road_named_with_its_adjective_first_is_the_road(default_extractor, article):
    """«الطريق الدولي حلب - دمشق» names the road, not Aleppo and Damascus: its closure is along it."""
    [closure] = default_extractor.extract(article("", "قطع مسلحون الطريق الدولي حلب - دمشق لساعات."))
    assert closure.place_id == "local:road-m5"


def test_a_side_of_a_town_lies_at_its_edge(default_gazetteer):
    """«شمال بلدة X» is beside the town (2 km), «شمال مدينة X» at a city's edge (4 km), «شمال X» of a
    city further out: a side of a village is no point 10 km away."""
    from gazetteer.resolve import offset_km

    [town] = [m for m in default_gazetteer.find("سقطت قذيفة شمال بلدة محمبل") if m.candidates]
    side = town.candidates[0].place
    base = default_gazetteer.get(side.id.rpartition("~")[0])
    north, east = offset_km(base.geometry.y, base.geometry.x, side.geometry.y, side.geometry.x)
    assert 1.5 < (north ** 2 + east ** 2) ** 0.5 < 2.5


def test_a_vehicle_heading_toward_a_town_after_a_strike_is_going_there(default_extractor, article):
    """A direction word after a verb of moving is where the vehicle went, not what was fired at."""
    text = "استهدفت طائرة مسيرة سيارة متجهة نحو مدينة سراقب عند مدخل بلدة سرمين."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"سرمين"}


def test_a_displacement_is_where_the_displaced_came_from(default_extractor, article):
    """«العائلات المهجرة من X» told as the displacement itself: X is where people fled from, its place."""
    text = "وصلت عشرات الحافلات التي تنقل العائلات المهجرة من مدينة سراقب إلى ريف إدلب الشمالي."
    assert [i.location for i in default_extractor.extract(article("", text))] == ["سراقب"]


@pytest.mark.parametrize(("text", "actors"), [
    ("قصفت المدفعية أحياء مدينة الفاشر في ولاية شمال دارفور، وقتل أربعة مدنيين", ("", "Civilians (Sudan)")),
    ("أطلق مسلحون مجهولون النار على سيارة في مدينة طرابلس شمال لبنان، ما أدى إلى مقتل سائقها",
     ("Unidentified armed group (Lebanon)", "Civilians (Lebanon)")),
    ("تظاهر مئات في مدينة البصرة احتجاجاً على انقطاع الكهرباء", ("Protesters (Iraq)", "")),
    ("تظاهر مئات في مدينة حمص احتجاجاً على انقطاع الكهرباء", ("Protesters (Syria)", "")),
])
def test_actors_named_after_a_country_bear_the_country_of_the_event(default_extractor, article, text, actors):
    """ACLED names civilians, protesters and unidentified armed groups after the event's country."""
    [incident] = default_extractor.extract(article("", text))
    assert (incident.actor1, incident.actor2) == actors


@pytest.mark.parametrize(("text", "country"), [
    ("قصفت المدفعية أحياء مدينة الفاشر في ولاية شمال دارفور، وقتل أربعة مدنيين", "Sudan"),
    ("تظاهر مئات في مدينة البصرة احتجاجاً على انقطاع الكهرباء", "Iraq"),
    ("تظاهر مئات في مدينة حمص احتجاجاً على انقطاع الكهرباء", "Syria"),
])
def test_an_incident_abroad_names_its_country_as_acled_does(default_extractor, article, text, country):
    """The record's country is the English name of every country, not an ISO code outside a short list."""
    [incident] = default_extractor.extract(article("", text))
    assert incident.country == country


def test_a_witness_telling_a_new_strike_in_his_town_places_it_there(default_extractor, article):
    """Only an event that names the incident again (الانفجار، الغارة) takes the place of the one before it:
    an indefinite «غارة» the witness tells is a new one, in his town."""
    text = "قصفت الطائرات بلدة حيش صباحاً. وقال شاهد من مدينة سراقب إن غارة استهدفت السوق ظهراً."
    assert {i.location for i in default_extractor.extract(article("", text))} == {"حيش", "سراقب"}
