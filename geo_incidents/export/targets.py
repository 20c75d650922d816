"""Where an export may write: never over a store, never over a file beside a store that we did not write.

A user who points ``export --out`` at a run's folder must not lose the store (``incidents.gpkg``) or
their own files kept beside it. In a folder that holds a store, an export writes new files, or
replaces the files geo-incidents itself writes there (``incidents.geojson``, ``incidents.csv``, …).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

#: Layers a store folder may hold exports of; with every export suffix these are our own file names.
_LAYERS = ("incidents", "road_closures", "frontlines")


class ExportTargetError(ValueError):
    """The export would overwrite the store or a file beside it that geo-incidents did not write."""


def own_names(suffixes: Iterable[str]) -> frozenset[str]:
    return frozenset(f"{layer}{suffix}" for layer in _LAYERS for suffix in suffixes)


def is_store(path: Path) -> bool:
    """True when ``path`` is an incident store (a GeoPackage with our ``articles`` and ``runs`` tables).

    Opened read-only, so checking never changes the file.
    """
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return False
    except OSError:
        return False
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:  # e.g. a killed run's hot journal, which a read-only reader cannot roll back:
        return True  # it may well be a store, so it is treated as one
    return {"articles", "runs"} <= names


def check_targets(targets: Iterable[Path], suffixes: Iterable[str]) -> None:
    """Raise :class:`ExportTargetError` before anything is written if a target is not ours to replace."""
    allowed = own_names(suffixes)
    for target in map(Path, targets):
        if not target.exists():
            continue
        if target.is_dir():
            raise ExportTargetError(f"refusing to write {target}: it is a folder")
        if is_store(target):
            raise ExportTargetError(
                f"refusing to write {target}: it is an incident store and an export would replace it; "
                "give --out another file name or folder"
            )
        if target.name in allowed:
            continue
        store = next((p for p in sorted(target.parent.glob("*.gpkg")) if is_store(p)), None)
        if store is not None:
            raise ExportTargetError(
                f"refusing to overwrite {target}: it lies beside the store {store} and geo-incidents did not "
                "write it; give --out a new file name or another folder"
            )
