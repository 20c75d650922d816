"""Sentences and clauses, the units that places are linked to events by.

A sentence ends at . ! ? ؟ ؛ or a newline; a dot between digits (3.5, 19.09.2017) ends nothing, but
a dot after a number and before a space does ("… في 5 شباط 2018. وكان …").  A clause ends at a
comma, a headline separator (|, ::) or at a conjunction that starts a new statement (حيث، بينما،
فيما، مع، وسط، كما، في حين).  Spans are half-open offsets into the text given (the normalised text
in the extractor).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from gazetteer.anchored import AnchoredGroup, AnchoredPattern

_SENTENCE_END = re.compile(r"(?<!\d)\.(?!\d)\.*|(?<=\d)\.(?=\s)|\.\.+|[!?؟؛\n]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_CLAUSE_BREAK = re.compile(
    r"[،,|]+|:{2,}|\s(?=(?:حيث|بينما|فيما|وسط|كما|في حين|مما|ما ادى|اسفر|واسفر|وادى|ادى|وذلك|مع|خلال)\s)"
)

#: Where :data:`_SENTENCE_END` and :data:`_CLAUSE_BREAK` can match: at a stop or a comma, or one
#: space before a conjunction (tried only there, not at every character: see :mod:`gazetteer.anchored`).
_SENTENCE_ENDS = AnchoredPattern(_SENTENCE_END, [".", "!", "?", "؟", "؛", "\n"])
_CLAUSE_BREAKS = AnchoredPattern(_CLAUSE_BREAK, {
    "،": 0, ",": 0, "|": 0, ":": 0,
    **dict.fromkeys(["حيث", "بينما", "فيما", "وسط", "كما", "في حين", "مما", "ما ادى", "اسفر", "واسفر", "وادى", "ادى",
                     "وذلك", "مع", "خلال"], 1),
})
#: the expressions whose starts :func:`split_sentences` takes (their literals found in one pass over a text,
#: or in the extractor's pass: see text.phrases.PhraseMatchers); a sentence's clause breaks are then a bisect away
ANCHORED = (_SENTENCE_ENDS, _CLAUSE_BREAKS)
_BREAKS = AnchoredGroup(list(ANCHORED))


@dataclass(slots=True, unsafe_hash=True)  # not frozen: cheaper to make (see text.phrases.PhraseMatch)
class Clause:
    start: int
    end: int
    index: int


class Sentence:
    """A sentence's span and paragraph; its clauses are cut on first use (most sentences of a long
    report hold no trigger and no place, and nothing asks for their clauses)."""

    __slots__ = ("start", "end", "paragraph", "_text", "_clauses", "_break_starts")

    def __init__(self, start: int, end: int, paragraph: int, text: str, break_starts: list[int] | None = None):
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self._text = text
        self._clauses: list[Clause] | None = None
        #: where the text's clause breaks may start, sorted (shared by its sentences; None: look them up)
        self._break_starts = break_starts

    def __repr__(self) -> str:
        return f"Sentence(start={self.start}, end={self.end}, paragraph={self.paragraph})"

    @property
    def clauses(self) -> list[Clause]:
        if self._clauses is None:
            self._clauses = _clauses(self._text, self.start, self.end, self._break_starts)
        return self._clauses

    def clause_at(self, offset: int) -> Clause:
        clauses = self.clauses
        for clause in clauses:
            if offset < clause.end:
                return clause
        return clauses[-1]


def split_sentences(text: str, starts: list[set[int]] | None = None) -> list[Sentence]:
    """Sentences with their clauses; empty ones (noise blanked to spaces) are skipped.  ``starts``: the
    starts that the literals of :data:`ANCHORED` allow in ``text``, when a pass over it found them."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    sentence_ends, clause_breaks = _BREAKS.starts(text) if starts is None else starts
    sentence_ends.add(len(text))  # the newline that ends the last sentence
    break_starts = sorted(clause_breaks)
    sentences: list[Sentence] = []
    pos = 0
    for match in _SENTENCE_ENDS.matches_at(text + "\n", sentence_ends):
        _add(sentences, text, pos, match.start(), bisect_right(breaks, pos), break_starts)
        pos = match.end()
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int,
         break_starts: list[int] | None = None) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return
    sentences.append(Sentence(start, end, paragraph, text, break_starts))


def _clauses(text: str, start: int, end: int, break_starts: list[int] | None = None) -> list[Clause]:
    """The clauses of ``text[start:end]``; ``break_starts``: where the text's clause breaks may start
    (sorted), else they are looked up in that span."""
    if break_starts is None:
        breaks = _CLAUSE_BREAKS.finditer(text, start, end)
    else:  # a break whose words run past ``end`` cannot match there (``end`` bounds the expression)
        within = break_starts[bisect_left(break_starts, start) : bisect_left(break_starts, end)]
        breaks = _CLAUSE_BREAKS.matches_at(text, within, start, end)
    clauses = []
    cpos = start
    for match in breaks:
        if match.start() > cpos:
            clauses.append(Clause(cpos, match.start(), len(clauses)))
        cpos = match.end()
    if cpos < end:
        clauses.append(Clause(cpos, end, len(clauses)))
    if not clauses:
        clauses.append(Clause(start, end, 0))
    return clauses
