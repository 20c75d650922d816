"""A specific incident, or talk of attacks: is an event's sentence the report of one incident?

Investigation reports, data pages and method notes name attacks without telling one: "the team
analysed the flight data near the sites said to be bombed", "images of strikes on water
infrastructure", "the attacks were marked by repeated shelling".  ACLED codes events, an attack at
one place on one day, not classes of attacks, statistics or descriptions of evidence.  Word lists
cannot cover such prose, so general signals of its sentence are weighed: what pins the event (a
place of its own, a day, casualties, a verb that tells it in the past), and what marks talk about
attacks (a plural attack word, a coarse date such as a month or a bare year, a word of report
structure or method, a statement of law, a list item, an attack word that says that, not what).
The weights are fitted on the tune halves of the development sets
by ``benchmarks/fit_specific_incident.py`` and committed in the lexicon folder
(``specific_incident.json``); every decision keeps a readable reason (the two weightiest signals).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from gazetteer.anchored import AnchoredPattern
from gazetteer.word_or_place import Model, read_model
from geo_incidents.extraction.aggregate import any_within
from geo_incidents.extraction.dates import DateMention
from geo_incidents.extraction.events import Event, plural_word
from geo_incidents.model import EventType
from geo_incidents.text.phrases import PhraseMatch, of_payload

WEIGHTS_NAME = "specific_incident.json"
LABEL = "specific incident"

#: Feature names, in the order of the weights; each is 0 or 1.
FEATURES = (
    "own_place",     # a place named in the event's own clause (or a trigger-less clause next to it)
    "other_place",   # a place only from a neighbouring sentence or the headline
    "day",           # a date to the day or a time of day in its sentence (written, or relative: "أمس"؛ "10:30")
    "coarse_date",   # a month or a year in its sentence and no day: a period ("عام 2016", "الأشهر الماضية" too)
    "casualties",    # casualties told with it
    "actor",         # an armed actor named in its sentence, not as the subject of a verb of attack: who is behind
                     # attacks (من قبل القوات الروسية، نُسبت إلى قوات النظام), not who did this one (see _told_by_actor)
    "plural",        # an attack word of its sentence in the -ات plural (الهجمات، الغارات، الضربات; not a means:
                     # طائرات)
    "means_guessed", # told by a word that says that, not what (هجوم، استهداف), or typed by its harm
    "report",        # a word of report structure, method or evidence in its sentence (التقرير، تحققنا، صور)
    "list_item",     # its sentence is an item of a list ("* …", "2- …")
    "headline",      # told in the headline
    "law",           # a word of law or norms in its sentence (القانون الدولي، جرائم حرب، تحظر، محكمة)
    "past_verb",     # a verb of attack or harm in the past tense in its sentence (قصفت، سقطت، أصيب): told
)

_LIST_ITEM = re.compile(r"\s*(?:[*•▪◦·\-–]|\d{1,2}\s*[-.)])\s")
_REPORT = frozenset({"report.structure", "report.method", "evidence.media"})
#: a year named bare ("عام 2016"، "منذ 2014"، "في 2017"): no date mention of its own (an event has a day),
#: but like a month with no day it marks a period or an event cited from the past
_BARE_YEAR = re.compile(r"(?<!\w)(?:عام|العام|سنه|منذ|خلال|في)\s+(?:19|20)\d\d(?!\d|[/.\-]\d)")
#: tried only where its words stand (gazetteer.anchored), not at every character
_BARE_YEARS = AnchoredPattern(_BARE_YEAR, ("عام", "العام", "سنه", "منذ", "خلال", "في"))
#: a period counted back from now ("الأشهر الستة الماضية"، "الأسابيع الأخيرة"، "منذ بداية العام"): many days,
#: a summary's span, marked like a month or a year with no day
_PERIOD_NOUNS = ("الاشهر", "الشهور", "الاسابيع", "السنوات", "الاعوام", "الايام")
#: two weeks, months or years back ("خلال الأسبوعين الماضيين"، "الشهرين الأخيرين"): a span, like the plural
_DUAL_PERIOD_NOUNS = ("الاسبوعين", "الشهرين", "العامين", "السنتين")
_LAST_NOUNS = ("الاسبوع", "الشهر", "العام", "السنه")
_RELATIVE_PERIOD = re.compile(
    r"(?<!\w)[وبل]?(?:" + "|".join(_PERIOD_NOUNS) + r")(?:\s+\S+)?\s+(?:الماضيه|الاخيره|السابقه|المنصرمه)(?!\w)"
    r"|(?<!\w)[وبل]?(?:" + "|".join(_DUAL_PERIOD_NOUNS) + r")\s+"
    r"(?:الماضيين|الاخيرين|السابقين|الماضيتين|الاخيرتين)(?!\w)"
    r"|(?<!\w)[و]?منذ\s+(?:بدايه|مطلع)\s+(?:العام|السنه|الشهر|الحرب|الثوره|النزاع)(?!\w)"
    # the last week, month or year, a date when the report's day is known (dates.toml), a period even when not
    r"|(?<!\w)[وبل]?(?:" + "|".join(_LAST_NOUNS) + r")\s+(?:الماضي|الماضيه|الفايت|الفايته|المنصرم|المنصرمه)(?!\w)"
    # a month or a year taken whole ("خلال شهر أيار"، "طوال عام"): a span, even with no year a date could read
    r"|(?<!\w)[وف]?(?:خلال|طوال)\s+(?:شهر|شهري|عام|سنه)(?!\w)")
_RELATIVE_PERIODS = AnchoredPattern(_RELATIVE_PERIOD, (*_PERIOD_NOUNS, *_DUAL_PERIOD_NOUNS, *_LAST_NOUNS, "منذ",
                                                       "خلال", "طوال"), lead=1)
#: a time of day ("10:30"، "الساعة العاشرة صباحاً"، "الساعة 6"): one moment, so one incident, like a day
_HOURS = ("الواحده", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "السابعه", "الثامنه", "التاسعه",
          "العاشره", "الحاديه")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d\d(?!\d)|الساعه\s+(?:\d|" + "|".join(_HOURS) + r"(?!\w))")
_CLOCKS = AnchoredPattern(_CLOCK, {":": 2, "الساعه": 0})
#: the expressions whose starts :class:`SentenceSignals` takes (their literals found in the extractor's one
#: pass over a text: see text.phrases.PhraseMatchers)
ANCHORED = (_BARE_YEARS, _RELATIVE_PERIODS, _CLOCKS)


@dataclass(slots=True)
class Decision:
    """One weighed event: where its sentence lies (offsets into the title + text, like an incident's
    evidence), its values, and the outcome."""

    start: int
    end: int
    event_type: str
    sub_event_type: str
    values: tuple[float, ...]
    probability: float | None
    kept: bool
    model: Model | None = None
    ruled_out: str = ""  # why a rule beside the model left it out (see :func:`weigh`), or ""

    @property
    def reason(self) -> str:
        """``specific incident: 0.10 (list_item -1.7, coarse_date -1.0)``: the two weightiest signals
        (made on demand: a long report weighs hundreds of events)."""
        if self.ruled_out:
            return f"{LABEL}: {self.ruled_out}"
        if self.model is None or self.probability is None:
            return f"{LABEL}: not weighed"
        return self.model.reason(self.values, self.probability)


def load_model(lexicon_folder: Path) -> Model | None:
    """The weights committed beside the lexicons, or None (every event then stands)."""
    return read_model(Path(lexicon_folder) / WEIGHTS_NAME, FEATURES, LABEL)


class SentenceSignals:
    """The per-sentence signals of one text, gathered once from what the extractor found."""

    def __init__(self, text: str, sentences, sentence_index_of, *, dates: list[DateMention],
                 triggers: list[PhraseMatch], cues: list[PhraseMatch], armed: list[tuple[int, int]],
                 starts: list[set[int]] | None = None):
        """``starts``: the starts the literals of :data:`ANCHORED` allow in ``text``, when a pass over it
        found them."""
        self.text = text
        self.sentences = sentences
        self.day, self.coarse, _ = day_and_period(text, dates, sentence_index_of, starts)
        self.actor = {sentence_index_of(start) for start, _ in armed}
        # clashes (اشتباكات) are one battle's plural in Arabic news, and a means is no attack (طائرات حربية
        # قصفت: one strike by several aircraft): only other attack words count
        self.plural = {sentence_index_of(t.start) for t in triggers if t.payload.event_type != EventType.BATTLES
                       and not t.payload.needs_act and plural_word(text, t.start, t.end)}
        self.report = {sentence_index_of(c.start) for c in cues if c.payload in _REPORT}
        self.law = {sentence_index_of(c.start) for c in of_payload(cues, "report.law")}
        past = of_payload(cues, "narrative.past")
        self.past = {sentence_index_of(c.start) for c in past}
        self.harm = {sentence_index_of(c.start) for c in cues if c.payload.startswith("harm.")}
        method = of_payload(cues, "report.method")
        self.method = {sentence_index_of(c.start) for c in method}
        #: where the method words and the past verbs of attack stand, for the clause of an event
        self.method_at = sorted(c.start for c in method) if method else []
        self.past_at = sorted(c.start for c in past) if method else []
        self.actor -= _told_by_actor(text, past, armed, sentence_index_of)
        self.actor -= _sides_of_a_fight(text, armed, sentence_index_of)
        self.actor -= _doer_of_the_act(text, triggers, armed, sentence_index_of)

    def told_beside_method(self, event: Event, own_place: bool) -> bool:
        """The event's own clause holds no method word and tells the act (a past verb of attack, or a
        place of its own): the investigators' work is another clause of the sentence ("ألقت مروحية
        برميلاً على بلدة حيش، وتحققنا من الموقع عبر صور الأقمار الصناعية"), which says how the act told
        beside it was checked."""
        start, end = event.clause.start, event.clause.end
        return not any_within(self.method_at, start, end) and (own_place or any_within(self.past_at, start, end))

    def general(self, event: Event, title_end: int) -> bool:
        """No harm done in the event's sentence and no headline (the rest of what pins an event is in
        its values): with nothing else that pins it, an event is a weapon or attacks spoken of in
        general (see :func:`weigh`)."""
        return event.sentence_index not in self.harm and event.sentence.start >= title_end

    def values(self, event: Event, title_end: int) -> tuple[float, ...]:
        s = event.sentence_index
        sentence = event.sentence
        return (
            float(event.own_place),
            float(bool(event.places) and not event.own_place),
            float(s in self.day),
            float(s in self.coarse),
            float(bool(event.casualties)),
            float(s in self.actor),
            float(s in self.plural),
            float(event.means_guessed or event.needs_substance),
            float(s in self.report),
            float(bool(_LIST_ITEM.match(self.text, sentence.start, sentence.end))),
            float(sentence.start < title_end),
            float(s in self.law),
            float(s in self.past),
        )


#: a period taken as a whole ("خلال شهر آذار"، "طوال العام الماضي"، "على مدى الأشهر الماضية"): what is told
#: of it is told over its many days
_OVER = re.compile(r"(?<!\w)(?:[وف]?خلال|طوال|طيله|مدي|مدار)\s+(?:شهر|شهري|عام|العام|سنه)?\s*$")
_OVER_WORDS = ("خلال", "منذ", "طوال", "وخلال", "فخلال", "وطوال")


def day_and_period(text: str, dates: list[DateMention], sentence_index_of,
                   starts: list[set[int]] | None = None) -> tuple[set[int], set[int], set[int]]:
    """The sentences that name a day or a time of day, those that name only a period (a month, a year,
    a span counted back from now), and those of the second kind that take the period as a whole
    (:data:`_OVER`, or منذ بداية / منذ 2014): the ``day`` and ``coarse`` signals, and what the extractor
    reads for a total over a period (see ``aggregate.tally_sentences``)."""
    day = {sentence_index_of(d.start) for d in dates if d.precision == 1}
    years_at, periods_at, clocks_at = starts if starts is not None else (None, None, None)
    clocks = _CLOCKS.finditer(text) if clocks_at is None else _CLOCKS.matches_at(text, clocks_at)
    day.update(sentence_index_of(m.start()) for m in clocks)
    coarse_starts = [d.start for d in dates if d.precision > 1]
    if "19" in text or "20" in text:  # a year names its century
        years = _BARE_YEARS.finditer(text) if years_at is None else _BARE_YEARS.matches_at(text, years_at)
        coarse_starts += [m.start() for m in years]
    periods = _RELATIVE_PERIODS.finditer(text) if periods_at is None else \
        _RELATIVE_PERIODS.matches_at(text, periods_at)
    coarse_starts += [m.start() for m in periods]
    coarse = {sentence_index_of(start) for start in coarse_starts}
    over = {sentence_index_of(start) for start in coarse_starts
            if text.startswith(_OVER_WORDS, start) or _OVER.search(text, max(0, start - 14), start)}
    return day, coarse - day, over - day


#: how many words may stand between a past verb and the actor after it (قصفت طائرات حربية روسية، قصفت أمس قوات)
_SUBJECT_GAP = 2


def _told_by_actor(text: str, past: list[PhraseMatch], armed: list[tuple[int, int]], sentence_index_of) -> set[int]:
    """Sentences where an armed actor is the subject of a past verb of attack: right after it (the
    verb-subject order of news, "قصفت قوات النظام المشفى بقذائف المدفعية") or right before it
    ("الطائرات الروسية قصفت").  Such a sentence tells what an actor did; an actor named otherwise beside
    attacks says who is behind them ("غارات تُنسب إلى قوات النظام وحلفائها الروس"، "من قبل الطيران
    الروسي"), the attribution of talk of attacks that the ``actor`` feature weighs.  The tune half of the
    investigation prose holds almost no sentence of the first kind, so it cannot weigh it: the two are
    told apart here, by where the actor stands."""
    if not past or not armed:
        return set()
    armed = sorted(armed)
    starts = [start for start, _ in armed]
    found: set[int] = set()
    for verb in past:
        s = sentence_index_of(verb.start)
        if s in found:
            continue
        n = bisect_left(starts, verb.end)
        after = n < len(armed) and _words_between(text, verb.end, starts[n]) <= _SUBJECT_GAP \
            and sentence_index_of(starts[n]) == s
        before = n and armed[n - 1][1] <= verb.start and _words_between(text, armed[n - 1][1], verb.start) == 0 \
            and sentence_index_of(starts[n - 1]) == s
        if after or before:
            found.add(s)
    return found


#: an armed party right after بين: one side of a fight ("اشتباكات بين قوات النظام وفصائل المعارضة")
_BETWEEN = re.compile(r"(?<!\w)بين\s+(?:ال)?$")


def _sides_of_a_fight(text: str, armed: list[tuple[int, int]], sentence_index_of) -> set[int]:
    """Sentences that name armed actors as the sides of a fight ("اندلعت اشتباكات بين قوات النظام وفصائل
    المعارضة على جبهة الكبينة"): the parties of the told clash, like the subject of a verb of attack (see
    :func:`_told_by_actor`), not who is behind attacks."""
    return {sentence_index_of(start) for start, _ in armed if _BETWEEN.search(text, max(0, start - 8), start)}


#: what may stand between an attack word and the armed party it is annexed to: nothing, or the ل of
#: «قصف لقوات الدعم السريع»
_ANNEXED_GAP = re.compile(r"\s+(?:ل|ال|لل)?$")


def _doer_of_the_act(text: str, triggers: list[PhraseMatch], armed: list[tuple[int, int]],
                     sentence_index_of) -> set[int]:
    """Sentences where an armed actor is annexed to a singular attack word (قتل مدني برصاص الجيش، بقصف
    طيران التحالف، بعد اقتحام قوات الدعم السريع للمدينة، في قصف لقوات …): the doer of the act told,
    as the subject of a verb of attack is (:func:`_told_by_actor`), not who is behind attacks. A plural
    attack word (غارات الطيران الروسي) is talk of attacks and keeps the actor weighed."""
    if not triggers or not armed:
        return set()
    starts = sorted(start for start, _ in armed)
    found: set[int] = set()
    for trigger in triggers:
        # a party that opens inside the trigger (قصف طيران …) too, not one the trigger names (طيران روسي)
        n = bisect_right(starts, trigger.start)
        if n == len(starts) or starts[n] - trigger.end > 6:
            continue
        end = min(trigger.end, starts[n])
        while end < starts[n] and text[end].isalpha():  # the rest of the word (برصاص، اقتحام)
            end += 1
        gap = text[end:starts[n]]
        annexed = not gap or gap.isspace() or _ANNEXED_GAP.fullmatch(gap)
        if annexed and not plural_word(text, trigger.start, trigger.end) \
                and sentence_index_of(starts[n]) == sentence_index_of(trigger.start):
            found.add(sentence_index_of(trigger.start))
    return found


def _words_between(text: str, start: int, end: int, most: int = 40) -> int:
    """How many words stand between two offsets (a large number past ``most`` characters)."""
    return len(text[start:end].split()) if end - start <= most else most


_LAW = FEATURES.index("law")
_OWN = tuple(FEATURES.index(name) for name in ("own_place", "day", "casualties"))
#: what pins an event to one time and place: any place, a day or a time of day, casualties, a past verb of
#: attack or harm (harm done, in :meth:`SentenceSignals.general`, too)
_OWN_PLACE = FEATURES.index("own_place")
_PINS = tuple(FEATURES.index(name) for name in ("own_place", "other_place", "day", "casualties", "past_verb"))
LAW_ONLY = "a statement of law, no place, day or casualties of its own"
GENERAL = "an attack or a weapon named in general: no place, day, time, casualties, harm or past verb of its own"
METHOD = "the investigators' own work (قمنا، تحققنا، وثقنا): no day, time or casualties of its own"
_DAY, _CASUALTIES, _HEADLINE = (FEATURES.index(name) for name in ("day", "casualties", "headline"))



def weigh(events: list[Event], signals: SentenceSignals, title_end: int, model: Model | None,
          weighed: list[tuple] | None = None) -> list[Event]:
    """The events whose sentence reports a specific incident (all of them without a model, but for a
    statement of law); each event's row is appended to ``weighed`` when given, for :func:`decisions`
    (only ``--explain`` and the fitting scripts read them: they are made on demand).

    A sentence of law or norms ("يحظر القانون الدولي قصف المستشفيات"، "طالبت بمحاكمة المسؤولين عن
    الغارات") speaks of a class of attacks (ACLED codes events, not what the law says of them): an
    event of it needs a place of its own clause, a day or casualties ("قصفت الطائرات مشفى X في انتهاك
    للقانون الدولي" stands).  An event of the body with nothing at all that pins it (no place, day or
    time of day, casualties, harm done or past verb of attack: "البراميل المتفجرة أسلحة بدائية الصنع
    تلقيها المروحيات"، "سجلنا 35 غارة جوية على مستشفيات") speaks of a weapon or of attacks in general:
    an incident is one attack at one place and time, and its report tells at least one of them (a
    headline is terse: its body pins it; a reference back to an incident told before is folded into
    it before this, see ``extractor._fold_references``).  A sentence that tells the investigators' own
    work in the first person ("قمنا بتحليل مقاطع الفيديو التي توثق الغارات على المنشآت الطبية في ريف
    حماة") speaks of the attacks it studied, whatever places it names: an event of it needs a day, a
    time or casualties ("وثقنا مقتل خمسة مدنيين بغارة على سراقب" stands).  Rows of each kind are too few in the tune
    half for a fitted weight to carry it (the tune half's rows with nothing that pins them are data
    sheets that give the hour of the attack, "وقت الهجوم: 10:30", now a time of day), so each is a
    rule beside the model, with its own reason (the second one only where the model weighed the event
    in: the fitting script collects its rows with no model, every event but law's standing)."""
    kept = []
    for event in events:
        values = signals.values(event, title_end)
        p = model.probability(values) if model is not None else None
        weighed_in = p is None or p >= model.threshold
        ruled_out = ""
        if values[_LAW] and not any(values[i] for i in _OWN):
            ruled_out = LAW_ONLY
        elif p is not None and weighed_in and not (values[_DAY] or values[_CASUALTIES] or values[_HEADLINE]):
            if not any(values[i] for i in _PINS) and signals.general(event, title_end):
                ruled_out = GENERAL
            elif event.sentence_index in signals.method and not signals.told_beside_method(event, values[_OWN_PLACE]):
                ruled_out = METHOD
        keep = weighed_in and not ruled_out
        if weighed is not None:
            weighed.append((event.sentence.start, event.sentence.end, event.event_type, event.sub_event_type,
                            values, p, keep, ruled_out))
        if keep:
            kept.append(event)
    return kept


def decisions(weighed: list[tuple], model: Model | None, to_original=None) -> list[Decision]:
    """The :class:`Decision` of each row :func:`weigh` gave (``to_original`` maps folded-text offsets back)."""
    made = []
    for start, end, event_type, sub_event_type, values, p, keep, ruled_out in weighed:
        if to_original is not None:
            start, end = to_original(start, end)
        made.append(Decision(start, end, event_type, sub_event_type, values, p, keep, model, ruled_out))
    return made
