"""A map page's HTML written without folium: the same text, byte for byte, that folium and branca write for
the maps :func:`maps.renderer.build_map` makes.

folium compiles some fifty Jinja templates as it is imported (most of a small run's map time) and renders a
tree of elements for every page; a day page only ever holds our own layers, whose code we write ourselves
(see :mod:`maps.elements`), inside folium's fixed map frame. So the day pages and the index's maps are
written from here, and :func:`maps.render` still returns a folium Map for callers that add folium elements
of their own. Which layers a page has, and each layer's code, are decided once (:func:`page_layers`,
:func:`layer_code`) for both; ``tests/maps/test_page_text.py`` compares the two pages on many maps, so a
folium upgrade that changes its frame shows there.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import cache
from hashlib import sha1
from typing import TYPE_CHECKING

from maps.assets import asset_url
from maps.content import LAYER_LABELS
from maps.script_json import script_json

if TYPE_CHECKING:
    from maps.content import MapContent

LEAFLET_JS = [("leaflet", asset_url("leaflet/leaflet.js"))]
LEAFLET_CSS = [("leaflet_css", asset_url("leaflet/leaflet.css")), ("gi_css", asset_url("geo-incidents/gi-map.css"))]
LAYERS_JS = [("gi_layers", asset_url("geo-incidents/gi-layers.js"))]
CLUSTER_JS = [("markercluster", asset_url("markercluster/leaflet.markercluster.js"))]
CLUSTER_CSS = [
    ("markercluster_css", asset_url("markercluster/MarkerCluster.css")),
    ("markercluster_default_css", asset_url("markercluster/MarkerCluster.Default.css")),
]
BASEMAP_JS = [("gi_basemap", asset_url("geo-incidents/basemap_syria.js"))]
CONTROLS_JS = [("gi_controls", asset_url("geo-incidents/gi-controls.js"))]


@dataclass(frozen=True)
class LayerKind:
    """What every layer of one kind shares: its element's name, its ``GI`` factory, the files it links, and
    whether the layer control lists it as an overlay or a base layer (or not at all)."""

    element: str
    factory: str
    js: list[tuple[str, str]]
    css: list[tuple[str, str]] = field(default_factory=lambda: list(LEAFLET_CSS))
    overlay: bool = True
    control: bool = True


#: element name -> its kind; :mod:`maps.elements` takes its classes' factories and files from here.
LAYER_KINDS = {kind.element: kind for kind in (
    LayerKind("IncidentLayer", "incidentLayer", LEAFLET_JS + CLUSTER_JS + LAYERS_JS, LEAFLET_CSS + CLUSTER_CSS),
    LayerKind("RoadClosureLayer", "closureLayer", LEAFLET_JS + LAYERS_JS),
    LayerKind("FrontlineLayer", "frontlineLayer", LEAFLET_JS + LAYERS_JS),
    LayerKind("ControlAreaLayer", "controlLayer", LEAFLET_JS + LAYERS_JS),
    LayerKind("BoundaryLayer", "boundaryLayer", LEAFLET_JS + LAYERS_JS),
    LayerKind("HeatLayer", "heatLayer", LEAFLET_JS + LAYERS_JS),
    LayerKind("BasemapLayer", "basemapLayer", LEAFLET_JS + LAYERS_JS + BASEMAP_JS, overlay=False),
    LayerKind("WebTileLayer", "tileLayer", LEAFLET_JS + LAYERS_JS, overlay=False, control=False),
)}  # fmt: skip
CONTROLS_FILES = (LEAFLET_JS + LAYERS_JS + CONTROLS_JS, LEAFLET_CSS)


def data_layer_arguments(payload: dict, name: str, *, skipped: int = 0, key: str = "", lazy: bool = False) -> list[str]:
    """The JSON arguments of a data layer's factory: its payload, then its options."""
    return [script_json(payload), script_json({"label": name, "skipped": skipped, "key": key, "lazy": lazy})]


def basemap_arguments(name: str) -> list[str]:
    return [script_json({"label": name})]


def tile_arguments(url: str, attribution: str) -> list[str]:
    return [script_json(url), script_json({"attribution": attribution})]


def layer_code(factory: str, parent: str, arguments: list[str]) -> str:
    """The expression that makes a layer on the map ``parent``."""
    return f"GI.{factory}({parent}, {', '.join(arguments)})"


