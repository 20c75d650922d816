"""Mentions beyond the index: a cue head followed by a name (مستشفى X، مطار X، طريق X، حي X …).

No gazetteer holds every hospital, school, street or quarter, but the text says that it names one:
a head noun in the construct state (``معهد الأورام``, ``مطار الكويت الدولي``, ``طريق الملك
عبدالعزيز``, ``حي الفرقان``, ``منطقة كبد``) followed by a name. Such a phrase is a mention even when
the name is unknown. It resolves to the place named next to it (``مستشفى الجامعة في دير شرقي``,
``مدرسة X بمدينة Y``) or inside it (``مطار الكويت الدولي``) at a coarser precision (ACLED 2: near
that place), and is otherwise reported unresolved, with its span and no candidate.

A known institution or quarter is checked the same way: when the text places it in a town far from
the row the index matched (``مستشفى الجامعة في دير شرقي`` is not Aleppo University Hospital, ``حي
المنشية بدرعا`` not a village of that name across the border), it is that town's, not the other one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace

from gazetteer.anchored import AnchoredGroup, AnchoredPattern
from gazetteer.frequency import is_frequent_word
from gazetteer.model import NOT_MAPPABLE_AS_POINT, Candidate, Kind, Mention, Precision
from gazetteer.normalize import normalize_name
from gazetteer.resolve import LANDFORM_HEADS, TOPONYM_HEADS, distance_km
from gazetteer.word_or_place import ARAB_COUNTRIES
from gazetteer.words import is_ordinary_word

#: Cue heads (normalised) whose next words name a place, and the clitics that may precede them.
HEADS = frozenset({
    "مستشفي", "مشفي", "مطار", "جامعه", "معهد", "مدرسه", "جامع", "شارع", "طريق", "حي", "منطقه", "قريه", "بلده",
    "دوار", "جسر", "معبر", "سوق", "ساحه",
    # the same kinds of head: a clinic, a port, a dam (sites like a hospital, an airport, a bridge), an
    # administrative area (محافظة، مدينة، ولاية، إقليم like منطقة), a valley or coast (natural sites)
    "مستوصف", "مرفا", "ميناء", "سد", "محافظه", "مدينه", "ولايه", "اقليم", "وادي", "ساحل", "ضاحيه",
    # institutions most often named after what they do (see FUNCTION_HEADS)
    "مركز", "كليه", "محطه", "مخيم", "محكمه", "سفاره", "جمعيه",
    # a waterfront road (كورنيش النيل، كورنيش المزرعة) and, with the article, a ring road (الدائري السادس)
    "كورنيش", "دايري",
})
#: Heads of institutions most often named after their function (مركز عزل، كلية الطب، محطة وقود، محكمة
#: الاستئناف، مخيم لاجئين، جمعية البر): a name follows only when it is no frequent word (مركز تندحة،
#: محطة الشعيبة، جمعية كيفان, a co-operative named after its area) or a place the index holds (محكمة
#: الخليل، مخيم اليرموك). An embassy (سفارة) bears the name of the country that sends it, not of where it
#: stands: it is placed only by the town named next to it.
FUNCTION_HEADS = frozenset({"مركز", "كليه", "محطه", "مخيم", "محكمه", "سفاره", "جمعيه"})
EMBASSY_HEAD = "سفاره"

_CLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
#: Words that end a name: prepositions, conjunctions, relatives, time words.
STOP_WORDS = frozenset({
    "في", "من", "علي", "الي", "عن", "مع", "بعد", "قبل", "عند", "حول", "منذ", "خلال", "ضد", "حتي", "لدي", "نحو", "عبر",
    "التي", "الذي", "الذين", "اللذين", "هذا", "هذه", "ذلك", "تلك", "اليوم", "امس", "غدا", "الان", "صباح", "مساء",
    "ان", "انه", "كان", "قد", "لم", "لن", "ما", "لا", "او", "ثم", "بين", "كما", "حيث", "ايضا", "جراء", "اثر", "بسبب",
    "اللي", "يلي",  # colloquial relatives (مستشفى X اللي …)
    # participles that open a complement (معهد الأورام التابع لـ، طريق الكورنيش المؤدي إليه): never a name
    "التابع", "التابعه", "المودي", "الموديه", "الواقع", "الواقعه", "المجاور", "المجاوره", "القريب", "القريبه",
    "المطل", "المطله", "المذكور", "المذكوره",
})
#: Words after which the next word, without the article, still belongs to the name (الملك عبدالعزيز).
TITLE_WORDS = frozenset({"الملك", "الامير", "الشيخ", "الامام", "الشهيد", "السلطان", "الرئيس", "السيده", "الحاج"})
MAX_NAME_WORDS = 4
#: Heads that name the place itself (قرية X is X); the others name something in a place (جامعة
#: القاهرة is not Cairo, مطار الكويت not Kuwait).
AREA_HEADS = frozenset({"حي", "منطقه", "قريه", "بلده", "محافظه", "مدينه", "ولايه", "اقليم", "ضاحيه"})
#: Heads of what stands inside the town it is named after (مستشفى اللطامنة، سوق معرة النعمان); an
#: airport, crossing or road named after a town lies outside it (مطار مرج السلطان، طريق حلب).
#: (Squares and mosques are most often named after an idea or a person: ساحة الكرامة، جامع الرحمن.)
IN_TOWN_HEADS = frozenset({"مستشفي", "مشفي", "مستوصف", "مدرسه", "سوق", "معهد", "جامعه", "مركز", "كليه", "محكمه"})
#: A town named inside a phrase lies this close to one of the text's other Syrian places, if it names any.
NAMED_INSIDE_KM = 50.0
#: How far after the phrase the place that locates it may be named, and the words between.
LOCATOR_MAX_CHARS = 24
LOCATOR_GAPS = frozenset({"", "في", "ب", "قرب", "بمدينه", "في مدينه", "مدينه", "في بلده", "ببلده", "في قريه",
                          "بقريه", "في حي", "بحي", "في منطقه", "بمنطقه", "في محافظه", "بمحافظه", "في ريف", "بريف"})
#: Kinds that are institutions or sites a town has many of: the same name elsewhere is another one.
INSTITUTION_KINDS = frozenset({Kind.HOSPITAL, Kind.LANDMARK})
SAME_PLACE_KM = 25.0
#: A word: letters and their marks, not Arabic punctuation (، ؛ ؟ sit in the same Unicode block).
_WORD = re.compile(r"[0-9A-Za-z\u0621-\u063a\u0641-\u065f\u0670-\u06d3]+")
_AFTER = re.compile(r"\s+(?:في\s+|ب(?=[\u0621-\u064a]{3}))(?P<name>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?)")
_SETTLEMENTS = frozenset({Kind.CITY, Kind.TOWN, Kind.VILLAGE, Kind.NEIGHBOURHOOD})
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")
#: Locators that are areas: a place lies in them by its parents, not by its distance from their point.
_AREA_LOCATORS = frozenset({Kind.GOVERNORATE, Kind.DISTRICT, Kind.SUBDISTRICT})


def _head_of(token: str) -> tuple[str, int] | None:
    """(head, clitic length) when a normalised token is a cue head, clitics allowed."""
    if token in HEADS:
        return token, 0
    for clitic in _CLITICS:
        if token.startswith(clitic) and token[len(clitic):] in HEADS:
            return token[len(clitic):], len(clitic)
    return None


#: A cue head as written (clitics, ة/ه, ى/ي), found in the raw text before any tokenising: long
#: texts are scanned once by one regular expression and only the words after a head are read.
_HEAD_RE = re.compile(
    r"(?<![\w\u0600-\u06ff])(?:[وف]?[بل]|[وف])?(?:مستشف[ىي]|مشف[ىي]|مطار|جامع[ةه]?|معهد|مدرس[ةه]|شارع|طريق|حي"
    r"|منطق[ةه]|قري[ةه]|بلد[ةه]|دوار|جسر|معبر|سوق|ساح[ةه]|مستوصف|مرف[أا]|ميناء|سد|محافظ[ةه]|مدين[ةه]|ولاي[ةه]"
    r"|[إا]قليم|وادي|ساحل|ضاحي[ةه]|مركز|كلي[ةه]|محط[ةه]|مخيم|محكم[ةه]|سفار[ةه]|جمعي[ةه]|كورنيش)"
    r"(?![0-9A-Za-z\u0621-\u064a])")
#: The letters every head of :data:`_HEAD_RE` opens with; its clitics stand at most two letters before.
_HEAD_LITERALS = ("مستشف", "مشف", "مطار", "جامع", "معهد", "مدرس", "شارع", "طريق", "حي", "منطق", "قري", "بلد", "دوار",
                  "جسر", "معبر", "سوق", "ساح", "مستوصف", "مرف", "ميناء", "سد", "محافظ", "مدين", "ولاي", "إقليم",
                  "اقليم", "وادي", "ضاحي", "مركز", "كلي", "محط", "مخيم", "محكم", "سفار", "جمعي",
                  "كورنيش")
_HEADS_IN_TEXT = AnchoredPattern(_HEAD_RE, _HEAD_LITERALS, lead=2)
#: An institution's head with the article, then its name of adjectives (المعهد القومي للأورام، السجن
#: المركزي، الطريق الصحراوي، بالمستشفى السلطاني): a proper name as much as مستشفى X, the article
#: because the name is an adjective, not a genitive.
_ARTICLE_HEAD_RE = re.compile(
    r"(?<![\w\u0600-\u06ff])(?:[وف]?ب|[وف])?ال(?:مستشف[ىي]|مشف[ىي]|معهد|سجن|سوق|طريق|مطار|جامع[ةه]|مدرس[ةه]"
    r"|ميناء|مرف[أا]|مستوصف|سفار[ةه]|دائري)(?![0-9A-Za-z\u0621-\u064a])")
_ARTICLE_HEADS_IN_TEXT = AnchoredPattern(_ARTICLE_HEAD_RE, (
    "المستشف", "المشف", "المعهد", "السجن", "السوق", "الطريق", "المطار", "الجامع", "المدرس", "الميناء", "المرف",
    "المستوصف", "السفار", "الدائري"), lead=2)
#: ``عن`` right before ``طريق``: the idiom "by means of", never a road.
_BY_WAY_OF = re.compile(r"(?<![\w\u0600-\u06ff])عن\s+$")
#: ``بطريق الخطأ`` / ``عن طريق الخطأ`` "by mistake": an idiom, never a road.
_BY_MISTAKE = re.compile(r"\s+ال[خح]ط[أا]ء?(?![\w\u0600-\u06ff])")
#: How far after the head its name may run (four words).
_NAME_WINDOW = 80
#: The rest of a hashtag after its head: the words its underscores join, up to a blank or a new hashtag.
_HASHTAG_END = re.compile(r"[^\s#]*")
#: A hashtag's Arabic words joined by ``_`` (#سعد_زغلول), without what follows it (،).
_HASHTAG_NAME = re.compile(r"[\u0621-\u064a\u0640]+(?:_[\u0621-\u064a\u0640]+)*")


#: Both kinds of head found in one pass over a text.
_ALL_HEADS_IN_TEXT = AnchoredGroup([_HEADS_IN_TEXT, _ARTICLE_HEADS_IN_TEXT])


#: What the name window reads of a word as written (:func:`_name_word`), by the word: a text's words
#: recur from report to report, and six tests of its normal form cost more than a lookup.
_NAME_WORDS: dict[str, tuple[str, bool, bool, bool, bool, bool | None]] = {}
#: The head a head's match as written stands for (:func:`_head_as_written`), by the match and the article.
_HEADS_WRITTEN: dict[tuple[str, bool], tuple[str, int] | None] = {}
_MEMO_SIZE = 16384


def _name_word(written: str) -> tuple[str, bool, bool, bool, bool, bool | None]:
    """What :func:`cue_phrases` reads of a word after a head: its normal form; whether it ends the name
    (no Arabic word, or a stop word); whether it goes on a name after its first word (ال، لل، عبد، ابو …);
    whether it has the article; whether the word after it goes on the name whatever it is (a title or a
    toponym's head: الملك عبدالعزيز، خان شيخون); and whether it may open the name: True, False, or None
    for a landform's head, which may only after an area's head (منطقة وادي الهيدان)."""
    found = _NAME_WORDS.get(written)
    if found is None:
        word = normalize_name(written)
        if (word.startswith("و") and not word.startswith("وادي")) or word.startswith(("لل", "بال")):
            opens: bool | None = False  # و: the next item of a list; لل، بال: "for the", "in the"
        elif _head_of(word) and word != "كورنيش":
            opens = None if word in LANDFORM_HEADS else False
        else:
            opens = True
        found = (word, not _ARABIC_WORD.match(word) or word in STOP_WORDS,
                 word.startswith(("ال", "لل", "عبد", "ابو", "ابن", "بن")), word.startswith("ال"),
                 word in TITLE_WORDS or word in TOPONYM_HEADS, opens)
        if len(_NAME_WORDS) >= _MEMO_SIZE:
            _NAME_WORDS.clear()
        _NAME_WORDS[written] = found
    return found


def _head_as_written(written: str, article: bool) -> tuple[str, int] | None:
    """(head, clitic length) of a head's match as written; ``article``: a match of the heads with the
    article (بالمستشفى → مستشفي, clitic length 0)."""
    key = (written, article)
    found = _HEADS_WRITTEN.get(key, _MISSING)
    if found is _MISSING:
        word = normalize_name(written)
        found = (word[word.index("ال") + 2:], 0) if article else _head_of(word)
        if len(_HEADS_WRITTEN) >= _MEMO_SIZE:
            _HEADS_WRITTEN.clear()
        _HEADS_WRITTEN[key] = found
    return found


_MISSING = object()


def cue_phrases(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, head)`` of every cue head followed by a name, clitics included in the span."""
    out = []
    head_starts, article_starts = _ALL_HEADS_IN_TEXT.starts(text)
    if not head_starts and not article_starts:  # most short texts: no head at all
        return out
    matches = [(match, False) for match in _HEADS_IN_TEXT.matches_at(text, head_starts)]
    if article_starts:  # its literals open with the article: none in most texts without ال
        matches.extend((match, True) for match in _ARTICLE_HEADS_IN_TEXT.matches_at(text, article_starts))
        matches.sort(key=lambda item: item[0].start())
    for match, article in matches:
        head = _head_as_written(match.group(), article)
        if head is None:
            continue
        start, end = match.span()
        if head == ("طريق", 0) and _BY_WAY_OF.search(text, max(0, start - 8), start):
            continue  # عن طريق الهواء "by means of the air": no road
        if head[0] == "طريق" and _BY_MISTAKE.match(text, end):
            continue  # أطلق النار بطريق الخطأ "fired by mistake": no road
        window = text[end:end + _NAME_WINDOW].replace("_", " ")
        if start and text[start - 1] == "#":  # a hashtag is one name: #معهد_الأورام التفاصيل ends at its end
            window = window[:_HASHTAG_END.match(text, end).end() - end]
        name_end, count, previous_leads, last = None, 0, False, end
        area_head = head[0] in AREA_HEADS
        for word_match in _WORD.finditer(window):
            w_start, w_end = end + word_match.start(), end + word_match.end()
            if w_start < last:
                continue  # the rest of a hashtag taken whole
            word, ends_name, goes_on, with_article, leads, opens_first = _name_word(word_match.group())
            gap = text[last:w_start]
            if count >= MAX_NAME_WORDS or ends_name or gap != " " and (
                    gap.strip(" _#") or "\n" in gap or (count and "#" in gap)):
                break  # a new hashtag is a new mention (#معهد_الأورام #المنيل); after the head it may open the name
            if count and not (goes_on or previous_leads):
                break  # لل: what the place is for (معهد ناصر للأورام), part of its name
            if count == 0:
                if article and not with_article:
                    break  # المستشفى الذي، الطريق إلى: no name follows
                if opens_first is not True and (opens_first is False or not area_head):
                    # و: the next item of a list; لل، بال: "for the", "in the" (مدرسة للأطفال), not a name;
                    # another head (but a landform after an area's head); a corniche names a road (شارع
                    # كورنيش النيل)
                    break
                tag = _HASHTAG_NAME.match(text, w_start) if "#" in gap else None
                if tag is not None and tag.end() > w_end:  # محطة #سعد_زغلول: a hashtag after the head names it whole
                    w_end = tag.end()
                    word = normalize_name(text[w_end - len(tag.group().rsplit("_", 1)[-1]):w_end])
                    leads = word in TITLE_WORDS or word in TOPONYM_HEADS
            name_end, previous_leads, count, last = w_end, leads, count + 1, w_end
        if name_end is not None and not (out and out[-1][0] <= start and name_end <= out[-1][1]):
            out.append((start, name_end, head[0]))  # منطقة وادي الهيدان: one phrase, not a second inside it
    return out


def add_cue_mentions(text: str, mentions: list[Mention],
                     places_named: Callable[[str], Sequence[Candidate]] | None = None) -> list[Mention]:
    """``mentions`` with the cue phrases the index does not hold added (resolved to the place
    named next to or inside them, or unresolved), and known institutions placed elsewhere by the
    text replaced. Mentions inside a new phrase give way to it. ``places_named`` (a name to ranked
    candidates) reads the locating name when the text's mentions do not include it (``في التح``:
    a village named without a cue word, which alone would not count)."""
    phrases = cue_phrases(text)
    if not phrases:
        return mentions
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    longest = max((m.end - m.start for m in ordered), default=0)
    removed: set[int] = set()
    added: list[Mention] = []
    for start, end, head in phrases:
        lo = bisect_left(starts, start - longest)
        hi = bisect_left(starts, end + LOCATOR_MAX_CHARS + 1)
        near = [(i, ordered[i]) for i in range(lo, hi) if i not in removed]
        covering = [(i, m) for i, m in near if m.start <= start and end <= m.end]
        if covering:
            index, known = covering[0]
            if known.best is None or not (known.best.place.kind in INSTITUTION_KINDS or head == "حي"):
                continue  # most known phrases: only an institution or a quarter may be another one in town
        inside = [(i, m) for i, m in near if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)]
        after = [m for _, m in near if m.start >= end]
        locator = _locator(text, end, after)
        if covering:
            wrong = locator is not None and locator.best is not None and not _same_place(known.best, locator.best)
            if not wrong:
                continue
            removed.add(index)
        elif any(m.start < end and start < m.end for i, m in near if (i, m) not in inside):
            continue  # a known mention straddles the phrase: the index knows better
        elif head in AREA_HEADS and any(m.best is not None and m.best.place.kind not in NOT_MAPPABLE_AS_POINT
                                        for _, m in inside):
            continue  # قرية ياقد العدس: the village itself, which the index knows
        if locator is None and places_named is not None:
            locator = _named_after(text, end, places_named)
        if head == EMBASSY_HEAD:  # السفارة اليمنية بالرياض: where it stands, never the country it is of
            if locator is None or locator.best is None:
                continue
            inside = []
        elif head in FUNCTION_HEADS and (any(m.best is not None for _, m in inside) or _function_named(
                text, start, end) and not _named_after_city(text, start, end, places_named, ordered)):
            # مركز عزل، كلية الطب، محطة وقود: what it does, no name; مركز أبوظبي للخلايا: the place the
            # text names in it is the mention
            continue
        removed.update(i for i, _ in inside)
        own = _settlement_with_article_toggled(text, start, end, head, places_named, locator)
        if own:  # قرية الفطيرة is OCHA's فطيرة: the village itself, not the area named next to it
            added.append(Mention(start, end, text[start:end], normalize_name(text[start:end]), head, own))
            continue
        base = locator if locator is not None and locator.best is not None else \
            next((m for _, m in inside if m.best is not None), None)
        if head in IN_TOWN_HEADS and places_named is not None and (
                base is None or base.best.place.kind not in _SETTLEMENTS):
            # مستشفى اللطامنة الجراحي (في ريف حماة): the town the phrase is named after, finer than an area
            base = _named_inside(text, start, end, places_named, ordered) or base
        candidates = _coarser(base, head) if base is not None else ()
        if not candidates and head in AREA_HEADS and places_named is not None:
            candidates = _of_named_country(text, start, end, head, places_named, ordered)
        added.append(Mention(start, end, text[start:end], normalize_name(text[start:end]), head, candidates))
    if not added and not removed:
        return mentions
    kept = [m for i, m in enumerate(ordered) if i not in removed]
    return sorted([*kept, *added], key=lambda m: (m.start, m.end))


