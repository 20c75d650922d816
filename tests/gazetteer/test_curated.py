"""The bundled curated file: well-formed, sourced, and placing named places where they are."""

from __future__ import annotations

import csv
import math

import pytest
from shapely.geometry import Point

from gazetteer.io import SourceError, read_curated, read_ocha_neighbourhoods
from gazetteer.io.curated import CURATED_COLUMNS, curated_path
from gazetteer.model import Kind, Precision

CITADEL = Point(37.1626, 36.1990)


def metres(a: Point, b: Point) -> float:
    """Equirectangular distance, good to a few metres at city scale."""
    dx = math.radians(b.x - a.x) * math.cos(math.radians((a.y + b.y) / 2))
    dy = math.radians(b.y - a.y)
    return 6_371_000 * math.hypot(dx, dy)


@pytest.fixture(scope="module")
def curated():
    return list(read_curated())


@pytest.fixture(scope="module")
def by_name(curated):
    """Places by primary name, with and without the ``حي`` that common-word names carry."""
    names = {p.name_ar: p for p in curated}
    names.update({p.name_ar.removeprefix("حي "): p for p in curated if p.kind is Kind.NEIGHBOURHOOD})
    return names


def test_bundled_file_is_found_and_parsed(curated):
    assert curated_path().is_file()
    assert len(curated) > 100
    assert len({p.id for p in curated}) == len(curated)
    assert all(p.id.startswith("local:") for p in curated)


def test_every_row_cites_a_source_and_an_uncertainty(curated):
    for place in curated:
        assert place.source and place.licence, place.id
        assert place.uncertainty_m > 0, place.id
        unverified = "approx." in place.source or "estimate" in place.source or "rough" in place.source
        if place.uncertainty_m > 1500 and place.kind in (Kind.ROUNDABOUT, Kind.HOSPITAL, Kind.CROSSING):
            assert unverified, f"{place.id}: a wide radius must say why"


def test_at_least_forty_aleppo_neighbourhoods(curated):
    hoods = [p for p in curated if p.kind is Kind.NEIGHBOURHOOD and p.id.startswith("local:aleppo-nbhd-")]
    assert len(hoods) >= 40
    assert all(p.id.startswith(("local:aleppo-nbhd-", "local:damascus-nbhd-", "local:homs-nbhd-"))
               for p in curated if p.kind is Kind.NEIGHBOURHOOD and p.country_code == "SY")
    for place in hoods:
        assert place.id.startswith("local:aleppo-nbhd-")
        assert place.parents[-1] == "geonames:170063" and place.admin1 == "حلب"
        assert metres(place.geometry, CITADEL) < 12_000, place.id  # inside greater Aleppo


def test_quarters_of_arab_capitals_sit_in_their_city(curated):
    """Cairo's, Beirut's and Amman's quarters (a class: the quarters their news names), each in its city."""
    cities = {"EG": (31.2357, 30.0444, 20_000), "LB": (35.5018, 33.8938, 10_000), "JO": (35.9106, 31.9539, 15_000)}
    abroad = [p for p in curated if p.kind is Kind.NEIGHBOURHOOD and p.country_code != "SY"]
    assert {p.country_code for p in abroad} == set(cities) and len(abroad) >= 40
    for place in abroad:
        lon, lat, within = cities[place.country_code]
        assert metres(place.geometry, Point(lon, lat)) < within, place.id
        assert place.parents[0] == f"local:country-{place.country_code.lower()}" and "approx." in place.source


