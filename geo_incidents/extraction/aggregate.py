"""Statistics and method notes: sentences that report no incident of their own.

ACLED codes events, not totals.  "Barrels were the most common munition", "attacks took place
regularly throughout the period", "in many cases the munition could not be identified", "barrels
were identified in 40 videos" and "the archive compared the earlier attacks with this one" name
attacks, but none that happened at one place on one day: a trigger word in such a sentence yields
no event.  The cue words are data (``[aggregate]`` in ``cues.toml``).  A period written as two dates
("من 03/02/2013 إلى 15/10/2015"، "بين 29 أيلول 2015 و30 نيسان 2016") is the same as "throughout the
period": an event has one day (or a few), not months; so are two months, the first named bare ("بين
كانون الثاني وآذار 2018"، "خلال شهري مارس وأبريل 2019").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from geo_incidents.extraction.dates import DateMention
from geo_incidents.text.numbers import NumberWords
from geo_incidents.text.phrases import PhraseMatch

_ALWAYS = frozenset({"aggregate.frequency", "aggregate.period", "aggregate.cases"})
_METHOD = "aggregate.method"
_COUNTED = "aggregate.counted"
#: one attack is filmed in a handful of videos ("نشر ناشطون ثلاثة مقاطع فيديو للهجوم" is evidence of
#: it); ten or more span many attacks
MANY = 10
#: a count in brackets after its words ("واحد وعشرين (21) مقطع")
_BRACKETED = re.compile(r"\(\s*(\d{1,6})\s*\)\s*$")


def aggregate_sentences(text: str, cues: list[PhraseMatch], sentence_index_of, numbers: NumberWords) -> set[int]:
    """Indexes of the sentences that tell a statistic, not an incident (a method is told by a clause:
    see :func:`method_notes`)."""
    found = set()
    for cue in cues:
        if cue.payload in _ALWAYS or (cue.payload == _COUNTED and _counted(text, cue.start, numbers)):
            found.add(sentence_index_of(cue.start))
    return found


def method_notes(cues: list[PhraseMatch], sentence_index_of) -> dict[int, list[int]]:
    """The starts of the method words (comparing, classifying: "حددنا الموقع بمقارنة الصور") by sentence
    index.  A method rules out its own clause: an act told in another clause of the sentence ("قصفت
    المدفعية البلدة، وقد حددنا الموقع بمقارنة الصور") stands, as beside the investigators' other work
    (see :meth:`.specific.SentenceSignals.told_beside_method` and :func:`told_beside_method`)."""
    notes: dict[int, list[int]] = {}
    for cue in cues:
        if cue.payload == _METHOD:
            notes.setdefault(sentence_index_of(cue.start), []).append(cue.start)
    return notes


def told_beside_method(clause_start: int, clause_end: int, method_at: list[int], past_at: list[int]) -> bool:
    """The clause holds no method word of ``method_at`` and a past verb of attack or harm of ``past_at``
    (sorted starts): it tells an act beside the method told in another clause."""
    return not any_within(method_at, clause_start, clause_end) and any_within(past_at, clause_start, clause_end)


def any_within(starts: list[int], start: int, end: int) -> bool:
    """Whether a position of the sorted ``starts`` lies in [start, end)."""
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


_TALLY = "aggregate.tally"


def tally_sentences(cues: list[PhraseMatch], day: set[int], period: set[int], over: set[int],
                    sentence_index_of) -> set[int]:
    """Sentences that count over a period (وثقت، سجلت، أحصت، حصيلة، بلغ عدد: "وثقت الشبكة مقتل 120 مدنياً
    في آذار"، "سجلت الأمم المتحدة نزوح 80 ألف شخص في الأسبوعين الماضيين") or tell what happened over a
    period taken as a whole (``over``: "نزح 400 ألف شخص خلال الشهرين الماضيين"، "قتل 45 مدنياً بالقصف على
    المدينة طوال العام") and name no day (``period``, ``day``, ``over``: see ``specific.day_and_period``):
    a total over many days, no event (ACLED codes events, not totals), whatever places it names.  With
    a day it tells that day's harm ("وثقت الشبكة مقتل خمسة مدنيين بغارة على سراقب في 3 آذار")."""
    tallies = {sentence_index_of(c.start) for c in cues if c.payload == _TALLY}
    return {s for s in tallies if s in period and s not in day} | over


_TREND = "aggregate.trend"
#: a ranking of places by the attacks they suffered ("من أكثر البلدات تعرضاً للقصف"، "الأكثر استهدافاً
#: بالغارات"): a superlative, at most one word (the places ranked), then how they were hit, in the accusative
#: (the expression opens with its literal word, which re finds by a fast search rather than trying a
#: look-behind at every character)
_RANKING = re.compile(r"اكثر\s+(?:[^\W\d]+\s+)?(?:تعرضا|استهدافا|قصفا|تضررا)(?!\w)")


def trend_sentences(cues: list[PhraseMatch], dates: list[DateMention], harm: frozenset[int],
                    sentence_index_of, text: str = "") -> set[int]:
    """Sentences that tell a trend of attacks (تصاعد، تزايد، وتيرة: "شهدت المدينة تصاعداً في الغارات خلال
    الأسابيع الأخيرة") or rank places by them (:data:`_RANKING`: "تعد البلدة من أكثر البلدات تعرضاً للقصف
    خلال عام 2019"), and name no day (a date to the day, written or relative) and no harm done (``harm``:
    casualties, damage): how often attacks happen over a time, or where most of them fell, is a
    statistic; with a day or its dead it tells that day's attacks ("تصاعد القصف على البلدة صباح اليوم،
    وسقط قتيلان"; "قتل مدنيان في غارة على حيش، وهي من أكثر البلدات تعرضاً للقصف")."""
    trends = {sentence_index_of(c.start) for c in cues if c.payload == _TREND}
    if "اكثر" in text:
        trends.update(sentence_index_of(m.start()) for m in _RANKING.finditer(text))
    if not trends:
        return set()
    return trends - harm - {sentence_index_of(d.start) for d in dates if d.precision == 1}


#: what joins the two ends of a period (normalised text: ى is ي): "إلى" / "حتى" / "و" / a dash,
#: "تاريخ" before the second end, and the day of "و30 نيسان 2016" that the date finder leaves out
_PERIOD_JOIN = re.compile(r"\s*(?:[-–]|الي|حتي|و)\s*(?:تاريخ\s*)?(?:\d{1,2}\s*)?")
#: an attack told over more days than this is a period, not one event
PERIOD_DAYS = 31


@lru_cache(maxsize=4)
def _month_before(names: tuple[str, ...]) -> re.Pattern:
    """A month named bare right before a dated month, joined as a range ("بين كانون الثاني وآذار 2018"،
    "خلال شهري مارس وأبريل 2019"، "يوليو - ديسمبر 2016")."""
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\S)(?:[وبل])?({alternation})\s*(?:[-–]|الي|حتي|و)?\s*(?:شهر\s+)?$")


def period_sentences(text: str, dates: list[DateMention], sentence_index_of,
                     months: dict[str, int] | None = None) -> set[int]:
    """Indexes of the sentences that give a period as two written dates more than :data:`PERIOD_DAYS`
    apart, joined as a range ("من 03/02/2013 إلى 15/10/2015"), or as two months, the first named bare
    (``months``: month names to numbers): a month written in both calendars ("أيلول - سبتمبر 2017")
    is one month, no range."""
    found = set()
    if months:
        before = _month_before(tuple(months))
        for d in dates:
            if d.relative or d.precision == 1:
                continue
            end = d.start + (1 if text.startswith("و", d.start) else 0)
            m = before.search(text, max(0, d.start - 30), end)
            if m and months[m.group(1)] != d.day.month:
                found.add(sentence_index_of(d.start))
    written = sorted((d for d in dates if not d.relative), key=lambda d: d.start)
    for first, second in zip(written, written[1:], strict=False):
        if (abs((second.day - first.day).days) > PERIOD_DAYS
                and sentence_index_of(first.start) == sentence_index_of(second.start)
                and _PERIOD_JOIN.fullmatch(text, first.end, second.start)):
            found.add(sentence_index_of(first.start))
    return found


def _counted(text: str, start: int, numbers: NumberWords) -> bool:
    """:data:`MANY` or more of the thing at ``start``: a number just before it."""
    bracketed = _BRACKETED.search(text[max(0, start - 12) : start])
    if bracketed:
        return int(bracketed.group(1)) >= MANY
    count = numbers.ending_at(text, start)
    return count is not None and count[0] >= MANY
