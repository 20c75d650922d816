"""The seed article (read from ../shared, never copied): exactly the incidents the project expects."""

from __future__ import annotations

from datetime import date

import pytest

from geo_incidents.io.articles import read_articles

PUBLISHED = date(2025, 12, 24)


@pytest.fixture(scope="module")
def seed(seed_article_path, default_extractor):
    [art] = read_articles([seed_article_path], defaults={"published": PUBLISHED})
    return art, default_extractor.extract(art)


def test_three_clashes_one_per_named_place(seed):
    art, incidents = seed
    clashes = [i for i in incidents if i.sub_event_type == "Armed clash"]
    assert len(clashes) == 3
    for name in ("الأشرفية", "شيحان", "الليرمون"):
        assert sum(name in clash.location for clash in clashes) == 1, name
    assert len({clash.place_id for clash in clashes}) == 3
    for clash in clashes:
        assert clash.event_type == "Battles" and clash.geo_precision == 1
        assert clash.event_date == PUBLISHED and clash.time_precision == 1
        assert {clash.actor1, clash.actor2} == {"Asayish: Kurdish Internal Security Forces",
                                                 "Syrian government forces"}
        assert {clash.inter1, clash.inter2} == {1}
        assert "اشتباكات" in clash.evidence and "الأشرفية" in clash.evidence
        assert art.full_text[clash.evidence_start : clash.evidence_end] == clash.evidence
        assert clash.article_ids == [art.id]


def test_shelling_north_of_aleppo(seed):
    _, incidents = seed
    [shelling] = [i for i in incidents if i.event_type == "Explosions/Remote violence"]
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"
    assert shelling.geo_precision == 2
    assert "هاون" in shelling.evidence


def test_partial_road_closure_on_the_gaziantep_road(seed):
    _, incidents = seed
    [closure] = [i for i in incidents if i.event_type == "Road closure"]
    assert closure.status == "partial" and closure.sub_event_type == "partially closed"
    assert closure.geometry.geom_type == "LineString"
    assert "غازي عنتاب" in closure.location


def test_injuries_civilians_and_hospital_destination(seed):
    _, incidents = seed
    wounded = [i for i in incidents if i.injured_high]
    assert len(wounded) == 1
    [w] = wounded
    assert (w.injured_low, w.injured_high, w.fatalities, w.fatalities_high) == (2, 10, 0, 0)
    assert w.civilian_casualties
    assert "الرازي" in w.casualty_destination
    assert not any("الرازي" in i.location or "hospital" in i.place_id for i in incidents)


def test_nothing_else(seed):
    _, incidents = seed
    assert len(incidents) == 5
    assert not any("Democratic" in f"{i.actor1} {i.actor2}" for i in incidents)
    assert not any(i.place_id.startswith(("geonames-country", "local:country")) for i in incidents)
    assert len({i.incident_id for i in incidents}) == 5


def test_extraction_is_deterministic(seed, default_extractor):
    art, incidents = seed
    again = default_extractor.extract(art)
    assert [i.incident_id for i in again] == [i.incident_id for i in incidents]
