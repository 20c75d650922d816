"""The same input gives the same incidents, ids, store and exports: a run of the examples and of 500
dev-corpus reports compared with the result recorded in ``tests/data/recorded_result.json``.

Speed work must never change this result. Accuracy work that changes the output on purpose re-records
it (``python tests/data/record_result.py``) and says so in its commit message. What is recorded and how
it is put in canonical form is described in that script.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SCRIPT = REPO_ROOT / "tests" / "data" / "record_result.py"
_spec = importlib.util.spec_from_file_location("record_result", SCRIPT)
record_result = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(record_result)

ADVICE = (
    f"The result differs from the recorded one ({record_result.RECORDED.relative_to(REPO_ROOT)}). "
    "Speed work must not change this; accuracy work that changes output on purpose re-records "
    f"(`{record_result.RECORD_COMMAND}`) and says so in the commit."
)
SHOWN = 12


def _differences(recorded, current, path: str, out: list[str]) -> None:
    """Human-readable differences between two canonical results, at most a few dozen."""
    if len(out) > 3 * SHOWN:
        return
    if isinstance(recorded, dict) and isinstance(current, dict):
        for key in sorted(set(recorded) | set(current)):
            where = f"{path}/{key}"
            if key not in current:
                out.append(f"{where}: missing now (was {_short(recorded[key])})")
            elif key not in recorded:
                out.append(f"{where}: new (now {_short(current[key])})")
            else:
                _differences(recorded[key], current[key], where, out)
    elif recorded != current:
        out.append(f"{path}: was {_short(recorded)}, now {_short(current)}")


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 300 else text[:300] + "…"


def test_run_gives_the_recorded_incidents_store_and_exports(shared_data):
    corpus = shared_data / "dev-corpus" / "aleppo_video_titles.jsonl"
    assert corpus == record_result.DEV_CORPUS, "the recorded subset is read from ../shared beside the repository"
    recorded = json.loads(record_result.RECORDED.read_text(encoding="utf-8"))
    current = json.loads(record_result.dumps(record_result.compute(corpus)))  # JSON's own types, as recorded
    differences: list[str] = []
    _differences(recorded, current, "", differences)
    shown = "\n".join(differences[:SHOWN])
    more = f"\n… and more ({len(differences)} shown up to {3 * SHOWN})" if len(differences) > SHOWN else ""
    assert not differences, f"{ADVICE}\n{shown}{more}"


def test_the_recorded_subset_is_fixed_and_holds_no_corpus_text(shared_data):
    """500 reports chosen by a fixed rule, and none of their text recorded: only ids, codes and digests."""
    corpus = shared_data / "dev-corpus" / "aleppo_video_titles.jsonl"
    subset = [json.loads(line) for line in record_result.dev_subset(corpus)]
    assert len(subset) == 500
    recorded = json.loads(record_result.RECORDED.read_text(encoding="utf-8"))["dev_corpus"]
    assert sorted(recorded["store"]["articles"]) == sorted(row["id"] for row in subset)
    text = json.dumps(recorded, ensure_ascii=False)
    for row in subset:
        for field in ("title", "description"):
            for part in str(row.get(field, "")).split("|"):
                words = part.split()
                if len(words) >= 4:  # any four-word run of a title or description would be copied text
                    assert " ".join(words[:4]) not in text, f"{row['id']}: {field} text in the recorded result"
