"""maps: GeoDataFrames to layered Leaflet HTML (folium). Knows nothing of extraction.

::

    import maps
    m = maps.render(incidents, closures=closures, frontlines=frontlines, control=control, title="حلب")
    maps.write_page(m, "out/map.html")                # assets/ beside it; "offline" = one self-contained file
    maps.write_day_pages(incidents, "out/days", closures=closures)
"""

from importlib import import_module
from typing import TYPE_CHECKING

#: Where each public name lives. They load on first use (PEP 562), so a caller that needs only the
#: frontline estimate (the pipeline's writer, also under ``run --no-maps``) does not load folium.
_PUBLIC = {
    "BrowserUnavailable": "maps.browser",
    **dict.fromkeys(("BasemapLayer", "BoundaryLayer", "ControlAreaLayer", "FrontlineLayer", "HeatLayer",
                     "IncidentLayer", "IncidentMap", "MapControls", "RoadClosureLayer"), "maps.elements"),
    **dict.fromkeys(("estimate_frontlines", "frontlines_from_control", "read_frontlines"), "maps.frontlines"),
    **dict.fromkeys(("DayPages", "write_day_pages"), "maps.pages"),
    **dict.fromkeys(("embed_html", "page_html", "write_embed", "write_page"), "maps.folium_page"),
    **dict.fromkeys(("parse_size", "write_png"), "maps.png"),
    "render": "maps.renderer",
}

if TYPE_CHECKING:
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
    from maps.folium_page import embed_html, page_html, write_embed, write_page
    from maps.frontlines import estimate_frontlines, frontlines_from_control, read_frontlines
    from maps.pages import DayPages, write_day_pages
    from maps.png import parse_size, write_png
    from maps.renderer import render


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:  # a submodule used as an attribute (maps.style.actor_palette) loads as well
        try:
            return import_module(f"maps.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"maps.{name}":
                raise
            raise AttributeError(f"module 'maps' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
