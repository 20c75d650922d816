"""Where the gazetteer keeps what it builds once per machine: the index, imported places, word lists.

Its own module so that any part of the package (the word lists of :mod:`gazetteer.frequency` too) can
ask for it without importing :mod:`gazetteer.gazetteer`, which imports them.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """``GEO_INCIDENTS_CACHE`` when set, else ``~/.cache/geo-incidents``."""
    env = os.environ.get("GEO_INCIDENTS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "geo-incidents"