def beyond_index(mention: Mention) -> bool:
    """Whether ``mention`` is a cue phrase the index does not hold (:func:`add_cue_mentions`):
    unresolved, or placed only through the place named next to or inside it. A name the index
    holds with its head (``مستشفى المواساة``) is matched exactly and is not one."""
    if mention.cue is None or mention.name_start is not None or not mention.name:
        return False
    head = _head_of(mention.name.split(maxsplit=1)[0])  # the phrase opens with its head, clitics allowed
    return head is not None and head[0] == mention.cue and (not mention.candidates or mention.candidates[0].approximate)


def phrase_without_clitics(mention: Mention) -> str:
    """The phrase as written, from its head on (``بحي الزنبقة`` gives ``حي الزنبقة``)."""
    head = _head_of(normalize_name(mention.surface.split(maxsplit=1)[0]))
    return mention.surface[head[1]:] if head is not None else mention.surface


def _locator(text: str, end: int, mentions: list[Mention]) -> Mention | None:
    """The mention right after the phrase that says where it is (``في دير شرقي``, ``بحلب``);
    ``mentions`` are those after the phrase, in text order."""
    for m in mentions:
        if m.start - end > LOCATOR_MAX_CHARS:
            return None
        gap = normalize_name(text[end:m.start])
        surface = normalize_name(m.surface)
        if gap in LOCATOR_GAPS and (gap or surface.startswith("ب")) or (not gap and surface.startswith("ب")):
            best = m.best
            if best is not None and best.place.kind not in (Kind.COUNTRY, Kind.REGION):
                return m
        return None
    return None


