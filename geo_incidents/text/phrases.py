"""Fast matching of lexicon phrases in folded Arabic text, with clitics and suffixes.

One Aho-Corasick automaton (pyahocorasick) per lexicon finds every phrase in one pass; each hit is
then checked at word level: the letters glued before it must be a clitic (و ف ب ل ك, the article
ال and their combinations) and the letters glued after it a short suffix (when the lexicon allows
suffixes).  Words inside a phrase may carry or lack ال, so "القصف الجوي" also finds "قصف جوي".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from operator import itemgetter
from typing import Any

import ahocorasick

from gazetteer.anchored import AnchoredPattern, literal_moves
from gazetteer.normalize import fold_phrase

PREFIXES = frozenset(
    {"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ول", "وب", "فب", "فل", "ولل", "فلل",
     "وبال", "فبال", "وك", "وكال"}
)
SUFFIXES = frozenset(
    {"", "ات", "ه", "ها", "هم", "هن", "ين", "ون", "ان", "ي", "ت", "تا", "وا", "يه", "يات", "ته", "تها", "تهم",
     "كم", "نا", "ا", "يا", "اتها", "اتهم", "يها", "يهم"}
)


#: Not frozen: a frozen dataclass sets each field through ``object.__setattr__`` and costs three times
#: as much to make, and a long report makes a hundred matches or more; hashed by value all the same.
@dataclass(slots=True, unsafe_hash=True)
class PhraseMatch:
    start: int
    end: int
    phrase: str
    payload: Any


class PhraseMatches(list):
    """Matches in text order, those of one payload a dict lookup away (:func:`of_payload`): the
    extractor reads a text's cue words kind by kind in forty places, and a pass over all of them for
    each kind cost more than grouping them once. Not to be changed once read by payload."""

    __slots__ = ("_by_payload",)

    def __init__(self, matches: Iterable[PhraseMatch] = ()):
        super().__init__(matches)
        self._by_payload: dict[Any, list[PhraseMatch]] | None = None

    def of(self, payload: Any) -> list[PhraseMatch]:
        """The matches whose payload is ``payload``, in text order (a new list)."""
        groups = self._by_payload
        if groups is None:
            groups = self._by_payload = {}
            for match in self:
                groups.setdefault(match.payload, []).append(match)
        return list(groups.get(payload, ()))


def of_payload(matches: Sequence[PhraseMatch], payload: Any) -> list[PhraseMatch]:
    """``[m for m in matches if m.payload == payload]``, grouped once when ``matches`` is a
    :class:`PhraseMatches`."""
    if isinstance(matches, PhraseMatches):
        return matches.of(payload)
    return [m for m in matches if m.payload == payload]


class PhraseMatcher:
    """Find lexicon phrases; ``payload`` is whatever the lexicon attaches to a phrase."""

    def __init__(self, phrases: Iterable[tuple[str, Any]], *, suffixes: bool = True,
                 verbs: Iterable[str] = (), duals: bool = False, other_words: Iterable[str] = ()) -> None:
        """``verbs``: phrases that begin with a verb in the past (قصف، اعتقل، اطلق النار على), also found with
        the verb in the present (يقصف، تعتقل، يطلق النار على), as headlines tell events; a match keeps
        the phrase as listed, so rules that name it apply to both. ``duals``: a phrase whose first noun
        ends in ة is also found with that noun in the dual (غارتين، قذيفتا هاون). ``other_words``: words that
        a phrase with a suffix glued on spells but that are other words (مدافع "cannons" + ين is المدافعين
        "the defenders", قطع "cut" + ة is قطعة "a piece"): never read as the phrase."""
        self.suffixes = suffixes
        self.other_words = frozenset(fold_phrase(word) for word in other_words)
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, Any]]] = {}
        conjugated = {fold_phrase(verb) for verb in verbs}
        for phrase, payload in phrases:
            folded = fold_phrase(phrase)
            if not folded:
                continue
            forms = (folded, *present_tense(folded)) if folded in conjugated else (folded,)
            for variant in {v for form in forms for v in _variants(form, duals)}:
                table.setdefault(variant, []).append((folded, payload))
        for key, entries in table.items():
            self._automaton.add_word(key, (len(key), entries))
        #: automaton key -> the (folded phrase, payload) entries it stands for (see :class:`PhraseMatchers`)
        self.table = table
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def find(self, text: str, *, overlapping: bool = False) -> list[PhraseMatch]:
        """Matches sorted by start; longest-first without overlaps unless ``overlapping``."""
        if self._empty:
            return []
        hits: list[tuple[int, int, list]] = []
        suffixes = self.suffixes
        for last, (length, entries) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            # most matches are whole words: a non-letter on both sides settles it without the general check
            if ((start and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())) \
                    and not _word_bounded(text, start, end, suffixes, self.other_words):
                continue
            hits.append((start, end, entries))
        return _select(hits, len(text), overlapping)



class PhraseMatchers:
    """Several lexicons' :class:`PhraseMatcher` in one automaton: one pass over a text finds the
    matches of all of them (the extractor reads triggers, actors and cue words in every text). Each
    lexicon keeps its own rules: whether suffixes may be glued on, whether its matches may overlap.

    ``anchored`` expressions (:class:`gazetteer.anchored.AnchoredPattern`) have their literals found in
    the same pass (:meth:`scan`): an automaton pass costs about as much for a few literals as for
    thousands (it reads every character), so the date and sentence expressions the extractor tries
    on the same text share this one."""

    def __init__(self, matchers: list[PhraseMatcher], anchored: Sequence[AnchoredPattern] = ()):
        self.suffixes = tuple(m.suffixes for m in matchers)
        self.other_words = tuple(m.other_words for m in matchers)
        self.anchored = len(anchored)
        merged: dict[str, list[tuple[int, list]]] = {}
        for slot, matcher in enumerate(matchers):
            for key, entries in matcher.table.items():
                merged.setdefault(key, []).append((slot, entries))
        moves = literal_moves(anchored)
        self._automaton = ahocorasick.Automaton()
        for key in merged.keys() | moves.keys():
            # a key may be a phrase, the literal of an expression, or both
            self._automaton.add_word(key, (len(key), tuple(merged.get(key, ())), moves.get(key, ())))
        self._empty = not (merged or moves)
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, overlapping: tuple[bool, ...]) -> list[list[PhraseMatch]]:
        """Per lexicon (in the order given), what its :meth:`PhraseMatcher.find` gives with its
        ``overlapping`` flag."""
        return self.scan(text, overlapping)[0]

    def scan(self, text: str, overlapping: tuple[bool, ...]) -> tuple[list[list[PhraseMatch]], list[set[int]]]:
        """:meth:`find`, and per ``anchored`` expression the starts its literals allow in ``text`` (see
        :meth:`gazetteer.anchored.AnchoredGroup.starts`)."""
        hits: list[list[tuple[int, int, list]]] = [[] for _ in self.suffixes]
        starts: list[set[int]] = [set() for _ in range(self.anchored)]
        if self._empty:
            return hits, starts
        adds = [found.add for found in starts]
        suffixes = self.suffixes
        other_words = self.other_words
        size = len(text)
        for last, (length, slots, moves) in self._automaton.iter(text):
            for index, shift in moves:
                adds[index](last - shift)
            if not slots:
                continue
            start, end = last - length + 1, last + 1
            glued = (start and text[start - 1].isalpha()) or (end < size and text[end].isalpha())
            for slot, entries in slots:
                if glued and not _word_bounded(text, start, end, suffixes[slot], other_words[slot]):
                    continue
                hits[slot].append((start, end, entries))
        return [_select(found, size, flag) for found, flag in zip(hits, overlapping, strict=True)], starts


def _select(hits: list[tuple[int, int, list]], size: int, overlapping: bool) -> list[PhraseMatch]:
    """The matches of ``hits`` (``(start, end, entries)`` in the automaton's order, one per span), sorted by
    start; longest-first without overlaps unless ``overlapping``. A span's entries (the same words under
    several lexicon entries: an alias of two actors) are taken or left together, in their order; the
    :class:`PhraseMatch` objects are made for the spans taken only."""
    if len(hits) > 1:
        if overlapping:
            hits.sort(key=itemgetter(0))  # stable: at one start, in the automaton's order
        else:
            # longest first, then leftmost (one span per key and start: no ties)
            ranked = sorted(hits, key=lambda hit: (hit[0] - hit[1], hit[0]))
            occupied = bytearray(size)  # 1 where a taken match lies: overlap checks cost the match's length only
            hits = []
            for hit in ranked:
                start, end = hit[0], hit[1]
                if occupied.find(1, start, end) == -1:
                    occupied[start:end] = b"\x01" * (end - start)
                    hits.append(hit)
            hits.sort(key=itemgetter(0))  # stable: at one start, longest first as taken
    return [PhraseMatch(start, end, phrase, payload) for start, end, entries in hits for phrase, payload in entries]


def _word_bounded(text: str, start: int, end: int, suffixes: bool, other_words: frozenset[str] = frozenset()) -> bool:
    """The letters glued before ``text[start:end]`` are a clitic (or none) and those glued after it a
    suffix (when ``suffixes``) or none, the phrase and its suffix not one of ``other_words``."""
    left = start
    while left > 0 and text[left - 1].isalpha() and start - left <= 4:
        left -= 1
    if left > 0 and text[left - 1].isalpha():
        return False
    if text[left:start] not in PREFIXES:
        return False
    right = end
    limit = len(text)
    while right < limit and text[right].isalpha() and right - end <= 4:
        right += 1
    if right < limit and text[right].isalpha():
        return False
    tail = text[end:right]
    return tail == "" or (suffixes and tail in SUFFIXES and (not other_words or text[start:right] not in other_words))


def present_tense(phrase: str) -> tuple[str, str]:
    """The phrase with its first word, a verb in the past (third person), in the present: he and she
    (يقصف، تقصف). Verbs whose past begins with alef drop it (اعتقل → يعتقل، استهدف → يستهدف، انفجر → ينفجر,
    أطلق → يطلق); hollow and weak verbs (أغار → يغير) change their stem and are left to the lexicon."""
    verb, _, rest = phrase.partition(" ")
    stem = verb[1:] if verb.startswith("ا") else verb
    tail = f" {rest}" if rest else ""
    return f"ي{stem}{tail}", f"ت{stem}{tail}"


#: The dual of a phrase's first noun in ة (folded ه), which turns it into ت (غارتان، قذيفتين), and its form
#: first of a construct (قذيفتا هاون، سيارتي إسعاف). Masculine duals (صاروخين) are suffixes.
_DUAL = ("تان", "تين")
_DUAL_CONSTRUCT = ("تا", "تي")


def _variants(phrase: str, duals: bool = False) -> set[str]:
    """The phrase with each word's article optional (the first word's article comes from PREFIXES), and
    with ``duals`` its first noun in ة also in the dual."""
    words = phrase.split(" ")
    options = []
    for i, word in enumerate(words):
        bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
        forms = {bare} if i == 0 else {word, bare, "ال" + bare}
        if duals and i == 0 and len(bare) >= 4 and bare.endswith("ه"):
            endings = _DUAL if len(words) == 1 else _DUAL + _DUAL_CONSTRUCT
            forms |= {bare[:-1] + ending for ending in endings}
        options.append(forms)
    variants = {" ".join(combo) for combo in product(*options)} if len(words) <= 4 else {phrase}
    return variants
