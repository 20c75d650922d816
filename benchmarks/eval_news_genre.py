"""Incident or not, event type and sub-type on our own news-genre check set.

``tests/data/news_genre_check.jsonl`` holds short sentences written by us (no third-party text):
news that tells a specific incident of each ACLED means (air strike, shelling, remote explosive,
suicide bomb, chemical weapon, grenade, clash, capture, violence against civilians, protest,
arrests), some as plainly as news tells them, with an actor and no place or day ("قصفت قوات النظام
المشفى بقذائف المدفعية"); news that reports no incident (diplomacy, statements, analysis, law,
method notes, summaries over a period, a weapon described in general, economy and health); and
sentences in the style of investigation prose (method, counts over a corpus, weapon descriptions,
law, summaries, and incidents as investigations tell them).  The Syrian Archive halves are
investigation prose and the dev titles are headlines: this set is the third judge of the
incident-or-not decision, in the genre users feed most.  No weight is fitted on it.

``--set prose`` scores ``tests/data/prose_genre_check.jsonl`` instead: short passages of our own in the
style of human-rights investigation reports, the genre of the Syrian Archive passages (method,
geolocation of footage, munition remnants, the facility described, statistics over a period,
background history, witnesses, attributions, threats, and specific incidents told as investigations
tell them), mostly passages that report no incident, as investigation prose is.  Its rows' kinds all
start with ``inv_``; ``--by-kind`` prints the incident-or-not accuracy of each kind.

Each sentence is extracted alone as an article (unplaced incidents kept); the prediction is the type
of the most confident incident, or ``none``.  Printed: incident-or-not accuracy, event-type and
sub-type accuracy over every sentence, the same over incident sentences, and the share of
non-incident sentences that yield nothing.  ``--show-errors`` prints each wrong sentence with the
reasons of its specific-incident decisions (the text is ours, so errors may be read).

Usage: ``python benchmarks/eval_news_genre.py [--set news|prose] [--show-errors] [--by-kind] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CHECK_SET = REPO_ROOT / "tests" / "data" / "news_genre_check.jsonl"
PROSE_SET = REPO_ROOT / "tests" / "data" / "prose_genre_check.jsonl"
SETS = {"news": CHECK_SET, "prose": PROSE_SET}
NONE = "none"


def load_rows(path: Path = CHECK_SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predict(extractor, row: dict) -> tuple[str, str]:
    """(event type, sub-type) of the most confident incident of the sentence alone, or (none, "")."""
    from geo_incidents.model import Article

    incidents = extractor.extract(Article(id=row["id"], title="", text=row["text"]))
    if not incidents:
        return NONE, ""
    best = max(incidents, key=lambda i: i.confidence)
    return best.event_type, best.sub_event_type


def evaluate(rows: list[dict], extractor, errors: list | None = None) -> dict:
    """The scores of the set; each wrong row is appended to ``errors`` when given."""
    said = typed = subtyped = 0
    by_group: dict[str, list[int]] = {}  # "news, incident" -> [rows, incident-or-not right]
    by_kind: dict[str, list[int]] = {}  # the row's kind -> [rows, incident-or-not right]
    on_incidents = [0, 0, 0]  # rows, type right, sub-type right
    quiet = non_incidents = 0
    for row in rows:
        event_type, sub_type = predict(extractor, row)
        incident = event_type != NONE
        said += incident == row["incident"]
        group = by_group.setdefault(f"{'investigation' if row['kind'].startswith('inv_') else 'news'}, "
                                    f"{'incident' if row['incident'] else 'none'}", [0, 0])
        group[0] += 1
        group[1] += incident == row["incident"]
        kind = by_kind.setdefault(row["kind"], [0, 0])
        kind[0] += 1
        kind[1] += incident == row["incident"]
        type_right = event_type == row["event_type"]
        sub_right = type_right and sub_type == row["sub_event_type"]
        typed += type_right
        subtyped += sub_right
        if row["incident"]:
            on_incidents[0] += 1
            on_incidents[1] += type_right
            on_incidents[2] += sub_right
        else:
            non_incidents += 1
            quiet += not incident
        if errors is not None and not sub_right:
            errors.append({"row": row, "type": event_type, "sub": sub_type,
                           "reasons": [(d.kept, d.reason) for d in extractor.last_decisions]})
    n = len(rows)
    return {
        "rows": n,
        "incident_accuracy": said / n,
        "event_type_accuracy": typed / n,
        "sub_event_type_accuracy": subtyped / n,
        "incident_rows": on_incidents[0],
        "event_type_accuracy_on_incidents": on_incidents[1] / max(on_incidents[0], 1),
        "sub_event_type_accuracy_on_incidents": on_incidents[2] / max(on_incidents[0], 1),
        "non_incident_rows": non_incidents,
        "quiet_on_non_incidents": quiet / max(non_incidents, 1),
        "incident_accuracy_by_group": {name: right / rows for name, (rows, right) in sorted(by_group.items())},
        "rows_by_group": {name: rows for name, (rows, _) in sorted(by_group.items())},
        "incident_accuracy_by_kind": {name: right / rows for name, (rows, right) in sorted(by_kind.items())},
        "rows_by_kind": {name: rows for name, (rows, _) in sorted(by_kind.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="print the wrong sentences (our own text)")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--set", choices=sorted(SETS), default="news",
                        help="news (news_genre_check.jsonl, the default) or investigation prose "
                             "(prose_genre_check.jsonl)")
    parser.add_argument("--by-kind", action="store_true", help="print the incident-or-not accuracy of each kind")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO_ROOT))
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor

    gazetteer = Gazetteer.default()
    extractor = Extractor(gazetteer, keep_unplaced=True)
    errors: list = []
    s = evaluate(load_rows(SETS[args.set]), extractor, errors if args.show_errors else None)
    if args.json:
        print(json.dumps(s))
    else:
        print(f"{s['rows']} sentences: incident or not {s['incident_accuracy']:.3f}  type "
              f"{s['event_type_accuracy']:.3f}  sub-type {s['sub_event_type_accuracy']:.3f}  (on "
              f"{s['incident_rows']} incidents: {s['event_type_accuracy_on_incidents']:.3f} / "
              f"{s['sub_event_type_accuracy_on_incidents']:.3f}; {s['non_incident_rows']} non-incidents "
              f"quiet {s['quiet_on_non_incidents']:.3f})")
        print("  incident or not by group: " + "; ".join(
            f"{name} {accuracy:.3f} of {s['rows_by_group'][name]}"
            for name, accuracy in s["incident_accuracy_by_group"].items()))
        if args.by_kind:
            print("  incident or not by kind: " + "; ".join(
                f"{name} {accuracy:.3f} of {s['rows_by_kind'][name]}"
                for name, accuracy in s["incident_accuracy_by_kind"].items()))
    for error in errors:
        row = error["row"]
        print(f"\n- {row['id']} [{row['kind']}] {row['text']}\n    gold {row['event_type']} / {row['sub_event_type']}"
              f"\n    got  {error['type']} / {error['sub']}")
        for kept, reason in error["reasons"]:
            print(f"    {'kept' if kept else 'drop'}: {reason}")
    gazetteer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
