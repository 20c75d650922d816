"""Text handling for extraction: page noise, normalisation with offsets, sentences, number words."""

from geo_incidents.text.noise import NoiseFilter
from geo_incidents.text.normalize import NormalizedText, normalize, normalize_phrase
from geo_incidents.text.numbers import NumberWords
from geo_incidents.text.segment import Clause, Sentence, split_sentences

__all__ = [
    "Clause",
    "NoiseFilter",
    "NormalizedText",
    "NumberWords",
    "Sentence",
    "normalize",
    "normalize_phrase",
    "split_sentences",
]
