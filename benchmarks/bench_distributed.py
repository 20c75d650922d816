"""The run on a local Dask cluster: N short dev-corpus reports (the corpus repeated with changed ids).

Prints, for one process and for local clusters of 1 and 2 workers:

* extraction alone (read, extract, results back in order): reports/s and the speed-up over 1 worker;
* the whole run without maps (extraction + merge + store + GeoJSON): reports/s;
* each worker's resident memory at the end, and the scheduler's overhead per partition (the time of
  empty tasks, one per partition, submitted the way the run submits them).

The corpus is written to a temporary JSON-lines file in our input format; nothing of it stays.
The machine has 2 cores: with 2 workers the calling process (which merges and writes) shares them.

Usage: ``python benchmarks/bench_distributed.py [-n 1000000] [--workers 1 2] [--partition-mb 1]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "data" / "dev-corpus" / "aleppo_video_titles.jsonl"


def write_reports(path: Path, count: int) -> int:
    """``count`` reports cycling through the dev corpus, each copy with its own id; returns the bytes written."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            record = records[number % len(records)]
            out.write(json.dumps({
                "id": f"{record['id']}-{number // len(records)}", "title": record["title"],
                "text": record.get("description", ""), "published": record["published"],
                "source": record["channel"],
            }, ensure_ascii=False) + "\n")
    return path.stat().st_size


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def bench_extraction(path: Path, gazetteer, workers: int, partition_bytes: int) -> dict:
    from distributed import Client, LocalCluster

    from geo_incidents.distributed import extract_distributed

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    client = Client(cluster)
    try:
        warm = path.with_name("warm.jsonl")  # workers import the package and open the gazetteer first
        with open(path, encoding="utf-8") as fh:
            warm.write_text("".join(itertools.islice(fh, 50)), encoding="utf-8")
        started = time.perf_counter()
        for _ in extract_distributed([warm], gazetteer, {}, defaults={}, client=client, progress=False,
                                     partition_bytes=64):
            pass
        startup = time.perf_counter() - started
        started = time.perf_counter()
        count = sum(1 for _ in extract_distributed([path], gazetteer, {}, defaults={}, client=client,
                                                   progress=False, partition_bytes=partition_bytes))
        seconds = time.perf_counter() - started
        memory = client.run(rss_mb)
        overhead = scheduler_overhead(client, 200)
    finally:
        client.close()
        cluster.close()
    return {"reports": count, "seconds": seconds, "per_second": count / seconds, "startup": startup,
            "worker_rss_mb": sorted(round(m) for m in memory.values()), "overhead_ms": overhead * 1000}


def scheduler_overhead(client, tasks: int) -> float:
    """Seconds per empty task submitted and gathered one partition at a time, as the run does."""
    started = time.perf_counter()
    futures = [client.submit(len, (number,), pure=False) for number in range(tasks)]
    for future in futures:
        future.result()
    return (time.perf_counter() - started) / tasks


def bench_one_process(path: Path, gazetteer) -> dict:
    from geo_incidents.extraction import Extractor
    from geo_incidents.io.articles import read_articles
    from geo_incidents.pipeline import extract_each

    started = time.perf_counter()
    count = sum(1 for _ in extract_each(read_articles([path]), Extractor(gazetteer), {}))
    seconds = time.perf_counter() - started
    return {"reports": count, "seconds": seconds, "per_second": count / seconds, "rss_mb": round(rss_mb())}


def bench_run(path: Path, out: Path, gazetteer, workers: int | None) -> float:
    from geo_incidents.pipeline import run

    started = time.perf_counter()
    summary = run([path], out, gazetteer=gazetteer, write_maps=False, progress=False, workers=workers)
    seconds = time.perf_counter() - started
    return summary.articles_read / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="short reports (default 1,000,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-mb", type=float, default=1.0)
    parser.add_argument("--no-run", action="store_true", help="extraction only, not the whole run")
    args = parser.parse_args()

    from gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        path = Path(tmp) / "reports.jsonl"
        size = write_reports(path, args.n)
        partition_bytes = int(args.partition_mb * 2**20)
        print(f"{args.n:,} reports, {size / 2**20:.0f} MB, partitions of {args.partition_mb} MB "
              f"(~{size // partition_bytes + 1} partitions); {os.cpu_count()} cores")
        one = bench_one_process(path, gazetteer)
        print(f"one process, extraction: {one['per_second']:,.0f} reports/s ({one['seconds']:.1f} s), "
              f"RSS {one['rss_mb']} MB")
        base = None
        for workers in args.workers:
            result = bench_extraction(path, gazetteer, workers, partition_bytes)
            base = base or result["per_second"]
            print(f"{workers} worker(s), extraction: {result['per_second']:,.0f} reports/s "
                  f"({result['seconds']:.1f} s, after {result['startup']:.1f} s of worker start-up), "
                  f"speed-up {result['per_second'] / base:.2f}× over 1 worker; "
                  f"worker RSS {result['worker_rss_mb']} MB; "
                  f"scheduler overhead {result['overhead_ms']:.2f} ms per partition")
        if not args.no_run:
            print(f"one process, whole run without maps: {bench_run(path, Path(tmp) / 'one', gazetteer, None):,.0f} "
                  "reports/s")
            for workers in args.workers:
                speed = bench_run(path, Path(tmp) / f"w{workers}", gazetteer, workers)
                print(f"{workers} worker(s), whole run without maps: {speed:,.0f} reports/s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
