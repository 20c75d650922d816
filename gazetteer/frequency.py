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

import hashlib
import math
import os
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from itertools import product
from pathlib import Path

_ALEFS = ("ا", "أ", "إ", "آ")
#: The hamza's seats that normalisation folds into ي and و (:mod:`gazetteer.normalize`).
_SEATS = {"ي": "ئ", "و": "ؤ"}
#: ... tried at the last this many of a word's ي and و (2 ** 3 spellings at most from them).
_SEATS_TRIED = 3


@lru_cache(maxsize=1)
def _arabic_frequencies() -> dict[str, float]:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - a dependency; without it every name counts as rare
        return {}
    return wordfreq.get_frequency_dict("ar", wordlist="best")


def _spellings(word: str) -> Iterable[str]:
    """Unnormalised spellings of a normalised word: the alef of its first letter or after the
    article may carry a hamza, a final ه may be ة, a final ي may be ى, and a ي or و after the first
    letter may be the hamza's seat ئ / ؤ (الفصايل is الفصائل "the factions", مويد is مؤيد), up to
    :data:`_SEATS_TRIED` of them per word."""
    options: list[tuple[str, ...]] = [(ch,) for ch in word]
    seats = [i for i, ch in enumerate(word) if i and ch in _SEATS][-_SEATS_TRIED:]
    for i in seats:
        options[i] = (word[i], _SEATS[word[i]])
    if word[:1] == "ا":
        options[0] = _ALEFS
    if word.startswith("ال") and len(word) > 2 and word[2] == "ا":
        options[2] = _ALEFS
    if len(word) > 1 and word[-1] == "ه":
        options[-1] = ("ه", "ة")
    elif len(word) > 1 and word[-1] == "ي":
        options[-1] = ("ي", "ى", "ئ")
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


#: Words at least this frequent (Zipf) are ordinary words: the bar of :func:`is_frequent_word`.
FREQUENT_ZIPF = 3.2


def is_frequent_word(word: str) -> bool:
    """Whether a normalised word, or the word with its article toggled (عزل / العزل), is at least
    :data:`FREQUENT_ZIPF` frequent in ordinary Arabic. Finding places asks this of a few words
    (:mod:`gazetteer.cue_mentions`), so the set is read from the cache folder, where it is written
    the first time from ``wordfreq`` (whose 620,000 words take 0.4 s to load), not ``wordfreq`` itself."""
    words = _frequent_words()
    toggled = word[2:] if word.startswith("ال") else "ال" + word
    return word in words or toggled in words


@lru_cache(maxsize=1)
def _frequent_words() -> frozenset[str]:
    from gazetteer.atomic import write_bytes_atomic
    from gazetteer.cache_dir import default_cache_dir

    try:
        release = version("wordfreq")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        release = "none"
    path = default_cache_dir() / f"frequent-words-ar-{release}-{FREQUENT_ZIPF}-{_code_digest()}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        pass
    words = frequent_words(_arabic_frequencies())
    try:
        os.makedirs(path.parent, exist_ok=True)
        write_bytes_atomic(path, "\n".join(sorted(words)).encode("utf-8"))
    except OSError:  # a read-only cache: the set is rebuilt next time
        pass
    return words


def _code_digest() -> str:
    """A digest of the code that makes the list (this module and the normaliser), so that a list
    written before the normaliser changed is never read for its keys."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("frequency.py", "normalize.py"):
        try:
            digest.update((here / name).read_bytes())
        except OSError:  # pragma: no cover - an installed package has both
            digest.update(b"missing")
    return digest.hexdigest()[:12]


def frequent_words(frequencies: dict[str, float]) -> frozenset[str]:
    """The normalised Arabic words of ``frequencies`` at least :data:`FREQUENT_ZIPF` frequent."""
    from gazetteer.normalize import normalize_name

    bar = 10.0 ** (FREQUENT_ZIPF - 9.0)
    out = set()
    for word, frequency in frequencies.items():
        if frequency >= bar:
            key = normalize_name(word)
            if key and " " not in key:
                out.add(key)
    return frozenset(out)
