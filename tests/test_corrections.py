"""Analysts correct the machine, and corrections survive every re-run.

The seed article is run into a store; corrections are made with the CLI as an analyst would; then
the store is re-run, re-extracted, exported in every format and mapped, and each output must show
the corrected incident (or leave out a rejected one). Both back ends: GeoPackage and PostGIS.
"""

from __future__ import annotations

import json
import shutil
from datetime import date

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pytest
from shapely.geometry import Point

from geo_incidents.cli import main
from geo_incidents.corrections.lexicon_lookup import actor_entry
from geo_incidents.pipeline import run
from geo_incidents.store import open_store

PUBLISHED = date(2025, 12, 24)
SHEIKH_MAQSOUD = "local:aleppo-nbhd-sheikh-maqsoud"
NOTE = "الحي مذكور في الفقرة الثانية، والقصف عليه, not on \"north Aleppo\"\nsee the second paragraph"
SHELLING = "Shelling/artillery/missile attack"


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_store(seed_article_path, tmp_path_factory):
    """A store of the seed article, made once; each test works on a copy."""
    out = tmp_path_factory.mktemp("seed-store")
    run([seed_article_path], out, defaults={"published": PUBLISHED}, write_maps=False, progress=False)
    return out / "incidents.gpkg"


@pytest.fixture
def store_path(seed_store, tmp_path):
    target = tmp_path / "out" / "incidents.gpkg"
    target.parent.mkdir()
    shutil.copy(seed_store, target)
    return target


def shelling_id(location) -> str:
    with open_store(location) as store:
        rows = store.read("incidents")
    rows = rows[rows["sub_event_type"] == SHELLING]
    assert len(rows) == 1
    return rows["incident_id"].iloc[0]


def clash_ids(location) -> list[str]:
    with open_store(location) as store:
        rows = store.read("incidents")
    return sorted(rows.loc[rows["sub_event_type"] == "Armed clash", "incident_id"])


def rerun(seed_article_path, store_path, reextract: bool, **kwargs):
    return run([seed_article_path], store_path.parent, defaults={"published": PUBLISHED}, progress=False,
               reextract=reextract, **kwargs)


def assert_moved(row, note=NOTE):
    assert row["place_id"] == SHEIKH_MAQSOUD
    assert row["location"] == "الشيخ مقصود"
    assert int(row["geo_precision"]) == 1
    assert bool(row["corrected"]) is True
    assert "corrected by analyst1" in row["correction_note"] and note in row["correction_note"]
    assert abs(float(row["latitude"]) - 36.2366) < 0.001 and abs(float(row["longitude"]) - 37.1528) < 0.001


