"""Counts written in digits or Arabic words, as (low, high) ranges.

"ثلاثة" is (3, 3); "عشرات" is (20, 99); "عدد من" is (2, 10).  The words are data
(``lexicons/numbers.toml``); the text searched is the normalised text.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from gazetteer.normalize import fold_phrase


class NumberWords:
    def __init__(self, exact: dict[str, int], vague: dict[str, tuple[int, int]]):
        self.ranges: dict[str, tuple[int, int]] = {fold_phrase(w): (n, n) for w, n in exact.items()}
        self.ranges.update({fold_phrase(w): (lo, hi) for w, (lo, hi) in vague.items()})
        words = sorted(self.ranges, key=len, reverse=True)
        alternatives = r"\d{1,4}|" + "|".join(re.escape(w) for w in words)
        # optional clitic و/ب before a word-number; the count must stand as a whole word
        self._before = re.compile(rf"(?:^|(?<=[\s(]))[وب]?({alternatives})(?:\s+من)?\s+$")
        self._after = re.compile(rf"^\s+(?:من\s+|الي\s+)?[وب]?({alternatives})(?=\s|$|[،,.])")
        # a noun then "two" (مدنيين اثنين): the count of two stands after what it counts
        twos = "|".join(re.escape(w) for w in words if self.ranges[w] == (2, 2))
        self._two_after_noun = re.compile(rf"^\s+[^\s،,.\d]+\s+(?:{twos})(?!\w)")

    @classmethod
    def from_file(cls, path: Path) -> NumberWords:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        return cls(data.get("exact", {}), {k: tuple(v) for k, v in data.get("vague", {}).items()})

    def value(self, token: str) -> tuple[int, int] | None:
        if token.isdigit():
            n = int(token)
            return (n, n)
        return self.ranges.get(token)

    def ending_at(self, text: str, end: int) -> tuple[int, int] | None:
        """The count written just before ``end`` ("خمسة" in "خمسة قتلى")."""
        match = self._before.search(text[max(0, end - 24) : end])
        return self.value(match.group(1)) if match else None

    def starting_at(self, text: str, start: int) -> tuple[int, int] | None:
        """The count written just after ``start`` ("5" in "مقتل 5 مدنيين"), or after the word it counts when
        that count is two, which follows its noun in Arabic ("مقتل مدنيين اثنين")."""
        window = text[start : start + 24]
        match = self._after.match(window)
        if match:
            return self.value(match.group(1))
        return (2, 2) if self._two_after_noun.match(window) else None
