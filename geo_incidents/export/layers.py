"""The layers an export writes, gathered from a store or a GeoDataFrame and filtered."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import shapely

from geo_incidents.export import EXPORT_LAYERS
from geo_incidents.export.filters import ExportFilters
from geo_incidents.frame import CRS, with_representative_lat_lon
from geo_incidents.model import INCIDENT_COLUMNS, EventType

DATE_COLUMNS = ("event_date", "valid_from", "valid_to", "published")


def gather(source, filters: ExportFilters | None = None) -> dict[str, gpd.GeoDataFrame]:
    """Layer name -> filtered GeoDataFrame in WGS84; ``source`` is a store or a GeoDataFrame."""
    filters = filters or ExportFilters()
    if isinstance(source, gpd.GeoDataFrame):
        layers = _split(source)
    elif hasattr(source, "read"):
        layers = {name: source.read(name) for name in EXPORT_LAYERS}
    else:
        raise TypeError(f"cannot export from {type(source).__name__}: give a store or a GeoDataFrame")
    out = {}
    for name, frame in layers.items():
        if frame.crs is not None and not frame.crs.equals(CRS):
            frame = frame.to_crs(CRS)
        kept = filters.apply_frontlines(frame) if name == "frontlines" else filters.apply(frame)
        kept = typed_frame(kept.reset_index(drop=True), name)
        if name != "frontlines":  # one point per row, in the columns and the geometry alike
            kept = with_representative_lat_lon(kept)
        out[name] = kept
    return out


def typed_frame(frame: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    """The layer's columns in the store's types, whatever the frame came from: dates as ``date``, counts
    and codes as nullable integers, flags as booleans, so that every format writes the same types."""
    from geo_incidents.store.schema import layer

    out = frame.copy()
    for column, kind in layer(name).columns:
        if column not in out:
            continue
        values = out[column]
        if kind == "date":  # Arrow's date32, also for an empty or all-missing column
            days = pd.to_datetime(values, errors="coerce").to_numpy(dtype="datetime64[D]")
            out[column] = pd.Series(pa.array(days, type=pa.date32(), from_pandas=True), index=out.index,
                                    dtype=pd.ArrowDtype(pa.date32()))
        elif kind == "integer":
            out[column] = pd.to_numeric(values, errors="coerce").round().astype("Int64")
        elif kind == "boolean":
            out[column] = values.astype(object).where(values.notna(), None).astype("boolean")
        elif kind == "real":
            out[column] = pd.to_numeric(values, errors="coerce").astype(float)
        elif kind == "text":
            out[column] = values.astype(object).where(values.notna(), "")
    return out


def combined_incidents(layers: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Points and road-closure lines as one table, for single-layer formats given a file name."""
    parts = [layers[name] for name in ("incidents", "road_closures") if name in layers]
    frame = pd.concat(parts, ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def plain_values(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dates as ISO text (missing as None), so every driver writes the same values."""
    out = frame.copy()
    for column in DATE_COLUMNS:
        if column in out:
            stamps = pd.to_datetime(out[column], errors="coerce")
            out[column] = [None if pd.isna(s) else s.strftime("%Y-%m-%d") for s in stamps]
    return out


def _split(frame: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    if "frontline_id" in frame.columns:
        return {"frontlines": frame}
    missing = [c for c in INCIDENT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"GeoDataFrame lacks incident columns: {', '.join(missing)}")
    geoms = frame.geometry.to_numpy()
    kind = shapely.get_type_id(geoms)
    is_line = ((kind == 1) | (kind == 5)) & (frame["event_type"] == EventType.ROAD_CLOSURE).to_numpy()
    return {"incidents": frame[~is_line], "road_closures": frame[is_line]}
