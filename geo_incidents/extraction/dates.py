"""Dates in the text: explicit (digits, both month-name systems) and relative to publication.

Each found date carries ACLED's time precision: 1 the day, 2 the week, 3 the month.  Nothing is
resolved without an anchor: a relative word ("أمس") needs the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from gazetteer.anchored import AnchoredGroup, AnchoredPattern
from gazetteer.normalize import fold_phrase

_DIGIT = re.compile(r"\d")
#: the digits a numeric date is looked for at (Western, Arabic-Indic, Persian), and any other ``\d``
_COMMON_DIGITS = "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669" \
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
_RARE_DIGIT = re.compile(r"[^\D0-9\u0660-\u0669\u06f0-\u06f9]")
#: a time of day before a weekday names that day ("مساء الثلاثاء", "ليل الأربعاء – الخميس": the
#: night is dated by the first day named; "عقب صلاة الجمعة")
#: how many relative phrases :class:`DateFinder` keeps read (a report names a handful; the same few recur)
_MEANINGS_KEPT = 4096
_TIME_OF_DAY = "ليل|ليله|مساء|صباح|فجر|ظهر|عصر|ظهيره|صلاه|منتصف ليل|منتصف ليله"


@dataclass(slots=True, unsafe_hash=True)  # not frozen: cheaper to make (see text.phrases.PhraseMatch)
class DateMention:
    start: int
    end: int
    day: date
    precision: int
    relative: bool = False


class DateFinder:
    def __init__(self, lexicon: dict):
        self.months = {fold_phrase(k): v for k, v in lexicon["months"].items()}
        self.weekdays = {fold_phrase(k): v for k, v in lexicon["weekdays"].items()}
        self.relative = {fold_phrase(k): v for k, v in lexicon["relative"].items()}
        self.coarse = {fold_phrase(k): tuple(v) for k, v in lexicon.get("relative_coarse", {}).items()}
        month_alt = "|".join(re.escape(m) for m in sorted(self.months, key=len, reverse=True))
        week_alt = "|".join(re.escape(w) for w in sorted(self.weekdays, key=len, reverse=True))
        rel_alt = "|".join(re.escape(r) for r in sorted(self.relative, key=len, reverse=True))
        coarse_alt = "|".join(re.escape(c) for c in sorted(self.coarse, key=len, reverse=True)) or "(?!)"
        sep = r"\s*[-/_.]\s*|\s+"
        self._numeric = re.compile(
            rf"(?<!\d)(?:(\d{{4}})(?:{sep})(\d{{1,2}})(?:{sep})(\d{{1,2}})|(\d{{1,2}})(?:{sep})(\d{{1,2}})(?:{sep})(\d{{4}}))(?!\d)"
        )
        self._named = re.compile(
            rf"(?<!\w)(?:(\d{{1,2}})\s+)?(?:شهر\s+)?(?:من\s+)?[وب]?(?:{month_alt})"
            # both month names, Levantine and the other, as Syrian writers pair them ("19 أيلول/سبتمبر 2017")
            rf"(?:\s*[-/\\]+\s*(?:{month_alt}))?"
            rf"(?:\s+(?:من\s+)?(?:عام\s+)?(\d{{4}}))?"
            rf"(\s+(?:الماضي|المنصرم|الفايت))?(?!\w)"
        )
        self._month_capture = re.compile(rf"({month_alt})")
        #: a month name as a named date has it: what follows it is no letter ("اب" in "اصابه" is none)
        self._month_word = re.compile(rf"(?:{month_alt})(?!\w)")
        self._relative = re.compile(
            rf"(?<!\w)[وف]?(?:(?:{rel_alt})(?:\s+(?:{week_alt}))?|(?:يوم\s+)(?:{week_alt})(?:\s+(?:الماضي|الفايت|المنصرم))?"
            rf"|(?:{week_alt})\s+(?:الماضي|الفايت|المنصرم)|{coarse_alt}"
            rf"|(?:{_TIME_OF_DAY})\s+(?:يوم\s+)?(?:{week_alt})(?:\s+(?:الماضي|الفايت|المنصرم))?)(?!\w)"
        )
        # tried only where their words or digits stand (gazetteer.anchored), not at every character
        self._numerics = AnchoredPattern(self._numeric, _COMMON_DIGITS)
        # a named date names its month: where one stands as a word (its number is no lead: ``list``)
        self._month_names = AnchoredPattern(self._month_word, list(self.months))
        # a named date starts at its day's digits, at شهر or من, or at its month (after و or ب)
        self._named_dates = AnchoredPattern(self._named, {**dict.fromkeys(_COMMON_DIGITS, 0), "شهر": 0, "من": 0,
                                                          **dict.fromkeys(self.months, 1)})
        self._relatives = AnchoredPattern(self._relative, [*self.relative, "يوم", *self.weekdays, *self.coarse,
                                                           *_TIME_OF_DAY.split("|")], lead=1)
        #: the expressions whose starts :meth:`find` takes, their literals found in one pass over a text (its
        #: own, or the extractor's: see text.phrases.PhraseMatchers)
        self.anchored = (self._numerics, self._month_names, self._named_dates, self._relatives)
        self._anchors = AnchoredGroup(list(self.anchored))
        self._rel_capture = re.compile(rf"({rel_alt})(?!\w)")
        self._week_capture = re.compile(rf"({week_alt})")
        #: each relative phrase met, read once (:meth:`_relative_meaning`)
        self._meanings: dict[str, tuple[str, int, int]] = {}

    def find(self, text: str, published: date | None, starts: list[set[int]] | None = None) -> list[DateMention]:
        """The dates in ``text``; ``starts``: the starts the literals of :attr:`anchored` allow in it, when a
        pass over the text found them."""
        found: list[DateMention] = []
        numeric_at, months_at, named_at, relative_at = self._anchors.starts(text) if starts is None else starts
        if _DIGIT.search(text):  # explicit and named dates all carry a day or a year
            rare = _RARE_DIGIT.search(text)  # then the expressions are tried everywhere
            numeric = self._numeric.finditer(text) if rare else self._numerics.matches_at(text, numeric_at)
            for m in numeric:
                day = _make_date(m)
                if day is not None:
                    found.append(DateMention(m.start(), m.end(), day, 1))
            numeric_starts = [f.start for f in found]  # in text order, not overlapping: a bisect finds the one before
            month_word = self._month_word.match
            named = () if not (months_at and any(month_word(text, at) for at in months_at)) else (
                self._named.finditer(text) if rare else self._named_dates.matches_at(text, named_at))
            for m in named:
                before = bisect_right(numeric_starts, m.start()) - 1
                if before >= 0 and m.start() < found[before].end:
                    continue
                mention = self._named_date(m, published)
                if mention is not None:
                    found.append(mention)
        if published is not None:
            for m in self._relatives.matches_at(text, relative_at):
                mention = self._relative_date(m, text, published)
                if mention is not None:
                    found.append(mention)
        found.sort(key=lambda d: d.start)
        return found

    def _named_date(self, m: re.Match, published: date | None) -> DateMention | None:
        day_txt, year_txt, past = m.group(1), m.group(2), m.group(3)
        if not day_txt and not year_txt:
            return None  # a bare month name ("ايار") is too easily a word or a name
        month = self.months[self._month_capture.search(m.group(0)).group(1)]
        if year_txt:
            year = int(year_txt)
        elif published is not None:
            year = published.year
            if (month, int(day_txt or 1)) > (published.month, published.day) or (past and month == published.month):
                year -= 1
        else:
            return None
        try:
            day = date(year, month, int(day_txt) if day_txt else 1)
        except ValueError:
            return None
        return DateMention(m.start(), m.end(), day, 1 if day_txt else 3)

    def _relative_date(self, m: re.Match, text: str, published: date) -> DateMention | None:
        phrase = m.group(0)
        meaning = self._meanings.get(phrase)
        if meaning is None:
            if len(self._meanings) >= _MEANINGS_KEPT:
                self._meanings.clear()  # spaces of every width make new phrases: memory stays bounded
            meaning = self._meanings[phrase] = self._relative_meaning(phrase)
        kind, value, precision = meaning
        if kind == "days":
            return DateMention(m.start(), m.end(), published - timedelta(days=value), precision, True)
        if kind == "weekday":
            delta = (published.weekday() - value) % 7
            if delta == 0 and precision:  # "الثلاثاء الماضي" said on a Tuesday: a week ago
                delta = 7
            return DateMention(m.start(), m.end(), published - timedelta(days=delta), 1, True)
        return None

    def _relative_meaning(self, phrase: str) -> tuple[str, int, int]:
        """What a relative date phrase says, whatever the publication date: ("days", days before it,
        precision), ("weekday", the weekday's number, whether "last" is said), or ("none", 0, 0). Phrases
        are few and recur in every report (اليوم، أمس، يوم الثلاثاء), so each is read once
        (:attr:`_meanings`)."""
        for coarse, (days, precision) in self.coarse.items():
            if coarse in phrase:
                return "days", days, precision
        rel = self._rel_capture.search(phrase)
        if rel:
            return "days", self.relative[rel.group(1)], 1
        week = self._week_capture.search(phrase)
        if not week:
            return "none", 0, 0
        return "weekday", self.weekdays[week.group(1)], int(bool(re.search("الماضي|الفايت|المنصرم", phrase)))


def _make_date(m: re.Match) -> date | None:
    if m.group(1):
        year, a, b = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month, day = a, b
    else:
        day, month, year = int(m.group(4)), int(m.group(5)), int(m.group(6))
    if month > 12 and day <= 12:  # "9_21_2015": month and day swapped
        day, month = month, day
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
