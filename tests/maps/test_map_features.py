from datetime import date

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point

from maps.features import closure_data, closure_intervals, day_numbers, incident_data, iso_to_day
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