def test_news_neighbourhoods_are_there_with_spellings(by_name):
    for name in (
        "الأشرفية",
        "الشيخ مقصود",
        "بني زيد",
        "الليرمون",
        "السكري",
        "صلاح الدين",
        "الحمدانية",
        "الشعار",
        "مساكن هنانو",
        "الميدان",
        "السريان",
        "الجميلية",
        "بستان القصر",
        "الأعظمية",
        "حلب الجديدة",
        "الخالدية",
        "الهلك",
        "بعيدين",
        "الصاخور",
        "طريق الباب",
    ):
        assert name in by_name, name
    assert "الاشرفيه" in by_name["الأشرفية"].aliases_ar
    assert by_name["الأشرفية"].name_ar == "الأشرفية"  # a distinctive name stands without its cue
    assert "شيخ مقصود" in by_name["الشيخ مقصود"].aliases_ar
    assert "البلليرمون" in by_name["الليرمون"].aliases_ar


def test_ashrafiyeh_and_sheikh_maqsoud_in_north_aleppo(by_name):
    ashrafiyeh, sheikh_maqsoud = by_name["الأشرفية"], by_name["الشيخ مقصود"]
    assert metres(ashrafiyeh.geometry, Point(37.151, 36.225)) < 600
    assert metres(sheikh_maqsoud.geometry, Point(37.155, 36.230)) < 900
    assert ashrafiyeh.lat > CITADEL.y + 0.02 and sheikh_maqsoud.lat > ashrafiyeh.lat


def test_neighbourhood_points_lie_in_the_ocha_polygons(curated, shared_data):
    polygons = {
        p.source.split()[-1]: p for p in read_ocha_neighbourhoods(shared_data / "aleppo" / "neighbourhoods_ocha.json")
    }
    checked = 0
    for place in curated:
        if place.kind is Kind.NEIGHBOURHOOD and place.source.startswith("OCHA city_neighbourhoods"):
            code = place.source.split()[2]
            polygon = polygons[code].geometry
            assert polygon.buffer(0.002).contains(place.geometry), place.id
            checked += 1
    assert checked >= 40


def test_roundabouts_hospitals_crossings(by_name):
    assert by_name["دوار شيحان"].kind is Kind.ROUNDABOUT
    assert by_name["دوار الليرمون"].kind is Kind.ROUNDABOUT
    # both roundabouts are in north-west Aleppo, the Lairamoun one further out on the Azaz road
    shihan, lairamoun = by_name["دوار شيحان"].geometry, by_name["دوار الليرمون"].geometry
    assert 1000 < metres(shihan, lairamoun) < 4000 and lairamoun.y > shihan.y and lairamoun.x < shihan.x
    razi = by_name["مستشفى الرازي"]
    assert razi.kind is Kind.HOSPITAL and razi.admin1 == "حلب" and metres(razi.geometry, CITADEL) < 6000
    assert "مشفى الرازي" in razi.aliases_ar
    bab_al_salama = by_name["معبر باب السلامة"]
    assert bab_al_salama.kind is Kind.CROSSING and "باب السلامة" in bab_al_salama.aliases_ar
    assert metres(bab_al_salama.geometry, Point(37.0858, 36.6344)) < 300
    for name in ("معبر باب الهوى", "معبر نصيب", "معبر البوكمال", "معبر جرابلس", "معبر كسب", "معبر جديدة يابوس"):
        assert by_name[name].kind is Kind.CROSSING


def test_aleppo_gaziantep_road_runs_through_azaz_and_kilis(by_name):
    road = by_name["طريق حلب – غازي عنتاب"]
    assert road.kind is Kind.ROAD and road.geometry.geom_type == "LineString"
    assert {"طريق حلب غازي عنتاب", "طريق حلب - اعزاز", "أوتوستراد حلب غازي عنتاب"} <= set(road.aliases_ar)
    line = road.geometry
    azaz, kilis, lairamoun = Point(37.0457, 36.5859), Point(37.115, 36.7161), by_name["دوار الليرمون"].geometry
    for town in (azaz, kilis, lairamoun):
        assert metres(line.interpolate(line.project(town)), town) < 1500
    start, end = Point(line.coords[0]), Point(line.coords[-1])
    assert metres(start, CITADEL) < 8000 and metres(end, Point(37.3825, 37.0594)) < 3000  # Gaziantep
    assert len(line.coords) >= 6  # not a straight line


