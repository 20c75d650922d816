"""The project's text is our own: no committed file repeats a run of words from the third-party texts.

The dev corpora under ``../shared/data`` (Aleppo video titles and descriptions, Syrian Archive passages,
IDRISI tweets) and the seed article under ``../shared/seeds`` may be read by tests, never copied into the
repo (developers' guide, *Data*). Annotations keep ids and labels; tests and lexicon comments use sentences
of our own with the same places and means.

The check folds both sides with the project's one normaliser (:func:`gazetteer.normalize_name`: no
diacritics, one alef, punctuation and quotes as spaces), cuts them into words and looks for a run of
:data:`RUN_WORDS` consecutive words of a tracked file that also stands in a third-party text. Runs that
are facts or stock phrases rather than copied prose (a place with its district, a date line) are excused
by ``tests/data/shared_phrases.txt``, one phrase and its reason a line; keep that file short.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from gazetteer import normalize_name
from tests.conftest import REPO_ROOT, SEED_ARTICLE, require

#: Words in a row that make a copy. Five-word runs in the repo that a dev text also holds are place
#: sequences and stock phrases, which the allowlist excuses; six words and more were copied sentences.
RUN_WORDS = 5

#: Phrases that may repeat a dev text: facts and stock wording, each with its reason.
ALLOWLIST = REPO_ROOT / "tests" / "data" / "shared_phrases.txt"

#: Tracked files whose text is checked, by suffix.
TEXT_SUFFIXES = {".py", ".md", ".toml", ".json", ".jsonl", ".csv", ".txt", ".ipynb", ".html", ".js", ".cfg", ""}

#: Bundled gazetteer data derived from third-party name lists: names only, no prose.
NAME_DATA = ("gazetteer/data/",)

#: JSON escapes of non-ASCII characters, read back into the characters they stand for.
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Copy:
    """A run of words of a tracked file that a third-party text also holds."""

    path: str
    line: int
    words: str
    source: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: «{self.words}» (as in {self.source})"


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return normalize_name(text).split()


def third_party_texts(data: Path, seed: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every prose text of the shared data and the seed article."""
    for row in _jsonl(data / "dev-corpus" / "aleppo_video_titles.jsonl"):
        yield f"aleppo_video_titles {row['id']}", f"{row['title']}\n{row.get('description') or ''}"
    for row in _jsonl(data / "dev-corpus" / "syrian_archive_passages.jsonl"):
        yield f"syrian_archive_passages {row['id']}", row["text"]
    for name in ("lmr_ar_train.jsonl", "lmd_ar_train.jsonl"):
        for row in _jsonl(data / "idrisi" / name):
            yield f"idrisi {name} {row['tweet_id']}", row["text"]
    yield f"seed article {seed.name}", seed.read_text(encoding="utf-8")


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def run_index(texts: Iterator[tuple[str, str]], size: int) -> dict[str, str]:
    """Every run of ``size`` folded words of the texts, to the first text that holds it."""
    index: dict[str, str] = {}
    for where, text in texts:
        tokens = words(text)
        for start in range(len(tokens) - size + 1):
            index.setdefault(" ".join(tokens[start:start + size]), where)
    return index


def allowed_phrases(path: Path) -> dict[str, int]:
    """The folded phrases of the allowlist (``phrase | reason`` a line) to their line numbers."""
    phrases: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        phrase, bar, reason = line.partition("|")
        assert bar and reason.strip(), f"{path.name}:{number}: give a reason after '|'"
        phrases[" ".join(words(phrase))] = number
    return phrases


