"""folium elements, one class per layer kind (folium-plugins style).

Each layer embeds one compact JSON array (see :mod:`maps.features`) and lets ``static/gi-layers.js`` build
the Leaflet objects in the browser: one folium object per incident would make 10,000 incidents slow to write
and heavy to load. Assets are named ``gi-asset:`` placeholders, resolved when the page is written.

Our elements emit their code as :class:`RawCode`, never through branca's ``MacroElement.render``: that
wraps every rendered macro in ``Element(output)``, which compiles the output as a Jinja template, so a
report saying ``{{ ... }}`` would be evaluated in Python (and parsing megabytes of data as a template
costs most of the write time).
"""

from __future__ import annotations

import io
import itertools
import re
from functools import cache

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from branca.utilities import _camelify
from folium.elements import JSCSSMixin
from folium.map import Layer

from maps.folium_page import embed_html, page_html, write_page
from maps.page_text import (
    CONTROLS_FILES,
    LAYER_KINDS,
    LEAFLET_CSS,
    LEAFLET_JS,
    basemap_arguments,
    controls_script,
    data_layer_arguments,
    element_id,
    layer_code,
    layer_script,
    tile_arguments,
)
from maps.script_json import script_json


class _CheapIds:
    """Element ids from a counter and names camelified once per name.

    branca draws every element's id from ``os.urandom`` and camelifies its name again on every ``get_name``:
    small costs that add up over a thousand pages, each of which numbers its elements again anyway
    (:func:`number_elements`). The names are the same as branca's.
    """

    @classmethod
    def _generate_id(cls) -> str:
        return f"{next(_ids):032x}"

    def get_name(self) -> str:
        return _camel_name(self._name) + "_" + self._id


_ids = itertools.count(1)


@cache
def _camel_name(name: str) -> str:
    return _camelify(name)


class RawCode(_CheapIds, Element):
    """Text put into the page as is: never compiled as a Jinja template. Callers escape it."""

    def __init__(self, code: str):
        super().__init__()
        self._name = "RawCode"
        self.code = code

    def render(self, **kwargs) -> str:
        return self.code


class _CompiledOnce(MacroElement):
    """branca's ``MacroElement.render`` without compiling the output again.

    branca puts each rendered macro (a folium element's header, html and script) into the page as
    ``Element(output)``, which compiles that output as a new Jinja template: several compilations per map,
    thousands for a folder of day pages. Here the output goes in as :class:`RawCode`, as Jinja would render
    text without tags: newlines normalised, one trailing newline dropped. Listed after a folium class among
    the bases, so that the folium class's own ``render`` still runs first and reaches this one by ``super()``.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} must be added to a map before rendering")
        module = self._template.module
        for part in ("header", "html", "script"):
            macro = module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(RawCode(_as_template_text(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


def _as_template_text(text: str) -> str:
    """``text`` as Jinja renders it when it holds no tags (default settings)."""
    text = _NEWLINES.sub("\n", text)
    return text[:-1] if text.endswith("\n") else text


_NEWLINES = re.compile(r"\r\n|\r")


class IncidentMap(_CheapIds, folium.Map, _CompiledOnce):
    """A folium Map whose page loads only Leaflet and our own files.

    folium's defaults (jQuery, Bootstrap, Font Awesome, awesome-markers from CDNs) are replaced, not added
    to, so an offline page has no external URL left.
    """

    default_js = LEAFLET_JS
    default_css = LEAFLET_CSS

    def save(self, outfile, close_file: bool = True, **kwargs) -> None:
        """folium's ``save`` writes the raw template (asset placeholders unresolved: a blank page); ours writes a
        working page: one self-contained file by default, ``assets="local"`` or ``"cdn"`` as for
        :func:`maps.write_page`. A file object gets the self-contained HTML."""
        assets = kwargs.pop("assets", "offline")
        if hasattr(outfile, "write"):
            text = page_html(self, assets=assets)
            outfile.write(text if not isinstance(outfile, io.RawIOBase | io.BufferedIOBase) else text.encode("utf-8"))
            if close_file:
                outfile.close()
            return
        write_page(self, outfile, assets=assets)

    def _repr_html_(self, **kwargs) -> str:
        """In a notebook: a self-contained iframe (assets inlined), so it works without a server."""
        return embed_html(self)


class _RawScriptMixin(_CheapIds, JSCSSMixin):
    """Adds the asset links, then this element's script as :class:`RawCode` (see module docstring)."""

    def script_code(self) -> str:
        raise NotImplementedError

    def render(self, **kwargs):
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} must be added to a map before rendering")
        linked = figure.header._children
        # each file linked once: the first element that needs it adds it (folium makes a link per element)
        for name, url in self.default_js:
            if name not in linked:
                figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            if name not in linked:
                figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(RawCode(self.script_code()), name=self.get_name())


