"""Place F1, event-type and sub-type accuracy on the hand-annotated Syrian Archive passages, per half.

Joins ``tests/data/syrian_archive_annotations.jsonl`` (our labels: ids and labels only) with the
passages in ``../shared/data/dev-corpus/syrian_archive_passages.jsonl`` at run time (the text is
never copied here; a passage is keyed by ``source_path`` and ``id``, since ids repeat across reports),
runs the extractor with the default gazetteer, and scores each half of the fixed split of
:mod:`dev_split` (by report). The **held-out** half is the result; errors may be read on the **tune**
half only, so ``--show-errors`` prints tune passages and nothing else.

Two modes, both printed:

* **alone**: each passage is extracted on its own, as if it were a whole article;
* **in report**: the passages of one report (``source_path``), in their order in the corpus file, are
  joined as one article (a blank line between passages) and extracted once, as a user feeds a whole
  report; a passage is scored on the incidents told in it, i.e. whose evidence sentence, or a sentence
  folded into them (``Extractor.last_told``), lies within the passage's characters; places are scored
  per report (the report's pins against the distinct sites labelled in its passages).  Annotators typed
  some passages from the surrounding report (a witness's "the attack" in a report on air strikes,
  ``type_from: context``): only this mode gives the extractor that report.

Scores:

* **event type / sub-type accuracy**, over every annotated passage: the label is the type of the
  passage's incident (any of them when it has several), or ``none`` for a passage that reports no
  incident (method notes, law, aggregate figures, evidence descriptions); the prediction is the type of
  the extractor's most confident incident (unplaced ones included), or ``none`` when it finds none.
  A passage that reports no incident but cites a past one (``background``) may yield it or nothing.
  The same accuracies over incident passages only are printed beside them.
* **place P / R / F1**, over sites: the extractor's placed incidents (one site per gazetteer place) are
  matched one-to-one with the labelled sites of the passage. A predicted site matches a labelled one when
  its point lies within **5 km** of a community or an Aleppo neighbourhood, within **10 km** of a city's
  point, or inside the polygon of a governorate labelled as the site; or when both names are equal after
  normalisation. A predicted site at a place labelled as a *background* event (a past incident cited
  with its own date) is neither credited nor counted as wrong. Every predicted site of a passage that
  reports no incident is a false positive.
* **date**: of the labelled incidents with a written date, the share for which an incident of the
  passage has that date (year, year-month or full date, as labelled).

Each figure is printed for all rows and without the rows marked ``uncertain``.

Usage: ``python benchmarks/eval_syrian_archive.py [--mode alone|report|both] [--show-errors] [--json]``
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev_split import TUNE_FOLDS, syrian_archive_key, tune_fold  # noqa: E402
from scoring import by_half, prf  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO_ROOT / "tests" / "data" / "syrian_archive_annotations.jsonl"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
CORPUS = SHARED_DATA / "dev-corpus" / "syrian_archive_passages.jsonl"
GOVERNORATES = SHARED_DATA / "ocha" / "syr_admin1.geojson"
NONE = "none"
MODES = ("alone", "report")
#: between two passages of a report joined as one article: a paragraph break
PASSAGE_BREAK = "\n\n"
#: how far (km) a predicted point may lie from a labelled site of each level and still be that site
MATCH_KM = {"community": 5.0, "neighbourhood": 5.0, "city": 10.0}


def load_rows(annotations: Path = ANNOTATIONS, corpus: Path = CORPUS) -> list[tuple[dict, dict]]:
    """(label, passage) pairs, in the annotation file's order."""
    labels = [json.loads(line) for line in annotations.read_text(encoding="utf-8").splitlines() if line.strip()]
    passages = {}
    with open(corpus, encoding="utf-8") as fh:
        for position, line in enumerate(fh):
            record = json.loads(line)
            passages[(record["source_path"], record["id"])] = {**record, "position": position}
    return [(label, passages[(label["source_path"], label["id"])]) for label in labels]


def is_uncertain(label: dict) -> bool:
    return bool(label.get("uncertain")) or any(e.get("uncertain") for e in label["events"])


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@lru_cache(maxsize=1)
def governorate_shapes(path: Path = GOVERNORATES) -> dict:
    from shapely.geometry import shape

    data = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["PCODE"]: shape(f["geometry"]) for f in data["features"]}


