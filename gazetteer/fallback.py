"""Asking an online geocoder for what the local index does not know (opt-in).

:class:`~gazetteer.Gazetteer` takes ``online=`` (a :class:`~gazetteer.online.NominatimGeocoder`
or any callable ``name -> list[Candidate]``); nothing here runs unless one is given. ``lookup``
asks it only when the local index has no candidate; ``find`` asks it only for a place-specific
cue word (حي، دوار، طريق، مستشفى، معبر، ساحة) followed by a name that no local mention covers:
``دوار الجندول`` becomes one query. Answers keep their ``nominatim:`` ids, so a caller can tell
them apart, and the geocoder caches them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gazetteer.matcher import NAME_CUES, cue_of
from gazetteer.model import Candidate, Mention
from gazetteer.normalize import normalize_name, scan_tokens
from gazetteer.words import STOP_NAMES

OnlineGeocoder = Callable[[str], Sequence[Candidate]]

#: Words after which a cue's name cannot go on (prepositions, conjunctions).
_NAME_BREAKS = frozenset({"في", "من", "علي", "الي", "عن", "مع", "بعد", "قبل", "خلال", "منذ", "حتي", "عند", "و"})
#: At most this many words after the cue make the name asked for.
MAX_NAME_WORDS = 2


def online_mentions(text: str, mentions: Sequence[Mention], online: OnlineGeocoder,
                    scanned: str | None = None) -> list[Mention]:
    """Mentions the online geocoder finds for cue-typed names no local mention covers.
    ``scanned`` is ``text`` with markup blanked (same length), when it had any."""
    tokens, offsets = scan_tokens(scanned if scanned is not None else text)
    covered = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    for index, token in enumerate(tokens[:-1]):
        typed = cue_of(token)
        if typed is None:
            continue
        prefix, (base, kinds, _) = typed
        if base not in NAME_CUES:
            continue
        words = _name_after(tokens, offsets, index + 1, text)
        if not words:
            continue
        cue_start = offsets[index][0] + len(prefix)
        end = offsets[index + words][1]
        name_start = offsets[index + 1][0]
        if any(start < end and name_start < stop for start, stop in covered):
            continue
        query = " ".join(text[cue_start:end].split())
        candidates = tuple(online(query))
        if not candidates:
            continue
        ranked = sorted(candidates, key=lambda c: (c.place.kind not in kinds, -c.score))
        found.append(Mention(cue_start, end, text[cue_start:end], normalize_name(text[name_start:end]), base,
                             tuple(ranked)))
        covered.append((cue_start, end))
    return found


def _name_after(tokens: list[str], offsets, first: int, text: str) -> int:
    """How many words after a cue make its name: up to :data:`MAX_NAME_WORDS`, stopping at
    punctuation, a preposition or another cue word."""
    count = 0
    for index in range(first, min(first + MAX_NAME_WORDS, len(tokens))):
        token = tokens[index]
        if token in _NAME_BREAKS or cue_of(token) is not None or (count and token in STOP_NAMES):
            break
        if count and text[offsets[index - 1][1]:offsets[index][0]].strip():
            break  # punctuation between the words
        count += 1
    if count and len(tokens[first]) < 3:
        return 0
    return count
