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
