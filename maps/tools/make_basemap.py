"""Generate ``maps/static/basemap_syria.geojson``: the offline vector base drawn when no tiles are used.

Run from the repository root (the output is committed)::

    python -m maps.tools.make_basemap                     # OCHA files from ../shared/data
    python -m maps.tools.make_basemap --region naturalearth_lowres.shp   # also rebuild the neighbours

What it holds, each simplified and rounded so the whole file stays a few hundred KB:

- ``admin1``: the 14 governorates (Arabic and English names), and ``country``, their union;
- ``admin2``: the 61 district boundaries as lines (shared edges once);
- ``neighbour``: the countries around Syria and across the Arab world (Mauritania to Oman, the Horn of Africa)
  from Natural Earth's 1:110m admin-0 polygons (public domain), e.g. the ``naturalearth_lowres`` shapefile
  geopandas shipped before 1.0 or pyogrio's test fixtures; without ``--region`` the neighbours of the existing
  output are kept;
- ``nbhd``: Aleppo's 109 neighbourhoods (OCHA ``city_neighbourhoods``) with their names;
- ``road``: the curated roads of the gazetteer (``gazetteer/data/curated_places.csv``, every row cites a source);
- ``water``: the main rivers and lakes from ``maps/tools/curated_water.csv`` (approximate, each row cites how);
- ``districts``: the districts' names at a point inside each;
- ``places`` (a member beside ``features``, columns as arrays): the 5,251 OCHA communities with their rank
  (0 capital, 1 governorate centre, 2 district centre, 3 sub-district centre, 4 village) and the curated
  roundabouts, crossings and hospitals (rank 5), which the page labels by zoom.

Sources: OCHA Syria common operational datasets (CC BY-IGO), Natural Earth (public domain) and our own curated
rows, credited in the map's attribution and the README. Raw files are read from where they are; nothing of
them is copied but the derived, simplified geometry and names.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely import wkt

from gazetteer.atomic import write_bytes_atomic
from maps.assets import BASEMAP_ATTRIBUTION as ATTRIBUTION

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared" / "data"
DEFAULT_SOURCE = SHARED / "ocha" / "syr_admin1.geojson"
DEFAULT_ADMIN2 = SHARED / "ocha" / "syr_admin2.geojson"
DEFAULT_COMMUNITIES = SHARED / "ocha" / "syr_admin4_point.geojson"
DEFAULT_NEIGHBOURHOODS = SHARED / "aleppo" / "neighbourhoods_ocha.json"
CURATED_PLACES = REPO_ROOT / "gazetteer" / "data" / "curated_places.csv"
CURATED_WATER = Path(__file__).resolve().parent / "curated_water.csv"
DEFAULT_OUTPUT = REPO_ROOT / "maps" / "static" / "basemap_syria.geojson"
#: Curated point kinds worth a label at street level.
LANDMARK_KINDS = {"roundabout", "crossing", "hospital", "landmark"}
LANDMARK_RANK = 5
VILLAGE_RANK = 4


def read_geojson_lenient(path: Path) -> gpd.GeoDataFrame:
    """OCHA's files have a few Arabic names cut mid-character: decode with replacement, then read."""
    raw = Path(path).read_bytes().decode("utf-8", errors="replace")
    return gpd.GeoDataFrame.from_features(json.loads(raw)["features"], crs="EPSG:4326")


def clean_name(name: object) -> str:
    """First of the ``_``-joined alternatives, without replacement characters."""
    text = str(name or "").split("_")[0].replace("\ufffd", "").strip()
    return text


def feature(kind: str, geom, **props) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, **props}, "geometry": shapely.geometry.mapping(geom)}


def build_basemap(source: Path, tolerance: float = 0.005, precision: float = 0.001) -> dict:
    """Simplified governorates plus their union (the country outline) as a GeoJSON dict."""
    frame = read_geojson_lenient(source)
    # coverage_simplify keeps shared edges shared: no slivers or gaps between neighbouring governorates.
    geoms = shapely.coverage_simplify(shapely.make_valid(frame.geometry.values), tolerance)
    geoms = shapely.set_precision(geoms, precision)
    features = [feature("admin1", geom, name_en=clean_name(en), name_ar=clean_name(ar))
                for en, ar, geom in zip(frame["NAME_EN"], frame["NAME_ARA"], geoms, strict=True)]  # fmt: skip
    country = shapely.set_precision(shapely.simplify(shapely.union_all(geoms), tolerance), precision)
    features.append(feature("country", country))
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


