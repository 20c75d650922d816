"""The analyst notebooks run from top to bottom and produce what they promise."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import REPO_ROOT, SHARED_DATA, require

NOTEBOOKS = REPO_ROOT / "notebooks"
#: One printed row of the weekly table: governorate, week start, incidents, fatalities.
WEEKLY_ROW = re.compile(
    r"^\s*(?P<gov>[A-Za-z'\- ]+?)\s+(?P<week>\d{4}-\d{2}-\d{2})\s+(?P<n>\d+)\s+(?P<killed>\d+)\s*$", re.M
)


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory) -> nbformat.NotebookNode:
    require((SHARED_DATA / "ocha" / "syr_admin1.geojson").is_file(), "OCHA governorate polygons in shared data")
    executed = tmp_path_factory.mktemp("notebooks") / "analyst_walkthrough.ipynb"
    env = {k: v for k, v in os.environ.items() if k != "GEO_INCIDENTS_STORE"}  # it builds its own demo store
    # A child process keeps nbclient's event loop out of this one (the browser tests use Playwright's sync API).
    subprocess.run([sys.executable, "-c", EXECUTE, str(NOTEBOOKS / "analyst_walkthrough.ipynb"), str(executed),
                    str(NOTEBOOKS)], check=True, env=env, timeout=300)
    return nbformat.read(executed, as_version=4)


EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
source, target, cwd = sys.argv[1:]
notebook = nbformat.read(source, as_version=4)
NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": cwd}}).execute()
nbformat.write(notebook, target)
"""


def cell_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


def test_weekly_counts_by_governorate(walkthrough):
    (cell,) = [c for c in walkthrough.cells if "weekly-counts" in c.metadata.get("tags", [])]
    table = cell_text(cell)
    rows = {
        (m["gov"], m["week"]): (int(m["n"]), int(m["killed"]))
        for m in WEEKLY_ROW.finditer(table)
    }
    # Three incidents in Aleppo city's week of 4 March (2 + 0 killed), one more there the week after.
    assert rows[("Aleppo", "2024-03-04")] == (2, 2)
    assert rows[("Aleppo", "2024-03-11")] == (1, 1)
    assert rows[("Idleb", "2024-03-04")] == (1, 3)
    assert sum(n for n, _ in rows.values()) == 7


def test_spatial_join_and_map(walkthrough):
    outputs = "\n".join(cell_text(c) for c in walkthrough.cells if c.cell_type == "code")
    assert "7 of 7 incidents fall inside a governorate polygon" in outputs
    html = [o["data"]["text/html"] for c in walkthrough.cells for o in c.get("outputs", [])
            if "text/html" in o.get("data", {}) and "folium" in o["data"]["text/html"]]
    assert html, "the map cell shows no folium map"
    # the project's renderer, self-contained: nothing is loaded from the network
    assert all("GI.incidentLayer" in h and "GI.basemapLayer" in h for h in html)
    assert not any(re.search(r"&lt;(?:script|link)\b[^&]*(?:src|href)=&quot;(?:https?:)?//", h) for h in html)
    assert Path(NOTEBOOKS / "analyst_walkthrough.ipynb").is_file()
