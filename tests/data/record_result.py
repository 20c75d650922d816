"""Record (or compute) the result of the main job on the examples and on dev-corpus reports.

``tests/test_recorded_result.py`` runs the pipeline as ``geo-incidents run --no-maps`` does, on
``examples/reports`` and on a fixed subset of ``../shared/data/dev-corpus/aleppo_video_titles.jsonl``,
and compares the store and the exports with ``recorded_result.json`` beside this script. Speed work
must never change that result; accuracy work that changes the output on purpose re-records it::

    python tests/data/record_result.py

and says so in the commit message.

The dev corpus is third-party text and never enters the repository: its rows keep ids, codes,
dates, place ids, rounded coordinates and precisions as they are, and every other text field
(evidence, titles, place names as written, …) only as a short sha256 digest. Our own examples are
recorded in full. Values are put in one canonical form whatever wrote them: rows sorted by key,
floats rounded to 6 decimals, dates as ISO text, geometries as WKT of coordinates rounded to 6
decimals; the run's own timestamps and random ids (the ``runs`` layer, ``articles.run_id``) are left out.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
RECORDED = Path(__file__).with_name("recorded_result.json")
EXAMPLES = REPO_ROOT / "examples" / "reports"
DEV_CORPUS = REPO_ROOT.parent / "shared" / "data" / "dev-corpus" / "aleppo_video_titles.jsonl"
RECORD_COMMAND = "python tests/data/record_result.py"

#: The fixed subset of the dev corpus: five consecutive lines of every 49 (500 of 4,900 lines), so that
#: reports of one day and place meet and merge, as they do in the whole archive.
DEV_EVERY, DEV_RUN = 49, 5
DIGITS = 6
DIGEST_CHARS = 16

#: Columns of dev-corpus rows kept as they are: ids, codes, dates, numbers, flags. Every other text
#: column may carry third-party text and is recorded as a digest.
PLAIN_COLUMNS = frozenset({
    "incident_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1", "actor2",
    "inter2", "country", "iso3", "admin1", "admin2", "latitude", "longitude", "geo_precision", "fatalities",
    "fatalities_low", "fatalities_high", "injured_low", "injured_high", "civilian_casualties", "status",
    "place_id", "evidence_start", "evidence_end", "article_ids", "confidence", "approximate_geometry",
    "corrected", "rejected", "geometry", "frontline_id", "side_a", "side_b", "valid_from", "valid_to", "method",
    "area_id", "side", "id", "kind", "published", "content_hash", "url", "origin",
    # ACLED CSV's own columns and OGR's
    "event_id_cnty", "iso", "year", "timestamp", "fid", "WKT",
})
#: Store layers compared (``runs`` holds only the run's timestamps and counts).
STORE_LAYERS = ("incidents", "road_closures", "frontlines", "control_areas", "places", "articles")
LEFT_OUT = {"articles": {"run_id"}}


def dev_subset(path: Path = DEV_CORPUS) -> list[str]:
    """The subset's lines, in corpus order."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for number, line in enumerate(lines) if number % DEV_EVERY < DEV_RUN]


def digest(value: str) -> str:
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def canonical_value(value, column: str, *, plain: bool):
    """One value in the recorded form (see the module docstring)."""
    import shapely
    from shapely.geometry.base import BaseGeometry

    if value is None:
        return None
    if isinstance(value, BaseGeometry):
        return None if value.is_empty else shapely.to_wkt(value, rounding_precision=DIGITS, trim=True)
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        value = value.item()
        if isinstance(value, bool):
            return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return round(value, DIGITS) + 0.0
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if not plain and text and column not in PLAIN_COLUMNS:
        return digest(text)
    return text


#: Row keys, the first a layer has: the store's ids, ACLED CSV's event id.
KEYS = ("incident_id", "event_id_cnty", "frontline_id", "area_id", "id")


def canonical_rows(records: list[dict], *, plain: bool, left_out=frozenset()) -> dict:
    """Rows keyed by their id, columns sorted, values canonical."""
    out = {}
    key = next((name for name in KEYS if records and name in records[0]), None)
    for number, record in enumerate(records):
        row = {column: canonical_value(value, column, plain=plain)
               for column, value in sorted(record.items()) if column not in left_out}
        out[str(row[key]) if key else f"row {number}"] = row
    return dict(sorted(out.items()))


def _frame_rows(frame) -> list[dict]:
    columns = list(frame.columns)
    return [dict(zip(columns, values, strict=True)) for values in frame.itertuples(index=False, name=None)]


def _short_origin(record: dict) -> dict:
    """Article origins name a file of the run's temporary folder: keep the file name and line."""
    origin = record.get("origin") or ""
    return {**record, "origin": Path(origin).name if origin else origin}


