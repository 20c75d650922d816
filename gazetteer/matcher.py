"""Finding place-name spans in running text.

One pass of an Aho–Corasick automaton (pyahocorasick) over the text's normalised tokens joined
by single spaces. Every key is a normalised name followed by a space, so a match can only end at
a word end; its start is accepted at a word start or after a clitic prefix (و ب ل ف ك, ``لل``).
Longest matches win. Cue words (حي، دوار، طريق …), directions (شمال، الشمالي …) and the
``X و Y`` lists that a dual cue distributes over are read from the neighbouring tokens.

This module only finds spans; :mod:`gazetteer.resolve` turns them into ranked places.
"""

from __future__ import annotations

import pickle
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from pathlib import Path

import ahocorasick
import numpy as np
from rapidfuzz import fuzz, process

from gazetteer.anchored import AnchoredPattern
from gazetteer.model import Kind
from gazetteer.normalize import ARTICLE, CLITIC_PREFIXES, TokenSpans, clitic_readings, is_arabic, scan_tokens
from gazetteer.words import STOP_NAMES

# -- word lists -------------------------------------------------------------------------------

#: Cue words, normalised, to (base cue, the kinds it announces, whether it is dual/plural and so
#: distributes over a following و-list).
CUES: dict[str, tuple[str, frozenset[Kind], bool]] = {}


#: Areas that hold settlements: after a collective plural of a settlement cue (قرى سهل الغاب، بلدات جبل
#: الزاوية، مدن الغوطة الشرقية: the villages, towns or cities of an area) the area itself is named.
_HOLDING_AREAS = frozenset({Kind.DISTRICT, Kind.SUBDISTRICT})


def _cue(base: str, kinds: Iterable[Kind], singular: Iterable[str], plural: Iterable[str] = (),
         collective: Iterable[str] = ()) -> None:
    """``plural``: dual and plural forms, which distribute over a following و-list; ``collective``: the
    plurals of a settlement cue, which may also name the area holding the settlements."""
    kinds = frozenset(kinds)
    for form in singular:
        CUES[form] = (base, kinds, False)
    for form in plural:
        CUES[form] = (base, kinds, True)
    for form in collective:
        CUES[form] = (base, kinds | _HOLDING_AREAS, True)


_cue("حي", [Kind.NEIGHBOURHOOD], ["حي", "ضاحيه"], ["حيي", "احياء", "حييي"])
_cue("دوار", [Kind.ROUNDABOUT], ["دوار"], ["دواري", "دوارين", "دوارات"])
_cue("طريق", [Kind.ROAD], ["طريق", "اوتوستراد", "اتوستراد", "اوتستراد"], ["طريقي", "طرق"])
_cue("مستشفي", [Kind.HOSPITAL], ["مستشفي", "مشفي"], ["مستشفيات", "مشافي", "مستشفيي", "مشفيي"])
_cue("معبر", [Kind.CROSSING], ["معبر"], ["معبري", "معابر"])
_cue("بلده", [Kind.TOWN, Kind.VILLAGE, Kind.CITY], ["بلده"], ["بلدتي"], ["بلدات"])
_cue("قريه", [Kind.VILLAGE, Kind.TOWN], ["قريه"], ["قريتي"], ["قري"])
_cue("مدينه", [Kind.CITY, Kind.TOWN], ["مدينه"], ["مدينتي"], ["مدن"])
_cue("ريف", [Kind.GOVERNORATE, Kind.DISTRICT, Kind.CITY, Kind.SUBDISTRICT], ["ريف"], ["ريفي"])
_cue("محافظه", [Kind.GOVERNORATE], ["محافظه"], ["محافظتي", "محافظات"])
_cue("منطقه", [Kind.DISTRICT, Kind.SUBDISTRICT, Kind.REGION, Kind.CITY, Kind.NEIGHBOURHOOD],
     ["منطقه", "ناحيه"], ["منطقتي", "مناطق"])
_cue("ساحه", [Kind.LANDMARK, Kind.NEIGHBOURHOOD], ["ساحه", "جسر"], ["ساحات"])
#: A state's title before its name (دولة قطر، مملكة البحرين، سلطنة عمان، إمارة دبي).
_cue("دوله", [Kind.COUNTRY], ["دوله", "مملكه", "سلطنه", "جمهوريه"])
_cue("اماره", [Kind.COUNTRY, Kind.GOVERNORATE, Kind.CITY], ["اماره"])

