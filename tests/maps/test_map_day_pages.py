"""Day pages at archive scale: drawn from one pass over all incidents, the same pages as one render per day,
the same bytes on every run, and a re-run rewrites only the pages whose content changed."""

from __future__ import annotations

import os
from datetime import date, timedelta

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon

import maps
from maps.manifest import MANIFEST_NAME
from maps.pages import day_slices
from tests.maps.map_samples import frame, incident

START = date(2025, 3, 1)
SIDES = [("Asayish", "الأسايش"), ("Syrian government forces", "القوات الحكومية"), ("SDF", "قسد")]


def _archive(days: int = 12) -> gpd.GeoDataFrame:
    """A few incidents a day, some unlocated, one polygon, one hostile sentence, one undated."""
    rows = []
    for d in range(days):
        for k in range(1 + d % 4):
            geometry = Point(37.0 + 0.01 * d, 36.0 + 0.01 * k) if (d + k) % 7 else None
            rows.append(incident(f"i-{d}-{k}", ["Battles", "Protests", "Explosions/Remote violence"][k % 3],
                                 geometry, day=START + timedelta(days=d), actors=(SIDES[k % 3], SIDES[(k + 1) % 3]),
                                 evidence=f"نص {d}-{k} </script><b>x</b>"))  # fmt: skip
    rows.append(incident("area", "Battles", Polygon([(37, 36), (37.1, 36), (37.1, 36.1)]), day=START))
    rows.append(incident("undated", "Battles", Point(37, 36), day=None))
    return frame(rows)


def _closures() -> gpd.GeoDataFrame:
    line = LineString([(37.0, 36.0), (37.1, 36.1)])
    return frame([incident("c1", "Road closure", line, day=START + timedelta(days=2), status="closed", location="R"),
                  incident("c2", "Road closure", line, day=START + timedelta(days=6), status="reopened",
                           location="R")])  # fmt: skip


def _control() -> gpd.GeoDataFrame:
    area = Polygon([(37.0, 36.0), (37.2, 36.0), (37.2, 36.2), (37.0, 36.2)])
    return gpd.GeoDataFrame({"actor": ["Asayish"], "valid_from": [START + timedelta(days=3)],
                             "valid_to": [START + timedelta(days=5)]}, geometry=[area], crs="EPSG:4326")  # fmt: skip


def _write(incidents, out, **options):
    frontlines = maps.estimate_frontlines(incidents)
    return maps.write_day_pages(incidents, out, closures=_closures(), frontlines=frontlines, control=_control(),
                                title="حلب", **options)  # fmt: skip


def test_day_pages_are_the_pages_of_one_render_per_day(tmp_path):
    incidents = _archive()
    frontlines = maps.estimate_frontlines(incidents)
    assert len(frontlines)  # the days' pages carry frontlines too
    pages = _write(incidents, tmp_path)
    palette = maps.style.actor_palette(incidents, _control())
    slices = list(day_slices(incidents, _closures(), frontlines, _control()))
    assert [s.day for s in slices] == sorted(pages.days)
    for part in slices:
        alone = maps.render(part.incidents, part.closures, part.frontlines, part.control, title="حلب",
                            date_label=part.day, palette=palette)  # fmt: skip
        assert pages.days[part.day].read_text(encoding="utf-8") == maps.page_html(alone), part.day
    overview = maps.render(incidents.assign(evidence=""), _closures(), frontlines, _control(), title="حلب",
                           palette=palette, colour_by="type", day_links=True, minimap=False,
                           date_label=f"{min(pages.days)} – {max(pages.days)}")  # fmt: skip
    assert pages.overview.read_text(encoding="utf-8") == maps.page_html(overview)
    timeline = maps.render(incidents, _closures(), frontlines, _control(), title="حلب", palette=palette,
                           timeline=True)  # fmt: skip
    assert pages.timeline.read_text(encoding="utf-8") == maps.page_html(timeline)


def test_a_map_makes_the_same_page_every_time():
    incidents = _archive(3)
    first, second = (maps.page_html(maps.render(incidents, title="x")) for _ in range(2))
    assert first == second
    assert "map_" in first


