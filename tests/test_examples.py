"""Sanity checks of the shipped examples and of the hand-annotated development set.

The examples feed the demo and other tests, so their formats, metadata and coverage are pinned
here; the readers themselves are tested elsewhere. This module parses the files with the standard
library on purpose, so that a reader bug cannot hide a broken example.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from charset_normalizer import from_bytes

REPO_ROOT = Path(__file__).resolve().parents[1]
REPORTS = REPO_ROOT / "examples" / "reports"
BAD = REPO_ROOT / "examples" / "bad"
DEV_ANNOTATIONS = REPO_ROOT / "tests" / "data" / "dev_annotations.jsonl"
ARTICLE_FIELDS = ("id", "title", "text", "published", "source", "url")
FRONT_MATTER_KEYS = {"id", "published", "source", "url"}
GOVERNORATES = ("حلب", "إدلب", "الرقة", "دير الزور", "درعا", "حماة", "السويداء", "ريف دمشق", "الحسكة")
NOISE_LINES = ("اقترح تصحيحاً", "اترك تعليقاً", "اقرأ أيضاً:", "شارك عبر", "https://", "#")
EVENT_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "Road closure",
    "Displacement",
    "none",
}


def _parse_txt(raw: str, path: Path) -> dict:
    """Split optional ``---`` front matter, a title line and a body, as the readers are expected to."""
    lines = raw.splitlines()
    meta: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        for number, line in enumerate(lines[1:end], start=2):
            key, sep, value = line.partition(":")
            assert sep, f"{path}:{number}: front-matter line without ':'"
            meta[key.strip()] = value.strip()
        lines = lines[end + 1 :]
    while lines and not lines[0].strip():
        lines.pop(0)
    assert lines, f"{path}: no title line"
    return {**meta, "title": lines[0].strip(), "text": "\n".join(lines[1:]).strip(), "file": path.name}


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1256")


def _load_examples() -> list[dict]:
    articles: list[dict] = []
    for path in sorted(REPORTS.rglob("*")):
        if path.suffix == ".txt":
            articles.append(_parse_txt(_decode(path), path))
        elif path.suffix == ".json":
            articles.extend({**a, "file": path.name} for a in json.loads(path.read_text("utf-8")))
        elif path.suffix == ".jsonl":
            lines = path.read_text("utf-8").splitlines()
            articles.extend({**json.loads(line), "file": path.name} for line in lines if line.strip())
    return articles


@pytest.fixture(scope="module")
def examples() -> list[dict]:
    return _load_examples()


def test_enough_articles_in_every_format(examples):
    by_suffix = Counter(Path(a["file"]).suffix for a in examples)
    assert len(examples) >= 14
    assert by_suffix[".json"] == 2 and by_suffix[".jsonl"] == 2
    assert by_suffix[".txt"] >= 10


def test_every_article_has_metadata(examples):
    for article in examples:
        for name in ARTICLE_FIELDS:
            assert article.get(name), f"{article['file']}: missing {name}"
        assert article["source"].endswith("(عينة)"), f"{article['file']}: outlet not marked as a sample"
        assert article["url"].startswith("https://example.org/"), article["file"]
        date.fromisoformat(article["published"])
    ids = [a["id"] for a in examples]
    assert len(ids) == len(set(ids)), "article ids repeat"


def test_txt_front_matter_has_exactly_the_documented_keys():
    for path in REPORTS.rglob("*.txt"):
        article = _parse_txt(_decode(path), path)
        assert article.keys() >= FRONT_MATTER_KEYS, path


def test_windows_1256_file_needs_detection():
    (path,) = REPORTS.glob("encodings/*cp1256*.txt")
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.startswith(b"---\r\n"), "the Windows file should keep CRLF line ends"
    best = from_bytes(data).best()
    assert best is not None and best.encoding == "cp1256"
    assert "صحنايا" in str(best)


def test_dates_span_consecutive_days(examples):
    days = sorted({date.fromisoformat(a["published"]) for a in examples})
    assert days == [days[0] + timedelta(n) for n in range(len(days))], "a day is missing in the range"
    assert len(days) >= 3


def test_governorates_are_spread(examples):
    mentioned = {g for g in GOVERNORATES for a in examples if g in a["title"] + a["text"]}
    assert len(mentioned) >= 6, mentioned


@pytest.mark.parametrize(
    "needle",
    [
        "حي الشيخ مقصود",
        "حي الأشرفية",
        "بني زيد",
        "دوار الليرمون",
        "دوار شيحان",
        "الأسايش",
        "وزارة الدفاع",
        "قذائف هاون",
        "غارة جوية",
        "طيران مسيّر",
        "ريف إدلب الجنوبي",
        "طريق حلب – غازي عنتاب",
        "إعادة فتح",
        "الطريق الدولي M5",
        "وقفة احتجاجية",
        "مظاهرة",
        "مستشفى الرازي",
        "مشفى إدلب المركزي",
        "حملة دهم واعتقالات",
        "عمّان",
        "ثلاثة قتلى وعشرات الجرحى",
        "٥ قتلى",
        "يوم الثلاثاء ٢٣ كانون الأول",
    ],
)
def test_required_case_is_covered(examples, needle):
    assert any(needle in a["title"] + "\n" + a["text"] for a in examples), needle


def test_page_noise_lines_are_present(examples):
    lines = {line.strip() for a in examples for line in a["text"].splitlines()}
    for noise in NOISE_LINES:
        assert any(line.startswith(noise) for line in lines), noise


def _shingles(text: str, size: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_examples_copy_no_text_from_the_shared_data(examples, shared_data, seed_article_path):
    ours = set().union(*(_shingles(a["title"] + " " + a["text"]) for a in examples))
    theirs = _shingles(seed_article_path.read_text("utf-8"))
    corpus = shared_data / "dev-corpus" / "aleppo_video_titles.jsonl"
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            theirs |= _shingles(f"{row.get('title', '')} {row.get('description', '')}")
    assert not ours & theirs


def test_bad_inputs_are_broken_in_the_documented_way():
    lines = (BAD / "invalid_line.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 3
    json.loads(lines[0]), json.loads(lines[2])
    with pytest.raises(json.JSONDecodeError):
        json.loads(lines[1])
    assert (BAD / "empty.txt").stat().st_size == 0
    garbage = (BAD / "binary_garbage.txt").read_bytes()
    assert b"\x00" in garbage
    with pytest.raises(UnicodeDecodeError):
        garbage.decode("utf-8")
    with pytest.raises(json.JSONDecodeError):
        json.loads((BAD / "truncated.json").read_text("utf-8"))


# --- hand-annotated development set -------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_annotations() -> list[dict]:
    rows = []
    with DEV_ANNOTATIONS.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            assert line.strip(), f"{DEV_ANNOTATIONS}:{number}: blank line"
            rows.append(json.loads(line))
    return rows


def test_dev_annotations_are_well_formed(dev_annotations):
    assert len(dev_annotations) >= 150
    assert len({r["id"] for r in dev_annotations}) == len(dev_annotations)
    for row in dev_annotations:
        assert set(row) <= {"id", "event_type", "sub_event_type", "places", "date", "notes"}, row["id"]
        assert row["event_type"] in EVENT_TYPES, row["id"]
        assert (row["event_type"] == "none") == (row["sub_event_type"] == ""), row["id"]
        assert isinstance(row["places"], list) and all(isinstance(p, str) and p for p in row["places"])
        if row["date"]:
            date.fromisoformat(row["date"])
    assert "title" not in dev_annotations[0] and "description" not in dev_annotations[0]


def test_dev_annotations_match_the_seeded_sample(dev_annotations, shared_data):
    """The labelled ids are exactly the documented random sample, so nobody cherry-picked."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_dev_sample", DEV_ANNOTATIONS.with_name("make_dev_sample.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sampled = module.sample_ids(shared_data / "dev-corpus" / "aleppo_video_titles.jsonl")
    assert [r["id"] for r in dev_annotations] == sampled


def test_dev_readme_label_counts_match_the_file(dev_annotations):
    readme = DEV_ANNOTATIONS.with_name("README.md").read_text("utf-8")
    section = readme.split("## Label counts", 1)[1].split("##", 1)[0]
    documented = {}
    for event_type, sub_event_type, count in re.findall(r"^\| ([^|*]+?) \| ([^|]+?) \| (\d+) \|$", section, re.M):
        documented[(event_type, "" if sub_event_type == "—" else sub_event_type)] = int(count)
    actual = Counter((r["event_type"], r["sub_event_type"]) for r in dev_annotations)
    assert documented == dict(actual)
