"""What one map shows, as data: its layers' payloads, legend, bounds and attribution (:class:`MapContent`).

Day pages are written from it as text (:mod:`maps.page_text`) without loading folium; :func:`maps.render`
turns the same content into folium elements (:func:`maps.renderer.build_map`) for callers who add their own.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from maps.assets import BASEMAP_ATTRIBUTION
from maps.features import (
    IncidentFeatures,
    LayerData,
    _bilingual,
    boundary_data,
    closure_data,
    control_data,
    frontline_layer,
    incident_layer,
)
from maps.rows import Rows, located_mask
from maps.script_json import script_json
from maps.style import control_sides, extend_palette
from maps.tiles import tile_source

if TYPE_CHECKING:
    import pandas as pd


#: Syria, for an empty map.
DEFAULT_BOUNDS = [[32.3, 35.6], [37.4, 42.4]]
LAYER_NAMES = {
    "incidents": ("الحوادث", "Incidents"),
    "road_closures": ("إغلاق الطرق", "Road closures"),
    "frontlines": ("خطوط التماس", "Frontlines"),
    "control_areas": ("مناطق السيطرة", "Control areas"),
    "heatmap": ("كثافة الحوادث", "Heat map"),
    "boundaries": ("الحدود الإدارية", "Admin boundaries"),
    "basemap": ("خريطة أساس", "Basemap"),
}
#: Layer control entries (Leaflet inserts them as HTML; our constants only): the Arabic name, the English one
#: smaller and isolated after it, so neither reorders the other.
LAYER_LABELS = {
    key: f'<bdi lang="ar">{ar}</bdi> <bdi class="gi-en" lang="en" dir="ltr">{en}</bdi>'
    for key, (ar, en) in LAYER_NAMES.items()
}
MAX_SOURCES_IN_ATTRIBUTION = 8
#: From this many features a map is framed on the 1st–99th percentile of their positions.
ROBUST_BOUNDS_FROM = 50

@dataclass
class MapContent:
    """Everything one map shows, as data: :func:`maps.renderer.build_map` turns it into folium elements.

    Its :meth:`digest` says whether a page written from equal content (by the same code) is still current.
    """

    page_title: str
    tile_url: str | None
    tile_attribution: str
    layers: dict[str, LayerData]
    heatmap: bool
    spec: dict

    def digest(self) -> str:
        layers = {key: [data.payload, data.count, data.skipped, data.sources] for key, data in self.layers.items()}
        parts = [self.page_title, self.tile_url, self.tile_attribution, self.heatmap, self.spec, layers]
        return hashlib.sha256(script_json(parts).encode("utf-8")).hexdigest()


def map_content(
    features: IncidentFeatures | None,
    rows: np.ndarray,
    closures: pd.DataFrame | None,
    frontlines: pd.DataFrame | None,
    control: pd.DataFrame | None,
    *,
    title: str,
    date_label: str,
    tiles: str,
    palette: dict[str, str],
    heatmap: bool = False,
    boundaries: pd.DataFrame | None = None,
    timeline: bool = False,
    minimap: bool = True,
    colour_by: str = "actor",
    day_links: bool = False,
    closure_layer: LayerData | None = None,
) -> MapContent:
    """What :func:`render` draws for the incidents ``rows`` of ``features`` (frames in EPSG:4326).

    ``closure_layer``: the closures' layer when the caller has it already (day pages share it between days).
    """
    palette = extend_palette(palette, control_sides(control))
    layers: dict[str, LayerData] = {
        "incidents": incident_layer(features, rows, palette, by_type=colour_by == "type", day_links=day_links),
        "road_closures": closure_layer or closure_data(closures, latest_only=not timeline),
        "frontlines": LayerData(payload={"items": []}, count=0),
        "control_areas": control_data(control, palette),
    }
    names_ar = features.arabic_names(rows) if features else {}
    if frontlines is not None and len(frontlines):
        places = features.place_names(rows) if features else {}
        layers["frontlines"] = frontline_layer(frontlines, names_ar, places)
    if boundaries is not None and len(boundaries):
        layers["boundaries"] = boundary_data(boundaries)
    page_title = " – ".join(part for part in (title, date_label) if part) or "geo-incidents"
    tile_url, tile_attribution = tile_source(tiles)
    incident_payload = layers["incidents"].payload
    if layers["incidents"].count:
        # Fit to the incidents when there are any: a long closed road should not zoom the clashes away.
        bounds = _bounds_of(features.located_geometries(rows))
    else:
        bounds = _bounds(closures, frontlines, control)
    spec = {
        "title": title,
        "date": date_label,
        "attribution": _attribution(
            layers, f"{tile_attribution}; {BASEMAP_ATTRIBUTION}" if tile_url else BASEMAP_ATTRIBUTION
        ),  # fmt: skip
        "legend": {
            "types": _present(incident_payload["types"], incident_payload["k"]),
            "palette": _present(incident_payload["palette"], incident_payload["c"]),
            "byType": colour_by == "type",
            "closures": bool(layers["road_closures"].count),
            "frontlines": sorted({item["m"] for item in layers["frontlines"].payload["items"]}),
            "control": sorted(
                {
                    (_bilingual(item["a"], names_ar.get(item["a"], "")), item["c"])
                    for item in layers["control_areas"].payload["items"]
                }
            ),
            "skipped": layers["incidents"].skipped,
        },
        "minimap": {"tiles": tile_url} if minimap else None,
        "bounds": bounds,
        "timeline": _timeline(layers) if timeline else None,
    }
    return MapContent(page_title=page_title, tile_url=tile_url, tile_attribution=tile_attribution, layers=layers,
                      heatmap=heatmap, spec=spec)  # fmt: skip

def wgs84(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """Leaflet wants longitude/latitude: reproject frames that say they are in another CRS."""
    crs = getattr(frame, "crs", None)
    if crs is not None and crs.to_epsg() != 4326:
        return frame.to_crs(4326)
    return frame


def _present(table: list, used: list[int]) -> list:
    """Legend rows for the entries that the page actually uses."""
    return [table[i] for i in sorted(set(used)) if 0 <= i < len(table)]


def _attribution(layers: dict[str, LayerData], base: str) -> list[str]:
    """Every data source by layer, HTML-escaped (Leaflet inserts attributions as HTML)."""
    out = [base]
    groups = (("Reports", ("incidents", "road_closures")), ("Frontlines", ("frontlines",)),
              ("Control areas", ("control_areas",)))  # fmt: skip
    for label, keys in groups:
        sources: list[str] = []
        for key in keys:
            sources.extend(s for s in layers[key].sources if s not in sources)
        if sources:
            shown = sources[:MAX_SOURCES_IN_ATTRIBUTION]
            more = f" +{len(sources) - len(shown)}" if len(sources) > len(shown) else ""
            out.append(f"{label}: " + ", ".join(shown) + more)
    out.append("Incidents coded by geo-incidents")
    return [html.escape(text) for text in out]


def _bounds(*frames: pd.DataFrame | None) -> list[list[float]]:
    tables = [Rows.of(f) for f in frames if f is not None and len(f)]
    geoms = [t.geometry[located_mask(t)] for t in tables if t.geometry is not None]
    geoms = [g for g in geoms if len(g)]
    return _bounds_of(np.concatenate(geoms) if geoms else np.array([], dtype=object))


def _bounds_of(geoms: np.ndarray) -> list[list[float]]:
    """The view of ``geoms`` (located geometries), padded; Syria when there are none."""
    if not len(geoms):
        return DEFAULT_BOUNDS
    if len(geoms) >= ROBUST_BOUNDS_FROM:
        # many incidents: frame where they are, not the odd one placed far away (it is still drawn)
        xy = shapely.get_coordinates(shapely.centroid(geoms))
        (xmin, ymin), (xmax, ymax) = np.quantile(xy, 0.01, axis=0), np.quantile(xy, 0.99, axis=0)
    else:
        xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    if not np.isfinite([xmin, ymin, xmax, ymax]).all():
        return DEFAULT_BOUNDS
    pad = 0.01
    return [[float(ymin) - pad, float(xmin) - pad], [float(ymax) + pad, float(xmax) + pad]]


def _timeline(layers: dict[str, LayerData]) -> dict | None:
    days = [d for d in layers["incidents"].payload["d"] if d is not None]
    for key in ("road_closures", "frontlines", "control_areas"):
        for item in layers[key].payload["items"]:
            days.extend(v for v in (item["f"], item["t"]) if v is not None)
    if not days:
        return None
    first, last = min(days), max(days)
    return {"first": first, "last": last, "start": first}
