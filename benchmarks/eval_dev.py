"""Precision, recall and F1 of event type and place on the hand-annotated development titles.

Joins ``tests/data/dev_annotations.jsonl`` (our labels) with the third-party corpus in
``../shared/data/dev-corpus`` at run time (the corpus is never copied here), runs the extractor
with the default gazetteer on each title + description, and scores:

* event type: the extractor's top event type per title (from the title's own events when it has
  any, else the most confident incident; ``none`` when nothing is found) against the label;
  a title counts as a true positive when both agree and are not ``none``.  Unplaced events are kept
  for this score (``keep_unplaced``), so that type detection is measured apart from geocoding.
* place: a title's predicted places are the placed incidents' gazetteer names and aliases; a hit
  when one equals a labelled place after normalisation (clitics, حي, spaces folded).

Two gazetteers are scored: (a) the bundled one (GeoNames + curated places) and (b) the bundled one
plus the OCHA communities and the OCHA Aleppo neighbourhoods from ``../shared/data``, imported the
way an analyst does (``geo-incidents gazetteer import``) into a temporary cache, never the user's.

Each figure is printed for all titles and for each half of the fixed split of :mod:`dev_split`
(``half_of`` the title id): the held-out half is the result, and ``--show-errors`` prints the tune
half's errors only.

Usage: ``python benchmarks/eval_dev.py [--show-errors] [--only bundled|ocha]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev_split import video_title_key  # noqa: E402
from scoring import by_half, prf  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO_ROOT / "tests" / "data" / "dev_annotations.jsonl"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
CORPUS = SHARED_DATA / "dev-corpus" / "aleppo_video_titles.jsonl"
OCHA_COMMUNITIES = SHARED_DATA / "ocha" / "syr_admin4_point.geojson"
OCHA_NEIGHBOURHOODS = SHARED_DATA / "aleppo" / "neighbourhoods_ocha.json"
NONE = "none"


def load_rows(annotations: Path = ANNOTATIONS, corpus: Path = CORPUS) -> list[tuple[dict, dict]]:
    labels = [json.loads(line) for line in annotations.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {row["id"] for row in labels}
    texts = {}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] in wanted:
                texts[record["id"]] = record
    return [(label, texts[label["id"]]) for label in labels if label["id"] in texts]


def to_article(record: dict):
    from geo_incidents.model import Article

    published = datetime.fromisoformat(record["published"].replace("Z", "+00:00")).date()
    return Article(id=record["id"], title=record["title"], text=record.get("description", ""),
                   published=published, source=record.get("channel", ""))


def bundled_gazetteer(cache_dir: Path):
    """(a) The bundled gazetteer, built into ``cache_dir``."""
    from gazetteer import Gazetteer

    return Gazetteer.default(cache_dir=cache_dir)


def gazetteer_with_ocha(cache_dir: Path, data: Path = SHARED_DATA):
    """(b) The bundled gazetteer plus OCHA communities and Aleppo neighbourhoods, imported into
    ``cache_dir`` as ``geo-incidents gazetteer import`` does (the imported index beside the cache)."""
    from gazetteer import Gazetteer
    from gazetteer.gazetteer import imported_path
    from gazetteer.io.ocha import read_ocha_communities, read_ocha_neighbourhoods
    from gazetteer.store import IndexStore

    where = imported_path(cache_dir)
    where.parent.mkdir(parents=True, exist_ok=True)
    store = IndexStore(where)
    store.add(read_ocha_communities(data / "ocha" / "syr_admin4_point.geojson"))
    store.add(read_ocha_neighbourhoods(data / "aleppo" / "neighbourhoods_ocha.json"))
    store.close()
    return Gazetteer.default(cache_dir=cache_dir)


def fold_place(name: str) -> str:
    from gazetteer.normalize import fold_phrase

    name = fold_phrase(name)
    name = re.sub(r"^(?:و|ب|ل)(?=ال)", "", name)
    name = re.sub(r"^(?:حي|مدينه|بلده|قريه|جبهه|منطقه|ريف)\s+", "", name)
    return name.replace(" ", "").removeprefix("ال")


def predict(extractor, gazetteer, record: dict) -> tuple[str, str, set[str]]:
    article = to_article(record)
    incidents = extractor.extract(article)
    if not incidents:
        return NONE, "", set()
    title_end = len(article.title)
    in_title = [i for i in incidents if i.evidence_start < title_end]
    top = max(in_title or incidents, key=lambda i: i.confidence)
    names: set[str] = set()
    for incident in incidents:
        if not incident.place_id:
            continue
        names.add(fold_place(incident.location))
        place = gazetteer.get(incident.place_id) if hasattr(gazetteer, "get") else None
        if place is not None:
            names.update(fold_place(n) for n in (place.name_ar, *place.aliases_ar))
    return top.event_type, top.sub_event_type, names


def evaluate(rows, extractor, gazetteer, *, skip_uncertain: bool = False, errors: list | None = None) -> dict:
    type_counts = Counter()
    sub_correct = 0
    place_counts = Counter()
    for label, record in rows:
        if skip_uncertain and str(label.get("notes", "")).startswith("uncertain"):
            continue
        gold_type = label["event_type"] or NONE
        pred_type, pred_sub, names = predict(extractor, gazetteer, record)
        if pred_type == gold_type and gold_type != NONE:
            type_counts["tp"] += 1
            sub_correct += pred_sub == label["sub_event_type"]
        else:
            if pred_type != NONE:
                type_counts["fp"] += 1
            if gold_type != NONE:
                type_counts["fn"] += 1
        gold_places = {fold_place(p) for p in label.get("places", [])}
        hit = bool(names & gold_places)
        if hit:
            place_counts["tp"] += 1
        else:
            if names and (gold_places or gold_type == NONE):
                place_counts["fp"] += 1
            if gold_places:
                place_counts["fn"] += 1
        if errors is not None and (pred_type != gold_type or (gold_places and not hit)):
            errors.append((record["title"], gold_type, label.get("places"), pred_type, pred_sub, sorted(names)))
    event = prf(type_counts["tp"], type_counts["fp"], type_counts["fn"])
    event["sub_event_type_accuracy_on_tp"] = round(sub_correct / type_counts["tp"], 3) if type_counts["tp"] else 0.0
    return {"event_type": event, "place": prf(place_counts["tp"], place_counts["fp"], place_counts["fn"])}


def split_rows(rows) -> dict[str, list]:
    """The rows of each half of the fixed split, tune first."""
    return by_half(rows, video_title_key)


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--only", choices=("bundled", "ocha"))
    args = parser.parse_args()
    from geo_incidents.extraction import Extractor

    rows = load_rows()
    print(f"{len(rows)} annotated titles")
    builders = {"bundled": ("(a) bundled gazetteer", bundled_gazetteer),
                "ocha": ("(b) bundled + OCHA communities + Aleppo neighbourhoods", gazetteer_with_ocha)}
    for key, (label, build) in builders.items():
        if args.only and key != args.only:
            continue
        with tempfile.TemporaryDirectory(prefix="geo-incidents-eval-") as cache:
            gazetteer = build(Path(cache))
            extractor = Extractor(gazetteer, keep_unplaced=True)
            errors: list = []
            print(label)
            print("  all rows:         ", json.dumps(evaluate(rows, extractor, gazetteer), ensure_ascii=False))
            print("  without uncertain:", json.dumps(evaluate(rows, extractor, gazetteer, skip_uncertain=True),
                                                     ensure_ascii=False))
            for half, half_rows in split_rows(rows).items():
                print(f"  {half} ({len(half_rows)} titles):", json.dumps(
                    evaluate(half_rows, extractor, gazetteer, errors=errors if half == "tune" else None),
                    ensure_ascii=False))
            if args.show_errors:
                for title, gold, places, pred, sub, names in errors:
                    print(f"- {title}\n    gold {gold} {places}\n    got  {pred} / {sub} {names}")
            gazetteer.close()


if __name__ == "__main__":
    main()
