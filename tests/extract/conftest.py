"""Fixtures for extraction tests: a tiny hand-built gazetteer, the bundled one, and extractors."""

from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import LineString, Point

from gazetteer import Gazetteer, Kind, Place
from geo_incidents.extraction import Extractor
from geo_incidents.model import Article


def _place(pid: str, name_ar: str, kind: Kind, lon: float, lat: float, **extra) -> Place:
    return Place(id=pid, name_ar=name_ar, kind=kind, geometry=Point(lon, lat), country_code=extra.pop("cc", "SY"),
                 source="test", **extra)


#: A few real places with rounded coordinates; ids are made up for the tests.
TINY_PLACES = (
    _place("x:kafranbel", "كفرنبل", Kind.TOWN, 36.56, 35.61, name_en="Kafr Nabl", admin1="إدلب", population=30_000),
    _place("x:maarrat", "معرة النعمان", Kind.CITY, 36.67, 35.64, name_en="Maarat al-Numan", admin1="إدلب",
           population=60_000),
    _place("x:saraqib", "سراقب", Kind.TOWN, 36.80, 35.86, name_en="Saraqib", admin1="إدلب", population=32_000),
    _place("x:idlib", "إدلب", Kind.CITY, 36.63, 35.93, name_en="Idlib", admin1="إدلب", population=128_000),
    _place("x:hospital-idlib", "المستشفى الوطني", Kind.HOSPITAL, 36.64, 35.93, name_en="National Hospital",
           admin1="إدلب"),
    _place("x:syria", "سوريا", Kind.COUNTRY, 38.5, 35.0, name_en="Syria", importance=1.0),
    _place("x:moscow", "موسكو", Kind.CITY, 37.62, 55.75, name_en="Moscow", population=10_000_000, cc="RU"),
    Place(id="x:road-m5", name_ar="الطريق الدولي", kind=Kind.ROAD, geometry=LineString([(36.7, 35.5), (36.8, 35.9)]),
          aliases_ar=("طريق M5",), country_code="SY", source="test"),
)


@pytest.fixture(scope="session")
def tiny_gazetteer() -> Gazetteer:
    return Gazetteer.from_places(TINY_PLACES)


@pytest.fixture(scope="session")
def tiny_extractor(tiny_gazetteer) -> Extractor:
    return Extractor(tiny_gazetteer)


@pytest.fixture(scope="session")
def default_gazetteer(tmp_path_factory) -> Gazetteer:
    """The bundled gazetteer (GeoNames + curated places), built once into a temporary cache."""
    return Gazetteer.default(cache_dir=tmp_path_factory.mktemp("gazetteer-cache"))


@pytest.fixture(scope="session")
def default_extractor(default_gazetteer) -> Extractor:
    return Extractor(default_gazetteer)


@pytest.fixture(scope="session")
def unplaced(default_gazetteer) -> Extractor:
    """The bundled gazetteer's extractor keeping incidents with no place (sentences judged on type only)."""
    return Extractor(default_gazetteer, keep_unplaced=True)


def load_benchmark(name: str):
    """A script of ``benchmarks/`` imported as a module (``load_benchmark("eval_dev")``)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_article(title: str, text: str = "", published: date | None = date(2025, 12, 24), aid: str = "t1", **kw):
    return Article(id=aid, title=title, text=text, published=published, **kw)


@pytest.fixture(scope="session")
def article():
    """Build an Article: ``article(title, text="", published=2025-12-24, aid="t1", **fields)``."""
    return make_article