def fold_place(name: str) -> str:
    from gazetteer.normalize import fold_phrase

    name = fold_phrase(name)
    for head in ("حي ", "مدينه ", "بلده ", "قريه ", "منطقه ", "محافظه ", "ريف "):
        name = name.removeprefix(head)
    return name.replace(" ", "").removeprefix("ال")


def site_matches(predicted: dict, site: dict) -> bool:
    if predicted["names"] & {fold_place(site["name"])}:
        return True
    lat, lon = predicted["lat"], predicted["lon"]
    if lat is None:
        return False
    if site["level"] == "governorate":
        from shapely.geometry import Point

        shape = governorate_shapes().get(site["pcode"])
        return shape is not None and shape.contains(Point(lon, lat))
    return haversine_km(lat, lon, site["lat"], site["lon"]) <= MATCH_KM[site["level"]]


def predict(extractor, gazetteer, passage: dict) -> tuple[list, list[dict]]:
    """The passage's incidents (most confident first) and its predicted sites, one per place,
    the passage extracted alone."""
    from geo_incidents.model import Article

    incidents = extractor.extract(Article(id=passage["id"], title="", text=passage["text"]))
    return predicted_sites(incidents, gazetteer)


def predict_in_report(extractor, gazetteer, passages: list[dict]) -> tuple[list[tuple[list, list[dict]]], tuple]:
    """Per passage of one report (given in corpus order), what :func:`predict` gives, the report's
    passages joined as one article and extracted once: a passage has the incidents told in it (their
    evidence, or a sentence folded into them, lies within its characters).  Second, the whole
    report's incidents and sites."""
    from geo_incidents.model import Article

    ranges, pos = [], 0
    for passage in passages:
        ranges.append((pos, pos + len(passage["text"])))
        pos += len(passage["text"]) + len(PASSAGE_BREAK)
    text = PASSAGE_BREAK.join(p["text"] for p in passages)
    incidents = extractor.extract(Article(id=passages[0]["source_path"], title="", text=text))
    told = getattr(extractor, "last_told", {})
    results = []
    for start, end in ranges:
        here = [i for i in incidents if any(start <= s < end for s, _ in
                                            told.get(i.incident_id) or [(i.evidence_start, i.evidence_end)])]
        results.append(predicted_sites(here, gazetteer))
    return results, predicted_sites(incidents, gazetteer)


def predictions(rows, extractor, gazetteer, mode: str = "alone") -> dict[tuple[str, str], tuple[list, list[dict]]]:
    """:func:`predict` or :func:`predict_in_report` for every row, keyed by (source_path, id); in report
    mode also the whole report's, keyed by (source_path, None)."""
    if mode == "alone":
        return {(p["source_path"], p["id"]): predict(extractor, gazetteer, p) for _, p in rows}
    reports: dict[str, list[dict]] = {}
    for _, passage in rows:
        reports.setdefault(passage["source_path"], []).append(passage)
    found = {}
    for passages in reports.values():
        passages = sorted(passages, key=lambda p: p.get("position", 0))
        per_passage, whole = predict_in_report(extractor, gazetteer, passages)
        for passage, result in zip(passages, per_passage, strict=True):
            found[(passage["source_path"], passage["id"])] = result
        found[(passages[0]["source_path"], None)] = whole
    return found


def predicted_sites(incidents: list, gazetteer) -> tuple[list, list[dict]]:
    """Incidents most confident first, and their sites, one per gazetteer place."""
    incidents = sorted(incidents, key=lambda i: -i.confidence)
    sites: dict[str, dict] = {}
    for incident in incidents:
        if not incident.place_id or incident.geometry is None or incident.place_id in sites:
            continue
        point = incident.geometry.representative_point()
        names = {fold_place(incident.location)}
        place = gazetteer.get(incident.place_id)
        if place is not None:
            names.update(fold_place(n) for n in (place.name_ar, *place.aliases_ar))
        sites[incident.place_id] = {"place_id": incident.place_id, "location": incident.location,
                                    "lat": point.y, "lon": point.x, "names": names}
    return incidents, list(sites.values())


