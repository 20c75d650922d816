"""The one way this project writes a file: to a temporary name beside it, then renamed over it.

Used by the gazetteer's index files, the exports and the map pages alike (the lowest package holds it so
that all three can). A reader never sees half a file; a process killed mid-write leaves the target as it
was plus a temporary file whose name carries the writer's process id, which the next run removes
(:func:`remove_stale_temporaries`). Files are created with ``open`` (never ``mkstemp``, which makes them
0600), so they get the mode every new file of the user gets: 0666 less the umask.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

#: Files GDAL/SQLite may leave beside a file while writing it.
SIDE_FILES = ("-journal", "-wal", "-shm", ".aux.xml")
#: ``.<name>.<pid>-<8 hex>.tmp<suffix>`` plus the side files of such a temporary.
_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.tmp(?:\.[^.]*)?(?:-journal|-wal|-shm|\.aux\.xml)?$")


def temporary_name(target: Path) -> Path:
    """Where ``target`` is written before it is renamed into place (same folder, same suffix for drivers)."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp{target.suffix}")


@contextmanager
def atomic_output(path: str | os.PathLike, *, sync_folder: bool = True) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; when the block succeeds, fsync it and rename it over ``path``.

    The caller (or the driver it calls) creates the file at the yielded path. On any error the temporary
    file and its side files are removed and the target is left as it was. ``sync_folder=False`` leaves the
    folder's fsync (which makes the rename durable) to the caller: one :func:`fsync_folder` after writing
    many files into one folder instead of one per file.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(target)
    try:
        yield tmp
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            tmp.unlink()
        raise
    finally:
        for side in SIDE_FILES:
            with suppress(FileNotFoundError):
                Path(f"{tmp}{side}").unlink()
    if sync_folder:
        fsync_folder(target.parent)


def fsync_folder(folder: str | os.PathLike) -> None:
    """fsync a folder, so that the files renamed into it stay renamed after a crash (where the OS allows)."""
    with suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def write_bytes_atomic(path: str | os.PathLike, data: bytes, *, sync_folder: bool = True) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, sync_folder=sync_folder) as tmp, open(tmp, "xb") as handle:
        handle.write(data)


def remove_stale_temporaries(folder: str | os.PathLike, *, recursive: bool = False) -> list[Path]:
    """Remove the temporary files our writers left in ``folder`` when they were killed; return them.

    Only names of :func:`temporary_name` whose process is gone are removed, so a writer still at work
    (another run into the same folder) keeps its file.
    """
    root = Path(folder)
    if not root.is_dir():
        return []
    removed = []
    candidates = root.rglob(".*.tmp*") if recursive else root.glob(".*.tmp*")
    for path in candidates:
        match = _TEMPORARY.match(path.name)
        if match is None or _alive(int(match.group(1))):
            continue
        with suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            path.unlink()
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
