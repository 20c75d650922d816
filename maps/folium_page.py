"""A folium map as one HTML page, written atomically, or as an embed for a report page."""

from __future__ import annotations

import copy
import html
from pathlib import Path

from gazetteer.atomic import write_bytes_atomic
from maps.assets import copy_assets, resolve_assets


def page_html(fmap, *, assets: str = "local", asset_prefix: str = "assets/") -> str:
    """The complete HTML of a map: Arabic page language, assets resolved for ``assets`` mode."""
    # folium appends a layer's addTo() again on every render; render a copy so a map can be written twice.
    return _html(copy.deepcopy(fmap.get_root()), assets, asset_prefix)


def _html(fmap, assets: str, asset_prefix: str = "assets/") -> str:
    """:func:`page_html` of a map rendered only this once (rendering changes it)."""
    text = fmap.get_root().render()
    text = text.replace("<html>", '<html lang="ar">', 1)
    return resolve_assets(text, assets, asset_prefix)


def write_page(fmap, path: str | Path, *, assets: str = "local") -> Path:
    """Write ``fmap`` to ``path`` atomically. ``local`` also copies the assets once into ``assets/`` beside it."""
    path = Path(path)
    if assets == "local":
        copy_assets(path.parent)
    return _write_page_only(fmap, path, assets)


def _write_page_only(fmap, path: Path, assets: str) -> Path:
    text = page_html(fmap, assets=assets)
    write_bytes_atomic(path, text.encode("utf-8"))
    return path


def embed_html(fmap, *, height: str = "600px") -> str:
    """An HTML fragment for a report page: the self-contained map in an iframe ``srcdoc``.

    The sandbox lets the map's scripts run but not reach the embedding page.
    """
    doc = html.escape(page_html(fmap, assets="offline"), quote=True)
    return (
        f'<iframe class="geo-incidents-map" srcdoc="{doc}" style="width:100%;height:{html.escape(height)};'
        'border:0" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" loading="lazy"'
        ' title="map"></iframe>'
    )


def write_embed(fmap, path: str | Path, *, height: str = "600px") -> Path:
    path = Path(path)
    write_bytes_atomic(path, embed_html(fmap, height=height).encode("utf-8"))
    return path


__all__ = ["embed_html", "page_html", "write_embed", "write_page"]
