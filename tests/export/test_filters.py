"""Export filters, checked against the same criteria applied by hand to the incident records."""

from __future__ import annotations

import csv
from datetime import date

import pytest
import shapely

from geo_incidents.cli import main
from geo_incidents.export import ExportFilters
from geo_incidents.frame import incidents_to_frame
from geo_incidents.model import EventType


@pytest.fixture(scope="module")
def frame(incidents):
    return incidents_to_frame(incidents)


def kept(frame, **criteria) -> set[str]:
    return set(ExportFilters(**criteria).apply(frame)["incident_id"])


def test_no_criteria_keeps_everything(frame, incidents):
    assert kept(frame) == {i.incident_id for i in incidents}


def test_date_range(frame, incidents):
    expected = {i.incident_id for i in incidents if date(2024, 3, 2) <= i.event_date <= date(2024, 3, 3)}
    assert expected and kept(frame, date_from=date(2024, 3, 2), date_to=date(2024, 3, 3)) == expected


def test_event_types(frame, incidents):
    wanted = (EventType.BATTLES, EventType.ROAD_CLOSURE)
    expected = {i.incident_id for i in incidents if i.event_type in wanted}
    assert kept(frame, event_types=("battles", EventType.ROAD_CLOSURE)) == expected


def test_actors_match_english_or_arabic_substrings(frame, incidents):
    english = {i.incident_id for i in incidents if "tahrir" in (i.actor1 + i.actor2).lower()}
    assert english and kept(frame, actors=("Tahrir",)) == english
    arabic = {i.incident_id for i in incidents if "مدني" in i.actor1_ar + i.actor2_ar}
    assert arabic and kept(frame, actors=("مدني",)) == arabic


def test_bbox(frame, incidents):
    west, south, east, north = 36.0, 35.0, 38.0, 37.0

    def inside(inc) -> bool:
        """By hand: a point inside the box, or a line with a vertex inside or crossing its edges."""
        if inc.geometry is None:
            return False
        if inc.geometry.geom_type == "Point":
            return west <= inc.geometry.x <= east and south <= inc.geometry.y <= north
        return inc.geometry.intersects(shapely.box(west, south, east, north))

    expected = {i.incident_id for i in incidents if inside(i)}
    assert expected and kept(frame, bbox=(west, south, east, north)) == expected


def test_admin_areas_and_precision(frame, incidents):
    admin1 = incidents[0].admin1
    expected = {i.incident_id for i in incidents if i.admin1 == admin1}
    assert kept(frame, admin1=(admin1.upper(),)) == expected
    admin2 = incidents[1].admin2
    assert kept(frame, admin2=(admin2,)) == {i.incident_id for i in incidents if i.admin2 == admin2}
    exact = {i.incident_id for i in incidents if i.geo_precision <= 1}
    assert exact and kept(frame, max_geo_precision=1) == exact


def test_cli_applies_every_filter(store_path, incidents, tmp_path, capsys):
    out = tmp_path / "filtered.csv"
    code = main([
        "export", str(store_path), "--format", "csv", "--out", str(out), "--from", "2024-03-02",
        "--to", "2024-03-06", "--type", EventType.BATTLES, "--type", EventType.EXPLOSIONS,
        "--actor", "الجيش", "--bbox", "35,32,43,38", "--max-geo-precision", "2",
    ])
    assert code == 0 and capsys.readouterr().out.strip() == str(out)
    expected = [
        i.incident_id for i in incidents
        if date(2024, 3, 2) <= i.event_date <= date(2024, 3, 6)
        and i.event_type in (EventType.BATTLES, EventType.EXPLOSIONS)
        and "الجيش" in i.actor1_ar + i.actor2_ar and i.geometry is not None and i.geo_precision <= 2
    ]
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert expected and [row["event_id_cnty"] for row in rows] == expected


def test_cli_rejects_a_bad_bbox(store_path, tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["export", str(store_path), "--format", "csv", "--out", str(tmp_path / "x.csv"), "--bbox", "1,2,3"])
    assert "W,S,E,N" in capsys.readouterr().err


