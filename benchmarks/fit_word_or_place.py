"""Fit the word-or-place weights (``gazetteer/data/word_or_place.json``) on the tune halves.

Every mention the gazetteer finds without a cue word is a training row (its features from
:func:`gazetteer.word_or_place.features`), labelled by hand-made annotations of the ``tune`` half
only (``benchmarks/dev_split.py``):

* IDRISI-R tweets (``../shared/data/idrisi/lmr_ar_train.jsonl``): a place when a hand-marked
  location mention overlaps it, a word when the annotators never mark that name as a location
  (they marked the places a crisis is about, not every place: an unmarked القاهرة says nothing);
* the Aleppo dev titles (``tests/data/dev_annotations.jsonl``): a place when its name folds to a
  labelled place of the title, a word when the title has labelled places and this is none of them.

A logistic regression (scikit-learn, ``class_weight="balanced"``, C=1) is fitted on the rows, each
distinct (name, label) pair weighing one in all (a name repeated in a thousand tweets of one crisis
must not decide alone), and the threshold set to the lowest one whose F1 of "place" on the same
weighted rows is within 0.01 of the best (where the evidence is even, a name stays a place). Weights are written
rounded to 3 decimals. Needs scikit-learn (``pip install '.[data]'``; not needed at run time).

Usage: ``python benchmarks/fit_word_or_place.py [--dry-run]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.dev_split import half_of, idrisi_key, video_title_key  # noqa: E402
from benchmarks.logistic_fit import lowest_near_best, weights_record, write_weights  # noqa: E402

SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
LMR = SHARED_DATA / "idrisi" / "lmr_ar_train.jsonl"
TITLES = SHARED_DATA / "dev-corpus" / "aleppo_video_titles.jsonl"
ANNOTATIONS = REPO_ROOT / "tests" / "data" / "dev_annotations.jsonl"
TOLERANCE = 0.01


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def idrisi_rows(gazetteer) -> tuple[list, list, list]:
    from gazetteer import normalize_name

    X, y, names = [], [], []
    for row in _rows(LMR):
        if half_of(idrisi_key(row)) != "tune":
            continue
        gazetteer.resolver.decisions = decisions = []
        gazetteer.find(row["text"])
        gold = [(m["start"], m["end"]) for m in row["location_mentions"]]
        for start, end, values in decisions:
            X.append(values)
            y.append(int(any(s < end and start < e for s, e in gold)))
            names.append(normalize_name(row["text"][start:end]).lstrip("#"))
    # the annotators marked the mentions a crisis is about, not every place: a name they mark as a
    # location in some tweet is a place name, and where it is left unmarked the label says
    # nothing about word or place; such rows are left out
    marked = {normalize_name(m["text"]).lstrip("#") for row in _rows(LMR) if half_of(idrisi_key(row)) == "tune"
              for m in row["location_mentions"]}
    keep = [i for i, (label, name) in enumerate(zip(y, names, strict=True)) if label or name not in marked]
    return [X[i] for i in keep], [y[i] for i in keep], [names[i] for i in keep]


def title_rows(gazetteer) -> tuple[list, list, list]:
    from benchmarks.eval_dev import fold_place

    labels = {row["id"]: row for row in _rows(ANNOTATIONS)}
    X, y, names = [], [], []
    for record in _rows(TITLES):
        label = labels.get(record["id"])
        if label is None or half_of(video_title_key(record)) != "tune":
            continue
        wanted = {fold_place(p) for p in label.get("places", [])}
        if not wanted:
            continue
        text = f"{record['title']}\n{record.get('description', '')}"
        gazetteer.resolver.decisions = decisions = []
        mentions = gazetteer.find(text)
        readings = {(m.start, m.end): {fold_place(n) for c in m.candidates[:1]
                                       for n in (c.place.name_ar, *c.place.aliases_ar)} | {fold_place(m.name)}
                    for m in mentions}
        for start, end, values in decisions:
            found = next((n for (s, e), n in readings.items() if s <= start and end <= e),
                         {fold_place(text[start:end])})
            X.append(values)
            y.append(int(bool(found & wanted)))
            names.append(fold_place(text[start:end]))
    return X, y, names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the weights, do not write them")
    args = parser.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    import gazetteer.resolve
    from gazetteer import Gazetteer
    from gazetteer.word_or_place import FEATURES, WEIGHTS_FILE

    gazetteer.resolve.default_model = lambda: None  # weigh nothing while collecting (and read no old weights)
    gazetteer = Gazetteer.default()
    X1, y1, n1 = idrisi_rows(gazetteer)
    X2, y2, n2 = title_rows(gazetteer)
    X, y = np.array(X1 + X2, dtype=float), np.array(y1 + y2)
    print(f"{len(y1)} tweet mentions ({sum(y1)} places), {len(y2)} title mentions ({sum(y2)} places)")
    # every distinct (name, label) weighs as much as any other: a name repeated in a thousand tweets
    # of one crisis (كورونا) must not decide the weights alone
    counts = Counter(zip(n1 + n2, y1 + y2, strict=True))
    weights = np.array([1.0 / counts[key] for key in zip(n1 + n2, y1 + y2, strict=True)])
    print(f"{len(counts)} distinct (name, label) pairs")
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(X, y, sample_weight=weights)
    p = model.predict_proba(X)[:, 1]
    curve = []
    for threshold in np.arange(0.1, 0.81, 0.02):
        predicted = p >= threshold
        tp = float((weights * (predicted & (y == 1))).sum())
        fp = float((weights * (predicted & (y == 0))).sum())
        fn = float((weights * (~predicted & (y == 1))).sum())
        curve.append((2 * tp / (2 * tp + fp + fn) if tp else 0.0, round(float(threshold), 2)))
    best = lowest_near_best(curve, TOLERANCE)
    print("F1 by threshold: " + " ".join(f"{t:.2f}:{f1:.3f}" for f1, t in curve))
    print(f"F1 of 'place' on the distinct tune rows: {best[0]:.3f} at threshold {best[1]:.2f}")
    data = weights_record(
        FEATURES, model, best[1],
        fitted_on="tune halves (benchmarks/dev_split.py) of IDRISI-R tweets and the annotated Aleppo dev titles",
        rows={"tweets": len(y1), "titles": len(y2)}, script="benchmarks/fit_word_or_place.py")
    write_weights(WEIGHTS_FILE, data, args.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
