"""How common a place name is as a word of ordinary Arabic, from the ``wordfreq`` package.

A name that is a frequent word (سيول "torrents", كورونا, خبر "news", جديدة "new") is more often
the word than the far-away place. ``wordfreq`` ships its Arabic frequencies in the wheel (nothing
is downloaded). They are read once, when an index is built, for the words of the index's names
only, and kept in the name automaton (:class:`~gazetteer.matcher.NameHit.zipf`), so finding
places never loads ``wordfreq``.

Frequencies are on the Zipf scale (log10 of occurrences per billion words: 7 for the commonest
words, 3 for a word seen once per million, 0 for unseen). Our names are normalised (أ/إ/آ → ا,
ة → ه, ى → ي), wordfreq's words are not, so each word's spellings that normalise to it are looked
up and the most frequent one counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from itertools import product

_ALEFS = ("ا", "أ", "إ", "آ")


@lru_cache(maxsize=1)
def _arabic_frequencies() -> dict[str, float]:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - a dependency; without it every name counts as rare
        return {}
    return wordfreq.get_frequency_dict("ar", wordlist="best")


def _spellings(word: str) -> Iterable[str]:
    """Unnormalised spellings of a normalised word: the alef of its first letter or after the
    article may carry a hamza, a final ه may be ة, a final ي may be ى."""
    options: list[tuple[str, ...]] = [(ch,) for ch in word]
    if word[:1] == "ا":
        options[0] = _ALEFS
    if word.startswith("ال") and len(word) > 2 and word[2] == "ا":
        options[2] = _ALEFS
    if len(word) > 1 and word[-1] == "ه":
        options[-1] = ("ه", "ة")
    elif len(word) > 1 and word[-1] == "ي":
        options[-1] = ("ي", "ى")
    if all(len(o) == 1 for o in options):
        yield word
        return
    for letters in product(*options):
        yield "".join(letters)


def word_zipf(word: str, frequencies: dict[str, float] | None = None) -> float:
    """Zipf frequency of one normalised word (the most frequent of its spellings)."""
    frequencies = _arabic_frequencies() if frequencies is None else frequencies
    best = max((frequencies.get(s, 0.0) for s in _spellings(word)), default=0.0)
    return round(math.log10(best) + 9.0, 2) if best > 0 else 0.0


def name_zipfs(names: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Per normalised name, the Zipf frequency of the name and of the name with its article
    toggled (سيول → السيول, الخبر → خبر). A common noun or adjective is frequent in both forms
    (السيول "the torrents", خبر "news"); a proper name rarely takes or drops the article
    (موسكو, not الموسكو; بيروت, not البيروت), whatever its own frequency. A name of several words
    counts as its rarest word (``البحر الميت`` is as rare as ميت) and has no toggled form."""
    frequencies = _arabic_frequencies()
    words: dict[str, float] = {}

    def zipf(word: str) -> float:
        if word not in words:
            words[word] = word_zipf(word, frequencies)
        return words[word]

    out = {}
    for name in names:
        parts = name.split()
        if len(parts) == 1:
            toggled = name[2:] if name.startswith("ال") and len(name) > 4 else f"ال{name}"
            out[name] = (zipf(name), zipf(toggled))
        else:
            out[name] = (min((zipf(p) for p in parts), default=0.0), 0.0)
    return out
