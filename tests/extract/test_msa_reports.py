"""Modern Standard Arabic report sentences (written for these tests) and the events read from them."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("هاجم مسلحون حاجزا عسكريا عند مدخل سراقب وقتلوا عنصرين", "Battles", "Armed clash"),
        ("هاجم مسلحون منزل عائلة في سراقب وقتلوا ثلاثة من أفرادها", "Violence against civilians", "Attack"),
        ("أعلن الجيش السوري استعادة السيطرة على بلدة كفرنبل", "Battles", "Government regains territory"),
        ("سيطر الثوار على بلدة كفرنبل بعد معارك عنيفة", "Battles", "Non-state actor overtakes territory"),
        ("شنت طائرات حربية غارات على كفرنبل", "Explosions/Remote violence", "Air/drone strike"),
        ("سقطت قذائف هاون على سراقب", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("استهدفت الفصائل مواقع قوات النظام في سراقب بصواريخ موجهة", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("استهدف قناص شابا في سراقب", "Violence against civilians", "Attack"),
        ("فجر انتحاري حزاما ناسفا في سوق سراقب", "Explosions/Remote violence", "Suicide bomb"),
        ("انفجرت عبوة ناسفة بسيارة عسكرية قرب سراقب", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("شنت قوات الأمن حملة اعتقالات في سراقب", "Strategic developments", "Arrests"),
        ("أغلقت السلطات الطريق الدولي قرب سراقب", "Road closure", "closed"),
        ("أعيد فتح الطريق الدولي قرب سراقب أمام حركة السير", "Road closure", "reopened"),
        ("نزحت مئات العائلات من سراقب", "Displacement", "Displacement"),
        ("خرجت مظاهرة في سراقب للمطالبة بالإفراج عن المعتقلين", "Protests", "Peaceful protest"),
        ("تفكيك عبوة ناسفة على طريق سراقب", "Strategic developments", "Disrupted weapons use"),
    ],
)
def test_event_types(tiny_extractor, article, text, event_type, sub_event_type):
    incidents = tiny_extractor.extract(article("تقرير", text + "."))
    assert {(i.event_type, i.sub_event_type) for i in incidents} == {(event_type, sub_event_type)}


@pytest.mark.parametrize(
    "text",
    [
        "أغلقت المدارس أبوابها في سراقب بسبب العاصفة",  # a closing verb without a road
        "أكد وزير الخارجية في بيان أن الاشتباكات في سراقب تهدد الاستقرار",  # commentary
        "عقد المجلس المحلي في سراقب اجتماعا لبحث الخدمات",
        "بيان من هيئة تحرير الشام في سراقب",  # a trigger word inside an actor's name
    ],
)
def test_no_incident(tiny_extractor, article, text):
    assert tiny_extractor.extract(article("تقرير", text + ".")) == []


def test_alias_that_names_the_strike_gives_actor_and_event(tiny_extractor, article):
    [inc] = tiny_extractor.extract(article("غارات روسية على كفرنبل", published=date(2016, 2, 1)))
    assert inc.sub_event_type == "Air/drone strike"
    assert (inc.actor1, inc.inter1, inc.actor1_ar) == ("Military Forces of Russia", 8, "غارات روسية")