def test_filters_match_as_people_type():
    """The README's own examples and the ways people write them: hamza, alef forms, the article, English."""
    from geo_incidents.export.filters import actors_matching, governorate_keys

    asayish = actors_matching("الأسايش")
    assert asayish and asayish == actors_matching("أسايش") == actors_matching("اسايش") == actors_matching("Asayish")
    idleb = governorate_keys("إدلب")
    assert idleb and all(governorate_keys(name) == idleb for name in ("ادلب", "Idleb", "idlib", "محافظة ادلب"))
    assert governorate_keys("Aleppo") == governorate_keys("حلب") and "حلب" in governorate_keys("Aleppo")
    assert governorate_keys("Rural Damascus") == governorate_keys("ريف دمشق")


def test_admin1_in_english_or_arabic_keeps_the_same_rows(frame, incidents):
    """The samples carry OCHA's English admin1; ours are Arabic: either name finds either."""
    aleppo = {i.incident_id for i in incidents if i.admin1 == "Aleppo"}
    assert aleppo
    for name in ("Aleppo", "حلب", "ALEPPO", "محافظة حلب"):
        assert set(ExportFilters(admin1=(name,)).checked().apply(frame)["incident_id"]) == aleppo, name
    arabic = frame.assign(admin1=frame["admin1"].replace({"Aleppo": "حلب", "Idleb": "إدلب"}))
    for name in ("Aleppo", "حلب"):
        assert set(ExportFilters(admin1=(name,)).checked().apply(arabic)["incident_id"]) == aleppo, name
    idleb = {i.incident_id for i in incidents if i.admin1 == "Idleb"}
    assert set(ExportFilters(admin1=("ادلب",)).checked().apply(arabic)["incident_id"]) == idleb


def test_types_and_sub_types_are_case_insensitive_and_unknown_values_refused(frame, incidents):
    battles = {i.incident_id for i in incidents if i.event_type == EventType.BATTLES}
    assert kept(frame, event_types=("BATTLES",)) == battles
    clashes = {i.incident_id for i in incidents if i.sub_event_type == "Armed clash"}
    assert kept(frame, sub_event_types=("armed CLASH",)) == clashes
    for criteria in ({"event_types": ("Battle",)}, {"sub_event_types": ("picnic",)}, {"actors": ("Martians",)},
                     {"admin1": ("Atlantis",)}, {"date_from": date(2024, 3, 5), "date_to": date(2024, 3, 1)}):
        with pytest.raises(ValueError):
            ExportFilters(**criteria).checked()


def test_arabic_actor_spellings_find_the_same_rows(frame):
    with_article = ExportFilters(actors=("الجيش العربي السوري",)).checked().apply(frame)
    without_hamza = ExportFilters(actors=("جيش عربي سوري",)).checked().apply(frame)
    assert len(with_article) and set(with_article["incident_id"]) == set(without_hamza["incident_id"])


def test_max_geo_precision_keeps_rows_at_most_that_coarse(frame, incidents):
    for level in (1, 2, 3):
        assert kept(frame, max_geo_precision=level) == {i.incident_id for i in incidents if i.geo_precision <= level}


def test_an_actor_named_after_the_country_is_found_in_any_country(incidents):
    """The lexicon names Civilians (Syria); an event abroad has Civilians (Sudan) and no Arabic text for
    them (the default victim of an attack that killed civilians): the lexicon's name still finds it."""
    from dataclasses import replace

    abroad = replace(incidents[0], incident_id="abroad", actor1="", actor1_ar="", actor2="Civilians (Sudan)",
                     actor2_ar="")
    frame = incidents_to_frame([abroad, *incidents[1:]])
    def kept_checked(actor: str) -> set[str]:
        return set(ExportFilters(actors=(actor,)).checked().apply(frame)["incident_id"])

    assert "abroad" in kept_checked("المدنيين")
    assert "abroad" not in kept_checked("Tahrir")
