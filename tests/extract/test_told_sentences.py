"""Which sentences tell each incident (``Extractor.last_told``): its evidence and the sentences folded
into it, so that a reader of a whole report can tell where each incident is told.  Sentences are our own."""

from __future__ import annotations

from tests.extract.conftest import make_article


def _told(extractor, text: str) -> list[tuple[str, list[str]]]:
    article = make_article("", text)
    incidents = extractor.extract(article)
    return [(i.sub_event_type, [article.full_text[s:e] for s, e in extractor.last_told[i.incident_id]])
            for i in incidents]


def test_a_reference_with_harm_tells_the_incident_again(tiny_extractor):
    text = ("قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018.\n\n"
            "وقال مسعف إن القصف أدى إلى مقتل ثلاثة مدنيين.")
    [(sub, told)] = _told(tiny_extractor, text)
    assert sub == "Air/drone strike"
    assert told == ["قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018", "وقال مسعف إن القصف أدى إلى مقتل ثلاثة مدنيين"]


def test_the_same_strike_told_twice_is_one_incident_told_in_both_sentences(tiny_extractor):
    text = ("قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018.\n\n"
            "وفي 5 شباط 2018 ألقت مروحية برميلاً متفجراً على كفرنبل.")
    [(_, told)] = _told(tiny_extractor, text)
    assert len(told) == 2 and told[1].startswith("وفي 5 شباط")


def test_a_method_note_that_names_the_attack_tells_nothing(tiny_extractor):
    text = ("قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018.\n\n"
            "وحللنا بيانات رصد الطيران في الفترة التي سبقت الهجوم.")
    [(_, told)] = _told(tiny_extractor, text)
    assert told == ["قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018"]


def test_told_is_reset_per_article(tiny_extractor):
    tiny_extractor.extract(make_article("", "قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018."))
    assert len(tiny_extractor.last_told) == 1
    tiny_extractor.extract(make_article("", "عقد المجلس المحلي اجتماعاً."))
    assert tiny_extractor.last_told == {}


def test_a_reference_to_an_attack_that_is_no_incident_tells_its_own(tiny_gazetteer):
    """A witness's "the aircraft" after an analysis line naming "the attack" (no place, date or harm:
    no incident) is the attack itself, with its date and its dead."""
    from geo_incidents.extraction import Extractor

    extractor = Extractor(tiny_gazetteer, keep_unplaced=True)
    text = ("قدمت منظمتان شهادات الشهود حول الهجوم.\n\n"
            "قال ممرض: في 27 نيسان 2017 قصفت الطائرات المستشفى وقتل شخصان.")
    [incident] = extractor.extract(make_article("", text))
    assert (incident.sub_event_type, str(incident.event_date), incident.fatalities) == (
        "Air/drone strike", "2017-04-27", 2)
    assert [text[s:e][:8] for s, e in extractor.last_told[incident.incident_id]] == ["قال ممرض"]


def test_the_air_strike_does_not_refer_back_to_shelling(tiny_extractor):
    text = "سقطت قذائف هاون على بلدة سراقب صباح اليوم. وقتل مدنيان في الغارة الجوية التي تلتها."
    assert sorted(i.sub_event_type for i in tiny_extractor.extract(make_article("", text))) == [
        "Air/drone strike", "Shelling/artillery/missile attack"]
    referring = "سقطت قذائف هاون على بلدة سراقب صباح اليوم. واستمر القصف ساعة."
    assert [i.sub_event_type for i in tiny_extractor.extract(make_article("", referring))] == [
        "Shelling/artillery/missile attack"]
