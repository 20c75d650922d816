"""The store keeps every run's results, re-runnably and safely, in both back ends."""

from __future__ import annotations

import dataclasses
import json
import threading
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import MultiLineString, Point, Polygon

from geo_incidents.frame import frame_to_incidents, incidents_to_frame
from geo_incidents.model import INCIDENT_COLUMNS, EventType
from geo_incidents.store import StoreLockedError, open_store
from tests.store.incident_samples import sample_articles, sample_frontline_rows, sample_incidents

DATA_LAYERS = ("incidents", "road_closures", "frontlines", "places", "articles")


def frontlines(day: date, n: int = 2) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(sample_frontline_rows(day, n), geometry="geometry", crs="EPSG:4326")


def by_id(incidents):
    return {inc.incident_id: inc for inc in incidents}


def snapshot(store) -> dict[str, pd.DataFrame]:
    """The data layers' content, independent of row ids."""
    out = {}
    for name in DATA_LAYERS:
        frame = store.read(name)
        if "geometry" in frame:
            wkb = frame.geometry.to_wkb()
            frame = pd.DataFrame(frame.drop(columns="geometry")).assign(geometry=wkb)
        out[name] = frame.reset_index(drop=True)
    return out


@pytest.fixture
def batch():
    incidents = sample_incidents(120)
    return sample_articles(incidents), incidents


def test_incidents_round_trip_into_their_layers(store_location, batch):
    articles, incidents = batch
    with open_store(store_location) as store:
        counts = store.write_batch(articles, incidents_to_frame(incidents), run={"command": "test"})
        points = store.read("incidents")
        lines = store.read("road_closures")

    closures = [i for i in incidents if i.event_type == EventType.ROAD_CLOSURE]
    assert counts["incidents"] == len(incidents) - len(closures) == len(points)
    assert counts["road_closures"] == len(closures) == len(lines)
    assert list(points.columns) == [*INCIDENT_COLUMNS, "geometry"]
    assert list(lines.columns) == [*INCIDENT_COLUMNS, "geometry"]
    assert set(points.geometry.dropna().geom_type) == {"Point"}
    assert set(lines.geometry.geom_type) == {"LineString"}
    # Every field comes back as written, Arabic text and geometry included.
    expected = by_id(incidents)
    for inc in frame_to_incidents(pd.concat([points, lines], ignore_index=True)):
        assert inc == expected[inc.incident_id]
    # The unlocated report is kept, without a geometry.
    unlocated = [i.incident_id for i in incidents if i.geometry is None]
    assert unlocated and points.set_index("incident_id").loc[unlocated].geometry.isna().all()


def test_other_layers_are_written(store_location, batch):
    articles, incidents = batch
    with open_store(store_location) as store:
        store.write_batch(articles, incidents_to_frame(incidents), frontlines=frontlines(date(2024, 3, 1)),
                          run={"command": "geo-incidents run reports/", "started": "2024-03-08T10:00:00Z"})
        stored_articles = store.read("articles")
        runs = store.read("runs")
        places = store.read("places")
        lines = store.read("frontlines")
        assert store.article_hashes() == {a.id: a.content_hash for a in articles}

    assert list(stored_articles.columns) == ["id", "content_hash", "title", "published", "source", "url",
                                             "origin", "run_id"]
    assert stored_articles.set_index("id").loc[articles[0].id, "title"] == articles[0].title
    assert len(runs) == 1 and runs.loc[0, "command"] == "geo-incidents run reports/"
    assert runs.loc[0, "started"] == pd.Timestamp("2024-03-08T10:00:00Z")
    assert set(stored_articles["run_id"]) == {runs.loc[0, "run_id"]}
    assert set(places["id"]) == {i.place_id for i in incidents if i.place_id and i.geometry is not None}
    assert list(lines.columns) == ["frontline_id", "side_a", "side_b", "valid_from", "valid_to", "method",
                                   "source", "geometry"]
    assert lines.loc[0, "side_b"] == "هيئة تحرير الشام"
    assert lines.loc[0, "valid_from"] == date(2024, 3, 1)


def test_same_batch_twice_changes_nothing(store_location, batch):
    articles, incidents = batch
    frame = incidents_to_frame(incidents)
    with open_store(store_location) as store:
        store.write_batch(articles, frame, frontlines=frontlines(date(2024, 3, 2)), run={"command": "first"})
        before = snapshot(store)
        counts = store.write_batch(articles, frame, frontlines=frontlines(date(2024, 3, 2)),
                                   run={"command": "second"})
        after = snapshot(store)
        runs = store.read("runs")
    assert counts["articles"] == 0
    for name in DATA_LAYERS:
        pd.testing.assert_frame_equal(before[name], after[name], check_like=False, obj=name)
    assert list(runs["command"]) == ["first", "second"]


