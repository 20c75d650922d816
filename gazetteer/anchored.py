"""Regular expressions tried only where their literal words occur.

Python's ``re`` tries a pattern that opens with a look-behind or an optional clitic at every
character of the text: about 15–40 ns a character, so each such pattern costs a 3 KB report
50–80 µs even when nothing matches. Most of ours can only match where one of a few literal words
stands (a cue head, a month name, a relative date word), a few characters after the match's
start (its clitics). :class:`AnchoredPattern` finds those words with one Aho–Corasick pass
(pyahocorasick, C) and tries the pattern only at the few starts they allow, in text order,
skipping starts inside the previous match: the same matches as ``Pattern.finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import ahocorasick


class AnchoredPattern:
    """``pattern.finditer`` for a pattern every match of which starts at most ``lead`` characters
    before an occurrence of one of ``literals`` (the caller's promise; the tests check it on text).
    ``literals`` may be a mapping of each literal to its own lead."""

    __slots__ = ("pattern", "_automaton")

    def __init__(self, pattern: re.Pattern | str, literals: Iterable[str] | Mapping[str, int], lead: int = 0):
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        leads = dict(literals) if isinstance(literals, Mapping) else dict.fromkeys(literals, lead)
        self._automaton = ahocorasick.Automaton()
        for literal, before in leads.items():
            if not literal:
                raise ValueError("an empty literal would anchor every position")
            self._automaton.add_word(literal, (len(literal) - 1, before))
        self._automaton.make_automaton()

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else min(endpos, len(text))
        starts = set()
        for last, (length, lead) in self._automaton.iter(text, pos, end):
            first = last - length
            if lead:
                starts.update(range(max(pos, first - lead), first + 1))
            else:
                starts.add(first)
        if not starts:
            return
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
