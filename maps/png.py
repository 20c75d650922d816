"""Static PNG of a map for PDF / Word reports, rendered in headless Chromium."""

from __future__ import annotations

import tempfile
from pathlib import Path

from gazetteer.atomic import write_bytes_atomic
from maps.browser import shared_context


def parse_size(text: str) -> tuple[int, int]:
    """``"1200x800"`` (the CLI's ``--png WIDTHxHEIGHT``) to ``(1200, 800)``; a clear error otherwise."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.strip().isdigit() or not height.strip().isdigit():
        raise ValueError(f"PNG size must look like 1200x800, not {text!r}")
    size = int(width), int(height)
    if not (100 <= size[0] <= 10000 and 100 <= size[1] <= 10000):
        raise ValueError(f"PNG size {text!r} is outside 100x100 .. 10000x10000")
    return size


def write_png(map_or_html: object, path: str | Path, size: tuple[int, int] = (1200, 800), *,
              timeout_ms: int = 30000, context=None) -> Path:  # fmt: skip
    """Screenshot a folium map (rendered self-contained) or an existing HTML page to ``path``.

    Raises :class:`maps.browser.BrowserUnavailable` with what to install when playwright or Chromium is
    missing. ``context``: a playwright browser context to use instead of the shared one. Pages
    drawn with the vector base need nothing from the network; tile maps fetch their tiles.
    """
    from maps.folium_page import page_html

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="gi-png-") as tmp:
        if isinstance(map_or_html, (str, Path)):
            page = Path(map_or_html).resolve()
            if not page.is_file():
                raise FileNotFoundError(f"{page}: no such HTML page")
        else:
            page = Path(tmp) / "map.html"
            page.write_text(page_html(map_or_html, assets="offline"), encoding="utf-8")
        data = _screenshot(context if context is not None else shared_context(), page, size, timeout_ms)
    write_bytes_atomic(path, data)
    return path


def _screenshot(context, page: Path, size: tuple[int, int], timeout_ms: int) -> bytes:
    tab = context.new_page()
    try:
        tab.set_viewport_size({"width": size[0], "height": size[1]})
        tab.goto(page.as_uri(), wait_until="load", timeout=timeout_ms)
        tab.wait_for_function("window.geoIncidents && window.geoIncidents.ready === true", timeout=timeout_ms)
        tab.wait_for_timeout(400)  # marker cluster animation and canvas redraw settle
        return tab.screenshot(full_page=False)
    finally:
        tab.close()
