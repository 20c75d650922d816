"""The lexicons seen from corrections: an actor's canonical name and inter code, the trigger of an evidence."""

from __future__ import annotations

import tomllib
from functools import cache

from geo_incidents.extraction.lexicon import DEFAULT_DIR


@cache
def _actors() -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
    """(folded English name, normalised Arabic alias) -> (canonical English name, inter code)."""
    from gazetteer.normalize import normalize

    with open(DEFAULT_DIR / "actors.toml", "rb") as handle:
        actors = tomllib.load(handle).get("actor", [])
    english: dict[str, tuple[str, int]] = {}
    arabic: dict[str, tuple[str, int]] = {}
    for actor in actors:
        entry = (actor["name"], int(actor["inter"]))
        for key in (actor["name"].casefold(), actor.get("acled_name", "").casefold()):
            if key:
                english.setdefault(key, entry)
        for alias in actor.get("aliases", []):
            arabic.setdefault(normalize(alias), entry)
    return english, arabic


def actor_entry(name: str) -> tuple[str, str, int | None]:
    """(English name, Arabic name as given or '', inter code or None) of an actor an analyst typed."""
    from gazetteer.normalize import normalize

    name = (name or "").strip()
    if not name:
        return "", "", None
    english, arabic = _actors()
    hit = english.get(name.casefold())
    if hit:
        return hit[0], "", hit[1]
    hit = arabic.get(normalize(name))
    if hit:
        return hit[0], name, hit[1]
    return name, "", None


@cache
def _lexicon():
    from geo_incidents.extraction.lexicon import Lexicon

    return Lexicon()


def trigger_phrases(evidence: str) -> list[str]:
    """The trigger phrases (lexicon entries, folded) of the event lexicon found in an evidence sentence."""
    from gazetteer.normalize import fold_phrase

    if not evidence:
        return []
    text = fold_phrase(evidence)
    found = []
    for match in _lexicon().triggers.find(text):
        if match.payload is not None:
            found.append(match.phrase)
    return list(dict.fromkeys(found))
