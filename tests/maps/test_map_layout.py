"""What a reader sees, measured from the DOM at desktop (1280×800) and phone (390×844) sizes: controls that do not
cover each other, popups inside the screen, an icon for every incident, place labels at city zoom, tiles that
give way to the vector base."""

from __future__ import annotations

import pytest

import maps
from tests.chromium_page import open_page

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
CONTROLS = (".leaflet-control-zoom", ".gi-fullscreen", ".gi-measure", ".leaflet-control-layers", ".gi-title",
            ".gi-legend", ".leaflet-control-scale", ".leaflet-control-attribution", ".gi-minimap")  # fmt: skip
ASHRAFIYAH = (36.2279, 37.1470)

RECTS = """(selectors) => selectors.flatMap(sel => [...document.querySelectorAll(sel)].map(e => {
    const r = e.getBoundingClientRect();
    return {sel, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
}))"""


def overlaps(a: dict, b: dict) -> bool:
    return a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5 and a["y0"] < b["y1"] - 0.5 and b["y0"] < a["y1"] - 0.5


@pytest.fixture(scope="module")
def seed_page(seed_incidents, seed_closures, control_areas, tmp_path_factory):
    front = maps.estimate_frontlines(seed_incidents)
    m = maps.render(seed_incidents, seed_closures, front, control_areas, title="اشتباكات شمال حلب",
                    date_label="2025-12-24")  # fmt: skip
    return maps.write_page(m, tmp_path_factory.mktemp("layout") / "day.html", assets="offline")


def sized(opened, size: str):
    width, height = SIZES[size]
    opened.page.set_viewport_size({"width": width, "height": height})
    opened.page.evaluate("void window.geoIncidents.map.invalidateSize({animate: false})")
    opened.page.wait_for_timeout(300)
    return width, height


def controls_do_not_overlap(page, width: int, height: int) -> None:
    rects = page.evaluate(RECTS, list(CONTROLS))
    assert {r["sel"] for r in rects} == set(CONTROLS)
    for r in rects:
        assert r["x0"] >= 0 and r["y0"] >= 0 and r["x1"] <= width and r["y1"] <= height, r
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not overlaps(a, b), (a, b)


@pytest.mark.parametrize("size", SIZES)
def test_controls_do_not_overlap_with_the_legend_folded_and_open(chromium, seed_page, size):
    with open_page(chromium, seed_page) as opened:
        width, height = sized(opened, size)
        controls_do_not_overlap(opened.page, width, height)
        opened.page.evaluate("document.querySelector('.gi-legend details').open = true")
        opened.page.wait_for_timeout(200)  # the toggle event lays the controls out again
        controls_do_not_overlap(opened.page, width, height)
        opened.page.click(".leaflet-control-attribution")  # a tap unfolds the sources ...
        assert "OCHA" in opened.page.inner_text(".leaflet-control-attribution")
        assert opened.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_an_open_popup_lies_inside_the_viewport(chromium, seed_page, size):
    with open_page(chromium, seed_page) as opened:
        width, height = sized(opened, size)
        page = opened.page
        for incident_id in ("i-shihan", "i-coarse"):
            assert page.evaluate(f"window.geoIncidents.openIncidentPopup('{incident_id}')")
            page.wait_for_selector(".leaflet-popup-content .gi-popup")
            page.wait_for_timeout(600)  # auto-pan
            (box,) = page.evaluate(RECTS, [".leaflet-popup-content-wrapper"])
            assert box["x0"] >= 0 and box["y0"] >= 0 and box["x1"] <= width and box["y1"] <= height, box
            page.evaluate("void window.geoIncidents.map.closePopup()")
        assert page.evaluate("window.geoIncidents.openFrontlinePopup(0)")
        popup = page.wait_for_selector(".gi-popup-estimate")
        text = popup.text_content()
        assert "تقديري" in text and "estimated" in text and "2025-12-24" in text
        assert page.eval_on_selector_all(".gi-popup-estimate [data-incident-id]", "es => es.length") == 3
        page.wait_for_timeout(600)
        (box,) = page.evaluate(RECTS, [".leaflet-popup-content-wrapper"])
        assert box["x0"] >= 0 and box["x1"] <= width and box["y0"] >= 0 and box["y1"] <= height, box
        assert opened.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_every_incident_has_an_icon(chromium, seed_page, size):
    with open_page(chromium, seed_page) as opened:
        sized(opened, size)
        page = opened.page
        for zoom in (9, 12, 14):
            page.evaluate(f"void window.geoIncidents.map.setView([36.226, 37.145], {zoom}, {{animate: false}})")
            page.wait_for_timeout(400)
            icons = page.locator(".gi-icon").count()
            clustered = sum(int(t) for t in page.locator(".marker-cluster").all_inner_texts())
            assert icons + clustered == 5, zoom  # five located incidents, the coarse one included
        assert page.locator(".gi-icon-coarse").count() == 1  # with its ring of uncertainty around it
        assert page.evaluate("window.geoIncidents.layers.incidents.circles") == 1


