"""Names the text types as places (حي X، قرية X، مستشفى X …) that the gazetteer did not resolve.

The run summary lists them so that an analyst sees which places to add to the gazetteer.  A name
is the word after the cue word, or two words when the first is the head of a compound name
(كفر، عين، تل، دير …: "قرية تل رفعت").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from gazetteer.anchored import AnchoredPattern

#: cue words in their written (unfolded) forms, with optional و / ب / ل clitics before them; a cue
#: with the article (الحي، المدينة) is followed by an adjective, not a name
_CUE = re.compile(
    r"(?<![\w])(?:و|ب|ل|وب|ول|ف)?"
    r"(حي|أحياء|قرية|قرى|بلدة|بلدات|مدينة|دوار|ساحة|مستشفى|مشفى|مخيم|ناحية|منطقة|معبر)"
    r"(?=[ \t]+([^\s،,.:؛!?؟\"«»()\-–0-9]+)(?:[ \t]+([^\s،,.:؛!?؟\"«»()\-–0-9]+))?)"
)
#: every match of :data:`_CUE` has one of its cue words at most two letters (the clitics) after its start
_CUES_IN_TEXT = AnchoredPattern(_CUE, ("حي", "أحياء", "قرية", "قرى", "بلدة", "بلدات", "مدينة", "دوار", "ساحة", "مستشفى",
                                       "مشفى", "مخيم", "ناحية", "منطقة", "معبر"), lead=2)
_CUE_WORD = re.compile(r"(?:و|ب|ل|وب|ول|ف)?(?:حي|أحياء|قرية|قرى|بلدة|بلدات|مدينة|دوار|ساحة|مستشفى|مشفى|مخيم|ناحية"
                       r"|منطقة|معبر)")
_COMPOUND_HEADS = frozenset({
    "كفر", "عين", "تل", "دير", "جسر", "خان", "معرة", "بيت", "أبو", "ابو", "الشيخ", "باب", "رأس", "راس", "جبل",
    "بني", "سيدي", "أم", "ام", "مزرعة", "دار", "قصر", "بئر", "بير", "حوش", "سوق", "مشهد", "تلة",
})
#: words after a cue that are not names (adjectives, directions, prepositions, pronouns)
_NOT_NAMES = frozenset({
    "في", "من", "على", "إلى", "الى", "عن", "مع", "قرب", "بين", "داخل", "خارج", "وسط", "شمال", "جنوب", "شرق",
    "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "الشمالي", "الجنوبي", "الشرقي", "الغربي", "المجاور", "المجاورة",
    "الميداني", "الوطني", "نفسه", "نفسها", "ذاتها", "ذاته", "التي", "الذي", "الأول", "الثاني", "الثالث", "عدة",
    "عدد", "كل", "أخرى", "اخرى", "القديمة", "الجديدة", "الصناعية", "المدينة", "البلدة", "القرية", "الحي",
    "المنطقة", "مجهولة", "مجهول", "الرئيسي", "الرئيسية", "الكبير", "الكبيرة", "تابع", "تابعة", "المحلية",
    "أمس", "اليوم", "حيث", "بعد", "قبل", "خلال", "أيضا", "أيضاً",
})
_HOSPITAL_CUES = frozenset({"مستشفى", "مشفى"})


def unresolved_names(text: str, mentions) -> list[str]:
    """Cue-typed names in ``text`` (original offsets) that no resolved mention covers, in text order."""
    covered = sorted((m.start, m.end) for m in mentions if m.candidates)
    starts = [start for start, _ in covered]
    reach = list(accumulate((end for _, end in covered), max))  # the furthest end of the first i + 1 spans
    found: list[str] = []
    for match in _CUES_IN_TEXT.finditer(text):
        cue, first, second = match.group(1), match.group(2), match.group(3)
        if first in _NOT_NAMES or len(first) < 2 or _CUE_WORD.fullmatch(first):
            continue
        words = [first]
        if second and second not in _NOT_NAMES and (
            first in _COMPOUND_HEADS or (cue in _HOSPITAL_CUES and second.startswith("ال"))
        ):
            words.append(second)
        name_start = match.start(2)
        name_end = name_start + len(" ".join(words))
        before = bisect_left(starts, name_end)  # the covered spans that start before the name ends ...
        if before and reach[before - 1] > name_start:  # ... one of which ends after it starts
            continue
        name = f"{cue} {' '.join(words)}" if cue in _HOSPITAL_CUES else " ".join(words)
        if name not in found:
            found.append(name)
    return found
