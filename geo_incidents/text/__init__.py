"""Text handling for extraction: page noise, sentences, number words. Folding with offsets is the
gazetteer's (:func:`gazetteer.normalize.fold_text`): one normaliser for names and text."""

from geo_incidents.text.noise import NoiseFilter
from geo_incidents.text.numbers import NumberWords
from geo_incidents.text.segment import Clause, Sentence, split_sentences

__all__ = [
    "Clause",
    "NoiseFilter",
    "NumberWords",
    "Sentence",
    "split_sentences",
]