#: Every written form (singular and plural) of each base cue.
_CUE_FORMS: dict[str, tuple[str, ...]] = {
    base: tuple(form for form, (of, _, _) in CUES.items() if of == base) for base, _, _ in CUES.values()
}

#: Base cues whose place names usually include the cue word itself (``دوار شيحان``).
NAME_CUES = frozenset({"حي", "دوار", "طريق", "مستشفي", "معبر", "ساحه"})

#: Directions: nouns before a name (``شمال حلب``) and adjectives after it (``ريف حلب الشمالي``),
#: as (north, east) unit steps.
DIRECTION_NOUNS: dict[str, tuple[int, int]] = {
    "شمال": (1, 0), "شمالي": (1, 0), "جنوب": (-1, 0), "جنوبي": (-1, 0),
    "شرق": (0, 1), "شرقي": (0, 1), "غرب": (0, -1), "غربي": (0, -1),
}
DIRECTION_ADJECTIVES: dict[str, tuple[int, int]] = {
    "الشمالي": (1, 0), "الشماليه": (1, 0), "الجنوبي": (-1, 0), "الجنوبيه": (-1, 0),
    "الشرقي": (0, 1), "الشرقيه": (0, 1), "الغربي": (0, -1), "الغربيه": (0, -1),
}

_LONGEST_CLITIC = max(map(len, CLITIC_PREFIXES))

#: rapidfuzz ``ratio`` a misspelling must reach: one wrong letter in a name of seven or more.
FUZZY_CUTOFF = 85.0

#: Punctuation that ends a phrase: a cue word before it does not govern the name after it.
_CLAUSE_BREAK = re.compile(r"[.,:;!?|،؛؟\n\-–—()]")
#: A token of ل (و/ف before it) and a word that had the article: ``للعراق`` = ل + العراق.
_AFTER_LAM = re.compile(r"(?:^| )([وف]?ل)(ل[^ ]{2,})")
#: ... tried only at the token starts before a ``لل`` (the space, و or ف stand at most two letters before)
_AFTER_LAM_AT = AnchoredPattern(_AFTER_LAM, {"لل": 2})
#: Every cue word as a whole token, clitics allowed (``ودواري``): one set lookup per token.
_CUE_TOKENS: frozenset[str] = frozenset(
    f"{conj}{prep}{cue}" for conj in ("", "و", "ف") for prep in ("", "ب", "ل", "ك") for cue in CUES)


@dataclass(frozen=True, slots=True)
class NameHit:
    """What the automaton stores under a name key."""

    name: str
    rids: tuple[int, ...] = ()
    cue_only: bool = False  # a cue-less core of a name like "دوار شيحان": needs the cue in text
    stop: bool = False
    zipf: float = 0.0  # how common the name is as a word of ordinary Arabic (gazetteer.frequency)
    zipf_toggled: float = 0.0  # ... and with its article toggled (السيول for سيول)

    def __reduce__(self):
        # unpickled through the constructor: a dataclass's default state restore looks its fields up
        # for every object, and opening an index unpickles one per name (tens of thousands)
        return NameHit, (self.name, self.rids, self.cue_only, self.stop, self.zipf, self.zipf_toggled)


@dataclass(slots=True)
class Span:
    """A place-name span found in text, before resolution."""

    first: int  # token index of the first token of the name
    last: int  # token index one past the last token
    start: int  # character offsets into the original text, clitics included
    end: int
    name: str  # normalised name, without clitics
    hit: NameHit
    prefix: str = ""  # clitic prefix glued to the first token
    cue: str | None = None  # base cue word (حي، دوار …)
    cue_kinds: frozenset[Kind] = frozenset()
    cue_first: int | None = None  # token index of the cue, when the span has one
    direction: tuple[int, int] | None = None  # (north, east) for شمال / الشمالي
    rif: bool = False  # ريف X
    city_cue: bool = False  # (شمال) مدينة X
    road_to: Span | None = None  # طريق X – Y: the span of Y
    cue_in_name: bool = False  # the cue word is part of the matched name (دوار شيحان)
    lead_start: int | None = None  # offset of the cue / direction words that open the expression
    cue_start: int | None = None  # offset of the cue word before the name (clitics included)
    previous: str = ""  # the normalised token before the span (ابو in ابو قصره)
    fuzzy: float = 0.0  # similarity (0–1) when the name was matched fuzzily after a cue word
    siblings: list[Span] | None = None  # spans a dual/plural cue distributes over (made when needed)
    cue_plural: bool = False  # the cue is dual or plural (مناطق الأردن: parts of Jordan, not an area named so)


