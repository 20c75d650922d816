"""Fit the "specific incident" weights (``geo_incidents/lexicons/specific_incident.json``) on the tune halves.

Every event the extractor would report (after its rules) is a training row: the features of its
sentence from :mod:`geo_incidents.extraction.specific`, collected with no weights in force.  Rows come
from the hand-made annotations of the ``tune`` half only (``benchmarks/dev_split.py``):

* the Syrian Archive passages (``tests/data/syrian_archive_annotations.jsonl``), each extracted alone
  and, as a user feeds it, within its whole report: an event told in a passage that reports an
  incident is one (1), in a passage that reports none is none (0); a passage that only cites a past
  incident (``background``) may yield it or nothing, and gives no row;
* the Aleppo dev titles (``tests/data/dev_annotations.jsonl``): an event of a title labelled with an
  event type is one, of a title labelled with none is none.

Each document (passage in one mode, title) weighs one in all, shared by its events: a passage with
five events must not count five times.  A logistic regression (scikit-learn,
``class_weight="balanced"``, C=1) is fitted, and the threshold set to the lowest one whose accuracy
of the documents' decision (a document reports an incident when one of its events is kept) is within
0.01 of the best: where the evidence is even, an event stands (a lost incident costs an analyst
more than a method note).  Weights are written rounded to 3 decimals.  Needs scikit-learn
(``pip install '.[data]'``; not needed at run time).

Usage: ``python benchmarks/fit_specific_incident.py [--dry-run]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from benchmarks.dev_split import half_of, syrian_archive_key, video_title_key  # noqa: E402
from benchmarks.logistic_fit import lowest_near_best, weights_record, write_weights  # noqa: E402

TOLERANCE = 0.01
PASSAGE_BREAK = "\n\n"


def passage_rows(extractor) -> list[tuple[list, int, str]]:
    """(values of each event, label, document key) per tune passage, alone and in its report."""
    from benchmarks.eval_syrian_archive import load_rows
    from geo_incidents.model import Article

    rows = [(label, passage) for label, passage in load_rows() if half_of(syrian_archive_key(passage)) == "tune"
            and (label["incident"] or not label.get("background"))]
    documents = []
    for label, passage in rows:
        extractor.extract(Article(id=passage["id"], title="", text=passage["text"]))
        documents.append(([d.values for d in extractor.last_decisions], int(label["incident"]),
                          f"alone:{passage['source_path']}:{passage['id']}"))
    reports: dict[str, list] = {}
    for label, passage in rows:
        reports.setdefault(passage["source_path"], []).append((label, passage))
    for source, members in reports.items():
        members.sort(key=lambda item: item[1]["position"])
        spans, pos = [], 0
        for _, passage in members:
            spans.append((pos, pos + len(passage["text"])))
            pos += len(passage["text"]) + len(PASSAGE_BREAK)
        text = PASSAGE_BREAK.join(p["text"] for _, p in members)
        extractor.extract(Article(id=source, title="", text=text))
        decisions = extractor.last_decisions
        for (label, passage), (start, end) in zip(members, spans, strict=True):
            here = [d.values for d in decisions if start <= d.start < end]
            documents.append((here, int(label["incident"]), f"report:{source}:{passage['id']}"))
    return documents


def title_rows(extractor) -> list[tuple[list, int, str]]:
    from benchmarks.eval_dev import load_rows, to_article

    documents = []
    for label, record in load_rows():
        if half_of(video_title_key(record)) != "tune":
            continue
        extractor.extract(to_article(record))
        documents.append(([d.values for d in extractor.last_decisions], int(label["event_type"] not in ("", "none")),
                          f"title:{record['id']}"))
    return documents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the weights, do not write them")
    args = parser.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    import geo_incidents.extraction.extractor
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor
    from geo_incidents.extraction.specific import FEATURES, WEIGHTS_NAME

    # weigh nothing while collecting (and read no old weights: they may be for other features)
    geo_incidents.extraction.extractor.load_model = lambda folder: None
    gazetteer = Gazetteer.default()
    extractor = Extractor(gazetteer, keep_unplaced=True)
    passages, titles = passage_rows(extractor), title_rows(extractor)
    documents = passages + titles
    X, y, w, doc = [], [], [], []
    for n, (values, label, _) in enumerate(documents):
        for v in values:
            X.append(v)
            y.append(label)
            w.append(1.0 / len(values))
            doc.append(n)
    X, y, w, doc = np.array(X, dtype=float), np.array(y), np.array(w), np.array(doc)
    print(f"{len(passages)} passage documents ({sum(d[1] for d in passages)} incidents, "
          f"{sum(1 for d in passages if d[0])} with events), {len(titles)} titles "
          f"({sum(d[1] for d in titles)} incidents); {len(y)} event rows")
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(X, y, sample_weight=w)
    p = model.predict_proba(X)[:, 1]
    labels = np.array([d[1] for d in documents])
    curve = []
    for threshold in np.arange(0.1, 0.81, 0.02):
        said = np.zeros(len(documents), dtype=bool)
        said[doc[p >= threshold]] = True
        curve.append((float((said == labels.astype(bool)).mean()), round(float(threshold), 2)))
    unweighed = float((np.array([bool(d[0]) for d in documents]) == labels.astype(bool)).mean())
    best = lowest_near_best(curve, TOLERANCE)
    print("document accuracy by threshold: " + " ".join(f"{t:.2f}:{acc:.3f}" for acc, t in curve))
    print(f"document accuracy on the tune rows: {unweighed:.3f} unweighed, {best[0]:.3f} at threshold {best[1]:.2f}")
    data = weights_record(
        FEATURES, model, best[1],
        fitted_on="tune halves (benchmarks/dev_split.py) of the Syrian Archive passages (alone and in "
                  "report) and the annotated Aleppo dev titles",
        rows={"passage_documents": len(passages), "titles": len(titles), "events": len(y)},
        script="benchmarks/fit_specific_incident.py")
    write_weights(Path(extractor.lexicon.folder) / WEIGHTS_NAME, data, args.dry_run)
    gazetteer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