def test_main_highways(by_name):
    m4, m5 = by_name["الطريق الدولي M4"], by_name["الطريق الدولي M5"]
    saraqib = Point(36.8034, 35.8660)
    for road in (m4, m5):
        assert road.geometry.distance(saraqib) < 0.01  # the M4 and M5 meet at Saraqib
    assert m5.geometry.distance(Point(36.7148, 34.7227)) < 0.01  # Homs
    assert "أوتوستراد دمشق – حلب" in m5.aliases_ar
    for name in ("طريق الكاستيلو", "طريق خناصر", "طريق حلب – الرقة", "طريق دمشق – بيروت"):
        assert by_name[name].geometry.geom_type == "LineString"


def test_regions_and_countries_not_mappable_as_points(by_name, curated):
    syria = next(p for p in curated if p.id == "local:country-sy")
    assert syria.kind is Kind.COUNTRY and not syria.mappable_as_point
    assert {"سورية", "الجمهورية العربية السورية"} <= set(syria.aliases_ar)
    for name in ("الشرق الأوسط", "شرق الفرات", "البادية السورية"):
        assert by_name[name].kind is Kind.REGION and not by_name[name].mappable_as_point
    assert by_name["الشرق الأوسط"].geometry.contains(syria.geometry)
    for name in ("تركيا", "لبنان", "الأردن", "العراق"):
        assert by_name[name].kind is Kind.COUNTRY


# --------------------------------------------------------------------------- loader errors


def write_rows(path, rows, columns=CURATED_COLUMNS):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(**changes):
    base = dict(
        id="local:x",
        kind="roundabout",
        name_ar="دوار",
        aliases_ar="",
        name_en="",
        geometry_wkt="POINT (37.1 36.2)",
        country_code="SY",
        admin1="",
        admin2="",
        parent_ids="",
        uncertainty_m="100",
        source="test",
        licence="MIT",
    )
    return base | changes


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (row(kind="castle"), "unknown kind 'castle'"),
        (row(geometry_wkt="POINT (37.1)"), "unreadable geometry_wkt"),
        (row(geometry_wkt="POINT (236.2 37.1)"), "coordinates out of range"),
        (row(kind="road"), "road with a Point geometry"),
        (row(source=""), "missing source"),
        (row(uncertainty_m="near"), "bad uncertainty_m"),
        (row(id="x"), "bad id 'x'"),
        (row(id="local:a"), "duplicate id local:a"),
    ],
)
def test_bad_curated_rows_name_the_line(tmp_path, bad, message):
    path = write_rows(tmp_path / "curated.csv", [row(id="local:a"), bad])
    with pytest.raises(SourceError, match=message) as info:
        list(read_curated(path))
    assert info.value.row == 3 and str(info.value).startswith("curated.csv, row 3: ")


def test_curated_missing_column(tmp_path):
    path = write_rows(tmp_path / "c.csv", [{"id": "local:a"}], columns=["id"])
    with pytest.raises(SourceError, match=r"c\.csv, row 1: missing column\(s\) kind, name_ar"):
        list(read_curated(path))


def test_ocha_district_parents_contain_the_place(curated, shared_data):
    from gazetteer.io import read_ocha_admin

    districts = {p.id: p for p in read_ocha_admin(shared_data / "ocha" / "syr_admin2.geojson")}
    checked = 0
    for place in curated:
        parent = next((d for d in reversed(place.parents) if d in districts), None)
        if parent is None:
            continue
        district = districts[parent]
        assert district.geometry.buffer(0.03).contains(place.geometry), place.id  # crossings sit on the border
        assert place.admin2 == district.name_ar, place.id
        checked += 1
    assert checked >= 6


