"""Word or place: does the text mean the place, or the ordinary word that spells its name?

For every mention found without a cue word, a small logistic model weighs general signals: how
common the name is as a word of ordinary Arabic and whether it inflects like one (takes or drops the
article: السيول، خبر; :mod:`gazetteer.frequency`), how prominent the
place is (kind, population), where it is (an Arabic-speaking country or not), the
text's other places (in the same country, close by), and how the name is written (a whole hashtag,
a clitic, several words). The weights are fitted on the tune half of the development sets by
``benchmarks/fit_word_or_place.py`` and committed as ``gazetteer/data/word_or_place.json``; every
decision keeps a readable reason (the two signals that weighed most).

A cue word (حي، قرية، مدينة …) already says the text means a place: cued mentions are not weighed;
nor are countries and regions, nor places in Syria, Turkey and Israel, which have rules of their own
(:mod:`gazetteer.resolve`), except a Syrian place in a text about another country: the model
decides about far-away homonyms of ordinary words and about the towns of the Arab countries, whose
size alone says little (حولي، الجفر are places, الخبر in "بهذا الخبر" is not). When it rejects the
best reading of a name, the next one is weighed in turn.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer.model import Kind, Place

WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "word_or_place.json"

#: Members of the Arab League: a place there is named in Arabic text far more often than a
#: same-spelled place elsewhere.
ARAB_COUNTRIES = frozenset({
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD",
    "SY", "TN", "AE", "YE",
})

#: Feature names, in the order of the weights; each is a number in about [0, 1].
FEATURES = (
    "inflected",       # Zipf frequency of the name or of the name with its article toggled, the lesser, / 7
    "prominence",      # population from 10,000 (0) to 10 million (1) on a log scale; without one, the importance
    "city",            # a city (or capital)
    "arab_world",      # in an Arab League country
    "text_country",    # the text names other places in the same country
    "near_other",      # another place of the text lies within 50 km
    "hashtag",         # written as a whole hashtag (#حلب)
    "clitic",          # a clitic glued on (بحلب، والقاهرة)
    "words",           # the name has several words
)


#: how the reasons of word or place open (``word or place: 0.91 (…)``): read by the extractor
LABEL = "word or place"


@dataclass(frozen=True, slots=True)
class Model:
    """A fitted logistic model: weights over named features, a threshold, and a readable reason per
    decision (also the extractor's "specific incident or talk of attacks" decision uses it)."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float
    names: tuple[str, ...] = FEATURES
    label: str = LABEL

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.intercept + sum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def reason(self, values: tuple[float, ...], p: float) -> str:
        """``word or place: 0.91 (text_country +1.2, zipf -0.8)``: the two weightiest signals."""
        parts = sorted(((w * v, name) for w, v, name in zip(self.weights, values, self.names, strict=True) if v),
                       key=lambda item: -abs(item[0]))[:2]
        return f"{self.label}: {p:.2f} (" + ", ".join(f"{name} {c:+.1f}" for c, name in parts) + ")"


def read_model(path: Path, names: tuple[str, ...], label: str) -> Model | None:
    """The weights committed in ``path`` (written by a fitting script in ``benchmarks/``) for the
    features ``names``, or None when the file is missing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return None
    if tuple(data["features"]) != names:
        raise ValueError(f"{path}: its features differ from the code's ({', '.join(names)}); refit")
    return Model(tuple(float(w) for w in data["weights"]), float(data["intercept"]), float(data["threshold"]),
                 names, label)


@lru_cache(maxsize=1)
def default_model() -> Model | None:
    """The committed weights, or None when the file is missing (every mention then counts)."""
    return read_model(WEIGHTS_FILE, FEATURES, LABEL)


def features(place: Place, zipf: float, zipf_toggled: float, *, text_country: bool, near_km: float,
             hashtag: bool, clitic: bool, words: int) -> tuple[float, ...]:
    """The values of :data:`FEATURES` for a mention of ``place`` whose name has frequency ``zipf``
    (``zipf_toggled`` with its article toggled)."""
    arab = place.country_code in ARAB_COUNTRIES
    return (
        min(zipf, zipf_toggled) / 7.0,
        min(1.0, max(0.0, (math.log10(place.population) - 4.0) / 3.0)) if place.population else place.importance,
        float(place.kind is Kind.CITY),
        float(arab),
        float(text_country),
        float(near_km <= 50.0),
        float(hashtag),
        float(clitic),
        float(words > 1),
    )