def test_new_and_changed_reports(store_location, batch):
    articles, incidents = batch
    with open_store(store_location) as store:
        store.write_batch(articles[:10], incidents_to_frame(incidents[:30]), run={"command": "a"})
        # A corrected re-extraction of one incident, one changed article, and new incidents.
        fixed = dataclasses.replace(incidents[0], fatalities=42, notes="corrected")
        moved = dataclasses.replace(incidents[1], event_type=EventType.ROAD_CLOSURE, sub_event_type="closed")
        changed_article = dataclasses.replace(articles[0], text="نص مصحح")
        counts = store.write_batch([changed_article, *articles[1:12]],
                                   incidents_to_frame([fixed, moved, *incidents[30:40]]), run={"command": "b"})
        points = store.read("incidents").set_index("incident_id")
        stored_articles = store.read("articles").set_index("id")
        hashes = store.article_hashes()

    assert counts["articles"] == 3  # the changed one and two new ones
    assert hashes[articles[0].id] == changed_article.content_hash
    assert len(stored_articles) == 12
    assert points.loc[incidents[0].incident_id, "fatalities"] == 42
    assert points.loc[incidents[0].incident_id, "notes"] == "corrected"
    # Not a line, so it stays in the points layer, as a road closure now.
    assert points.loc[incidents[1].incident_id, "event_type"] == EventType.ROAD_CLOSURE
    expected_ids = {i.incident_id for i in incidents[:40] if i.event_type != EventType.ROAD_CLOSURE}
    assert set(points.index) == expected_ids


def test_incident_changing_layer_is_not_duplicated(store_location, batch):
    _, incidents = batch
    closure = next(i for i in incidents if i.event_type == EventType.ROAD_CLOSURE)
    with open_store(store_location) as store:
        store.write_batch([], incidents_to_frame([closure]), run={})
        as_point = dataclasses.replace(closure, geometry=Point(36.2, 36.2))
        store.write_batch([], incidents_to_frame([as_point]), run={})
        assert len(store.read("road_closures")) == 0
        assert list(store.read("incidents")["incident_id"]) == [closure.incident_id]


def test_polygons_become_points_in_the_point_layer(store_location, batch):
    _, incidents = batch
    area = Polygon([(36.0, 35.0), (37.0, 35.0), (37.0, 36.0), (36.0, 36.0)])
    region = dataclasses.replace(incidents[0], geometry=area, geo_precision=3)
    with open_store(store_location) as store:
        store.write_batch([], incidents_to_frame([region]), run={})
        stored = store.read("incidents")
    assert stored.geometry.iloc[0].geom_type == "Point"
    assert stored.geometry.iloc[0].within(area)


def test_frontlines_of_affected_dates_are_replaced(store_location):
    day1, day2 = date(2024, 3, 1), date(2024, 3, 2)
    with open_store(store_location) as store:
        store.write_batch([], None, frontlines=pd.concat([frontlines(day1, 3), frontlines(day2, 2)]), run={})
        store.write_batch([], None, frontlines=frontlines(day1, 1), run={})
        stored = store.read("frontlines")
    assert sorted(stored["frontline_id"]) == [f"fl-{day1}-0", f"fl-{day2}-0", f"fl-{day2}-1"]


def test_a_days_new_estimate_keeps_the_lines_of_other_methods(store_location):
    """An analyst's imported line valid from a clash day survives the day's estimate being recomputed."""
    day = date(2024, 3, 1)
    imported = frontlines(day, 1).assign(frontline_id="analyst-line-1", method="imported", source="analyst.geojson")
    with open_store(store_location) as store:
        store.write_batch([], None, frontlines=pd.concat([imported, frontlines(day, 2)]), run={})
        # The day's clashes change: its estimate is recomputed, and now draws no line at all.
        store.write_batch([], None, frontlines=frontlines(day, 1).iloc[:0], frontline_days=[day], run={})
        stored = store.read("frontlines")
    assert list(stored["frontline_id"]) == ["analyst-line-1"]
    assert list(stored["method"]) == ["imported"]


