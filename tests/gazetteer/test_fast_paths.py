"""The shortcuts taken for speed give what the general code gives."""

from __future__ import annotations

import math
import pickle
import random
from types import SimpleNamespace

from shapely.geometry import Point, Polygon

import gazetteer.resolve as resolve
from gazetteer import Kind, Place
from gazetteer.matcher import NameHit


def _place(i: int, lat: float, lon: float, kind: Kind = Kind.TOWN) -> Place:
    return Place(id=f"t:{i}", name_ar=f"مكان{i}", kind=kind, geometry=Point(lon, lat), country_code="SY")


def test_name_hit_pickles_to_an_equal_hit():
    hit = NameHit("حلب", (3, 7), cue_only=False, stop=True, zipf=3.5, zipf_toggled=1.25)
    assert pickle.loads(pickle.dumps(hit, protocol=pickle.HIGHEST_PROTOCOL)) == hit


def test_few_anchors_nearest_equals_the_array_computation(monkeypatch):
    """A short text's context (a few places, plain floats) finds the same nearest place at the same
    distance as a long text's (numpy arrays), names excluded as they are."""
    rng = random.Random(3)
    for trial in range(40):
        places = [_place(i, rng.uniform(32, 37), rng.uniform(35, 42)) for i in range(rng.randrange(1, 9))]
        if trial % 5 == 0:  # ties: two anchors at the same spot
            places.append(_place(99, places[0].lat, places[0].lon))
        anchors = [(SimpleNamespace(name=rng.choice(["حلب", "ادلب", "حماه"])), p) for p in places]
        queries = [*places, _place(500, rng.uniform(32, 37), rng.uniform(35, 42))]
        monkeypatch.setattr(resolve, "FEW_ANCHORS", 1000)
        few = resolve._Context(anchors)
        monkeypatch.setattr(resolve, "FEW_ANCHORS", 0)
        many = resolve._Context(anchors)
        assert few._rows is not None and many._rows is None
        for query in queries:
            for name in ("حلب", "ادلب", "حماه", "غيره"):
                got, want = few.nearest(query, name), many.nearest(query, name)
                assert got[1] is want[1]
                assert math.isclose(got[0], want[0], rel_tol=1e-12) or got[0] == want[0] == math.inf


def test_radians_of_a_polygon_is_its_representative_point():
    square = Polygon([(36, 35), (37, 35), (37, 36), (36, 36)])
    place = Place(id="t:area", name_ar="منطقه", kind=Kind.DISTRICT, geometry=square)
    lat, lon = resolve.radians_of(place)
    assert (lat, lon) == (math.radians(place.lat), math.radians(place.lon))
    assert resolve.radians_of(place) == (lat, lon)


def test_short_name_table_normalises_as_the_regular_expressions_do():
    """:func:`normalize_name`'s table of characters (what a miss of its memo costs) gives the same string
    as its three regular-expression passes for every character of the Basic Multilingual Plane and some
    beyond, alone, between letters and among spaces and punctuation: final sigma and the like included."""
    from gazetteer.normalize import _normalize_name, _normalize_short

    astral = ["\U0001f600", "\U00010400", "\U0001d400", "\U00020000"]
    for char in [*map(chr, range(0x10000)), *astral]:
        if 0xD800 <= ord(char) <= 0xDFFF:
            continue  # lone surrogates are no text
        for text in (char, f"حلب{char}", f"ا{char}ب", f" {char}  -{char}_x", f"Σ{char}", f"{char}Σ ال"):
            assert _normalize_short(text) == _normalize_name(text), (hex(ord(char)), text)
    for text in ("ΣΑΣ", "ΑΣ Β", "İstanbul", "حلب – غازي عنتاب", "  الأشرفيّة\u200f ", "#سيول_الأردن", ""):
        assert _normalize_short(text) == _normalize_name(text)


def test_direction_forms_are_the_tokens_read_as_direction_nouns():
    """The set that spares most names the clitic reading before them holds exactly the tokens
    ``_strip_clitic`` reads as a direction noun, among the nouns, cue words and any letters glued on."""
    from gazetteer.matcher import _DIRECTION_FORMS, CUES, DIRECTION_NOUNS, _strip_clitic

    words = [*DIRECTION_NOUNS, *CUES, "حلب", "شما", "الشمال"]
    tokens = {f"{a}{b}{w}" for a in ("", "و", "ف", "ب", "ل", "ك") for b in ("", "و", "ف", "ب", "ل") for w in words}
    for token in tokens:
        assert (token in _DIRECTION_FORMS) == (_strip_clitic(token) in DIRECTION_NOUNS), token


