"""Regular expressions tried only where their literal words occur.

Python's ``re`` tries a pattern that opens with a look-behind or an optional clitic at every
character of the text: about 15–40 ns a character, so each such pattern costs a 3 KB report
50–80 µs even when nothing matches. Most of ours can only match where one of a few literal words
stands (a cue head, a month name, a relative date word), a few characters after the match's
start (its clitics). :class:`AnchoredPattern` finds those words with one Aho–Corasick pass
(pyahocorasick, C) and tries the pattern only at the few starts they allow, in text order,
skipping starts inside the previous match: the same matches as ``Pattern.finditer``.

:class:`PresentAlternatives` serves an alternation of patterns kept as data (the noise patterns):
each alternative's required literal is read from the pattern itself, and a text is searched with
only the alternatives whose literal it contains (the others cannot match anywhere in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import ahocorasick

try:  # the parser behind ``re`` (public as sre_parse before Python 3.11)
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover
    import sre_constants as _sre_constants
    import sre_parse as _sre_parser


class AnchoredPattern:
    """``pattern.finditer`` for a pattern every match of which starts at most ``lead`` characters
    before an occurrence of one of ``literals`` (the caller's promise; the tests check it on text).
    ``literals`` may be a mapping of each literal to its own lead."""

    __slots__ = ("pattern", "leads", "_automaton", "_at_literal")

    def __init__(self, pattern: re.Pattern | str, literals: Iterable[str] | Mapping[str, int], lead: int = 0):
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        #: each literal and how many characters before it a match may start
        self.leads = dict(literals) if isinstance(literals, Mapping) else dict.fromkeys(literals, lead)
        #: every match starts at one of the literals (no lead): an automaton value is then one shift
        self._at_literal = not any(self.leads.values())
        self._automaton = ahocorasick.Automaton()
        for literal, before in self.leads.items():
            if not literal:
                raise ValueError("an empty literal would anchor every position")
            shifts = _shifts(literal, before)
            self._automaton.add_word(literal, shifts[0] if self._at_literal else shifts)
        self._automaton.make_automaton()

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else min(endpos, len(text))
        if self._at_literal:
            starts = {last - shift for last, shift in self._automaton.iter(text, pos, end)}
        else:
            starts = set()
            add = starts.add
            for last, shifts in self._automaton.iter(text, pos, end):
                for shift in shifts:
                    add(last - shift)  # a start before ``pos`` is passed over by matches_at
        return self.matches_at(text, starts, pos, end)

    def matches_at(self, text: str, starts: Iterable[int], pos: int = 0, end: int | None = None) -> Iterator[re.Match]:
        """The matches of :meth:`finditer` given the starts its literals allow (see :class:`AnchoredGroup`);
        starts before ``pos`` are passed over."""
        if not starts:
            return
        end = len(text) if end is None else end
        match = self.pattern.match
        reached = pos
        for start in sorted(starts):
            if start < reached:
                continue
            found = match(text, start, end)
            if found is not None:
                yield found
                reached = found.end() if found.end() > start else start + 1

    def occurs(self, text: str) -> bool:
        """Whether one of the literals occurs in ``text`` (a pattern that must contain one cannot match
        without)."""
        return next(self._automaton.iter(text), None) is not None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)


class AnchoredGroup:
    """Several :class:`AnchoredPattern` whose literals are found in one Aho–Corasick pass over a
    text (one pass costs about as much as a regular expression tried at a tenth of the characters)."""

    __slots__ = ("size", "_automaton")

    def __init__(self, patterns: list[AnchoredPattern]):
        self.size = len(patterns)
        self._automaton = ahocorasick.Automaton()
        for literal, moves in literal_moves(patterns).items():
            self._automaton.add_word(literal, moves)
        self._automaton.make_automaton()

    def starts(self, text: str) -> list[set[int]]:
        """Per pattern (in the order given), the starts its literals allow in ``text`` (a start before
        the text's first character may be among them): pass them to its :meth:`AnchoredPattern.matches_at`."""
        starts: list[set[int]] = [set() for _ in range(self.size)]
        adds = [found.add for found in starts]
        for last, moves in self._automaton.iter(text):
            for index, shift in moves:
                adds[index](last - shift)
        return starts


def literal_moves(patterns: Sequence[AnchoredPattern]) -> dict[str, tuple[tuple[int, int], ...]]:
    """Each literal of ``patterns`` and its moves: (the pattern's index, how far before the literal's
    last character a match may start), what an automaton pass reports to collect each pattern's starts."""
    merged: dict[str, list[tuple[int, int]]] = {}
    for index, pattern in enumerate(patterns):
        for literal, lead in pattern.leads.items():
            merged.setdefault(literal, []).extend((index, shift) for shift in _shifts(literal, lead))
    return {literal: tuple(moves) for literal, moves in merged.items()}


def _shifts(literal: str, lead: int) -> tuple[int, ...]:
    """How far before the last character of ``literal`` a match may start: at the literal or up to
    ``lead`` characters before it (an automaton reports where a literal ends)."""
    return tuple(len(literal) - 1 + before for before in range(lead + 1))


def required_literal(pattern: str) -> str | None:
    """A string every match of ``pattern`` contains: its longest run of plain characters outside any
    optional, repeated or alternative part (or a character repeated at least once), or None when it
    has none or ignores case."""
    try:
        parsed = _sre_parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    repeats = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT,
               getattr(_sre_constants, "POSSESSIVE_REPEAT", _sre_constants.MAX_REPEAT)}
    runs: list[str] = []
    run: list[str] = []
    for op, argument in parsed:
        if op is _sre_constants.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            runs.append("".join(run))
            run = []
        if op in repeats and argument[0] >= 1:
            repeated = list(argument[2])
            if len(repeated) == 1 and repeated[0][0] is _sre_constants.LITERAL:
                runs.append(chr(repeated[0][1]))
    if run:
        runs.append("".join(run))
    return max(runs, key=len) if runs else None


class PresentAlternatives:
    """``re.compile("|".join(f"(?:{p})" for p in patterns), flags)``, searched in each text with only
    the alternatives that can match there: the same matches, since an alternative whose required
    literal (:func:`required_literal`) is absent from the text matches nowhere in it.

    :meth:`finditer` searches each present alternative on its own and merges their matches as the
    alternation would take them (the leftmost start; at one start the first alternative; the next
    search from the end of the match taken), so a set of present alternatives met once costs no
    compilation (about a millisecond each, and a run meets dozens of sets); a set met again is
    compiled as its alternation, one scan of the text, cheaper than several searches. Patterns that can match
    the empty string would need ``re``'s rules for empty matches: those go through the compiled
    alternation (:meth:`for_text`)."""

    __slots__ = ("patterns", "flags", "_literals", "_compiled", "_met", "_alone", "_merged")

    def __init__(self, patterns: list[str], flags: int = 0):
        self.patterns = list(patterns)
        self.flags = flags
        self._literals = [required_literal(p) for p in self.patterns]
        self._compiled: dict[tuple[int, ...], re.Pattern | None] = {}
        self._met: set[tuple[int, ...]] = set()  # sets searched alternative by alternative once
        self._alone: dict[int, re.Pattern] = {}  # each alternative compiled on its own, on first use
        self._merged = all(_never_empty(p, flags) for p in self.patterns)

    def _present(self, text: str) -> tuple[int, ...]:
        return tuple(i for i, literal in enumerate(self._literals) if literal is None or literal in text)

    def for_text(self, text: str) -> re.Pattern | None:
        """The alternation of the alternatives that may match in ``text`` (None when none can)."""
        present = self._present(text)
        compiled = self._compiled.get(present, _MISSING)
        if compiled is _MISSING:
            chosen = [self.patterns[i] for i in present]
            compiled = self._compiled[present] = re.compile(
                "|".join(f"(?:{p})" for p in chosen), self.flags) if chosen else None
        return compiled

    def finditer(self, text: str) -> Iterator[re.Match]:
        """The matches of the whole alternation in ``text``, in text order (each match is that of
        the alternative that made it, so its groups are the alternative's own)."""
        if not self._merged:
            compiled = self.for_text(text)
            if compiled is not None:
                yield from compiled.finditer(text)
            return
        present = self._present(text)
        if len(present) < 2:
            if present:
                yield from self._alone_pattern(present[0]).finditer(text)
            return
        compiled = self._compiled.get(present)
        if compiled is not None:  # a set met before: its alternation is one scan
            yield from compiled.finditer(text)
            return
        if present in self._met:
            yield from self.for_text(text).finditer(text)
            return
        self._met.add(present)
        searches = [self._alone_pattern(i).search for i in present]
        upcoming = [search(text) for search in searches]
        pos = 0
        while True:
            best = None
            for k, found in enumerate(upcoming):
                if found is not None and found.start() < pos:  # overtaken by the last match taken
                    found = upcoming[k] = searches[k](text, pos)
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return
            yield best
            pos = best.end()

    def _alone_pattern(self, index: int) -> re.Pattern:
        compiled = self._alone.get(index)
        if compiled is None:
            compiled = self._alone[index] = re.compile(self.patterns[index], self.flags)
        return compiled


def _never_empty(pattern: str, flags: int) -> bool:
    """Every match of ``pattern`` holds at least one character (by its parsed width)."""
    try:
        return _sre_parser.parse(pattern, flags).getwidth()[0] > 0
    except re.error:
        return False


_MISSING = object()
