"""Day pages in the real shape of an archive: about a thousand days, most with one to five incidents.

The incidents come from a store written by ``geo-incidents run --no-maps`` over the dev corpus of short
reports (``../shared/data/dev-corpus/aleppo_video_titles.jsonl``: 4,900 reports over about 950 days), made
by this script in a temporary folder unless ``--store`` names one. Prints, as CPU (user+system of this
process) and wall seconds:

- every day page, the index, overview and timeline written into an empty folder (and per 1,000 pages);
- the same again into the same folder with nothing changed (pages of unchanged days are not rewritten);
- the index page alone; the overview and the timeline page alone;
- ms per page by the day's number of incidents (up to ``--sample`` days of each size, written alone).

Goals (issue 11): a day with a handful of incidents <= 5 ms; 1,000 days of pages <= 5 s; a re-run of an
unchanged archive <= 5 % of the first run.

Usage: ``python benchmarks/bench_day_pages.py [--store incidents.gpkg] [--sample 100]``
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

import maps

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dev-corpus" / "aleppo_video_titles.jsonl"
BUCKETS = ((1, 1), (2, 5), (6, 20), (21, 10**9))


@contextmanager
def clock(figures: dict, name: str):
    cpu, wall = time.process_time(), time.perf_counter()
    yield
    figures[name] = (time.process_time() - cpu, time.perf_counter() - wall)


def read_store(path: Path) -> dict[str, pd.DataFrame]:
    from geo_incidents.store import open_store

    with open_store(path, create=False) as store:
        frames = {name: store.read(name) for name in ("incidents", "road_closures", "frontlines", "control_areas")}
    for name in ("incidents", "road_closures"):  # what the run maps: located rows (see pipeline._mappable)
        frame = frames[name]
        frames[name] = frame[frame.geometry.notna() & ~frame.geometry.is_empty] if len(frame) else frame
    return frames


def make_store(folder: Path, corpus: Path) -> Path:
    command = [str(Path(sys.executable).with_name("geo-incidents")), "-q", "run", str(corpus), "--no-maps",
               "--out", str(folder)]  # fmt: skip
    print(f"  making the store: {' '.join(command[1:])}", flush=True)
    subprocess.run(command, check=True)
    return folder / "incidents.gpkg"


def write_all(frames: dict[str, pd.DataFrame], out: Path, **options) -> maps.DayPages:
    control = frames["control_areas"]
    return maps.write_day_pages(frames["incidents"], out, closures=frames["road_closures"],
                                frontlines=frames["frontlines"], control=control if len(control) else None,
                                title="geo-incidents", **options)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an incidents.gpkg (default: made from the dev corpus)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=100, help="days of each size timed alone")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-day-pages-") as tmp:
        tmp = Path(tmp)
        store = args.store or make_store(tmp / "store", args.corpus)
        frames = read_store(store)
        incidents = frames["incidents"]
        days = pd.to_datetime(incidents["event_date"], errors="coerce").dt.date
        per_day = Counter(d for d in days if not pd.isna(d))
        sizes = np.array(list(per_day.values()))
        print(f"== {len(incidents):,} incidents on {len(per_day):,} days, {len(frames['road_closures'])} closures, "
              f"{len(frames['frontlines'])} frontlines; incidents a day: median {np.median(sizes):.0f}, "
              f"{(sizes <= 5).mean():.0%} of days 1-5, max {sizes.max()}")  # fmt: skip
        print(f"   machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")

        figures: dict[str, tuple[float, float]] = {}
        out = tmp / "maps"
        with clock(figures, "first"):
            pages = write_all(frames, out)
        with clock(figures, "again"):
            write_all(frames, out)
        with clock(figures, "index"):
            maps.pages.index_html(pages, title="geo-incidents")
        palette = maps.style.actor_palette(incidents)
        importlib.import_module("maps.elements")  # folium, which day pages do not load: not the page's time

        with clock(figures, "overview"):
            maps.page_html(maps.render(incidents.assign(evidence=""), frames["road_closures"], frames["frontlines"],
                                       palette=palette, colour_by="type", day_links=True, minimap=False))  # fmt: skip
        with clock(figures, "timeline"):
            maps.page_html(maps.render(incidents, frames["road_closures"], frames["frontlines"], palette=palette,
                                       timeline=True))  # fmt: skip

        n = len(pages.days)
        cpu, wall = figures["first"]
        print(f"   {'':<46} {'CPU s':>8} {'wall s':>8}")
        print(f"   {f'{n} day pages + index, overview, timeline':<46} {cpu:8.2f} {wall:8.2f}")
        print(f"   {'  per 1,000 day pages':<46} {cpu * 1000 / n:8.2f} {wall * 1000 / n:8.2f}   (goal <= 5 s)")
        again_cpu, again_wall = figures["again"]
        print(f"   {'re-run, nothing changed':<46} {again_cpu:8.2f} {again_wall:8.2f}   "
              f"({again_cpu / cpu:.1%} of the first run's CPU, {again_wall / wall:.1%} of its wall; goal <= 5 %)")
        for name, label in (("index", "index page alone"), ("overview", "overview page alone (rendered)"),
                            ("timeline", "timeline page alone (rendered)")):  # fmt: skip
            print(f"   {label:<46} {figures[name][0]:8.2f} {figures[name][1]:8.2f}")

        print(f"== ms per day page by the day's incidents (up to {args.sample} such days written alone, "
              "index and overview included)")  # fmt: skip
        print(f"   {'incidents a day':<16} {'days':>6} {'CPU ms':>8} {'wall ms':>8}")
        for low, high in BUCKETS:
            chosen = sorted(d for d, k in per_day.items() if low <= k <= high)[: args.sample]
            if not chosen:
                continue
            subset = incidents[days.isin(set(chosen)).to_numpy()]
            sample = {**frames, "incidents": subset, "road_closures": frames["road_closures"].iloc[:0],
                      "frontlines": frames["frontlines"].iloc[:0]}  # fmt: skip
            part: dict[str, tuple[float, float]] = {}
            with clock(part, "pages"):
                write_all(sample, tmp / f"bucket-{low}", timeline=False)
            label = f"{low}" if low == high else f"{low}-{high}" if high < 10**9 else f">= {low}"
            print(f"   {label:<16} {len(chosen):>6} {part['pages'][0] * 1000 / len(chosen):8.2f} "
                  f"{part['pages'][1] * 1000 / len(chosen):8.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