def test_media_word_test_reads_as_the_regular_expression_did():
    """The string tests of ``ends_with_media_word`` give what the expression they replace gave on
    normalised words (a free prefix, then a media word or التوقيت المحلي, at the end)."""
    import itertools
    import re

    expression = re.compile(r"(?:^|\s)\S*(?:توقيت(?:\s+(?:ال)?محلي)?|قناه|شبكه|وكاله|اذاعه|راديو|تلفزيون|صحيفه"
                            r"|جريده|مجله)$")
    words = ["", "حلب", "محلي", "المحلي", "والمحلي", "محليه", "ب", "و", "ال", *resolve.MEDIA_WORDS,
             *(f"{prefix}{word}" for prefix in ("ب", "بال", "ال", "و", "x") for word in resolve.MEDIA_WORDS),
             *(f"{word}ه" for word in resolve.MEDIA_WORDS), "توقيتمحلي", "قناهحلب"]
    for count in (1, 2, 3):
        for combination in itertools.product(words, repeat=count):
            text = " ".join(word for word in combination if word)
            if text:
                assert resolve.ends_with_media_word(text) == (expression.search(text) is not None), text


def test_letters_and_spaces_reads_as_the_test_of_each_character():
    """``letters_and_spaces`` (what may stand between a name and the place named after it) gives what
    testing each character for a letter or a space gave, for every character of the Basic Multilingual
    Plane alone, between letters and between spaces."""
    def plain(gap: str) -> bool:
        return not any(not (ch.isalpha() or ch.isspace()) for ch in gap)

    assert resolve.letters_and_spaces("") and plain("")
    for code in range(0x10000):
        ch = chr(code)
        for gap in (ch, f" {ch} ", f"في{ch}", f"{ch}{ch}ب"):
            assert resolve.letters_and_spaces(gap) == plain(gap), hex(code)


def test_name_rows_give_back_each_row_before_and_after_pickling():
    """The names' rows kept as columns (:class:`NameRows`) give back the tuples they were made of."""
    from gazetteer.matcher import NameRows

    rows = [("حلب", (3, 7), False, True, 3.5, 1.25), ("دوار شيحان", (), True, False, 0.0, 0.0),
            ("حماه", (12,), False, False, 2.0, 2.5), ("ادلب", (2**40, 5, 6), True, True, 0.1, 7.0)]
    columns = NameRows(rows)
    again = pickle.loads(pickle.dumps(columns, protocol=pickle.HIGHEST_PROTOCOL))
    for table in (columns, again):
        assert len(table) == len(rows)
        assert [table[i] for i in range(len(rows))] == rows
        assert all(type(a) is type(b) for i in range(len(rows)) for a, b in zip(table[i], rows[i], strict=True))


def test_a_name_after_no_media_token_is_no_channel_or_time_zone():
    """``after_media_token`` on the scanner's tokens is false only where ``_not_a_site`` is false at the
    token's start: the scanner's table and the names' normaliser read every character that makes a
    media word's letter alike and delete the same marks (every character checked), and on texts with
    the words written with marks, tatweel, ة, punctuation, other scripts and digits the two agree."""
    from gazetteer.normalize import _NAME_CHARS, _SCAN_TABLE, scan_tokens

    letters = set("".join(resolve.MEDIA_WORDS) + "محلي")
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        try:
            name = chr(code).translate(_NAME_CHARS)
        except Exception:  # a character without a case of its own: not an Arabic letter
            continue
        scanned = chr(code).translate(_SCAN_TABLE)
        assert name != "" or scanned == "", hex(code)
        assert not set(name) & letters or scanned == name, hex(code)
        if name == " ":  # the normaliser splits words here: so does the scanner
            assert scanned == " ", hex(code)
    texts = ["قصف على حلب", "بتوقيت دمشق", "بِتَوْقِيتِ دمشق", "قناة حلب اليوم", "قنـاة حلب", "قناه: حلب",
             "على شبكة حلب نيوز", "بالتوقيت المحلي لدمشق", "التوقيت  المحلّي، دمشق", "وكالة سانا في دمشق",
             "إذاعة دمشق", "تلفزيون حلب", "قن\u200fاة حلب", "<b>قناة</b> حلب", "قصف مدينة حلب وريف ادلب",
             "في الجريدة: حلب", "قناةЖ حلب", "Жقناة حلب", "قناة 24 حلب", "قناة_حلب", "قناةحلب", "والقناة\u064e حلب",
             "صحيفة «حلب»", "مجلة (حلب)", "راديو-حلب", "بتوقيت\nدمشق"]
    for text in texts:
        tokens, offsets = scan_tokens(text)
        for first in range(len(tokens)):
            if not resolve.after_media_token(tokens, first):
                assert not resolve._not_a_site(text, offsets.starts[first]), (text, first)
        assert any(resolve._not_a_site(text, start) for start in offsets.starts) <= \
            any(resolve.after_media_token(tokens, first) for first in range(len(tokens)))


