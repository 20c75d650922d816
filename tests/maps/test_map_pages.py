"""Pages without a browser: asset modes, page structure, day slicing, index, embed."""

import html
import re
from datetime import date

import pytest
from shapely.geometry import LineString, Point

import maps
from maps.pages import day_slices
from tests.maps.map_samples import frame, incident

EXTERNAL_SRC = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)
LEFTOVERS = ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "cdn.", "glyphicons")


@pytest.fixture(scope="module")
def seed_map(seed_incidents, seed_closures):
    return maps.render(seed_incidents, seed_closures, maps.estimate_frontlines(seed_incidents),
                       title="اشتباكات شمال حلب", date_label="2025-12-24")  # fmt: skip


def test_offline_page_is_self_contained(seed_map, tmp_path):
    page = maps.write_page(seed_map, tmp_path / "offline.html", assets="offline")
    text = page.read_text(encoding="utf-8")
    assert not EXTERNAL_SRC.search(text)
    assert "gi-asset:" not in text
    assert not [word for word in LEFTOVERS if word in text.lower()]
    assert not (tmp_path / "assets").exists()
    # Leaflet's control images are inlined, not linked
    assert "url(data:image/png;base64," in text
    assert not re.search(r"url\((?!data:)['\"]?[^)'\"]+\.png", text)


def test_local_page_links_shared_assets_that_exist(seed_map, tmp_path):
    page = maps.write_page(seed_map, tmp_path / "day.html", assets="local")
    text = page.read_text(encoding="utf-8")
    assert not EXTERNAL_SRC.search(text)
    links = re.findall(r'(?:src|href)="(assets/[^"]+)"', text)
    assert any(link.endswith("leaflet.js") for link in links)
    assert any(link.endswith("leaflet.markercluster.js") for link in links)
    for link in links:
        assert (tmp_path / link).is_file(), link
    assert (tmp_path / "assets" / "leaflet" / "images" / "layers.png").is_file()
    assert len(text.encode()) < len(maps.page_html(seed_map, assets="offline").encode()) / 3


def test_cdn_page_links_public_cdns(seed_map):
    text = maps.page_html(seed_map, assets="cdn")
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>' in text
    assert not [word for word in ("jquery", "bootstrap", "font-awesome") if word in text.lower()]


def test_unknown_asset_mode_is_refused(seed_map, tmp_path):
    with pytest.raises(ValueError, match="assets must be one of"):
        maps.write_page(seed_map, tmp_path / "x.html", assets="inline")


def test_page_is_arabic_utf8_with_title(seed_map):
    text = maps.page_html(seed_map, assets="offline")
    assert text.startswith('<!DOCTYPE html>\n<html lang="ar">')
    assert '<meta charset="utf-8"/>' in text
    assert "<title>اشتباكات شمال حلب – 2025-12-24</title>" in text


def test_one_payload_per_layer_not_one_marker_per_incident(seed_map):
    text = maps.page_html(seed_map, assets="local")
    assert "L.marker(" not in text.split("</head>")[1]
    assert text.count("GI.incidentLayer(") == 1


def test_hostile_title_is_escaped():
    m = maps.render(None, title="</title><script>window.__pwned=1</script>")
    text = maps.page_html(m, assets="local")
    assert "<script>window.__pwned" not in text
    assert "&lt;/title&gt;&lt;script&gt;" in text


def test_tiles_option():
    osm = maps.page_html(maps.render(None, tiles="osm"), assets="local")
    assert "tile.openstreetmap.org" in osm and "OpenStreetMap contributors" in osm
    assert "GI.basemapLayer" in maps.page_html(maps.render(None, tiles="none"), assets="local")
    with pytest.raises(ValueError, match="tiles"):
        maps.render(None, tiles="satellite")


def _closure(cid, day, status, road="road A"):
    line = LineString([(37.0, 36.0), (37.1, 36.1)]) if road == "road A" else LineString([(37.2, 36.0), (37.3, 36.1)])
    return incident(cid, "Road closure", line, day=day, status=status, location=road)


