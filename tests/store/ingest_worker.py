"""A large ingest in its own process, for the kill -9 tests.

Usage: ``python ingest_worker.py STORE N``. Writes N synthetic incidents (and their articles) in one
batch and prints ``writing`` just before the batch starts and ``done`` when it has committed.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from shapely.geometry import Point

from geo_incidents.frame import incidents_to_frame
from geo_incidents.model import Article, EventType, Incident
from geo_incidents.store import open_store


def synthetic(n: int) -> tuple[list[Article], list[Incident]]:
    incidents = [
        Incident(
            incident_id=f"bulk-{i:07d}",
            event_type=EventType.BATTLES,
            sub_event_type="Armed clash",
            event_date=date(2024, 1, 1) + timedelta(days=i % 60),
            time_precision=1,
            geometry=Point(36 + (i % 1000) / 500, 33 + (i // 1000 % 1000) / 300),
            location="دير الزور",
            actor1_ar="قوات سوريا الديمقراطية",
            article_ids=[f"bulk-art-{i // 4:07d}"],
            evidence="اشتباكات عنيفة في الريف الشرقي",
        )
        for i in range(n)
    ]
    articles = [
        Article(id=f"bulk-art-{k:07d}", title="خبر", text=f"نص {k}", published=date(2024, 1, 1))
        for k in range((n + 3) // 4)
    ]
    return articles, incidents


def main() -> None:
    location, n = sys.argv[1], int(sys.argv[2])
    articles, incidents = synthetic(n)
    frame = incidents_to_frame(incidents)
    with open_store(location) as store:
        print("writing", flush=True)
        store.write_batch(articles, frame, run={"command": "ingest_worker"})
    print("done", flush=True)


if __name__ == "__main__":
    main()
