"""Each expression tried only where its words stand (gazetteer.anchored) finds exactly what the expression
finds when tried at every character: on real reports of the dev corpora, our examples and hostile text."""

from __future__ import annotations

import copy
import json
import random
import re
from datetime import date

import pytest

from gazetteer.anchored import AnchoredPattern, PresentAlternatives, required_literal
from gazetteer.cue_mentions import _HEAD_RE, _HEADS_IN_TEXT
from gazetteer.normalize import fold_text
from geo_incidents.extraction import sites, specific
from geo_incidents.extraction.dates import _RARE_DIGIT, DateFinder
from geo_incidents.extraction.lexicon import Lexicon
from geo_incidents.text import noise, segment
from tests.conftest import REPO_ROOT


def _texts(shared_data) -> list[str]:
    texts = []
    for name in ("aleppo_video_titles.jsonl", "syrian_archive_passages.jsonl"):
        for line in (shared_data / "dev-corpus" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.append("\n\n".join(str(row.get(k) or "") for k in ("title", "description", "text")))
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO_ROOT / "examples" / "reports").glob("*.txt"))]
    rng = random.Random(11)
    pieces = ["http://x.sy/a", "www.x", "a@b.sy", "#حلب", "#حلب_نيوز", "AMC |", "حلب نيوز", "مركز حلب الإعلامي :",
              "+18", "ج 3", "جـ3", "حي", "وبحي", "،", ",", ":", "::", ".", "..", "3.5", " مع ", " في حين ", "\n",
              "2017", "12/3/2019",
              "١٢/٣/٢٠١٩", "१२-३-२०१९",
              "أمس", "يوم الثلاثاء", "مساء الأربعاء", "آذار", "5 آذار 2018", "مستشفى", "لمشفى", "ا", " ", "ـ"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40))) for _ in range(2000)]
    return texts + [fold_text(t).text for t in texts]


def _plain_dates(dates: DateFinder, text: str, published):
    """What DateFinder.find gave before its expressions were anchored (tried at every character)."""
    plain = copy.copy(dates)
    plain._anchors = _Everywhere()
    return plain.find(text, published)


class _Everywhere:
    """Every position of the text as a start for each of DateFinder's four expressions."""

    def starts(self, text: str) -> list[set[int]]:
        return [set(range(len(text) + 1)) for _ in range(4)]


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.fixture(scope="module")
def texts(shared_data):
    return _texts(shared_data)


def test_whole_text_patterns(texts):
    dates = DateFinder(Lexicon().dates)
    pairs = [(_HEAD_RE, _HEADS_IN_TEXT), (segment._SENTENCE_END, segment._SENTENCE_ENDS),
             (dates._numeric, dates._numerics),
             (dates._relative, dates._relatives), (dates._named, dates._named_dates),
             (sites._FACILITY, sites.FACILITIES), (specific._BARE_YEAR, specific._BARE_YEARS)]
    for text in texts:
        for plain, anchored in pairs:
            if anchored in (dates._numerics, dates._named_dates) and _RARE_DIGIT.search(text):
                continue  # DateFinder.find tries the expression everywhere then (checked below)
            assert _spans(anchored.finditer(text)) == _spans(plain.finditer(text)), (plain.pattern[:40], text)
        assert dates._month_names.occurs(text) or not dates._named.search(text)
        for published in (None, date(2019, 3, 14)):
            assert dates.find(text, published) == _plain_dates(dates, text, published)


def test_name_scanner_passes_over_joined_tokens(texts):
    """The name scanner's ``لل`` reading tried only before a ``لل``, and the cue tokens found by string
    search, are what a pass over every character and every token finds."""
    from gazetteer.matcher import _AFTER_LAM, _AFTER_LAM_AT, _CUE_TOKENS, _token_indexes
    from gazetteer.normalize import scan_tokens

    for text in [*texts, "للعراق وللقصر ولل فلل لل للل"]:
        tokens, spans = scan_tokens(text)
        joined = " ".join(tokens) + " "
        assert _spans(_AFTER_LAM_AT.finditer(joined)) == _spans(_AFTER_LAM.finditer(joined)), joined
        present = _CUE_TOKENS.intersection(tokens)
        assert _token_indexes(present, joined, spans.joined_starts(tokens)) == \
            [i for i, token in enumerate(tokens) if token in _CUE_TOKENS], joined
        assert spans.joined_starts(tokens) == [len(" ".join(tokens[:i] + [""])) for i in range(len(tokens))]


