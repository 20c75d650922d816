"""Casualty counts from digits and number words, vague quantities as ranges, civilians, negation."""

from __future__ import annotations

import pytest

from gazetteer.normalize import fold_text
from geo_incidents.extraction.casualties import combine, find_casualties
from geo_incidents.extraction.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def counts(lexicon, text):
    folded = fold_text(text).text
    fields = combine(find_casualties(folded, lexicon.cues.find(folded, overlapping=True), lexicon.numbers))
    return (fields["fatalities_low"], fields["fatalities_high"], fields["injured_low"], fields["injured_high"],
            fields["civilian_casualties"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سقوط ثلاثة قتلى في القصف", (3, 3, 0, 0, False)),
        ("ارتفاع عدد الضحايا إلى خمسة شهداء", (5, 5, 0, 0, False)),
        ("مقتل 12 عنصرا وإصابة ٤ آخرين", (12, 12, 4, 4, False)),
        # the dual of a person is two
        ("قُتل شابان وأصيب رجلان بجروح", (2, 2, 2, 2, False)),
        ("أسفر القصف عن إصابة امرأتين", (0, 0, 2, 2, False)),
        # a verb in the present, as headlines tell events, with its count; without one it counts no one
        ("مسيرة تستهدف سيارة وتقتل شخصين وتصيب ثلاثة", (2, 2, 3, 3, False)),
        ("القصف يقتل المدنيين كل يوم", (0, 0, 0, 0, False)),
        ("عشرات الجرحى في صفوف المدنيين", (0, 0, 20, 99, True)),
        ("ووصل إلى المستشفى عدد من الإصابات بينهم مدنيون", (0, 0, 2, 10, True)),
        ("استشهاد طفل بقصف جوي", (1, 1, 0, 0, True)),
        ("شهداء وجرحى جراء القصف", (2, 10, 2, 10, False)),
        ("أصيب عنصران من الأمن العام", (0, 0, 2, 2, False)),
        ("قتل أحد عشر شخصا", (11, 11, 0, 0, False)),
        ("استخدمت الأسلحة الرشاشة دون أنباء عن إصابات", (0, 0, 0, 0, False)),
        # a word that opens a new item with و takes the count after it, not the one before
        ("أدى القصف إلى مقتل شخصين وإصابة خمسة آخرين بجروح", (2, 2, 5, 5, False)),
        # "and others injured": more than one, not counted
        ("مقتل ثلاثة أشخاص وإصابة آخرين", (3, 3, 2, 10, False)),
        # two follows what it counts
        ("استشهاد مدنيين اثنين جراء القصف", (2, 2, 0, 0, True)),
    ],
)
def test_counts(lexicon, text, expected):
    assert counts(lexicon, text) == expected


def test_best_estimate_is_the_low_end(lexicon):
    folded = fold_text("سقوط عشرات القتلى").text
    fields = combine(find_casualties(folded, lexicon.cues.find(folded, overlapping=True), lexicon.numbers))
    assert (fields["fatalities"], fields["fatalities_low"], fields["fatalities_high"]) == (20, 20, 99)


def test_a_word_that_holds_a_casualty_verb_counts_no_one(lexicon):
    """قضية "a case" holds قضى "died" with a suffix; the dual قضيا is the verb."""
    assert counts(lexicon, "وتحدث الأهالي عن قضية النازحين في القضايا العالقة")[:2] == (0, 0)
    assert counts(lexicon, "شقيقان قضيا في قصف على الحي")[0] >= 1


def test_the_forces_are_no_verb_told_in_the_past(lexicon):
    """القوات ("the forces") read as ألقوا ("they threw") plus a suffix made every sentence naming forces
    look like a told attack to the specific-incident model."""
    folded = fold_text("وصلت القوات إلى البلدة").text
    assert not [m for m in lexicon.cues.find(folded, overlapping=True) if m.payload == "narrative.past"]
    # an advance is a battle's act (تقدمت), the forces after it still no verb
    folded = fold_text("تقدمت القوات نحو البلدة").text
    assert [m.phrase for m in lexicon.cues.find(folded, overlapping=True) if m.payload == "narrative.past"] == ["تقدمت"]
