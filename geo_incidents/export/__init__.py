"""Exports for GIS tools: GeoJSON, GeoPackage, ACLED-ordered CSV, KML, GeoParquet and FlatGeobuf.

``export(source, fmt, out)`` writes every file atomically and returns the paths written. ``out``
is a directory (an existing one, or a path without suffix) or a file:

* directory: single-layer formats write one file per layer (``incidents.geojson``,
  ``road_closures.geojson``, ``frontlines.geojson``); GeoPackage and KML write ``incidents.gpkg``
  / ``incidents.kml`` holding every layer;
* file: GeoPackage and KML hold every layer; single-layer formats hold the incidents of both
  layers (points and road-closure lines) in one table, without frontlines.

Every format keeps the store's types where it has them (dates, integers, booleans); latitude and
longitude are the geometry's representative point. A GeoPackage carries QGIS styles in its
``layer_styles`` table; GeoJSON, CSV, GeoParquet and FlatGeobuf files get a ``.qml`` style beside them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from geo_incidents.export.filters import ExportFilters

__all__ = ["EXPORT_LAYERS", "FORMATS", "ExportFilters", "ExportTargetError", "Written", "export",
           "export_store_geojson", "export_text", "write_layers"]

#: Format name -> file suffix.
FORMATS = {
    "geojson": ".geojson",
    "gpkg": ".gpkg",
    "csv": ".csv",
    "kml": ".kml",
    "parquet": ".parquet",
    "fgb": ".fgb",
}
_MULTI_LAYER = {"gpkg", "kml"}
#: Layers exported, in order; control areas, places, articles and runs stay in the store.
EXPORT_LAYERS = ("incidents", "road_closures", "frontlines")

#: Names this package offers, imported on first use: the writers need pandas, geopandas and pyogrio,
#: which the command line loads only when an export runs (``geo-incidents --help`` stays quick).
_ON_USE = {"ExportFilters": "geo_incidents.export.filters", "ExportTargetError": "geo_incidents.export.targets"}


def __getattr__(name: str):
    if name in _ON_USE:
        from importlib import import_module

        return getattr(import_module(_ON_USE[name]), name)
    raise AttributeError(f"module 'geo_incidents.export' has no attribute {name!r}")


class Written(NamedTuple):
    """One file an export wrote and how many rows (features) it holds."""

    path: Path
    rows: int


def export(
    source, fmt: str, out: str | os.PathLike, filters: ExportFilters | None = None, *, wkt: bool = False,
    excel: bool = False, raw: bool = False, progress: bool = False,
) -> list[Path]:
    """Export a store's (or a GeoDataFrame's) incidents, road closures and frontlines.

    ``source`` may also be a store's path or URL. ``wkt`` adds a WKT geometry column to CSV
    (latitude/longitude are always there); ``excel`` writes CSV for Excel (byte-order mark, CRLF).
    """
    from geo_incidents.export.layers import gather

    _check_format(fmt)
    if isinstance(source, str | os.PathLike):
        from geo_incidents.store import open_store

        with open_store(source) as store:
            layers = gather(store, filters)
    else:
        layers = gather(source, filters)
    return [written.path for written in write_layers(layers, fmt, out, wkt=wkt, excel=excel, raw=raw,
                                                     progress=progress)]


def write_layers(
    layers: dict, fmt: str, out: str | os.PathLike, *, wkt: bool = False, excel: bool = False, raw: bool = False,
    progress: bool = False,
) -> list[Written]:
    """Write gathered layers (see :func:`gather`) in ``fmt`` to ``out`` (a directory or a file).

    Refuses (:class:`~geo_incidents.export.targets.ExportTargetError`, before writing anything) a target
    that is a store, or an existing file beside a store that geo-incidents did not write.
    ``raw`` keeps CSV values as stored (no spreadsheet-safety prefixes); ``progress`` shows a bar per
    layer on stderr.
    """
    from tqdm import tqdm

    from geo_incidents.export.geopackage import write_geopackage
    from geo_incidents.export.kml import write_kml
    from geo_incidents.export.layers import combined_incidents
    from geo_incidents.export.styles import write_qml
    from geo_incidents.export.targets import check_targets

    _check_format(fmt)
    out = Path(out)
    as_directory = out.is_dir() or not out.suffix
    if fmt in _MULTI_LAYER:
        target = out / f"incidents{FORMATS[fmt]}" if as_directory else out
        check_targets([target], FORMATS.values())
        writer = write_geopackage if fmt == "gpkg" else write_kml
        return [Written(writer(layers, target), sum(len(frame) for frame in layers.values()))]
    if not as_directory:
        check_targets([out], FORMATS.values())
        combined = combined_incidents(layers)
        path = _write_single(fmt, combined, out, wkt, excel, raw)
        write_qml(path, "incidents")
        return [Written(path, len(combined))]
    targets = {name: out / f"{name}{FORMATS[fmt]}" for name in layers}
    check_targets(targets.values(), FORMATS.values())
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tqdm(layers.items(), desc=f"{fmt} export", unit=" layer", disable=not progress,
                            file=sys.stderr):
        path = _write_single(fmt, frame, targets[name], wkt, excel, raw)
        write_qml(path, name)  # QGIS loads a style file named like the data
        written.append(Written(path, len(frame)))
    return written


def export_store_geojson(store, out: str | os.PathLike, *, progress: bool = False) -> list[Path]:
    """A store's layers as GeoJSON files in the folder ``out``: the files and bytes ``export(store, "geojson",
    out)`` writes, each layer streamed from the store a chunk of rows at a time (see
    :func:`~geo_incidents.export.geojson.write_store_geojson`): no pandas, and memory that stays flat however
    large the store. A layer only GDAL can spell goes through :func:`export`'s writer."""
    from tqdm import tqdm

    from geo_incidents.export.geojson import write_store_geojson
    from geo_incidents.export.styles import write_qml
    from geo_incidents.export.targets import check_targets

    out = Path(out)
    targets = {name: out / f"{name}{FORMATS['geojson']}" for name in EXPORT_LAYERS}
    check_targets(targets.values(), FORMATS.values())
    out.mkdir(parents=True, exist_ok=True)
    for name in tqdm(EXPORT_LAYERS, desc="geojson export", unit=" layer", disable=not progress, file=sys.stderr):
        if write_store_geojson(store, name, targets[name]) is None:
            from geo_incidents.export.layers import gather

            layer = {name: gather(store)[name]}
            write_layers(layer, "geojson", out)
            continue
        write_qml(targets[name], name)  # QGIS loads a style file named like the data
    return list(targets.values())


def export_text(frame, fmt: str) -> str:
    """Incidents as GeoJSON or CSV text, written by the same writers as the files (``extract --format``)."""
    if fmt not in ("geojson", "csv"):
        raise ValueError(f"text output is geojson or csv, not {fmt!r}")
    with tempfile.TemporaryDirectory(prefix="gi-export-") as tmp:
        path = _write_single(fmt, frame, Path(tmp) / f"incidents{FORMATS[fmt]}", False, False)
        return path.read_text(encoding="utf-8")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")


def _write_single(fmt: str, frame, path: Path, wkt: bool, excel: bool = False, raw: bool = False) -> Path:
    from geo_incidents.export.acled_csv import write_csv
    from geo_incidents.export.columnar import write_flatgeobuf, write_parquet
    from geo_incidents.export.geojson import write_geojson

    if fmt == "geojson":
        return write_geojson(frame, path)
    if fmt == "csv":
        return write_csv(frame, path, wkt=wkt, excel=excel, raw=raw)
    if fmt == "parquet":
        return write_parquet(frame, path)
    return write_flatgeobuf(frame, path)
