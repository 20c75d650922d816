"""Arabic normalisation shared by the index and the text scanner.

Names and text must be normalised by the same function or nothing matches. Everything here is
a character table applied with ``str.translate`` (C speed), so a 10 MB text costs one pass.
The mapping is one character to at most one character: letters map to letters, ignorable marks
(diacritics, tatweel, direction marks) are deleted, so offsets can be mapped back to the
original text by counting deletions (:func:`normalize_with_offsets`, :func:`tokenize`). Extraction reads
running text through :func:`fold_text`, the same table with case and spacing kept, so names, lexicon
phrases and text fold alike.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from gazetteer.char_map import CharMap

if TYPE_CHECKING:
    import numpy as np

#: The short vowels, tanween, shadda and sukun written over a letter, and the three of tanween.
HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0653))
TANWEEN = frozenset("\u064b\u064c\u064d")
#: Marks that carry no identity for a name: harakat, superscript alef, tatweel, Quranic marks,
#: and the invisible direction / joiner marks that news sites scatter through text.
_IGNORABLE = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

_LETTER_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ٵ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و", "ۄ": "و",
    "ک": "ك", "ڪ": "ك",
}

_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_QUOTES = "«»“”„‟\"‹›"

#: Table for :func:`normalize` and :func:`fold_text`: keeps punctuation but unifies dashes and quotes,
#: the Arabic decimal separator and the no-break space; one character for one, or none for a mark.
_TEXT_TABLE = str.maketrans(
    {**{c: None for c in _IGNORABLE}, **_LETTER_MAP, **_DIGITS, **{c: "-" for c in _DASHES},
     **{c: '"' for c in _QUOTES}, "\u066b": ".", "\u00a0": " "}
)

_ARABIC_LETTER_RANGES = [(0x0621, 0x063A), (0x0641, 0x064A), (0x0671, 0x06D3), (0x06D5, 0x06D5),
                         (0x06EE, 0x06EF), (0x06FA, 0x06FC), (0x06FF, 0x06FF)]


def _is_letter_code(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in _ARABIC_LETTER_RANGES)


def _build_scan_table() -> list[str | None]:
    """Table for scanning running text: Arabic letters kept (normalised), ASCII letters (lower
    case) and digits kept, ignorables deleted, every other character of the Basic Multilingual
    Plane becomes a space.

    A list indexed by code point (``str.translate`` accepts any sequence); built from the letter
    ranges, not by visiting all 65,536 code points, to keep ``import gazetteer`` quick."""
    table: list[str | None] = [" "] * 0x10000
    for lo, hi in _ARABIC_LETTER_RANGES:
        table[lo:hi + 1] = [chr(code) for code in range(lo, hi + 1)]
    for source, target in _LETTER_MAP.items():
        table[ord(source)] = target
    for char in _IGNORABLE:
        table[ord(char)] = None
    for code in range(ord("a"), ord("z") + 1):  # Latin letters and digits stay (the M4 road);
        table[code] = chr(code)  # no Latin-only name is ever a key, so Latin text finds nothing
        table[code - 32] = chr(code)
    for code in range(10):
        table[ord("0") + code] = table[0x0660 + code] = table[0x06F0 + code] = str(code)
    return table


_SCAN_TABLE = _build_scan_table()
#: :data:`_TEXT_TABLE` applied at memory speed (``str.translate`` costs 50 ns a character of Arabic)
_TEXT_MAP = CharMap(_TEXT_TABLE)
_IGNORABLE_RE = re.compile("[" + "".join(_IGNORABLE) + "]")
_IGNORABLE_RUN_RE = re.compile(_IGNORABLE_RE.pattern + "+")
#: :data:`_TEXT_TABLE` without its deletions: :func:`fold_text` deletes the marks while it counts them.
_FOLD_MAP = CharMap({code: value for code, value in _TEXT_TABLE.items() if value is not None})
#: The invisible format marks among them (direction marks and isolates, joiners, zero-width space, BOM).
_FORMAT_CHARS = frozenset(c for c in _IGNORABLE if unicodedata.category(c) == "Cf")
_FORMAT_RE = re.compile("[" + "".join(sorted(_FORMAT_CHARS)) + "]")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_SPACE_RE = re.compile(r"\s+")
_NAME_PUNCT_RE = re.compile(r"[^\w]+|_")
_ARABIC_RE = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")



def normalize(text: str) -> str:
    """Normalise Arabic for comparison: no diacritics or tatweel, one alef, ى→ي, ة→ه,
    Western digits, ``-`` for every dash, ``"`` for every quote, no direction marks, Latin
    lower-cased, whitespace collapsed."""
    if not text:
        return ""
    return _SPACE_RE.sub(" ", _TEXT_MAP.translate(text)).strip().lower()


def normalize_name(name: str) -> str:
    """Normalise a place name into an index key: :func:`normalize`, then punctuation, dashes,
    quotes and underscores become single spaces (``حلب – غازي عنتاب`` → ``حلب غازي عنتاب``).
    Short strings (words, names, the few words before a name) are memoised: text asks for the
    same ones again and again, and three regular-expression passes cost more than a lookup."""
    if len(name) <= _MEMO_MAX_CHARS:
        return _normalize_short_name(name)
    return _normalize_name(name)


#: Strings up to this length go through the memo of :func:`normalize_name` (bounded by count, so by size).
_MEMO_MAX_CHARS = 48


def _normalize_name(name: str) -> str:
    return _SPACE_RE.sub(" ", _NAME_PUNCT_RE.sub(" ", normalize(name))).strip()


class _ContextualCase(Exception):
    """A character whose lower case is not one character of its own (Σ, İ): :func:`normalize_name`
    is then not a table of characters."""


class _NameChars(dict):
    """Code point to what :func:`normalize_name` makes of that character: its normal form in lower
    case, ``" "`` for whatever is no word character (punctuation, spaces, dashes, quotes) and None for
    an ignorable mark. Filled on first sight of a character, so importing costs nothing."""

    def __missing__(self, code: int) -> str | None:
        mapped = chr(code).translate(_TEXT_TABLE)
        if not mapped:
            value = None
        else:
            lowered = mapped.lower()
            if len(lowered) != 1 or mapped == "\u03a3":  # final sigma: str.lower reads the next letter
                raise _ContextualCase(mapped)
            value = " " if _NAME_PUNCT_RE.fullmatch(lowered) else lowered
        self[code] = value
        return value


_NAME_CHARS = _NameChars()


def _normalize_short(name: str) -> str:
    """:func:`_normalize_name` in one ``str.translate`` and one split: the same string, about a fifth
    of the time of its three regular-expression passes (what a miss of the memo below costs: a
    text's words before a name rarely recur)."""
    try:
        return " ".join(name.translate(_NAME_CHARS).split())
    except _ContextualCase:
        return _normalize_name(name)


_normalize_short_name = lru_cache(maxsize=65536)(_normalize_short)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`normalize` that also returns, for each output character, its index in ``text``.

    Slower than :func:`normalize` (one Python step per character); meant for callers that need
    to show where a normalised match sits in the original.
    """
    out: list[str] = []
    offsets: list[int] = []
    table = _TEXT_TABLE
    previous_space = True
    for index, char in enumerate(text):
        mapped = char.translate(table)
        if not mapped:
            continue
        if mapped.isspace():
            if previous_space:
                continue
            mapped = " "
            previous_space = True
        else:
            previous_space = False
        out.append(mapped.lower())
        offsets.append(index)
    while out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


@dataclass(slots=True)
class FoldedText:
    """Text folded by :func:`fold_text` plus, when marks were deleted, the original offset of each
    kept character (evidence found in the folded text is shown from the original)."""

    text: str
    origin: list[int] | None
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the folded text back to the original text."""
        if self.origin is None:
            return start, end
        if start >= len(self.origin):
            return self.original_length, self.original_length
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span (e.g. a gazetteer mention) into the folded text."""
        if self.origin is None:
            return start, end
        return bisect_left(self.origin, start), bisect_left(self.origin, end)


def fold_text(text: str) -> FoldedText:
    """:func:`normalize` for reading running text with offsets: the same letters, digits, dashes and
    quotes, the same marks deleted, but case, spaces and every other character kept where they are,
    so a span of the result maps back to the original (:meth:`FoldedText.to_original`)."""
    folded = _FOLD_MAP.translate(text)  # marks stay, so far offsets are the text's own
    first = _IGNORABLE_RE.search(text)
    if first is None:
        return FoldedText(folded, None, len(text))
    origin: list[int] = []
    kept: list[str] = []
    previous = 0
    for run in _IGNORABLE_RUN_RE.finditer(text, first.start()):
        origin.extend(range(previous, run.start()))
        kept.append(folded[previous:run.start()])
        previous = run.end()
    origin.extend(range(previous, len(text)))
    kept.append(folded[previous:])
    return FoldedText("".join(kept), origin, len(text))


def fold_phrase(phrase: str) -> str:
    """A lexicon phrase folded as :func:`fold_text` folds running text, with single spaces."""
    return " ".join(phrase.translate(_TEXT_TABLE).split())


class TokenSpans:
    """Token offsets into the original text, as two lists of ints (no tuple per token); an end
    already includes the token's trailing marks (حلبُ)."""

    __slots__ = ("starts", "ends", "_joined")

    def __init__(self, starts: np.ndarray | list[int], ends: np.ndarray | list[int],
                 joined_starts: list[int] | None = None):
        self.starts = starts if isinstance(starts, list) else starts.tolist()
        self.ends = ends if isinstance(ends, list) else ends.tolist()
        self._joined = joined_starts

    def joined_starts(self, tokens: list[str]) -> list[int]:
        """Where each token starts in ``" ".join(tokens)`` (the tokens these spans are of); the array
        reading of a long text has them already."""
        if self._joined is None:
            self._joined = list(accumulate((len(token) + 1 for token in tokens[:-1]), initial=0)) if tokens else []
        return self._joined

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def as_list(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))


