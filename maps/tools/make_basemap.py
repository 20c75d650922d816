"""Generate ``maps/static/basemap_syria.geojson``: the light vector base drawn when no tiles are used.

Run once from the repository root (the output is committed)::

    python -m maps.tools.make_basemap ../shared/data/ocha/syr_admin1.geojson \
        --region naturalearth_lowres.shp

It keeps the 14 governorate outlines (Arabic and English names) and the country outline, simplified hard
(about 500 m, shared edges kept shared) and rounded to 3 decimals, so the file stays small; the source is
OCHA's Syria common operational dataset (CC BY-IGO), credited in the map's attribution.

``--region`` adds the neighbouring countries (and so the region's coastlines) from Natural Earth's
1:110m admin-0 countries (public domain), e.g. the ``naturalearth_lowres`` shapefile that geopandas
releases before 1.0 shipped in ``geopandas/datasets/``; clipped to the region around Syria.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely

from maps.assets import BASEMAP_ATTRIBUTION as ATTRIBUTION

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data" / "ocha" / "syr_admin1.geojson"
DEFAULT_OUTPUT = REPO_ROOT / "maps" / "static" / "basemap_syria.geojson"


def build_basemap(source: Path, tolerance: float = 0.005, precision: float = 0.001) -> dict:
    """Simplified governorates plus their union (the country outline) as a GeoJSON dict."""
    frame = gpd.read_file(source)
    # coverage_simplify keeps shared edges shared: no slivers or gaps between neighbouring governorates.
    geoms = shapely.coverage_simplify(shapely.make_valid(frame.geometry.values), tolerance)
    geoms = shapely.set_precision(geoms, precision)
    features = []
    for name_en, name_ar, geom in zip(frame["NAME_EN"], frame["NAME_ARA"], geoms, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "admin1", "name_en": name_en, "name_ar": name_ar},
                "geometry": shapely.geometry.mapping(geom),
            }
        )
    country = shapely.set_precision(shapely.simplify(shapely.union_all(geoms), tolerance), precision)
    features.append(
        {"type": "Feature", "properties": {"kind": "country"}, "geometry": shapely.geometry.mapping(country)}
    )
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


#: The region drawn around Syria (lon/lat box) and the Arabic names of the countries in it.
REGION_BOX = (24.0, 27.0, 50.0, 43.0)
COUNTRY_NAMES_AR = {
    "TUR": "تركيا", "IRQ": "العراق", "LBN": "لبنان", "JOR": "الأردن", "ISR": "إسرائيل", "PSE": "فلسطين",
    "CYP": "قبرص", "CYN": "قبرص", "EGY": "مصر", "SAU": "السعودية", "IRN": "إيران", "KWT": "الكويت",
    "ARM": "أرمينيا", "AZE": "أذربيجان", "GEO": "جورجيا", "RUS": "روسيا",
}


def region_features(source: Path, precision: float = 0.01) -> list[dict]:
    """Neighbouring countries from Natural Earth admin-0 polygons, clipped to :data:`REGION_BOX`."""
    frame = gpd.read_file(source)
    frame = frame[frame["iso_a3"] != "SYR"].clip(REGION_BOX)
    features = []
    for iso, name_en, geom in zip(frame["iso_a3"], frame["name"], frame.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        geom = shapely.set_precision(shapely.make_valid(geom), precision)
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "neighbour", "iso": iso, "name_en": name_en,
                               "name_ar": COUNTRY_NAMES_AR.get(iso, "")},
                "geometry": shapely.geometry.mapping(geom),
            }
        )
    return features


def write_json_atomic(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--tolerance", type=float, default=0.005, help="simplification in degrees")
    parser.add_argument("--region", type=Path, help="Natural Earth admin-0 countries (shapefile or GeoJSON)")
    args = parser.parse_args(argv)
    basemap = build_basemap(args.source, args.tolerance)
    if args.region:
        basemap["features"] = region_features(args.region) + basemap["features"]
    write_json_atomic(basemap, args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