def _named_after(text: str, end: int, places_named) -> Mention | None:
    """A settlement named right after ``في`` or ``ب`` that follows the phrase (one or two words)."""
    match = _AFTER.match(text, end)
    if match is None:
        return None
    words = match.group("name").split()
    for count in (2, 1):
        if len(words) < count:
            continue
        name = " ".join(words[:count])
        key = normalize_name(name)
        if is_ordinary_word(key):
            continue  # في المدينة: "in the city", not Medina
        found = [c for c in places_named(key) if c.place.kind in _SETTLEMENTS and c.place.country_code == "SY"]
        if found:
            start = match.start("name")
            stop = start + len(name)
            return Mention(start, stop, text[start:stop], normalize_name(name), None, tuple(found[:3]))
    return None


def _of_named_country(text: str, start: int, end: int, head: str, places_named,
                      mentions: list[Mention]) -> tuple[Candidate, ...]:
    """The place of an area phrase's name in a country the text names as such, outside Syria, when the
    cue did not take it for a place of its kind (منطقة الجفر: a village after منطقة, which alone needs
    support; مدينة البتراء: a site): قرية X is X, and the text says which country it lies in."""
    countries = {m.best.place.country_code for m in mentions if m.best is not None
                 and m.best.place.kind is Kind.COUNTRY} - {"SY", ""}
    if not countries:
        return ()
    words = _words_after_head(text, start, end)
    for count in range(len(words), 0, -1):
        key = normalize_name(text[words[0][0]:words[count - 1][1]].replace("_", " "))
        found = [c for c in places_named(key) if c.place.country_code in countries
                 and c.place.kind not in NOT_MAPPABLE_AS_POINT]
        if found:
            name = found[0].place.name_ar or found[0].place.name_en
            return tuple(replace(c, reasons=(*c.reasons, f"{head} {name}: the place of the name in the country "
                                              "the text names")) for c in found[:3])
    return ()