def scan_tokens(text: str) -> tuple[list[str], TokenSpans]:
    """Normalised Arabic tokens of running text and their offsets.

    :data:`_SCAN_TABLE` maps letters to their normal form, deletes ignorable marks and turns
    everything else into spaces; splitting at spaces gives the tokens and, from the pieces' lengths,
    their offsets, mapped back past the deleted marks when there were any. A short text is read in
    plain Python (no per-call array set-up); a long one through numpy arrays of code points
    (:func:`_scan_long`), where ``str.translate`` with a list table costs about 20 ns a character
    and the loop over tokens as much again.
    """
    if len(text) >= _NUMPY_SCAN_FROM:
        return _scan_long(text)
    scanned = text.translate(_SCAN_TABLE)
    if _ASTRAL_RE.search(scanned):
        scanned = _ASTRAL_RE.sub(" ", scanned)
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    joined: list[int] = []  # where each token starts in the tokens joined by single spaces (the name scanner's)
    position = at = 0
    for piece in scanned.split(" "):
        if piece:
            size = len(piece)
            tokens.append(piece)
            starts.append(position)
            joined.append(at)
            position += size
            ends.append(position)
            position += 1
            at += size + 1
        else:
            position += 1
    if len(scanned) != len(text):  # marks were deleted: map scanned positions back to the original
        deleted = [match.start() for match in _IGNORABLE_RE.finditer(text)]
        starts = _past_deleted(starts, deleted)
        # an end moves past the token's trailing marks: to the next kept character, or the text end
        size = len(scanned)
        ends = [len(text) if end == size else mapped for end, mapped in zip(ends, _past_deleted(ends, deleted),
                                                                              strict=True)]
        ends = _before_format_marks_of(text, starts, ends)
    return tokens, TokenSpans(starts, ends, joined)


