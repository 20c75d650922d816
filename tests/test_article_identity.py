"""An article's identity is its content and provenance, never its position in a file."""

from __future__ import annotations

import io
import json

import pytest

from geo_incidents.io.articles import read_articles
from geo_incidents.model import Article
from geo_incidents.pipeline import run
from geo_incidents.store import open_store
from tests.reliability.corpus import REPORTS, jsonl


def _run(inputs, out, **kwargs):
    return run(inputs, out, write_maps=False, progress=False, **kwargs)


def _stored(out):
    with open_store(out / "incidents.gpkg", create=False) as store:
        return store.read("articles"), store.read("incidents")


def test_daily_file_of_the_same_name_adds_and_never_replaces(tmp_path):
    out = tmp_path / "out"
    today = tmp_path / "today.jsonl"
    for day, reports in (("2025-12-23", REPORTS[:2]), ("2025-12-24", REPORTS[2:4]), ("2025-12-25", REPORTS[4:])):
        today.write_text(jsonl(reports, day), encoding="utf-8")
        _run([today], out)
    articles, incidents = _stored(out)
    assert len(articles) == len(REPORTS)
    assert len(incidents) == len(REPORTS)
    # delivered again: nothing new, nothing lost, and the same count however often it is re-run
    for _ in range(2):
        summary = _run([today], out)
        assert summary.articles_known == 2 and summary.incidents_new == 0
        assert len(_stored(out)[1]) == len(REPORTS)


def test_two_stdin_deliveries_do_not_collide(tmp_path):
    out = tmp_path / "out"
    _run(["-"], out, stdin=io.BytesIO(jsonl(REPORTS[:3], "2025-12-24").encode()))
    _run(["-"], out, stdin=io.BytesIO(jsonl(REPORTS[3:], "2025-12-24").encode()))
    articles, incidents = _stored(out)
    assert len(articles) == len(REPORTS) and len(incidents) == len(REPORTS)


def test_same_article_twice_is_one_article():
    payload = jsonl(REPORTS[:1]) + jsonl(REPORTS[:1]).replace("سراقب", "سَراقب", 1)  # a diacritic more
    a, b = read_articles(["-"], stdin=io.BytesIO(payload.encode()))
    assert a.id == b.id and a.id.startswith("sha-")
    c, d = read_articles(["-"], stdin=io.BytesIO(jsonl(REPORTS[:2]).encode()))
    assert c.id != d.id


def test_url_is_the_id_and_a_changed_article_replaces_its_old_version(tmp_path):
    out = tmp_path / "out"
    url = "https://example.org/news/1"
    first = json.dumps({"url": url, "title": REPORTS[0][0], "text": REPORTS[0][1], "published": "2025-12-24"},
                       ensure_ascii=False)
    (tmp_path / "a.jsonl").write_text(first + "\n", encoding="utf-8")
    _run([tmp_path / "a.jsonl"], out)
    second = first.replace("سراقب", "الباب").replace("إدلب", "حلب")
    (tmp_path / "b.jsonl").write_text(second + "\n", encoding="utf-8")
    _run([tmp_path / "b.jsonl"], out)
    articles, incidents = _stored(out)
    assert list(articles["id"]) == [url]
    assert list(incidents["location"]) == ["الباب"]


def test_reextract_does_not_report_stored_incidents_as_new(tmp_path):
    out = tmp_path / "out"
    (tmp_path / "in.jsonl").write_text(jsonl(REPORTS, "2025-12-24"), encoding="utf-8")
    assert _run([tmp_path / "in.jsonl"], out).incidents_new == len(REPORTS)
    again = _run([tmp_path / "in.jsonl"], out, reextract=True)
    assert again.incidents_new == 0
    assert len(_stored(out)[1]) == len(REPORTS)


def _legacy_store(tmp_path, path, published="2025-12-24"):
    """A store as earlier versions wrote it: articles under ``<file stem>-<line>`` ids."""
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor
    from geo_incidents.frame import incidents_to_frame

    extractor = Extractor(Gazetteer.default())
    out = tmp_path / "out"
    old = []
    for number, item in enumerate(read_articles([path]), start=1):
        assert item.legacy_id == f"{path.stem}-{number}"
        old.append(Article(id=item.legacy_id, title=item.title, text=item.text, published=item.published,
                           origin=item.origin))
    incidents = [inc for article in old for inc in extractor.extract(article)]
    with open_store(out / "incidents.gpkg") as store:
        store.write_batch(old, incidents_to_frame(incidents), run={"command": "old version"})
    return out


def test_store_with_old_positional_ids_is_migrated(tmp_path):
    path = tmp_path / "today.jsonl"
    path.write_text(jsonl(REPORTS[:3], "2025-12-24"), encoding="utf-8")
    out = _legacy_store(tmp_path, path)
    before = _stored(out)[1]
    assert set(before["article_ids"]) == {"today-1", "today-2", "today-3"}

    summary = _run([path], out)  # the same delivery again: recognised, moved to content ids, nothing new
    assert summary.articles_known == 3 and summary.incidents_new == 0
    articles, incidents = _stored(out)
    assert all(i.startswith("sha-") for i in articles["id"]) and len(articles) == 3
    assert sorted(incidents["incident_id"]) == sorted(before["incident_id"])
    assert all(ids.startswith("sha-") for ids in incidents["article_ids"])

    # the next day's file of the same name no longer replaces yesterday's articles
    path.write_text(jsonl(REPORTS[3:], "2025-12-25"), encoding="utf-8")
    _run([path], out)
    articles, incidents = _stored(out)
    assert len(articles) == len(REPORTS) and len(incidents) == len(REPORTS)


def test_old_positional_id_of_another_article_is_left_alone(tmp_path):
    path = tmp_path / "today.jsonl"
    path.write_text(jsonl(REPORTS[:2], "2025-12-24"), encoding="utf-8")
    out = _legacy_store(tmp_path, path)
    path.write_text(jsonl(REPORTS[2:4], "2025-12-25"), encoding="utf-8")  # same positions, other articles
    summary = _run([path], out)
    assert summary.incidents_new == 2
    articles, incidents = _stored(out)
    assert {"today-1", "today-2"} <= set(articles["id"]) and len(incidents) == 4


@pytest.mark.parametrize("reextract", [False, True])
def test_migration_with_reextract_keeps_one_incident_per_report(tmp_path, reextract):
    path = tmp_path / "today.jsonl"
    path.write_text(jsonl(REPORTS[:3], "2025-12-24"), encoding="utf-8")
    out = _legacy_store(tmp_path, path)
    _run([path], out, reextract=reextract)
    articles, incidents = _stored(out)
    assert len(articles) == 3 and len(incidents) == 3
    assert not any("today-" in ids for ids in incidents["article_ids"])
