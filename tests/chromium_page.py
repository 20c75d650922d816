"""Headless Chromium for tests: open a local page with the network blocked, collect errors.

Shared by the maps tests and the seed acceptance test::

    from tests.chromium_page import chromium_or_skip, open_page
    with chromium_or_skip() as context:
        with open_page(context, path) as opened:
            opened.page.evaluate("window.geoIncidents.layers")
            assert not opened.errors

When the env var CI is set, a missing playwright or Chromium FAILS the test instead of skipping it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from maps.browser import BrowserUnavailable, block_network, shared_context


@dataclass
class OpenedPage:
    page: object  # playwright Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors


def missing_browser(reason: str) -> None:
    """Fail under CI (the browser is part of the test set-up there), skip locally."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need playwright and Chromium under CI: {reason}")
    pytest.skip(reason)


@contextmanager
def chromium_or_skip() -> Iterator:
    """The process's shared headless Chromium context (see :mod:`maps.browser`); stays open afterwards."""
    try:
        context = shared_context()
    except BrowserUnavailable as err:
        missing_browser(str(err))
    except Exception as err:  # playwright present but the browser would not start
        missing_browser(f"Chromium did not start: {err}")
    yield context


@contextmanager
def open_page(
    context, path: Path, *, wait_ready: bool = True, offline: bool = True, timeout_ms: int = 20000
) -> Iterator[OpenedPage]:
    """Open ``path`` in a new tab (network blocked unless ``offline`` is False); waits for
    ``window.geoIncidents.ready`` unless ``wait_ready`` is False."""
    page = context.new_page()
    if offline:
        block_network(page)
    page.set_default_timeout(timeout_ms)
    opened = OpenedPage(page=page)
    page.on("console", lambda msg: opened.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: opened.blocked.append(req.url))
    try:
        page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)
        if wait_ready:
            try:
                page.wait_for_function("window.geoIncidents && window.geoIncidents.ready === true", timeout=timeout_ms)
            except Exception as err:
                raise AssertionError(f"{path}: map never became ready ({err}); errors: {opened.errors}") from None
        yield opened
    finally:
        page.close()
