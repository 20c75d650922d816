"""Headless Chromium through playwright (optional): PNG export and the browser tests share this launcher.

Uses an installed Chromium (Debian's /usr/bin/chromium, or $GEO_INCIDENTS_CHROMIUM); never downloads one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


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


def _local_only(route) -> None:
    url = urlparse(route.request.url)
    if url.scheme in ("file", "data", "about", "blob") or url.hostname in ("127.0.0.1", "localhost"):
        route.continue_()
    else:
        route.abort()


@contextmanager
def chromium_context(*, viewport: tuple[int, int] = (1200, 800), offline: bool = True) -> Iterator:
    """A fresh persistent context (temporary profile). ``offline`` aborts every non-file, non-local request."""
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
    with tempfile.TemporaryDirectory(prefix="gi-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": viewport[0], "height": viewport[1]},
        )  # fmt: skip
        try:
            if offline:
                context.route("**/*", _local_only)
            yield context
        finally:
            context.close()
