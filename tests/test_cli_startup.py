"""Start-up: ``geo-incidents --help`` (and each sub-command's) loads no heavy library.

pandas, geopandas, shapely, numpy, pyogrio and folium cost most of a second to import; the command
line imports them inside the commands that need them. Checked on ``sys.modules`` in a fresh
interpreter, not by timing (the machine may be busy).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "geopandas", "shapely", "numpy", "pyogrio", "folium", "pyproj", "wordfreq", "ahocorasick")

PROBE = """
import contextlib, io, json, sys
from geo_incidents.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps({"help": out.getvalue(), "loaded": sorted(m for m in HEAVY if m in sys.modules)}))
""".replace("HEAVY", repr(HEAVY))


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["extract", "--help"], ["export", "--help"],
                                  ["correct", "--help"], ["gazetteer", "--help"], ["map", "--help"]])
def test_help_imports_no_heavy_library(argv):
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert "usage: geo-incidents" in result["help"]
    assert result["loaded"] == []


def test_lazy_package_names_still_resolve():
    """The names the packages offer load on first use and are the real objects."""
    from gazetteer import Gazetteer, normalize
    from gazetteer.gazetteer import Gazetteer as Direct
    from geo_incidents.corrections import CorrectionError
    from geo_incidents.corrections.actions import CorrectionError as DirectError
    from geo_incidents.export import ExportFilters, ExportTargetError
    from geo_incidents.export.filters import ExportFilters as DirectFilters
    from geo_incidents.export.targets import ExportTargetError as DirectTargetError

    assert Gazetteer is Direct and callable(normalize) and normalize("أ") == "ا"
    assert CorrectionError is DirectError
    assert ExportFilters is DirectFilters and ExportTargetError is DirectTargetError


def test_run_without_maps_loads_no_map_renderer(tmp_path):
    """``run --no-maps`` estimates frontlines (``maps.frontlines``) but never loads folium or branca."""
    report = tmp_path / "one.txt"
    report.write_text("---\npublished: 2025-12-24\n---\nاشتباكات عنيفة في حي الأشرفية بمدينة حلب\n", encoding="utf-8")
    probe = PROBE.replace(repr(HEAVY), '("folium", "branca")').replace(
        '"help": out.getvalue(), ', '"frontlines": "maps.frontlines" in sys.modules, ')
    done = subprocess.run([sys.executable, "-c", probe, "run", str(report), "--out", str(tmp_path / "out"),
                           "--no-maps", "-q"], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (tmp_path / "out" / "incidents.gpkg").exists()
    assert result == {"frontlines": True, "loaded": []}


def test_maps_names_load_on_first_use():
    """The names ``maps`` offers load on first use and are the real objects, whatever was imported first."""
    import maps
    from maps.pages import write_day_pages
    from maps.renderer import render

    assert maps.render is render and maps.write_day_pages is write_day_pages
    assert callable(maps.style.actor_palette)  # a submodule as an attribute loads too
    with pytest.raises(AttributeError):
        maps.no_such_name  # noqa: B018


def _loaded_after(argv: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has loaded after running the command line on ``argv``."""
    probe = PROBE.replace(repr(HEAVY), repr(modules)).replace('"help": out.getvalue(), ', "")
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["loaded"]


TABLES = ("pandas", "geopandas", "pyogrio", "pyproj", "folium", "branca")


def test_extract_of_a_report_loads_no_table_library(tmp_path):
    """``extract`` prints its JSON lines without pandas or geopandas (a fifth of a second of start-up)."""
    report = tmp_path / "one.txt"
    report.write_text("---\npublished: 2025-12-24\n---\nاشتباكات عنيفة في حي الأشرفية بمدينة حلب\n", encoding="utf-8")
    assert _loaded_after(["extract", str(report), "-q"], TABLES) == []


def test_rerun_of_unchanged_input_loads_neither_gazetteer_nor_tables(tmp_path):
    """A re-run that finds every article stored already extracts nothing: no gazetteer, no tables loaded,
    and the exports stay as they were."""
    report = tmp_path / "one.txt"
    report.write_text("---\npublished: 2025-12-24\n---\nاشتباكات عنيفة في حي الأشرفية بمدينة حلب\n", encoding="utf-8")
    argv = ["run", str(report), "--out", str(tmp_path / "out"), "--no-maps", "-q"]
    subprocess.run([sys.executable, "-m", "geo_incidents", *argv], check=True, capture_output=True)
    stamp = (tmp_path / "out" / ".geo-incidents-outputs.json").read_text(encoding="utf-8")
    heavy = (*TABLES, "numpy", "shapely", "gazetteer.gazetteer", "geo_incidents.extraction")
    assert _loaded_after(argv, heavy) == []
    assert (tmp_path / "out" / ".geo-incidents-outputs.json").read_text(encoding="utf-8") == stamp
    report.write_text(report.read_text(encoding="utf-8") + "\nقصف مدفعي على حي الشعار\n", encoding="utf-8")
    assert "gazetteer.gazetteer" in _loaded_after(argv, heavy)  # a changed report is extracted again


def test_first_run_of_a_report_loads_no_table_library(tmp_path):
    """A first ``run`` of a few reports writes its store, GeoJSON and styles from records: no pandas, geopandas,
    pyogrio, pyproj or pyarrow (most of a small run's start-up); the store and the GeoJSON hold the clash."""
    report = tmp_path / "one.txt"
    report.write_text("---\npublished: 2025-12-24\n---\nاشتباكات عنيفة في حي الأشرفية بمدينة حلب\n", encoding="utf-8")
    argv = ["run", str(report), "--out", str(tmp_path / "out"), "--no-maps", "-q"]
    assert _loaded_after(argv, (*TABLES, "pyarrow")) == []
    geojson = json.loads((tmp_path / "out" / "incidents.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["event_type"] for f in geojson["features"]] == ["Battles"]
    assert (tmp_path / "out" / "incidents.qml").exists() and (tmp_path / "out" / "incidents.gpkg").exists()


def test_first_run_with_maps_loads_no_table_or_map_library(tmp_path):
    """A first ``run`` of a report with its day pages reads the store as plain columns and writes the pages from
    our own text of folium's page: no pandas, geopandas, pyogrio, pyproj, folium, branca or Jinja (what made
    a small run's start-up with maps most of a second). The page of the clash's day is written."""
    report = tmp_path / "one.txt"
    report.write_text("---\npublished: 2025-12-24\n---\nاشتباكات عنيفة في حي الأشرفية بمدينة حلب\n", encoding="utf-8")
    argv = ["run", str(report), "--out", str(tmp_path / "out"), "-q"]
    assert _loaded_after(argv, (*TABLES, "pyarrow", "jinja2")) == []
    page = (tmp_path / "out" / "maps" / "2025-12-24.html").read_text(encoding="utf-8")
    assert "GI.incidentLayer(" in page and "الأشرفية" in page
    assert (tmp_path / "out" / "maps" / "index.html").exists()
