"""Actors named in the text, resolved through the actors lexicon to canonical names and inter codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo_incidents.extract.lexicon import ActorDef
from geo_incidents.text.phrases import PhraseMatch


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    actor: ActorDef
    surface: str


def resolve_actors(matches: list[PhraseMatch], surface_of, day: date | None) -> list[ActorMention]:
    """One mention per match: the lexicon entry valid on ``day`` (aliases can be period-bound).

    ``surface_of(start, end)`` gives the words as written in the article (folded offsets in)."""
    by_span: dict[tuple[int, int], list[ActorDef]] = {}
    for m in matches:
        by_span.setdefault((m.start, m.end), []).append(m.payload)
    out = []
    for (start, end), defs in sorted(by_span.items()):
        valid = [d for d in defs if d.valid_on(day)] or defs
        out.append(ActorMention(start, end, valid[0], surface_of(start, end)))
    return out


def pick_two(mentions: list[ActorMention]) -> list[ActorMention]:
    """The first two distinct actors in order of appearance."""
    chosen: list[ActorMention] = []
    for m in mentions:
        if all(c.actor.name != m.actor.name for c in chosen):
            chosen.append(m)
        if len(chosen) == 2:
            break
    return chosen