@pytest.mark.parametrize("size", SIZES)
def test_places_are_labelled_at_city_zoom(chromium, seed_page, size):
    with open_page(chromium, seed_page) as opened:
        width, height = sized(opened, size)
        page = opened.page
        lat, lon = ASHRAFIYAH
        page.evaluate(f"void window.geoIncidents.map.setView([{lat}, {lon}], 14, {{animate: false}})")
        page.wait_for_timeout(300)
        labels = page.evaluate(RECTS.replace("sel, x0", "sel, text: e.textContent, x0"), [".gi-label-nbhd"])
        named = [r for r in labels if r["text"].startswith("الأشرفية")]
        assert named, [r["text"] for r in labels]
        assert named[0]["x0"] >= 0 and named[0]["x1"] <= width and named[0]["y0"] >= 0 and named[0]["y1"] <= height
        assert len(labels) >= 5  # the neighbours are named too
        page.evaluate("void window.geoIncidents.map.setView([35.0, 38.5], 7, {animate: false})")
        page.wait_for_timeout(300)
        cities = page.locator(".gi-rank-1.gi-label").all_inner_texts()
        assert any(c.startswith("حلب") for c in cities) and any(c.startswith("دمشق") or "دمشق" in c for c in
                                                                 page.locator(".gi-label").all_inner_texts())
        assert page.locator(".gi-label-nbhd").count() == 0  # no street-level names at country zoom
        page.evaluate("void window.geoIncidents.map.setView([36.2, 37.3], 8, {animate: false})")
        page.wait_for_timeout(300)
        districts = page.locator(".gi-label-admin2").all_inner_texts()
        assert "جبل سمعان" in districts  # Aleppo's district; the districts named after their towns are not repeated
        assert not any(d.startswith("مركز") for d in districts)
        assert opened.errors == []


def test_web_tiles_that_fail_give_way_to_the_vector_base(chromium, seed_incidents, tmp_path):
    page_path = maps.write_page(maps.render(seed_incidents, tiles="osm"), tmp_path / "tiles.html", assets="offline")
    with open_page(chromium, page_path) as opened:  # the network is blocked: every tile fails
        page = opened.page
        page.wait_for_function("window.geoIncidents.tilesFailed === true", timeout=10000)
        assert page.evaluate("window.geoIncidents.map.hasLayer(window.geoIncidents.basemap)")
        assert page.locator(".gi-label").count() >= 1


@pytest.fixture(scope="module")
def index_pages(tmp_path_factory):
    from datetime import date, timedelta

    import pandas as pd
    from shapely.geometry import Point

    from tests.maps.map_samples import frame, incident

    types = ["Battles", "Explosions/Remote violence", "Protests", "Violence against civilians"]
    start = date(2023, 1, 1)
    rows = [incident(f"n{k}", types[k % 4], Point(36.2 + (k * 37 % 300) / 100, 33.5 + (k * 53 % 280) / 100),
                     day=start + timedelta(days=k * 3)) for k in range(360)]  # fmt: skip
    out = tmp_path_factory.mktemp("index")
    return maps.write_day_pages(pd.DataFrame(frame(rows)).pipe(frame), out, title="ثلاث سنوات")


@pytest.mark.parametrize("size", SIZES)
def test_index_has_an_overview_map_a_chart_and_months_that_fit_the_screen(chromium, index_pages, size):
    with open_page(chromium, index_pages.index, wait_ready=False) as opened:
        width, _ = sized_page(opened.page, size)
        page = opened.page
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways
        overview = next(f for f in page.frames if f != page.main_frame)
        overview.wait_for_function("window.geoIncidents && window.geoIncidents.ready === true")
        assert overview.evaluate("window.geoIncidents.layers.incidents.total") == 360
        overview.wait_for_timeout(300)
        clusters = overview.locator(".gi-type-cluster").all_inner_texts()
        icons = overview.locator(".gi-icon").count()
        assert clusters and sum(int(t) for t in clusters) + icons == 360  # clustered, rings of their types
        assert overview.evaluate("window.geoIncidents.openIncidentPopup('n0')")
        link = overview.wait_for_selector(".gi-popup a.gi-day-link")
        assert link.get_attribute("href") == "2023-01-01.html"  # each incident leads to its day's map
        assert page.locator(".gi-chart rect").count() > 20
        assert page.locator("details.year").count() == 3
        assert page.locator("details.year[open] details.month[open]").count() == 1  # the latest month
        # folded, three years take a short page, not one row a day
        assert page.evaluate("document.documentElement.scrollHeight") < 3000
        page.click("details.year:not([open]) > summary")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert opened.errors == []


def sized_page(page, size: str):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(200)
    return width, height



@pytest.mark.parametrize("size", SIZES)
def test_time_slider_page_controls_do_not_overlap(chromium, index_pages, size):
    with open_page(chromium, index_pages.timeline) as opened:
        width, height = sized(opened, size)
        rects = opened.page.evaluate(RECTS, [*CONTROLS, ".gi-timeslider"])
        for r in rects:
            assert r["x0"] >= 0 and r["y0"] >= 0 and r["x1"] <= width and r["y1"] <= height, r
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert not overlaps(a, b), (a, b)
        assert opened.errors == []