def district_lines(source: Path, tolerance: float = 0.003, precision: float = 0.001) -> list[dict]:
    """District boundaries as one set of lines: each shared edge drawn once."""
    frame = read_geojson_lenient(source)
    geoms = shapely.coverage_simplify(shapely.make_valid(frame.geometry.values), tolerance)
    lines = shapely.line_merge(shapely.union_all(shapely.boundary(geoms)))
    return [feature("admin2", shapely.set_precision(lines, precision))]


def district_labels(source: Path) -> dict:
    """District names at a point inside each district (the page shows those that no town of the name covers)."""
    frame = read_geojson_lenient(source)
    points = shapely.point_on_surface(shapely.make_valid(frame.geometry.values))
    return {"x": [round(p.x, 3) for p in points], "y": [round(p.y, 3) for p in points],
            "ar": [clean_name(v) for v in frame["NAME_ARA"]], "en": [clean_name(v) for v in frame["NAME_EN"]]}


def neighbourhood_features(source: Path, tolerance: float = 0.00008, precision: float = 0.00001) -> list[dict]:
    """Aleppo's neighbourhoods: outline and names (OCHA city_neighbourhoods, republished as JSON with WKT)."""
    items = json.loads(Path(source).read_text(encoding="utf-8"))["items"]
    out = []
    for item in items:
        geom = shapely.make_valid(wkt.loads(item["boundaryWkt"]))
        geom = shapely.set_precision(shapely.simplify(geom, tolerance, preserve_topology=True), precision)
        if geom.is_empty:
            continue
        out.append(feature("nbhd", geom, name_ar=clean_name(item.get("nameArabic")),
                           name_en=clean_name(item.get("nameEnglish")), pcode=item.get("pCode", ""),
                           lon=round(item["centerLongitude"], 5), lat=round(item["centerLatitude"], 5)))  # fmt: skip
    return out


def _curated_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def road_features(path: Path = CURATED_PLACES, precision: float = 0.0001) -> list[dict]:
    rows = [r for r in _curated_rows(path) if r["kind"] == "road"]
    return [feature("road", shapely.set_precision(wkt.loads(r["geometry_wkt"]), precision),
                    name_ar=r["name_ar"], name_en=r["name_en"]) for r in rows]  # fmt: skip


def water_features(path: Path = CURATED_WATER, precision: float = 0.001) -> list[dict]:
    return [feature("water", shapely.set_precision(wkt.loads(r["geometry_wkt"]), precision), water=r["kind"],
                    name_ar=r["name_ar"], name_en=r["name_en"]) for r in _curated_rows(path)]  # fmt: skip


def places(communities: Path, curated: Path = CURATED_PLACES) -> dict:
    """Labelled places as parallel arrays: lon ``x``, lat ``y``, rank ``r``, Arabic ``ar`` and English ``en``."""
    frame = read_geojson_lenient(communities)
    rank = frame["CAPIT_LVL"].fillna(VILLAGE_RANK).astype(int).clip(0, VILLAGE_RANK).to_numpy()
    # Level 0 (the capital) is set on one village in the 2015 file; Damascus carries level 1 like the other centres.
    rank = np.where(rank == 0, VILLAGE_RANK, rank)
    rank = np.where(frame["NAME_EN"].astype(str).eq("Damascus") & (rank == 1), 0, rank)
    xs = np.round(frame["LONGITUDE"].astype(float).to_numpy(), 4)
    ys = np.round(frame["LATITUDE"].astype(float).to_numpy(), 4)
    rows = [(float(x), float(y), int(r), clean_name(ar), clean_name(en))
            for x, y, r, ar, en in zip(xs, ys, rank, frame["NAME_ARA"], frame["NAME_EN"], strict=True)]  # fmt: skip
    for row in _curated_rows(curated):
        # Syria's landmarks only: the curated file also holds sites of the other Arab countries (Petra, dams)
        if row["kind"] in LANDMARK_KINDS and row["geometry_wkt"].startswith("POINT") and row["country_code"] == "SY":
            point = wkt.loads(row["geometry_wkt"])
            rows.append((round(point.x, 4), round(point.y, 4), LANDMARK_RANK, row["name_ar"], row["name_en"]))
    rows = [r for r in rows if r[3] or r[4]]
    rows.sort(key=lambda r: (r[2], r[3]))  # most important first: the page places labels in this order
    return {name: [r[i] for r in rows] for i, name in enumerate(("x", "y", "r", "ar", "en"))}


