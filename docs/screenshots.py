"""Make the screenshots in docs/ that the README shows: the seed article's day page (desktop and phone) and the
index of the dev corpus (the Aleppo video titles, 2012–2016), all rendered offline in headless Chromium.

Run from the repository root (needs ../shared, Debian's chromium and playwright)::

    .venv/bin/python docs/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from maps.browser import block_network, shared_context

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_2aefb38b5cd00e95.txt"
DEV_CORPUS = SHARED / "data" / "dev-corpus" / "aleppo_video_titles.jsonl"
DESKTOP, PHONE = (1280, 800), (390, 844)


def run(source: Path, out: Path, *extra: str) -> Path:
    cli = Path(sys.executable).with_name("geo-incidents")
    subprocess.run([str(cli), "run", str(source), "--out", str(out), "-q", *extra], check=True)
    return out / "maps"


def shoot(page_path: Path, target: Path, size: tuple[int, int], *, script: str = "", wait_ready: bool = True,
          full_page: bool = False) -> None:  # fmt: skip
    tab = shared_context().new_page()
    block_network(tab)
    tab.set_viewport_size({"width": size[0], "height": size[1]})
    tab.goto(page_path.resolve().as_uri(), wait_until="load")
    if wait_ready:
        tab.wait_for_function("window.geoIncidents && window.geoIncidents.ready === true")
    for step in script.split("\n;;\n") if script else []:
        tab.evaluate(step)
        tab.wait_for_timeout(1200)
    tab.wait_for_timeout(500)
    tab.screenshot(path=str(target), full_page=full_page)
    tab.close()
    print(target, f"{target.stat().st_size / 1024:.0f} KB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gi-shots-") as tmp:
        seed = run(SEED, Path(tmp) / "seed", "--published", "2025-12-24") / "2025-12-24.html"
        # desktop: the page as it opens; the estimated frontline switched on, to show its band
        shoot(seed, args.out / "seed-day-desktop.png", DESKTOP,
              script="void window.geoIncidents.openFrontlinePopup(0)")  # fmt: skip
        # phone: an incident's popup open over the page
        phone_script = """void window.geoIncidents.map.setView([36.2295, 37.1395], 15, {animate: false})
;;
(() => { const m = window.geoIncidents.map;
            const ids = Object.keys(m._layers).map(k => m._layers[k]).find(l => l._giById)._giById;
            window.geoIncidents.openIncidentPopup(Object.keys(ids)[0]); })()"""
        shoot(seed, args.out / "seed-day-phone.png", PHONE, script=phone_script)
        index = run(DEV_CORPUS, Path(tmp) / "dev") / "index.html"
        shoot(index, args.out / "index-dev-desktop.png", DESKTOP, wait_ready=False, full_page=False)
        shoot(index, args.out / "index-dev-phone.png", PHONE, wait_ready=False, full_page=False)


if __name__ == "__main__":
    main()