ORDINARY_WORD_NEIGHBOURHOODS = (
    "الشهداء", "السكري", "الشعار", "الميدان", "المحافظة", "تشرين", "المعادي", "صلاح الدين", "الشهباء", "المشهد",
    "الزهور", "السبيل",
)


def test_common_word_neighbourhoods_are_marked_needs_cue(curated):
    """الشهداء ("the martyrs"), السكري ("diabetes"), صلاح الدين (a person) … are plain names with
    ``needs_cue``, not "حي X" names; bare, they are never a neighbourhood of the curated file
    under another spelling."""
    by_name = {p.name_ar: p for p in curated}
    for word in ORDINARY_WORD_NEIGHBOURHOODS:
        assert word in by_name, word
        assert by_name[word].needs_cue and by_name[word].kind is Kind.NEIGHBOURHOOD, word
    assert not by_name["الأشرفية"].needs_cue
    aliases = {n for p in curated for n in p.aliases_ar}
    for word in ("الميسر", "القاطرجي", "هنانو"):  # one-word cores of names with a cue in them
        assert word not in aliases and word not in by_name, word


def test_needs_cue_column_is_checked(tmp_path):
    path = write_rows(tmp_path / "c.csv", [row(id="local:a", needs_cue="maybe")], columns=[*CURATED_COLUMNS,
                                                                                            "needs_cue"])
    with pytest.raises(SourceError, match=r"c\.csv, row 2: bad needs_cue 'maybe'"):
        list(read_curated(path))
    path = write_rows(tmp_path / "d.csv", [row(id="local:a", needs_cue="1"), row(id="local:b", needs_cue="")],
                      columns=[*CURATED_COLUMNS, "needs_cue"])
    assert [p.needs_cue for p in read_curated(path)] == [True, False]


def test_ordinary_word_neighbourhood_counts_only_after_its_cue(default_gz):
    bare = default_gz.find("سقط عدد من الشهداء في القصف على حلب")
    assert not any(c.place.id == "local:aleppo-nbhd-shuhada" for m in bare for c in m.candidates)
    cued = default_gz.find("قصف على أحياء السكري والشهداء في حلب")
    ids = {m.best.place.id for m in cued}
    assert {"local:aleppo-nbhd-sukkari", "local:aleppo-nbhd-shuhada"} <= ids
    assert any(m.best.place.id == "local:aleppo-nbhd-muhafaza" for m in default_gz.find("اشتباكات في حي المحافظة"))


def test_lookup_finds_an_ordinary_word_name_ranked_lower(default_gz):
    plain = default_gz.lookup("السكري")
    sukkari = next(c for c in plain if c.place.id == "local:aleppo-nbhd-sukkari")
    assert "an ordinary word: needs a cue word in text" in sukkari.reasons
    cued = next(c for c in default_gz.lookup("حي السكري") if c.place.id == "local:aleppo-nbhd-sukkari")
    assert cued.score > sukkari.score


def test_syrian_air_bases_are_sites_of_their_own(default_gz, curated):
    """The military air bases the news names (مطار منغ العسكري، قاعدة حميميم) are sites a few km
    from the village they are named after, each row with a cited source."""
    bases = [p for p in curated if p.id.startswith("local:airbase-")]
    assert len(bases) >= 15 and all(p.country_code == "SY" for p in bases)
    for text, place_id in (("قصف مطار منغ العسكري", "local:airbase-menagh"),
                           ("وصول طائرات إلى قاعدة حميميم الروسية", "local:airbase-hmeimim"),
                           ("ضربة على مطار الشعيرات", "local:airbase-shayrat"),
                           ("غارات على مطار النيرب العسكري", "local:aleppo-airport")):
        (mention,) = default_gz.find(text)
        assert mention.best.place.id == place_id and mention.best.precision is Precision.EXACT, text