def test_a_move_survives_run_reextract_and_every_export(capsys, seed_article_path, store_path, tmp_path):
    incident = shelling_id(store_path)
    code, out, err = cli(capsys, "correct", str(store_path), incident, "--move", SHEIKH_MAQSOUD, "--note", NOTE,
                         "--author", "analyst1")
    assert code == 0, err
    assert out.strip() == incident
    assert "moved to الشيخ مقصود (precision 1)" in err
    with open_store(store_path) as store:
        assert_moved(store.incidents_by_id([incident]).iloc[0])
    again = rerun(seed_article_path, store_path, reextract=False, write_maps=False)
    assert again.articles_known == 1
    summary = rerun(seed_article_path, store_path, reextract=True, write_maps=False)
    assert summary.corrections_orphaned == []
    with open_store(store_path) as store:
        rows = store.read("incidents")
        assert_moved(rows[rows["incident_id"] == incident].iloc[0])
        assert len(store.corrections()) == 1
        # The other incidents are the machine's, not marked corrected.
        assert not rows.loc[rows["incident_id"] != incident, "corrected"].any()

    for fmt in ("geojson", "gpkg", "csv", "kml", "parquet", "fgb"):
        target = tmp_path / f"export-{fmt}"
        code, _, err = cli(capsys, "export", str(store_path), "--format", fmt, "--out", str(target))
        assert code == 0, (fmt, err)
        if fmt == "csv":
            table = pd.read_csv(target / "incidents.csv", keep_default_na=False)
            row = table[table["event_id_cnty"] == incident].iloc[0]
            assert row["corrected"] in (True, "True")
            assert NOTE in row["correction_note"] and row["location"] == "الشيخ مقصود"
            assert int(row["geo_precision"]) == 1
            continue
        if fmt == "kml":
            text = (target / "incidents.kml").read_text(encoding="utf-8")
            assert '<Data name="corrected"><value>true</value>' in text.replace("True", "true")
            assert "corrected by analyst1" in text and "الشيخ مقصود" in text
            continue
        path = {"geojson": "incidents.geojson", "gpkg": "incidents.gpkg", "parquet": "incidents.parquet",
                "fgb": "incidents.fgb"}[fmt]
        frame = gpd.read_parquet(target / path) if fmt == "parquet" else gpd.read_file(target / path,
                                                                                      layer="incidents")
        row = frame[frame["incident_id"] == incident].iloc[0]
        assert_moved(row)
        assert row.geometry.distance(Point(37.152847, 36.236606)) < 1e-5
        if fmt == "parquet":
            schema = pq.read_schema(target / path)
            assert str(schema.field("corrected").type) == "bool"


def test_two_corrections_of_one_incident_keep_their_history(capsys, seed_article_path, store_path):
    incident = shelling_id(store_path)
    assert cli(capsys, "correct", str(store_path), incident, "--move", SHEIKH_MAQSOUD, "--note", NOTE,
               "--author", "analyst1")[0] == 0
    assert cli(capsys, "correct", str(store_path), incident, "--set-casualties", "fatalities=2; injured=5-7",
               "--author", "analyst2", "--note", "hospital figures")[0] == 0
    rerun(seed_article_path, store_path, reextract=True, write_maps=False)
    with open_store(store_path) as store:
        history = store.corrections([incident])
        row = store.incidents_by_id([incident]).iloc[0]
    assert list(history["action"]) == ["move", "set-casualties"]
    assert list(history["author"]) == ["analyst1", "analyst2"]
    assert history["created"].is_monotonic_increasing
    # The second correction recorded the values the first had set.
    assert json.loads(history["before"].iloc[1])["place_id"] == SHEIKH_MAQSOUD
    assert json.loads(history["before"].iloc[0])["place_id"] != SHEIKH_MAQSOUD
    assert_moved(row)
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (2, 2, 2)
    assert (row["injured_low"], row["injured_high"]) == (5, 7)
    lines = row["correction_note"].split("\ncorrected by ")
    assert lines[0].startswith("corrected by analyst1") and lines[1].startswith("analyst2")


def test_reject_keeps_the_incident_in_the_store_only(capsys, seed_article_path, store_path, tmp_path):
    rejected = clash_ids(store_path)[0]
    code, _, err = cli(capsys, "correct", str(store_path), rejected, "--reject", "--note", "not a clash",
                       "--author", "analyst1")
    assert code == 0, err
    rerun(seed_article_path, store_path, reextract=True)  # with maps
    with open_store(store_path) as store:
        kept = store.incidents_by_id([rejected])
        assert len(kept) == 1 and bool(kept["rejected"].iloc[0]) and bool(kept["corrected"].iloc[0])
        assert rejected not in set(store.read("incidents")["incident_id"])
    for fmt in ("csv", "geojson"):
        cli(capsys, "export", str(store_path), "--format", fmt, "--out", str(tmp_path / fmt))
    assert rejected not in (tmp_path / "csv" / "incidents.csv").read_text(encoding="utf-8")
    assert rejected not in (tmp_path / "geojson" / "incidents.geojson").read_text(encoding="utf-8")
    assert rejected not in (store_path.parent / "incidents.geojson").read_text(encoding="utf-8")
    day_page = (store_path.parent / "maps" / "2025-12-24.html").read_text(encoding="utf-8")
    assert rejected not in day_page
    assert clash_ids(store_path)[0] in day_page  # the others are still mapped
    code, _, _ = cli(capsys, "map", str(store_path), "--out", str(tmp_path / "maps"))
    assert rejected not in (tmp_path / "maps" / "2025-12-24.html").read_text(encoding="utf-8")


