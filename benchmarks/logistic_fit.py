"""What the project's fitted decisions share (``fit_word_or_place.py``, ``fit_specific_incident.py``):
the choice of threshold and the weights file the extractor reads."""

from __future__ import annotations

import json
from pathlib import Path


def lowest_near_best(curve: list[tuple[float, float]], tolerance: float) -> tuple[float, float]:
    """``(score, threshold)`` of the lowest threshold whose score is within ``tolerance`` of the best:
    where the evidence is even, what the other rules let through stands (a lost place or incident
    costs an analyst more than a kept word or note)."""
    top = max(score for score, _ in curve)
    return min(((score, t) for score, t in curve if score >= top - tolerance), key=lambda item: item[1])


def weights_record(features: tuple[str, ...], model, threshold: float, *, fitted_on: str, rows: dict,
                   script: str) -> dict:
    """The weights file's content (weights rounded to 3 decimals); prints the weights as it goes."""
    for name, weight in zip(features, model.coef_[0], strict=True):
        print(f"  {name:>14} {weight:+.3f}")
    print(f"  {'intercept':>14} {model.intercept_[0]:+.3f}")
    return {
        "features": list(features),
        "weights": [round(float(w), 3) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 3),
        "threshold": round(threshold, 2),
        "fitted_on": fitted_on,
        "rows": rows,
        "script": script,
    }


def write_weights(path: Path, data: dict, dry_run: bool) -> None:
    """Write the weights file (unless a dry run)."""
    if not dry_run:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written {path}")
