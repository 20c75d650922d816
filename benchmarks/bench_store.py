"""Store and export speed on 100,000 incidents: GeoPackage, and PostGIS when GEO_INCIDENTS_TEST_DB is set.

Goals (issue 6): ingest <= 20 s, each export <= 10 s, re-run of an unchanged corpus <= 10% of the
first run. The re-run does what the pipeline does: ask the store for its article hashes, find
nothing new, write nothing. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_store.py [N]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from shapely.geometry import LineString, Point

from geo_incidents.export import FORMATS, export
from geo_incidents.frame import incidents_to_frame
from geo_incidents.model import Article, EventType, Incident
from geo_incidents.store import open_store

GOALS = {"ingest": 20.0, "export": 10.0}


def corpus(n: int) -> tuple[list[Article], list[Incident]]:
    """n incidents from n / 4 articles; one in ten a road closure line; Arabic names and evidence."""
    incidents = []
    for i in range(n):
        x, y = 36.0 + (i % 997) / 250, 32.5 + (i // 997 % 997) / 180
        closure = i % 10 == 9
        incidents.append(
            Incident(
                incident_id=f"bench-{i:07d}",
                event_type=EventType.ROAD_CLOSURE if closure else EventType.BATTLES,
                sub_event_type="closed" if closure else "Armed clash",
                event_date=date(2023, 1, 1) + timedelta(days=i % 365),
                time_precision=1,
                geometry=LineString([(x, y), (x + 0.02, y + 0.01)]) if closure else Point(x, y),
                location="دير حافر",
                place_id=f"C{i % 5000:04d}",
                place_name_ar="دير حافر",
                geo_precision=1 + i % 3,
                admin1="Aleppo",
                admin2="Al Bab",
                country="Syria",
                actor1="Syrian Arab Army",
                actor1_ar="الجيش العربي السوري",
                inter1=1,
                fatalities=i % 4,
                evidence="قال مصدر محلي إن اشتباكات عنيفة اندلعت في محيط البلدة.",
                article_ids=[f"bench-art-{i // 4:07d}"],
                source="Bench wire",
                source_urls=[f"https://example.org/{i // 4}"],
                confidence=0.8,
            )
        )
    articles = [
        Article(id=f"bench-art-{k:07d}", title="اشتباكات في ريف حلب", text=f"نص الخبر رقم {k}.",
                published=date(2023, 1, 1) + timedelta(days=k % 365), source="Bench wire")
        for k in range((n + 3) // 4)
    ]
    return articles, incidents


def pipeline_run(location: str, articles: list[Article], incidents: list[Incident]) -> tuple[float, int]:
    """What a run does with the store: skip known articles, build and write the rest. (seconds, written)"""
    start = time.perf_counter()
    with open_store(location) as store:
        known = store.article_hashes()
        new_ids = {a.id for a in articles if known.get(a.id) != a.content_hash}
        if new_ids:
            todo = [i for i in incidents if any(aid in new_ids for aid in i.article_ids)]
            store.write_batch([a for a in articles if a.id in new_ids], incidents_to_frame(todo),
                              run={"command": "bench"})
    return time.perf_counter() - start, len(new_ids)


def bench(label: str, location: str, articles, incidents, out_dir: Path) -> None:
    print(f"\n== {label}: {len(incidents):,} incidents, {len(articles):,} articles")
    first, written = pipeline_run(location, articles, incidents)
    print(f"ingest (frame building + one write_batch): {first:6.2f} s  (goal <= {GOALS['ingest']:.0f} s)")
    again, rewritten = pipeline_run(location, articles, incidents)
    print(f"re-run, unchanged corpus: {again:6.2f} s = {100 * again / first:4.1f}% of the first run "
          f"(goal <= 10%), {rewritten} articles written")
    with open_store(location) as store:
        for fmt, suffix in FORMATS.items():
            start = time.perf_counter()
            paths = export(store, fmt, out_dir / f"{label}{suffix}")
            took = time.perf_counter() - start
            size = sum(p.stat().st_size for p in paths) / 1e6
            print(f"export {fmt:8s}: {took:6.2f} s  {size:7.1f} MB  (goal <= {GOALS['export']:.0f} s)")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    start = time.perf_counter()
    articles, incidents = corpus(n)
    print(f"corpus built in {time.perf_counter() - start:.2f} s (not counted)")
    with tempfile.TemporaryDirectory() as tmp:
        bench("gpkg", str(Path(tmp) / "store.gpkg"), articles, incidents, Path(tmp))
        url = os.environ.get("GEO_INCIDENTS_TEST_DB")
        if not url:
            print("\n== postgis: skipped (set GEO_INCIDENTS_TEST_DB, e.g. by sourcing .ci/start-postgis)")
            return
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            options = quote(f"-csearch_path={schema},public", safe="")
            bench("postgis", f"{url}{'&' if '?' in url else '?'}options={options}", articles, incidents, Path(tmp))
        finally:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