def test_retype_actors_merge_and_add(capsys, seed_article_path, store_path):
    clashes = clash_ids(store_path)
    shelling = shelling_id(store_path)
    path = str(store_path)
    assert cli(capsys, "correct", path, shelling, "--retype", "Battles; Armed clash", "--author", "a")[0] == 0
    assert cli(capsys, "correct", path, clashes[0], "--set-actors", "قسد; Syrian government forces",
               "--author", "a")[0] == 0
    assert cli(capsys, "correct", path, clashes[1], "--merge", clashes[2], "--author", "a")[0] == 0
    code, added, err = cli(capsys, "correct", path, "--add", "--type", "Strategic developments; Agreement",
                           "--at", "36.20,37.16", "--date", "2025-12-24", "--evidence", "اتفاق وقف إطلاق النار",
                           "--author", "a", "--note", "missed")
    assert code == 0, err
    added = added.strip()
    rerun(seed_article_path, store_path, reextract=True, write_maps=False)
    with open_store(store_path) as store:
        shown = store.read("incidents").set_index("incident_id")
        hidden = store.incidents_by_id([clashes[2]]).iloc[0]
    assert shown.loc[shelling, "event_type"] == "Battles" and shown.loc[shelling, "sub_event_type"] == "Armed clash"
    assert shown.loc[clashes[0], "actor1"].startswith("Syrian Democratic Forces")
    assert shown.loc[clashes[0], "actor1_ar"] == "قسد"
    assert shown.loc[clashes[0], "inter1"] == actor_entry("قسد")[2] == 2
    assert clashes[2] not in shown.index and bool(hidden["rejected"])
    assert f"merged into {clashes[1]}" in hidden["correction_note"]
    assert shown.loc[added, "event_type"] == "Strategic developments"
    assert shown.loc[added, "evidence"] == "اتفاق وقف إطلاق النار"
    assert abs(shown.loc[added, "latitude"] - 36.20) < 1e-6


def test_bad_corrections_are_refused_before_anything_is_written(capsys, store_path):
    path = str(store_path)
    assert cli(capsys, "correct", path, "nope", "--reject", "--author", "a")[0] == 1
    assert cli(capsys, "correct", path, shelling_id(path), "--move", "local:no-such-place", "--author", "a")[0] == 1
    assert cli(capsys, "correct", path, shelling_id(path), "--move", "91,37", "--author", "a")[0] == 2
    assert cli(capsys, "correct", path, shelling_id(path), "--set-casualties", "many", "--author", "a")[0] == 2
    assert cli(capsys, "correct", path, "--add", "--type", "Battles", "--author", "a")[0] == 2
    assert cli(capsys, "correct", path, shelling_id(path), "--reject", "--date", "2025-01-01")[0] == 2
    with open_store(store_path) as store:
        assert store.corrections().empty


