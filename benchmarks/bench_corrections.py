"""What analysts' corrections cost: recording them, and applying them when a whole store is rewritten.

A GeoPackage store of N incidents (default 100,000) gets K corrections (default 2,000: moves, casualty
counts and rejections, two per incident for a tenth of them); then the whole store is written again as
``run --reextract`` would, with and without corrections, and ``review`` and ``orphaned_corrections`` are
timed. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_corrections.py [N] [K]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import corpus  # noqa: E402

from geo_incidents.corrections.record import correction_rows  # noqa: E402
from geo_incidents.frame import incidents_to_frame  # noqa: E402
from geo_incidents.store import open_store  # noqa: E402


def main(n: int = 100_000, k: int = 2_000) -> None:
    articles, incidents = corpus(n)
    frame = incidents_to_frame(incidents)
    with tempfile.TemporaryDirectory(prefix="bench-corrections-") as tmp:
        path = Path(tmp) / "incidents.gpkg"
        with open_store(path) as store:
            store.write_batch(articles, frame, run={"command": "bench"})
            started = time.perf_counter()
            store.write_batch([], frame, run={"command": "bench rewrite"})
            plain = time.perf_counter() - started

            ids = [inc.incident_id for inc in incidents[: k // 2]]
            rows = []
            for i, incident_id in enumerate(ids):
                rows.append({"incident_id": incident_id, "action": "move", "value": f"36.{i % 900:03d},37.1",
                             "author": "bench", "note": "نقل إلى المكان المذكور"})
                second = "reject" if i % 10 == 0 else "set-casualties"
                rows.append({"incident_id": incident_id, "action": second,
                             "value": "" if second == "reject" else "fatalities=2", "author": "bench"})
            started = time.perf_counter()
            table = correction_rows(rows, store.incidents_by_id(ids), lambda: None)
            store.add_corrections(table, command="bench")
            record = time.perf_counter() - started

            started = time.perf_counter()
            store.write_batch([], frame, run={"command": "bench rewrite"})
            corrected = time.perf_counter() - started

            started = time.perf_counter()
            orphans = store.orphaned_corrections()
            orphan_time = time.perf_counter() - started

            from geo_incidents.corrections.review import review

            started = time.perf_counter()
            review(store, limit=30)
            review_time = time.perf_counter() - started
            shown = store.read("incidents")
            assert int(shown["corrected"].sum()) > 0 and len(orphans) == 0
    print(f"store of {n:,} incidents, {len(table):,} corrections on {len(ids):,} incidents (GeoPackage)")
    print(f"  record {len(table):,} corrections (checked, applied, one transaction): {record:.2f} s")
    print(f"  rewrite the whole store without corrections: {plain:.2f} s")
    print(f"  rewrite the whole store with corrections applied: {corrected:.2f} s "
          f"(+{(corrected - plain) / plain * 100:.0f}%)")
    print(f"  orphaned corrections check: {orphan_time:.2f} s")
    print(f"  review (score every incident, top 30): {review_time:.2f} s")
    pd.set_option("display.width", 120)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