def layer_script(name: str, parent: str, code: str, show: bool) -> str:
    """A layer's script: the variable, and adding it to the map when it starts shown."""
    add = f"\n{name}.addTo({parent});" if show else ""
    return f"var {name} = {code};{add}\n"


def controls_script(parent: str, spec_json: str) -> str:
    return f"GI.controls({parent}, {spec_json});\n"


@dataclass
class PageLayer:
    """One layer of a page: its kind (:data:`LAYER_KINDS`), its label, whether it starts shown, and the JSON
    arguments of its factory; ``keywords`` are the element class's own arguments (see :func:`page_layers`)."""

    kind: LayerKind
    label: str
    show: bool
    arguments: list[str]
    keywords: dict


def page_layers(content: MapContent) -> list[PageLayer]:
    """The layers of the page of ``content`` in drawing order (first drawn first)."""
    out: list[PageLayer] = []

    def data_layer(element: str, key: str, *, show: bool = True, skipped: int = 0, lazy: bool = False,
                   payload: dict | None = None) -> None:  # fmt: skip
        payload = content.layers[key].payload if payload is None else payload
        label = LAYER_LABELS[key]
        out.append(PageLayer(LAYER_KINDS[element], label, show,
                             data_layer_arguments(payload, label, skipped=skipped, key=key, lazy=lazy),
                             {"payload": payload, "name": label, "show": show, "skipped": skipped, "key": key,
                              "lazy": lazy}))  # fmt: skip

    layers = content.layers
    # The vector base is always on the page: with web tiles it stays hidden until the tiles fail.
    base_label = LAYER_LABELS["basemap"]
    out.append(PageLayer(LAYER_KINDS["BasemapLayer"], base_label, not content.tile_url,
                         basemap_arguments(base_label), {"name": base_label, "show": not content.tile_url}))
    if content.tile_url:
        attribution = html.escape(content.tile_attribution)
        out.append(PageLayer(LAYER_KINDS["WebTileLayer"], "Tiles", True, tile_arguments(content.tile_url, attribution),
                             {"url": content.tile_url, "attribution": attribution}))  # fmt: skip
    if "boundaries" in layers:
        data_layer("BoundaryLayer", "boundaries")
    if layers["control_areas"].count:
        data_layer("ControlAreaLayer", "control_areas")
    if content.heatmap and layers["incidents"].count:
        p = layers["incidents"].payload
        data_layer("HeatLayer", "heatmap", show=False, payload={"x": p["x"], "y": p["y"], "d": p["d"]})
    if layers["frontlines"].count:
        # An estimate is a guess: its layer starts unchecked unless lines drawn by analysts or from control areas
        # come with it; the reader turns it on, and the legend and the popup say what it rests on.
        items = layers["frontlines"].payload["items"]
        data_layer("FrontlineLayer", "frontlines", show=any(item["m"] != "estimated" for item in items))
    if layers["road_closures"].count:
        data_layer("RoadClosureLayer", "road_closures")
    # Always present, even empty, so every page has the same layer list and the counts read 0, not missing.
    data_layer("IncidentLayer", "incidents", skipped=layers["incidents"].skipped,
               lazy=content.spec["timeline"] is not None)
    return out


# ------------------------------------------------------------------------------------ folium's map frame
# The text folium 0.20 writes for ``IncidentMap(location=[35.0, 38.5], tiles=None, zoom_start=7, maxZoom=18,
# minZoom=3)`` (see maps.renderer.build_map) and for its layer control, as branca puts it in the page.
_MAP_HEADER = """
            <meta name="viewport" content="width=device-width,
                initial-scale=1.0, maximum-scale=1.0, user-scalable=no" />
            <style>
                #{map} {{
                    position: relative;
                    width: 100.0%;
                    height: 100.0%;
                    left: 0.0%;
                    top: 0.0%;
                }}
                .leaflet-container {{ font-size: 1rem; }}
            </style>

            <style>html, body {{
                width: 100%;
                height: 100%;
                margin: 0;
                padding: 0;
            }}
            </style>

            <style>#map {{
                position:absolute;
                top:0;
                bottom:0;
                right:0;
                left:0;
                }}
            </style>

            <script>
                L_NO_TOUCH = false;
                L_DISABLE_3D = false;
            </script>

        """
_MAP_HTML = """
            <div class="folium-map" id="{map}" ></div>
        """
