"""The lexicons (data files in ``geo_incidents/lexicons``) loaded once into matchers.

Analysts extend the TOML files; nothing here needs to change.  See ``lexicons/README.md``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from gazetteer.anchored import AnchoredPattern
from gazetteer.normalize import fold_phrase
from geo_incidents.text.noise import NoiseFilter
from geo_incidents.text.numbers import NumberWords
from geo_incidents.text.phrases import PhraseMatcher, PhraseMatchers, present_tense

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "lexicons"


@dataclass(frozen=True, slots=True)
class TriggerDef:
    event_type: str
    sub_event_type: str
    priority: int
    status: str = ""
    needs_road: bool = False
    #: says that something happened, not by which means (هجوم، استهداف، مجزرة): the means named
    #: around it gives the type (see :func:`geo_incidents.extraction.events.resolve_generic`)
    generic: bool = False
    #: names a means, not an act (الطيران الحربي): an event only in a sentence that tells an act
    needs_act: bool = False
    #: names the act but not the weapon (an unqualified قصف): its type is a default that the means
    #: the article names for the same attack replaces
    unnamed_means: bool = False


@dataclass(frozen=True, slots=True)
class Refinement:
    from_sub_event_type: str
    event_type: str
    sub_event_type: str
    context: tuple[str, ...]
    only_phrases: frozenset[str]
    status: str = ""
    unless: tuple[str, ...] = ()
    #: where the context words are looked for: the trigger's ``clause`` or its whole ``sentence``
    scope: str = "clause"


@dataclass(frozen=True, slots=True)
class ActorDef:
    name: str
    inter: int
    acled_name: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    #: named by what its forces fly or fire and the state's adjective (طائرات حربية روسية, see
    #: :func:`forces_named`), not by one of its aliases
    by_means: bool = False

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return self.valid_until is None
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day >= self.valid_until)


class Lexicon:
    """Every matcher the extractor uses, built from one lexicon folder."""

    def __init__(self, folder: Path | None = None):
        folder = Path(folder) if folder else DEFAULT_DIR
        self.folder = folder
        triggers = _load(folder / "triggers.toml")
        verbs = [verb for t in triggers.get("trigger", []) for verb in t.get("verbs", ())]
        #: a match whose payload is None is a mask: a state description hiding the trigger inside it
        self.triggers = PhraseMatcher(
            [(phrase, TriggerDef(t["event_type"], t["sub_event_type"], int(t.get("priority", 50)),
                                 t.get("status", ""), bool(t.get("needs_road", False)),
                                 bool(t.get("generic", False)), bool(t.get("needs_act", False)),
                                 bool(t.get("unnamed_means", False))))
             for t in triggers.get("trigger", [])
             for phrase in dict.fromkeys((*t["phrases"], *t.get("verbs", ())))]
            + [(phrase, None) for phrase in triggers.get("mask", {}).get("phrases", [])]
            + [(f"{negation} {form}", None) for verb in verbs for form in present_tense(fold_phrase(verb))
               for negation in triggers.get("negations", ())],
            verbs=verbs,
            duals=True,
            other_words=triggers.get("other_words", {}).get("words", ()),
        )
        self.refinements = [
            Refinement(
                r["from_sub_event_type"],
                r["event_type"],
                r["sub_event_type"],
                tuple(fold_phrase(c) for c in r["context"]),
                frozenset(fold_phrase(p) for p in r.get("only_phrases", [])),
                r.get("status", ""),
                tuple(fold_phrase(c) for c in r.get("unless", [])),
                r.get("scope", "clause"),
            )
            for r in triggers.get("refine", [])
        ]
        #: the sub-event types of an attack that damaged things but whose means the text does not name
        unstated = triggers.get("unstated_means", {})
        self.unstated_means = (unstated.get("sub_event_type", "Air/drone strike"),
                               unstated.get("armed_target_sub_event_type", "Shelling/artillery/missile attack"))
        actors = _load(folder / "actors.toml")
        self.actors = PhraseMatcher(
            (
                (
                    alias,
                    ActorDef(
                        a["name"],
                        int(a["inter"]),
                        a.get("acled_name", ""),
                        date.fromisoformat(a["from"]) if a.get("from") else None,
                        date.fromisoformat(a["until"]) if a.get("until") else None,
                        by_means,
                    ),
                )
                for a in actors.get("actor", [])
                for alias, by_means in {
                    **forces_named(actors.get("forces", {}), a.get("nationality", ())),
                    **dict.fromkeys(a["aliases"], False),
                }.items()
            ),
            suffixes=False,
        )
        #: aliases that with the article glued on are an adjective of the noun before them (المدني), no actor
        self.attributive = frozenset(fold_phrase(alias) for a in actors.get("actor", [])
                                     for alias in a.get("attributive", ()))
        cues = _load(folder / "cues.toml")
        self.cues = PhraseMatcher(
            (phrase, f"{section}.{category}")
            for section, groups in cues.items()
            for category, phrases in groups.items()
            for phrase in phrases
        )
        #: every cue word's kind ("section.category")
        self.cue_kinds = frozenset(f"{section}.{category}" for section, groups in cues.items() for category in groups)
        self.dates = _load(folder / "dates.toml")
        self.numbers = NumberWords.from_file(folder / "numbers.toml")
        self.noise = NoiseFilter.from_file(folder / "noise.toml")

    def phrase_pass(self, anchored: Sequence[AnchoredPattern] = ()) -> PhraseMatchers:
        """Cue words, actors and triggers (in that order) found in one automaton pass, with the literals of
        the ``anchored`` expressions (see :meth:`find_phrases`)."""
        return PhraseMatchers([self.cues, self.actors, self.triggers], anchored)

    #: the order of :meth:`phrase_pass`'s lexicons: cue words overlap, actors and triggers do not
    OVERLAPPING = (True, False, False)

    @cached_property
    def _phrases(self) -> PhraseMatchers:
        return self.phrase_pass()

    def find_phrases(self, text: str) -> tuple[list, list, list]:
        """``cues.find(text, overlapping=True)``, ``actors.find(text)`` and ``triggers.find(text)``
        in one automaton pass."""
        cues, actors, triggers = self._phrases.find(text, self.OVERLAPPING)
        return cues, actors, triggers


def forces_named(forces: dict, nationality: Sequence[str]) -> dict[str, bool]:
    """A foreign state's forces as the lexicon's ``[forces]`` names them: each noun, with or without a
    modifier, then the state's adjective; modifier and adjective masculine and feminine (طيران حربي روسي،
    طائرات حربية روسية). Inner words take or lose the article in matching (الطيران الحربي الروسي). Each
    name maps to whether it names the forces by a means of attack (what they fly or fire: not the
    ``bodies`` nouns, قوات، جيش, which name the forces themselves)."""
    bodies = set(forces.get("bodies", ()))
    out: dict[str, bool] = {}
    for adjective in nationality:
        for noun in forces.get("nouns", ()):
            for modifier in ("", *forces.get("modifiers", ())):
                for ending in ("", "ة"):
                    words = (noun, f"{modifier}{ending}" if modifier else "", f"{adjective}{ending}")
                    out.setdefault(" ".join(word for word in words if word), noun not in bodies)
    return out


def _load(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: {exc}") from exc