def test_corrections_csv_round_trip_is_lossless(capsys, seed_store, store_path, tmp_path):
    path = str(store_path)
    notes = [NOTE, '=HYPERLINK("x") quotes "inside", commas, and a CRLF\r\nline', "'سطر أول\nسطر ثانٍ، بفاصلة عربية"]
    ids = [shelling_id(path), *clash_ids(path)]
    cli(capsys, "correct", path, ids[0], "--move", SHEIKH_MAQSOUD, "--note", notes[0], "--author", "analyst1")
    cli(capsys, "correct", path, ids[1], "--move", "36.2279,37.147", "--location", "حي الأشرفية",
        "--note", notes[1], "--author", "محلل")
    cli(capsys, "correct", path, ids[2], "--reject", "--note", notes[2], "--author", "analyst, senior")
    first = tmp_path / "corrections.csv"
    assert cli(capsys, "corrections", path, "--export", str(first))[0] == 0
    assert ",\"'=HYPERLINK(" in first.read_text(encoding="utf-8")  # a spreadsheet shows it, never runs it
    # Into a fresh store of the same article: the corrections land and apply.
    fresh = tmp_path / "fresh" / "incidents.gpkg"
    fresh.parent.mkdir()
    shutil.copy(seed_store, fresh)
    code, _, err = cli(capsys, "corrections", str(fresh), "--import", str(first))
    assert code == 0, err
    second = tmp_path / "again.csv"
    cli(capsys, "corrections", str(fresh), "--export", str(second))
    assert second.read_bytes() == first.read_bytes()
    with open_store(fresh) as store:
        stored = store.corrections()
        assert list(stored["note"]) == notes
        assert_moved(store.incidents_by_id([ids[0]]).iloc[0], note=notes[0])
        assert ids[2] not in set(store.read("incidents")["incident_id"])
    # Importing the same file again changes nothing (rows replace themselves by correction_id).
    cli(capsys, "corrections", str(fresh), "--import", str(first))
    third = tmp_path / "third.csv"
    cli(capsys, "corrections", str(fresh), "--export", str(third))
    assert third.read_bytes() == first.read_bytes()


