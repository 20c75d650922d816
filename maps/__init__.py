"""maps: GeoDataFrames to layered Leaflet HTML (folium). Knows nothing of extraction.

::

    import maps
    m = maps.render(incidents, closures=closures, frontlines=frontlines, control=control, title="حلب")
    maps.write_page(m, "out/map.html")                # assets/ beside it; "offline" = one self-contained file
    maps.write_day_pages(incidents, "out/days", closures=closures)
"""

from maps.browser import BrowserUnavailable
from maps.elements import (
    BasemapLayer,
    BoundaryLayer,
    ControlAreaLayer,
    FrontlineLayer,
    HeatLayer,
    IncidentLayer,
    IncidentMap,
    MapControls,
    RoadClosureLayer,
)
from maps.frontlines import estimate_frontlines, frontlines_from_control, read_frontlines
from maps.pages import DayPages, embed_html, page_html, write_day_pages, write_embed, write_page
from maps.png import parse_size, write_png
from maps.render import render

__all__ = [
    "BasemapLayer",
    "BoundaryLayer",
    "BrowserUnavailable",
    "ControlAreaLayer",
    "DayPages",
    "FrontlineLayer",
    "HeatLayer",
    "IncidentLayer",
    "IncidentMap",
    "MapControls",
    "RoadClosureLayer",
    "embed_html",
    "estimate_frontlines",
    "frontlines_from_control",
    "page_html",
    "parse_size",
    "read_frontlines",
    "render",
    "write_day_pages",
    "write_embed",
    "write_page",
    "write_png",
]
