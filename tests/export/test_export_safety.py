"""Exports a spreadsheet cannot turn into formulas, that never overwrite the store, and hostile text shown safely."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from geo_incidents.export import ExportTargetError, export
from geo_incidents.pipeline import run
from geo_incidents.store import open_store
from tests.reliability.corpus import REPORTS

RLO = "\u202e"
HOSTILE = [
    {"id": "=HYPERLINK(\"http://x.example\",\"y\")", "source": "@SUM(1+1)", "url": "-2+3",
     "title": REPORTS[0][0],
     "text": REPORTS[0][1].replace("سراقب", f"سراقب {RLO}gpj_exe").replace("صباح", "صباح\r=1+1\r")},
    {"id": "+cmd", "source": "-1 TAB", "title": REPORTS[1][0], "text": REPORTS[1][1]},
]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps({**r, "published": "2025-12-24"}, ensure_ascii=False) for r in HOSTILE),
                    encoding="utf-8")
    out = folder / "out"
    run([path], out, progress=False)
    return out


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_cells_never_start_a_formula_and_rows_are_not_forged(hostile_run, tmp_path):
    [path] = export(hostile_run / "incidents.gpkg", "csv", tmp_path / "all.csv")
    rows = _rows(path)
    assert len(rows) == 2
    for row in rows:
        for name, value in row.items():
            assert not value.startswith(FORMULA), (name, value)
            assert RLO not in value
    assert any(row["event_id_cnty"] for row in rows)
    assert {row["source"] for row in rows} == {"'@SUM(1+1)", "'-1 TAB"}
    longitudes = [float(row["longitude"]) for row in rows]  # numbers stay numbers
    assert all(30 < x < 45 for x in longitudes)


def test_raw_csv_keeps_values_and_still_quotes_carriage_returns(hostile_run, tmp_path):
    [path] = export(hostile_run / "incidents.gpkg", "csv", tmp_path / "raw.csv", raw=True)
    rows = _rows(path)
    assert len(rows) == 2
    assert {row["source"] for row in rows} == {"@SUM(1+1)", "-1 TAB"}
    assert any("\r" in row["evidence"] for row in rows) or any(RLO in row["evidence"] for row in rows)


def test_direction_controls_removed_from_kml_and_pages_kept_in_the_store(hostile_run, tmp_path):
    [kml] = export(hostile_run / "incidents.gpkg", "kml", tmp_path / "x.kml")
    assert RLO not in kml.read_text(encoding="utf-8")
    pages = list((hostile_run / "maps").glob("*.html"))
    assert pages and all(RLO not in p.read_text(encoding="utf-8") for p in pages)
    with open_store(hostile_run / "incidents.gpkg", create=False) as store:
        evidence = "".join(store.read("incidents")["evidence"])
    assert RLO in evidence


def test_export_refuses_to_replace_the_store(hostile_run):
    store = hostile_run / "incidents.gpkg"
    before = store.read_bytes()
    with pytest.raises(ExportTargetError, match="store"):
        export(store, "gpkg", hostile_run)
    with pytest.raises(ExportTargetError, match="store"):
        export(store, "csv", store)
    assert store.read_bytes() == before
    with open_store(store, create=False) as opened:
        assert len(opened.read("articles")) == 2


def test_export_beside_a_store_writes_new_names_and_its_own_files_only(hostile_run):
    mine = hostile_run / "notes.csv"
    mine.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(ExportTargetError, match="did not"):
        export(hostile_run / "incidents.gpkg", "csv", mine)
    assert mine.read_text(encoding="utf-8") == "my notes\n"
    export(hostile_run / "incidents.gpkg", "csv", hostile_run / "new-name.csv")
    export(hostile_run / "incidents.gpkg", "geojson", hostile_run)  # the run's own files: replaced
    assert (hostile_run / "new-name.csv").exists()


def test_run_refuses_a_foreign_geopackage_without_touching_it(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    foreign = out / "incidents.gpkg"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA application_id = 1196444487")
    conn.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT)")
    conn.execute("CREATE TABLE parcels (fid INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO gpkg_contents VALUES ('parcels', 'attributes')")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": REPORTS[0][0], "text": REPORTS[0][1]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="not an incident store"):
        run([path], out, progress=False, write_maps=False)
    assert foreign.read_bytes() == before
