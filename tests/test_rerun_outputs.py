"""Re-runs at archive scale: unchanged input rewrites no export or map, any change to the store rewrites
them, and an article delivered twice is recognised however far apart its copies are."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo_incidents import pipeline
from geo_incidents.model import Article
from geo_incidents.pipeline import OUTPUTS_STAMP, _SeenIds, run
from geo_incidents.store import open_store
from tests.reliability.corpus import REPORTS, jsonl


def _outputs(out):
    return {path: path.stat().st_mtime_ns for path in (out / "incidents.geojson", out / "maps" / "index.html")}


@pytest.fixture
def delivered(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(REPORTS[:4], "2025-12-24"), encoding="utf-8")
    return source


def test_unchanged_rerun_rewrites_no_export_or_map(tmp_path, delivered):
    out = tmp_path / "out"
    first = run([delivered], out, progress=False)
    assert not first.outputs_unchanged
    stamp = json.loads((out / OUTPUTS_STAMP).read_text(encoding="utf-8"))
    assert stamp["maps"] == {"assets": "local", "tiles": "none"} and stamp["renderer"]
    written = _outputs(out)
    again = run([delivered], out, progress=False)
    assert again.outputs_unchanged and again.articles_known == 4 and again.incidents_new == 0
    assert _outputs(out) == written
    assert again.outputs["maps"] == out / "maps" / "index.html"
    assert "unchanged" in again.format() and again.to_dict()["outputs_unchanged"] is True


def test_a_day_page_deleted_by_hand_is_drawn_again_by_an_unchanged_rerun(tmp_path, delivered):
    out = tmp_path / "out"
    run([delivered], out, progress=False)
    pages = sorted((out / "maps").glob("????-??-??.html"))
    kept = {path: path.stat().st_mtime_ns for path in pages[1:]}
    pages[0].unlink()
    again = run([delivered], out, progress=False)
    assert not again.outputs_unchanged and again.incidents_new == 0
    assert pages[0].is_file()
    assert {path: path.stat().st_mtime_ns for path in pages[1:]} == kept  # the other pages are not redrawn
    assert run([delivered], out, progress=False).outputs_unchanged


def test_any_change_to_the_store_or_the_outputs_writes_them_again(tmp_path, delivered):
    out = tmp_path / "out"
    run([delivered], out, progress=False)
    # a new article changes the store: exports and maps show it
    delivered.write_text(jsonl(REPORTS[:5], "2025-12-24"), encoding="utf-8")
    grown = run([delivered], out, progress=False)
    assert not grown.outputs_unchanged and grown.incidents_new == 1
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    with open_store(out / "incidents.gpkg", create=False) as store:
        assert len(features) == len(store.read("incidents"))
    # an output removed by hand comes back
    (out / "incidents.geojson").unlink()
    assert not run([delivered], out, progress=False).outputs_unchanged
    assert (out / "incidents.geojson").exists()
    # a run without maps leaves the stamp saying so: the next run with maps draws them
    store_changed = tmp_path / "more.jsonl"
    store_changed.write_text(jsonl(REPORTS[5:], "2025-12-25"), encoding="utf-8")
    assert not run([store_changed], out, write_maps=False, progress=False).outputs_unchanged
    assert json.loads((out / OUTPUTS_STAMP).read_text(encoding="utf-8"))["maps"] is None
    assert not run([store_changed], out, progress=False).outputs_unchanged
    assert run([store_changed], out, progress=False).outputs_unchanged


def test_an_article_delivered_twice_far_apart_is_stored_once(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)  # the copies land in different batches and look-ups
    lines = [json.dumps({"id": f"a{n}", "title": title, "text": text, "published": "2025-12-24"},
                        ensure_ascii=False) for n, (title, text) in enumerate(REPORTS)]
    changed = json.loads(lines[0])
    changed["text"] = REPORTS[1][1]  # the same id again with other content: the first copy wins, as before
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([*lines, json.dumps(changed, ensure_ascii=False), lines[0]]) + "\n",
                      encoding="utf-8")
    summary = run([source], tmp_path / "out", write_maps=False, progress=False)
    assert summary.articles_read == len(REPORTS) + 2
    assert summary.articles_known == 2
    with open_store(tmp_path / "out" / "incidents.gpkg", create=False) as store:
        articles = store.read("articles")
    assert sorted(articles["id"]) == sorted(f"a{n}" for n in range(len(REPORTS)))
    first = Article(id="a0", title=REPORTS[0][0], text=REPORTS[0][1], published=date(2025, 12, 24))
    assert articles.set_index("id").loc["a0", "content_hash"] == first.content_hash


@pytest.mark.parametrize(("small", "level_max"), [(_SeenIds.SMALL, _SeenIds.LEVEL_MAX), (1000, _SeenIds.LEVEL_MAX),
                                                 (1000, 500)])  # fmt: skip
def test_seen_ids_remember_every_id_in_a_few_bytes_each(small, level_max, monkeypatch):
    """In a plain set up to ``SMALL`` ids, then in sorted arrays of 8 bytes an id, which merge up to ``LEVEL_MAX``
    ids (so that a merge's passing memory stays bounded however many ids a run meets): the same answers."""
    monkeypatch.setattr(_SeenIds, "SMALL", small)
    monkeypatch.setattr(_SeenIds, "LEVEL_MAX", level_max)
    seen = _SeenIds()
    assert seen.check_and_add(["a", "b", "a"]) == set()  # repeats within one call are the caller's to see
    for start in range(0, 5000, 100):
        assert seen.check_and_add([f"id-{n}" for n in range(start, start + 100)]) == set()
    assert seen.check_and_add(["id-0", "id-4999", "new", "a"]) == {"id-0", "id-4999", "a"}
    assert seen.check_and_add(["new", "newer", "id-2500"]) == {"new", "id-2500"}
    if small < 5000:
        assert seen._small is None and sum(level.nbytes for level in seen._levels) <= 8 * 5010
        # merged arrays stay within the bound (the set's first array aside)
        assert all(len(level) <= max(level_max, small + 100) for level in seen._levels)
        assert len(seen._levels) > 5 if level_max < 5000 else len(seen._levels) < 8


def test_new_map_code_draws_the_pages_of_an_unchanged_store_again(tmp_path, delivered, monkeypatch):
    """After an upgrade of the map code or a map library the store is unchanged, but the pages are not."""
    import maps.manifest

    out = tmp_path / "out"
    run([delivered], out, progress=False)
    assert run([delivered], out, progress=False).outputs_unchanged
    monkeypatch.setattr(maps.manifest, "renderer_signature", lambda: "another renderer")
    monkeypatch.setattr(maps.manifest, "renderer_digest", lambda: "another renderer")
    again = run([delivered], out, progress=False)
    assert not again.outputs_unchanged and again.incidents_new == 0
    manifest = json.loads((out / "maps" / maps.manifest.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["renderer"] == "another renderer"  # every page drawn by the new code
    assert run([delivered], out, progress=False).outputs_unchanged


def test_the_renderer_signature_follows_the_map_code(tmp_path, monkeypatch):
    import os

    import maps.manifest

    before = maps.manifest.renderer_signature()
    assert before == maps.manifest.renderer_signature()
    code = maps.manifest.Path(maps.manifest.__file__)
    stat = code.stat()
    try:
        os.utime(code, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert maps.manifest.renderer_signature() != before
    finally:
        os.utime(code, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert maps.manifest.renderer_signature() == before
