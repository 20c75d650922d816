"""Actors named in the text, resolved through the actors lexicon to canonical names and inter codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo_incidents.extraction.lexicon import ActorDef
from geo_incidents.text.phrases import PhraseMatch


@dataclass(slots=True, unsafe_hash=True)  # not frozen: cheaper to make (see text.phrases.PhraseMatch)
class ActorMention:
    start: int
    end: int
    actor: ActorDef
    surface: str


def resolve_actors(matches: list[PhraseMatch], surface_of, day: date | None, text: str = "") -> list[ActorMention]:
    """One mention per match: the lexicon entry valid on ``day`` (aliases can be period-bound).

    ``surface_of(start, end)`` gives the words as written in the article (folded offsets in). The matcher finds
    an alias after a clitic and the article (والقوات → قوات); when the alias is written with the article, the
    surface keeps it (القوات الحكومية, الأسايش), so the name reads as the lexicon writes it."""
    by_span: dict[tuple[int, int], list[ActorDef]] = {}
    phrases: dict[tuple[int, int], str] = {}
    for m in matches:
        by_span.setdefault((m.start, m.end), []).append(m.payload)
        phrases.setdefault((m.start, m.end), m.phrase)
    out = []
    for (start, end), defs in sorted(by_span.items()):
        valid = [d for d in defs if d.valid_on(day)] or defs
        shown = start - 2 if _article_before(text, start, phrases[(start, end)]) else start
        out.append(ActorMention(start, end, valid[0], surface_of(shown, end)))
    return out


def _article_before(text: str, start: int, phrase: str) -> bool:
    return bool(text) and start >= 2 and phrase.startswith("ال") and text[start - 2:start] == "ال"


def pick_two(mentions: list[ActorMention]) -> list[ActorMention]:
    """The first two distinct actors in order of appearance."""
    chosen: list[ActorMention] = []
    for m in mentions:
        if all(c.actor.name != m.actor.name for c in chosen):
            chosen.append(m)
        if len(chosen) == 2:
            break
    return chosen
