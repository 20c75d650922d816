"""Every hostile or damaged file of the integrity report, through the real CLI, beside good files."""

from __future__ import annotations

import csv
import json
import os
import sqlite3

import pytest

from tests.reliability.corpus import REPORTS, jsonl
from tests.reliability.helpers import cli, store_state

pytestmark = pytest.mark.slow
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    good = folder / "good.jsonl"
    good.write_text(jsonl(REPORTS[:3], "2025-12-24"), encoding="utf-8")
    files = {
        "nested.jsonl": ("[" * 100_000 + "\n" + jsonl(REPORTS[3:4], "2025-12-24")).encode(),
        "stray-byte.txt": (REPORTS[4][0] + "\n\n" + REPORTS[4][1]).encode().replace(b" ", b" \xff", 1),
        "mojibake.txt": (REPORTS[5][0] + "\n\n" + REPORTS[5][1]).encode().decode("cp1256", "replace").encode(),
        "types.jsonl": "\n".join(json.dumps(r, ensure_ascii=False) for r in (
            {"id": {"a": 1}, "title": REPORTS[0][0]}, {"title": ["a", "b"], "text": "x"})).encode(),
        "huge.jsonl": json.dumps({"title": REPORTS[1][0], "text": "كلمة " * 50_000},
                                 ensure_ascii=False).encode() + b"\n",
        "formula.jsonl": json.dumps({"id": "=1+1", "source": "@SUM(A1)", "url": "+x", "title": REPORTS[2][0],
                                     "text": REPORTS[2][1].replace("صباح", "صباح\r-2+3\r\u202e"),
                                     "published": "2025-12-25"}, ensure_ascii=False).encode() + b"\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    out = folder / "out"
    result = cli("run", folder, folder / "missing.jsonl", "-", "--out", out, "-q", "--no-maps",
                 "--max-article-bytes", "100000", preexec_fn=lambda: os.close(0))  # stdin closed
    return folder, out, result


def test_good_articles_land_and_each_bad_one_is_named(hostile):
    folder, out, result = hostile
    stderr = result.stderr.decode()
    assert result.returncode == 1  # an input path was missing
    assert "missing.jsonl" in stderr and "<stdin>" in stderr
    assert f"{folder / 'nested.jsonl'}:1" in stderr and "nested too deeply" in stderr
    assert "garbled" in stderr and "mojibake.txt" in stderr
    assert "id must be a string" in stderr and "title must be a string" in stderr
    assert "huge.jsonl" in stderr and "--max-article-bytes" in stderr
    assert "stray-byte.txt" in stderr and "byte offset" in stderr
    state = store_state(out / "incidents.gpkg")
    # good.jsonl (3), nested.jsonl's good line, the stray-byte text and the formula article
    assert len(state["articles"]) == 6
    locations = {row[3] for row in state["incidents"]}
    assert {"سراقب", "الباب"} <= locations


def test_csv_read_back_holds_no_formula_cell(hostile, tmp_path):
    _, out, _ = hostile
    cli("export", out / "incidents.gpkg", "--format", "csv", "--out", tmp_path / "x.csv", check=True)
    with open(tmp_path / "x.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert len(body) == len(store_state(out / "incidents.gpkg")["incidents"])
    assert all(len(row) == len(header) for row in body)
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA), cell
            assert "\u202e" not in cell


def test_export_into_the_run_folder_never_replaces_the_store(hostile):
    _, out, _ = hostile
    before = store_state(out / "incidents.gpkg")
    result = cli("export", out / "incidents.gpkg", "--format", "gpkg", "--out", out)
    assert result.returncode != 0 and "store" in result.stderr.decode()
    assert store_state(out / "incidents.gpkg") == before
    cli("run", out.parent / "good.jsonl", "--out", out, "-q", "--no-maps", check=True)  # still a working store


def test_run_refuses_a_foreign_geopackage(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    foreign = out / "incidents.gpkg"
    with sqlite3.connect(foreign) as conn:
        conn.execute("PRAGMA application_id = 1196444487")
        conn.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT)")
        conn.execute("CREATE TABLE roads (fid INTEGER PRIMARY KEY, name TEXT)")
    before = foreign.read_bytes()
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl(REPORTS[:1]), encoding="utf-8")
    result = cli("run", good, "--out", out, "-q", "--no-maps")
    assert result.returncode == 1 and "not an incident store" in result.stderr.decode()
    assert foreign.read_bytes() == before
