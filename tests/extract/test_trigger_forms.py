"""An entry's forms checked against frequent words (``[other_words]`` in ``lexicons/triggers.toml``).

A trigger phrase is also found with a suffix glued on, and some such forms spell another word
(مدافع "cannons" + ين: المدافعين "the defenders"; قطع "cut" + ة: قطعة "a piece").  Every frequent form is
reviewed once: another word is never read as the entry, the entry's own form stays."""

from __future__ import annotations

import tomllib

import pytest

from gazetteer.frequency import word_zipf
from gazetteer.normalize import fold_phrase
from geo_incidents.extraction.lexicon import DEFAULT_DIR, Lexicon
from geo_incidents.text.phrases import SUFFIXES

#: how common a form must be to need a review (Zipf: once in about two million words)
FREQUENT = 3.3


def _listed() -> tuple[set[str], set[str]]:
    section = tomllib.loads((DEFAULT_DIR / "triggers.toml").read_text(encoding="utf-8"))["other_words"]
    return {fold_phrase(w) for w in section["words"]}, {fold_phrase(w) for w in section["checked"]}


def test_every_frequent_suffixed_form_of_an_entry_is_reviewed():
    other, checked = _listed()
    table = Lexicon().triggers.table
    unreviewed = []
    for word in sorted(k for k in table if " " not in k):
        for suffix in sorted(SUFFIXES - {""}):
            form = word + suffix
            if form in table:
                continue
            zipf = max(word_zipf(form), 0.0 if form.startswith("ال") else word_zipf("ال" + form))
            if zipf >= FREQUENT and form not in other | checked:
                unreviewed.append(f"{form} ({word} + {suffix}, {zipf})")
    assert not unreviewed, "review these forms in [other_words] of triggers.toml: " + ", ".join(unreviewed)


def test_no_form_is_both_another_word_and_the_entrys_own():
    other, checked = _listed()
    assert not other & checked



@pytest.mark.parametrize("text", [
    "كرّمت نقابة المحامين في مدينة حلب المدافعين عن حقوق المعتقلين.",
    "وزع متطوعون قطعة أرض على عائلات نازحة قرب طريق حلب دمشق.",
    "أكد رئيس التحرير أن السياسة التحريرية للصحيفة لم تتغير.",
])
def test_another_word_spelled_by_an_entry_and_a_suffix_is_no_trigger(unplaced, article, text):
    assert unplaced.extract(article("", text)) == []


@pytest.mark.parametrize("text, sub_event_type", [
    ("قصفت مدافع قوات النظام بلدة كفرنبل صباح اليوم.", "Shelling/artillery/missile attack"),
    ("قطع مسلحون طريق حلب دمشق الدولي صباح اليوم.", "closed"),
])
def test_the_entry_itself_is_still_read(unplaced, article, text, sub_event_type):
    assert sub_event_type in [i.sub_event_type for i in unplaced.extract(article("", text))]