def row_digests(rows: dict) -> dict:
    """Each canonical row as a digest: the store's rows are recorded in full, an export's rows (the same
    values in another file format) only as digests, which keeps the recorded file small."""
    return {key: digest(json.dumps(row, ensure_ascii=False, sort_keys=True)) for key, row in rows.items()}


def store_result(store, *, plain: bool) -> dict:
    result = {}
    for name in STORE_LAYERS:
        rejected = {"rejected": True} if name in ("incidents", "road_closures") else {}
        records = _frame_rows(store.read(name, **rejected))
        if name == "articles":
            records = [_short_origin(record) for record in records]
        result[name] = canonical_rows(records, plain=plain, left_out=LEFT_OUT.get(name, set()))
    return result


def _csv_value(text: str):
    """CSV cells are text; numbers are compared as rounded numbers, so a float's last digit is not a change."""
    try:
        number = float(text)
    except ValueError:
        return text
    if text.strip().lstrip("-").isdigit():
        return text
    return None if math.isnan(number) else round(number, DIGITS) + 0.0


def exports_result(store_path: Path, out: Path, *, plain: bool) -> dict:
    """GeoJSON layers the run wrote, and the CSV and GeoPackage exports of the same store read back."""
    import pyogrio

    from geo_incidents.export import export

    result: dict[str, dict] = {}
    for path in sorted(out.glob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records = []
        import shapely.geometry

        for feature in data["features"]:
            geometry = feature.get("geometry")
            records.append({**feature["properties"],
                            "geometry": shapely.geometry.shape(geometry) if geometry else None})
        result[f"geojson/{path.name}"] = {
            "columns": sorted({column for record in records for column in record}),
            "rows": canonical_rows(records, plain=plain),
        }
    csv_dir, gpkg_dir = out / "export-csv", out / "export-gpkg"
    for path in sorted(export(str(store_path), "csv", csv_dir)):
        if path.suffix != ".csv":
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            records = [{column: _csv_value(value) for column, value in row.items()} for row in reader]
            columns = list(reader.fieldnames or [])
        result[f"csv/{path.name}"] = {"columns": columns,
                                      "rows": canonical_rows(records, plain=plain)}
    (gpkg,) = [path for path in export(str(store_path), "gpkg", gpkg_dir) if path.suffix == ".gpkg"]
    for name, _ in pyogrio.list_layers(gpkg):
        if name == "layer_styles":
            continue
        frame = pyogrio.read_dataframe(gpkg, layer=name)
        result[f"gpkg/{name}"] = {"columns": list(frame.columns),
                                  "rows": canonical_rows(_frame_rows(frame), plain=plain)}
    return result


def run_and_collect(inputs: list[Path], work: Path, *, plain: bool, full_exports: bool = False) -> dict:
    """Run the pipeline as ``geo-incidents run --no-maps`` does and collect the store and the exports
    (each export row as a digest of its canonical form, unless ``full_exports``)."""
    from geo_incidents.pipeline import STORE_NAME, run
    from geo_incidents.store import open_store

    out = work / "out"
    summary = run([str(path) for path in inputs], out, write_maps=False, progress=False)
    with open_store(str(out / STORE_NAME)) as store:
        stored = store_result(store, plain=plain)
    exports = exports_result(out / STORE_NAME, out, plain=plain)
    if not full_exports:
        exports = {name: {**layer, "rows": row_digests(layer["rows"])} for name, layer in exports.items()}
    return {
        "summary": {"articles_read": summary.articles_read, "articles_failed": len(summary.articles_failed),
                    "incidents_new": summary.incidents_new},
        "store": stored,
        "exports": exports,
    }


def compute(dev_corpus: Path = DEV_CORPUS, *, full_exports: bool = False) -> dict:
    """The whole result: the examples (recorded in full) and the dev-corpus subset (text as digests)."""
    with tempfile.TemporaryDirectory(prefix="gi-recorded-") as tmp:
        work = Path(tmp)
        examples = run_and_collect([EXAMPLES], work / "examples", plain=True, full_exports=full_exports)
        subset = work / "dev" / "aleppo_video_titles_subset.jsonl"
        subset.parent.mkdir(parents=True)
        subset.write_text("\n".join(dev_subset(dev_corpus)) + "\n", encoding="utf-8")
        dev = run_and_collect([subset], work / "dev", plain=False, full_exports=full_exports)
    return {"examples": examples, "dev_corpus": dev}


def dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    if not DEV_CORPUS.is_file():
        print(f"{DEV_CORPUS}: not found (the shared data folder sits beside the repository)", file=sys.stderr)
        return 1
    RECORDED.write_text(dumps(compute()), encoding="utf-8")
    print(f"recorded {RECORDED.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
