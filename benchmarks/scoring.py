"""Scoring helpers shared by the development-set evaluations (``eval_*.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dev_split import half_of


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 (rounded to 3 places) with the counts they come from."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}


def by_half(rows: Iterable[tuple[dict, dict]], key: Callable[[dict], str]) -> dict[str, list]:
    """(label, record) rows of each half of the fixed split, tune first; ``key`` reads the label's key."""
    halves: dict[str, list] = {"tune": [], "heldout": []}
    for label, record in rows:
        halves[half_of(key(label))].append((label, record))
    return halves
