"""Web-page noise (share lines, URLs, hashtags, channel prefixes) blanked before extraction.

Noise is replaced by spaces rather than cut, so every character offset found afterwards is still
an offset into ``Article.full_text``.  The patterns are data: ``lexicons/noise.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from gazetteer.anchored import PresentAlternatives


class NoiseFilter:
    def __init__(self, line_starts: list[str], patterns: list[str]):
        starts = sorted({s.strip() for s in line_starts if s.strip()}, key=len, reverse=True)
        self._line = re.compile(
            r"^[ \t]*(?:" + "|".join(re.escape(s) for s in starts) + r").*$", re.MULTILINE
        ) if starts else None
        # searched with only the patterns whose words the text contains (gazetteer.anchored)
        self._patterns = PresentAlternatives(patterns, re.MULTILINE) if patterns else None

    @classmethod
    def from_file(cls, path: Path) -> NoiseFilter:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        return cls(data.get("lines", []), data.get("patterns", []))

    def clean(self, text: str, place_tag: Callable[[str], bool] | None = None) -> str:
        """Return ``text`` with noise blanked; same length, newlines kept. A hashtag of several words
        that ``place_tag`` says is a place's whole name (#معرة_النعمان) is kept as its words, not
        blanked as a channel tag (#حلب_نيوز)."""
        if self._line is not None:
            text = self._line.sub(_blank, text)
        if self._patterns is not None:
            pieces: list[str] = []
            last = 0
            for match in self._patterns.finditer(text):
                found = match.group(0)
                if place_tag is not None and found.startswith("#") and "_" in found and place_tag(found):
                    kept = found.replace("#", " ").replace("_", " ")
                else:
                    kept = _blank(match)
                pieces += (text[last:match.start()], kept)
                last = match.end()
            if pieces:
                pieces.append(text[last:])
                text = "".join(pieces)
        return text


def _blank(match: re.Match) -> str:
    found = match.group(0)
    if "\n" not in found:
        return " " * len(found)
    return "".join("\n" if ch == "\n" else " " for ch in found)
