"""GeoPackage export: every layer in one file, for QGIS and ArcGIS."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio

from geo_incidents.export.atomic import atomic_output
from geo_incidents.export.layers import plain_values

_GEOMETRY_TYPES = {"incidents": "Point", "road_closures": "LineString", "frontlines": "LineString"}


def write_geopackage(layers: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    with atomic_output(path) as tmp:
        for name, frame in layers.items():
            pyogrio.write_dataframe(
                plain_values(frame),
                tmp,
                driver="GPKG",
                layer=name,
                geometry_type=_GEOMETRY_TYPES.get(name, "Unknown"),
                promote_to_multi=False,
                use_arrow=True,
            )
    return Path(path)