_MAP_SCRIPT = """
            var {map} = L.map(
                "{map}",
                {{
                    center: [35.0, 38.5],
                    crs: L.CRS.EPSG3857,
                    ...{{
  "zoom": 7,
  "zoomControl": true,
  "preferCanvas": false,
  "maxZoom": 18,
  "minZoom": 3,
}}

                }}
            );

{blank}

        """.replace("{blank}", " " * 12)  # folium leaves a line of spaces here
_CONTROL_SCRIPT = """
            var {control}_layers = {{
                base_layers : {{{base}
                }},
                overlays :  {{{overlays}
                }},
            }};
            let {control} = L.control.layers(
                {control}_layers.base_layers,
                {control}_layers.overlays,
                {{
  "position": "topright",
  "collapsed": false,
  "autoZIndex": true,
}}
            ).addTo({map});

        """
_HTTP_META = '<meta http-equiv="content-type" content="text/html; charset=UTF-8" />'


def page_text(content: MapContent) -> str:
    """The page of ``content`` as ``maps.folium_page.page_html(build_map(content), ...)`` writes it before its assets
    are resolved (``gi-asset:`` placeholders), with ``lang="ar"``."""
    layers = page_layers(content)
    # element ids as maps.elements.number_elements gives them: the figure 0, the map 1, then its children
    names = [f"{_variable(layer.kind.element)}_{element_id(k + 2)}" for k, layer in enumerate(layers)]
    map_name = f"map_{element_id(1)}"
    control = f"layer_control_{element_id(len(layers) + 2)}"
    header = {"meta_charset": '<meta charset="utf-8"/>', "meta_http": _HTTP_META,
              "page_title": f"<title>{html.escape(content.page_title)}</title>"}  # fmt: skip
    _link(header, LEAFLET_JS, LEAFLET_CSS)
    header["map"] = _MAP_HEADER.format(map=map_name)
    scripts = [_MAP_SCRIPT.format(map=map_name)]
    base, overlays = [], []
    for layer, name in zip(layers, names, strict=True):
        _link(header, layer.kind.js, layer.kind.css)
        scripts.append(layer_script(name, map_name, layer_code(layer.kind.factory, map_name, layer.arguments),
                                    layer.show))  # fmt: skip
        if layer.kind.control:
            (overlays if layer.kind.overlay else base).append(f"\n                    {_tojson(layer.label)} : {name},")
    scripts.append(_CONTROL_SCRIPT.format(control=control, map=map_name, base="".join(base),
                                          overlays="".join(overlays)))  # fmt: skip
    _link(header, *CONTROLS_FILES)
    scripts.append(controls_script(map_name, script_json(content.spec)))
    return (
        '<!DOCTYPE html>\n<html lang="ar">\n<head>\n    '
        + "".join("\n    " + text for text in header.values())
        + "\n</head>\n<body>\n    \n    " + _MAP_HTML.format(map=map_name) + "\n</body>\n<script>\n    "
        + "".join("\n    " + text for text in scripts)
        + "\n</script>\n</html>"
    )  # fmt: skip


def _link(header: dict[str, str], js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
    """Each file linked once, where the first element that needs it links it (as maps.elements does)."""
    for name, url in js:
        header.setdefault(name, f'<script src="{url}"></script>')
    for name, url in css:
        header.setdefault(name, f'<link rel="stylesheet" href="{url}"/>')


def _tojson(text: str) -> str:
    """Jinja's ``tojson`` filter: JSON with the HTML-special characters escaped."""
    return (json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))  # fmt: skip


@cache
def _variable(name: str) -> str:
    """branca's ``_camelify`` of an element name (``IncidentLayer`` -> ``incident_layer``)."""
    out = []
    for i, x in enumerate(name):
        nxt = name[i + 1] if i < len(name) - 1 else ""
        if nxt and x.isupper() and nxt.islower():
            out.append("_" + x.lower())
        elif nxt and x.islower() and nxt.isupper():
            out.append(x.lower() + "_")
        else:
            out.append(x.lower())
    return "".join(out).lstrip("_").replace("__", "_")


@cache
def element_id(n: int) -> str:
    """The id of the ``n``-th element of a map's tree (pre-order): the same map makes the same page."""
    return sha1(f"geo-incidents element {n}".encode()).hexdigest()[:32]
