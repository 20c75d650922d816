"""Background phrases: what a sentence refers back to, or gives as a cause, is not a new incident.

"فتح الطريق بعد إغلاقه على خلفية الاشتباكات" reports one reopening, not a closure and a clash.  A
*background* phrase (على خلفية، في ظل، هرباً من، تنديداً ب …) always refers back: a trigger after it
(to the end of its clause) creates no incident, the places after it are not sites and its dates do
not date the event.  A *cause* phrase (بعد، إثر، جراء …) is background only when another event of
the same sentence is what it explains; alone it introduces the event itself ("قتل شخصان إثر
استهداف سيارتهم" is the strike).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from geo_incidents.text.phrases import PhraseMatch

#: cue payloads that open a background span, and whether it is always background
_STRONG = frozenset({"context.background", "places.subject"})
_WEAK = frozenset({"context.cause", "context.anniversary"})
#: "بعد ظهر اليوم" is a time of day, not a cause
_TIME_AFTER = ("ظهر", "الظهر", "منتصف", "العصر", "المغرب", "الفجر", "ساعات", "ساعه", "يوم", "ايام", "اسبوع",
               "دقائق", "قليل", "ذلك", "صلاه")


@dataclass(frozen=True, slots=True)
class BackgroundSpan:
    start: int  # folded-text offsets: from the cue to the end of its clause
    end: int
    always: bool  # True for background phrases, False for cause phrases


def background_spans(text: str, cues: list[PhraseMatch], sentence_of,
                     trigger_starts: list[int] = ()) -> list[BackgroundSpan]:
    """The text's background spans; ``trigger_starts`` (sorted): where the text's words of events are,
    for an earlier attack cited after one (:func:`_earlier_clause`)."""
    spans = []
    for cue in cues:
        if cue.payload == _NAMED_FRIDAY:
            span = _friday_name(text, cue, sentence_of)
            if span is not None:
                spans.append(span)
            continue
        if cue.payload == _LIKENED:
            if text.startswith((" ل", " ب"), cue.end):
                sentence = sentence_of(cue.start)
                spans.append(BackgroundSpan(cue.end, sentence.clause_at(cue.start).end, True))
            continue
        if cue.payload == _EARLIER:
            span = _earlier_clause(cue, sentence_of, trigger_starts)
            if span is not None:
                spans.append(span)
            continue
        if cue.payload in _STRONG:
            always = True
        elif cue.payload in _WEAK:
            following = text[cue.end : cue.end + 12].split()
            if following and following[0] in _TIME_AFTER:
                continue
            always = False
        else:
            continue
        sentence = sentence_of(cue.start)
        if not (sentence.start <= cue.start < sentence.end):
            continue
        # "تضامنا مع": a cue that runs over a clause break (at مع) reaches the end of the clause it ends in
        end = max(sentence.clause_at(cue.start).end, sentence.clause_at(max(cue.start, cue.end - 1)).end)
        spans.append(BackgroundSpan(cue.end, end, always))
    return spans


#: likeness to another attack, before ل or ب (في هجوم مشابه لهجوم دوما): what it is compared with
_LIKENED = "context.likened"
#: a time before the event's (الشهر الماضي، قبل أسبوع، وكانت قد): see :func:`_earlier_clause`
_EARLIER = "context.earlier"


def _earlier_clause(cue: PhraseMatch, sentence_of, trigger_starts: list[int]) -> BackgroundSpan | None:
    """A clause that tells an attack of an earlier time after a sentence has told its own ("قتل مدنيان
    في غارة على بلدة التح، وهي الثانية بعد غارة مماثلة على خان شيخون الشهر الماضي"، "قصفت الطائرات
    مدينة سراقب، وكانت قد قصفت معرة النعمان قبل أسبوع") cites a past event: the whole clause is
    background, its places no sites.  The sentence's first clause is its own event, whatever its time."""
    sentence = sentence_of(cue.start)
    clause = sentence.clause_at(cue.start)
    if clause.start <= sentence.start or not _any_between(trigger_starts, sentence.start, clause.start):
        return None
    return BackgroundSpan(clause.start, clause.end, True)


#: what names a past event cited before the one told: an anniversary, the pluperfect, سبق أن (cues.toml)
_ANNIVERSARY = "context.anniversary"
_BEFORE_NOW = "context.before_now"
#: the forms of كان that open the pluperfect (a cue with a suffix glued on may be كانون, a month)
_KANA = frozenset({"كان", "كانت", "كانوا", "كانا", "كانتا"})
#: قد within three words after كان: "وكانت المدرسة نفسها قد استهدفت"
_QAD_AFTER = re.compile(r"(?:\s+[^\s،,.؛:]+){0,3}?\s+قد(?!\w)")


def cited_spans(text: str, cues: list[PhraseMatch], sentence_of) -> list[tuple[int, int]]:
    """Spans, from the cue to the end of its clause, that cite a past event: an anniversary ("تصادف اليوم
    الذكرى السابعة لمجزرة …"), the pluperfect ("وكان المشفى قد تعرض لغارة"، "البلدة التي كانت قد تعرضت
    لقصف") and سبق أن ("سبق أن تعرضت البلدة لقصف مدفعي").  Each tells what came before the text's time
    (the pluperfect only with an earlier time named in its sentence, "قبل عامين"، "الشهر الماضي": investigation
    prose narrates the incident it reports so, "وكانت الطائرات قد قصفت المشفى بأربعة صواريخ"):
    ACLED codes it with its own date or leaves it out, never at the report's date, so an attack word in
    such a span counts only with a date of its own in its clause (``events.group_events``)."""
    spans = []
    earlier = None
    for cue in cues:
        if cue.payload == _BEFORE_NOW:
            if text.startswith("كان", cue.start):
                # the whole word, clitic and suffix with it (a match holds the listed form only)
                start, end = cue.start, cue.end
                while end < len(text) and text[end].isalpha():
                    end += 1
                if text[start - 1 : start] in ("و", "ف") and not text[start - 2 : start - 1].isalpha():
                    start -= 1
                if text[start:end].lstrip("وف") not in _KANA or (start and text[start - 1].isalpha()) \
                        or not _QAD_AFTER.match(text, end):
                    continue
                # investigation prose narrates the incident it reports in the pluperfect too ("وكانت الطائرات
                # قد قصفت المشفى بأربعة صواريخ"): background only with an earlier time named in its sentence
                if earlier is None:
                    earlier = {sentence_of(c.start).start for c in cues
                               if c.payload == _EARLIER and not text.startswith("كان", c.start)}
                if sentence_of(cue.start).start not in earlier:
                    continue
        elif cue.payload != _ANNIVERSARY:
            continue
        sentence = sentence_of(cue.start)
        if sentence.start <= cue.start < sentence.end:
            clause = sentence.clause_at(cue.start)
            # its circumstances and consequences go with it ("… قد تعرضت لقصف خلال المعارك التي دارت فيها"،
            # "… قد استهدف بغارة، ما أدى إلى مقتل …")
            while clause.end < sentence.end and _GOES_ON.match(text, clause.end):
                clause = sentence.clause_at(clause.end)
            spans.append((cue.end, clause.end))
    return spans


#: a clause that goes on with the one before it: its time, circumstances or consequences
_GOES_ON = re.compile(r"[\s،,]*(?:خلال|وسط|مع|حيث|مما|ما ادي|ما ادى|اسفر|واسفر|وادى|وادي|ادى|ادي|وذلك)(?!\w)")


def _any_between(starts: list[int], low: int, high: int) -> bool:
    return bisect_left(starts, low) < bisect_left(starts, high)


#: the word that opens the name of a Friday of protest (في جمعة "صمود درعا"، جمعة حمص تستغيث)
_NAMED_FRIDAY = "context.named_friday"
_QUOTES = {'"': '"', "«": "»", "“": "”", "'": "'"}
#: a word right after جمعة that opens no name (أبو جمعة من حلب: a person; جمعة في حلب)
_NOT_A_NAME = frozenset({"من", "في", "علي", "الي", "عن", "مع", "و", "بن", "ابن"})


#: an unquoted Friday name ends before the protest it names or a place cue word (جمعة الصمت الدولي
#: يقتلنا مظاهرة في حي الشعار)
_NAME_ENDS = re.compile(r"(?<!\S)[وف]?(?:ال)?(?:مظاهره|مظاهرات|تظاهره|وقفه|اعتصام|حي|مدينه|بلده|قريه)(?!\S)")


def _friday_name(text: str, cue: PhraseMatch, sentence_of) -> BackgroundSpan | None:
    """The name a Friday of protest was given (خرجت مظاهرة في الحي في جمعة حمص تستغيث): its
    places and words of attack are its name, not sites or incidents.  The name runs to its closing
    quote, or, unquoted, to the end of its clause or the first digit (the date after it is the
    protest's) or the protest or place word after it.  Not يوم الجمعة (the day, with the article)
    nor a person's name (أبو جمعة من حلب)."""
    if text.startswith("ال", max(0, cue.start - 2)) or text[cue.start - 1 : cue.start] not in ("", " ", "ب", "و"):
        return None
    sentence = sentence_of(cue.start)
    at = cue.end
    while at < sentence.end and text[at] == " ":
        at += 1
    if at >= sentence.end:
        return None
    closing = _QUOTES.get(text[at])
    if closing is not None:
        end = text.find(closing, at + 1, sentence.end)
        return BackgroundSpan(cue.end, sentence.end if end < 0 else end, True)
    following = text[at:sentence.end].split(maxsplit=1)
    if not following or following[0] in _NOT_A_NAME or following[0][0].isdigit():
        return None
    end = sentence.clause_at(at).end
    digit = next((i for i in range(at, end) if text[i].isdigit()), end)
    after = _NAME_ENDS.search(text, at, digit)
    return BackgroundSpan(cue.end, after.start() if after else digit, True)


def span_at(spans: list[BackgroundSpan], pos: int) -> BackgroundSpan | None:
    """The span holding ``pos``; a strong one wins over a weak one (the last strong one, else the
    first weak one, in the order of ``spans``)."""
    found = None
    for span in spans:
        if span.start <= pos < span.end and (found is None or span.always):
            found = span
    return found


def span_finder(spans: list[BackgroundSpan]) -> Callable[[int], BackgroundSpan | None]:
    """:func:`span_at` for many positions of one text: a long report has hundreds of triggers and of
    spans, and reading every span for every trigger costs their product. The spans are sorted by start
    once with the running maximum of their ends; a position reads back from the last span starting at
    or before it only while that maximum reaches past it."""
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    starts = [spans[i].start for i in order]
    reach = list(accumulate((spans[i].end for i in order), max))

    def find(pos: int) -> BackgroundSpan | None:
        strong = weak = -1
        j = bisect_right(starts, pos) - 1
        while j >= 0 and reach[j] > pos:
            index = order[j]
            span = spans[index]
            if pos < span.end:
                if span.always:
                    strong = max(strong, index)
                elif weak < 0 or index < weak:
                    weak = index
            j -= 1
        if strong >= 0:
            return spans[strong]
        return spans[weak] if weak >= 0 else None

    return find
