"""The ``gazetteer`` command run through :func:`gazetteer.cli.main` and mounted in a parent CLI."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from gazetteer import Gazetteer
from gazetteer.cli import main, register
from gazetteer.store import IndexStore

from .conftest import CASTELLO, SMALL_PLACES


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "index.sqlite"
    gz = Gazetteer(IndexStore(path))
    gz.add([*SMALL_PLACES, CASTELLO])
    gz.close()
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_lookup_json_document(capsys, index_path):
    code, out, _ = run(capsys, "--index", index_path, "lookup", "الأشرفية", "--near", "حلب", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["query"] == "الأشرفية"
    first = doc["candidates"][0]
    assert first["id"] == "t:ashrafiyeh-aleppo"
    for key in ("name_ar", "kind", "lat", "lon", "precision", "score", "mappable_as_point", "approximate"):
        assert key in first
    assert first["kind"] == "neighbourhood" and first["precision"] == 1


def test_lookup_human_output(capsys, index_path):
    code, out, _ = run(capsys, "--index", index_path, "lookup", "سوريا")
    assert code == 0 and "t:syria" in out and "not mappable as a point" in out
    code, out, err = run(capsys, "--index", index_path, "lookup", "لا يوجد")
    assert code == 1 and "no place named" in err and out == ""


def test_find_from_stdin_json(capsys, index_path, monkeypatch):
    text = "اشتباكات عند دواري شيحان والليرمون بحلب"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, _ = run(capsys, "--index", index_path, "find", "-", "--json")
    assert code == 0
    mentions = json.loads(out)["mentions"]
    assert [m["candidates"][0]["id"] for m in mentions] == ["t:shihan-rb", "t:lairamoun-rb", "t:aleppo"]
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["surface"]
        assert set(m) == {"start", "end", "surface", "name", "cue", "candidates"}


def test_find_file_human_output(capsys, index_path, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("غارات على ريف حلب الشمالي", encoding="utf-8")
    code, out, _ = run(capsys, "--index", index_path, "find", path)
    assert code == 0 and "ريف حلب الشمالي" in out and "approximate" in out


def test_errors_and_exit_codes(capsys, index_path, tmp_path):
    assert run(capsys, "--index", index_path, "lookup")[0] == 2  # usage
    code, _, err = run(capsys, "--index", tmp_path / "missing.sqlite", "stats")
    assert code == 1 and "missing.sqlite" in err
    code, _, err = run(capsys, "--index", index_path, "find", tmp_path / "nope.txt")
    assert code == 1 and "nope.txt" in err
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = run(capsys, "--index", index_path, "find", bad)
    assert code == 1 and "not UTF-8" in err
    code, _, err = run(capsys, "--index", index_path, "import", "no-such-kind", bad)
    assert code == 2 and "unknown import kind" in err


def test_stats_json(capsys, index_path):
    code, out, _ = run(capsys, "--index", index_path, "stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["places"] == len(SMALL_PLACES) + 1 and stats["by_kind"]["road"] == 1


@pytest.mark.parametrize("fmt", ["geojson", "csv", "gpkg"])
def test_export(capsys, index_path, tmp_path, fmt):
    import pyogrio

    out_path = tmp_path / f"places.{fmt}"
    code, out, _ = run(capsys, "--index", index_path, "export", "--format", fmt, "--out", out_path)
    assert code == 0 and out_path.exists()
    if fmt == "csv":
        import pandas as pd

        table = pd.read_csv(out_path)
        assert len(table) == len(SMALL_PLACES) + 1 and "wkt" in table.columns
    else:
        frame = pyogrio.read_dataframe(out_path)
        assert len(frame) == len(SMALL_PLACES) + 1
        assert set(frame.geometry.geom_type) == {"Point", "LineString"}
    assert not list(tmp_path.glob("*.tmp*"))


def test_import_ocha_communities_into_an_index(capsys, tmp_path, shared_data):
    target = tmp_path / "ocha.sqlite"
    source = shared_data / "ocha" / "syr_admin4_point.geojson"
    code, out, err = run(capsys, "--index", target, "import", "ocha-communities", source)
    assert code == 0, err
    assert "imported" in err and out == ""
    gz = Gazetteer.open(target)
    assert len(gz) > 5000
    assert gz.lookup("عفرين")[0].place.id == "ocha:C1366"  # the town before the village of that name
    assert gz.lookup("حلب")[0].place.id == "ocha:C1007"


def test_import_table_with_column_mapping(capsys, tmp_path):
    csv_path = tmp_path / "places.csv"
    csv_path.write_text("pid,arabic,english,lat,lon\n1,قرية المثال,Example,36.1,37.1\n", encoding="utf-8")
    target = tmp_path / "table.sqlite"
    code, _, err = run(capsys, "--index", target, "import", "table", csv_path, "--map", "pid=id",
                       "--map", "arabic=name_ar", "--map", "english=name_en", "--map", "lat=lat",
                       "--map", "lon=lon", "--kind", "village")
    assert code == 0, err
    found = Gazetteer.open(target).lookup("قرية المثال")
    assert found and found[0].place.name_en == "Example"
    assert run(capsys, "--index", target, "import", "table", csv_path, "--map", "nonsense")[0] == 2


def test_import_table_id_prefix_and_alias_file(capsys, tmp_path):
    """Two tables whose rows share ids do not replace each other; an alias file adds names."""
    target = tmp_path / "tables.sqlite"
    mapping = ["--map", "pid=id", "--map", "arabic=name_ar", "--map", "lat=lat", "--map", "lon=lon"]
    first = tmp_path / "first_list.csv"
    first.write_text("pid,arabic,lat,lon\n1,قرية الأولى,36.1,37.1\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("pid,arabic,lat,lon\n1,قرية الثانية,36.2,37.2\n", encoding="utf-8")
    aliases = tmp_path / "aliases.json"
    aliases.write_text(json.dumps({"قرية الثانية": ["ضيعة الثانية"]}, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "--index", target, "import", "table", first, *mapping, "--kind", "village")
    assert code == 0, err
    code, _, err = run(capsys, "--index", target, "import", "table", second, *mapping, "--kind", "village",
                       "--id-prefix", "second", "--aliases", aliases)
    assert code == 0, err
    gz = Gazetteer.open(target)
    assert gz.get("first-list:1").name_ar == "قرية الأولى"
    assert gz.get("second:1").name_ar == "قرية الثانية"
    assert gz.lookup("ضيعة الثانية")[0].place.id == "second:1"
    gz.close()
    assert run(capsys, "--index", target, "import", "table", second, *mapping, "--id-prefix", "a:b")[0] == 2
    assert run(capsys, "--index", target, "import", "table", second, *mapping, "--aliases",
               tmp_path / "missing.json")[0] != 0
    assert run(capsys, "--index", target, "import", "curated", second, "--id-prefix", "x")[0] == 2
    code, _, err = run(capsys, "--index", target, "import", "curated", second, "--kind", "town")
    assert code == 2 and "table importer" in err


def test_mounted_in_a_parent_cli(capsys, index_path):
    parser = argparse.ArgumentParser(prog="geo-incidents")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    args = parser.parse_args(["gazetteer", "--index", str(index_path), "lookup", "بحلب", "--json"])
    assert args.handler(args) == 0
    assert json.loads(capsys.readouterr().out)["candidates"][0]["id"] == "t:aleppo"