def test_incidents_for_dates_and_filters(store_location, batch):
    articles, incidents = batch
    with open_store(store_location) as store:
        store.write_batch(articles, incidents_to_frame(incidents), run={})
        merged = store.incidents_for_dates([date(2024, 3, 2), date(2024, 3, 4)])
        battles = store.read("incidents", filters={"event_type": EventType.BATTLES, "admin1": ["Aleppo", "Idleb"]})
        with pytest.raises(ValueError, match="no column"):
            store.read("incidents", filters={"nope": 1})
        with pytest.raises(ValueError, match="unknown layer"):
            store.read("nope")
    wanted = {i.incident_id for i in incidents if i.event_date in (date(2024, 3, 2), date(2024, 3, 4))}
    assert set(merged["incident_id"]) == wanted
    assert list(merged.columns) == [*INCIDENT_COLUMNS, "geometry"]
    assert set(battles["incident_id"]) == {
        i.incident_id for i in incidents if i.event_type == EventType.BATTLES and i.admin1 in ("Aleppo", "Idleb")
    }


def test_incidents_with_keys_equal_the_frame_read(store_location, batch):
    """The merge candidates read as records are the frame read's records with those merge keys: same
    incidents, order and values, missing values included, rejected incidents left out."""
    from geo_incidents.extraction.merge import merge_key

    articles, incidents = batch
    incidents = [dataclasses.replace(inc, inter2=None, confidence=0.5 + i / 1000, actor2="", place_id="",
                                     civilian_casualties=i % 2 == 0) if i % 3 == 0 else inc
                 for i, inc in enumerate(incidents)]
    days = [date(2024, 3, 2), date(2024, 3, 4), date(2024, 3, 5)]
    keys = {merge_key(inc) for inc in incidents[:60] if inc.event_date in days}
    with open_store(store_location) as store:
        store.write_batch(articles, incidents_to_frame(incidents), run={})
        with store.writing() as tx:  # an analyst's rejection, as the corrections write it
            stored = store.read("incidents", rejected=True)
            candidate = [inc.incident_id for inc in incidents[:60] if merge_key(inc) in keys]
            rejected = stored[stored["incident_id"].isin(candidate[:3])].copy()
            rejected["rejected"] = True
            tx.delete("incidents", "incident_id", list(rejected["incident_id"]))
            tx.insert("incidents", rejected)
        records = store.incidents_with_keys(keys)
        expected = [inc for inc in frame_to_incidents(store.incidents_for_dates(days)) if merge_key(inc) in keys]
    assert 0 < len(records) == len(expected) < len(incidents)
    assert len({inc.place_id for inc in records}) > 1 and "" in {inc.place_id for inc in records}
    assert len(rejected) == 3 and not {inc.incident_id for inc in records} & set(rejected["incident_id"])
    for got, want in zip(records, expected, strict=True):
        assert dataclasses.asdict(got) == dataclasses.asdict(want)
        assert [type(getattr(got, f.name)) for f in dataclasses.fields(got)] == [
            type(getattr(want, f.name)) for f in dataclasses.fields(want)]


def test_second_writer_fails_clearly_or_waits(store_location, batch):
    articles, incidents = batch
    frame = incidents_to_frame(incidents[:20])
    open_store(store_location).close()  # create it, so that the holder only takes the writer lock
    entered, release = threading.Event(), threading.Event()

    def hold_lock():
        with open_store(store_location) as holder, holder._transaction():
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=hold_lock)
    thread.start()
    try:
        assert entered.wait(10)
        with open_store(store_location, lock_timeout=0.3) as impatient:
            with pytest.raises(StoreLockedError, match="another run is writing"):
                impatient.write_batch(articles, frame, run={})
            # Readers are not blocked by a writer.
            assert len(impatient.read("incidents")) == 0
        with open_store(store_location, lock_timeout=20) as patient:
            threading.Timer(0.5, release.set).start()
            patient.write_batch(articles, frame, run={})
            assert len(patient.read("incidents")) + len(patient.read("road_closures")) == 20
    finally:
        release.set()
        thread.join()


def test_multi_part_frontlines_are_stored_as_lines(store_location):
    day = date(2024, 3, 5)
    rows = sample_frontline_rows(day, 2)
    rows[0]["geometry"] = MultiLineString([[(36.0, 35.0), (36.1, 35.1)], [(36.5, 35.5), (36.6, 35.6)]])
    rows[1]["geometry"] = MultiLineString([[(36.0, 35.0), (36.1, 35.1)], [(36.1, 35.1), (36.2, 35.0)]])
    with open_store(store_location) as store:
        store.write_batch([], None, frontlines=gpd.GeoDataFrame(rows, crs="EPSG:4326"),
                          run={"command": "t", "incidents": 7})
        stored = store.read("frontlines")
        runs = store.read("runs")
    assert sorted(stored["frontline_id"]) == [f"fl-{day}-0#1", f"fl-{day}-0#2", f"fl-{day}-1"]
    assert set(stored.geometry.geom_type) == {"LineString"}
    assert json.loads(runs.loc[0, "counts"])["incidents"] == 7
