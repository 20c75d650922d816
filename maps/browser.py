"""Headless Chromium through playwright (optional): PNG export and the browser tests share this launcher.

Uses an installed Chromium (Debian's /usr/bin/chromium, or $GEO_INCIDENTS_CHROMIUM); never downloads one.
One browser per process, started on first use and closed at exit: playwright's sync API cannot run two
sessions in one thread, so every caller (tests, PNG export) shares it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DEFAULT_VIEWPORT = (1200, 800)

_shared: dict = {}


class BrowserUnavailable(RuntimeError):
    """playwright or a Chromium binary is missing."""


def find_chromium() -> str | None:
    """$GEO_INCIDENTS_CHROMIUM, else the first chromium/chrome on the system."""
    env = os.environ.get("GEO_INCIDENTS_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


def block_network(page) -> None:
    """Abort every request that is not a local file, data: URI or 127.0.0.1 (proves a page is offline)."""
    page.route("**/*", _local_only)


def _local_only(route) -> None:
    url = urlparse(route.request.url)
    if url.scheme in ("file", "data", "about", "blob") or url.hostname in ("127.0.0.1", "localhost"):
        route.continue_()
    else:
        route.abort()


def shared_context():
    """The process's browser context (fresh temporary profile), started on first call."""
    if "context" in _shared:
        return _shared["context"]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise BrowserUnavailable(
            "headless rendering needs playwright: pip install 'geo-incidents[png]' (a system Chromium is used)"
        ) from err
    executable = find_chromium()
    if executable is None:
        raise BrowserUnavailable(
            "no Chromium found: install one (Debian: apt install chromium) or set GEO_INCIDENTS_CHROMIUM"
        )
    profile = tempfile.TemporaryDirectory(prefix="gi-chromium-")
    playwright = sync_playwright().start()
    try:
        context = playwright.chromium.launch_persistent_context(
            profile.name, executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": DEFAULT_VIEWPORT[0], "height": DEFAULT_VIEWPORT[1]},
        )  # fmt: skip
    except Exception:
        playwright.stop()
        profile.cleanup()
        raise
    _shared.update(playwright=playwright, context=context, profile=profile)
    atexit.register(close_shared)
    return context


def close_shared() -> None:
    """Close the shared browser (also done at exit)."""
    context = _shared.pop("context", None)
    playwright = _shared.pop("playwright", None)
    profile = _shared.pop("profile", None)
    try:
        if context is not None:
            context.close()
    finally:
        if playwright is not None:
            playwright.stop()
        if profile is not None:
            profile.cleanup()


@contextmanager
def chromium_context() -> Iterator:
    """The shared context as a ``with`` block (it stays open for the next caller)."""
    yield shared_context()
