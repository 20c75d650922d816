"""GeoJSON per RFC 7946: WGS84 lon/lat, no ``crs`` member, counter-clockwise outer rings, 7 decimals."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

from geo_incidents.export.atomic import atomic_output
from geo_incidents.export.layers import plain_values


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """One FeatureCollection. GDAL's RFC7946 mode also splits geometries crossing the antimeridian."""
    out = plain_values(frame)
    out = out.set_geometry(gpd.GeoSeries(shapely.orient_polygons(out.geometry.to_numpy()), crs=4326))
    with atomic_output(path) as tmp:
        pyogrio.write_dataframe(
            out, tmp, driver="GeoJSON", RFC7946="YES", WRITE_NAME="NO", COORDINATE_PRECISION=7, use_arrow=True
        )
    return Path(path)
