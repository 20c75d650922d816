from datetime import date

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point

from maps.features import closure_data, closure_intervals, incident_data
from maps.rows import day_numbers, iso_to_day
from maps.style import actor_palette
from tests.maps.map_samples import frame, incident


def test_day_numbers_accept_dates_strings_and_nulls():
    assert day_numbers([date(1970, 1, 2), "1970-01-03", "1970-01-04T12:30:00", None, "not a date"]) == [
        1, 2, 3, None, None,
    ]  # fmt: skip


def test_incidents_without_geometry_are_counted_not_drawn(seed_incidents):
    data = incident_data(seed_incidents, actor_palette(seed_incidents))
    assert data.count == 5
    assert data.skipped == 1
    assert len(data.payload["x"]) == len(data.payload["p"]) == 5
    coarse = data.payload["p"].index(next(p for p in data.payload["p"] if p[0] == "i-coarse"))
    assert data.payload["q"][coarse] == 2


def test_minimal_frame_with_only_geometry_still_draws():
    bare = gpd.GeoDataFrame(geometry=[Point(37.1, 36.2), None], crs="EPSG:4326")
    data = incident_data(bare, {})
    assert (data.count, data.skipped) == (1, 1)
    assert data.payload["d"] == [None]


def test_only_web_links_become_source_links(seed_incidents):
    data = incident_data(seed_incidents, {})
    assert all(url.startswith("https://") for p in data.payload["p"] for url in p[12])


def test_same_actor_gets_the_same_colour_on_every_page(seed_incidents):
    palette = actor_palette(seed_incidents)
    first = incident_data(seed_incidents.iloc[:2], palette).payload
    second = incident_data(seed_incidents.iloc[3:5], palette).payload
    assert first["palette"][first["c"][0]] == second["palette"][second["c"][0]]


def _closure(cid, day, status):
    road = LineString([(37.0, 36.0), (37.1, 36.1)])
    return incident(cid, "Road closure", road, day=day, status=status, location="road A", sub_event_type=status)


def test_latest_status_per_road_with_intervals():
    reports = frame([
        _closure("c1", date(2025, 1, 1), "closed"),
        _closure("c2", date(2025, 1, 5), "partial"),
        _closure("c3", date(2025, 1, 9), "reopened"),
    ])  # fmt: skip
    rows = closure_intervals(reports)
    assert list(rows["_status"]) == ["closed", "partial", "reopened"]
    assert list(rows["_to"]) == [iso_to_day("2025-01-04"), iso_to_day("2025-01-08"), None]
    latest = closure_data(reports).payload["items"]
    assert [item["s"] for item in latest] == ["reopened"]
    assert latest[0]["since"] == "2025-01-09"


@pytest.mark.parametrize(("status", "expected"), [("partially closed", "partial"), ("reopened", "reopened"),
                                                  ("", "closed")])  # fmt: skip
def test_closure_status_from_sub_event_type(status, expected):
    data = closure_data(frame([_closure("c", date(2025, 1, 1), status)]))
    assert data.payload["items"][0]["s"] == expected


def test_coordinates_are_rounded_for_size(seed_incidents):
    data = incident_data(seed_incidents, {})
    assert all(np.isclose(x, round(x, 5)) for x in data.payload["x"])


def _intervals_as_pandas_computed_them(closures):
    """The closure intervals as the table code computed them before they were computed in one pass."""
    import pandas as pd

    from maps.features import closure_status, road_keys
    from maps.rows import column, located_mask

    frame = closures[located_mask(closures)].copy()
    frame["_from"] = pd.Series(day_numbers(column(frame, "event_date")), index=frame.index, dtype=object)
    frame["_road"] = road_keys(frame)
    frame["_status"] = closure_status(frame)
    frame = frame.sort_values(["_road", "_from"], na_position="first", kind="stable")
    next_from = frame.groupby("_road", sort=False)["_from"].shift(-1).astype(object)
    same_day_later = next_from == frame["_from"]
    frame["_to"] = pd.Series([None if pd.isna(v) else int(v) - 1 for v in next_from], index=frame.index, dtype=object)
    return frame[~same_day_later.to_numpy()]


def test_closure_intervals_in_one_pass_are_the_table_computation():
    """Roads keyed by place id, by name and by geometry; undated reports, the same road twice on one day, reports
    out of order and an unlocated one: the same rows, order and intervals as the pandas computation gave."""
    a, b = LineString([(37.0, 36.0), (37.1, 36.1)]), LineString([(37.2, 36.0), (37.3, 36.1)])
    reports = frame([
        _closure("c1", date(2025, 1, 9), "reopened"),
        _closure("c2", date(2025, 1, 1), "closed"),
        _closure("c3", None, "closed"),
        _closure("c4", date(2025, 1, 5), "partial"),
        _closure("c5", date(2025, 1, 5), "closed"),
        _closure("c6", None, "partial"),
        incident("c7", "Road closure", b, day=date(2025, 1, 3), location="", place_name_ar="", status="closed"),
        incident("c8", "Road closure", b, day=date(2025, 1, 2), location="", place_name_ar="", status="closed"),
        incident("c9", "Road closure", a, day=date(2025, 1, 4), location="road B", place_id="P1", status="closed"),
        incident("c10", "Road closure", a, day=date(2025, 1, 4), location="road C", place_id="P1", status="reopened"),
        incident("c11", "Road closure", None, day=date(2025, 1, 4), location="road A", status="closed"),
    ])  # fmt: skip
    expected = _intervals_as_pandas_computed_them(reports)
    got = closure_intervals(reports)
    assert list(got.index) == list(expected.index)
    for name in ("_from", "_to", "_road", "_status"):
        assert list(got[name]) == list(expected[name]), name
    assert len(got) == 8  # the unlocated report and the earlier of each same-day pair left out
    latest = closure_data(reports)  # each road's latest report: by id (the later of one day), by name, by line
    # (an undated report followed by another undated one has no end either, as before)
    assert [item["p"][0] for item in latest.payload["items"]] == ["c10", "c3", "c1", "c7"]
    assert latest.skipped == 1