#: A name's row in :attr:`NameIndex.rows`: the fields of :class:`NameHit` as a plain tuple.
HitRow = tuple[str, tuple[int, ...], bool, bool, float, float]


class NameRows:
    """The rows of every name (:data:`HitRow`) as columns: the names in one list, the row ids of all
    names in one array with where each name's ends, the two flags in one byte each, the two word
    frequencies in arrays. Opening an index unpickles six objects where a tuple per name made tens of
    thousands, which the cyclic collector then traversed in its first collections of a run; a row
    is put together when a text first meets its name."""

    __slots__ = ("names", "rids", "rid_ends", "flags", "zipfs", "zipfs_toggled")

    def __init__(self, rows: Sequence[HitRow]):
        self.names = [row[0] for row in rows]
        self.rids = array("q", [rid for row in rows for rid in row[1]])
        self.rid_ends = array("q", accumulate(len(row[1]) for row in rows))
        self.flags = bytes(row[2] | row[3] << 1 for row in rows)  # cue only, stop word
        self.zipfs = array("d", [row[4] for row in rows])
        self.zipfs_toggled = array("d", [row[5] for row in rows])

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, row: int) -> HitRow:
        ends = self.rid_ends
        flags = self.flags[row]
        return (self.names[row], tuple(self.rids[ends[row - 1] if row else 0:ends[row]]), bool(flags & 1),
                bool(flags & 2), self.zipfs[row], self.zipfs_toggled[row])

    def __getstate__(self) -> tuple:
        return self.names, self.rids, self.rid_ends, self.flags, self.zipfs, self.zipfs_toggled

    def __setstate__(self, state: tuple) -> None:
        self.names, self.rids, self.rid_ends, self.flags, self.zipfs, self.zipfs_toggled = state