class _RawLayer(_RawScriptMixin, Layer):
    """A layer listed in the layer control, created by one call into our JS (see :mod:`maps.page_text`, which
    writes the same code for pages drawn without folium)."""

    kind = LAYER_KINDS["BasemapLayer"]

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.kind = LAYER_KINDS.get(cls.__name__, cls.kind)
        cls.default_js, cls.default_css = cls.kind.js, cls.kind.css

    def __init__(self, name: str, arguments: list[str], *, show: bool = True, overlay: bool | None = None) -> None:
        kind = self.kind
        super().__init__(name=name, overlay=kind.overlay if overlay is None else overlay, control=kind.control,
                         show=show)  # fmt: skip
        self._name = kind.element
        self.arguments = arguments

    def layer_code(self) -> str:
        return layer_code(self.kind.factory, self._parent.get_name(), self.arguments)

    def script_code(self) -> str:
        return layer_script(self.get_name(), self._parent.get_name(), self.layer_code(), self.show)


class _DataLayer(_RawLayer):
    """A toggleable overlay whose features are built in the browser from one JSON payload."""

    def __init__(self, payload: dict, name: str, *, show: bool = True, skipped: int = 0, key: str = "",
                 lazy: bool = False):  # fmt: skip
        """``lazy``: build features only when first shown (a time-slider page shows one day at a time)."""
        super().__init__(name, data_layer_arguments(payload, name, skipped=skipped, key=key, lazy=lazy), show=show)
        self.data_json, self.options_json = self.arguments


class IncidentLayer(_DataLayer):
    """Incidents: SVG icon per event type, colour per actor, clustered; coarse places as uncertainty circles."""


class RoadClosureLayer(_DataLayer):
    """Road closures styled by status: closed red, partial orange dashed, reopened green."""


class FrontlineLayer(_DataLayer):
    """Frontlines: estimated dashed and labelled, imported solid, derived dotted."""


class ControlAreaLayer(_DataLayer):
    """Areas of control: translucent polygons by actor."""


class BoundaryLayer(_DataLayer):
    """Admin boundaries supplied by the caller (outline and name)."""


class HeatLayer(_DataLayer):
    """Incident density, drawn on a canvas by our own small heat layer."""


class BasemapLayer(_RawLayer):
    """The light vector base (see ``maps/tools/make_basemap.py``): land, water, districts, roads, Aleppo's
    neighbourhoods and place labels by zoom. Hidden (``show=False``) behind web tiles until they fail."""

    def __init__(self, name: str = "Basemap", *, overlay: bool = False, show: bool = True):
        super().__init__(name, basemap_arguments(name), show=show, overlay=overlay)
        (self.options_json,) = self.arguments


class WebTileLayer(_RawLayer):
    """Web map tiles over the vector base; when they fail to load, they step aside for it (``GI.tileLayer``)."""

    def __init__(self, url: str, attribution: str):
        super().__init__("Tiles", tile_arguments(url, attribution))
        self.url_json, self.options_json = self.arguments


#: element name -> class, for :func:`maps.renderer.build_map`
LAYER_ELEMENTS: dict[str, type[_RawLayer]] = {cls.__name__: cls for cls in (
    IncidentLayer, RoadClosureLayer, FrontlineLayer, ControlAreaLayer, BoundaryLayer, HeatLayer, BasemapLayer,
    WebTileLayer)}  # fmt: skip


class LayerList(_CheapIds, folium.LayerControl, _CompiledOnce):
    """folium's layer control (base maps and overlays, with their counts), its output not compiled again."""


class MapControls(_RawScriptMixin, MacroElement):
    """Title and date, legend, scale, fullscreen, minimap, measure, time slider and attribution."""

    default_js, default_css = CONTROLS_FILES

    def __init__(self, spec: dict):
        super().__init__()
        self._name = "MapControls"
        self.spec_json = script_json(spec)

    def script_code(self) -> str:
        return controls_script(self._parent.get_name(), self.spec_json)


def number_elements(fmap: folium.Map) -> None:
    """Give every element of the map an id from its place in the tree instead of a random one: the same map
    makes the same page, byte for byte (element ids appear in the page as variable names)."""
    stack = [fmap.get_root()]
    n = 0
    while stack:
        element = stack.pop()
        element._id = element_id(n)
        n += 1
        stack.extend(reversed(element._children.values()))
