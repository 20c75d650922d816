"""Start-up of the command line on a warm gazetteer cache: ``--help``, and ``extract`` / ``run`` of a
single short report (the time before the first report is done, everything else being one report's
work). Each command runs in a fresh process several times; the best wall time and the user CPU time
of that run are printed (CPU time is the figure to compare on a shared machine).

Goals (issue 11): ``--help`` <= 0.2 s; ``run`` and ``extract`` <= 0.5 s. The packages' bytecode is compiled
first, as an installed copy has it. ``run again`` is a re-run of the same report into the same folder.
Usage: ``python benchmarks/bench_startup.py [--repeat 5]`` (uses ``$GEO_INCIDENTS_CACHE`` like the tool).
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
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "data" / "dev-corpus" / "aleppo_video_titles.jsonl"
#: A short report written by us (a title of the dev corpus's shape), used when the corpus is absent.
OWN_REPORT = {"id": "startup-1", "title": "قصف مدفعي على حي الشعار في حلب", "text": "",
              "published": "2013-05-02"}


def compile_bytecode() -> None:
    """Compile the packages' bytecode, as ``pip install`` does: with ``PYTHONDONTWRITEBYTECODE`` set (or a
    read-only checkout) every process would otherwise compile the project's modules from source again,
    about 0.07 s that an installed copy never pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(REPO_ROOT / name) for name in PACKAGES)],
                   check=True, stdout=subprocess.DEVNULL)


PACKAGES = ("gazetteer", "geo_incidents", "maps")


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, user CPU) seconds of one run of ``command`` in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per command (best kept)")
    args = parser.parse_args()
    tool = [sys.executable, "-m", "geo_incidents"]
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "one.jsonl"
        if CORPUS.exists():
            with open(CORPUS, encoding="utf-8") as handle:
                first = next(line for line in handle if "قصف" in line)
            report.write_text(first, encoding="utf-8")
        else:
            report.write_text(json.dumps(OWN_REPORT, ensure_ascii=False) + "\n", encoding="utf-8")
        # the corpus's first shelling title finds no place, so that run writes an index and no day page; this one
        # (ours) has a located incident, so its run writes the day's page too
        located = Path(tmp) / "located.jsonl"
        located.write_text(json.dumps(OWN_REPORT, ensure_ascii=False) + "\n", encoding="utf-8")
        subprocess.run([*tool, "extract", "-q", str(report)], stdout=subprocess.DEVNULL, check=False)  # warm cache
        commands = {
            "--help": [*tool, "--help"],
            "extract (one report)": [*tool, "extract", "-q", str(report)],
            "run --no-maps (one report)": None,
            "run (one report, maps)": None,
            "run (located incident, maps)": None,
            "run again, unchanged (one report)": None,
        }
        print(f"start-up, best of {args.repeat} fresh processes (warm gazetteer cache "
              f"{os.environ.get('GEO_INCIDENTS_CACHE', '~/.cache/geo-incidents')})")
        for name, command in commands.items():
            best = None
            for attempt in range(args.repeat):
                if command is None or name.startswith("run"):
                    # "run again" goes into the folder of the first run with maps, which holds the report already
                    folder = ("out-0" if "again" in name else f"out-l{attempt}" if "located" in name
                              else f"out-{attempt}" if "maps)" in name else f"out-n{attempt}")  # fmt: skip
                    out = Path(tmp) / folder
                    extra = ["--no-maps"] if "no-maps" in name else []
                    source = located if "located" in name else report
                    command_now = [*tool, "run", "-q", str(source), "--out", str(out), *extra]
                else:
                    command_now = command
                wall, cpu = timed(command_now)
                if best is None or cpu < best[1]:  # CPU: the figure to compare on a shared machine
                    best = (wall, cpu)
            print(f"  {name:<28} {best[0]:6.2f} s wall  {best[1]:6.2f} s CPU")


if __name__ == "__main__":
    main()