def match_sites(predicted: list[dict], gold: list[dict], background: list[dict]) -> tuple[int, int, int, list]:
    """One-to-one matching of the most pairs (tp, fp, fn, unmatched predicted sites).

    A maximum matching, not a greedy one: a greedy pass let a town's pin take a governorate labelled
    elsewhere in the report and leave the town's own label unmatched, counting one hit as a miss and
    a false pin."""
    fits = [[g for g, site in enumerate(gold) if site_matches(p, site)] for p in predicted]
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in fits[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(len(predicted)):
        augment(p, set())
    matched = set(owner.values())
    wrong = [site for p, site in enumerate(predicted) if p not in matched
             and not any(site_matches(site, b) for b in background)]
    return len(owner), len(wrong), len(gold) - len(owner), wrong


def date_hit(label_date: str, incidents: list) -> bool:
    return any(i.event_date is not None and i.event_date.isoformat().startswith(label_date) for i in incidents)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def evaluate(rows, extractor, gazetteer, *, skip_uncertain: bool = False, errors: list | None = None,
             mode: str = "alone", found: dict | None = None) -> dict:
    """Scores of ``rows`` in ``mode`` (``found``: the :func:`predictions` of these rows, if made already)."""
    counts = Counter()
    if found is None:
        found = predictions(rows, extractor, gazetteer, mode)
    for label, passage in rows:
        if skip_uncertain and is_uncertain(label):
            continue
        incidents, predicted = found[(passage["source_path"], passage["id"])]
        # a passage that only cites a past incident may yield it with its own date, or nothing
        past = label.get("background", [])
        gold_types = {e["event_type"] for e in label["events"]} or {NONE} | {e["event_type"] for e in past}
        gold_subs = {e["sub_event_type"] for e in label["events"]} or {NONE} | {e["sub_event_type"] for e in past}
        top = incidents[0] if incidents else None
        pred_type = top.event_type if top else NONE
        pred_sub = top.sub_event_type if top else NONE
        type_ok, sub_ok = pred_type in gold_types, pred_sub in gold_subs
        counts["passages"] += 1
        counts["type_ok"] += type_ok
        counts["sub_ok"] += sub_ok
        if label["incident"]:
            counts["incident_passages"] += 1
            counts["incident_type_ok"] += type_ok
            counts["incident_sub_ok"] += sub_ok
        wrong, missed = [], []
        if mode == "alone":
            gold_sites = [s for e in label["events"] for s in e["sites"]]
            background = [s for e in label.get("background", []) for s in e["sites"]]
            tp, fp, fn, wrong = match_sites(predicted, gold_sites, background)
            missed = [g["name"] for g in gold_sites if not any(site_matches(p, g) for p in predicted)]
            counts["tp"] += tp
            counts["fp"] += fp
            counts["fn"] += fn
        for event in label["events"]:
            if event["date"]:
                counts["dates"] += 1
                counts["dates_ok"] += date_hit(event["date"], incidents)
        if errors is not None and (not type_ok or not sub_ok or wrong or missed):
            errors.append({"label": label, "text": passage["text"], "type": pred_type, "sub": pred_sub, "mode": mode,
                           "wrong_sites": [s["location"] for s in wrong], "missed": missed,
                           "predicted_sites": [s["location"] for s in predicted]})
    if mode == "report":
        _count_report_places(rows, found, counts, skip_uncertain, errors)
    return {
        "passages": counts["passages"],
        "event_type_accuracy": _ratio(counts["type_ok"], counts["passages"]),
        "sub_event_type_accuracy": _ratio(counts["sub_ok"], counts["passages"]),
        "incident_passages": counts["incident_passages"],
        "event_type_accuracy_on_incidents": _ratio(counts["incident_type_ok"], counts["incident_passages"]),
        "sub_event_type_accuracy_on_incidents": _ratio(counts["incident_sub_ok"], counts["incident_passages"]),
        "place": prf(counts["tp"], counts["fp"], counts["fn"]),
        "date_accuracy": _ratio(counts["dates_ok"], counts["dates"]),
        "dated_incidents": counts["dates"],
    }


def _count_report_places(rows, found: dict, counts: Counter, skip_uncertain: bool, errors: list | None = None) -> None:
    """Place counts in report mode, per report: one incident told in several passages is one pin, so
    the report's pins are matched with the distinct sites labelled in its passages (a passage that
    names no place is typed from the report, but has no site of its own to score).  Sites of rows left
    out (uncertain) and of background events are neither credited nor wrong."""
    gold: dict[str, dict] = {}
    neutral: dict[str, list] = {}
    for label, passage in rows:
        report = passage["source_path"]
        events = label["events"] if not (skip_uncertain and is_uncertain(label)) else []
        for site in (s for e in events for s in e["sites"]):
            gold.setdefault(report, {}).setdefault(site.get("pcode") or fold_place(site["name"]), site)
        left_out = [e for e in label["events"] if e not in events] + label.get("background", [])
        neutral.setdefault(report, []).extend(s for e in left_out for s in e["sites"])
    for report in neutral:
        _, predicted = found[(report, None)]
        gold_sites = list(gold.get(report, {}).values())
        tp, fp, fn, wrong = match_sites(predicted, gold_sites, neutral[report])
        if errors is not None and (fp or fn):
            errors.append({"report": report, "wrong_sites": [s["location"] for s in wrong],
                           "missed": [g["name"] for g in gold_sites if not any(site_matches(p, g) for p in predicted)],
                           "predicted_sites": [s["location"] for s in predicted]})
        counts["tp"] += tp
        counts["fp"] += fp
        counts["fn"] += fn


def split_rows(rows) -> dict[str, list]:
    """The rows of each half of the fixed split, tune first."""
    return by_half(rows, syrian_archive_key)


def fold_rows(tune_rows) -> dict[str, list]:
    """The tune half's rows by fold of :func:`dev_split.tune_fold` (by report), keyed ``tune-a``, ``tune-b``."""
    folds: dict[str, list] = {f"tune-{fold}": [] for fold in TUNE_FOLDS}
    for label, passage in tune_rows:
        folds[f"tune-{tune_fold(syrian_archive_key(label))}"].append((label, passage))
    return folds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="print the errors of the tune half (never held-out)")
    parser.add_argument("--folds", action="store_true",
                        help="also score each fold of the tune half (tune-a, tune-b: by report, fixed)")
    parser.add_argument("--fold", choices=TUNE_FOLDS,
                        help="with --show-errors: print the errors of this tune fold only, so that a change can be "
                             "judged on the other")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both",
                        help="passages extracted alone, joined by report, or both (default)")
    args = parser.parse_args()
    modes = MODES if args.mode == "both" else (args.mode,)
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor

    rows = load_rows()
    gazetteer = Gazetteer.default()
    extractor = Extractor(gazetteer, keep_unplaced=True)
    halves = split_rows(rows)
    order = ["heldout", "tune"]
    if args.folds or args.fold:
        halves.update(fold_rows(halves["tune"]))
        order += [f"tune-{fold}" for fold in TUNE_FOLDS]
    shown = f"tune-{args.fold}" if args.fold else "tune"
    scores: dict = {}
    tune_errors: list = []
    for mode in modes:
        for half in order:
            found = predictions(halves[half], extractor, gazetteer, mode)
            errors = tune_errors if half == shown else None
            scores.setdefault(mode, {})[half] = {
                "all": evaluate(halves[half], extractor, gazetteer, errors=errors, mode=mode, found=found),
                "without_uncertain": evaluate(halves[half], extractor, gazetteer, skip_uncertain=True, mode=mode,
                                              found=found),
            }
    if args.json:
        print(json.dumps(scores if len(modes) > 1 else scores[modes[0]], ensure_ascii=False))
    else:
        print(f"{len(rows)} annotated passages: {len(halves['tune'])} tune, {len(halves['heldout'])} held-out")
        for mode in modes:
            print("passages alone:" if mode == "alone" else "in report (each report's passages as one article):")
            for half in order:
                for variant, s in scores[mode][half].items():
                    place = s["place"]
                    print(f"  {half:8} {variant:17} type {s['event_type_accuracy']:.3f}  sub-type "
                          f"{s['sub_event_type_accuracy']:.3f}  (on {s['incident_passages']} incident passages: "
                          f"{s['event_type_accuracy_on_incidents']:.3f} / "
                          f"{s['sub_event_type_accuracy_on_incidents']:.3f})"
                          f"  place P {place['precision']:.3f} R {place['recall']:.3f} F1 {place['f1']:.3f}"
                          f"  date {s['date_accuracy']:.3f} of {s['dated_incidents']}")
    if args.show_errors:
        for error in tune_errors:
            if "report" in error:
                print(f"\n- [report places] {error['report']}: pins {error['predicted_sites']}"
                      f"\n    wrong: {error['wrong_sites']}  missed: {error['missed']}")
                continue
            label = error["label"]
            gold = [(e["sub_event_type"], [s["name"] for s in e["sites"]]) for e in label["events"]] or NONE
            print(f"\n- [{error['mode']}] {label['id']}: {error['text']}\n    gold {gold}  {label.get('notes', '')}"
                  f"\n    got  {error['type']} / {error['sub']} at {error['predicted_sites']}"
                  f"  wrong: {error['wrong_sites']}  missed: {error['missed']}")
    gazetteer.close()


if __name__ == "__main__":
    main()
