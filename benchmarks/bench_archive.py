"""The main job at archive scale, in the real shape: many short reports over many days.

The dev corpus (``../shared/data/dev-corpus/aleppo_video_titles.jsonl``, 4,900 titles with descriptions
over 953 days) is repeated ``--copies`` times with distinct ids (default 3: 14,700 reports), and
``geo-incidents run`` is run on it in this process, everything included: reading, extraction, merging and
the store, the GeoJSON exports, every day page and the index. Prints:

* reports a second of the first run (wall and CPU), and a per-phase breakdown in CPU seconds
  (read, extract, merge+store, exports, pages, index);
* the ratio of the run to one plain Aho-Corasick pass, with every gazetteer name, over the same text,
  measured in the same process;
* the re-run of the unchanged archive into the same folder, and its ratio to the first run;
* start-up times of the CLI on a warm cache: ``--help``, and ``extract`` / ``run`` of one report (the
  whole process: start-up, first report, exit).

``--memory N`` instead streams N short reports (the corpus repeated with distinct ids) through ``run
--no-maps`` and prints resident memory at checkpoints: it must stay flat.

Run it on one core (``taskset -c 0``) with other work stopped for quotable figures. Usage::

    python benchmarks/bench_archive.py [--copies 3] [--no-maps] [--skip-startup]
    python benchmarks/bench_archive.py --memory 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one core, as the issue measures

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import rss_mb  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "data" / "dev-corpus" / "aleppo_video_titles.jsonl"
CLI = Path(sys.executable).with_name("geo-incidents")


def corpus_rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_copies(rows: list[dict], path: Path, total: int) -> int:
    """``total`` reports: the corpus over and over, copy k's ids suffixed ``-k``."""
    with path.open("w", encoding="utf-8") as handle:
        for number in range(total):
            row = rows[number % len(rows)]
            handle.write(json.dumps({**row, "id": f"{row['id']}-{number // len(rows)}"}, ensure_ascii=False) + "\n")
    return total


class Phases:
    """CPU and wall seconds spent in each phase, gathered by wrapping the functions that do the work."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self._active: list[str] = []

    @contextmanager
    def timing(self, phase: str) -> Iterator[None]:
        if self._active:  # nested: the outer phase keeps its own time only
            self._active.append(phase)
            outer = self._active[-2]
        else:
            self._active.append(phase)
            outer = None
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            spent_cpu, spent_wall = time.process_time() - cpu, time.perf_counter() - wall
            self.cpu[phase] += spent_cpu
            self.wall[phase] += spent_wall
            if outer is not None:
                self.cpu[outer] -= spent_cpu
                self.wall[outer] -= spent_wall
            self._active.pop()

    def wrap(self, owner, name: str, phase: str, *, generator: bool = False, pick=None) -> bool:
        original = getattr(owner, name, None)
        if original is None:
            return False
        phases = self

        if generator:
            def wrapped(*args, **kwargs):
                iterator = iter(original(*args, **kwargs))
                while True:
                    with phases.timing(phase):
                        try:
                            item = next(iterator)
                        except StopIteration:
                            return
                    yield item
        else:
            def wrapped(*args, **kwargs):
                with phases.timing(pick(args, kwargs) if pick else phase):
                    return original(*args, **kwargs)

        setattr(owner, name, wrapped)
        return True


def instrument(phases: Phases) -> None:
    """Time the pipeline's phases from outside, without changing what runs."""
    import geo_incidents.export
    import geo_incidents.io.articles
    import maps
    import maps.pages
    from geo_incidents import pipeline
    from geo_incidents.extraction import Extractor

    phases.wrap(geo_incidents.io.articles, "read_articles", "read", generator=True)
    phases.wrap(Extractor, "extract", "extract")
    phases.wrap(pipeline, "_write_batch", "merge+store")
    phases.wrap(geo_incidents.export, "export", "exports")
    phases.wrap(geo_incidents.export, "export_store_geojson", "exports")  # a run's GeoJSON, streamed
    phases.wrap(maps, "write_day_pages", "pages")
    # Inside the pages step: the index, overview and timeline pages count as "index".
    whole = ("timeline", "day_links")
    for builder in ("render", "map_content"):  # what draws one map, before and after the day-page work
        phases.wrap(maps.pages, builder, "pages",
                    pick=lambda args, kwargs: "index" if any(kwargs.get(key) for key in whole) else "pages")
    index_files = ("timeline.html", "overview.html")
    phases.wrap(maps.pages, "_write_if_new", "pages",
                pick=lambda args, kwargs: "index" if Path(args[1]).name in index_files else "pages")
    phases.wrap(maps.pages, "index_html", "index")


