"""Running the real CLI as a subprocess, killing it, and comparing what it left with a clean run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.corpus import REPORTS

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Names our atomic writes give their temporary files (see gazetteer.atomic).
TEMPORARY_MARKERS = (".tmp", ".new", "-journal")


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "geo_incidents", *map(str, args)]


def cli(*args, stdin: bytes | None = None, check: bool = False, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cli_command(*args), input=stdin, capture_output=True, cwd=REPO_ROOT, timeout=600,
                            **kwargs)
    if check:
        assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result


def start(*args) -> subprocess.Popen:
    return subprocess.Popen(cli_command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO_ROOT)


def kill_after(process: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL the process after ``seconds`` (or let it finish first); True when it was killed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return True


def variants(count: int, day: str) -> str:
    """``count`` distinct reports without ids (our sentences, a running number to tell them apart)."""
    lines = []
    for n in range(count):
        title, text = REPORTS[n % len(REPORTS)]
        lines.append(json.dumps({"title": f"{title} ({n})", "text": text, "published": day}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def store_state(store: Path) -> dict:
    """What must be equal after a kill and a re-run: articles and incidents (ids, type, day, place, reports)."""
    with sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True) as conn:
        articles = sorted(row[0] for row in conn.execute("SELECT id FROM articles"))
        incidents = sorted(
            (row[0], row[1], row[2], row[3], ";".join(sorted(row[4].split(";"))))
            for table in ("incidents", "road_closures")
            for row in conn.execute(
                f'SELECT incident_id, event_type, event_date, location, article_ids FROM "{table}"'
            )
        )
        frontlines = sorted(row[0] for row in conn.execute("SELECT frontline_id FROM frontlines"))
    return {"articles": articles, "incidents": incidents, "frontlines": frontlines}


def temporaries(folder: Path) -> list[Path]:
    """Temporary files of our atomic writes left under ``folder``."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and any(m in p.name for m in TEMPORARY_MARKERS))