def test_the_words_before_a_name_read_by_resolve_are_the_telling_words():
    """Every word for which one of the tests of the word before a name holds is among ``_TELLING_WORDS``
    (the one lookup that spares a name the five tests)."""
    words = {*resolve.PERSON_MARKERS, *resolve.PERSON_TITLES, *resolve.DEMONSTRATIVES, *resolve.TOPONYM_HEADS,
             *(f"{c}{w}" for c in ("", "و", "ب", "ف", "ل", "ك", "وب") for w in resolve.FRONT_WORDS), "حلب", ""}
    for word in words:
        telling = word in resolve.PERSON_MARKERS or word in resolve.PERSON_TITLES or \
            word in resolve.DEMONSTRATIVES or word in resolve.TOPONYM_HEADS or resolve._front_word(word)
        assert not telling or word in resolve._TELLING_WORDS, word


def _plain_window_breaks(word: str, previous: str, count: int, article: bool, area_head: bool) -> bool:
    """The tests :func:`gazetteer.cue_mentions.cue_phrases` made of each word of a name window, word by word
    (the gap before the word a single space)."""
    from gazetteer import cue_mentions as cm

    if count >= cm.MAX_NAME_WORDS or not cm._ARABIC_WORD.match(word) or word in cm.STOP_WORDS:
        return True
    if count and not (word.startswith(("ال", "لل")) or previous in cm.TITLE_WORDS or previous in cm.TOPONYM_HEADS
                      or word.startswith(("عبد", "ابو", "ابن", "بن"))):
        return True
    if article and count == 0 and not word.startswith("ال"):
        return True
    return bool(count == 0 and ((word.startswith("و") and not word.startswith("وادي")) or word.startswith(("لل", "بال"))
                                or cm._head_of(word) and not (area_head and word in cm.LANDFORM_HEADS
                                                              or word == "كورنيش")))


def test_name_window_words_read_once_break_where_the_tests_of_each_word_did():
    """A cue phrase's name window reads each word as written through one memo (:func:`_name_word`); its flags
    stop the name where the plain tests of the word's normal form did, for heads, landforms, clitics, stop
    words, titles, toponyms' heads, words with and without the article and words of other scripts."""
    from gazetteer import cue_mentions as cm

    stems = [*cm.HEADS, *cm.STOP_WORDS, *cm.TITLE_WORDS, *resolve.TOPONYM_HEADS, *cm.LANDFORM_HEADS, "كورنيش",
             "مستشفى", "مدرسة", "ساحة", "الوادي", "وادي", "عبدالله", "ابو", "ابن", "بن", "حلب", "الشيخ", "للأطفال",
             "بالمدينة", "إدلب", "الكويت", "ناصر", "Aleppo", "2020", "شارع٢", "جَامِع"]
    written = {f"{clitic}{stem}" for clitic in ("", "و", "ال", "لل", "بال", "ب", "ف") for stem in stems}
    previous_words = ["", "الملك", "خان", "حلب", "الشيخ", "مستشفي"]
    for form in sorted(written):
        word, ends_name, goes_on, with_article, leads, opens_first = cm._name_word(form)
        assert word == cm.normalize_name(form)
        assert leads == (word in cm.TITLE_WORDS or word in resolve.TOPONYM_HEADS)
        for count in range(cm.MAX_NAME_WORDS + 1):
            for previous in previous_words:
                previous_leads = previous in cm.TITLE_WORDS or previous in resolve.TOPONYM_HEADS
                for article in (False, True):
                    for area_head in (False, True):
                        fast = count >= cm.MAX_NAME_WORDS or ends_name or \
                            bool(count and not (goes_on or previous_leads)) or \
                            (count == 0 and (article and not with_article or opens_first is not True and (
                                opens_first is False or not area_head)))
                        assert fast == _plain_window_breaks(word, previous, count, article, area_head), \
                            (form, previous, count, article, area_head)


def test_head_as_written_is_the_head_of_its_normal_form():
    from gazetteer import cue_mentions as cm

    for written in ("مستشفى", "بمستشفى", "وللمدرسة", "حي", "وحي", "فبساحة", "كورنيش", "مدرسه"):
        assert cm._head_as_written(written, False) == cm._head_of(cm.normalize_name(written))
    for written in ("المستشفى", "بالمستشفى", "والسجن", "وبالطريق"):
        word = cm.normalize_name(written)
        assert cm._head_as_written(written, True) == (word[word.index("ال") + 2:], 0)
