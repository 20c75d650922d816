"""The main job end to end: N synthetic ~3 KB reports through read → extract → merge → store → exports.

Uses the same generator of our own template sentences as ``bench_extract.py``. Prints the first
run's articles/s (with and without the final exports and maps), resident memory at checkpoints, and
the time of a re-run on the unchanged corpus (idempotent: every article is skipped by content hash).

Articles come in publication order by default, as archives do; ``--order random`` spreads every
batch over the whole year (19 places, 365 days), the worst case for merging, where each batch must
compare with a growing share of the store.

Usage: ``python benchmarks/bench_pipeline.py [-n 20000] [--maps] [--order chronological|random]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import synthetic_article  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from geo_incidents import pipeline  # noqa: E402


def rss_mb() -> float:
    """Current resident memory (Linux /proc), else the peak so far: growth between batches is what matters."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20000, help="number of articles")
    parser.add_argument("--maps", action="store_true", help="also write the day maps")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--order", choices=["chronological", "random"], default="chronological")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        articles = [synthetic_article(rng, i) for i in range(args.n)]
        if args.order == "chronological":
            articles.sort(key=lambda article: article["published"])
        with corpus.open("w", encoding="utf-8") as handle:
            for article in articles:
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        del articles
        megabytes = corpus.stat().st_size / 1e6
        gz = Gazetteer.default()
        print(f"corpus: {args.n} articles ({args.order}), {megabytes:.1f} MB; gazetteer loaded, RSS {rss_mb():.0f} MB")

        checkpoints = []
        write_batch = pipeline._write_batch

        def timed_batch(*a, **kw):
            write_batch(*a, **kw)
            checkpoints.append((time.perf_counter(), rss_mb()))

        pipeline._write_batch = timed_batch
        out = Path(tmp) / "out"
        start = time.perf_counter()
        summary = pipeline.run([corpus], out, gazetteer=gz, write_maps=args.maps, progress=False)
        total = time.perf_counter() - start
        pipeline._write_batch = write_batch
        ingest = checkpoints[-1][0] - start if checkpoints else total

        print(f"first run: {summary.articles_read} articles, {summary.incidents_new} incidents")
        rate = summary.articles_read / ingest
        print(f"  ingest (read, extract, merge, store): {ingest:.1f} s = {rate:.0f} articles/s")
        print(f"  with exports{' and maps' if args.maps else ''}: {total:.1f} s")
        step = max(1, len(checkpoints) // 5)
        for i in range(0, len(checkpoints), step):
            at, rss = checkpoints[i]
            print(f"  after batch {i + 1:>4}: {at - start:6.1f} s, RSS {rss:.0f} MB")

        start = time.perf_counter()
        again = pipeline.run([corpus], out, gazetteer=gz, write_maps=args.maps, progress=False)
        rerun = time.perf_counter() - start
        print(f"re-run, unchanged corpus: {rerun:.1f} s ({rerun / total:.0%} of the first run), "
              f"{again.articles_known} articles skipped, {again.incidents_new} new incidents")


if __name__ == "__main__":
    main()
