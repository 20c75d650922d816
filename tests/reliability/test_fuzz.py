"""Random Unicode, random JSON shapes and random byte damage fed to the reader and the extractor.

No exception may escape; every well-formed article comes out as an Article (none is lost); damage
costs at most the records it touches.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_incidents.io.articles import ArticleError, read_articles
from geo_incidents.model import Article
from tests.reliability.corpus import REPORTS

FUZZ = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
TEXT = st.text(st.one_of(ARABIC, st.characters(codec="utf-8")), max_size=400)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                    max_leaves=20)


def _read(data: bytes) -> list:
    return list(read_articles(["-"], stdin=io.BytesIO(data)))


@pytest.fixture(scope="module")
def extractor():
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor

    return Extractor(Gazetteer.default())


@FUZZ
@given(TEXT)
def test_random_text_is_read_or_refused(text):
    for item in _read(text.encode("utf-8", "surrogatepass")):
        assert isinstance(item, Article | ArticleError)


@FUZZ
@given(st.lists(JSON, min_size=1, max_size=5))
def test_random_json_shapes_never_raise(records):
    payload = "\n".join(json.dumps(r) for r in records).encode()
    for item in _read(payload):
        assert isinstance(item, Article | ArticleError)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(REPORTS), TEXT), min_size=1, max_size=6))
def test_every_well_formed_record_comes_out(records):
    lines = [json.dumps({"title": title, "text": f"{text} {extra}"}, ensure_ascii=False)
             for (title, text), extra in records]
    items = _read(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ArticleError)]
    # a record is refused only when the random text made it garbled or undecodable
    assert len(articles) + len(errors) == len(records)
    assert all("garbled" in e.reason or "binary" in e.reason or "UTF-8" in e.reason for e in errors)


@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1,
                max_size=8))
def test_byte_damage_costs_at_most_the_lines_it_touches(damage):
    lines = [json.dumps({"id": f"r{n}", "title": t, "text": x}, ensure_ascii=False).encode() + b"\n"
             for n, (t, x) in enumerate(REPORTS)]
    data = bytearray(b"".join(lines))
    starts = [sum(map(len, lines[:n])) for n in range(len(lines))]
    touched = set()
    for position, value in damage:
        at = position % len(data)
        data[at] = value
        line = max(n for n, s in enumerate(starts) if s <= at)
        touched.add(line)
        if at == starts[line] + len(lines[line]) - 1:  # its newline: the next line joins it
            touched.add(line + 1)
    items = list(read_articles(["-"], stdin=io.BytesIO(bytes(data))))
    good = {i.id for i in items if isinstance(i, Article)}
    untouched = {f"r{n}" for n in range(len(lines)) if n not in touched}
    assert untouched <= good


@FUZZ
@given(TEXT, TEXT)
def test_extractor_never_raises_on_random_text(extractor, title, text):
    incidents = extractor.extract(Article(id="fuzz", title=title, text=text))
    assert isinstance(incidents, list)
