"""CharMap gives the same string as str.translate for the tables the project uses, and for any text."""

import random

import pytest

from gazetteer.char_map import CharMap
from gazetteer.normalize import _SCAN_TABLE, _TEXT_TABLE

TABLES = {"text": _TEXT_TABLE, "scan": _SCAN_TABLE}


def _random_text(rng: random.Random) -> str:
    ranges = [(0x20, 0x7F), (0x0600, 0x0700), (0x2000, 0x2100), (0xFE70, 0xFF00), (0, 0x11000)]
    return "".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randrange(0, 60)))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_same_as_translate(name):
    table = TABLES[name]
    char_map = CharMap(table)
    rng = random.Random(name)
    texts = ["", "حلبُ – غازي عنتاب", "قصفٌ على حيّ الأشرفية، ١٢ جريحاً\u200f", "Aleppo M4 — «طريق»", "\U0001F600حلب"]
    texts += [_random_text(rng) for _ in range(3000)]
    for text in texts:
        assert char_map.translate(text) == text.translate(table)


def test_chained_table_falls_back_to_translate():
    table = str.maketrans({"a": "b", "b": "c"})  # replacing one after the other would turn a into c
    assert CharMap(table).translate("ab") == "ab".translate(table) == "bc"


def test_deletions_and_many_sources():
    table = str.maketrans({**{chr(c): "-" for c in range(0x2010, 0x2016)}, "x": None, "y": "z"})
    char_map = CharMap(table)
    for text in ["x‐y‑‒–—―", "", "plain", "xxxx"]:
        assert char_map.translate(text) == text.translate(table)
