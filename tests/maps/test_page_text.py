"""The pages written without folium (``maps.page_text``) are the pages folium writes for the same maps.

Day pages, the timeline and the overview are written from our own text; ``maps.render`` still returns a folium
Map. Both must give the same bytes for every kind of layer and option, so a page looks the same whichever way
it was made (and a folium upgrade that changes its frame fails here rather than silently on users' pages).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Polygon

import maps
from maps.assets import resolve_assets
from maps.content import map_content
from maps.features import IncidentFeatures
from maps.folium_page import _html
from maps.page_text import page_text
from maps.renderer import build_map
from maps.style import actor_palette
from tests.maps.map_samples import CRS


def _content(incidents, closures=None, frontlines=None, control=None, **options):
    features = IncidentFeatures(incidents) if incidents is not None and len(incidents) else None
    rows = np.arange(features.size if features else 0)
    options = {"title": "حلب <test> & 'quotes'", "date_label": "2025-12-24", "tiles": "none",
               "palette": actor_palette(incidents, control), **options}  # fmt: skip
    return map_content(features, rows, closures, frontlines, control, **options)


def _frontlines():
    line = LineString([(37.12, 36.22), (37.15, 36.25)])
    return gpd.GeoDataFrame(
        {"frontline_id": ["f1", "f2"], "method": ["imported", "estimated"], "side_a": ["Asayish", "A"],
         "side_b": ["Syrian government forces", "B"], "valid_from": ["2025-12-01", "2025-12-20"],
         "valid_to": [None, "2025-12-30"], "source": ["analyst file", "estimate: band 800 m"]},
        geometry=[line, line], crs=CRS,
    )  # fmt: skip


@pytest.mark.parametrize("case", ["empty", "incidents", "everything", "osm tiles", "tile url", "heatmap",
                                  "boundaries", "timeline", "overview", "estimate only", "closures only"])
def test_page_text_is_the_folium_page(case, seed_incidents, seed_closures, control_areas):
    boundary = gpd.GeoDataFrame({"name_ar": ["حلب"]}, geometry=[Polygon([(37, 36), (37.3, 36), (37.3, 36.4)])],
                                crs=CRS)  # fmt: skip
    estimate = maps.estimate_frontlines(seed_incidents)
    contents = {
        "empty": lambda: _content(None),
        "incidents": lambda: _content(seed_incidents),
        "everything": lambda: _content(seed_incidents, seed_closures, _frontlines(), control_areas),
        "osm tiles": lambda: _content(seed_incidents, tiles="osm"),
        "tile url": lambda: _content(seed_incidents, tiles="https://example.org/{z}/{x}/{y}.png?a=1&b=<2>"),
        "heatmap": lambda: _content(seed_incidents, heatmap=True),
        "boundaries": lambda: _content(seed_incidents, boundaries=boundary),
        "timeline": lambda: _content(seed_incidents, seed_closures, _frontlines(), control_areas, timeline=True),
        "overview": lambda: _content(seed_incidents, seed_closures, colour_by="type", day_links=True, minimap=False),
        "estimate only": lambda: _content(None, None, estimate),
        "closures only": lambda: _content(None, seed_closures),
    }
    content = contents[case]()
    text = page_text(content)
    assert text.startswith('<!DOCTYPE html>\n<html lang="ar">')
    for mode in ("local", "cdn", "offline"):  # as the day pages' writer resolves them
        assert resolve_assets(text, mode) == _html(build_map(content), mode)


def test_day_pages_are_written_without_folium(tmp_path, seed_incidents, seed_closures):
    """Writing a folder of day pages loads neither folium nor branca (most of a small run's map time)."""
    import subprocess
    import sys

    seed_incidents.to_file(tmp_path / "incidents.gpkg")
    seed_closures.to_file(tmp_path / "closures.gpkg")
    probe = (
        "import sys, geopandas as gpd, maps\n"
        f"pages = maps.write_day_pages(gpd.read_file({str(tmp_path / 'incidents.gpkg')!r}), {str(tmp_path / 'out')!r},"
        f" closures=gpd.read_file({str(tmp_path / 'closures.gpkg')!r}))\n"
        "print(sorted(m for m in ('folium', 'branca', 'jinja2') if m in sys.modules), len(pages.days))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "1"]
