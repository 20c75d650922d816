"""Real pages in headless Chromium (network blocked): layers, counts, safety, controls, PNG."""

from __future__ import annotations

import struct
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon

import maps
from tests.chromium_page import open_page
from tests.maps.map_samples import frame, incident

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=\"window.__pwned=1;document.title='pwned'\">"
CLOSE_SCRIPT = "</script><script>window.__pwned=2;document.title='pwned'</script>"
TEMPLATE = "`${window.__pwned=3}` \"double\" 'single' <b>bold</b> &amp; \u2028end"
EVIDENCE = f"قال شاهد {IMG} ثم {CLOSE_SCRIPT} و {TEMPLATE}"


def layers(opened) -> dict:
    return opened.page.evaluate("window.geoIncidents.layers")


@pytest.fixture(scope="module")
def seed_pages(seed_incidents, seed_closures, control_areas, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-pages")
    front = maps.estimate_frontlines(seed_incidents)
    m = maps.render(seed_incidents, seed_closures, front, control_areas, title="شمال حلب", date_label="2025-12-24")
    return maps.write_page(m, out / "day.html"), maps.write_page(m, out / "offline.html", assets="offline")


@pytest.mark.parametrize("which", ["local", "offline"])
def test_seed_day_page_layers_counts_and_screenshot(chromium, seed_pages, which, tmp_path):
    page_path = seed_pages[0] if which == "local" else seed_pages[1]
    with open_page(chromium, page_path) as opened:
        opened.page.wait_for_timeout(400)  # cluster animation
        counts = layers(opened)
        assert counts["incidents"]["total"] == 5
        assert counts["incidents"]["skipped"] == 1
        # every incident has its icon; the coarse one also its uncertainty ring
        assert (counts["incidents"]["pins"], counts["incidents"]["circles"]) == (5, 1)
        assert counts["road_closures"]["count"] == 1
        assert counts["frontlines"]["count"] == 1
        assert counts["control_areas"]["count"] == 2
        control_text = opened.page.inner_text(".leaflet-control-layers")
        for label in ("Incidents", "Road closures", "Frontlines", "Control areas", "Basemap"):
            assert label in control_text
        # drawn, not only counted: icons or clusters, the closure and frontline paths, the uncertainty canvas
        assert opened.page.locator(".gi-icon, .marker-cluster").count() >= 1
        assert opened.page.locator("path.leaflet-interactive").count() >= 3  # road, two control areas
        # the estimate starts hidden, with no permanent label; the legend says it is an estimate
        assert opened.page.locator(".gi-front-tooltip, .gi-front-band").count() == 0
        assert "estimate" in opened.page.inner_text(".gi-legend-estimate")
        assert opened.page.evaluate("document.documentElement.lang") == "ar"
        for control in (".gi-legend", ".gi-minimap > .leaflet-map-pane", ".gi-button-fullscreen", ".gi-button-measure",
                        ".leaflet-control-scale", ".gi-title"):  # fmt: skip
            assert opened.page.locator(control).count() == 1, control
        assert "OCHA" in opened.page.inner_text(".leaflet-control-attribution")
        shot = tmp_path / f"{which}.png"
        opened.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        assert opened.errors == []
        assert opened.blocked == []  # nothing tried to leave the machine


def test_offline_page_draws_with_network_unreachable(chromium, seed_pages):
    with open_page(chromium, seed_pages[1]) as opened:
        requests = opened.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
        assert opened.page.locator(".gi-icon, .marker-cluster").count() >= 1
        assert opened.page.locator(".leaflet-overlay-pane path").count() >= 3
        assert opened.errors == []


def test_heat_map_toggles_on_and_paints(chromium, tmp_path, seed_incidents):
    page_path = maps.write_page(maps.render(seed_incidents, heatmap=True), tmp_path / "heat.html", assets="offline")
    with open_page(chromium, page_path) as opened:
        page = opened.page
        assert page.locator("canvas.gi-heat").count() == 0  # off until asked for
        page.click("text=Heat map")
        painted = page.evaluate("""() => { const c = document.querySelector('canvas.gi-heat');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }""")
        assert painted > 500
        assert opened.errors == []


def test_popup_is_arabic_rtl_with_evidence_and_links(chromium, seed_pages):
    with open_page(chromium, seed_pages[1]) as opened:
        assert opened.page.evaluate("window.geoIncidents.openIncidentPopup('i-shihan')")
        popup = opened.page.wait_for_selector(".leaflet-popup-content .gi-popup", timeout=5000)
        assert popup.get_attribute("dir") == "rtl"
        text = popup.text_content()
        expected_parts = ("اشتباكات", "2025-12-24", "الأسايش", "دوار شيحان", "اشتباكات بين الطرفين في الحي", "دقة")
        for expected in expected_parts:
            assert expected in text
        hrefs = opened.page.eval_on_selector_all(".gi-popup a", "as => as.map(a => a.href)")
        assert hrefs == ["https://example.org/a"]  # the javascript: link was dropped


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    rows = [
        incident("evil", f"Battles{IMG}", Point(37.15, 36.22), evidence=EVIDENCE, actors=(
            (CLOSE_SCRIPT, IMG), (TEMPLATE, CLOSE_SCRIPT)), location=IMG, place_name_ar=CLOSE_SCRIPT,
            sub_event_type=CLOSE_SCRIPT, source="<svg onload=window.__pwned=4>",
            source_urls="javascript:window.__pwned=5;https://example.org/?q=</script><b>",
            casualty_destination=TEMPLATE),
        incident("evil-coarse", "Battles", Point(37.2, 36.25), evidence=EVIDENCE, precision=3),
    ]  # fmt: skip
    closures = frame([incident("evil-road", "Road closure", LineString([(37.1, 36.2), (37.2, 36.3)]),
                               status="partial", evidence=EVIDENCE, location=IMG)])  # fmt: skip
    front = gpd.GeoDataFrame({"side_a": [CLOSE_SCRIPT], "side_b": [IMG], "method": ["estimated"],
                              "source": [TEMPLATE]}, geometry=[LineString([(37.1, 36.1), (37.2, 36.2)])],
                             crs="EPSG:4326")  # fmt: skip
    control = gpd.GeoDataFrame({"actor": [IMG]}, geometry=[Polygon([(37, 36), (37.3, 36), (37.3, 36.3)])],
                               crs="EPSG:4326")  # fmt: skip
    m = maps.render(frame(rows), closures, front, control, title=CLOSE_SCRIPT, date_label=IMG,
                    boundaries=control.rename(columns={"actor": "name"}), heatmap=True)  # fmt: skip
    return maps.write_page(m, tmp_path_factory.mktemp("hostile") / "hostile.html", assets="offline")


def test_untrusted_text_never_runs_and_shows_literally(chromium, hostile_page):
    with open_page(chromium, hostile_page) as opened:
        page = opened.page
        assert page.evaluate("window.__pwned") is None
        assert page.title() != "pwned"
        assert page.locator("img[src='x'], svg[onload], b").count() == 0
        assert CLOSE_SCRIPT in page.inner_text(".gi-title")
        assert "<svg onload=window.__pwned=4>" in page.inner_text(".leaflet-control-attribution")
        legend = page.inner_text(".gi-legend")
        assert CLOSE_SCRIPT in legend  # actor name in the colour legend
        assert page.evaluate("window.geoIncidents.openIncidentPopup('evil')")
        popup = page.wait_for_selector(".leaflet-popup-content .gi-popup", timeout=5000)
        text = popup.text_content()
        for payload in (IMG, CLOSE_SCRIPT, TEMPLATE.replace("\u2028", "\u2028")):
            assert payload in text
        assert page.eval_on_selector_all(".gi-popup a", "as => as.map(a => a.href)") == [
            "https://example.org/?q=%3C/script%3E%3Cb%3E"
        ]
        page.evaluate("window.geoIncidents.map.closePopup()")
        assert page.evaluate("window.geoIncidents.openIncidentPopup('evil-coarse')")
        page.wait_for_selector(".leaflet-popup-content .gi-popup", timeout=5000)
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img[src='x']").count() == 0
        assert opened.errors == []


def test_time_slider_filters_every_layer_by_day(chromium, tmp_path):
    incidents = frame([
        incident("d1", "Battles", Point(37.10, 36.20), day=date(2025, 12, 1)),
        incident("d2a", "Protests", Point(37.12, 36.21), day=date(2025, 12, 2)),
        incident("d2b", "Riots", Point(37.14, 36.22), day=date(2025, 12, 2)),
    ])  # fmt: skip
    road = LineString([(37.0, 36.0), (37.1, 36.1)])
    closures = frame([
        incident("c1", "Road closure", road, day=date(2025, 12, 1), status="closed", location="r"),
        incident("c2", "Road closure", road, day=date(2025, 12, 2), status="reopened", location="r"),
    ])  # fmt: skip
    pages = maps.write_day_pages(incidents, tmp_path, closures=closures)
    with open_page(chromium, pages.timeline) as opened:
        page = opened.page
        assert page.inner_text(".gi-timeslider-label") == "2025-12-01"
        assert layers(opened)["incidents"]["count"] == 1
        assert layers(opened)["road_closures"]["count"] == 1
        page.evaluate("window.geoIncidents.setDay('2025-12-02')")
        assert layers(opened)["incidents"]["count"] == 2
        assert layers(opened)["road_closures"]["count"] == 1  # the reopening replaced the closure
        assert page.inner_text(".gi-title-date") == "2025-12-02"
        slider = page.locator(".gi-timeslider-range")
        slider.fill(str(int(pd.Timestamp("2025-12-01").value // 86_400_000_000_000)))
        assert layers(opened)["incidents"]["count"] == 1
        assert opened.errors == []
    with open_page(chromium, pages.days["2025-12-02"]) as opened:
        assert layers(opened)["incidents"]["count"] == 2
        assert opened.page.evaluate("window.geoIncidents.layers.road_closures.total") == 1
        assert opened.errors == []


def test_measure_tool_sums_clicked_distances(chromium, seed_pages):
    with open_page(chromium, seed_pages[1]) as opened:
        page = opened.page
        page.click(".gi-button-measure")
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + 300, box["y"] + 500)
        page.mouse.click(box["x"] + 500, box["y"] + 500)
        metres = page.evaluate("window.geoIncidents.measure")
        expected = page.evaluate("""() => { const m = window.geoIncidents.map;
            return m.distance(m.containerPointToLatLng([300, 500]), m.containerPointToLatLng([500, 500])); }""")
        assert metres == pytest.approx(expected, rel=0.02)
        assert "كم" in page.inner_text(".gi-measure-readout") or "م" in page.inner_text(".gi-measure-readout")


def test_write_png(chromium, seed_incidents, tmp_path):
    out = maps.write_png(maps.render(seed_incidents), tmp_path / "map.png", size=(800, 500), context=chromium)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (800, 500)


def test_embedded_fragment_draws_inside_a_report_page(chromium, seed_incidents, tmp_path):
    fragment = maps.embed_html(maps.render(seed_incidents, title="مرفق"), height="500px")
    report = tmp_path / "report.html"
    page = f'<!DOCTYPE html><html lang="ar"><meta charset="utf-8"><body><h1>تقرير</h1>{fragment}</body></html>'
    report.write_text(page, encoding="utf-8")
    with open_page(chromium, report, wait_ready=False) as opened:
        frame = opened.page.frame_locator("iframe.geo-incidents-map")
        assert frame.locator(".gi-title").inner_text().strip() == "مرفق"
        inner = next(f for f in opened.page.frames if f != opened.page.main_frame)
        inner.wait_for_function("window.geoIncidents && window.geoIncidents.ready === true")
        assert inner.evaluate("window.geoIncidents.layers.incidents.total") == 5
        assert opened.page.evaluate("typeof window.geoIncidents") == "undefined"  # the report page is untouched
        assert opened.errors == []
