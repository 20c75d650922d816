"""ACLED codes events that happened, one per incident: threats, plans, attributions and totals are none.

Every sentence here is our own; places come from the tiny test gazetteer (كفرنبل، معرة النعمان،
سراقب، إدلب).
"""

from __future__ import annotations

import pytest

from geo_incidents.extraction import Extractor
from geo_incidents.model import EventType
from tests.extract.conftest import make_article

AIR = (EventType.EXPLOSIONS, "Air/drone strike")
SHELLING = (EventType.EXPLOSIONS, "Shelling/artillery/missile attack")
CLASH = (EventType.BATTLES, "Armed clash")


@pytest.fixture(scope="module")
def extractor(tiny_gazetteer) -> Extractor:
    return Extractor(tiny_gazetteer, keep_unplaced=True)


def kinds(extractor, text: str) -> list[tuple[str, str, str]]:
    return sorted((i.event_type, i.sub_event_type, i.location) for i in extractor.extract(make_article("", text)))


@pytest.mark.parametrize("text", [
    "هددت أنقرة بشن عملية عسكرية واسعة على مدينة سراقب.",
    "تعتزم قوات النظام اقتحام بلدة كفرنبل خلال الأيام المقبلة.",
    "تستعد الفصائل لشن هجوم على مدينة معرة النعمان.",
    "قالت مصادر إن الطيران الروسي يخطط لقصف مدينة سراقب.",
    "توعد قائد الفصيل بالرد على أي هجوم يستهدف بلدة كفرنبل.",
    "حذر ناشطون من الهجوم المرتقب على مدينة سراقب.",
    # a warning names what may happen, a condition what did not
    "حذرت منظمات إنسانية من أن القصف على مدينة سراقب سيدفع آلاف العائلات إلى النزوح.",
    "لو سقطت القذيفة على مدرسة بلدة كفرنبل لكان عدد القتلى كبيراً.",
])
def test_a_threat_or_a_plan_is_no_event(extractor, text):
    assert kinds(extractor, text) == []


def test_an_act_told_before_a_threat_stands(extractor):
    """Only what follows the threat, to the end of its clause, is what has not happened."""
    found = kinds(extractor, "قصفت المدفعية مدينة سراقب صباح اليوم، وهددت الفصائل بالرد على القصف.")
    assert [(t, s) for t, s, _ in found] == [SHELLING]


@pytest.mark.parametrize("text", [
    "تقدمت قوات النظام نحو بلدة كفرنبل تحت غطاء جوي روسي كثيف.",
    "تقدمت الفصائل باتجاه مدينة سراقب تحت غطاء ناري من المدفعية.",
    "توغلت القوات في أطراف بلدة كفرنبل بتغطية نارية من الدبابات.",
    "تقدمت الفصائل نحو تلة قرب مدينة سراقب تحت غطاء من القصف الصاروخي.",
])
def test_an_advance_under_cover_is_a_battle(extractor, text):
    """Fire in support of a ground fight is part of that battle (ACLED), not a strike of its own."""
    found = kinds(extractor, text)
    assert [(t, s) for t, s, _ in found] == [CLASH], found


@pytest.mark.parametrize("text", [
    "اتهمت منظمات حقوقية قوات النظام بقصف السوق الشعبي في مدينة سراقب.",
    "حمّلت المعارضة القوات الروسية مسؤولية الغارة على مشفى بلدة كفرنبل.",
])
def test_an_attribution_alone_is_no_event(extractor, text):
    assert kinds(extractor, text) == []


def test_an_attribution_is_no_second_event(extractor):
    """The attack is told once; who is blamed for it adds nothing, not even its town."""
    text = ("ألقت مروحية برميلاً متفجراً على بلدة كفرنبل صباح الأحد وقتل ثلاثة مدنيين. واتهم ناشطون القوات "
            "الروسية بقصف مدينة معرة النعمان في اليوم نفسه.")
    found = kinds(extractor, text)
    assert found == [(*AIR, "كفرنبل")], found


def test_a_claim_by_its_author_reports_the_attack(extractor):
    """The author's own claim is how news tells an attack, not a third party's blame."""
    found = kinds(extractor, "تبنى فصيل مسلح تفجير عبوة ناسفة استهدفت حاجزاً لقوات النظام قرب مدينة سراقب.")
    assert found and found[0][0] == EventType.EXPLOSIONS, found


@pytest.mark.parametrize("text", [
    "وثقت الشبكة مقتل 120 مدنياً في مدينة سراقب وريفها خلال آذار 2020.",
    "سجلت الأمم المتحدة نزوح 80 ألف شخص من مدينة معرة النعمان خلال الأسبوعين الماضيين.",
    "قتل 45 مدنياً بالقصف على مدينة سراقب خلال العام الماضي بحسب إحصائية للدفاع المدني.",
    "بلغ عدد الغارات على مدينة سراقب منذ بداية العام أكثر من 300 غارة.",
    # a period taken whole, with no word of counting
    "نزح أكثر من 60 ألف شخص من مدينة معرة النعمان وريفها خلال الشهرين الماضيين.",
    "سقطت عشرات القذائف على أحياء مدينة سراقب خلال شهر أيار.",
])
def test_a_count_over_a_period_is_no_event(extractor, text):
    assert kinds(extractor, text) == []


def test_a_count_of_one_day_is_that_days_event(extractor):
    """With a day, a count tells that day's harm (ACLED codes the strike, with its dead)."""
    found = kinds(extractor, "وثقت الشبكة مقتل خمسة مدنيين بغارة جوية على مدينة سراقب في 3 آذار 2020.")
    assert [(t, s) for t, s, _ in found] == [AIR], found


def test_the_remnants_of_a_fight_are_no_fight(extractor):
    """A mine left by past battles (من مخلفات المعارك) is the explosion told, not a battle."""
    found = kinds(extractor, "قتل راعٍ بانفجار لغم أرضي من مخلفات المعارك قرب بلدة كفرنبل.")
    assert [(t, s) for t, s, _ in found] == [(EventType.EXPLOSIONS, "Remote explosive/landmine/IED")], found


def test_an_attack_repelled_is_a_battle_told(extractor):
    """صدّت names the defenders' act: the fight is told, its actors its sides, not who is behind attacks."""
    found = kinds(extractor, "صدّت الفصائل هجوماً لقوات النظام على محور التلال الغربية واستمرت المعارك ساعات.")
    assert [(t, s) for t, s, _ in found] == [CLASH], found


def test_an_advance_is_placed_at_the_front(extractor):
    """The town an advance heads for is the front fought for (ACLED places the battle there); the town
    the force set out from is where it came from."""
    found = kinds(extractor, "تقدمت قوات النظام من مدينة معرة النعمان باتجاه بلدة كفرنبل تحت غطاء جوي.")
    assert found == [(*CLASH, "كفرنبل")], found


def test_a_pungent_smell_is_a_sign_of_poisoning(extractor):
    """A choking or pungent smell after a strike is a toxic agent's (like a strange smell): a chemical weapon."""
    found = kinds(extractor, "سقطت قذيفة على قبو في بلدة كفرنبل مساء الأحد، وانتشرت رائحة نفاذة وأصيب السكان بالدوار.")
    assert [(t, s) for t, s, _ in found] == [(EventType.EXPLOSIONS, "Chemical weapon")], found