def _stamps(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.html")}


def test_rerun_rewrites_only_changed_pages(tmp_path):
    incidents = _archive()
    pages = _write(incidents, tmp_path)
    before = _stamps(tmp_path)
    index = pages.index.read_text(encoding="utf-8")
    again = _write(incidents, tmp_path)
    assert _stamps(tmp_path) == before  # nothing written: neither day pages nor index, overview, timeline
    assert again.days == pages.days and again.counts == pages.counts
    assert again.index.read_text(encoding="utf-8") == index

    # a new incident on one day: that day's page, the overview, the timeline and the index change
    day = START + timedelta(days=4)
    more = pd.concat([incidents, frame([incident("new", "Riots", Point(37.3, 36.3), day=day)])], ignore_index=True)
    third = _write(more, tmp_path)
    after = _stamps(tmp_path)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {f"{day}.html", "overview.html", "timeline.html", "index.html"}
    assert third.counts[day.isoformat()]["Riots"] == 1
    assert "Riots" in third.index.read_text(encoding="utf-8")
    assert '"new"' in (tmp_path / f"{day}.html").read_text(encoding="utf-8")


def test_missing_or_edited_pages_are_written_again(tmp_path):
    incidents = _archive()
    pages = _write(incidents, tmp_path)
    first, second = sorted(pages.days.values())[:2]
    good = second.read_text(encoding="utf-8")
    first.unlink()
    second.write_text("edited by hand", encoding="utf-8")
    _write(incidents, tmp_path)
    assert first.is_file()
    assert second.read_text(encoding="utf-8") == good

    import shutil

    shutil.rmtree(tmp_path / "assets")
    (tmp_path / "index.html").unlink()
    again = _write(incidents, tmp_path)
    assert (tmp_path / "assets" / "leaflet" / "leaflet.js").is_file()
    assert again.days == pages.days
    assert f'<a href="{first.name}">' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_pages_of_days_without_incidents_any_more_are_removed(tmp_path):
    """A day that no longer has anything to show loses its page; a page edited by hand since is left alone."""
    incidents = _archive(6)
    pages = _write(incidents, tmp_path)
    last, edited = (pages.days[(START + timedelta(days=k)).isoformat()] for k in (4, 5))
    edited.write_text("kept by hand", encoding="utf-8")
    days = pd.to_datetime(incidents["event_date"]).dt.date
    fewer = incidents[(days != START + timedelta(days=4)) & (days != START + timedelta(days=5))]
    again = _write(fewer, tmp_path)
    assert last.name[:10] not in again.days and not last.exists()
    assert edited.read_text(encoding="utf-8") == "kept by hand"
    assert f'href="{last.name}"' not in again.index.read_text(encoding="utf-8")
    assert all(path.is_file() for path in again.days.values())


@pytest.mark.parametrize("damage", ["not json", '{"format": 1, "renderer": "other", "pages": {}}', '[1, 2]'])
def test_a_damaged_or_foreign_manifest_means_every_page_is_written(tmp_path, damage):
    incidents = _archive(4)
    pages = _write(incidents, tmp_path)
    (tmp_path / MANIFEST_NAME).write_text(damage, encoding="utf-8")
    old = {p: p.stat().st_mtime_ns for p in pages.days.values()}
    for path in old:
        os.utime(path, ns=(1, 1))
    _write(incidents, tmp_path)
    assert all(path.stat().st_mtime_ns != 1 for path in old)


def test_other_asset_mode_or_title_rewrites_the_pages(tmp_path):
    incidents = _archive(4)
    pages = _write(incidents, tmp_path)
    page = sorted(pages.days.values())[0]
    assert "assets/leaflet/leaflet.js" in page.read_text(encoding="utf-8")
    _write(incidents, tmp_path, assets="offline")
    assert "assets/leaflet/leaflet.js" not in page.read_text(encoding="utf-8")
    maps.write_day_pages(incidents, tmp_path, assets="offline", title="دمشق")
    assert "<title>دمشق – " in page.read_text(encoding="utf-8")


def test_day_pages_compile_no_template_per_element(tmp_path, monkeypatch):
    """folium's own way compiles each element's output as a new Jinja template on every page."""
    import jinja2

    compiled = []
    original = jinja2.Environment.compile

    def compile_and_count(self, source, *args, **kwargs):
        compiled.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_count)
    pages = _write(_archive(), tmp_path, timeline=False)
    # branca's Figure compiles its one <meta> line per map; nothing else is compiled per page
    assert len(compiled) <= len(pages.days) + 1
    assert {str(s) for s in compiled} <= {'<meta http-equiv="content-type" content="text/html; charset=UTF-8" />'}


def test_a_failed_page_write_fails_the_run_and_records_nothing(tmp_path, monkeypatch):
    incidents = _archive(6)
    real = maps.pages.write_bytes_atomic

    def full_disk(path, data, **kwargs):
        if path.name == f"{START + timedelta(days=3)}.html":
            raise OSError(28, "No space left on device")
        return real(path, data, **kwargs)

    monkeypatch.setattr(maps.pages, "write_bytes_atomic", full_disk)
    with pytest.raises(OSError, match="No space"):
        _write(incidents, tmp_path)
    assert not (tmp_path / MANIFEST_NAME).exists() and not (tmp_path / "index.html").exists()
    monkeypatch.setattr(maps.pages, "write_bytes_atomic", real)
    pages = _write(incidents, tmp_path)  # the next run writes everything
    assert all(path.is_file() for path in pages.days.values()) and pages.index.is_file()