def aho_corasick_pass(texts: list[str]) -> tuple[float, int]:
    """CPU seconds of one plain pass of an automaton holding every gazetteer name over ``texts``."""
    import ahocorasick

    from gazetteer import Gazetteer

    automaton = ahocorasick.Automaton()
    for key in Gazetteer.default().names.automaton.keys():  # noqa: SIM118 - the automaton's own iterator
        automaton.add_word(key, None)
    automaton.make_automaton()
    started, hits = time.process_time(), 0
    for text in texts:
        for _ in automaton.iter(text):
            hits += 1
    return time.process_time() - started, len(automaton)


def timed_run(inputs: list[Path], out: Path, *, write_maps: bool, phases: Phases | None = None):
    from geo_incidents.pipeline import run

    cpu, wall = time.process_time(), time.perf_counter()
    summary = run([str(path) for path in inputs], out, write_maps=write_maps, progress=False)
    return summary, time.process_time() - cpu, time.perf_counter() - wall


def child_seconds(command: list[str], repeat: int = 3) -> tuple[float, float]:
    """Best wall and user+sys CPU seconds of a child process over ``repeat`` runs."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)  # extract exits 1 when it finds nothing
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def startup(tmp: Path, rows: list[dict], command: list[str]) -> None:
    one = tmp / "one.jsonl"
    write_copies(rows[:1], one, 1)
    subprocess.run([*command, "extract", str(one)], check=False, capture_output=True)  # warm the cache
    print("start-up (whole process, warm cache, best of 3; wall / CPU):")
    for label, args in (
        ("--help", ["--help"]),
        ("extract of one report", ["extract", str(one)]),
        ("run --no-maps of one report, fresh folder", None),
    ):
        if args is None:
            walls, cpus = [], []
            for attempt in range(3):
                wall, cpu = child_seconds([*command, "run", str(one), "--out", str(tmp / f"one-{attempt}"),
                                           "--no-maps", "-q"], repeat=1)
                walls.append(wall)
                cpus.append(cpu)
            wall, cpu = min(walls), min(cpus)
        else:
            wall, cpu = child_seconds([*command, *args])
        print(f"  {label:<44} {wall:6.2f} s / {cpu:6.2f} s")


def archive(args: argparse.Namespace) -> None:
    rows = corpus_rows()
    total = len(rows) * args.copies
    with tempfile.TemporaryDirectory(prefix="gi-bench-archive-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / f"corpus-x{args.copies}.jsonl"
        write_copies(rows, corpus, total)
        days = len({str(row.get("published", ""))[:10] for row in rows})
        print(f"input: the dev corpus {args.copies} times over with distinct ids: {total:,} reports, "
              f"{corpus.stat().st_size / 1e6:.1f} MB, {days} publication days")

        from gazetteer import Gazetteer

        Gazetteer.default()  # loaded (warm cache) before timing, as a second run of the CLI finds it
        phases = Phases()
        instrument(phases)
        out = tmp / "out"
        summary, cpu, wall = timed_run([corpus], out, write_maps=not args.no_maps, phases=phases)
        pages = len(list((out / "maps").glob("????-??-??.html"))) if not args.no_maps else 0
        print(f"first run{' (--no-maps)' if args.no_maps else ''}: {wall:.2f} s wall, {cpu:.2f} s CPU -> "
              f"{total / cpu:,.0f} reports/s (CPU), {total / wall:,.0f} reports/s (wall); "
              f"{summary.incidents_new:,} incidents, {pages} day pages")
        print("  phase          CPU s    share")
        accounted = 0.0
        for phase in ("read", "extract", "merge+store", "exports", "pages", "index"):
            spent = phases.cpu.get(phase, 0.0)
            accounted += spent
            print(f"  {phase:<12} {spent:7.2f}   {spent / cpu:6.1%}")
        print(f"  {'other':<12} {cpu - accounted:7.2f}   {(cpu - accounted) / cpu:6.1%}")

        from geo_incidents.io.articles import read_articles

        texts = [item.full_text for item in read_articles([str(corpus)]) if hasattr(item, "full_text")]
        ac_cpu, names = aho_corasick_pass(texts)
        print(f"plain Aho-Corasick pass, {names:,} gazetteer names, same text: {ac_cpu:.3f} s CPU "
              f"({total / ac_cpu:,.0f} reports/s); the run costs {cpu / ac_cpu:,.0f}x that")

        again, re_cpu, re_wall = timed_run([corpus], out, write_maps=not args.no_maps)
        print(f"re-run of the unchanged archive, in this process: {re_wall:.2f} s wall, {re_cpu:.2f} s CPU = "
              f"{re_cpu / cpu:.1%} of the first run (CPU), {re_wall / wall:.1%} (wall); "
              f"{again.articles_known:,} known, {again.incidents_new} new incidents")
        from bench_startup import compile_bytecode

        compile_bytecode()  # as an installed copy has it (see bench_startup)
        command = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "geo_incidents"]
        maps_flag = ["--no-maps"] if args.no_maps else []
        wall, child_cpu = child_seconds([*command, "run", str(corpus), "--out", str(out), "-q", *maps_flag], repeat=1)
        print(f"re-run as a new process (geo-incidents run, start-up included): {wall:.2f} s wall, "
              f"{child_cpu:.2f} s CPU = {child_cpu / cpu:.1%} of the first run (CPU)")
        if not args.skip_startup:
            startup(tmp, rows, command)
    print("CPU time of this process (user+sys); on a shared machine, quote CPU rather than wall.")


def memory(args: argparse.Namespace) -> None:
    from geo_incidents import pipeline

    rows = corpus_rows()
    checkpoints: list[tuple[int, float, float]] = []
    written = [0]
    original = pipeline._write_batch
    step = max(args.memory // 20, pipeline.BATCH_SIZE)
    started = time.process_time()

    def counting(store, batch, summary, **kwargs):
        original(store, batch, summary, **kwargs)
        before = written[0]
        written[0] += len(batch)
        if written[0] // step != before // step:
            checkpoints.append((summary.articles_read, rss_mb(), time.process_time() - started))
            print(f"  {summary.articles_read:>10,} reports read   RSS {checkpoints[-1][1]:7.1f} MB   "
                  f"{checkpoints[-1][2]:7.1f} s CPU", flush=True)

    pipeline._write_batch = counting
    with tempfile.TemporaryDirectory(prefix="gi-bench-memory-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        write_copies(rows, corpus, args.memory)
        print(f"memory over {args.memory:,} short reports (run --no-maps), RSS at checkpoints:")
        from gazetteer import Gazetteer

        Gazetteer.default()
        print(f"  {'before':>10}                RSS {rss_mb():7.1f} MB")
        summary, cpu, wall = timed_run([corpus], tmp / "out", write_maps=False)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  done: {summary.articles_read:,} reports, {cpu:.0f} s CPU ({summary.articles_read / cpu:,.0f} "
              f"reports/s), {wall:.0f} s wall; peak RSS {peak:.0f} MB")
    if len(checkpoints) >= 4:
        first = checkpoints[len(checkpoints) // 4][1]
        print(f"growth from a quarter of the way to the end: {checkpoints[-1][1] - first:+.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="times the dev corpus is repeated (default 3)")
    parser.add_argument("--no-maps", action="store_true", help="leave out the day pages")
    parser.add_argument("--skip-startup", action="store_true", help="leave out the start-up times")
    parser.add_argument("--memory", type=int, metavar="N", help="stream N short reports and print RSS")
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"{CORPUS}: not found (the shared data folder sits beside the repository)")
    if args.memory:
        memory(args)
    else:
        archive(args)


if __name__ == "__main__":
    main()
