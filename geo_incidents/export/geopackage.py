"""GeoPackage export: every layer in one file, for QGIS and ArcGIS.

Columns keep their types (dates as GeoPackage DATE, counts as integers, flags as booleans), every
layer has an R-tree spatial index on a geometry column named ``geometry`` (as in the store), and
the ``layer_styles`` table gives QGIS each layer's default style (see :mod:`.styles`).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio

from geo_incidents.export.atomic import atomic_output
from geo_incidents.export.styles import add_layer_styles

_GEOMETRY_TYPES = {"incidents": "Point", "road_closures": "LineString", "frontlines": "LineString"}


def write_geopackage(layers: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    with atomic_output(path) as tmp:
        for name, frame in layers.items():
            pyogrio.write_dataframe(
                frame,
                tmp,
                driver="GPKG",
                layer=name,
                geometry_type=_GEOMETRY_TYPES.get(name, "Unknown"),
                promote_to_multi=False,
                use_arrow=True,
                GEOMETRY_NAME="geometry",
                SPATIAL_INDEX="YES",
            )
        add_layer_styles(tmp, list(layers))
    return Path(path)
