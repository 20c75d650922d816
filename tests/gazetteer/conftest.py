"""Fixtures for the gazetteer core: a small hand-built gazetteer and the bundled default one."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point

from gazetteer import Gazetteer, Kind, Place


def _place(pid: str, name_ar: str, kind: Kind, lon: float, lat: float, **extra) -> Place:
    return Place(id=pid, name_ar=name_ar, kind=kind, geometry=Point(lon, lat), source=extra.pop("source", "test"),
                 **extra)


#: Places built for the tests (coordinates are real, ids made up for the test).
SMALL_PLACES: tuple[Place, ...] = (
    _place("t:aleppo", "حلب", Kind.CITY, 37.16117, 36.20124, name_en="Aleppo", population=2_098_210,
           country_code="SY", admin1="حلب"),
    _place("t:aleppo-gov", "حلب", Kind.GOVERNORATE, 37.3, 36.3, name_en="Aleppo Governorate",
           aliases_ar=("محافظة حلب",), country_code="SY", admin1="حلب", importance=0.8),
    _place("t:idlib", "إدلب", Kind.CITY, 36.63393, 35.93062, name_en="Idlib", population=128_840,
           country_code="SY", admin1="إدلب"),
    _place("t:damascus", "دمشق", Kind.CITY, 36.29128, 33.5102, name_en="Damascus", population=1_569_394,
           country_code="SY", admin1="دمشق"),
    _place("t:gaziantep", "غازي عنتاب", Kind.CITY, 37.38, 37.06, name_en="Gaziantep", population=2_222_415,
           aliases_ar=("عنتاب",), country_code="TR"),
    _place("t:ashrafiyeh-aleppo", "الأشرفية", Kind.NEIGHBOURHOOD, 37.14704, 36.22791, name_en="Ashrafiyeh",
           country_code="SY", admin1="حلب", source="curated"),
    _place("t:ashrafiyeh-sahnaya", "الأشرفية", Kind.NEIGHBOURHOOD, 36.22, 33.43, name_en="Ashrafiyat Sahnaya",
           country_code="SY", admin1="ريف دمشق", population=30_000),
    _place("t:lairamoun", "الليرمون", Kind.NEIGHBOURHOOD, 37.109, 36.241, name_en="Lairamoun",
           country_code="SY", admin1="حلب"),
    _place("t:shihan-rb", "دوار شيحان", Kind.ROUNDABOUT, 37.131, 36.231, name_en="Shihan roundabout",
           country_code="SY", admin1="حلب", source="curated"),
    _place("t:lairamoun-rb", "دوار الليرمون", Kind.ROUNDABOUT, 37.105, 36.245, name_en="Lairamoun roundabout",
           country_code="SY", admin1="حلب", source="curated"),
    _place("t:razi", "مستشفى الرازي", Kind.HOSPITAL, 37.13, 36.21, name_en="Al-Razi Hospital",
           country_code="SY", admin1="حلب", source="curated"),
    _place("t:syria", "سوريا", Kind.COUNTRY, 38.5, 35.0, name_en="Syria", aliases_ar=("سورية",),
           country_code="SY", importance=1.0),
    _place("t:middle-east", "الشرق الأوسط", Kind.REGION, 41.0, 29.0, name_en="Middle East"),
    _place("t:souq-village", "السوق", Kind.VILLAGE, 36.5, 35.5, name_en="As Suq", country_code="SY"),
    _place("t:afrin", "عفرين", Kind.TOWN, 36.8689, 36.5119, name_en="Afrin", population=36_562,
           country_code="SY", admin1="حلب"),
    _place("t:moscow", "موسكو", Kind.CITY, 37.6156, 55.7522, name_en="Moscow", population=10_381_222,
           country_code="RU"),
    _place("t:small-foreign", "امن", Kind.TOWN, 6.9, 52.78, name_en="Emmen", population=56_000, country_code="NL"),
    _place("t:saraqib", "سراقب", Kind.TOWN, 36.8, 35.86, name_en="Saraqib", population=32_000, country_code="SY",
           admin1="إدلب"),
)

CASTELLO = Place(
    id="t:road-castello", name_ar="طريق الكاستيلو", kind=Kind.ROAD,
    geometry=LineString([(37.14, 36.25), (37.12, 36.27), (37.10, 36.29)]), name_en="Castello road",
    aliases_ar=("طريق حلب الكاستيلو",), country_code="SY", admin1="حلب", source="curated",
)


@pytest.fixture(scope="session")
def small_gz() -> Gazetteer:
    return Gazetteer.from_places([*SMALL_PLACES, CASTELLO])


@pytest.fixture(scope="session")
def default_gz(tmp_path_factory) -> Gazetteer:
    """The bundled gazetteer, built once per test session into a temporary cache."""
    return Gazetteer.default(cache_dir=tmp_path_factory.mktemp("gazetteer-cache"))
