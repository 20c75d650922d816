"""The ``geo-incidents`` command as a user runs it: help, the main job, re-runs, bad input, exit codes."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, require

EXAMPLES = REPO_ROOT / "examples" / "reports"


def cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo_incidents", *args],
        input=stdin, capture_output=True, cwd=cwd or REPO_ROOT, timeout=600,
    )


def test_help_lists_every_command():
    result = cli("--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    for command in ("run", "extract", "map", "export", "gazetteer"):
        assert command in text


def test_usage_error_exits_2():
    assert cli("run").returncode == 2


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = cli("run", str(EXAMPLES), "--out", str(out))
    return out, result


def test_run_on_examples_writes_every_output(demo_run):
    out, result = demo_run
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""  # the summary is a message: stderr
    summary = result.stderr.decode()
    assert "articles read:" in summary and "places unresolved:" in summary
    for name in ("incidents.gpkg", "incidents.geojson", "road_closures.geojson", "frontlines.geojson"):
        assert (out / name).is_file(), name
    days = sorted(p.stem for p in (out / "maps").glob("????-??-??.html"))
    assert len(days) >= 3
    index = (out / "maps" / "index.html").read_text(encoding="utf-8")
    for day in days:
        assert f"{day}.html" in index


def test_rerun_is_idempotent(demo_run, tmp_path):
    out, _ = demo_run
    copy = tmp_path / "again"
    shutil.copytree(out, copy)
    before = _table_counts(copy / "incidents.gpkg")
    result = cli("run", str(EXAMPLES), "--out", str(copy), "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["incidents_new"] == 0
    after = _table_counts(copy / "incidents.gpkg")
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}


def test_broken_article_is_reported_and_the_rest_go_on(tmp_path):
    good = {
        "id": "g1", "title": "اشتباكات في حي الأشرفية بحلب", "published": "2025-12-24", "source": "test",
        "text": "اندلعت اشتباكات عنيفة اليوم في حي الأشرفية بمدينة حلب.",
    }
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({**good, "id": "g2"}, ensure_ascii=False)]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("run", str(path), "--out", str(tmp_path / "out"), "--no-maps")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    summary = result.stderr.decode()
    assert "articles read: 2" in summary
    assert "batch.jsonl:2" in summary
    quiet = cli("run", str(path), "--out", str(tmp_path / "out"), "--no-maps", "-q")
    assert quiet.returncode == 0 and "batch.jsonl:2" in quiet.stderr.decode()  # -q still names what was skipped


def test_nothing_processed_exits_1(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = cli("run", str(empty), "--out", str(tmp_path / "out"), "--quiet", "--no-maps")
    assert result.returncode == 1


def test_missing_input_is_a_clear_error(tmp_path):
    result = cli("run", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    assert "nope.txt" in result.stderr.decode()


def test_extract_reads_stdin(tmp_path):
    text = "قصف على مدينة سراقب\n\nتعرضت مدينة سراقب في ريف إدلب لقصف مدفعي اليوم.\n".encode()
    result = cli("extract", "-", "--published", "2025-12-25", stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines() if line.strip()]
    assert any(r["event_type"] == "Explosions/Remote violence" for r in records)
    assert any("سراقب" in (r["location"] or "") for r in records)


def test_extract_explains_what_it_left_out():
    # two list items of attacks in a month (an investigation's index), then one strike on one day
    text = ("- الغارات الجوية على الأسواق الشعبية في آذار 2018.\n"
            "- الهجمات بالبراميل المتفجرة على المدارس في نيسان 2018.\n\n"
            "وقصفت طائرات حربية صباح اليوم بلدة كفرنبل ما أدى إلى مقتل ثلاثة مدنيين.\n").encode()
    plain = cli("extract", "-", "--published", "2024-03-02", stdin=text)
    explained = cli("extract", "-", "--published", "2024-03-02", "--explain", stdin=text)
    assert explained.returncode == 0, explained.stderr.decode()
    assert explained.stdout == plain.stdout  # the incidents are the same; only stderr says more
    records = [json.loads(line) for line in plain.stdout.decode().splitlines() if line.strip()]
    assert [r["sub_event_type"] for r in records] == ["Air/drone strike"]
    said = [line for line in explained.stderr.decode().splitlines() if "left out" in line]
    assert "left out" not in plain.stderr.decode()
    assert len(said) == 2
    assert "الأسواق الشعبية" in said[0] and "المدارس" in said[1]
    assert all("specific incident:" in line and "list_item" in line for line in said)


def _table_counts(gpkg: Path) -> dict[str, int]:
    with sqlite3.connect(gpkg) as con:
        tables = [row[0] for row in con.execute("SELECT table_name FROM gpkg_contents")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.mark.browser
def test_map_command_offline_embed_and_png(demo_run, tmp_path):
    require(shutil.which("chromium") is not None, "Chromium (Debian package chromium)")
    out, _ = demo_run
    maps_dir = tmp_path / "mail"
    result = cli("map", str(out / "incidents.gpkg"), "--out", str(maps_dir), "--offline", "--embed", "--png", "640x480")
    assert result.returncode == 0, result.stderr.decode()
    days = sorted(p.stem for p in maps_dir.glob("????-??-??.html"))
    assert len(days) >= 3
    for day in days:
        page = (maps_dir / f"{day}.html").read_text(encoding="utf-8")
        assert "<script src=\"http" not in page and "assets/" not in page  # self-contained
        fragment = (maps_dir / "embed" / f"{day}.html").read_text(encoding="utf-8")
        assert fragment.startswith("<iframe") and "srcdoc=" in fragment
        png = (maps_dir / f"{day}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == 640


def test_map_command_rejects_a_bad_png_size(demo_run, tmp_path):
    out, _ = demo_run
    result = cli("map", str(out / "incidents.gpkg"), "--out", str(tmp_path / "x"), "--png", "big")
    assert result.returncode == 2
    assert "1200x800" in result.stderr.decode()
    assert not (tmp_path / "x").exists()  # refused before any work


def test_changed_article_replaces_its_incidents(tmp_path):
    def article(place: str) -> str:
        return json.dumps({
            "id": "a1", "published": "2025-12-24", "source": "test", "title": f"قصف على مدينة {place}",
            "text": f"تعرضت مدينة {place} لقصف مدفعي عنيف اليوم الأربعاء.",
        }, ensure_ascii=False)

    path = tmp_path / "one.jsonl"
    out = tmp_path / "out"
    path.write_text(article("سراقب") + "\n", encoding="utf-8")
    assert cli("run", str(path), "--out", str(out), "--quiet", "--no-maps").returncode == 0
    path.write_text(article("أريحا") + "\n", encoding="utf-8")  # the same article, corrected
    result = cli("run", str(path), "--out", str(out), "--quiet", "--no-maps")
    assert result.returncode == 0, result.stderr.decode()
    with sqlite3.connect(out / "incidents.gpkg") as con:
        locations = [row[0] for row in con.execute("SELECT location FROM incidents")]
    assert any("أريحا" in loc for loc in locations)
    assert not any("سراقب" in loc for loc in locations), locations
    # Re-extracting unchanged articles on demand keeps the store as it is.
    again = cli("run", str(path), "--out", str(out), "--quiet", "--no-maps", "--reextract")
    assert again.returncode == 0
    with sqlite3.connect(out / "incidents.gpkg") as con:
        assert [row[0] for row in con.execute("SELECT location FROM incidents")] == locations


def test_summary_names_the_places_it_could_not_resolve(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("قصف على حي الزنبقة\n\nتعرض حي الزنبقة في مدينة حلب لقصف مدفعي اليوم.\n", encoding="utf-8")
    result = cli("run", str(report), "--published", "2025-12-24", "--out", str(tmp_path / "out"), "--no-maps")
    assert result.returncode == 0, result.stderr.decode()
    assert "places unresolved: 1 — حي الزنبقة (1)" in result.stderr.decode()


@pytest.mark.parametrize("command", [["map", "--out", "maps"], ["export", "--format", "csv", "--out", "x.csv"]])
def test_reading_commands_never_create_a_store(tmp_path, command):
    missing = tmp_path / "typo.gpkg"
    result = cli(command[0], str(missing), *command[1:], cwd=tmp_path)
    assert result.returncode == 1
    assert "geo-incidents: error: " in result.stderr.decode()
    assert "typo.gpkg: no such store" in result.stderr.decode()
    assert not missing.exists()


def test_a_file_that_is_not_a_store_is_named(tmp_path):
    bad = tmp_path / "notes.gpkg"
    bad.write_text("not a database", encoding="utf-8")
    result = cli("map", str(bad), "--out", str(tmp_path / "maps"))
    assert result.returncode == 1
    assert "notes.gpkg: not a GeoPackage" in result.stderr.decode()