#: From this many characters :func:`scan_tokens` works on arrays (below, numpy's set-up costs more).
_NUMPY_SCAN_FROM = 300


def _scan_long(text: str) -> tuple[list[str], TokenSpans]:
    """:func:`scan_tokens` on arrays: the text's code points are mapped through the table as one
    array lookup, deleted marks dropped, and the tokens' starts and ends found where a letter
    follows or precedes a space. The same tokens and offsets as the plain reading."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # array methods rather than numpy's module-level functions (their Python wrappers cost a µs each)
    mapped = _scan_array().take(codes, mode="clip")  # astral characters clip to the last entry, a space
    kept = mapped.nonzero()[0]  # positions in the text of the scanned characters
    if len(kept) != len(mapped):
        mapped = mapped[kept]
    scanned = mapped.tobytes().decode("utf-32-le")
    letter = np.zeros(len(mapped) + 2, dtype=bool)
    np.not_equal(mapped, 32, out=letter[1:-1])
    edges = np.not_equal(letter[1:], letter[:-1]).nonzero()[0]  # alternately a token's start and its end
    kept_at = np.empty(len(kept) + 1, dtype=kept.dtype)  # an end at the last scanned character: the text's end
    kept_at[:-1] = kept
    kept_at[-1] = len(text)
    firsts, lasts = edges[0::2], edges[1::2]
    starts, ends = kept_at[firsts].tolist(), kept_at[lasts].tolist()
    if len(kept) != len(codes):  # marks were deleted, perhaps invisible ones
        ends = _before_format_marks_of(text, starts, ends)
    spans = TokenSpans(starts, ends)
    if len(firsts):  # where the tokens start once joined by single spaces: their lengths plus one, summed
        joined = np.zeros(len(firsts), dtype=np.int64)
        np.add.accumulate(lasts[:-1] - firsts[:-1] + 1, out=joined[1:])
        spans._joined = joined.tolist()
    return scanned.split(), spans


_SCAN_ARRAY = None


def _scan_array():
    """:data:`_SCAN_TABLE` as code points (0 for a deleted mark) and one more entry, a space, for
    every character beyond the Basic Multilingual Plane; built on first use."""
    global _SCAN_ARRAY
    if _SCAN_ARRAY is None:
        import numpy as np

        _SCAN_ARRAY = np.array([ord(value) if value else 0 for value in _SCAN_TABLE] + [32], dtype=np.uint32)
    return _SCAN_ARRAY


def _before_format_marks_of(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """``ends`` moved back over the invisible format marks that close their tokens (U+2069 closing an
    isolate), when the text has any (they are among the deleted marks)."""
    if _FORMAT_RE.search(text):
        return [_before_format_marks(text, start, end) for start, end in zip(starts, ends, strict=True)]
    return ends


def _past_deleted(positions: list[int], deleted: list[int]) -> list[int]:
    """Positions in the text with its ignorable marks deleted, as positions in the text itself: one
    merge of the two sorted lists (a text has far fewer marks than letters)."""
    out = []
    shift = 0
    count = len(deleted)
    for position in positions:
        while shift < count and deleted[shift] <= position + shift:
            shift += 1
        out.append(position + shift)
    return out


def _before_format_marks(text: str, start: int, end: int) -> int:
    """``end`` moved back over the invisible format marks that close the token: they belong to no word."""
    while end > start + 1 and text[end - 1] in _FORMAT_CHARS:
        end -= 1
    return end


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Split running text into normalised tokens (Arabic, ASCII letters and digits) and their
    ``(start, end)`` spans in ``text``; punctuation and other scripts separate tokens."""
    if not text:
        return [], []
    tokens, spans = scan_tokens(text)
    return tokens, spans.as_list()


