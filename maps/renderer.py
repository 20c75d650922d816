"""``render``: incidents, closures, frontlines and control areas to one layered folium Map."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np

from maps.content import MapContent, map_content, wgs84
from maps.elements import LAYER_ELEMENTS, IncidentMap, LayerList, MapControls, RawCode, number_elements
from maps.features import IncidentFeatures
from maps.page_text import page_layers
from maps.style import actor_palette

if TYPE_CHECKING:
    import pandas as pd


def render(
    incidents: pd.DataFrame | None,
    closures: pd.DataFrame | None = None,
    frontlines: pd.DataFrame | None = None,
    control: pd.DataFrame | None = None,
    *,
    title: str = "",
    date_label: str = "",
    tiles: str = "none",
    heatmap: bool = False,
    boundaries: pd.DataFrame | None = None,
    palette: dict[str, str] | None = None,
    timeline: bool = False,
    minimap: bool = True,
    colour_by: str = "actor",
    day_links: bool = False,
) -> IncidentMap:
    """Build the layered map. Frames are GeoDataFrames in EPSG:4326; any of them may be None or empty.

    ``tiles``: "none" (the light vector base with place labels, works offline), "osm", or a tile URL template
    (the vector base comes back by itself when the tiles fail to load).
    ``palette`` (actor -> colour) keeps colours stable across several pages; by default the most frequent
    first actors of ``incidents`` get colours. ``timeline`` adds a day slider and keeps every closure report
    (each shown on the days it is the road's latest status) instead of only the latest per road.
    ``colour_by``: "actor" (markers and control areas share an actor's colour) or "type" (an overview of many
    days: markers coloured, and clusters drawn as rings of their mix, by event type). ``day_links``: popups link
    to the day's page (``YYYY-MM-DD.html`` beside this one), as on the index's overview.
    """
    incidents, closures, frontlines, control, boundaries = (
        wgs84(f) for f in (incidents, closures, frontlines, control, boundaries)
    )
    palette = actor_palette(incidents, control) if palette is None else palette
    features = IncidentFeatures(incidents) if incidents is not None and len(incidents) else None
    rows = np.arange(features.size if features else 0)
    content = map_content(features, rows, closures, frontlines, control, title=title, date_label=date_label,
                          tiles=tiles, heatmap=heatmap, boundaries=boundaries, palette=palette, timeline=timeline,
                          minimap=minimap, colour_by=colour_by, day_links=day_links)  # fmt: skip
    return build_map(content)


def build_map(content: MapContent) -> IncidentMap:
    """The folium Map of ``content``: base, layers in drawing order, layer control and our controls.

    Pages written by this package come from :func:`maps.page_text.page_text` instead (the same text, without
    loading folium); this map is what :func:`render` gives callers who add folium elements of their own."""
    fmap = IncidentMap(location=[35.0, 38.5], tiles=None, zoom_start=7, maxZoom=18, minZoom=3)
    root = fmap.get_root()
    root.header.add_child(RawCode('<meta charset="utf-8"/>'), name="meta_charset", index=0)
    root.header.add_child(RawCode(f"<title>{html.escape(content.page_title)}</title>"), name="page_title")

    for layer in page_layers(content):
        LAYER_ELEMENTS[layer.kind.element](**layer.keywords).add_to(fmap)
    # the layer control first: the page's controls lay themselves out around it
    LayerList(collapsed=False, position="topright").add_to(fmap)
    MapControls(content.spec).add_to(fmap)
    number_elements(fmap)
    return fmap
