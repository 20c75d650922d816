"""Errors and import reports shared by every source importer.

A fatal problem (unreadable file, not GeoJSON, a required column missing everywhere) raises
:class:`SourceError`; a problem confined to one row (a missing name, an invalid geometry) is
skipped and noted in an :class:`ImportReport`, so that one bad row never loses a whole file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

log = logging.getLogger("gazetteer.io")


class SourceError(ValueError):
    """A source file that cannot be imported; names the file and, when known, the row.

    ``row`` is the 1-based feature number (GeoJSON) or line number (CSV, text dumps).
    """

    def __init__(self, path: str | PathLike[str], row: int | None, reason: str) -> None:
        self.path = str(path)
        self.row = row
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        name = Path(self.path).name or self.path
        if self.row is None:
            return f"{name}: {self.reason}"
        return f"{name}, row {self.row}: {self.reason}"

    def __reduce__(self):
        return (type(self), (self.path, self.row, self.reason))


@dataclass
class ImportReport:
    """What an import read, kept and skipped, with the reason for every skipped or repaired row.

    ``problems`` holds ``(row, reason)`` pairs for skipped rows; ``repairs`` those rows that were
    kept after a fix (a truncated name cut back, an invalid polygon made valid).
    """

    path: str = ""
    read: int = 0
    kept: int = 0
    skipped: int = 0
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    repairs: list[tuple[int | None, str]] = field(default_factory=list)
    quiet_skips: dict[str, int] = field(default_factory=dict)

    def skip(self, row: int | None, reason: str, *, quiet: bool = False) -> None:
        """Count a skipped row; ``quiet`` ones (expected, e.g. no Arabic name) are only tallied."""
        self.skipped += 1
        if quiet:
            self.quiet_skips[reason] = self.quiet_skips.get(reason, 0) + 1
            return
        self.problems.append((row, reason))
        log.warning("%s", SourceError(self.path, row, reason))

    def repair(self, row: int | None, reason: str) -> None:
        self.repairs.append((row, reason))
        log.info("%s", SourceError(self.path, row, reason))

    def summary(self) -> str:
        return (
            f"{Path(self.path).name}: read {self.read}, kept {self.kept}, skipped {self.skipped}"
            f", repaired {len(self.repairs)}"
        )
