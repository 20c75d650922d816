"""The one command line, as a table: every sub-command with every common flag in either position, and a bad
value of every option refused with exit 2 and one ``geo-incidents: error:`` line before any work."""

from __future__ import annotations

import json
import math

import pytest

from geo_incidents.cli import main
from tests.conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples" / "reports"
REPORT = EXAMPLES / "2025-12-23_aleppo_ashrafieh_clashes.txt"


def strict_json(text: str):
    """json.loads that refuses NaN, Infinity and -Infinity, which are not JSON."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("table")
    assert main(["run", str(EXAMPLES), "--out", str(out), "--no-maps", "-q"]) == 0
    return out / "incidents.gpkg"


def commands(store, tmp) -> dict[str, list[str]]:
    """Sub-command -> arguments of a run that succeeds."""
    return {
        "run": ["run", str(REPORT), "--out", str(tmp / "run"), "--no-maps"],
        "extract": ["extract", str(REPORT)],
        "map": ["map", str(store), "--out", str(tmp / "maps"), "--no-by-day"],
        "export": ["export", str(store), "--format", "geojson", "--out", str(tmp / "x.geojson")],
        "gazetteer lookup": ["gazetteer", "lookup", "حلب", "--limit", "2"],
        "gazetteer find": ["gazetteer", "find", str(REPORT)],
        "gazetteer stats": ["gazetteer", "stats"],
    }


@pytest.mark.parametrize("flag", ["-v", "-q", "--json"])
@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("name", ["run", "extract", "map", "export", "gazetteer lookup", "gazetteer find",
                                  "gazetteer stats"])
def test_every_sub_command_takes_every_common_flag_anywhere(store, tmp_path, capsys, name, flag, position):
    argv = commands(store, tmp_path)[name]
    argv = [flag, *argv] if position == "before" else [*argv, flag]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    if flag == "--json":
        if name == "extract":
            assert [strict_json(line) for line in out.splitlines()]
        else:
            strict_json(out)
    if flag == "-q":
        assert err == "", err
    if flag == "-v" and name in ("run", "map", "export"):
        assert err.strip()  # what was done is said, on stderr …
        assert name == "export" or out == ""  # … and only data goes to stdout (export: the files written)


BAD = [
    ["run", str(REPORT), "--out", "{tmp}/o", "--published", "24/12/2025"],
    ["run", str(REPORT), "--out", "{tmp}/o", "--tiles", "google"],
    ["run", str(REPORT), "--out", "{tmp}/o", "--db", "mysql://somewhere/db"],
    ["run", str(REPORT)],
    ["run", str(REPORT), "--out", "{tmp}/o", "-v", "-q"],
    ["run", str(REPORT), "--out", str(REPORT)],
    ["map", "{store}", "--out", str(REPORT)],
    ["run", str(REPORT), "--out", "{tmp}/o", "--workers", "0"],
    ["run", str(REPORT), "--out", "{tmp}/o", "--max-article-bytes", "lots"],
    ["extract", str(REPORT), "--published", "yesterday"],
    ["extract", str(REPORT), "--format", "xml"],
    ["extract", str(REPORT), "--format", "csv", "--json"],
    ["map", "{store}", "--out", "{tmp}/o", "--png", "big"],
    ["map", "{store}", "--out", "{tmp}/o", "--tiles", "google"],
    ["map", "{store}", "--out", "{tmp}/o", "--frontlines", "{tmp}/missing.geojson"],
    ["map", "{store}", "--out", "{tmp}/o", "--control", "{tmp}/missing.geojson"],
    ["map", "{store}", "--out", "{tmp}/o", "--by-day", "--offline", "--cdn"],
    ["export", "{store}", "--format", "shp", "--out", "{tmp}/o"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--from", "2025-13-01"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--to", "31.12.2025"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--from", "2025-12-31", "--to", "2025-12-01"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--type", "Battle"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--sub-type", "picnic"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--actor", "Martians"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--admin1", "Atlantis"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--bbox", "1,2,3"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--bbox", "40,30,35,37"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--max-geo-precision", "4"],
    ["export", "{store}", "--format", "csv", "--out", "{tmp}/o.csv", "--min-precision", "2"],
    ["export", "{store}", "--format", "gpkg", "--out", "{tmp}/o.gpkg", "--wkt"],
    ["export", "{store}", "--format", "geojson", "--out", "{tmp}/o.geojson", "--excel"],
    ["gazetteer", "lookup", "حلب", "--limit", "0"],
    ["gazetteer", "export", "--format", "shp", "--out", "{tmp}/o.shp"],
    ["gazetteer", "export", "--format", "geojson", "--out", "{tmp}/o.geojson", "--excel"],
    ["gazetteer", "import", "no-such-kind", str(REPORT)],
    ["frobnicate"],
]


@pytest.mark.parametrize("argv", BAD, ids=[" ".join(a[:1] + a[3:] if a[0] != "gazetteer" else a[:3]) for a in BAD])
def test_a_bad_value_of_every_option_is_a_usage_error_before_any_work(store, tmp_path, capsys, argv):
    argv = [a.format(tmp=tmp_path, store=store) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert err.count("geo-incidents: error: ") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_nothing_found_exits_1_and_says_so(store, tmp_path, capsys):
    assert main(["gazetteer", "lookup", "ززززز", "--no-fuzzy"]) == 1
    assert "no place named" in capsys.readouterr().err
    argv = ["export", str(store), "--format", "csv", "--out", str(tmp_path / "x.csv"), "--from", "2031-01-01"]
    assert main(argv) == 1
    assert "keep no incident" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()
    empty = tmp_path / "empty.txt"
    empty.write_text("عنوان\n\nنص لا حادثة فيه.\n", encoding="utf-8")
    assert main(["extract", str(empty)]) == 1


def test_db_runs_name_the_database_not_a_geopackage(tmp_path, capsys, postgis_schema):
    assert main(["run", str(REPORT), "--out", str(tmp_path / "o"), "--no-maps", "--db", postgis_schema, "--json"]) == 0
    summary = strict_json(capsys.readouterr().out)
    assert not summary["outputs"]["store"].endswith(".gpkg")
    assert not (tmp_path / "o" / "incidents.gpkg").exists()


def test_extract_writes_strict_json_lines_geojson_and_csv(capsys):
    import csv
    import io

    assert main(["extract", str(EXAMPLES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [strict_json(line) for line in lines]  # every line, no NaN / NaT
    assert len(records) >= 20
    for record in records:
        for key, value in record.items():
            assert value is None or isinstance(value, str | int | float | bool), (key, value)
            assert not (isinstance(value, float) and math.isnan(value))
            assert value != "NaT"
        assert record["inter2"] is None or isinstance(record["inter2"], int)
        assert record["country"] in ("Syria", "") and record["iso3"] in ("SYR", "")
    assert main(["extract", str(EXAMPLES), "--format", "geojson"]) == 0
    doc = strict_json(capsys.readouterr().out)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(records) and "crs" not in doc
    assert main(["extract", str(EXAMPLES), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["event_id_cnty"] for r in rows] == [r["incident_id"] for r in records]


def test_long_steps_show_progress_on_a_terminal(store, tmp_path):
    """Day pages, exports and (without -q) nothing on stdout: bars go to a terminal's stderr only."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    def on_a_terminal(*argv: str) -> str:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal's size
        result = subprocess.run([sys.executable, "-m", "geo_incidents", *argv], stdout=subprocess.PIPE,
                                stderr=slave, timeout=600, cwd=REPO_ROOT)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        assert result.returncode == 0
        return b"".join(chunks).decode("utf-8", "replace")

    assert "day pages" in on_a_terminal("map", str(store), "--out", str(tmp_path / "maps"))
    assert "geojson export" in on_a_terminal("export", str(store), "--format", "geojson", "--out", str(tmp_path / "x"))
    assert "day pages" not in on_a_terminal("map", str(store), "--out", str(tmp_path / "m2"), "-q")


def test_map_by_day_or_one_page(store, tmp_path, capsys):
    assert main(["map", str(store), "--out", str(tmp_path / "days"), "--json"]) == 0
    doc = strict_json(capsys.readouterr().out)
    assert len(doc["pages"]) >= 3 and all(p.endswith(".html") for p in doc["pages"])
    assert (tmp_path / "days" / "index.html").is_file() and not (tmp_path / "days" / "map.html").exists()
    assert main(["map", str(store), "--out", str(tmp_path / "one"), "--no-by-day", "--json"]) == 0
    doc = strict_json(capsys.readouterr().out)
    assert doc["pages"] == [str(tmp_path / "one" / "map.html")]
    assert not list((tmp_path / "one").glob("????-??-??.html"))
