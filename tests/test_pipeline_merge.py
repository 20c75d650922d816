"""Incidents reported again in later runs merge into the stored ones; a day's frontline keeps all its clashes."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd

from geo_incidents.pipeline import run

DAY = "2025-12-24"


def write_articles(path, *articles):
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    return path


def article(article_id: str, title: str, text: str) -> dict:
    return {"id": article_id, "title": title, "text": text, "published": DAY, "source": f"source {article_id}"}


CLASH = "اشتباكات عنيفة اليوم الأربعاء في حي الأشرفية بمدينة حلب بين قوات الأسايش والقوات الحكومية."


def test_a_later_report_merges_into_the_stored_incident(tmp_path):
    out = tmp_path / "out"
    first = write_articles(tmp_path / "a.jsonl", article("zz-late-id", "اشتباكات في الأشرفية", CLASH))
    run([first], out, write_maps=False, progress=False)
    # A second outlet reports the same clash; its id sorts first, so the merged incident changes id.
    second = write_articles(tmp_path / "b.jsonl", article("aa-early-id", "اشتباكات في حلب", CLASH))
    run([second], out, write_maps=False, progress=False)
    incidents = gpd.read_file(out / "incidents.gpkg", layer="incidents")
    clashes = incidents[(incidents.event_type == "Battles") & incidents.location.str.contains("الأشرفية")]
    assert len(clashes) == 1, clashes[["incident_id", "article_ids"]]
    assert set(clashes.iloc[0].article_ids.split(";")) == {"zz-late-id", "aa-early-id"}


def test_the_days_frontline_survives_a_later_batch_on_the_same_day(tmp_path):
    out = tmp_path / "out"
    clashes = write_articles(tmp_path / "a.jsonl", article(
        "c1", "اشتباكات شمال حلب",
        "اندلعت اليوم الأربعاء اشتباكات بين قوات الأسايش والقوات الحكومية في حي الأشرفية وعند دواري شيحان والليرمون.",
    ))
    run([clashes], out, write_maps=False, progress=False)
    before = gpd.read_file(out / "incidents.gpkg", layer="frontlines")
    assert len(before) == 1
    later = write_articles(tmp_path / "b.jsonl", article(
        "s1", "قصف على سراقب", "تعرضت مدينة سراقب في ريف إدلب لقصف مدفعي اليوم الأربعاء.",
    ))
    run([later], out, write_maps=False, progress=False)
    after = gpd.read_file(out / "incidents.gpkg", layer="frontlines")
    assert list(after.frontline_id) == list(before.frontline_id)
    assert str(after.iloc[0].valid_from)[:10] == str(date(2025, 12, 24))
