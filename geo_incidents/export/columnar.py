"""Binary columnar formats: GeoParquet (via pyarrow) and FlatGeobuf (via GDAL), row order kept."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio

from geo_incidents.export.atomic import atomic_output


def write_parquet(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """GeoParquet 1.0 (WKB geometry, ``geo`` metadata with the CRS); dates stay typed."""
    with atomic_output(path) as tmp:
        frame.to_parquet(tmp, index=False, schema_version="1.0.0")
    return Path(path)


def write_flatgeobuf(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """Typed columns (FlatGeobuf has no date type: dates are DateTime at midnight). No spatial index:
    FlatGeobuf's packed R-tree would reorder the features along a Hilbert curve, and it refuses rows
    without a geometry."""
    with atomic_output(path) as tmp:
        pyogrio.write_dataframe(frame, tmp, driver="FlatGeobuf", layer=Path(path).stem, SPATIAL_INDEX="NO",
                                use_arrow=True)
    return Path(path)