def _words_after_head(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each word of a phrase after its head."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if words and _head_of(normalize_name(text[words[0][0]:words[0][1]])):
        words = words[1:]
    return words


#: Heads that name a village or town (قرية X، بلدة X), whose name reporters write with or without the article.
_VILLAGE_HEADS = frozenset({"قريه", "بلده"})
#: How far from the place the text names next to it a village read with its article toggled may lie.
_TOGGLED_REACH_KM = 30.0


def _settlement_with_article_toggled(text: str, start: int, end: int, head: str, places_named,
                                     locator: Mention | None) -> tuple[Candidate, ...]:
    """The village or town a ``قرية X`` / ``بلدة X`` phrase names when the index holds X with the article
    toggled (الفطيرة / فطيرة): near the place named next to it when the text names one (قرية الفطيرة
    بجبل الزاوية), else the one settlement of that name; nothing when neither holds."""
    if head not in _VILLAGE_HEADS or places_named is None:
        return ()
    words = _words_after_head(text, start, end)
    if not words:
        return ()
    key = normalize_name(text[words[0][0]:words[-1][1]])
    toggled = key[2:] if key.startswith("ال") else "ال" + key
    found = [c for c in places_named(toggled) if c.place.kind in (Kind.VILLAGE, Kind.TOWN)]
    if locator is not None and locator.best is not None:
        found = [c for c in found if distance_km(c.place, locator.best.place) <= _TOGGLED_REACH_KM]
    elif len(found) > 1:
        return ()
    return tuple(found[:1])


def _function_named(text: str, start: int, end: int) -> bool:
    """Whether a phrase of :data:`FUNCTION_HEADS` names its institution by what it does: every word of
    its name is a frequent word, with or without its article (مركز عزل، كلية الطب، مركز إدارة الأزمات);
    one rare word makes it a proper name (مركز تندحة، محطة سعد زغلول)."""
    words = _words_after_head(text, start, end)
    return all(is_frequent_word(normalize_name(text[s:e])) for s, e in words)


def _named_after_city(text: str, start: int, end: int, places_named, mentions: list[Mention]) -> bool:
    """Whether a phrase's name is a city's (محكمة الخليل), though the city's name is a frequent word."""
    if places_named is None:
        return False
    named = _named_inside(text, start, end, places_named, mentions)
    return named is not None and named.best is not None and named.best.place.kind is Kind.CITY


def _named_inside(text: str, start: int, end: int, places_named, mentions: list[Mention]) -> Mention | None:
    """The Syrian town or village, the town of an Arab country or the city anywhere, whose name the
    phrase carries after its head (مستشفى اللطامنة الجراحي، مشفى معرة النعمان الوطني، جامعة القاهرة،
    مستشفى الجهراء): a hospital, school or university named after its town is in it. Ordinary
    words (مستشفى الرحمة، مدرسة الشهداء) name no town, nor does a place far from every other place
    of the text (for a Syrian village, every other Syrian place)."""
    words = _words_after_head(text, start, end)
    for count in (2, 1):
        if len(words) < count:
            continue
        name_start, name_end = words[0][0], words[count - 1][1]
        key = normalize_name(text[name_start:name_end])
        if is_ordinary_word(key) or is_ordinary_word(key.removeprefix("ال")):
            continue
        found = [c for c in places_named(key) if c.place.kind in _SETTLEMENTS and c.place.country_code == "SY"
                 or c.place.kind is Kind.CITY
                 or c.place.kind is Kind.TOWN and c.place.country_code in ARAB_COUNTRIES]
        if found:  # the text's other places, read only now: most phrases name no town
            others = [m.best.place for m in mentions if m.best is not None
                      and m.best.place.kind not in NOT_MAPPABLE_AS_POINT and not m.start <= start < m.end]
            found = [c for c in found if not any(
                o.country_code == "SY" or c.place.country_code != "SY" for o in others)
                or any(distance_km(c.place, o) <= NAMED_INSIDE_KM for o in others
                       if o.country_code == "SY" or c.place.country_code != "SY")]
        if found:
            return Mention(name_start, name_end, text[name_start:name_end], key, None, tuple(found[:3]))
    return None


def _same_place(a: Candidate, b: Candidate) -> bool:
    """Whether the known place ``a`` is the one the locator ``b`` says: near it, or inside the
    governorate or district ``b`` names (مطار التيفور في ريف حمص lies 60 km from Homs, in its
    countryside)."""
    if distance_km(a.place, b.place) <= SAME_PLACE_KM:
        return True
    return b.place.kind in _AREA_LOCATORS and any(
        p in a.place.parents for p in (b.place.id, *b.place.parents) if not p.startswith("local:country"))


def _coarser(base: Mention, head: str) -> tuple[Candidate, ...]:
    """The candidates of the locating place, at precision 2 at best: the phrase is somewhere in it."""
    out = []
    for cand in base.candidates[:3]:
        if cand.place.kind in NOT_MAPPABLE_AS_POINT:
            continue
        precision = max(cand.precision, Precision.NEAR)
        out.append(replace(cand, precision=precision, approximate=True,
                           reasons=(*cand.reasons, f"{head} not in the index: placed at "
                                    f"{cand.place.name_ar or cand.place.name_en}, named with it")))
    return tuple(out)


#: A dual area cue (في منطقتي ضبعة ومادبا "in the two areas of Dhab'a and Madaba") and its singular head:
#: both names it governs are places of that kind, whether or not the index holds them.
DUAL_CUES = {"منطقتي": "منطقه", "مدينتي": "مدينه", "بلدتي": "بلده", "قريتي": "قريه", "محافظتي": "محافظه",
             "مديريتي": "منطقه"}  # Yemen's and Egypt's districts (مديريتي المظفر والقاهرة) are areas
_NAME = r"#?[\u0621-\u064a]+"
_DUAL_RE = re.compile(r"(?<![\w\u0600-\u06ff])(?:[وف]?[بل]|[وف])?(?P<cue>منطقتي|مدينتي|بلدتي|قريتي|محافظتي|مديريتي)\s+"
                      rf"(?P<first>{_NAME})\s+و\s*(?P<second>{_NAME})(?![\w\u0600-\u06ff])")


def add_dual_cue_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the names a dual area cue governs that no mention covers, unresolved with the
    cue's singular head (placed later in the text's one area, :mod:`gazetteer.text_area`). A frequent
    word is no such name (منطقتي الشمال والجنوب are directions)."""
    if "تي " not in text:
        return mentions
    added = []
    for match in _DUAL_RE.finditer(text):
        head = DUAL_CUES[match.group("cue")]
        for group in ("first", "second"):
            start, end = match.span(group)
            start += text[start] == "#"
            key = normalize_name(text[start:end])
            if any(m.start < end and start < m.end for m in mentions) or is_frequent_word(key):
                continue
            added.append(Mention(start, end, text[start:end], key, head, ()))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))
