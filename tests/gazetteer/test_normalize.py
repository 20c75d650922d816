"""Arabic normalisation, tokenisation with offsets, and clitic readings."""

from __future__ import annotations

import pytest

from gazetteer import normalize, normalize_name, normalize_with_offsets
from gazetteer.normalize import clitic_readings, tokenize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الأشرفيّة", "الاشرفيه"),  # hamza alef, shadda, ta marbuta
        ("إدلب", "ادلب"),
        ("آمنة", "امنه"),
        ("ٱلقدس", "القدس"),
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("حلـــب", "حلب"),  # tatweel
        ("حَلَبُ", "حلب"),  # harakat
        ("\u200fحلب\u200e", "حلب"),  # direction marks
        ("\u061cحلب\u202b", "حلب"),
        ("١٠ مارس ۲۰۲۵", "10 مارس 2025"),  # Arabic-Indic and Persian digits
        ("«حلب» “دمشق”", '"حلب" "دمشق"'),
        ("حلب – غازي عنتاب", "حلب - غازي عنتاب"),
        ("حلب — غازي‒عنتاب", "حلب - غازي-عنتاب"),
        ("  Aleppo   City ", "aleppo city"),
        ("", ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_pyarabic_pitfall_alef_maqsura_is_not_alef():
    assert normalize("على") == "علي"
    assert normalize("ى") != "ا"


def test_normalize_name_turns_punctuation_into_single_spaces():
    assert normalize_name("طريق حلب – غازي عنتاب") == "طريق حلب غازي عنتاب"
    assert normalize_name("الراموسة/ المنطقة_الصناعية") == "الراموسه المنطقه الصناعيه"


def test_normalize_with_offsets_maps_back_to_the_original():
    text = "في  حَلَبَ\u200f «الشهباء»"
    out, offsets = normalize_with_offsets(text)
    assert out == normalize(text)
    assert len(offsets) == len(out)
    start = out.index("حلب")
    assert text[offsets[start]] == "ح"
    assert text[offsets[start + 2]] == "ب"


def test_tokenize_spans_slice_the_original_text():
    text = "«اشتباكاتٌ» في حيِّ الأشرفية\u200f، ودواري شيحان😀حلب"
    tokens, spans = tokenize(text)
    assert tokens == ["اشتباكات", "في", "حي", "الاشرفيه", "ودواري", "شيحان", "حلب"]
    assert [normalize(text[a:b]) for a, b in spans] == tokens
    assert text[spans[3][0]:spans[3][1]].startswith("الأشرفية")


def test_tokenize_keeps_ascii_words_and_digits_lower_cased():
    text = "طريق M4 عند ١٠ «Aleppo»"
    tokens, spans = tokenize(text)
    assert tokens == ["طريق", "m4", "عند", "10", "aleppo"]
    assert text[spans[1][0]:spans[1][1]] == "M4"
    assert tokenize("") == ([], [])
    assert tokenize("«» — … !") == ([], [])


def test_clitic_readings():
    assert ("ب", "حلب") in list(clitic_readings("بحلب"))
    assert ("و", "الليرمون") in list(clitic_readings("والليرمون"))
    assert ("ل", "الاشرفيه") in list(clitic_readings("للاشرفيه"))  # ل + article with its alef dropped
    assert list(clitic_readings("حلب")) == [("", "حلب")]  # stem would be shorter than 3 letters


def _read_tokens_one_character_at_a_time(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    import unicodedata

    from gazetteer.normalize import _SCAN_TABLE

    tokens, spans, current, start, end = [], [], "", 0, 0
    for index, char in enumerate(text):
        mapped = char.translate(_SCAN_TABLE) if ord(char) < 0x10000 else " "
        if mapped == "":  # a deleted mark: part of the token it follows, unless invisible and last
            if current and unicodedata.category(char) != "Cf":
                end = index + 1
            continue
        if mapped == " ":
            if current:
                tokens.append(current)
                spans.append((start, end))
            current = ""
        else:
            if not current:
                start = index
            current += mapped
            end = index + 1
    if current:
        tokens.append(current)
        spans.append((start, end))
    return tokens, spans


_SCAN_ALPHABET = list("حلبالأشرفيةدوارشيحان ،.\n\t-") + ["\u064e", "\u0640", "\u200f", "\ufeff", "😀", "x", "7", "٣"]


def test_scan_tokens_offsets_match_a_character_by_character_reading():
    """Tokens and their offsets (an end past the token's trailing marks, but not past invisible format
    marks that close it) agree with a plain reading of the text a character at a time, with harakat,
    tatweel, direction marks and astral characters."""
    import random

    from gazetteer.normalize import scan_tokens

    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice(_SCAN_ALPHABET) for _ in range(rng.randrange(0, 120)))
        tokens, spans = scan_tokens(text)
        assert (tokens, spans.as_list()) == _read_tokens_one_character_at_a_time(text), text


def test_long_texts_are_scanned_on_arrays_with_the_same_tokens_and_offsets():
    """Long texts are read through numpy arrays (``_scan_long``): the same tokens and offsets as the
    reading a character at a time, at any length, with format marks and a lone surrogate too."""
    import random

    from gazetteer.normalize import _NUMPY_SCAN_FROM, _scan_long, scan_tokens

    rng = random.Random(11)
    alphabet = [*_SCAN_ALPHABET, "\u2066", "\u2069", "\ud800", "X", "\x1c"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 2 * _NUMPY_SCAN_FROM)))
        tokens, spans = _scan_long(text)
        assert (tokens, spans.as_list()) == _read_tokens_one_character_at_a_time(text), text
    text = "قصفٌ على حلبَ\u200f، و😀 دوار \u2066شيحان\u2069 " * 40
    tokens, spans = scan_tokens(text)
    assert len(text) >= _NUMPY_SCAN_FROM
    assert (tokens, spans.as_list()) == _read_tokens_one_character_at_a_time(text)
    assert [text[s:e] for s, e in spans.as_list()[:6]] == ["قصفٌ", "على", "حلبَ", "و", "دوار", "شيحان"]


def test_a_token_ends_before_an_invisible_format_mark():
    from gazetteer.normalize import scan_tokens

    text = "زيارة إلى \u2066إيطاليا\u2069 اليوم والرَّس\u2069"
    tokens, spans = scan_tokens(text)
    assert [text[s:e] for s, e in spans.as_list()] == ["زيارة", "إلى", "إيطاليا", "اليوم", "والرَّس"]


def test_fold_text_is_normalize_with_case_and_spacing_kept():
    """One normaliser: running text folded for extraction reads as names and phrases do, and each
    kept character maps back to its place in the original."""
    from gazetteer.normalize import fold_phrase, fold_text

    for text in ["قصفٌ على حيّ الأشرفية، ١٢ جريحاً\u200f", "«طريق حلب – غازي عنتاب»\u00a0M4", "ـحلبـ", "", "أإآى ة ؤئ"]:
        folded = fold_text(text)
        assert " ".join(folded.text.split()).lower() == normalize(text), text
        assert fold_phrase(text) == " ".join(folded.text.split()), text
        assert len(folded.text) == len(folded.origin or text)
        for i, char in enumerate(folded.text):
            start, end = folded.to_original(i, i + 1)
            assert normalize(text[start:end]) in (char.lower(), ""), (text, i)
