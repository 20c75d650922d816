"""Actors named in the text, resolved through the actors lexicon to canonical names and inter codes."""

from __future__ import annotations

import re
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
    #: named as what was hit (تجمعات النظام، حاجز لقوات النظام، مقتل عنصرين من قوات النظام): ACLED's actor2
    target: bool = False


#: Words before an actor that make it the owner of what was hit: its positions, gatherings, checkpoints,
#: patrols, vehicles, members (killed, captured) or cells (arrested) — then ``of`` (من، ل) or nothing (تجمعات
#: النظام، خلية تابعة لتنظيم داعش). Folded text.
_TARGET_BEFORE = re.compile(
    r"(?:^|\s)(?P<lead>\S+\s+)?[وفب]?(?:ال)?(?:تجمعات|تجمع|مواقع|موقع|مقرات|مقر|نقاط|نقطه|حاجز|حواجز|دوريه|دوريات"
    r"|رتل|ارتال|عناصر|عنصر|عنصرين|جنود|جندي|اليات|اليه|سياره|سيارات|عربه|قتلي|مقتل|اسر|اسري|خليه|خلايا)"
    r"(?:\s+(?:ال)?(?:عسكريه|عسكري|تابعه|تابع))?\s+(?:من\s+|لل|ل)?$"
)
#: ... unless the word before them says the actor acts from there (من مواقع: from its positions) or is one
#: side of a fight (بين عناصر X و Y).
_AGENT_LEADS = frozenset({"من", "بين"})


def named_as_target(text: str, start: int) -> bool:
    """Whether the actor starting at ``start`` (folded text, its article included) is named as the owner of
    what was hit, arrested or captured (:data:`_TARGET_BEFORE`)."""
    return _named_as_target(text, start - 2 if text[max(0, start - 2):start] == "ال" else start)


def _named_as_target(text: str, start: int) -> bool:
    found = _TARGET_BEFORE.search(text, max(0, start - 40), start)
    return found is not None and (found["lead"] or "").strip() not in _AGENT_LEADS


def resolve_actors(matches: list[PhraseMatch], surface_of, day: date | None, text: str = "",
                   read: dict[tuple[int, int], tuple[str, bool]] | None = None) -> list[ActorMention]:
    """One mention per match: the lexicon entry valid on ``day`` (aliases can be period-bound).

    ``surface_of(start, end)`` gives the words as written in the article (folded offsets in). The matcher finds
    an alias after a clitic and the article (والقوات → قوات); the surface keeps the article as written
    (القوات الحكومية، الأسايش، القصف الجوي الروسي), so the name reads as the text writes it.

    ``read``: the surface and target reading of the spans already resolved in the same text (filled here);
    the events of one sentence share its actors, and each event resolves them."""
    by_span: dict[tuple[int, int], list[ActorDef]] = {}
    for m in matches:
        by_span.setdefault((m.start, m.end), []).append(m.payload)
    if read is None:
        read = {}
    out = []
    for span, defs in sorted(by_span.items()):
        valid = [d for d in defs if d.valid_on(day)] or defs
        reading = read.get(span)
        if reading is None:
            reading = read[span] = _read_span(span, surface_of, text)
        out.append(ActorMention(span[0], span[1], valid[0], *reading))
    return out


def _read_span(span: tuple[int, int], surface_of, text: str) -> tuple[str, bool]:
    """An actor's name as the text writes it, and whether it is named as what was hit."""
    start, end = span
    before = text[max(0, start - 2):start]
    shown = start - 2 if before == "ال" else start
    # after ل the article loses its alef (للطيران = ل + الطيران): the name gets it back
    surface = ("ال" if before == "لل" else "") + surface_of(shown, end)
    return surface, bool(text) and _named_as_target(text, shown)


def pick_two(mentions: list[ActorMention]) -> list[ActorMention]:
    """The first two distinct actors in order of appearance."""
    chosen: list[ActorMention] = []
    for m in mentions:
        if all(c.actor.name != m.actor.name for c in chosen):
            chosen.append(m)
        if len(chosen) == 2:
            break
    return chosen
