"""The one atomic writer: files follow the umask, temporaries of killed writers are cleaned, old indexes go."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gazetteer.atomic import atomic_output, remove_stale_temporaries, temporary_name, write_bytes_atomic


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_files_follow_the_umask(tmp_path, umask_022):
    write_bytes_atomic(tmp_path / "page.html", b"<p>x</p>")
    with atomic_output(tmp_path / "incidents.csv") as tmp:
        tmp.write_text("a,b\n")
    for name in ("page.html", "incidents.csv"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644


def test_pages_follow_the_umask(tmp_path, umask_022):
    from maps.assets import write_bytes_atomic as write_page

    write_page(tmp_path / "2025-12-24.html", b"<html></html>")
    assert (tmp_path / "2025-12-24.html").stat().st_mode & 0o777 == 0o644


def test_stale_temporaries_of_dead_writers_are_removed_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".index.html.{dead_pid}-0123abcd.tmp.html"
    stale_side = tmp_path / f".incidents.gpkg.{dead_pid}-0123abcd.tmp.gpkg-journal"
    live = temporary_name(tmp_path / "incidents.csv")  # this process: still writing
    mine = tmp_path / ".notes.tmp"  # not a name our writers give: never touched
    for path in (stale, stale_side, live, mine):
        path.write_bytes(b"x")
    (tmp_path / "maps").mkdir()
    nested = tmp_path / "maps" / f".2025-12-24.html.{dead_pid}-89abcdef.tmp.html"
    nested.write_bytes(b"")
    removed = remove_stale_temporaries(tmp_path, recursive=True)
    assert sorted(removed) == sorted([stale, stale_side, nested])
    assert live.exists() and mine.exists()


def test_a_new_gazetteer_index_removes_the_one_it_replaces(tmp_path):
    from gazetteer import Gazetteer

    old_index = tmp_path / "gazetteer-0000000000000000.sqlite"
    old_names = tmp_path / "gazetteer-0000000000000000.sqlite.names.pickle"
    for path in (old_index, old_names):
        path.write_bytes(b"old")
    gazetteer = Gazetteer.default(cache_dir=tmp_path)
    gazetteer.close()
    assert not old_index.exists() and not old_names.exists()
    assert len(list(tmp_path.glob("gazetteer-*.sqlite"))) == 1
