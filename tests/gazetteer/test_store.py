"""The SQLite index: round trips, persistence, derived-cache staleness, the default cache key."""

from __future__ import annotations

import sqlite3

import pytest
from shapely.geometry import LineString, Point, Polygon

from gazetteer import Gazetteer, Kind, Place
from gazetteer.gazetteer import _names_path
from gazetteer.store import IndexStore, index_names, place_from_record, place_to_record

from .conftest import SMALL_PLACES


def test_record_round_trip_keeps_every_field_and_geometry():
    place = Place(
        id="local:x", name_ar="دوار شيحان", kind=Kind.ROUNDABOUT, geometry=Polygon([(0, 0), (1, 0), (1, 1)]),
        name_en="Shihan", aliases_ar=("شيحان",), names_latin=("Shihan",), parents=("a", "b"), country_code="SY",
        admin1="حلب", admin2="جبل سمعان", population=3, importance=0.5, uncertainty_m=250.0, source="curated",
        licence="MIT",
    )
    assert place_from_record(place_to_record(place)) == place
    road = Place(id="local:r", name_ar="طريق", kind=Kind.ROAD, geometry=LineString([(0, 0), (1, 1)]))
    assert place_from_record(place_to_record(road)).geometry.equals(road.geometry)


def test_index_names_drop_short_and_mixed_script_names():
    place = Place(id="g:1", name_ar="حي", kind=Kind.VILLAGE, geometry=Point(0, 0), name_en="Hayy",
                  aliases_ar=("ڕەqqە", "د مشق", "الرقة"))
    assert set(index_names(place)) == {"hayy", "الرقه"}


def test_add_replaces_by_id(tmp_path):
    gz = Gazetteer.from_places(SMALL_PLACES)
    assert len(gz) == len(SMALL_PLACES)
    moved = Place(id="t:afrin", name_ar="عفرين", kind=Kind.CITY, geometry=Point(36.87, 36.51), name_en="Afrin",
                  aliases_ar=("عفرين المدينة",))
    gz.add([moved])
    assert len(gz) == len(SMALL_PLACES)
    assert gz.get("t:afrin").kind is Kind.CITY
    assert gz.lookup("عفرين المدينة")[0].place.id == "t:afrin"


def test_open_persisted_index_and_rebuild_stale_names(tmp_path):
    path = tmp_path / "index.sqlite"
    gz = Gazetteer(IndexStore(path))
    gz.add(SMALL_PLACES, source="test")
    assert _names_path(path).exists()
    gz.close()

    reopened = Gazetteer.open(path)
    assert len(reopened) == len(SMALL_PLACES)
    assert reopened.lookup("حلب")[0].place.id == "t:aleppo"
    reopened.add([Place(id="t:new", name_ar="مارع", kind=Kind.TOWN, geometry=Point(37.05, 36.57),
                        population=16_000, country_code="SY")])
    reopened.close()

    # the pickle written by the last add is current; a pickle from an older generation is not used
    again = Gazetteer.open(path)
    assert again.lookup("مارع")[0].place.id == "t:new"
    again.close()
    with sqlite3.connect(path) as conn:  # another writer changed the store behind our back
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'generation'")
    conn.close()
    stale = Gazetteer.open(path)
    assert stale.lookup("مارع")[0].place.id == "t:new"


def test_open_missing_file_fails_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="no gazetteer index"):
        Gazetteer.open(tmp_path / "nothing.sqlite")


def test_iteration_stats_and_contains():
    gz = Gazetteer.from_places(SMALL_PLACES)
    assert {p.id for p in gz} == {p.id for p in SMALL_PLACES}
    stats = gz.stats()
    assert stats["places"] == len(SMALL_PLACES)
    assert stats["by_kind"]["neighbourhood"] == 3
    assert "t:aleppo" in gz and "t:nowhere" not in gz
    assert gz.get("t:nowhere") is None


def test_default_opens_from_cache(default_gz):
    again = Gazetteer.default(cache_dir=default_gz.store.path.parent)
    assert again.store.path == default_gz.store.path
    assert len(again) == len(default_gz) > 1000


@pytest.fixture()
def small_sources(monkeypatch):
    """Make the default gazetteer build from the small test places (fast)."""
    import gazetteer.gazetteer as module
    import gazetteer.io.geonames_cache as geonames_cache

    monkeypatch.setattr(geonames_cache, "read_geonames_cache", lambda: iter(SMALL_PLACES))
    monkeypatch.setattr(module, "_source_versions", lambda: "test-1")
    return module


def test_default_is_keyed_by_source_versions(tmp_path, monkeypatch, small_sources):
    first = Gazetteer.default(cache_dir=tmp_path)
    assert first.lookup("حلب")[0].place.id == "t:aleppo"
    assert Gazetteer.default(cache_dir=tmp_path).store.path == first.store.path
    monkeypatch.setattr(small_sources, "_source_versions", lambda: "test-2")
    second = Gazetteer.default(cache_dir=tmp_path)
    assert second.store.path != first.store.path
    # the index it replaces (tens of MB with its names pickle) is removed
    assert list(tmp_path.glob("gazetteer-*.sqlite")) == [second.store.path]
    assert first.lookup("حلب")[0].place.id == "t:aleppo"  # a gazetteer still open keeps working
    rebuilt = Gazetteer.default(cache_dir=tmp_path, rebuild=True)
    assert rebuilt.store.path == second.store.path


def test_default_merges_imported_places(tmp_path, small_sources):
    from gazetteer.gazetteer import imported_path

    before = Gazetteer.default(cache_dir=tmp_path)
    store = IndexStore(imported_path(tmp_path))
    store.add([Place(id="ocha:C9999", name_ar="قرية الاختبار", kind=Kind.VILLAGE, geometry=Point(37.0, 36.0),
                     country_code="SY", source="ocha")])
    store.close()
    gz = Gazetteer.default(cache_dir=tmp_path)
    assert gz.store.path != before.store.path  # the import changed the key
    assert gz.get("ocha:C9999") is not None
    assert gz.lookup("قرية الاختبار")[0].place.id == "ocha:C9999"


def test_place_table_round_trip_through_its_pickle():
    """Every field and geometry survives the in-memory table and its pickle, lazily or eagerly."""
    import pickle

    from gazetteer.table import PlaceTable

    places = [
        Place(id="local:x", name_ar="السكري", kind=Kind.NEIGHBOURHOOD, geometry=Polygon([(0, 0), (1, 0), (1, 1)]),
              name_en="Sukkari", aliases_ar=("حي السكري", "حي سكري"), names_latin=("Sukkari",), parents=("a", "b"),
              country_code="SY", admin1="حلب", admin2="جبل سمعان", population=3, importance=0.5,
              uncertainty_m=250.0, source="curated", licence="MIT", needs_cue=True),
        Place(id="local:r", name_ar="طريق", kind=Kind.ROAD, geometry=LineString([(0, 0), (1, 1)])),
        Place(id="g:1", name_ar="حلب", kind=Kind.CITY, geometry=Point(37.16, 36.2), population=2_000_000),
    ]
    table = pickle.loads(pickle.dumps(PlaceTable.from_places(zip((5, 9, 12), places, strict=True))))
    assert [table.get(rid) for rid in (5, 9, 12)] == places
    assert table.get(7) is None and table.roads == [9]
    assert table.primary_names(5) == ("السكري", "sukkari")
    eager = pickle.loads(pickle.dumps(PlaceTable.from_places(zip((5, 9, 12), places, strict=True))))
    eager.decode()
    assert eager.get_many([12, 5]) == {12: places[2], 5: places[0]}
