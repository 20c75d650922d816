"""Which pages of a folder are current, so that a re-run rewrites only the pages whose content changed.

A folder of day pages keeps a small manifest (:data:`MANIFEST_NAME`): for each page, the digest of what it
shows (:meth:`maps.content.MapContent.digest`, plus the asset mode) and the size and modification time of the
file as written. A page is written again when its content differs, when the file is missing or was changed
since (its size or time differ), or when the code that draws pages changed: the manifest also records a
digest of this package's sources and static files and of the versions of folium, branca and the Leaflet
packages, and a manifest from other code counts as empty.

The manifest also keeps a digest of the whole input (every frame, every option) with the days and counts
it gave: a run with the same input, whose files are all as written, has nothing to draw at all.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.atomic import write_bytes_atomic

if TYPE_CHECKING:
    import pandas as pd

    from maps.rows import Rows

MANIFEST_NAME = ".geo-incidents-pages.json"
FORMAT = 1
_PACKAGES = ("folium", "branca", "xstatic-leaflet", "xstatic-leaflet-markercluster")


@cache
def renderer_digest() -> str:
    """A digest of everything besides the data that decides how a page looks."""
    from importlib import metadata

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".js", ".css", ".geojson"))
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for name in _PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


#: the map libraries' modules whose files :func:`renderer_signature` looks at (the packages of ``_PACKAGES``)
_MODULES = ("folium", "branca", "xstatic.pkg.leaflet", "xstatic.pkg.leaflet_markercluster")


def renderer_signature() -> str:
    """Sizes and times of the files :func:`renderer_digest` reads, and of the map libraries' entry files.

    A cheap stand-in for the digest (a few stat calls, no file read and no ``importlib.metadata``), for a
    caller that must know without drawing whether the renderer may have changed since a folder was drawn:
    editing or upgrading the map code or a map library changes it. It may also change when the digest
    does not (a file touched), which only costs a redraw that the manifest then mostly skips."""
    from importlib.util import find_spec

    package = Path(__file__).resolve().parent
    entries = [(path.relative_to(package).as_posix(), *(_stamp(path) or ()))
               for path in sorted(package.rglob("*")) if path.suffix in (".py", ".js", ".css", ".geojson")]
    for module in _MODULES:
        try:
            spec = find_spec(module)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        entries.append((module, *((_stamp(Path(origin)) or ()) if origin else ())))
    return hashlib.sha256(json.dumps(entries).encode("utf-8")).hexdigest()


def input_digest(frames: list[pd.DataFrame | Rows | None], options: dict) -> str:
    """A digest of frames (columns, types, every value in row order, geometries as WKB, CRS) and options."""
    from maps.rows import Rows

    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode("utf-8"))
    for frame in frames:
        if frame is None:
            digest.update(b"none\0")
            continue
        if isinstance(frame, Rows):
            digest.update(b"rows\0" + frame.digest())
            continue
        import numpy as np
        import pandas as pd
        import shapely

        digest.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode("utf-8"))
        digest.update(str(getattr(frame, "crs", None)).encode("utf-8"))
        for _, series in frame.items():
            if str(series.dtype) == "geometry":
                wkb = shapely.to_wkb(np.asarray(series.values, dtype=object))
                digest.update(b"\0".join(b"-" if w is None else w for w in wkb))
                continue
            try:
                hashes = pd.util.hash_pandas_object(series, index=False)
            except TypeError:  # lists, dicts: by their text
                hashes = pd.util.hash_pandas_object(series.map(repr), index=False)
            digest.update(hashes.to_numpy().tobytes())
        digest.update(f"\0{len(frame)}\0".encode())
    return digest.hexdigest()


def pages_intact(folder: str | Path) -> bool:
    """Whether every page and file the folder's manifest records is there as it was written (none deleted or
    edited by hand): what a caller that knows the input is unchanged checks before drawing nothing.
    Reads the manifest and looks at the files' sizes and times; loads no table or map library."""
    folder = Path(folder)
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        files = {**data["run"]["files"], **{name: entry["file"] for name, entry in data["pages"].items()}}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return bool(files) and all(_stamp(folder / name) == stamp for name, stamp in files.items())


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


class PageManifest:
    """The manifest of one folder: :meth:`is_current` before drawing a page, :meth:`record` after writing it,
    :meth:`save` at the end (pages not recorded or kept in this run are dropped from it)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / MANIFEST_NAME
        self.renderer = renderer_digest()
        self._old: dict[str, dict] = {}
        self._old_run: dict = {}
        self._new: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("renderer") == self.renderer:
                self._old = {k: v for k, v in data.get("pages", {}).items() if isinstance(v, dict)}
                self._old_run = data.get("run") if isinstance(data.get("run"), dict) else {}
        except (OSError, ValueError, AttributeError):
            pass  # none yet, unreadable or from other code: every page is written
        self._run: dict = {}

    def unchanged_run(self, inputs: str) -> dict | None:
        """What the last run recorded (see :meth:`record_run`) if it had these ``inputs`` and every file it
        wrote or kept is as it left it; else None."""
        run = self._old_run
        if not run or run.get("inputs") != inputs:
            return None
        files = run.get("files", {})
        if any(_stamp(self.folder / name) != stamp for name, stamp in files.items()):
            return None
        if any(_stamp(self.folder / name) != entry.get("file") for name, entry in self._old.items()):
            return None
        self._new = dict(self._old)
        self._run = run
        return run

    def is_current(self, page: Path, key: str) -> bool:
        """Whether ``page`` exists as this manifest wrote it from content with this ``key``; if so it is kept."""
        entry = self._old.get(page.name)
        if entry is None or entry.get("key") != key or _stamp(page) != entry.get("file"):
            return False
        self._new[page.name] = entry
        return True

    def record(self, page: Path, key: str) -> None:
        """``page`` was just written from content with this ``key``."""
        self._new[page.name] = {"key": key, "file": _stamp(page)}

    def record_run(self, inputs: str, result: dict, files: list[Path]) -> None:
        """The whole run: its ``inputs`` digest, what it gave, and other ``files`` it made (index, assets)."""
        self._run = {"inputs": inputs, "result": result,
                     "files": {p.relative_to(self.folder).as_posix(): _stamp(p) for p in files}}  # fmt: skip

    def save(self) -> None:
        """Write the manifest; a page of the last run that this run neither wrote nor kept (a day that has no
        incident any more) is removed, unless it was changed since it was written (then it is no longer ours)."""
        for name, entry in self._old.items():
            page = self.folder / name
            if name not in self._new and "/" not in name and _stamp(page) == entry.get("file"):
                page.unlink(missing_ok=True)
        if self._new == self._old and self._run == self._old_run and self.path.exists():
            return
        data = {"format": FORMAT, "renderer": self.renderer, "run": self._run, "pages": dict(sorted(self._new.items()))}
        write_bytes_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8"))


def page_key(content_digest: str, assets: str) -> str:
    """What a page is written from: its content and how its assets are linked."""
    return f"{assets}:{content_digest}"