def excused_runs(path: Path, size: int) -> set[str]:
    """The runs of ``size`` words inside the allowlisted phrases."""
    excused: set[str] = set()
    for phrase in allowed_phrases(path):
        tokens = phrase.split()
        excused.update(" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1))
    return excused


def tracked_text_files(root: Path) -> list[str]:
    """The repo's tracked text files, less the bundled name data and the allowlist itself."""
    allowlist = ALLOWLIST.relative_to(REPO_ROOT).as_posix()
    return [
        name for name in _tracked_files(root)
        if Path(name).suffix in TEXT_SUFFIXES and not name.startswith(NAME_DATA) and name != allowlist
        and (root / name).is_file()
    ]


#: Folders of a checkout that hold no project file (the fallback when git cannot list the tracked ones).
_UNTRACKED_DIRS = {".git", ".venv", "out", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache", ".cache",
                   ".hypothesis"}


def _tracked_files(root: Path) -> list[str]:
    """``git ls-files``; a copy without git (an unpacked archive) is walked instead."""
    try:
        listed = subprocess.run(["git", "-c", f"safe.directory={root}", "ls-files", "-z"], cwd=root,
                                capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return [path.relative_to(root).as_posix() for path in root.rglob("*")
                if not _UNTRACKED_DIRS.intersection(path.relative_to(root).parts)
                and not path.relative_to(root).parts[0].endswith(".egg-info")]
    return [name for name in listed.decode("utf-8").split("\0") if name]


def read_text(path: Path) -> str | None:
    """The file's text (UTF-8, else Windows-1256 as some sample reports are), or None for binary."""
    raw = path.read_bytes()
    if b"\0" in raw:
        return None
    for encoding in ("utf-8", "cp1256"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if path.suffix in {".json", ".jsonl", ".ipynb"}:
            text = _JSON_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
        return text
    return None


def find_copies(name: str, text: str, index: dict[str, str], excused: set[str], size: int) -> list[Copy]:
    """The maximal runs of the file's words (across line breaks) that a third-party text holds."""
    tokens: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        folded = words(line)
        tokens.extend(folded)
        lines.extend([number] * len(folded))
    copies: list[Copy] = []
    run_start = run_end = -1
    source = ""
    for start in range(len(tokens) - size + 1):
        run = " ".join(tokens[start:start + size])
        if run in excused or run not in index:
            continue
        if start <= run_end:  # overlaps the run being grown
            run_end = start + size
            continue
        if run_start >= 0:
            copies.append(Copy(name, lines[run_start], " ".join(tokens[run_start:run_end]), source))
        run_start, run_end, source = start, start + size, index[run]
    if run_start >= 0:
        copies.append(Copy(name, lines[run_start], " ".join(tokens[run_start:run_end]), source))
    return copies


def scan(root: Path, index: dict[str, str], excused: set[str], size: int = RUN_WORDS) -> list[Copy]:
    copies: list[Copy] = []
    for name in tracked_text_files(root):
        text = read_text(root / name)
        if text is not None:
            copies.extend(find_copies(name, text, index, excused, size))
    return copies


@pytest.fixture(scope="module")
def dev_runs(shared_data: Path) -> dict[str, str]:
    require(SEED_ARTICLE.is_file(), f"seed article {SEED_ARTICLE}")
    return run_index(third_party_texts(shared_data, SEED_ARTICLE), RUN_WORDS)


def test_no_committed_file_repeats_third_party_text(dev_runs: dict[str, str]) -> None:
    copies = scan(REPO_ROOT, dev_runs, excused_runs(ALLOWLIST, RUN_WORDS))
    assert not copies, (
        f"{len(copies)} runs of {RUN_WORDS}+ words repeat third-party text; write sentences of our own "
        "(or, for a fact or stock phrase, add it to tests/data/shared_phrases.txt with a reason):\n"
        + "\n".join(map(str, copies))
    )


def test_every_allowed_phrase_is_still_needed(dev_runs: dict[str, str]) -> None:
    """A phrase shorter than a run, or that no dev text holds any more, only makes the list longer."""
    stale = [
        f"{ALLOWLIST.name}:{number}: «{phrase}»" for phrase, number in allowed_phrases(ALLOWLIST).items()
        if not any(" ".join(phrase.split()[i:i + RUN_WORDS]) in dev_runs
                   for i in range(len(phrase.split()) - RUN_WORDS + 1))
    ]
    assert not stale, "drop these allowlist lines:\n" + "\n".join(stale)


def test_the_check_finds_a_copied_sentence(shared_data: Path, dev_runs: dict[str, str]) -> None:
    """A passage pasted into a file is found, with its line and source, even wrapped over two lines and
    with other letter forms; the allowlist excuses it; a sentence of our own about a place is not found."""
    where, text = next(
        (where, text) for where, text in third_party_texts(shared_data, SEED_ARTICLE)
        if where.startswith("syrian_archive") and len(words(text)) > 12
    )
    tokens = words(text)[:10]
    pasted = " ".join(tokens[:4]) + ' "\n    "' + " ".join(tokens[4:]).replace("ا", "أ", 1)
    source = f"# ours\nTEXT = (\n    {pasted}\n)\n"
    [copy] = find_copies("x.py", source, dev_runs, set(), RUN_WORDS)
    assert (copy.line, copy.words, copy.source) == (3, " ".join(tokens), where)
    excused = {" ".join(tokens[i:i + RUN_WORDS]) for i in range(len(tokens) - RUN_WORDS + 1)}
    assert find_copies("x.py", source, dev_runs, excused, RUN_WORDS) == []
    ours = "قصفت المدفعية منذ الفجر أطراف حي الصاخور في مدينة حلب الشرقية وسط صمت دولي"
    assert find_copies("y.py", ours, dev_runs, set(), RUN_WORDS) == []


def main(argv: list[str]) -> int:
    """``python -m tests.test_own_text [WORDS]``: every shared run of WORDS words (default :data:`RUN_WORDS`),
    allowlist applied, and the CPU time; to choose the run length or review what a change brought in."""
    import time

    from tests.conftest import SHARED_DATA

    size = int(argv[0]) if argv else RUN_WORDS
    started = time.process_time()
    index = run_index(third_party_texts(SHARED_DATA, SEED_ARTICLE), size)
    indexed = time.process_time()
    copies = scan(REPO_ROOT, index, excused_runs(ALLOWLIST, size), size)
    for copy in copies:
        print(copy)
    print(f"{len(copies)} shared runs of {size}+ words in {len(tracked_text_files(REPO_ROOT))} files; "
          f"CPU {indexed - started:.2f} s to index {len(index):,} runs, {time.process_time() - indexed:.2f} s to scan")
    return 1 if copies else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