def test_an_edited_csv_row_is_checked_and_names_its_line(capsys, store_path, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("incident_id,action,value,author\n"
                   f"{shelling_id(store_path)},retype,\"Battles; Armed clash\",a\n"
                   f"{shelling_id(store_path)},teleport,,a\n", encoding="utf-8")
    code, _, err = cli(capsys, "corrections", str(store_path), "--import", str(bad))
    assert code == 1 and "line 3" in err and "teleport" in err
    with open_store(store_path) as store:
        assert store.corrections().empty  # nothing imported


def test_a_correction_whose_incident_disappears_is_reported(capsys, tmp_path):
    article = tmp_path / "a.jsonl"
    text = "قصف مدفعي على مدينة إدلب صباح اليوم. وسقطت قذائف هاون على حي الأشرفية في مدينة حلب."
    article.write_text(json.dumps({"id": "report-1", "title": "قصف", "text": text, "published": "2025-12-20"},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run([article], out, write_maps=False, progress=False)
    store_path = out / "incidents.gpkg"
    with open_store(store_path) as store:
        rows = store.read("incidents")
    idlib = rows[rows["location"].str.contains("إدلب")]["incident_id"].iloc[0]
    assert cli(capsys, "correct", str(store_path), idlib, "--set-casualties", "fatalities=1", "--author", "a")[0] == 0
    # The report is corrected at its source: the Idlib sentence is gone, so is the incident.
    article.write_text(json.dumps({"id": "report-1", "title": "قصف", "text": text.split(". ")[1],
                                   "published": "2025-12-20"}, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = run([article], out, write_maps=False, progress=False)
    assert [item["incident_id"] for item in summary.corrections_orphaned] == [idlib]
    assert "corrections whose incident is gone: 1" in summary.format()
    code, out_text, _ = cli(capsys, "review", str(store_path), "--json")
    report = json.loads(out_text)
    assert [item["incident_id"] for item in report["orphaned_corrections"]] == [idlib]
    with open_store(store_path) as store:
        assert len(store.corrections()) == 1  # kept, never silently dropped


def test_a_correction_follows_its_report_when_the_id_changes(store_path):
    from geo_incidents.corrections.actions import reattach

    with open_store(store_path) as store:
        frame = pd.concat([store.read("incidents"), store.read("road_closures")], ignore_index=True)
    incident = frame[frame["sub_event_type"] == SHELLING].iloc[0]
    correction = pd.DataFrame([{
        "correction_id": "c1", "incident_id": "old-id", "action": "set-casualties", "value": "fatalities=1",
        "article_id": incident["article_ids"].split(";")[0], "span_start": incident["evidence_start"],
        "span_end": incident["evidence_end"], "evidence": incident["evidence"],
        "before": json.dumps({"place_id": incident["place_id"]}),
        "author": "a", "created": pd.Timestamp("2025-12-25", tz="UTC"), "note": "",
    }])
    moved = reattach(correction, ["old-id"], gpd.GeoDataFrame(frame, geometry="geometry"))
    assert list(moved["incident_id"]) == [incident["incident_id"]]
    # Several incidents of the same sentence and none with the same place: no guess.
    correction.loc[0, "before"] = json.dumps({"place_id": "somewhere-else", "event_type": "Battles"})
    assert reattach(correction, ["old-id"], gpd.GeoDataFrame(frame, geometry="geometry")).empty


def test_review_lists_the_coarse_shelling_first_with_its_evidence(capsys, store_path):
    code, out, _ = cli(capsys, "review", str(store_path), "--json")
    assert code == 0
    report = json.loads(out)
    first = report["incidents"][0]
    assert first["sub_event_type"] == SHELLING
    assert any("precision 2" in reason for reason in first["reasons"])
    assert "هاون" in first["evidence"]
    code, text, _ = cli(capsys, "review", str(store_path))
    assert code == 0 and shelling_id(store_path) in text and "evidence:" in text


def test_review_lists_names_no_gazetteer_entry_matched(capsys, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("قصف على حي الزنبقة\n\nتعرض حي الزنبقة في مدينة حلب لقصف مدفعي اليوم.\n", encoding="utf-8")
    run([report], tmp_path / "out", defaults={"published": PUBLISHED}, write_maps=False, progress=False)
    code, out, _ = cli(capsys, "review", str(tmp_path / "out" / "incidents.gpkg"), "--json")
    assert code == 0
    assert {"name": "حي الزنبقة", "mentions": 1} in json.loads(out)["unresolved_names"]


def test_review_learn_reports_triggers_and_place_decisions(capsys, store_path):
    path = str(store_path)
    shelling = shelling_id(path)
    cli(capsys, "correct", path, shelling, "--move", SHEIKH_MAQSOUD, "--author", "a")
    for clash in clash_ids(path)[:2]:
        cli(capsys, "correct", path, clash, "--retype", "Explosions/Remote violence; " + SHELLING, "--author", "a")
    code, out, _ = cli(capsys, "review", path, "--learn", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["by_action"] == {"retype": 2, "move": 1}
    assert report["places"][0]["place_id"].startswith("geonames:170063")  # Aleppo, offset to its north
    assert report["places"][0]["moved_to"] == {SHEIKH_MAQSOUD: 1}
    assert report["triggers"] and report["triggers"][0]["corrections"] == 2
    assert "Armed clash → " + SHELLING in report["triggers"][0]["changes"]
    code, text, _ = cli(capsys, "review", path, "--learn")
    assert "lexicon triggers" in text and "geonames:170063" in text


@pytest.mark.database
def test_corrections_on_postgis(capsys, seed_article_path, postgis_schema, tmp_path):
    out = tmp_path / "pg"
    run([seed_article_path], out, store_url=postgis_schema, defaults={"published": PUBLISHED}, write_maps=False,
        progress=False)
    incident = shelling_id(postgis_schema)
    rejected = clash_ids(postgis_schema)[0]
    assert cli(capsys, "correct", postgis_schema, incident, "--move", SHEIKH_MAQSOUD, "--note", NOTE,
               "--author", "analyst1")[0] == 0
    assert cli(capsys, "correct", postgis_schema, rejected, "--reject", "--author", "analyst1")[0] == 0
    run([seed_article_path], out, store_url=postgis_schema, defaults={"published": PUBLISHED}, write_maps=False,
        progress=False, reextract=True)
    with open_store(postgis_schema) as store:
        assert_moved(store.incidents_by_id([incident]).iloc[0])
        assert rejected not in set(store.read("incidents")["incident_id"])
        assert bool(store.incidents_by_id([rejected])["rejected"].iloc[0])
    first = tmp_path / "pg.csv"
    cli(capsys, "corrections", postgis_schema, "--export", str(first))
    assert cli(capsys, "corrections", postgis_schema, "--import", str(first))[0] == 0
    second = tmp_path / "pg2.csv"
    cli(capsys, "corrections", postgis_schema, "--export", str(second))
    assert second.read_bytes() == first.read_bytes() and NOTE.split("\n")[1] in first.read_text(encoding="utf-8")


@pytest.mark.browser
def test_seed_moved_shelling_shows_on_the_day_page(capsys, seed_article_path, store_path, tmp_path):
    """The seed: moving the shelling from "north Aleppo" to a named neighbourhood shows on the day page
    with precision 1 and the analyst's note."""
    from tests.chromium_page import chromium_or_skip, open_page

    incident = shelling_id(store_path)
    cli(capsys, "correct", str(store_path), incident, "--move", SHEIKH_MAQSOUD, "--note", NOTE,
        "--author", "analyst1")
    rerun(seed_article_path, store_path, reextract=False)  # the run writes the day pages again
    page_path = store_path.parent / "maps" / "2025-12-24.html"
    with chromium_or_skip() as context, open_page(context, page_path) as opened:
        assert opened.page.evaluate(f"window.geoIncidents.openIncidentPopup('{incident}')")
        popup = opened.page.wait_for_selector(".leaflet-popup-content .gi-popup", timeout=5000)
        text = popup.inner_text()
        opened.page.screenshot(path=str(tmp_path / "corrected.png"))
        assert popup.get_attribute("data-incident-id") == incident
        copy = opened.page.query_selector(".gi-popup .gi-copy-id")
        assert copy is not None
        assert not opened.errors, opened.errors
    assert "الشيخ مقصود" in text
    assert "1 – " in text  # precision 1
    assert "corrected by analyst1" in text and "الحي مذكور في الفقرة الثانية" in text
    assert incident in text


def test_gazetteer_add_a_place_then_move_an_incident_there(capsys, store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_INCIDENTS_CACHE", str(tmp_path / "cache"))
    code, out, err = cli(capsys, "gazetteer", "add", "حاجز الزهراء", "--at", "36.245,37.105", "--kind", "landmark",
                         "--name-en", "Zahraa checkpoint", "--admin1", "حلب", "--alias", "حاجز جمعية الزهراء")
    assert code == 0, err
    assert out.strip() == "user:zahraa-checkpoint"
    from gazetteer import Gazetteer

    mentions = Gazetteer.default().find("اشتباكات عند حاجز جمعية الزهراء غرب المدينة")
    assert [m.best.place.id for m in mentions if m.best] == ["user:zahraa-checkpoint"]
    shelling = shelling_id(store_path)
    code, _, err = cli(capsys, "correct", str(store_path), shelling, "--move", "user:zahraa-checkpoint",
                       "--author", "a")
    assert code == 0, err
    with open_store(store_path) as store:
        row = store.incidents_by_id([shelling]).iloc[0]
    assert (row["place_id"], row["location"], int(row["geo_precision"])) == ("user:zahraa-checkpoint",
                                                                             "حاجز الزهراء", 1)
    assert cli(capsys, "gazetteer", "add", "Zahraa", "--at", "36.2,37.1", "--kind", "landmark")[0] == 2
    assert cli(capsys, "gazetteer", "add", "حاجز", "--at", "36.2,37.1", "--kind", "castle")[0] == 2
