"""Writing a bundled data table (``gazetteer/data/*.csv``): UTF-8, ``\\n`` line ends, a header, atomically.

The scripts that derive our bundled tables (countries, country points, provinces) write them the
same way, so that a rebuild from the same sources gives the same bytes and a failed one leaves the
committed file as it was.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from gazetteer.atomic import atomic_output


def write_bundled_table(path: Path, columns: Sequence[str], rows: Iterable[dict]) -> int:
    """Write ``rows`` under the header ``columns``; the number of rows written."""
    count = 0
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
