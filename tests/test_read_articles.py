"""Reading reports: formats, front matter, encodings, and one bad article not stopping the rest."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from geo_incidents.io.articles import ArticleError, decode, read_articles
from geo_incidents.model import Article

REPO_ROOT = Path(__file__).resolve().parents[1]
TITLE = "قصف مدفعي على بلدة تجريبية"
BODY = "تعرضت البلدة لقصف مدفعي صباح اليوم."
TXT = f"---\nid: a-1\npublished: 2025-12-24T08:30:00Z\nsource: مصدر تجريبي\nurl: https://example.org/a\n---\n{TITLE}\n\n{BODY}\n"


def read_all(*inputs, **kwargs):
    return list(read_articles(list(inputs), **kwargs))


def test_txt_front_matter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TXT, encoding="utf-8")
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.text) == ("a-1", TITLE, BODY)
    assert article.published == date(2025, 12, 24)
    assert article.source == "مصدر تجريبي" and article.url == "https://example.org/a"
    assert article.origin == f"{path}:1"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "enc.txt"
    path.write_bytes(TXT.encode(encoding))
    [article] = read_all(path)
    assert isinstance(article, Article), article
    assert article.title == TITLE and article.text == BODY


def test_unknown_encoding_is_an_error_not_mojibake(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Grüße aus Köln, ein Bericht über nichts".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text(TXT, encoding="utf-8")
    items = read_all(tmp_path)
    errors = [i for i in items if isinstance(i, ArticleError)]
    assert len(errors) == 1 and errors[0].origin == str(bad)
    assert "encoding" in errors[0].reason
    assert [i.id for i in items if isinstance(i, Article)] == ["a-1"]


def test_decode_refuses_latin_text_as_cp1256():
    with pytest.raises(ValueError):
        decode("déjà vu à Paris".encode("latin-1"))
    assert decode("حلب".encode("cp1256")) == ("حلب", "cp1256")


def test_jsonl_bad_line_reported_with_line_number(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": "x1", "title": TITLE, "text": BODY, "published": "2025-12-24", "lang": "ar"},
                        ensure_ascii=False), "{not json", json.dumps({"title": TITLE}, ensure_ascii=False),
             json.dumps({"id": "x4", "published": "yesterday", "title": TITLE}, ensure_ascii=False)]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read_all(path)
    assert isinstance(items[0], Article) and items[0].extra == {"lang": "ar"}
    assert isinstance(items[1], ArticleError) and items[1].origin == f"{path}:2"
    # no id: the id is the content's hash, never the line; the old positional id is kept for migration
    assert isinstance(items[2], Article) and items[2].id.startswith("sha-") and items[2].legacy_id == "wire-3"
    assert isinstance(items[3], ArticleError) and "published" in items[3].reason


def test_json_list_and_defaults(tmp_path):
    path = tmp_path / "digest.json"
    path.write_text(json.dumps([{"id": "d1", "title": TITLE}, {"id": "d2", "text": BODY, "published": "2025-01-02"}],
                               ensure_ascii=False), encoding="utf-8")
    items = read_all(path, defaults={"published": date(2025, 12, 24), "source": "افتراضي"})
    assert [i.published for i in items] == [date(2025, 12, 24), date(2025, 1, 2)]
    assert all(i.source == "افتراضي" for i in items)


def test_the_date_under_the_names_other_exports_give_it(tmp_path):
    """Tables and feeds call it ``date``, ``published_at`` or RSS's ``pubDate``: each is the report's date
    (read as ISO or as an RSS / e-mail date), a report's own date wins over ``--published``, and a bad one
    is reported under its own name."""
    rows = [{"id": "n1", "title": TITLE, "date": "2024-10-15"},
            {"id": "n2", "title": TITLE, "published_at": "2024-10-16T09:00:00+03:00"},
            {"id": "n3", "title": TITLE, "pubDate": "Thu, 17 Oct 2024 08:00:00 GMT"},
            {"id": "n4", "title": TITLE},
            {"id": "n5", "title": TITLE, "date": "أمس"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    items = read_all(path, defaults={"published": date(2024, 1, 1)})
    assert [i.published for i in items[:4]] == [date(2024, 10, 15), date(2024, 10, 16), date(2024, 10, 17),
                                                date(2024, 1, 1)]
    assert "date" not in items[0].extra
    assert isinstance(items[4], ArticleError) and "date is not an ISO date" in items[4].reason


@pytest.mark.parametrize(
    ("payload", "expected_ids"),
    [
        (TXT, ["a-1"]),
        (json.dumps({"id": "s1", "title": TITLE}, ensure_ascii=False), ["s1"]),
        ("\n".join(json.dumps({"id": f"s{i}", "title": TITLE}) for i in (1, 2)), ["s1", "s2"]),
    ],
)
def test_stdin_format_is_detected(payload, expected_ids):
    items = read_all("-", stdin=io.BytesIO(payload.encode("utf-8")))
    assert [i.id for i in items] == expected_ids


def test_a_damaged_first_byte_costs_only_the_first_line():
    """A JSON-lines delivery whose first byte is damaged into «[» is still JSON lines (a fuzz test found it)."""
    data = bytearray("\n".join(json.dumps({"id": f"s{i}", "title": TITLE}) for i in range(4)).encode())
    data[0] = ord("[")
    items = read_all("-", stdin=io.BytesIO(bytes(data)))
    assert isinstance(items[0], ArticleError) and items[0].origin == "<stdin>:1"
    assert [i.id for i in items[1:]] == ["s1", "s2", "s3"]


@pytest.mark.parametrize(
    "payload",
    ['[{"id": "j1", "title": "t"},\n {"id": "j2", "title": "t"},\n {"id": "j3", "title": "t"}\n]',
     '[\n{"id": "j1", "title": "t"},\n{"id": "j2", "title": "t"},\n{"id": "j3", "title": "t"}\n]'],
)
def test_a_json_array_across_lines_is_one_document(payload):
    items = read_all("-", stdin=io.BytesIO(payload.encode()))
    assert [i.id for i in items] == ["j1", "j2", "j3"]


def test_missing_path_is_an_error_and_the_other_inputs_are_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TXT, encoding="utf-8")
    items = read_all(good, tmp_path / "nope.txt", good)
    assert isinstance(items[1], ArticleError) and "not found" in items[1].reason
    assert [i.id for i in items if isinstance(i, Article)] == ["a-1", "a-1"]


def test_unclosed_front_matter_is_reported(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("---\nid: x\n" + TITLE, encoding="utf-8")
    [item] = read_all(path)
    assert isinstance(item, ArticleError) and "never closed" in item.reason


def test_example_reports_all_read():
    folder = REPO_ROOT / "examples" / "reports"
    if not folder.is_dir():
        pytest.skip("no example reports")
    items = read_all(folder)
    assert len(items) >= 12
    assert not [i for i in items if isinstance(i, ArticleError)]
    cp1256 = [i for i in items if "cp1256" in i.origin]
    assert cp1256 and "اشتباك" in cp1256[0].title


def test_binary_data_is_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 4)
    [item] = read_all(path)
    assert isinstance(item, ArticleError) and "binary" in item.reason


def test_shipped_bad_inputs_are_reported_and_the_rest_read():
    folder = REPO_ROOT / "examples" / "bad"
    if not folder.is_dir():
        pytest.skip("no bad examples")
    items = read_all(folder)
    errors = {Path(i.origin.split(":")[0]).name for i in items if isinstance(i, ArticleError)}
    assert {"binary_garbage.txt", "empty.txt", "invalid_line.jsonl", "truncated.json"} <= errors
    assert any(isinstance(i, Article) for i in items)


def _jsonl(n: int, pad: int = 0) -> str:
    return "\n".join(json.dumps({"id": f"r{i}", "title": TITLE + " " + "ن" * pad, "text": BODY},
                                ensure_ascii=False) for i in range(n)) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_jsonl_streamed_across_the_sniffing_block(tmp_path, encoding):
    from geo_incidents.io.articles import HEAD_BYTES

    payload = _jsonl(120, pad=997)  # lines of ~2 KB: the first block ends mid-line
    assert len(payload.encode(encoding)) > HEAD_BYTES * 2
    path = tmp_path / "big.jsonl"
    path.write_bytes(payload.encode(encoding))
    items = read_all(path)
    assert [i.id for i in items] == [f"r{i}" for i in range(120)]
    assert all(i.title.startswith(TITLE) for i in items)
    streamed = read_all("-", stdin=io.BytesIO(payload.encode(encoding)))
    assert [i.id for i in streamed] == [i.id for i in items]


def test_jsonl_lines_decoded_one_by_one(tmp_path):
    good = _jsonl(3).encode("utf-8").splitlines(keepends=True)
    arabic_1256 = json.dumps({"id": "win", "title": TITLE}, ensure_ascii=False).encode("cp1256") + b"\n"
    latin = json.dumps({"id": "latin", "title": "Überfall in Köln"}, ensure_ascii=False).encode("latin-1") + b"\n"
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"".join([good[0], arabic_1256, latin, *good[1:]]))
    items = read_all(path)
    assert [getattr(i, "id", None) for i in items] == ["r0", "win", None, "r1", "r2"]
    assert items[1].title == TITLE
    assert items[2].origin == f"{path}:3" and "UTF-8" in items[2].reason


def test_folders_are_walked_sorted_and_recursive_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    for rel, aid in (("b/z.txt", "z"), ("a.json", "a"), (".cache/h.txt", "hidden"), ("notes.md", "md")):
        (tmp_path / rel).write_text(json.dumps({"id": aid, "title": TITLE}) if rel.endswith(".json")
                                    else f"---\nid: {aid}\n---\n{TITLE}\n", encoding="utf-8")
    assert [i.id for i in read_all(tmp_path)] == ["a", "z"]