def test_phrase_matches_are_selected_as_one_match_per_entry_would_be(texts):
    """Selecting spans (one per automaton hit, their entries taken together) gives the matches that
    selecting one match per lexicon entry gives: the same matches in the same order."""
    from geo_incidents.text.phrases import PhraseMatch, _word_bounded

    def per_entry(matcher, text, overlapping):
        hits = []
        for last, (length, entries) in matcher._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if ((start and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())) \
                    and not _word_bounded(text, start, end, matcher.suffixes):
                continue
            hits += [PhraseMatch(start, end, phrase, payload) for phrase, payload in entries]
        if overlapping:
            return sorted(hits, key=lambda m: m.start)
        hits.sort(key=lambda m: (m.start - m.end, m.start))
        taken, spans, occupied = [], set(), bytearray(len(text))
        for hit in hits:
            if (hit.start, hit.end) in spans:
                taken.append(hit)
            elif occupied.find(1, hit.start, hit.end) == -1:
                spans.add((hit.start, hit.end))
                occupied[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
                taken.append(hit)
        return sorted(taken, key=lambda m: m.start)

    lexicon = Lexicon()
    for text in texts:
        for matcher, overlapping in ((lexicon.cues, True), (lexicon.actors, False), (lexicon.triggers, False)):
            assert matcher.find(text, overlapping=overlapping) == per_entry(matcher, text, overlapping), text


def test_clause_breaks_within_a_sentence(texts):
    rng = random.Random(5)
    for text in texts:
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert _spans(segment._CLAUSE_BREAKS.finditer(text, start, end)) == \
            _spans(segment._CLAUSE_BREAK.finditer(text, start, end))
        # a sentence's clauses cut at the starts found in one pass over the whole text
        whole_text = sorted(segment._BREAKS.starts(text)[1])
        assert segment._clauses(text, start, end, whole_text) == segment._clauses(text, start, end)
    for text in texts:
        plain = []
        pos = 0
        for match in segment._SENTENCE_END.finditer(text + "\n"):
            segment._add(plain, text, pos, match.start(), 0)  # as split_sentences cut them before
            pos = match.end()
        sentences = segment.split_sentences(text)
        assert [(s.start, s.end) for s in sentences] == [(s.start, s.end) for s in plain], text
        assert [s.clauses for s in sentences] == [segment._clauses(text, s.start, s.end) for s in sentences], text


def test_anchored_pattern_basics():
    pattern = AnchoredPattern(re.compile(r"(?<!\w)[وف]?(?:حي|حيث)(?!\w)"), ["حي"], lead=1)
    text = "وحي الصاخور حيث فحي صحي"
    assert _spans(pattern.finditer(text)) == _spans(pattern.pattern.finditer(text)) == [
        (0, 3, "وحي"), (12, 15, "حيث"), (16, 19, "فحي")]
    assert pattern.occurs(text) and not pattern.occurs("حلب")
    assert pattern.search("قرب حي") .span() == (4, 6)
    with pytest.raises(ValueError):
        AnchoredPattern(r"x", [""])


def test_noise_patterns_searched_only_where_their_words_stand(texts):
    lexicon = Lexicon()
    patterns = lexicon.noise._patterns
    assert isinstance(patterns, PresentAlternatives)
    plain = re.compile("|".join(f"(?:{p})" for p in patterns.patterns), re.MULTILINE)
    for text in texts:
        chosen = patterns.for_text(text)
        assert _spans(chosen.finditer(text) if chosen else ()) == _spans(plain.finditer(text)), text
        assert lexicon.noise.clean(text) == plain.sub(noise._blank, lexicon.noise._line.sub(noise._blank, text))


def test_the_episode_pattern_matches_as_written_with_the_word_start_first(texts):
    """noise.toml writes ``\\bج\\s?\\d\\b`` letter first (``re`` then scans for the letter): the same matches."""
    written = re.compile(r"ج(?<=\bج)\s?\d\b", re.MULTILINE)
    assert written.pattern in Lexicon().noise._patterns.patterns
    plain = re.compile(r"\bج\s?\d\b", re.MULTILINE)
    for text in [*texts, "ج5 xج5 _ج5 ،ج 5 جج7 ج5x ج 55 \nج2"]:
        assert _spans(written.finditer(text)) == _spans(plain.finditer(text)), text


def test_present_alternatives_merge_the_matches_of_each_alternative_as_the_alternation_does():
    """Overlapping alternatives, one start shared by two, ``^`` and a look-behind after the last match
    taken; a pattern that can match the empty string sends the text through the alternation itself."""
    patterns = ["ab+", "a", "(?<=b)c+", "^x", r"b\d", "cx"]
    rng = random.Random(3)
    for chosen in (patterns, [*patterns, "z*"]):
        alternatives = PresentAlternatives(chosen, re.MULTILINE)
        plain = re.compile("|".join(f"(?:{p})" for p in chosen), re.MULTILINE)
        for _ in range(2000):
            text = "".join(rng.choice("abcx1\nz") for _ in range(rng.randrange(0, 30)))
            assert _spans(alternatives.finditer(text)) == _spans(plain.finditer(text)), (chosen, text)


def test_required_literal():
    assert required_literal(r"https?://\S+") == "http"
    assert required_literal(r"(?<![^\s@])[^\s@]++@[^\s@]+\.\w+") == "@"
    assert required_literal(r"^\s*(?:A|H)\s*\|+") == "|"
    assert required_literal(r"(?:شبكة\s+)?حلب\s+نيوز") == "نيوز"
    assert required_literal(r"abx|aby") == "ab"
    for none in (r"a|b", r"(?i)abc", r"\d+", r"(?:ab)?", "[", r"x*"):
        assert required_literal(none) is None


def test_lexicons_in_one_pass(texts):
    """Cue words, actors and triggers found in one automaton pass are what each lexicon finds alone; with
    the literals of the sentence and date expressions in the same pass (the extractor's), the same
    matches, and the starts each group of expressions finds in a pass of its own."""
    from gazetteer.anchored import AnchoredGroup

    lexicon = Lexicon()
    dates = DateFinder(lexicon.dates)
    anchored = [*segment.ANCHORED, *dates.anchored]
    one_pass = lexicon.phrase_pass(anchored)
    for text in texts:
        cues, actors, triggers = lexicon.find_phrases(text)
        assert cues == lexicon.cues.find(text, overlapping=True), text
        assert actors == lexicon.actors.find(text), text
        assert triggers == lexicon.triggers.find(text), text
        phrases, starts = one_pass.scan(text, Lexicon.OVERLAPPING)
        assert phrases == [cues, actors, triggers], text
        assert starts == AnchoredGroup(list(segment.ANCHORED)).starts(text) + dates._anchors.starts(text), text
        assert [(s.start, s.end, s.paragraph, s.clauses) for s in segment.split_sentences(text, starts[:2])] == \
            [(s.start, s.end, s.paragraph, s.clauses) for s in segment.split_sentences(text)], text


def test_fold_keeps_what_a_plain_translation_keeps(texts):
    """The folded text is the normaliser's table applied character by character, and the original
    offset of each character kept is that of the characters the table does not delete."""
    from gazetteer.normalize import _TEXT_TABLE

    for text in [*texts, "ـ", "حَلَب", "ـحلبـ", "\u200fحلب\u200f", "«قصفٌ» – ١٢\u00a0جريحاً"]:
        kept = [i for i, char in enumerate(text) if char.translate(_TEXT_TABLE)]
        folded_text = fold_text(text)
        assert folded_text.text == text.translate(_TEXT_TABLE), text
        assert folded_text.origin == (kept if len(kept) < len(text) else None), text


def test_refinement_words_in_one_search(texts):
    """A rule's context words found by one expression where a search word by word finds one: the word
    after a space, with nothing or a clitic or article glued before it."""
    from geo_incidents.extraction.events import _GLUED, _has_any_word

    def has_word(padded: str, word: str) -> bool:
        pos = padded.find(word)
        while pos != -1:
            left = padded.rfind(" ", 0, pos) + 1
            if padded[left:pos] in _GLUED:
                return True
            pos = padded.find(word, pos + 1)
        return False

    rules = Lexicon().refinements
    word_lists = [rule.context for rule in rules] + [rule.unless for rule in rules] + [("ال", "لل", "ب", "حلب")]
    for text in [*texts, "بلبراميل", "والجوي", "ببالطيران", "الطيران", "طيران"]:
        padded = f" {text} "
        for words in word_lists:
            assert _has_any_word(padded, words) == any(has_word(padded, w) for w in words), (words, text)


def test_to_hospital_is_tried_only_before_hospital_words(texts):
    """The spans of "إلى مستشفى" found by trying the expression only before each hospital word are
    finditer's, and one lies inside a stretch exactly when a search of that stretch finds one."""
    from geo_incidents.extraction.places import TO_HOSPITAL, _span_within, to_hospital_spans

    rng = random.Random(5)
    pieces = ["الي", "والي", "ل", "لل", "و", " ", "  ", "\n", "ال", "مستشفي", "مشفي", "مستوصف", "نقطه طبيه",
              "نقطه", "طبيه", "ا", "ب", "x", "،"]
    hostile = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14))) for _ in range(3000)]
    for text in [*texts, *hostile]:
        spans = to_hospital_spans(text)
        assert spans == [m.span() for m in TO_HOSPITAL.finditer(text)], text
        for _ in range(3):
            low = rng.randrange(len(text) + 1)
            high = rng.randrange(low, len(text) + 1)
            assert _span_within(spans, low, high) == bool(TO_HOSPITAL.search(text, low, high)), (text, low, high)


def test_signal_expressions_in_the_extractors_pass(texts):
    """The bare-year and relative-period expressions of the specific-incident signals, tried at the starts
    the extractor's one automaton pass finds for them, match as each expression tried everywhere."""
    from geo_incidents.extraction import Extractor

    text_pass = Extractor(None)._text_pass
    for text in texts:
        _, starts = text_pass.scan(text, Lexicon.OVERLAPPING)
        for anchored, at in zip(specific.ANCHORED, starts[-len(specific.ANCHORED):], strict=True):
            assert _spans(anchored.matches_at(text, at)) == _spans(anchored.pattern.finditer(text)), text