def test_day_slices_show_closures_in_force_and_valid_frontlines():
    incidents = frame([incident("a", "Battles", Point(37, 36), day=date(2025, 1, 1)),
                       incident("b", "Battles", Point(37, 36), day=date(2025, 1, 3))])  # fmt: skip
    closures = frame([_closure("c1", date(2025, 1, 1), "closed"), _closure("c2", date(2025, 1, 3), "reopened"),
                      _closure("d1", date(2025, 1, 2), "partial", road="road B")])  # fmt: skip
    line = LineString([(0, 0), (1, 1)])
    front = frame([
        {"frontline_id": "f1", "valid_from": "2025-01-01", "valid_to": "2025-01-01", "geometry": line},
        {"frontline_id": "f2", "valid_from": "2025-01-02", "valid_to": None, "geometry": line},
    ])  # fmt: skip
    slices = {s.day: s for s in day_slices(incidents, closures, front)}
    assert list(slices) == ["2025-01-01", "2025-01-02", "2025-01-03"]
    assert list(slices["2025-01-01"].incidents.incident_id) == ["a"]
    assert slices["2025-01-02"].incidents.empty
    assert sorted(slices["2025-01-02"].closures.incident_id) == ["c1", "d1"]
    assert sorted(slices["2025-01-03"].closures.incident_id) == ["c2", "d1"]  # reopened shown, as such
    assert list(slices["2025-01-01"].frontlines.frontline_id) == ["f1"]
    assert list(slices["2025-01-03"].frontlines.frontline_id) == ["f2"]


def test_day_pages_index_and_timeline(seed_incidents, seed_closures, tmp_path):
    later = frame([incident("later", "Protests", Point(37.15, 36.21), day=date(2025, 12, 26), precision=3)])
    import pandas as pd

    pages = maps.write_day_pages(pd.concat([seed_incidents, later]), tmp_path, closures=seed_closures,
                                 title="حلب")  # fmt: skip
    assert sorted(pages.days) == ["2025-12-24", "2025-12-26"]
    assert all(p.is_file() for p in pages.days.values())
    assert pages.timeline.is_file()
    assert pages.counts["2025-12-24"]["Battles"] == 4  # the unlocated clash is counted, only not drawn
    assert pages.counts["2025-12-26"] == {"Protests": 1, "Road closure (in force)": 1}
    index = pages.index.read_text(encoding="utf-8")
    assert '<a href="2025-12-24.html">2025-12-24</a>' in index
    assert '<a href="timeline.html">' in index
    assert 'lang="ar"' in index
    assert (tmp_path / "assets" / "leaflet" / "leaflet.js").is_file()
    assert "GI.controls" in pages.timeline.read_text(encoding="utf-8")


def test_the_index_counts_incidents_without_a_date(seed_incidents, tmp_path):
    """An incident without a date has no day page; the index's heading still counts it, so that its total
    is the overview map's, also when a re-run finds nothing changed."""
    import pandas as pd

    undated = frame([incident("undated", "Protests", Point(37.15, 36.21), day=None)])
    both = pd.concat([seed_incidents, undated], ignore_index=True)
    for _ in range(2):
        pages = maps.write_day_pages(both, tmp_path)
        assert pages.undated == 1
        assert "و1 بلا تاريخ" in pages.index.read_text(encoding="utf-8")
    assert "بلا تاريخ" not in maps.write_day_pages(seed_incidents, tmp_path / "dated").index.read_text(encoding="utf-8")


def test_embed_is_an_iframe_with_the_whole_page(seed_map, tmp_path):
    fragment = maps.embed_html(seed_map)
    assert fragment.startswith('<iframe class="geo-incidents-map" srcdoc="')
    assert 'sandbox="allow-scripts' in fragment
    doc = html.unescape(re.search(r'srcdoc="([^"]*)"', fragment).group(1))
    assert doc.startswith("<!DOCTYPE html>") and "GI.incidentLayer(" in doc
    path = maps.write_embed(seed_map, tmp_path / "embed.html")
    assert path.read_text(encoding="utf-8") == fragment


