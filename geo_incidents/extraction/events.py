"""Event triggers grouped into events: one event per clause, the highest-priority trigger wins.

A clause that names a shell falling during a clash is one battle, not two incidents.  Refinements
from the lexicon then specialise the sub-event type from context words in the same clause
("قصف" with "الطيران" is an air strike; "انقطاع طريق" with "في بعض المناطق" a partial closure).
A sentence that reports what a diplomat said (a statement cue and a speaker cue) yields no violent
event: "Cairo follows the clashes with concern" is commentary, not a clash.

ACLED codes an event by its means, one event per incident and place.  Words that only say that
something happened (هجوم، استهداف، مجزرة: ``generic`` triggers) take their type from the means
named in their sentence, or else from the incident the text tells around them
(:func:`resolve_generic`); words that only name a means (الطيران الحربي: ``needs_act``) are an event
only where their sentence tells an act or casualties; and a chemical agent makes the whole attack
of its sentence a chemical-weapon event, not an air strike beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from geo_incidents.extraction.aggregate import told_beside_method
from geo_incidents.extraction.background import BackgroundSpan, span_finder
from geo_incidents.extraction.lexicon import Refinement, TriggerDef
from geo_incidents.model import EventType
from geo_incidents.text.phrases import PhraseMatch
from geo_incidents.text.segment import Clause, Sentence

#: A closing verb is a road closure only in a sentence that names a road or a crossing.
_CHEMICAL = "Chemical weapon"
#: "the previous attack", "attacked before": an incident older than the one the text tells
_RELATIVE = re.compile(r"\s+(?:الذي|التي|اللذين|اللتين|الذين)(?!\w)")
_PAST = re.compile(r"(?:\s+[^\s،,.]+)?\s+(?:ال)?(?:سابق|سابقه|اسبق|اسبقه|سابقا)(?!\w)")
#: "the expected attack", "the imminent offensive" (الهجوم المرتقب على إدلب، عملية عسكرية وشيكة): what has
#: not happened (ACLED codes only events that did; the verbs of threat and plan are ``context.background``)
_FUTURE = re.compile(r"(?:\s+[^\s،,.]+)?\s+(?:ال)?(?:مرتقب|مرتقبه|وشيك|وشيكه|مزمع|مزمعه|مقبل|مقبله)(?!\w)")
#: "the remnants of" a fight or a bombardment (لغم من مخلفات المعارك، قنبلة من مخلفات القصف): a past event that
#: left the explosive, not one told (the explosion is the event: مخلفات الحرب is an IED trigger of its own)
_REMNANTS_OF = re.compile(r"(?<!\w)[وب]?(?:ال)?مخلفات\s+(?:ال)?$")
#: "the use of" a weapon ("يحظر القانون استخدام الأسلحة الحارقة قرب المدنيين"): the weapon as a class
_USE_OF = re.compile(r"(?<!\w)[وفلب]?(?:ال)?استخدام(?:ه|ها|هم)?\s+(?:ال)?$")
#: a means "on" a target is the act elided in a headline ("الطيران الحربي على حي السكري")
_ON_TARGET = re.compile(r"\s+(?:[^\s]+\s+)?علي\s")
_ROAD_WORD = re.compile(r"(?<!\w)(?:و|ب|ل)?(?:ال)?(?:طريق|طرق|معبر|اوتوستراد|اوتستراد|جسر|الطرقات)(?!\w)")


@dataclass(slots=True)
class Event:
    sentence_index: int
    sentence: Sentence
    clause: Clause
    trigger: PhraseMatch
    event_type: str
    sub_event_type: str
    status: str = ""
    priority: int = 0
    places: list = field(default_factory=list)
    place_fallback: str = ""
    own_place: bool = False  # a place of its own clause (or of a trigger-less clause next to it)
    locators: list = field(default_factory=list)  # road closures: places that locate the closed stretch
    spread: list = field(default_factory=list)  # places the event spread to (امتدت إلى …): one incident each
    casualties: list = field(default_factory=list)
    destination: str = ""
    generic: bool = False  # its type came from a word that says that, not what (see resolve_generic)
    typed_by_means: bool = False  # a generic event that took the type of a means named around it
    #: told only by generic words (a means whose act is "the attack"): an event only with a place,
    #: a date, casualties or damage of its own
    needs_substance: bool = False
    #: an attack typed by the harm it did, its weapon unnamed (see type_by_harm)
    means_unstated: bool = False
    #: other sentences that tell this event again and were folded into it ("the shelling lasted an hour")
    told: list = field(default_factory=list)
    #: typed by the means the article names for the same attack at the same place and day
    means_from_article: bool = False
    #: an earlier attack cited with its own date ("القصف السابق للمدرسة في 9 آذار"): never the
    #: attack told around it, and without a place of its own left out
    cited_past: bool = False
    #: its weapon named as "the use of" it: a class of weapons (law, statistics) unless a place, a date
    #: or casualties of its own pin it
    use_of: bool = False

    @property
    def means_guessed(self) -> bool:
        """Its type does not come from a weapon named with it: a word that says that an attack happened,
        an unqualified bombardment, or the harm it did."""
        definition = self.trigger.payload
        return self.generic or self.means_unstated or (
            definition.unnamed_means and self.sub_event_type == definition.sub_event_type)

    @property
    def violent(self) -> bool:
        return self.event_type in EventType.VIOLENT


def group_events(
    sentences: list[Sentence],
    sentence_index_of,
    triggers: list[PhraseMatch],
    refinements: list[Refinement],
    text: str,
    commentary: set[int],
    background: list[BackgroundSpan] = (),
    harm_sentences: frozenset[int] = frozenset(),
    explicit_dates: list[tuple[int, int]] = (),
    statistics: set[int] = frozenset(),
    cited_spans: list[tuple[int, int]] = (),
    relative_dates: list[tuple[int, int]] = (),
    method_notes: dict[int, list[int]] | None = None,
    past_at: list[int] = (),
) -> list[Event]:
    """One event per clause; triggers in background phrases are dropped (see :mod:`.background`).
    ``harm_sentences`` tell casualties or damage: like an act, harm makes a ``needs_act`` means an event.
    A past incident cited in passing ("ضحايا الهجوم السابق") keeps its own date or is left out: its
    trigger counts only with an explicit date (``explicit_dates``) in its clause.  A sentence that tells
    a statistic (``statistics``, see :mod:`.aggregate`) yields no event, and so does a clause of a sentence
    that tells a method (``method_notes``: the method words' starts by sentence) unless the clause holds
    no method word and a past verb of attack (``past_at``, sorted starts).  So does a trigger in a
    span that cites a past event (``cited_spans``: an anniversary, the pluperfect, سبق أن; see
    :func:`.background.cited_spans`), unless the span names a time of its own, written or relative
    (``relative_dates``): "سبق أن قصفت المدفعية البلدة في 3 أيار 2023"، "وكانت البلدة قد تعرضت لقصف العام
    الماضي" keep their own date; "تحل اليوم ذكرى المجزرة" is today's anniversary, not today's massacre."""
    kept: list[tuple[int, PhraseMatch, BackgroundSpan | None]] = []
    foreground: set[int] = set()
    past: list[tuple[int, int]] = []
    cited: set[int] = set()  # trigger starts of earlier attacks cited with their own date
    span_at = span_finder(background)
    for match in triggers:
        s_idx = sentence_index_of(match.start)
        if s_idx < 0:
            continue
        sentence = sentences[s_idx]
        if not (sentence.start <= match.start < sentence.end):
            continue
        definition: TriggerDef = match.payload
        if s_idx in commentary and definition.event_type != EventType.STRATEGIC or s_idx in statistics:
            continue
        if method_notes and s_idx in method_notes:
            clause = sentence.clause_at(match.start)
            if not told_beside_method(clause.start, clause.end, method_notes[s_idx], past_at):
                continue
        if definition.needs_road and not _ROAD_WORD.search(text, sentence.start, sentence.end):
            continue
        within = next(((low, high) for low, high in cited_spans if low <= match.start < high), None)
        if within is not None:
            if not any(within[0] <= start < within[1] for start, _ in (*explicit_dates, *relative_dates)):
                continue
            cited.add(match.start)
        elif (past and any(start <= match.start < end for start, end in past)) or _PAST.match(text, match.end):
            clause = sentence.clause_at(match.start)
            if not any(clause.start <= start < clause.end for start, _ in explicit_dates):
                marker = _PAST.match(text, match.end)
                if marker and _RELATIVE.match(text, marker.end()):
                    past.append((marker.end(), clause.end))  # "… السابق الذي استهدف …": the same old attack
                continue
            cited.add(match.start)
        elif _FUTURE.match(text, match.end) or _REMNANTS_OF.search(text, max(0, match.start - 12), match.start):
            continue
        span = span_at(match.start)
        if span is None:
            foreground.add(s_idx)
        kept.append((s_idx, match, span))
    violent = [(s_idx, match.payload) for s_idx, match, _ in kept
               if not match.payload.needs_act and match.payload.event_type in EventType.VIOLENT]
    acts = harm_sentences | {s_idx for s_idx, d in violent if not d.generic}
    generic_acts = {s_idx for s_idx, d in violent if d.generic}
    kept = [k for k in kept if not k[1].payload.needs_act or k[0] in acts or k[0] in generic_acts
            or _ON_TARGET.match(text, k[1].end)]
    # the trigger of each clause (the first of the highest priority) is chosen before any event is made
    best: dict[tuple[int, int], tuple[PhraseMatch, TriggerDef, Clause]] = {}
    for s_idx, match, span in kept:
        if span is not None and (span.always or s_idx in foreground):
            continue
        definition = match.payload
        clause = sentences[s_idx].clause_at(match.start)
        key = (s_idx, clause.index)
        if key in best and (definition.priority, not definition.unnamed_means) <= (
                best[key][1].priority, not best[key][1].unnamed_means):
            continue
        best[key] = (match, definition, clause)
    events = []
    for (s_idx, _), (match, definition, clause) in sorted(best.items(), key=itemgetter(0)):
        sentence = sentences[s_idx]
        event = Event(s_idx, sentence, clause, match, definition.event_type, definition.sub_event_type,
                      definition.status, definition.priority, generic=definition.generic,
                      cited_past=match.start in cited,
                      use_of=bool(_USE_OF.search(text, max(0, match.start - 16), match.start)))
        event.needs_substance = definition.generic or (
            definition.needs_act and s_idx not in acts and not _ON_TARGET.match(text, match.end))
        _refine(event, refinements, text[clause.start : clause.end], text[sentence.start : sentence.end],
                lambda s_idx=s_idx: _paragraph_text(sentences, s_idx, text))
        events.append(event)
    _paragraph_means(events, triggers, sentences, sentence_index_of)
    events = resolve_generic(events, text)
    _paragraph_means(events, triggers, sentences, sentence_index_of, generic=True)
    return fire_of_a_battle(events, text)


#: the fire a battle's clause goes with: a clause opened by وسط، مع، بالتزامن مع، تزامناً مع، ترافق …، تحت
#: غطاء، بغطاء، بتغطية، بمساندة، بدعم، بعد / إثر / عقب تمهيد (folded text)
_ALONGSIDE = re.compile(r"[\s،,]*و?(?:وسط|مع|بالتزامن|تزامنا|ترافق\w*|تحت\s+غطاء|بغطاء|بتغطيه|بمسانده|بدعم"
                        r"|(?:بعد|اثر|عقب)\s+تمهيد)(?!\w)")
#: the fire that supports a ground fight (a chemical weapon, a car bomb or a mine is an event of its own)
_SUPPORTING_FIRE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def fire_of_a_battle(events: list[Event], text: str) -> list[Event]:
    """One event per incident and place (ACLED): air strikes or shelling told in a clause that goes with
    a battle of the next or previous clause ("شنت القوات هجوماً برياً على القرية وسط قصف مدفعي كثيف"، "قصفت
    المدفعية البلدة وسط اشتباكات على أطرافها"، "اقتحمت القوات البلدة، بالتزامن مع غارات على أطرافها") are the
    battle's fire support: one battle, not a battle and a strike.  The later of the two clauses opens
    with a word of going along (:data:`_ALONGSIDE`); a strike told in a clause of its own beside a fight
    ("اشتبكت الفصائل مع القوات، وقصفت الطائرات بلدة أخرى") stays an event, and so does a chemical weapon,
    a bomb or a mine.  The fire's clause, left with no event, lends its places to the battle."""
    battles: dict[int, list[Event]] = {}
    for event in events:
        if event.event_type == EventType.BATTLES and not event.generic:
            battles.setdefault(event.sentence_index, []).append(event)
    if not battles:
        return events
    return [e for e in events if not (e.event_type == EventType.EXPLOSIONS and e.sub_event_type in _SUPPORTING_FIRE
                                      and any(_goes_with(b.clause, e.clause, text)
                                              for b in battles.get(e.sentence_index, ())))]


def _goes_with(one: Clause, other: Clause, text: str) -> bool:
    """The later of two clauses follows the first, opened by a word of going along (:data:`_ALONGSIDE`; its
    مع a clause break of its own: "، بالتزامن مع غارات")."""
    first, second = (one, other) if one.index < other.index else (other, one)
    along = _ALONGSIDE.match(text, first.end)
    return along is not None and text[along.end() : second.start].strip() in ("", "مع")


#: the sub-event types a word names the weapon of (an explosion, a bomb or an attack does not)
_MEANS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", _CHEMICAL})


def _paragraph_means(events: list[Event], triggers: list[PhraseMatch], sentences: list[Sentence],
                     sentence_index_of, generic: bool = False) -> None:
    """An unqualified bombardment (قصف) whose sentence names no weapon takes the weapon named nearest
    to it in its paragraph ("حلقت الطائرات الحربية فوق البلدة. وبعد دقائق بدأ القصف": the aircraft's
    strike): a paragraph tells one attack, and ACLED codes it by its means.  A weapon named in the
    bombardment's own sentence was read there already; with none in the paragraph it stays shelling.
    With ``generic``, the same for an attack word (هجوم، استهداف) that no event of the text typed
    (:func:`resolve_generic`): a weapon mentioned without an act of its own is still the means."""
    if generic:
        # (استهداف … صاروخ حربي was refined to the aircraft's by a word of its clause already)
        waiting = [e for e in events if e.generic and not e.typed_by_means
                   and not (e.sub_event_type in _MEANS and e.sub_event_type != e.trigger.payload.sub_event_type)]
    else:
        waiting = [e for e in events if e.trigger.payload.unnamed_means
                   and e.sub_event_type == e.trigger.payload.sub_event_type]
    if not waiting:
        return
    by_paragraph: dict[int, list[PhraseMatch]] = {}
    for match in _longest(t for t in triggers if t.payload.event_type == EventType.EXPLOSIONS
                          and not t.payload.generic and not t.payload.unnamed_means
                          and t.payload.sub_event_type in _MEANS):
        by_paragraph.setdefault(sentences[max(0, sentence_index_of(match.start))].paragraph, []).append(match)
    starts = {paragraph: [t.start for t in here] for paragraph, here in by_paragraph.items()}
    for event in waiting:
        here = by_paragraph.get(event.sentence.paragraph, [])
        at = starts.get(event.sentence.paragraph, [])
        if not generic and bisect_left(at, event.sentence.start) < bisect_left(at, event.sentence.end):
            continue  # a weapon of its own sentence was read there
        middle = bisect_left(at, event.trigger.start)
        nearest = min(here[max(0, middle - 1) : middle + 1], key=lambda t: abs(t.start - event.trigger.start),
                      default=None)
        if nearest is not None:
            event.event_type, event.sub_event_type = EventType.EXPLOSIONS, nearest.payload.sub_event_type
            event.typed_by_means = event.typed_by_means or generic


def _longest(matches) -> list[PhraseMatch]:
    """The matches no longer one holds: صاروخ حربي (an aircraft's) names the weapon, not the صاروخ
    (a ground launcher's) inside it."""
    kept: list[PhraseMatch] = []
    reach = -1
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.end > reach:
            kept.append(match)
            reach = match.end
    return kept


def resolve_generic(events: list[Event], text: str = "") -> list[Event]:
    """One event per incident, typed by its means.

    * A generic event (هجوم، استهداف، مجزرة) in a sentence that names a means is that means' event:
      it is dropped, and its clause's places go to the means' event (a clause without an event lends
      its places to its neighbours).
    * A chemical agent makes the attack of its sentence a chemical-weapon event: the sentence's other
      remote-violence events (the aircraft that dropped it) are the same attack.
    * A generic event whose sentence names no means takes the type of the incident the text tells
      around it: the nearest event with a means before it, or else after it.  With none it keeps the
      lexicon's default (a clash, or an attack on civilians when they are the target).
    * A plural one (الهجمات، هجمات) speaks of many attacks, not of the incident told elsewhere: it
      takes a means only from its own paragraph ("the team verified the videos of the Russian
      attacks" in a data page is no strike told again).
    """
    means = {e.sentence_index for e in events if e.violent and not e.generic}
    chemical = {e.sentence_index for e in events if e.sub_event_type == _CHEMICAL}
    kept = [e for e in events
            if not (e.generic and e.sentence_index in means)
            and not (e.sentence_index in chemical and e.event_type == EventType.EXPLOSIONS
                     and e.sub_event_type != _CHEMICAL)]
    typed = [(i, e) for i, e in enumerate(kept) if e.violent and not e.generic]
    for i, event in enumerate(kept):
        if not event.generic:
            continue
        near = typed
        if text and plural_word(text, event.trigger.start, event.trigger.end):
            near = [(j, e) for j, e in typed if e.sentence.paragraph == event.sentence.paragraph]
        # the nearest before it, else the nearest after it (``near`` is in order; ``event`` is not in it)
        k = bisect_left(near, i, key=itemgetter(0))
        source = near[k - 1][1] if k else (near[k][1] if near else None)
        if source is not None:
            event.event_type, event.sub_event_type = source.event_type, source.sub_event_type
            event.typed_by_means = True
    return kept


def type_by_harm(events: list[Event], damage_near: set[int], poisoning_near: set[int], poisoned: set[int],
                 armed: set[int], unstated_means: tuple[str, str]) -> None:
    """An attack takes the weapon its harm points to (ACLED codes the means).

    * People poisoned (suffocation, convulsions, constricted pupils) in the sentence of a strike or
      shelling: the strike released a toxic agent, one chemical-weapon event (``poisoned``).
    * An attack that no means typed, with people poisoned in or next to its sentence
      (``poisoning_near``): a chemical weapon.
    * One with buildings or things damaged in or next to its sentence (``damage_near``): explosive
      weapons, remote violence, not a battle nor shooting at civilians (rifles do not bring down
      buildings); the sub-event type is the usual means (``unstated_means``: an air strike, or shelling
      at an armed target, ``armed`` holding the sentences that name one), marked as a guess.
    """
    usual, at_armed = unstated_means
    for event in events:
        if not event.generic or event.typed_by_means:
            if event.event_type == EventType.EXPLOSIONS and event.sentence_index in poisoned:
                event.sub_event_type = _CHEMICAL
            continue
        if event.sentence_index in poisoning_near:
            event.event_type, event.sub_event_type = EventType.EXPLOSIONS, _CHEMICAL
        elif event.sentence_index in damage_near:
            event.event_type = EventType.EXPLOSIONS
            event.sub_event_type = at_armed if event.sentence_index in armed else usual
        else:
            continue
        event.means_unstated = True


def _paragraph_text(sentences: list[Sentence], s_idx: int, text: str) -> str:
    """The text of the paragraph holding sentence ``s_idx``."""
    paragraph = sentences[s_idx].paragraph
    first = last = s_idx
    while first > 0 and sentences[first - 1].paragraph == paragraph:
        first -= 1
    while last + 1 < len(sentences) and sentences[last + 1].paragraph == paragraph:
        last += 1
    return text[sentences[first].start : sentences[last].end]


def _refine(event: Event, refinements: list[Refinement], clause_text: str, sentence_text: str = "",
            paragraph_text=None) -> None:
    """Apply the lexicon's refinements; ``paragraph_text`` (called only when a rule of that scope is
    tried) gives the paragraph's text."""
    in_clause, in_sentence = f" {clause_text} ", f" {sentence_text or clause_text} "
    for rule in refinements:
        if rule.from_sub_event_type != event.sub_event_type:
            continue
        if rule.only_phrases and event.trigger.phrase not in rule.only_phrases:
            continue
        if rule.scope == "paragraph":
            words = f" {paragraph_text() if paragraph_text else sentence_text or clause_text} "
        else:
            words = in_sentence if rule.scope == "sentence" else in_clause
        if _has_any_word(words, rule.context) and not _has_any_word(words, rule.unless):
            event.event_type, event.sub_event_type = rule.event_type, rule.sub_event_type
            if rule.status:
                event.status = rule.status


#: what may be glued before a context word (بالطيران, والجوي, and the colloquial بلبراميل for بالبراميل)
_GLUED = ("", "و", "ب", "ل", "ال", "بال", "وال", "لل", "وب", "ف", "بل", "وبل")


def _has_any_word(padded: str, words: tuple[str, ...]) -> bool:
    """One of ``words`` at the start of a word of ``padded`` (text with a space before it), or after a
    clitic or article glued to it (:data:`_GLUED`): one search for all of a rule's words (a rule has up
    to twenty, and a long report tries its rules on hundreds of triggers)."""
    return bool(words) and _words_at_word_start(words).search(padded) is not None


@lru_cache(maxsize=256)
def _words_at_word_start(words: tuple[str, ...]) -> re.Pattern:
    """A space, what may be glued (:data:`_GLUED`), then one of ``words``: the expression tries every
    combination of the two."""
    glued = "|".join(re.escape(g) for g in _GLUED if g)
    return re.compile(f" (?:{glued})?(?:{'|'.join(re.escape(w) for w in words)})")


def plural_word(text: str, start: int, end: int) -> bool:
    """The word holding ``start``..``end`` ends in the sound feminine plural (الهجمات، بغارات)."""
    while end < len(text) and text[end].isalpha():
        end += 1
    return text.endswith("ات", start, end)


def definite_word(text: str, start: int) -> bool:
    """The word at ``start`` carries the article (القصف، المصابون، للجرحى): it names again what the text
    has told."""
    left = start
    while left > 0 and text[left - 1].isalpha():
        left -= 1
    return text[left:start].endswith(("ال", "لل")) or text.startswith("ال", start)
