"""``str.translate`` at memory speed for tables that leave most characters alone.

CPython's ``str.translate`` looks every character of a non-ASCII text up in the table through the
Python mapping protocol (an int object and a lookup per character): about 50 ns a character, so a
3 KB report costs 150 µs per table. Our tables map a character to one character or to nothing,
and Arabic text is mostly letters they keep. :class:`CharMap` applies the same table as
``str.replace`` calls for the few characters that change one by one (a C search each, skipped when
the character is absent), and as one regular-expression substitution per target that many
characters share (every punctuation mark to a space) and for deletions. The result is the same
string as ``text.translate(table)``; a table it cannot do so for (a target that is itself changed)
falls back to ``str.translate``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

#: Above this many source characters a target is reached by one character-class substitution: a
#: test for one character costs about 50 ns on a 3 KB text, a class substitution about 4.5 µs.
_CLASS_ABOVE = 32


class CharMap:
    """``CharMap(table).translate(text) == text.translate(table)`` for a ``str.maketrans`` dict or a
    sequence indexed by code point (characters beyond it are left alone, as ``str.translate`` does)."""

    __slots__ = ("_table", "_pairs", "_classes", "_deleted")

    def __init__(self, table: Mapping[int, str | int | None] | Sequence[str | None]):
        self._table = table
        items = table.items() if isinstance(table, Mapping) else enumerate(table)
        targets: dict[str, list[int]] = {}
        deleted: list[int] = []
        for code, value in items:
            if isinstance(value, int):
                value = chr(value)
            if value is None or value == "":
                deleted.append(code)
            elif value != chr(code):
                if len(value) != 1:
                    raise ValueError("CharMap maps a character to one character or none")
                targets.setdefault(value, []).append(code)
        unchanged = all(_lookup(table, ord(target)) in (target, _MISSING) for target in targets)
        if not unchanged:  # a target that is itself mapped: the steps would chain; keep str.translate
            self._pairs = self._classes = self._deleted = None
            return
        self._pairs: list[tuple[str, str]] = []
        self._classes: list[tuple[re.Pattern, str]] = []
        for target, codes in targets.items():
            if len(codes) > _CLASS_ABOVE:
                self._classes.append((re.compile(_char_class(codes)), target))
            else:
                self._pairs.extend((chr(code), target) for code in codes)
        self._deleted = re.compile(_char_class(deleted)) if deleted else None

    def translate(self, text: str) -> str:
        if self._pairs is None:
            return text.translate(self._table)
        for source, target in self._pairs:
            if source in text:
                text = text.replace(source, target)
        for pattern, target in self._classes:
            text = pattern.sub(target, text)
        if self._deleted is not None and self._deleted.search(text):
            text = self._deleted.sub("", text)
        return text


_MISSING = object()


def _lookup(table, code: int):
    try:
        value = table[code]
    except LookupError:
        return _MISSING
    return chr(value) if isinstance(value, int) else value


def _char_class(codes: list[int]) -> str:
    """A regular-expression class of these code points, as ranges."""
    codes = sorted(codes)
    parts = []
    start = previous = codes[0]
    for code in codes[1:] + [None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        first = re.escape(chr(start))
        parts.append(first if start == previous else f"{first}-{re.escape(chr(previous))}")
        if code is not None:
            start = previous = code
    return "[" + "".join(parts) + "]"
