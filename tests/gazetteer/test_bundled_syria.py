"""The default index covers Syria from the bundled OCHA table (``gazetteer/data/syria.csv.gz``)."""

from __future__ import annotations

import gzip

import pytest

from gazetteer import Kind
from gazetteer.io.errors import SourceError
from gazetteer.io.syria import ALT_NAMES, SYRIA_TABLE, build_places, read_syria, write_table


@pytest.fixture(scope="module")
def bundled():
    return {p.id: p for p in read_syria()}


def test_every_ocha_unit_is_bundled(bundled):
    kinds = [p.kind for p in bundled.values()]
    assert kinds.count(Kind.GOVERNORATE) == 14
    assert kinds.count(Kind.DISTRICT) == 61
    assert sum(1 for pid in bundled if pid.startswith("ocha:C")) == 5251
    assert sum(1 for pid in bundled if pid.startswith("ocha-nbhd:")) == 109
    assert bundled["ocha:SY02"].geometry.geom_type in ("Polygon", "MultiPolygon")


def test_the_table_stays_compact():
    assert SYRIA_TABLE.stat().st_size < 2_000_000


def test_the_table_is_what_the_script_builds_from_the_shared_files(shared_data, tmp_path):
    rebuilt = tmp_path / "syria.csv.gz"
    write_table(build_places(shared_data), rebuilt)
    assert gzip.decompress(rebuilt.read_bytes()) == gzip.decompress(SYRIA_TABLE.read_bytes())


def test_kurdish_names_are_aliases_of_the_ocha_town(bundled):
    assert "كوباني" in bundled["ocha:C1946"].aliases_ar
    assert "سري كانيه" in bundled["ocha:C4988"].aliases_ar
    assert "قامشلو" in bundled["ocha:C4564"].aliases_ar
    assert "ديريك" in bundled["ocha:C4881"].aliases_ar
    assert "كري سبي" in bundled["ocha:C5792"].aliases_ar


def test_a_village_listed_only_by_its_parts_is_found_by_its_own_name(bundled, default_gz):
    """OCHA lists رميلان فوقاني and رميلان تحتاني, and only الباغوز فوقاني: reporters write رميلان and
    الباغوز (after a cue word, as OCHA's villages need). Several parts give a village at their mean
    point, one part takes the name as an alias; a stem that is an ordinary word (راية "flag", from راية
    غربي / راية قبلي) needs a cue."""
    from gazetteer.frequency import is_frequent_word
    from gazetteer.resolve import distance_km

    parts = {pid: p for pid, p in bundled.items() if pid.startswith("ocha-parts:")}
    rmeilan = next(p for p in parts.values() if p.name_ar == "رميلان")
    upper, lower = (bundled[f"ocha:{code}"] for code in rmeilan.id.split(":", 1)[1].split("-"))
    assert distance_km(rmeilan, upper) == pytest.approx(distance_km(rmeilan, lower), abs=0.01)
    assert "الباغوز" in bundled["ocha:C5184"].aliases_ar
    assert next(p for p in parts.values() if p.name_ar == "رايه").needs_cue
    assert all(p.needs_cue == is_frequent_word(p.name_ar) for p in parts.values())
    assert all(p.kind is Kind.VILLAGE and p.source.startswith("OCHA communities") for p in parts.values())
    found = {m.surface: m.best.place.id for m in default_gz.find("قصف على بلدة رميلان ثم اشتباكات في قرية الباغوز")
             if m.best is not None}
    assert found == {"بلدة رميلان": rmeilan.id, "قرية الباغوز": "ocha:C5184"}


def test_every_alternative_name_cites_its_source():
    import csv

    rows = list(csv.DictReader(ALT_NAMES.open(encoding="utf-8")))
    assert rows and all(row["source"].strip() and row["pcode"].startswith("C") for row in rows)


def test_a_wrong_pcode_in_the_alternative_names_fails_the_build(shared_data, tmp_path, monkeypatch):
    from gazetteer.io import syria

    bad = tmp_path / "alt.csv"
    bad.write_text("pcode,name_en_ocha,alias_ar,language,source\nC1946,Afrin,كوباني,Kurdish,test\n",
                   encoding="utf-8")
    monkeypatch.setattr(syria, "ALT_NAMES", bad)
    with pytest.raises(SourceError, match="C1946"):
        syria.build_places(shared_data)


@pytest.mark.parametrize(("text", "place_id"), [
    ("اشتباكات في كوباني", "ocha:C1946"),
    ("قصف على مدينة سري كانيه", "ocha:C4988"),
    ("مظاهرة في قامشلو", "ocha:C4564"),
    ("غارة على قرية زردنا في ريف إدلب", "ocha:C3938"),
])
def test_the_default_gazetteer_finds_syrian_places_without_an_import(default_gz, text, place_id):
    """The OCHA town or another source's row of the same town (GeoNames knows some Kurdish names)."""
    from gazetteer.resolve import distance_km

    town = default_gz.get(place_id)
    found = [m.best.place for m in default_gz.find(text) if m.best is not None]
    assert any(distance_km(place, town) < 5 for place in found), (found, town)


def test_the_default_governorate_is_the_ocha_polygon(default_gz):
    assert default_gz.get("ocha:SY02").geometry.geom_type in ("Polygon", "MultiPolygon")


def test_every_country_has_its_arabic_name(default_gz):
    for name, code in [("البرازيل", "BR"), ("إيطاليا", "IT"), ("موريتانيا", "MR"), ("اليابان", "JP")]:
        found = [c.place for c in default_gz.lookup(name) if c.place.kind.value == "country"]
        assert found and found[0].country_code == code, name
    assert [m for m in default_gz.find("دعم مالي للمشروع") if m.best is not None] == []  # مالي: "financial"