def test_a_known_site_in_the_governorate_the_text_names_is_kept(default_gz):
    """T4 lies 60 km from Homs but in its countryside: ``في ريف حمص`` confirms the base, it does
    not move the phrase to the countryside's point."""
    first = default_gz.find("استهداف مطار التيفور العسكري في ريف حمص")[0]
    assert first.best.place.id == "local:airbase-tiyas"


def test_menagh_is_the_news_spelling_of_ochas_village(default_gz):
    assert default_gz.lookup("منغ")[0].place.id == "ocha:C1569"


def test_named_areas_of_syria_sit_at_the_mean_of_the_villages_they_cite(curated, shared_data):
    """A named area (جبل الزاوية، سهل الغاب، الغوطة الشرقية) is the mean of the OCHA community points its
    source names, and every one of them lies within its uncertainty."""
    from gazetteer.io import read_ocha_communities

    communities = {p.id: p for p in read_ocha_communities(shared_data / "ocha" / "syr_admin4_point.geojson")}
    areas = [p for p in curated if p.id.startswith("local:area-")]
    assert len(areas) >= 10
    for area in areas:
        assert area.kind is Kind.SUBDISTRICT and area.mappable_as_point, area.id
        pcodes = [word for word in area.source.replace(",", " ").split() if word.startswith("C") and word[1:].isdigit()]
        points = [communities[f"ocha:{code}"].geometry for code in pcodes]
        assert len(points) >= 3, area.id
        mean = Point(sum(p.x for p in points) / len(points), sum(p.y for p in points) / len(points))
        assert metres(mean, area.geometry) < 50, area.id
        assert max(metres(area.geometry, p) for p in points) < area.uncertainty_m, area.id


def test_a_village_beyond_the_index_in_a_named_area_is_placed_in_the_area(default_gz):
    """«قرية X بجبل الزاوية»: the area is known, so a village the index lacks resolves to it, near."""
    mentions = default_gz.find("قتل مدني في قصف على قرية القنيطرات بجبل الزاوية")
    assert {m.best.place.id for m in mentions} == {"local:area-jabal-al-zawiya"}
    assert all(m.best.precision is Precision.NEAR for m in mentions)
    (ghouta,) = default_gz.find("غارات روسية على الغوطة الشرقية")
    assert ghouta.best.place.id == "local:area-eastern-ghouta"


@pytest.mark.parametrize(("text", "place_id"), [
    ("قصف قرى سهل الغاب", "local:area-al-ghab-plain"),
    ("غارات على مدن الغوطة الشرقية", "local:area-eastern-ghouta"),
    ("غارات على بلدات جبل الزاوية", "local:area-jabal-al-zawiya"),
])
def test_the_villages_of_an_area_name_the_area(default_gz, text, place_id):
    """قرى، بلدات، مدن X: the settlements of the area X, which the collective plural names."""
    (mention,) = default_gz.find(text)
    assert mention.best.place.id == place_id


@pytest.mark.parametrize(("text", "place_id"), [
    ("قصف على حي جوبر الدمشقي", "local:damascus-nbhd-jobar"),
    ("اشتباكات في القابون وبرزة", "local:damascus-nbhd-qaboun"),
    ("اشتباكات في حي الوعر بمدينة حمص", "local:homs-nbhd-waer"),
    ("قصف على قرية جوبر في ريف حمص", "ocha:C2504"),  # the village of Homs' countryside keeps its name
])
def test_quarters_of_damascus_and_homs(default_gz, text, place_id):
    assert default_gz.find(text)[0].best.place.id == place_id


def test_damascus_and_homs_quarters_sit_in_their_city(curated):
    cities = (("local:damascus-nbhd-", Point(36.29128, 33.5102)), ("local:homs-nbhd-", Point(36.72559, 34.72405)))
    for prefix, city in cities:
        quarters = [p for p in curated if p.id.startswith(prefix)]
        assert len(quarters) >= 8
        assert all(metres(p.geometry, city) < 8000 and p.kind is Kind.NEIGHBOURHOOD for p in quarters)
