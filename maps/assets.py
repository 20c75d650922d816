"""Where the page's JavaScript and CSS come from: installed packages and our own ``maps/static``.

Elements name their assets with the placeholder scheme ``gi-asset:NAME``; :func:`resolve_assets` turns the
placeholders into relative links (``local``: files copied once into ``assets/`` beside the pages), inline
code (``offline``: one self-contained file, Leaflet's CSS images as data: URIs) or public CDN links
(``cdn``; our own small files are inlined since no CDN carries them). Nothing is fetched at run time.
"""

from __future__ import annotations

import base64
import mimetypes
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_cluster

from gazetteer.atomic import atomic_output, write_bytes_atomic
from maps.script_json import script_json

SCHEME = "gi-asset:"
ASSET_DIR_NAME = "assets"
MODES = ("local", "offline", "cdn")
STATIC_DIR = Path(__file__).resolve().parent / "static"
BASEMAP_GEOJSON = STATIC_DIR / "basemap_syria.geojson"
BASEMAP_ATTRIBUTION = ("Base map: OCHA Syria COD boundaries, communities and Aleppo neighbourhoods (CC BY-IGO), "
                       "Natural Earth (public domain), curated roads and rivers (approximate)")

_LEAFLET_DIR = Path(xs_leaflet.BASE_DIR)
_CLUSTER_DIR = Path(xs_cluster.BASE_DIR)
_LEAFLET_CDN = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/"
_CLUSTER_CDN = "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/"


@dataclass(frozen=True)
class Asset:
    """One JS or CSS file: ``name`` is its path below ``assets/`` and its placeholder."""

    name: str
    source: Path | None  # None: generated (see _generated_text)
    cdn: str | None = None

    @property
    def is_css(self) -> bool:
        return self.name.endswith(".css")


ASSETS: dict[str, Asset] = {
    asset.name: asset
    for asset in (
        Asset("leaflet/leaflet.js", _LEAFLET_DIR / "leaflet.js", _LEAFLET_CDN + "leaflet.js"),
        Asset("leaflet/leaflet.css", _LEAFLET_DIR / "leaflet.css", _LEAFLET_CDN + "leaflet.css"),
        Asset(
            "markercluster/leaflet.markercluster.js",
            _CLUSTER_DIR / "leaflet.markercluster.js",
            _CLUSTER_CDN + "leaflet.markercluster.js",
        ),
        Asset(
            "markercluster/MarkerCluster.css", _CLUSTER_DIR / "MarkerCluster.css", _CLUSTER_CDN + "MarkerCluster.css"
        ),
        Asset(
            "markercluster/MarkerCluster.Default.css",
            _CLUSTER_DIR / "MarkerCluster.Default.css",
            _CLUSTER_CDN + "MarkerCluster.Default.css",
        ),
        Asset("geo-incidents/gi-map.css", STATIC_DIR / "gi-map.css"),
        Asset("geo-incidents/gi-layers.js", STATIC_DIR / "gi-layers.js"),
        Asset("geo-incidents/gi-controls.js", STATIC_DIR / "gi-controls.js"),
        Asset("geo-incidents/basemap_syria.js", None),
    )
}
#: Leaflet's CSS refers to these images relatively (``images/layers.png``).
_LEAFLET_IMAGES = sorted((_LEAFLET_DIR / "images").glob("*.png"))


def asset_url(name: str) -> str:
    """Placeholder link for an asset, resolved when a page is written."""
    if name not in ASSETS:
        raise KeyError(f"unknown asset {name!r}")
    return SCHEME + name


@cache
def _generated_text(name: str) -> str:
    if name == "geo-incidents/basemap_syria.js":
        geojson = BASEMAP_GEOJSON.read_text(encoding="utf-8")
        # Re-serialised through script_json: a GeoJSON file is data, and data never goes raw into a script.
        import json

        return "window.GI_BASEMAP = " + script_json(json.loads(geojson)) + ";\n"
    raise KeyError(name)


def asset_text(name: str) -> str:
    asset = ASSETS[name]
    return asset.source.read_text(encoding="utf-8") if asset.source else _generated_text(name)


@cache
def _inline_css(name: str) -> str:
    """CSS with relative ``url(images/x.png)`` turned into data: URIs (offline pages)."""
    asset = ASSETS[name]
    text = asset_text(name)
    base = asset.source.parent if asset.source else STATIC_DIR

    def to_data_uri(match: re.Match) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#")):
            return match.group(0)
        path = (base / ref).resolve()
        if not path.is_file():
            return "url()"  # never leave a link that a browser would try to fetch
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"url(data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"

    return re.sub(r"url\((['\"]?)([^'\")]+)\1\)", to_data_uri, text)


def _safe_inline_js(text: str) -> str:
    # A library's source may contain "</script" in a string; split it so the block is not closed early.
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _safe_inline_css(text: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE)


_LINK_RE = re.compile(
    r'<script src="' + re.escape(SCHEME) + r'(?P<js>[^"]+)"></script>'
    r'|<link rel="stylesheet" href="' + re.escape(SCHEME) + r'(?P<css>[^"]+)"\s*/?>'
)


def resolve_assets(html: str, mode: str = "local", asset_prefix: str = ASSET_DIR_NAME + "/") -> str:
    """Replace every ``gi-asset:`` link in ``html`` according to ``mode`` (see module docstring)."""
    if mode not in MODES:
        raise ValueError(f"assets must be one of {', '.join(MODES)}, not {mode!r}")

    def replace(match: re.Match) -> str:
        name = match.group("js") or match.group("css")
        asset = ASSETS[name]
        if mode == "local":
            href = asset_prefix + name
        elif mode == "cdn" and asset.cdn:
            href = asset.cdn
        else:
            href = None
        if href is not None:
            if asset.is_css:
                return f'<link rel="stylesheet" href="{href}"/>'
            return f'<script src="{href}"></script>'
        if asset.is_css:
            return "<style>" + _safe_inline_css(_inline_css(name)) + "</style>"
        return "<script>" + _safe_inline_js(asset_text(name)) + "</script>"

    return _LINK_RE.sub(replace, html)


def copy_assets(out_dir: Path) -> Path:
    """Copy every asset once into ``out_dir/assets`` (skipping files already identical) and return it."""
    target = Path(out_dir) / ASSET_DIR_NAME
    for name, asset in ASSETS.items():
        dest = target / name
        if asset.source is None:
            write_bytes_if_changed(dest, asset_text(name).encode("utf-8"))
        elif not dest.exists() or dest.stat().st_size != asset.source.stat().st_size or _differs(asset.source, dest):
            dest.parent.mkdir(parents=True, exist_ok=True)
            _copy_atomic(asset.source, dest)
    for image in _LEAFLET_IMAGES:
        dest = target / "leaflet" / "images" / image.name
        if not dest.exists() or dest.stat().st_size != image.stat().st_size:
            dest.parent.mkdir(parents=True, exist_ok=True)
            _copy_atomic(image, dest)
    return target


def _differs(a: Path, b: Path) -> bool:
    return a.read_bytes() != b.read_bytes()


def _copy_atomic(source: Path, dest: Path) -> None:
    with atomic_output(dest) as tmp:
        shutil.copyfile(source, tmp)


def write_bytes_if_changed(dest: Path, data: bytes) -> None:
    """:func:`write_bytes_atomic` unless ``dest`` holds ``data`` already (its time then says when it changed)."""
    if dest.exists() and dest.read_bytes() == data:
        return
    write_bytes_atomic(dest, data)