def test_png_without_playwright_says_what_to_install(seed_map, tmp_path, monkeypatch):
    import sys

    monkeypatch.setattr("maps.browser._shared", {})  # as if no browser had been started in this process
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    with pytest.raises(maps.BrowserUnavailable, match="pip install"):
        maps.write_png(seed_map, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_template_syntax_in_reports_is_not_evaluated():
    # folium compiles rendered macros as Jinja templates; our elements must not let data reach Jinja.
    evil = frame([incident("j", "Battles", Point(37, 36), evidence="A{{ 7*7 }}B{% if true %}C{% endif %}{# c #}",
                           location="{{ config }}")])  # fmt: skip
    text = maps.page_html(maps.render(evil, title="T{{ 6*7 }}"), assets="local")
    assert "A49B" not in text and "T42" not in text
    assert "T{{ 6*7 }}" in text
    import json

    payload = re.search(r"GI\.incidentLayer\(\w+, (\{.*?\}), \{\"label\"", text).group(1)
    assert json.loads(payload)["p"][0][10] == "A{{ 7*7 }}B{% if true %}C{% endif %}{# c #}"


def test_notebook_display_is_a_self_contained_iframe(seed_map):
    shown = seed_map._repr_html_()
    assert shown.startswith("<iframe") and "gi-asset:" not in shown and "cdn.jsdelivr" not in shown


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_chromium_fails_under_ci_and_skips_locally(monkeypatch, ci, outcome):
    from tests.chromium_page import chromium_or_skip

    monkeypatch.setenv("CI", ci)
    if not ci:
        monkeypatch.delenv("CI")
    monkeypatch.setattr("maps.browser._shared", {})
    monkeypatch.setattr("maps.browser.find_chromium", lambda: None)
    with pytest.raises(outcome), chromium_or_skip():
        pass


def test_projected_frames_are_drawn_in_longitude_latitude(seed_incidents):
    from maps.features import incident_data

    projected = seed_incidents.to_crs(32637)
    m = maps.render(projected)
    payload = next(child for child in m._children.values() if isinstance(child, maps.IncidentLayer)).data_json
    expected = incident_data(seed_incidents, {}).payload["x"]
    assert f"{expected[0]}" in payload


def test_png_size_from_the_command_line():
    assert maps.parse_size("1200x800") == (1200, 800)
    for bad in ("1200", "x800", "12x8", "wide"):
        with pytest.raises(ValueError, match="1200x800|outside"):
            maps.parse_size(bad)


def test_folium_style_save_writes_a_working_page_with_the_users_umask(seed_map, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        seed_map.save(str(tmp_path / "x.html"))
        maps.write_page(seed_map, tmp_path / "days" / "day.html")  # with its assets/ folder
    finally:
        os.umask(old)
    text = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "gi-asset:" not in text and "GI.incidentLayer" in text and "L.map" in text.replace("L.map(", "L.map")
    assert not (tmp_path / "assets").exists()  # one self-contained file, like folium's
    for path in (tmp_path / "x.html", tmp_path / "days" / "day.html", tmp_path / "days" / "assets" / "leaflet"
                 / "leaflet.js"):  # fmt: skip
        assert path.stat().st_mode & 0o777 == 0o644, path


def test_ten_years_of_days_fold_into_years_and_months():
    from datetime import date, timedelta

    from maps.index_page import index_html

    days = [(date(2015, 1, 1) + timedelta(days=k)).isoformat() for k in range(3653)]
    text = index_html({d: f"{d}.html" for d in days}, {d: {"Battles": 1 + k % 3} for k, d in enumerate(days)})
    assert text.count('<details class="year"') == 10 and text.count('<details class="month"') == 120
    assert 'data-unit="month"' in text  # ten years are charted by month
    assert text.count(" open>") == 2  # the latest year and month
    assert '<a href="2024-12-31.html">2024-12-31</a>' in text
