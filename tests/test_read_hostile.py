"""Damaged and hostile input: one bad line is that line's problem, and nothing is stored garbled."""

from __future__ import annotations

import io
import json
import logging

from geo_incidents.io.articles import ArticleError, read_articles
from geo_incidents.model import Article
from tests.reliability.corpus import REPORTS, jsonl

TITLE, TEXT = REPORTS[0]


def _items(*inputs, **kwargs):
    return list(read_articles(list(inputs), **kwargs))


def test_stray_byte_in_utf8_is_replaced_with_a_warning_naming_file_and_offset(tmp_path, caplog):
    data = f"{TITLE}\n\n{TEXT}".encode()
    at = len(f"{TITLE}\n\n".encode()) + 10
    damaged = data[:at] + b"\xff" + data[at:]
    path = tmp_path / "report.txt"
    path.write_bytes(damaged)
    with caplog.at_level(logging.WARNING, logger="geo_incidents"):
        [article] = _items(path)
    assert isinstance(article, Article)
    assert article.title == TITLE and "\ufffd" in article.text and "سراقب" in article.text
    assert str(path) in caplog.text and f"offset {at}" in caplog.text


def test_stray_byte_in_a_jsonl_line_names_its_offset_in_the_file(tmp_path, caplog):
    lines = jsonl(REPORTS[:2]).encode().splitlines(keepends=True)
    second = lines[1][:30] + b"\xfe" + lines[1][30:]
    path = tmp_path / "wire.jsonl"
    path.write_bytes(lines[0] + second)
    with caplog.at_level(logging.WARNING, logger="geo_incidents"):
        items = _items(path)
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    assert f"offset {len(lines[0]) + 30}" in caplog.text


def test_whole_cp1256_file_is_still_read():
    data = f"{TITLE}\n\n{TEXT}".encode("cp1256")
    [article] = _items("-", stdin=io.BytesIO(data))
    assert article.title == TITLE


def test_garbled_text_is_refused_and_never_replaces_a_good_version(tmp_path):
    mojibake = f"{TITLE}\n\n{TEXT}".encode().decode("cp1256", errors="replace")
    latin = f"{TITLE}\n\n{TEXT}".encode().decode("latin-1")
    for name, text in (("win.txt", mojibake), ("latin.txt", latin)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    items = _items(tmp_path / "win.txt", tmp_path / "latin.txt")
    assert all(isinstance(i, ArticleError) and "garbled" in i.reason for i in items)


def test_deep_nesting_is_an_error_for_that_line_only(tmp_path):
    lines = jsonl(REPORTS[:1]) + "[" * 200_000 + "\n" + '{"title": ' * 50_000 + "\n" + jsonl(REPORTS[1:2])
    path = tmp_path / "nested.jsonl"
    path.write_text(lines, encoding="utf-8")
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "ArticleError", "Article"]
    assert items[1].origin == f"{path}:2" and "nested too deeply" in items[1].reason
    assert items[2].origin == f"{path}:3"
    whole = tmp_path / "nested.json"
    whole.write_text("[" * 200_000, encoding="utf-8")
    [error] = _items(whole)
    assert isinstance(error, ArticleError)


def test_non_string_id_and_title_are_refused_clearly():
    records = [{"id": {"a": 1}, "title": TITLE}, {"id": "x", "title": ["a", "b"]}, {"id": True, "title": TITLE},
               {"id": 7, "title": TITLE}, {"title": TITLE, "text": {"b": 2}}]
    payload = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    items = _items("-", stdin=io.BytesIO(payload.encode()))
    assert [type(i).__name__ for i in items] == ["ArticleError", "ArticleError", "ArticleError", "Article",
                                                 "ArticleError"]
    assert "id must be a string" in items[0].reason and "an object" in items[0].reason
    assert "title must be a string" in items[1].reason and "a list" in items[1].reason
    assert items[3].id == "7"


def test_closed_stdin_does_not_discard_the_other_inputs(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl(REPORTS[:1]), encoding="utf-8")
    closed = io.BytesIO(b"")
    closed.close()
    for stdin in (None, closed):
        items = _items(path, "-", path, stdin=stdin)
        assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article"]


def test_large_article_is_split_at_paragraph_breaks_or_refused(tmp_path):
    paragraphs = [f"{TEXT} ({n})" for n in range(40)]
    record = {"id": "long", "title": TITLE, "text": "\n\n".join(paragraphs)}
    stdin = io.BytesIO(json.dumps(record, ensure_ascii=False).encode())
    parts = _items("-", stdin=stdin, max_article_bytes=2000)
    assert len(parts) > 1 and all(isinstance(p, Article) for p in parts)
    assert [p.id for p in parts] == [f"long#part-{n}" for n in range(1, len(parts) + 1)]
    assert all(len(p.text.encode()) + len(p.title.encode()) <= 2000 for p in parts)
    assert "\n\n".join(p.text for p in parts) == record["text"]
    unbroken = {"id": "wall", "title": TITLE, "text": TEXT * 100}
    [error] = _items("-", stdin=io.BytesIO(json.dumps(unbroken, ensure_ascii=False).encode()),
                     max_article_bytes=2000)
    assert isinstance(error, ArticleError) and "--max-article-bytes" in error.reason


def test_the_garbled_test_counts_letters_only_where_it_may_pass():
    """The mojibake verdict is the plain rule's (ط and ظ above 30 % of the Arabic letters), whatever mix of
    letters: the lower bound from five common letters only skips texts the rule clears."""
    import random
    import re

    from geo_incidents.io.articles import garbled_reason

    def plain(text: str) -> bool:
        lead = text.count("ط") + text.count("ظ")
        arabic = len(re.findall("[\u0621-\u064a]", text))
        return arabic >= 20 and lead > 0.3 * arabic

    rng = random.Random(5)
    letters = ["ط", "ظ", "ا", "ل", "ي", "م", "ن", "ح", "ب", "ع", " ", "x", "ة"]
    for _ in range(3000):
        weights = [rng.random() for _ in letters]
        text = "".join(rng.choices(letters, weights, k=rng.randrange(0, 200)))
        assert (garbled_reason(text) is not None) == plain(text), text
    garbled = "ظ…ط±ظƒط² ط­ظ„ط¨ ط§ظ„ط¥ط¹ظ„ط§ظ…ظٹ" * 3
    assert plain(garbled) and "Windows-1256" in garbled_reason(garbled)
