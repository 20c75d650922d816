"""A specific incident, or talk of attacks: the fitted decision of :mod:`geo_incidents.extraction.specific`.

Every sentence here is our own; places come from the tiny test gazetteer (كفرنبل، معرة النعمان،
سراقب، إدلب).
"""

from __future__ import annotations

import json

import pytest

from geo_incidents.extraction import Extractor
from geo_incidents.extraction.specific import FEATURES, METHOD, WEIGHTS_NAME, load_model
from tests.extract.conftest import make_article


@pytest.fixture(scope="module")
def extractor(tiny_gazetteer) -> Extractor:
    return Extractor(tiny_gazetteer, keep_unplaced=True)


def test_the_committed_weights_match_the_features(extractor):
    data = json.loads((extractor.lexicon.folder / WEIGHTS_NAME).read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    assert len(data["weights"]) == len(FEATURES) and 0 < data["threshold"] < 1
    assert data["script"] == "benchmarks/fit_specific_incident.py"
    assert extractor.specific_model is not None
    weights = dict(zip(FEATURES, data["weights"], strict=True))
    # what pins an incident counts for it, what marks talk of attacks against it
    assert weights["own_place"] > 0 and weights["day"] > 0 and weights["casualties"] > 0
    assert weights["list_item"] < 0 and weights["report"] < 0 and weights["coarse_date"] < 0


@pytest.mark.parametrize("text", [
    "قصفت طائرات حربية بلدة كفرنبل يوم 5 شباط 2018.",
    "سقطت قذائف هاون على مدينة سراقب وأصيب طفلان.",
    "شنت الطائرات الحربية ثلاث غارات على مدينة سراقب.",
    "قتل ثلاثة مدنيين بغارة جوية أمس.",
])
def test_a_specific_incident_stands(extractor, text):
    incidents = extractor.extract(make_article("", text))
    assert incidents, extractor.last_decisions
    assert all(d.kept for d in extractor.last_decisions)


@pytest.mark.parametrize("text", [
    # items of a data page's list: kinds of evidence, no attack of their own
    "3- صور لغارات على محطات المياه نفذتها القوات الروسية.",
    "* تحليل لحوادث معينة حول الغارات الجوية على المستشفيات.",
    # a report's subject in a month (a count over it, وثق التقرير …, or a month taken whole, خلال شهر …, is a
    # statistic before any weighing: tests/extract/test_what_happened.py)
    "تناول التقرير الغارات الجوية التي شنتها القوات الروسية في آذار 2017.",
])
def test_talk_of_attacks_is_no_incident(extractor, text):
    assert extractor.extract(make_article("", text)) == []
    decisions = extractor.last_decisions
    assert decisions and not any(d.kept for d in decisions)
    assert all(d.reason.startswith("specific incident: 0.") for d in decisions)


def test_without_weights_every_event_stands(tiny_gazetteer, tmp_path):
    assert load_model(tmp_path) is None
    extractor = Extractor(tiny_gazetteer, keep_unplaced=True)
    extractor.specific_model = None
    assert extractor.extract(make_article("", "3- صور لغارات على محطات المياه نفذتها القوات الروسية."))
    assert [d.kept for d in extractor.last_decisions] == [True]


def test_a_decision_points_at_its_sentence(extractor):
    title, text = "", "عقد المجلس المحلي اجتماعاً. 3- صور لغارات على محطات المياه نفذتها القوات الروسية."
    article = make_article(title, text)
    extractor.extract(article)
    (decision,) = extractor.last_decisions
    assert article.full_text[decision.start:decision.end].startswith("3- صور لغارات")


def test_signals_of_the_genre(extractor):
    """A bare year marks a period like a month; a word of law and a past verb of attack are read."""
    extractor.extract(make_article("", "تعرضت المستشفيات لغارات جوية عام 2016 في انتهاك للقانون الدولي."))
    (decision,) = extractor.last_decisions
    values = dict(zip(FEATURES, decision.values, strict=True))
    assert values["coarse_date"] == 1 and values["law"] == 1 and values["past_verb"] == 1 and values["day"] == 0
    extractor.extract(make_article("", "شنت الطائرات غارات جوية على سراقب في 2017/09/19."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["coarse_date"] == 0 and values["day"] == 1 and values["law"] == 0
    extractor.extract(make_article("", "الغارات الجوية على المستشفيات."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["past_verb"] == 0


def test_a_past_verb_counts_for_an_incident(extractor):
    weights = dict(zip(FEATURES, extractor.specific_model.weights, strict=True))
    assert weights["past_verb"] > 0 and weights["law"] < 0


@pytest.mark.parametrize("text", [
    "يحظر القانون الدولي الإنساني قصف المستشفيات.",
    "طالبت المنظمة بمحاكمة المسؤولين عن الغارات الجوية على المستشفيات.",
    "تعد الهجمات الكيميائية على المدنيين جرائم حرب بموجب القانون الدولي.",
])
def test_a_statement_of_law_is_no_incident(extractor, text):
    assert extractor.extract(make_article("", text)) == []
    (decision,) = extractor.last_decisions
    assert not decision.kept and "a statement of law" in decision.reason


def test_an_attack_told_as_a_violation_stands(extractor):
    incidents = extractor.extract(make_article(
        "", "قصفت الطائرات الحربية المستشفى الوطني في إدلب، في انتهاك للقانون الدولي."))
    assert [i.sub_event_type for i in incidents] == ["Air/drone strike"]


@pytest.mark.parametrize("text", [
    # news tells an incident as an actor's act, with no place or day of its own
    "قصفت قوات النظام المشفى بقذائف المدفعية.",
    "قصفت الطائرات الروسية المشفى بالصواريخ.",
    "ألقت مروحيات النظام برميلين متفجرين على السوق.",
])
def test_an_act_told_with_its_actor_stands(extractor, text):
    incidents = extractor.extract(make_article("", text))
    assert incidents, [d.reason for d in extractor.last_decisions]
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["past_verb"] == 1 and values["actor"] == 0


def test_an_actor_behind_attacks_is_an_attribution(extractor):
    """Named beside attacks but not as the subject of a verb of attack, an actor says who is behind
    them: the ``actor`` feature, weighed against a specific incident."""
    extractor.extract(make_article("", "قُصفت المستشفيات مراراً بهجمات نُسب معظمها إلى القوات السورية والروسية."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["actor"] == 1
    extractor.extract(make_article("", "الطائرات الروسية قصفت المشفى."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["actor"] == 0


@pytest.mark.parametrize("text", [
    # the doer annexed to a singular attack word: who did this act, not who is behind attacks
    "قتل مدني برصاص قوات النظام قرب سراقب.",
    "قصف طيران النظام سوق معرة النعمان.",
    "أصيب طفلان في قصف لقوات النظام على كفرنبل.",
])
def test_an_actor_annexed_to_an_attack_word_is_its_doer(extractor, text):
    extractor.extract(make_article("", text))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["actor"] == 0, text


def test_an_actor_annexed_to_a_plural_attack_word_is_still_weighed(extractor):
    """«غارات الطيران الروسي»: attacks in the plural and who is behind them, talk of attacks."""
    extractor.extract(make_article("", "وثق التقرير غارات الطيران الروسي على المشافي."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["actor"] == 1


def test_a_period_counted_back_from_now_is_coarse(extractor):
    """"the past six months", "the last weeks", "since the start of the year": a summary's span; taken
    whole (خلال، طوال، منذ) it makes its sentence a statistic before any weighing."""
    for text in ("شنت الطائرات غارات جوية على سراقب في الأشهر الستة الماضية.",
                 "وفي الأسابيع الأخيرة شنت الطائرات غارات على سراقب."):
        extractor.extract(make_article("", text))
        values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
        assert values["coarse_date"] == 1 and values["day"] == 0, text
    for text in ("شنت الطائرات غارات جوية على سراقب خلال الأشهر الستة الماضية.",
                 "قصفت الطائرات سراقب مرات عدة منذ بداية العام."):
        assert extractor.extract(make_article("", text)) == [], text
        assert extractor.last_decisions == [], text


def test_fighting_and_storming_are_told_acts(extractor):
    extractor.extract(make_article("", "هاجمت فصائل المعارضة حاجزاً لقوات النظام واشتبكت مع عناصره."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["past_verb"] == 1 and values["actor"] == 0


@pytest.mark.parametrize("text", [
    # accountability is a norm: who should answer for attacks, not an attack
    "طالبت منظمات حقوقية بمحاسبة المسؤولين عن قصف المدارس والمستشفيات.",
    # what a weapon usually does is a habit, not an event
    "تُطلق الذخائر العنقودية عادة من الطائرات وتنتشر قنابلها فوق مساحة واسعة.",
])
def test_norms_and_habits_are_no_incident(extractor, text):
    assert extractor.extract(make_article("", text)) == []


@pytest.mark.parametrize("text", [
    # a weapon described: what it is made of, how it is dropped
    "الصواريخ الموجهة أسلحة دقيقة تطلقها الطائرات من مسافات بعيدة.",
    "تحمل البراميل المتفجرة مئات الكيلوغرامات من المتفجرات والشظايا.",
    # a count over a corpus, a finding over attacks in general
    "أحصت المنظمة 40 غارة جوية على المدارس.",
])
def test_an_attack_named_in_general_is_no_incident(extractor, text):
    """Nothing pins it (no place, day or time, casualties, harm or past verb of attack): a weapon or
    attacks spoken of in general, a rule beside the model."""
    assert extractor.extract(make_article("", text)) == []
    assert extractor.last_decisions and all(
        not d.kept and "named in general" in d.reason for d in extractor.last_decisions)


@pytest.mark.parametrize("text", [
    # one thing that pins it is enough: a time of day, harm done, a place, a past verb
    "وقت الهجوم: الغارة الأولى 10:30 والغارة الثانية 10:40.",
    "غارة جوية عند الساعة السادسة صباحاً.",
    "أدت الغارة الجوية إلى دمار كبير في المبنى.",
    "غارة جوية على مدينة سراقب.",
    "سقطت قذيفة هاون على السوق.",
])
def test_one_pin_keeps_an_attack_for_the_model(extractor, text):
    extractor.extract(make_article("", text))
    assert extractor.last_decisions and not any("named in general" in d.reason for d in extractor.last_decisions)


def test_a_headline_is_pinned_by_its_body(extractor):
    """A headline is terse ("غارات جوية روسية"): the rule leaves it to the model."""
    extractor.extract(make_article("غارات جوية روسية", "قتل ثلاثة مدنيين بغارة جوية على سراقب أمس."))
    assert not any("named in general" in d.reason for d in extractor.last_decisions)


def test_a_time_of_day_pins_like_a_day(extractor):
    for text in ("وقت الهجوم: 11:00 صباحاً، غارتان جويتان.", "غارة جوية قرابة الساعة 6 صباحاً."):
        extractor.extract(make_article("", text))
        values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
        assert values["day"] == 1, text
    extractor.extract(make_article("", "تستمر الغارات الجوية على مدار الساعة."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True)) if extractor.last_decisions else {}
    assert values.get("day", 0) == 0


def test_a_force_named_by_what_it_flies_is_no_attribution(extractor):
    """طائرات حربية روسية names Russia's forces (an actor) by the attack's means, as its trigger does: the
    model's ``actor`` signal weighs only parties named otherwise beside attacks, as before such names."""
    for text in ("شنت طائرات حربية روسية غارات على مدينة سراقب.",
                 "نفذ الطيران الحربي الروسي غارتين على بلدة كفرنبل.",
                 "غارات نفذها الطيران الحربي الروسي على مدينة سراقب."):
        extractor.extract(make_article("", text))
        values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
        assert values["actor"] == 0, text


def test_the_investigators_own_work_is_no_incident(extractor):
    """قمنا بتحليل …، وثقنا …: the attacks it names are what was studied, whatever places it names; a day,
    a time or casualties of its own still make an incident."""
    extractor.extract(make_article("", "حللنا مقاطع الفيديو التي تظهر الغارات الجوية على مدينة سراقب."))
    assert extractor.last_decisions and not any(d.kept for d in extractor.last_decisions)
    assert all("investigators' own work" in d.reason for d in extractor.last_decisions)
    assert extractor.extract(make_article("", "وثقنا مقتل خمسة مدنيين بغارة جوية على مدينة سراقب."))


def test_the_forces_themselves_named_beside_attacks_are_an_attribution(extractor):
    """القوات الحربية الروسية names the forces themselves (a ``bodies`` noun of ``[forces]``), not a means:
    said to be behind attacks, they weigh as a party behind them, like the alias القوات الروسية (an
    accusation, اتهم ناشطون القوات …, names no event at all: tests/extract/test_what_happened.py)."""
    extractor.extract(make_article("", "الغارات على المستشفيات نفذتها القوات العسكرية الروسية بحسب ناشطين."))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["actor"] == 1


@pytest.mark.parametrize(("text", "stands"), [
    # the act in a clause of its own, how it was checked in the next: an incident
    ("ألقت مروحية برميلاً متفجراً على مدينة سراقب، وتحققنا من الموقع عبر صور الأقمار الصناعية.", True),
    ("أصابت صواريخ عنقودية سوق مدينة سراقب، ووثقنا آثارها من صور نشرها الأهالي.", True),
    # the attacks are what the investigators' own clause studied: no incident
    ("وثقنا الغارات على أسواق مدينة سراقب من صور نشرها الأهالي.", False),
])
def test_the_investigators_work_rules_out_only_its_own_clause(extractor, text, stands):
    """A method word (تحققنا، وثقنا) in the event's own clause makes the attacks what was studied; in
    another clause of the sentence it says how the act told beside it was checked."""
    incidents = extractor.extract(make_article("", text))
    assert bool(incidents) is stands, extractor.last_decisions
    if not stands:
        assert [d.reason for d in extractor.last_decisions] == [f"specific incident: {METHOD}"]


@pytest.mark.parametrize(("text", "stands"), [
    # the act in a clause of its own, the comparison that located it in the next: an incident
    ("قصفت المدفعية بلدة كفرنبل بست قذائف، وقد حددنا المكان بمقارنة الصور مع خرائط البلدة.", True),
    ("استهدفت غارة جوية سوق مدينة سراقب، وتأكدنا من ذلك بمقارنة المقاطع المنشورة.", True),
    # the comparison is the clause's own subject: the strikes are what was compared
    ("قارنا صور الغارات على مدينة سراقب بصور الأقمار الصناعية.", False),
    ("حددنا مكان الغارة بمقارنة ظلال المباني في المقطع مع صور الأقمار الصناعية.", False),
])
def test_a_comparison_rules_out_only_its_own_clause(extractor, text, stands):
    """A method of comparing or classifying (مقارنة، قارن، تصنيف) makes the attacks of its clause what was
    studied; an act told in another clause of the sentence, with its past verb, stands."""
    assert bool(extractor.extract(make_article("", text))) is stands, extractor.last_decisions


def test_a_means_in_the_plural_is_no_plural_attack(extractor):
    """طائرات حربية names the aircraft of one strike; the plural of talk of attacks is the attack word's
    (الغارات، الهجمات)."""
    extractor.extract(make_article("", "قصفت طائرات حربية بلدة كفرنبل."))
    assert dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))["plural"] == 0
    extractor.extract(make_article("", "تكررت الغارات على بلدة كفرنبل."))
    assert dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))["plural"] == 1


@pytest.mark.parametrize("text", [
    "هاجم مسلحون حاجزاً قرب سراقب واشتبكوا مع عناصره.",
    "اقتحم الجيش بلدة كفرنبل فجراً.",
])
def test_a_verb_of_attack_with_a_masculine_subject_tells_the_act(extractor, text):
    """هاجم، اقتحم (a masculine subject) tell the act in the past as هاجمت، اقتحمت do: the armed actor after
    the verb is who did it, not a party behind talk of attacks."""
    extractor.extract(make_article("", text))
    values = dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))
    assert values["past_verb"] == 1 and values["actor"] == 0, text


def test_an_armed_post_struck_is_no_party_behind_attacks(extractor):
    """A headquarters or checkpoint after على is what was hit («أغارت الطائرات على مقر للفصيل»), not who
    is behind talk of attacks, which the model's actor weighs; armed people named otherwise still are."""
    extractor.extract(make_article("", "أغارت طائرات حربية على مقر قرب بلدة كفرنبل."))
    assert dict(zip(FEATURES, extractor.last_decisions[0].values, strict=True))["actor"] == 0