class NameIndex:
    """The automaton over every Arabic name, plus buckets for fuzzy lookup.

    Keys are ``name + " "``; values the number of the name's row in :attr:`rows` (columns of strings
    and numbers, :class:`NameRows`), whose :class:`NameHit` is made the first time the name is met:
    tens of thousands of hit objects made every full collection of a run traverse them. The
    automaton also serves exact lookup (``get``), so names are stored once. Pickled next to the
    SQLite file for fast start-up.
    """

    def __init__(self, automaton: ahocorasick.Automaton, buckets: dict[tuple[str, int], list[str]],
                 rows: NameRows | Sequence[HitRow]):
        self.automaton = automaton
        self.buckets = buckets
        self.rows = rows if isinstance(rows, NameRows) else NameRows(rows)
        self._hits: dict[int, NameHit] = {}  # the hits of the names met so far, by row
        self.fuzzy = lru_cache(maxsize=8192)(self._fuzzy)
        self._best: dict[str, tuple[tuple[str, float], ...]] = {}  # best fuzzy match, by name

    @classmethod
    def build(cls, grouped: Iterable[tuple[str, tuple[int, ...]]]) -> NameIndex:
        """Build from ``(normalised name, rids)`` pairs; only Arabic names enter the automaton."""
        from gazetteer.frequency import name_zipfs

        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        buckets: dict[tuple[str, int], list[str]] = {}
        cores: dict[str, None] = {}
        rows: list[HitRow] = []
        grouped = [(name, rids) for name, rids in grouped if is_arabic(name)]
        zipfs = name_zipfs(name for name, _ in grouped)
        for name, rids in grouped:
            zipf, zipf_toggled = zipfs[name]
            if automaton.add_word(name + " ", len(rows)):
                rows.append((name, tuple(rids), False, name in STOP_NAMES, zipf, zipf_toggled))
            else:  # a name given twice: the later row replaces the earlier, as a second value would
                rows[automaton.get(name + " ")] = (name, tuple(rids), False, name in STOP_NAMES, zipf, zipf_toggled)
            buckets.setdefault(_bucket_key(name), []).append(name)
            first, _, rest = name.partition(" ")
            if rest and first in CUES and len(rest.replace(" ", "")) >= 3:
                cores[rest] = None
        for core in cores:
            if not automaton.exists(core + " "):
                automaton.add_word(core + " ", len(rows))
                rows.append((core, (), True, core in STOP_NAMES, 0.0, 0.0))
        automaton.make_automaton()
        return cls(automaton, buckets, rows)

    def __len__(self) -> int:
        return len(self.automaton)

    def get(self, name: str) -> NameHit | None:
        row = self.automaton.get(name + " ", None)
        return None if row is None else self._hits.get(row) or self._hit(row)

    def _hit(self, row: int) -> NameHit:
        """The :class:`NameHit` of a row, made on first use and kept (a run meets a few thousand names)."""
        hit = self._hits[row] = NameHit(*self.rows[row])
        return hit

    def _fuzzy(self, name: str, cutoff: float = FUZZY_CUTOFF, limit: int = 5) -> tuple[tuple[str, float], ...]:
        """Names within a high similarity of ``name`` (normalised, >= 4 letters, not a stop word);
        memoised as :meth:`fuzzy`.

        Only names of nearly the same length and the same first letter (after the article) are
        compared, which keeps this to a few hundred comparisons at any index size.
        """
        if len(name.replace(" ", "")) < 4 or name in STOP_NAMES:
            return ()
        letter, length = _bucket_key(name)
        pool: list[str] = []
        for delta in (-1, 0, 1):
            pool.extend(self.buckets.get((letter, length + delta), ()))
        if not pool:
            return ()
        if limit == 1:  # after a cue word: the best match only, without ranking the pool
            best = process.extractOne(name, pool, scorer=fuzz.ratio, score_cutoff=cutoff)
            found = [best] if best is not None else []
        else:
            found = process.extract(name, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return tuple((match, score) for match, score, _ in found
                     if match != name and match not in STOP_NAMES and len(match.replace(" ", "")) >= 4)

    def best_fuzzy(self, names: Iterable[str]) -> dict[str, tuple[tuple[str, float], ...]]:
        """``fuzzy(name, limit=1)`` for many names at once: the names of one length bucket are
        scored against their pool in one ``rapidfuzz.process.cdist`` call (the pool is prepared
        once, not once per name). Results are kept (a bounded memo)."""
        best = self._best
        if len(best) > 65536:
            best.clear()
        todo: dict[tuple[str, int], list[str]] = {}
        for name in dict.fromkeys(names):
            if name in best:
                continue
            if len(name.replace(" ", "")) < 4 or name in STOP_NAMES:
                best[name] = ()
            else:
                todo.setdefault(_bucket_key(name), []).append(name)
        for (letter, length), queries in todo.items():
            pool: list[str] = []
            for delta in (-1, 0, 1):
                pool.extend(self.buckets.get((letter, length + delta), ()))
            if not pool:
                best.update(dict.fromkeys(queries, ()))
                continue
            scores = process.cdist(queries, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.float64)
            columns = scores.argmax(axis=1)  # the first of the best, as extractOne picks
            for name, row, column in zip(queries, scores, columns.tolist(), strict=True):
                score = float(row[column])
                match = pool[column]
                keep = (score >= FUZZY_CUTOFF and match != name and match not in STOP_NAMES
                        and len(match.replace(" ", "")) >= 4)
                best[name] = ((match, score),) if keep else ()
        return {name: best[name] for name in names}

    # -- persistence -----------------------------------------------------------------------------

    def save(self, path: Path, stamp: str, table: object = None) -> None:
        """Pickle the index (and ``table``, the places that go with it) atomically."""
        from gazetteer.atomic import atomic_output

        with atomic_output(path) as tmp, open(tmp, "xb") as handle:
            pickle.dump((stamp, self.automaton, self.buckets, self.rows, table), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: Path, stamp: str) -> tuple[NameIndex | None, object]:
        """The pickled index and the table saved with it if they exist and were built for
        ``stamp``; else ``(None, None)``."""
        try:
            with open(path, "rb") as handle:
                saved_stamp, automaton, buckets, rows, table = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return None, None
        return (cls(automaton, buckets, rows), table) if saved_stamp == stamp else (None, None)

    # -- scanning --------------------------------------------------------------------------------

    def scan(self, text: str) -> tuple[list[Span], list[str]]:
        """All place-name spans of ``text``, longest first then left to right, with cue words,
        directions, و-lists and ``طريق X – Y`` pairs attached. Returns the spans in text order
        and the normalised tokens."""
        tokens, offsets = scan_tokens(text)
        if not tokens:
            return [], tokens
        joined = " ".join(tokens) + " "
        token_starts = offsets.joined_starts(tokens)
        raw, cue_only = self._raw_spans(joined, token_starts)
        if cue_only:
            raw = [item for item in raw if not item[7].cue_only or self._core_cued(item[7].name, tokens, item[2])]
        chosen, covered = _longest_non_overlapping(raw)
        spans = []
        starts, ends = offsets.starts, offsets.ends
        for _, _, first, _, _, last, prefix, hit in chosen:
            previous = tokens[first - 1] if first else ""
            spans.append(Span(first, last, starts[first], ends[last - 1], hit.name, hit, prefix, previous=previous))
        if "لل" in joined:
            spans.extend(self._after_lam(joined, tokens, token_starts, offsets, covered))
        spans.extend(self._fuzzy_after_cues(joined, tokens, token_starts, offsets, covered))
        spans.sort(key=_FIRST_TOKEN)
        _attach_context(spans, tokens, offsets, text)
        return spans, tokens

    def _core_cued(self, core: str, tokens: list[str], first: int) -> bool:
        """Whether the cue word before token ``first`` makes ``core`` a name: the cue-less core of
        ``دوار الصاخور بحلب`` is one only after a roundabout's cue. Anywhere else it must not take the
        tokens of the shorter names it spans (``قصف الصاخور بحلب`` names الصاخور and حلب)."""
        cue = cue_of(tokens[first - 1]) if first else None
        return cue is not None and any(self.get(f"{form} {core}") is not None for form in _CUE_FORMS[cue[1][0]])

    def _after_lam(self, joined: str, tokens: list[str], token_starts: list[int], offsets: TokenSpans,
                   covered: set[int]) -> list[Span]:
        """``للعراق``، ``وللقصر العيني``: after ل the article loses its alef, so the name (العراق)
        is not among the token's letters and the automaton cannot see it; the name is read back
        with its article restored (one, two or three words)."""
        found: list[Span] = []
        count = len(tokens)
        for match in _AFTER_LAM_AT.finditer(joined):
            first = bisect_right(token_starts, match.start(1)) - 1
            if first in covered:
                continue
            stem = "ا" + match.group(2)
            for last in (first + 3, first + 2, first + 1):
                if last > count or any(i in covered for i in range(first, last)):
                    continue
                hit = self.get(" ".join([stem, *tokens[first + 1:last]]))
                if hit is not None and hit.rids and not hit.stop:
                    found.append(Span(first, last, offsets[first][0], offsets[last - 1][1], hit.name, hit,
                                      match.group(1), previous=tokens[first - 1] if first else ""))
                    covered.update(range(first, last))
                    break
        return found

    def _fuzzy_after_cues(self, joined: str, tokens: list[str], token_starts: list[int], offsets: TokenSpans,
                          covered: set[int]) -> list[Span]:
        """Misspelt names are only looked for where a cue word announces a place (``حي الاشرفيي``):
        fuzzy matching every token of a text would cost time and precision."""
        found: list[Span] = []
        count = len(tokens)
        present = _CUE_TOKENS.intersection(tokens)  # one hash of each token
        if not present:  # most texts: no cue word at all
            return found
        starts = [first for first in _token_indexes(present, joined, token_starts, 1)
                  if first < count and first not in covered and len(tokens[first]) >= 4
                  and tokens[first] not in STOP_NAMES]
        if not starts:
            return found
        queries = [" ".join(tokens[first:last]) for first in starts for last in (first + 2, first + 1)
                   if last <= count]
        known = self.best_fuzzy(queries)
        for first in starts:
            if first in covered:
                continue
            for last in (first + 2, first + 1):
                if last > count or any(i in covered for i in range(first, last)):
                    continue
                best = known[" ".join(tokens[first:last])]
                hit = self.get(best[0][0]) if best else None
                if hit is not None and hit.rids:
                    found.append(Span(first, last, offsets[first][0], offsets[last - 1][1], hit.name, hit,
                                      previous=tokens[first - 1], fuzzy=best[0][1] / 100.0))
                    covered.update(range(first, last))
                    break
        return found

    def _raw_spans(self, joined: str, token_starts: list[int]) -> tuple[list[tuple], bool]:
        """Automaton matches as sort-key tuples ending in (first token, last token + 1, clitic
        prefix, hit); a match must start at a word start or right after a clitic prefix (one or
        two letters). Plain Python: a short text has a handful of matches, and numpy's set-up per
        call cost more than the work. Also whether a cue-less core (:attr:`NameHit.cue_only`) is among them.
        A match inside a word is passed over by its name's length alone (most of a long text's matches):
        its :class:`NameHit` is not looked up."""
        raw = []
        hits = self._hits
        names = self.rows.names
        cue_only = False
        for end, row in self.automaton.iter(joined):
            begin = end - len(names[row])  # the key is name + " " and ``end`` is the index of that space
            # letters glued before the match in its first token: none, or a clitic of one or two
            if begin and joined[begin - 1] != " ":
                before = 1 if begin == 1 or joined[begin - 2] == " " else 2
                if before == 2 and begin > 2 and joined[begin - 3] != " ":
                    continue
                prefix = joined[begin - before:begin]
                if prefix not in CLITIC_PREFIXES:
                    continue
            else:
                before, prefix = 0, ""
            hit = hits.get(row) or self._hit(row)
            name = hit.name
            if hit.cue_only:
                cue_only = True
            first = bisect_right(token_starts, begin - before) - 1
            words = name.count(" ") + 1
            # sort key first: longest in words, then letters, then leftmost, then fewest clitics
            raw.append((-words, -len(name), first, before, len(raw), first + words, prefix, hit))
        return raw, cue_only


_FIRST_TOKEN = attrgetter("first")


def _token_indexes(words: Iterable[str], joined: str, token_starts: list[int], shift: int = 0) -> list[int]:
    """In text order, the indexes (plus ``shift``) of the tokens equal to one of ``words``, found in the
    tokens ``joined`` by single spaces (and one after the last) with C string searches rather than a
    Python step per token: a long text has hundreds of tokens and a handful of these."""
    padded = " " + joined
    indexes = []
    for word in words:
        needle = f" {word} "
        at = padded.find(needle)
        while at >= 0:
            indexes.append(bisect_left(token_starts, at) + shift)
            at = padded.find(needle, at + len(needle) - 1)
    indexes.sort()
    return indexes


def _bucket_key(name: str) -> tuple[str, int]:
    core = name[2:] if name.startswith(ARTICLE) and len(name) > 4 else name
    return core[:1], len(name)


def _longest_non_overlapping(raw: list[tuple]) -> tuple[list[tuple], set[int]]:
    """Keep the longest matches (in words, then letters) that do not share a token; ``raw``
    rows start with their sort key (see :meth:`NameIndex._raw_spans`). Returns them and the
    tokens they cover."""
    raw.sort()
    taken: set[int] = set()
    chosen = []
    for item in raw:
        first, last = item[2], item[5]
        if first in taken or (last - first > 1 and not taken.isdisjoint(range(first, last))):
            continue
        taken.update(range(first, last))
        chosen.append(item)
    return chosen, taken


@lru_cache(maxsize=4096)
def cue_of(token: str) -> tuple[str, tuple[str, frozenset[Kind], bool]] | None:
    """The cue a token carries, allowing clitics (``ودواري`` → دوار, dual)."""
    for prefix, stem in clitic_readings(token, min_rest=2):
        if stem in CUES and (not prefix or prefix in CLITIC_PREFIXES):
            return prefix, CUES[stem]
    return None


def _direction_before(tokens: list[str], index: int) -> tuple[tuple[int, int] | None, int]:
    """``شمال`` / ``شمال غرب`` / ``جنوبي`` ending just before token ``index``, and how many
    words it takes."""
    if index < 1 or tokens[index - 1] not in _DIRECTION_FORMS:  # most names: one set lookup
        return None, 0
    word = _strip_clitic(tokens[index - 1])
    if word not in DIRECTION_NOUNS:
        return None, 0
    north, east = DIRECTION_NOUNS[word]
    if index >= 2 and _strip_clitic(tokens[index - 2]) in DIRECTION_NOUNS:
        n2, e2 = DIRECTION_NOUNS[_strip_clitic(tokens[index - 2])]
        return (north + n2, east + e2), 2
    return (north, east), 1


#: Every token :func:`_strip_clitic` reads as a direction noun: the nouns and the nouns behind و ف ب ل.
_DIRECTION_FORMS = frozenset(DIRECTION_NOUNS) | {f"{prefix}{noun}" for prefix in "وفبل" for noun in DIRECTION_NOUNS}


@lru_cache(maxsize=4096)
def _strip_clitic(token: str) -> str:
    for prefix in ("و", "ف", "ب", "ل"):
        rest = token[len(prefix):]
        if token.startswith(prefix) and (rest in DIRECTION_NOUNS or rest in CUES):
            return rest
    return token


def _attach_context(spans: list[Span], tokens: list[str], offsets: TokenSpans, text: str) -> None:
    """Read cue words, directions, و-lists and road pairs around each span (in place)."""
    for position, span in enumerate(spans):
        if " " in span.name and span.name.split(" ", 1)[0] in CUES:
            base, kinds, _ = CUES[span.name.split(" ", 1)[0]]
            span.cue, span.cue_kinds, span.cue_first, span.cue_in_name = base, kinds, span.first, True
            continue
        if span.first >= 1:
            cue_index = span.first - 1
            found = cue_of(tokens[cue_index])
            if not found and cue_index >= 1 and tokens[cue_index] in _ROAD_ADJECTIVES:
                # "الطريق الدولي حلب - دمشق": the road's word, its adjective, then the towns it joins
                road = tokens[cue_index - 1]
                found = cue_of(road[2:] if road.startswith("ال") else road)
                if found and found[1][0] == "طريق":
                    cue_index -= 1
                else:
                    found = None
            if found and _CLAUSE_BREAK.search(text, offsets[cue_index][1], span.start):
                found = None  # "… في تسع محافظات. #اليمن": a cue governs the name right after it, not across a stop
            if found:
                _, (base, kinds, plural) = found
                span.cue, span.cue_kinds, span.cue_first = base, kinds, cue_index
                span.cue_plural = plural
                if base == "ريف":
                    span.rif = True
                elif base == "مدينه":
                    span.city_cue = True
                span.cue_start = offsets[cue_index][0]
                span.direction, words = _direction_before(tokens, cue_index)
                span.lead_start = offsets[cue_index - words][0]
                if plural:
                    _distribute(position, spans)
        if span.direction is None and span.cue_first is None:
            span.direction, words = _direction_before(tokens, span.first)
            if words:
                span.lead_start = offsets[span.first - words][0]
        if span.last < len(tokens) and tokens[span.last] in DIRECTION_ADJECTIVES:
            north, east = DIRECTION_ADJECTIVES[tokens[span.last]]
            if span.last + 1 < len(tokens) and tokens[span.last + 1] in DIRECTION_ADJECTIVES:
                n2, e2 = DIRECTION_ADJECTIVES[tokens[span.last + 1]]
                north, east = north + n2, east + e2
            if span.rif or span.cue in (None, "محافظه", "مدينه", "منطقه"):
                span.direction = (north, east)
                span.end = offsets[span.last][1]
    _pair_roads(spans, text, offsets)


def _distribute(position: int, spans: list[Span]) -> None:
    """A dual/plural cue covers the و-list after it: ``دواري شيحان والليرمون``."""
    head = spans[position]
    previous = head
    for span in spans[position + 1:]:
        if span.first != previous.last or not span.prefix.startswith("و") or span.cue is not None:
            break
        span.cue, span.cue_kinds, span.cue_first = head.cue, head.cue_kinds, head.cue_first
        if head.siblings is None:
            head.siblings = []
        head.siblings.append(span)
        previous = span


#: adjectives between a road's word and the towns it joins (الطريق الدولي حلب - دمشق)
_ROAD_ADJECTIVES = frozenset({"الدولي", "السريع"})


def _pair_roads(spans: list[Span], text: str, offsets: TokenSpans) -> None:
    """``طريق X – Y`` / ``طريق X Y``: X carries the road cue and Y follows directly."""
    for index, span in enumerate(spans[:-1]):
        if span.cue != "طريق" or span.cue_in_name:
            continue
        nxt = spans[index + 1]
        gap = text[span.end:nxt.start]
        if nxt.first == span.last and nxt.cue is None and gap.strip(" -–—‒\u200e\u200f") == "":
            span.road_to = nxt
