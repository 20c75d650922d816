"""Location mentions in Arabic tweets (IDRISI train splits), per half of the fixed dev split.

Two scores, each on the ``tune`` half (where errors may be read) and the ``heldout`` half (the result
to report), halves by crisis event (``benchmarks/dev_split.py``):

* **mention F1** on ``../shared/data/idrisi/lmr_ar_train.jsonl`` (IDRISI-R): the gazetteer's
  ``find`` over each tweet against the hand-marked location mentions, by exact span, counted once
  per distinct marked string of a tweet (the data's offsets are each string's first occurrence, see
  :func:`score_mentions`; the score by offsets is printed too). Both sides
  are compared without a leading ``#`` (the annotators marked ``#لبنان`` with the sign in some
  tweets and ``بيروت`` of ``#بيروت`` without it in others); a clitic glued to the name stays in
  the span, as the annotators mark it (``بالقاهرة``). A mention the tool finds but cannot resolve
  (a cue head with an unknown name) counts as found: the task is finding mentions.
* **within 161 km** on ``lmd_ar_train.jsonl`` (IDRISI-D): for every hand-marked mention with the
  OpenStreetMap point the annotator chose, the tool's top candidate for that span in context (the
  ``find`` mention covering it, else ``lookup`` of the marked text near the tweet's other places)
  lies within 161 km (100 miles, the usual Acc@161) of that point. A mention with no candidate
  counts as a miss.

Only the train splits are read; IDRISI's dev splits are reserved for an independent check.

Usage: ``python benchmarks/eval_idrisi.py [--half tune|heldout|both] [--show-errors N]``
(``--show-errors`` prints errors of the tune half only).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.dev_split import half_of, idrisi_key  # noqa: E402
from benchmarks.eval_dev import prf  # noqa: E402

SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
LMR = SHARED_DATA / "idrisi" / "lmr_ar_train.jsonl"
LMD = SHARED_DATA / "idrisi" / "lmd_ar_train.jsonl"
ACC_KM = 161.0


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A marked span without a leading ``#`` or surrounding blanks."""
    while start < end and (text[start] == "#" or text[start].isspace()):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def predicted_spans(gazetteer, text: str) -> list[tuple[int, int, object]]:
    """The tool's mentions as (start, end, mention)."""
    return [(*gold_span(text, m.start, m.end), m) for m in gazetteer.find(text)]


def score_mentions(gazetteer, rows: list[dict], errors: list | None = None) -> tuple[dict, dict]:
    """Exact-span P/R/F1 twice: by the marked strings of each tweet, and by offsets.

    The data's offsets are those of each marked string's first occurrence in the tweet (true of
    every repeated string of the tune half), so a mention found at a later occurrence of the same
    string (``#الأردن`` after ``#سيول_الأردن``) misses by offset although its span is exact. The
    first score compares the distinct exact surfaces per tweet (clitics and cue words included,
    ``#`` left aside), what the marks really say; the second the offsets, as the figures before
    2026-11-30 did."""
    tp = fp = fn = 0
    by_offset = [0, 0, 0]
    for row in rows:
        text = row["text"]
        gold = {gold_span(text, m["start"], m["end"]) for m in row["location_mentions"]}
        predicted = {(s, e) for s, e, _ in predicted_spans(gazetteer, text)}
        by_offset[0] += len(gold & predicted)
        by_offset[1] += len(predicted - gold)
        by_offset[2] += len(gold - predicted)
        gold_strings = {text[s:e] for s, e in gold}
        found_strings = {text[s:e] for s, e in predicted}
        tp += len(gold_strings & found_strings)
        fp += len(found_strings - gold_strings)
        fn += len(gold_strings - found_strings)
        if errors is not None and gold_strings != found_strings:
            errors.append({"text": text, "missed": sorted(gold_strings - found_strings),
                           "extra": sorted(found_strings - gold_strings)})
    return prf(tp, fp, fn), prf(*by_offset)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def score_resolution(gazetteer, rows: list[dict], errors: list | None = None) -> dict:
    within = total = unresolved = 0
    for row in rows:
        text = row["text"]
        found = predicted_spans(gazetteer, text)
        context = [m for _, _, m in found if m.best is not None]
        seen = set()
        for gold in row["location_mentions"]:
            if gold.get("lat") is None:
                continue
            start, end = gold_span(text, gold["start"], gold["end"])
            if (start, end) in seen:
                continue
            seen.add((start, end))
            total += 1
            best = next((m.best for s, e, m in found if s <= start and end <= e and m.best is not None), None)
            if best is None:
                best = next((m.best for s, e, m in found if s < end and start < e and m.best is not None), None)
            if best is None:
                near = context[0].best.place if context else None
                ranked = gazetteer.lookup(text[start:end].replace("_", " "), near=near, limit=1)
                best = ranked[0] if ranked else None
            if best is None:
                unresolved += 1
                if errors is not None:
                    errors.append({"text": text, "mention": text[start:end], "got": None,
                                   "want": gold.get("display_name", "")})
                continue
            km = km_between(best.place.lat, best.place.lon, float(gold["lat"]), float(gold["lon"]))
            if km <= ACC_KM:
                within += 1
            elif errors is not None:
                errors.append({"text": text, "mention": text[start:end], "got": f"{best.place.id} {best.place.name_ar}",
                               "km": round(km), "want": gold.get("display_name", "")})
    return {"within_161km": round(within / total, 3) if total else 0.0, "mentions": total,
            "no_candidate": unresolved}


def split(rows: list[dict]) -> dict[str, list[dict]]:
    halves: dict[str, list[dict]] = {"tune": [], "heldout": []}
    for row in rows:
        halves[half_of(idrisi_key(row))].append(row)
    return halves


def evaluate(gazetteer, halves=("tune", "heldout"), show_errors: int = 0) -> dict:
    lmr, lmd = split(load(LMR)), split(load(LMD))
    out = {}
    for half in halves:
        errors_r: list | None = [] if show_errors and half == "tune" else None
        errors_d: list | None = [] if show_errors and half == "tune" else None
        by_string, by_offset = score_mentions(gazetteer, lmr[half], errors_r)
        out[half] = {
            "tweets": len(lmr[half]),
            "events": sorted(Counter(r["event"] for r in lmr[half])),
            "mentions": by_string,
            "mentions_by_offset": by_offset,
            "resolution": score_resolution(gazetteer, lmd[half], errors_d),
        }
        if errors_r is not None:
            out[half]["mention_errors"] = errors_r[:show_errors]
            out[half]["resolution_errors"] = errors_d[:show_errors]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "heldout", "both"), default="both")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print N errors of each kind, tune half only")
    args = parser.parse_args()
    from gazetteer import Gazetteer

    halves = ("tune", "heldout") if args.half == "both" else (args.half,)
    result = evaluate(Gazetteer.default(), halves, args.show_errors)
    for half, scores in result.items():
        print(f"{half}: {scores['tweets']} tweets, events {', '.join(scores['events'])}")
        print(f"  mention span P/R/F1: {json.dumps(scores['mentions'])}")
        print(f"  ... by offsets:      {json.dumps(scores['mentions_by_offset'])}")
        print(f"  top candidate within {ACC_KM:.0f} km: {json.dumps(scores['resolution'])}")
        for key in ("mention_errors", "resolution_errors"):
            for error in scores.get(key, []):
                print(f"  {key[:-7]}: {json.dumps(error, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
