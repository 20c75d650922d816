"""Write-then-rename, so that an export is either complete or absent, never half written."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

#: Files GDAL/SQLite may leave beside a file while writing it.
_SIDE_FILES = ("-journal", "-wal", "-shm", ".aux.xml")


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; on success fsync it and rename it over ``path``.

    The temporary file is in the same directory so that ``os.replace`` is a rename on one file
    system; it keeps the suffix so drivers that look at it pick the right format. On any error
    the temporary file and its side files are removed and the target is left as it was.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp{target.suffix}")
    try:
        yield tmp
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        for side in _SIDE_FILES:
            with suppress(FileNotFoundError):
                Path(f"{tmp}{side}").unlink()
    with suppress(OSError):
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _remove(tmp: Path) -> None:
    with suppress(FileNotFoundError):
        tmp.unlink()