def write_json_atomic(data: dict, path: Path) -> None:
    """Compact UTF-8 JSON through the project's one atomic writer (umask respected)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


#: The region drawn around Syria (lon/lat box) and the Arabic names of the countries in it: the Arab world from
#: Mauritania to Oman and the Horn of Africa, so that incidents of the region's other wars (Yemen, Libya,
#: Sudan, Somalia) lie on land, not on a blank page, when no tiles are drawn.
REGION_BOX = (-18.0, -2.0, 62.0, 43.0)
COUNTRY_NAMES_AR = {
    "TUR": "تركيا", "IRQ": "العراق", "LBN": "لبنان", "JOR": "الأردن", "ISR": "إسرائيل", "PSE": "فلسطين",
    "CYP": "قبرص", "CYN": "قبرص", "EGY": "مصر", "SAU": "السعودية", "IRN": "إيران", "KWT": "الكويت",
    "ARM": "أرمينيا", "AZE": "أذربيجان", "GEO": "جورجيا", "RUS": "روسيا",
    "YEM": "اليمن", "OMN": "عُمان", "ARE": "الإمارات", "QAT": "قطر", "BHR": "البحرين", "LBY": "ليبيا",
    "TUN": "تونس", "DZA": "الجزائر", "MAR": "المغرب", "MRT": "موريتانيا", "SDN": "السودان",
    "SSD": "جنوب السودان", "SOM": "الصومال", "SOL": "الصومال", "DJI": "جيبوتي", "ERI": "إريتريا",
    "ETH": "إثيوبيا", "TCD": "تشاد",
}  # fmt: skip


def region_features(source: Path, precision: float = 0.01) -> list[dict]:
    """Neighbouring countries from Natural Earth admin-0 polygons, clipped to :data:`REGION_BOX`."""
    frame = gpd.read_file(source)
    frame = frame[frame["iso_a3"] != "SYR"].clip(REGION_BOX)
    features = []
    for iso, name_en, geom in zip(frame["iso_a3"], frame["name"], frame.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        geom = shapely.set_precision(shapely.make_valid(geom), precision)
        features.append(feature("neighbour", geom, iso=iso, name_en=name_en, name_ar=COUNTRY_NAMES_AR.get(iso, "")))
    return features


def kept_neighbours(path: Path) -> list[dict]:
    """The neighbour features of an existing base map (so a rebuild without Natural Earth keeps them)."""
    if not path.is_file():
        return []
    return [f for f in json.loads(path.read_text(encoding="utf-8"))["features"]
            if f["properties"].get("kind") == "neighbour"]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="OCHA admin1 polygons")
    parser.add_argument("--admin2", type=Path, default=DEFAULT_ADMIN2)
    parser.add_argument("--communities", type=Path, default=DEFAULT_COMMUNITIES)
    parser.add_argument("--neighbourhoods", type=Path, default=DEFAULT_NEIGHBOURHOODS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--tolerance", type=float, default=0.005, help="simplification in degrees")
    parser.add_argument("--region", type=Path, help="Natural Earth admin-0 countries (shapefile or GeoJSON)")
    args = parser.parse_args(argv)
    neighbours = region_features(args.region) if args.region else kept_neighbours(args.out)
    basemap = build_basemap(args.source, args.tolerance)
    # drawing order: neighbours, governorates, water, districts, country outline, neighbourhoods, roads
    admin1 = [f for f in basemap["features"] if f["properties"]["kind"] == "admin1"]
    country = [f for f in basemap["features"] if f["properties"]["kind"] == "country"]
    basemap["features"] = (neighbours + admin1 + water_features() + district_lines(args.admin2) + country
                           + neighbourhood_features(args.neighbourhoods) + road_features())  # fmt: skip
    basemap["places"] = places(args.communities)
    basemap["districts"] = district_labels(args.admin2)
    write_json_atomic(basemap, args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1024:.0f} KB, {len(basemap['features'])} features, "
          f"{len(basemap['places']['x'])} places")  # fmt: skip


if __name__ == "__main__":
    main()