#: Bidirectional controls (embeddings, overrides, isolates, LRM/RLM, ALM): invisible, and in hostile text
#: they reorder what a reader sees (U+202E makes "gpj.exe" read "exe.jpg"). Removed from every text we show
#: (map pages, CSV, KML); the stored article keeps them.
DIRECTION_CONTROLS = "\u061c\u200e\u200f" + "".join(chr(c) for c in range(0x202A, 0x202F)) + "".join(
    chr(c) for c in range(0x2066, 0x206A)
)
_NO_DIRECTION_CONTROLS = str.maketrans(dict.fromkeys(DIRECTION_CONTROLS))


def strip_direction_controls(text: str) -> str:
    """``text`` without bidirectional control characters (see :data:`DIRECTION_CONTROLS`)."""
    return text.translate(_NO_DIRECTION_CONTROLS)


def is_arabic(text: str) -> bool:
    """True when ``text`` contains an Arabic letter."""
    return bool(_ARABIC_RE.search(text))


def has_latin(text: str) -> bool:
    return bool(_LATIN_RE.search(text))


#: Proclitic sequences that may be glued to a name in running text, longest first.
#: و/ف (and) then ب/ل/ك (in, to, like); ``لل`` is ل + the article with its alef dropped.
CLITIC_PREFIXES: tuple[str, ...] = (
    "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)
ARTICLE = "ال"


def clitic_readings(token: str, min_rest: int = 3) -> Iterator[tuple[str, str]]:
    """Possible (prefix, stem) readings of a token, the bare token first.

    ``بحلب`` → ('', 'بحلب'), ('ب', 'حلب'); ``للاشرفيه`` → …, ('ل', 'الاشرفيه') restoring the
    article. Stems shorter than ``min_rest`` letters are not offered.
    """
    yield "", token
    for prefix in CLITIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= min_rest:
            stem = token[len(prefix):]
            yield prefix, stem
            if prefix[-1] == "ل" and stem.startswith("ل") and len(stem) > min_rest:
                yield prefix, "ا" + stem


def match_key(text: str) -> str:
    """A key for matching what people type against stored names: :func:`normalize_name` (hamza and
    alef forms, ى/ي, ة/ه, case) and then without the definite article on any word, so ``الأسايش``,
    ``اسايش`` and ``أسايش`` give one key. For filters, not for the place index (which keeps the article)."""
    words = normalize_name(text).split(" ")
    return " ".join(w[len(ARTICLE):] if w.startswith(ARTICLE) and len(w) > len(ARTICLE) + 1 else w for w in words)
