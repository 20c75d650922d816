"""Wrong pins found without labels: pins far from where a corpus is known to be about.

Two probes, each a precision check that needs no hand labels:

* **Aleppo video titles** (``../shared/data/dev-corpus/aleppo_video_titles.jsonl``): every one of the
  4,900 titles is about the Aleppo region (its channels are Aleppo's media centres), so a placed
  incident more than ``--titles-km`` (120) from Aleppo governorate is almost surely a wrong pin.  The
  count over all titles is printed; ``--list`` prints those of the **tune** half only
  (:func:`dev_split.half_of` the title id), never the held-out half's.
* **Syrian Archive reports** (tune half only): the passages of each report joined as one article (as
  ``eval_syrian_archive.py --mode both`` does in report mode), and every pin more than ``--report-km``
  (100) from every labelled site of its report (a governorate site: from its polygon).  Reports with no
  labelled site are counted apart.

Usage: ``python benchmarks/probe_far_pins.py [--list] [--titles-km 120] [--report-km 100] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev_split import half_of, syrian_archive_key, video_title_key  # noqa: E402
from eval_dev import CORPUS as TITLES  # noqa: E402
from eval_dev import to_article  # noqa: E402
from eval_syrian_archive import governorate_shapes, haversine_km, load_rows, predict_in_report  # noqa: E402

ALEPPO_GOVERNORATE = "SY02"


def km_from_shape(shape, lat: float, lon: float) -> float:
    """Kilometres from a point to a polygon (0 inside): the haversine to its nearest point."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    point = Point(lon, lat)
    if shape.contains(point):
        return 0.0
    near = nearest_points(shape, point)[0]
    return haversine_km(lat, lon, near.y, near.x)


@lru_cache(maxsize=1)
def aleppo_shape():
    return governorate_shapes()[ALEPPO_GOVERNORATE]


def point_of(incident) -> tuple[float, float] | None:
    if not incident.place_id or incident.geometry is None:
        return None
    point = incident.geometry.representative_point()
    return point.y, point.x


def probe_titles(extractor, far_km: float, pins: dict | None = None) -> tuple[int, int, list[dict]]:
    """(placed incidents, far pins over all titles, the tune half's far pins); ``pins``, when given,
    gets every title's pins (id -> sorted place ids)."""
    placed = far = 0
    tune_far: list[dict] = []
    with open(TITLES, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    for record in records:
        for incident in extractor.extract(to_article(record)):
            point = point_of(incident)
            if point is None:
                continue
            placed += 1
            if pins is not None:
                pins.setdefault(record["id"], []).append(incident.place_id)
            km = km_from_shape(aleppo_shape(), *point)
            if km <= far_km:
                continue
            far += 1
            if half_of(video_title_key(record)) == "tune":
                tune_far.append({"id": record["id"], "title": record["title"], "location": incident.location,
                                 "place_id": incident.place_id, "km": round(km), "evidence": incident.evidence})
    return placed, far, tune_far


def _km_to_site(site: dict, lat: float, lon: float) -> float:
    if site["level"] == "governorate":
        shape = governorate_shapes().get(site["pcode"])
        if shape is not None:
            return km_from_shape(shape, lat, lon)
    return haversine_km(lat, lon, site["lat"], site["lon"])


def probe_reports(extractor, gazetteer, far_km: float) -> tuple[int, int, list[dict], int]:
    """Tune reports: (pins, far pins, the far pins, pins of reports with no labelled site)."""
    reports: dict[str, list[tuple[dict, dict]]] = {}
    for label, passage in load_rows():
        if half_of(syrian_archive_key(passage)) == "tune":
            reports.setdefault(passage["source_path"], []).append((label, passage))
    pins = unlabelled = 0
    far: list[dict] = []
    for report, rows in sorted(reports.items()):
        gold = [s for label, _ in rows for e in label["events"] + label.get("background", []) for s in e["sites"]]
        passages = sorted((p for _, p in rows), key=lambda p: p.get("position", 0))
        _, (incidents, sites) = predict_in_report(extractor, gazetteer, passages)
        if not gold:
            unlabelled += len(sites)
            continue
        evidence = {i.place_id: i.evidence for i in incidents if i.place_id}
        for site in sites:
            pins += 1
            km = min(_km_to_site(g, site["lat"], site["lon"]) for g in gold)
            if km > far_km:
                far.append({"report": report, "location": site["location"], "place_id": site["place_id"],
                            "km": round(km), "evidence": evidence.get(site["place_id"], "")})
    return pins, len(far), far, unlabelled


def compare(before_path: Path, after_path: Path) -> None:
    """Titles whose pins differ between two ``--dump`` files: counted over all, listed for the tune half."""
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k, []) != after.get(k, []))
    tune = [k for k in changed if half_of(k) == "tune"]
    print(f"{len(changed)} titles changed their pins ({len(tune)} in the tune half)")
    if not tune:
        return
    titles = {}
    with open(TITLES, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] in tune:
                titles[record["id"]] = record["title"]
    for key in tune:
        print(f"  {key}: {before.get(key, [])} -> {after.get(key, [])}  | {titles.get(key, '')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the far pins (tune half only)")
    parser.add_argument("--titles-km", type=float, default=120.0)
    parser.add_argument("--report-km", type=float, default=100.0)
    parser.add_argument("--json", action="store_true", help="print the counts (and, with --list, the pins) as JSON")
    parser.add_argument("--dump", type=Path, help="write every title's pins (id -> place ids) to this JSON file, "
                                                  "to compare two versions with --compare")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                        help="compare two --dump files: count the titles whose pins changed (all, and tune half) "
                             "and list the tune half's")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor

    gazetteer = Gazetteer.default()
    extractor = Extractor(gazetteer)
    every: dict[str, list[str]] = {}
    placed, far, tune_far = probe_titles(extractor, args.titles_km, every)
    if args.dump:
        args.dump.write_text(json.dumps({k: sorted(v) for k, v in every.items()}, ensure_ascii=False), encoding="utf-8")
    pins, report_far, report_pins, unlabelled = probe_reports(extractor, gazetteer, args.report_km)
    result = {"titles": {"placed": placed, "far": far, "tune_far": len(tune_far)},
              "reports_tune": {"pins": pins, "far": report_far, "pins_of_unlabelled_reports": unlabelled}}
    if args.list:
        result["titles"]["tune_far_pins"] = tune_far
        result["reports_tune"]["far_pins"] = report_pins
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"Aleppo titles: {placed} pins, {far} more than {args.titles_km:g} km from Aleppo governorate "
          f"({len(tune_far)} of them in the tune half)")
    print(f"Syrian Archive tune reports: {pins} pins, {report_far} more than {args.report_km:g} km from every "
          f"labelled site of their report ({unlabelled} pins in reports with no labelled site)")
    if args.list:
        for pin in tune_far:
            print(f"  title {pin['id']} {pin['km']:>5} km  {pin['location']}  | {pin['title']}")
        for pin in report_pins:
            print(f"  report {pin['report']} {pin['km']:>5} km  {pin['location']}  | {pin['evidence'][:160]}")
    gazetteer.close()


if __name__ == "__main__":
    main()
