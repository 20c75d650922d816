"""Static PNG of a map for PDF / Word reports, rendered in headless Chromium."""

from __future__ import annotations

import tempfile
from pathlib import Path

from maps.assets import write_bytes_atomic
from maps.browser import chromium_context


def write_png(map_or_html: object, path: str | Path, size: tuple[int, int] = (1200, 800), *,
              timeout_ms: int = 30000) -> Path:  # fmt: skip
    """Screenshot a folium map (rendered self-contained) or an existing HTML page to ``path``.

    Raises :class:`maps.browser.BrowserUnavailable` with what to install when playwright or Chromium is
    missing. Tiles from the network are blocked unless the page is a URL template map with ``tiles`` set;
    pages drawn with the vector base need nothing from the network.
    """
    from maps.pages import page_html

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="gi-png-") as tmp:
        if isinstance(map_or_html, (str, Path)):
            page = Path(map_or_html).resolve()
            if not page.is_file():
                raise FileNotFoundError(f"{page}: no such HTML page")
        else:
            page = Path(tmp) / "map.html"
            page.write_text(page_html(map_or_html, assets="offline"), encoding="utf-8")
        with chromium_context(viewport=size, offline=False) as context:
            tab = context.new_page()
            tab.goto(page.as_uri(), wait_until="load", timeout=timeout_ms)
            tab.wait_for_function("window.geoIncidents && window.geoIncidents.ready === true", timeout=timeout_ms)
            tab.wait_for_timeout(400)  # marker cluster animation and canvas redraw settle
            data = tab.screenshot(full_page=False)
    write_bytes_atomic(path, data)
    return path
