"""Sites of incidents on our own news-genre place check set.

``tests/data/news_place_check.jsonl`` holds short news items written by us (no third-party text),
each with the sites its incidents took place at, as OCHA pcodes (a community ``C…``, an Aleppo
neighbourhood ``N…``) and a level. The items stand for the roles a place plays in news beside the
site: the region named next to a town, where the wounded were taken or the displaced went, where
fire came from, where a statement was made or a source lives, a past event cited as background,
diplomacy, a country or region with no precise site, a channel, a person's family name or a time
zone that holds a place name, several sites in one item, Aleppo quarters and the Kurdish names of
towns of the north-east. The sentences were written before any rule they judge; no weight is
fitted on them. The Syrian Archive halves are investigation prose and the dev titles are
headlines: this set is a third judge of which places are sites, in the genre users feed most.

Each item is extracted alone as an article; its predicted sites (one per gazetteer place) are
matched one-to-one with its labelled sites as in ``eval_syrian_archive.py`` (within 5 km of a
community or a neighbourhood, 10 km of a city, or the same name), and a site at a place labelled as
background is neither credited nor wrong. Every site of an item with no labelled site is a false
positive. Printed: place P / R / F1, the same per kind, and the share of items whose sites are
exactly right. ``--show-errors`` prints each wrong item (the text is ours, so errors may be read).

Coordinates come from the OCHA files in ``../shared/data`` (read at run time, not copied).

``--regional`` scores ``tests/data/regional_news_check.jsonl`` instead: 75 news items of our own about
conflicts of other Arab countries (and a few in Syria), each site with its own GeoNames city point,
matched within 10 km: homonyms across countries (طرابلس of Libya and of Lebanon), words that are
also towns (صور "pictures" and Tyre, الأبيض), destinations and diplomacy abroad. Items rn-41 on
(Jordan, Tunisia, Algeria, Mauritania, Darfur and Kordofan, Yemen's south, Iraq's Kurdistan, West
Bank towns) are in wire, local-radio and short-line styles; their kinds name what they test (a bare
town that shares its province's name, a town placed from a larger one: «X غرب Y», a short line).

Usage: ``python benchmarks/eval_news_places.py [--regional] [--show-errors] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_syrian_archive import SHARED_DATA, match_sites, predicted_sites  # noqa: E402
from scoring import prf  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
CHECK_SET = REPO_ROOT / "tests" / "data" / "news_place_check.jsonl"
#: the same kinds of items about conflicts of other Arab countries (Yemen, Iraq, Libya, Lebanon, Palestine,
#: Sudan, Egypt, Somalia; a few in Syria), sites with their own coordinates (GeoNames city points)
REGIONAL_SET = REPO_ROOT / "tests" / "data" / "regional_news_check.jsonl"
COMMUNITIES = SHARED_DATA / "ocha" / "syr_admin4_point.geojson"
NEIGHBOURHOODS = SHARED_DATA / "aleppo" / "neighbourhoods_ocha.json"


@lru_cache(maxsize=1)
def ocha_points() -> dict[str, tuple[float, float]]:
    """(lat, lon) of every OCHA community and Aleppo neighbourhood, by pcode."""
    points = {}
    with open(COMMUNITIES, encoding="utf-8", errors="replace") as fh:
        for feature in json.load(fh)["features"]:
            props = feature["properties"]
            points[props["PCODE"]] = (props["LATITUDE"], props["LONGITUDE"])
    with open(NEIGHBOURHOODS, encoding="utf-8") as fh:
        for item in json.load(fh)["items"]:
            points[item["pCode"]] = (item["centerLatitude"], item["centerLongitude"])
    return points


def _located(sites: list[dict]) -> list[dict]:
    """Sites given the OCHA coordinates of their pcodes; a site abroad carries its own."""
    if all("lat" in site for site in sites):
        return sites
    points = ocha_points()
    return [site if "lat" in site else {**site, "lat": points[site["pcode"]][0], "lon": points[site["pcode"]][1]}
            for site in sites]


def load_rows(path: Path = CHECK_SET) -> list[dict]:
    """The items, their labelled sites given the OCHA coordinates of their pcodes (or their own, abroad)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row["sites"] = _located(row["sites"])
        row["background"] = _located(row["background"])
    return rows


def predict(extractor, gazetteer, row: dict) -> list[dict]:
    """The item's predicted sites, the item extracted alone."""
    from geo_incidents.model import Article

    incidents = extractor.extract(Article(id=row["id"], title="", text=row["text"]))
    return predicted_sites(incidents, gazetteer)[1]


def evaluate(rows: list[dict], extractor, gazetteer, errors: list | None = None) -> dict:
    """Place P / R / F1 over all items and per kind, and the share of items exactly right."""
    totals = [0, 0, 0]
    by_kind: dict[str, list[int]] = {}
    exact = 0
    for row in rows:
        predicted = predict(extractor, gazetteer, row)
        tp, fp, fn, wrong = match_sites(predicted, row["sites"], row["background"])
        for counts in (totals, by_kind.setdefault(row["kind"], [0, 0, 0])):
            counts[0] += tp
            counts[1] += fp
            counts[2] += fn
        exact += not fp and not fn
        if errors is not None and (fp or fn):
            errors.append({"row": row, "wrong": [s["location"] for s in wrong], "missed": fn,
                           "predicted": [s["location"] for s in predicted]})
    return {
        "rows": len(rows),
        "place": prf(*totals),
        "items_exactly_right": round(exact / len(rows), 3),
        "place_by_kind": {kind: prf(*counts) for kind, counts in sorted(by_kind.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="print every item with a wrong or missed site")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--regional", action="store_true",
                        help="score the items about other Arab countries' conflicts (regional_news_check.jsonl)")
    args = parser.parse_args()
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor

    gazetteer = Gazetteer.default()
    extractor = Extractor(gazetteer)
    errors: list | None = [] if args.show_errors else None
    scores = evaluate(load_rows(REGIONAL_SET if args.regional else CHECK_SET), extractor, gazetteer, errors)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=1))
    else:
        place = scores["place"]
        print(f"{scores['rows']} items: place P {place['precision']:.3f} R {place['recall']:.3f} F1 {place['f1']:.3f}; "
              f"items exactly right {scores['items_exactly_right']:.3f}")
        for kind, figures in scores["place_by_kind"].items():
            if figures["tp"] + figures["fn"]:
                print(f"  {kind:15} P {figures['precision']:.3f} R {figures['recall']:.3f} F1 {figures['f1']:.3f}")
            else:
                print(f"  {kind:15} no labelled site; sites given: {figures['fp']}")
    for error in errors or []:
        row = error["row"]
        print(f"\n{row['id']} ({row['kind']}): {row['text']}\n  labelled {[s['name'] for s in row['sites']]}"
              f"  predicted {error['predicted']}  wrong {error['wrong']}  missed {error['missed']}")


if __name__ == "__main__":
    main()
