"""Generic importer: any GeoJSON, GeoPackage (or other OGR file) or CSV with a column mapping.

The mapping says which column holds what, e.g. ``{"name_ar": "NAME_A", "name_en": "NAME",
"id": "Id"}`` for the CSR Aleppo neighbourhoods or ``{"name_ar": "name:ar", "name_en": "name",
"id": "@id"}`` for an OpenStreetMap export. Keys understood: ``id``, ``name_ar`` (required),
``name_en``, ``aliases_ar`` (``|``-separated), ``kind``, ``population``, ``admin1``, ``admin2``,
``country_code``, ``parent_ids`` (``|``-separated), and for CSV ``lat``/``lon`` or ``wkt``.
The mapping may also be written the other way round (``{"NAME_A": "name_ar"}``), and
``{"kind": "neighbourhood"}`` gives every row that kind.

An alias file (``aliases_path``) adds Arabic alternatives per name: either a plain
``{"name": ["alias", …]}`` JSON object or the CSR format (``original_name_a``,
``original_name``, ``alternative_arabic``, ``alternative_english`` per entry).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, shape

from gazetteer.io.errors import ImportReport, SourceError
from gazetteer.io.ocha import load_features, load_json, read_text, require_columns, valid_geometry
from gazetteer.model import Kind, Place
from gazetteer.words import is_ordinary_word

PathType = str | PathLike[str]
MAPPING_KEYS = frozenset(
    {
        "id", "name_ar", "name_en", "aliases_ar", "kind", "population", "admin1", "admin2",
        "country_code", "parent_ids", "lat", "lon", "wkt",
    }
)  # fmt: skip
GEOJSON_SUFFIXES = (".geojson", ".json")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
LAT_NAMES = ("lat", "latitude", "LAT", "LATITUDE", "Latitude", "y", "Y")
LON_NAMES = ("lon", "lng", "long", "longitude", "LON", "LONGITUDE", "Longitude", "x", "X")
WKT_NAMES = ("wkt", "WKT", "geometry", "geometry_wkt", "geom")
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "OGC:CRS84"}

Aliases = Mapping[str, Sequence[str]]
KIND_VALUES = frozenset(k.value for k in Kind)


def normalize_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping as ``{field: column}``; ``{column: field}`` (as the CLI's ``--map``) is turned round."""
    mapping = dict(mapping)
    if set(mapping) <= MAPPING_KEYS:
        return mapping
    if set(mapping.values()) <= MAPPING_KEYS:
        return {field: column for column, field in mapping.items()}
    unknown = sorted(set(mapping) - MAPPING_KEYS)
    raise ValueError(f"unknown mapping keys {unknown}; known: {sorted(MAPPING_KEYS)}")


def load_alias_file(path: PathType) -> dict[str, list[str]]:
    """Arabic aliases per name (Arabic and English keys) from a JSON alias file."""
    data = load_json(path)
    if not isinstance(data, dict):
        raise SourceError(path, None, "alias file must be a JSON object")
    out: dict[str, list[str]] = {}
    for row, (key, value) in enumerate(data.items(), start=1):
        if isinstance(value, list):
            keys, aliases = [key], [str(v) for v in value if v]
        elif isinstance(value, dict):
            keys = [str(value.get(k) or "") for k in ("original_name_a", "original_name")]
            aliases = [str(value.get("original_name_a") or "")]
            aliases += [str(v) for v in value.get("alternative_arabic") or [] if v]
        else:
            raise SourceError(path, row, f"alias entry {key!r} is neither a list nor an object")
        aliases = [a.strip() for a in aliases if a and a.strip()]
        for k in keys:
            if k:
                merged = out.setdefault(k.strip(), [])
                merged.extend(a for a in aliases if a not in merged)
    return out


def read_table(
    path: PathType,
    mapping: Mapping[str, str],
    *,
    kind: Kind | str | None = None,
    id_prefix: str = "local",
    layer: str | int | None = None,
    aliases: Aliases | None = None,
    aliases_path: PathType | None = None,
    source: str | None = None,
    licence: str = "",
    country_code: str = "",
    report: ImportReport | None = None,
    strict: bool = False,
) -> Iterator[Place]:
    """Places from a GeoJSON / GeoPackage / CSV table through a column mapping.

    ``kind`` fixes the kind of every row unless the mapping has a ``kind`` column. Ids are
    ``<id_prefix>:<id column>`` (the row number when there is no id column); rows sharing an id
    and a name are merged into one place (multi-part polygons), a reused id with another name
    gets a ``-2`` suffix.
    """
    p = Path(path)
    report = report if report is not None else ImportReport()
    report.path = str(p)
    mapping = normalize_mapping(mapping)
    if mapping.get("kind") in KIND_VALUES:  # {"kind": "neighbourhood"}: one kind for every row
        kind = mapping.pop("kind")
    if "name_ar" not in mapping:
        raise ValueError("mapping needs a 'name_ar' column")
    if kind is None and "kind" not in mapping:
        raise ValueError("give kind= (or map 'kind' to a column or to a kind such as 'neighbourhood')")
    alias_map: dict[str, list[str]] = {k: list(v) for k, v in (aliases or {}).items()}
    if aliases_path is not None:
        for k, v in load_alias_file(aliases_path).items():
            alias_map.setdefault(k, [])
            alias_map[k].extend(a for a in v if a not in alias_map[k])

    suffix = p.suffix.lower()
    if suffix in GEOJSON_SUFFIXES:
        rows = _geojson_rows(p, mapping)
    elif suffix in CSV_SUFFIXES:
        rows = _csv_rows(p, mapping)
    else:
        rows = _ogr_rows(p, mapping, layer)

    source = source or p.name
    grouped: dict[str, dict[str, Any]] = {}
    for row, props, geom in rows:
        report.read += 1
        geom = valid_geometry(geom, report=report, row=row, strict=strict, path=p)
        if geom is None:
            continue
        name_ar = _text(props.get(mapping["name_ar"]))
        name_en = _text(props.get(mapping["name_en"])) if "name_en" in mapping else ""
        if not name_ar and name_en in alias_map and alias_map[name_en]:
            name_ar = alias_map[name_en][0]
            report.repair(row, f"missing {mapping['name_ar']}, Arabic name taken from the alias file")
        if not name_ar:
            _problem(p, row, f"missing {mapping['name_ar']}", report, strict)
            continue
        try:
            row_kind = Kind(_text(props.get(mapping["kind"])).lower()) if "kind" in mapping else Kind(kind)
        except ValueError:
            _problem(p, row, f"unknown kind {props.get(mapping.get('kind', ''))!r}", report, strict)
            continue
        local_id = _text(props.get(mapping["id"])) if "id" in mapping else str(row)
        if not local_id:
            _problem(p, row, f"missing {mapping['id']}", report, strict)
            continue
        if local_id.endswith(".0") and local_id[:-2].isdigit():
            local_id = local_id[:-2]
        extra = [_split(props.get(mapping["aliases_ar"]))] if "aliases_ar" in mapping else []
        names = [name_ar, *[a for group in extra for a in group], *alias_map.get(name_ar, [])]
        names += alias_map.get(name_en, []) if name_en else []
        population = props.get(mapping["population"]) if "population" in mapping else 0
        try:
            population = int(float(population or 0))
        except (TypeError, ValueError):
            population = 0
        place_id = f"{id_prefix}:{local_id}"
        n = 2
        while place_id in grouped and grouped[place_id]["name_ar"] != name_ar:
            place_id = f"{id_prefix}:{local_id}-{n}"
            n += 1
        entry = grouped.setdefault(
            place_id,
            {
                "name_ar": name_ar,
                "names": [],
                "geoms": [],
                "rows": [],
                "kind": row_kind,
                "name_en": name_en,
                "population": population,
                "admin1": _text(props.get(mapping["admin1"])) if "admin1" in mapping else "",
                "admin2": _text(props.get(mapping["admin2"])) if "admin2" in mapping else "",
                "country_code": (_text(props.get(mapping["country_code"])) if "country_code" in mapping else "")
                or country_code,
                "parents": tuple(_split(props.get(mapping["parent_ids"]))) if "parent_ids" in mapping else (),
            },
        )
        entry["names"].extend(x for x in names if x and x not in entry["names"])
        entry["geoms"].append(geom)
        entry["rows"].append(row)

    for place_id, entry in grouped.items():
        geoms = entry["geoms"]
        geom = geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)
        aliases_ar = tuple(x for x in entry["names"] if x != entry["name_ar"])
        report.kept += 1
        yield Place(
            id=place_id,
            name_ar=entry["name_ar"],
            aliases_ar=aliases_ar,
            kind=entry["kind"],
            geometry=geom,
            name_en=entry["name_en"],
            names_latin=(entry["name_en"],) if entry["name_en"] else (),
            parents=entry["parents"],
            country_code=entry["country_code"],
            admin1=entry["admin1"],
            admin2=entry["admin2"],
            population=entry["population"],
            source=f"{source} row {'+'.join(map(str, entry['rows']))}",
            licence=licence,
            # a neighbourhood named by an ordinary word (الشهداء) counts in text only after حي
            needs_cue=entry["kind"] is Kind.NEIGHBOURHOOD and is_ordinary_word(entry["name_ar"]),
        )


# --------------------------------------------------------------------------- readers


def _geojson_rows(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[int, dict, Any]]:
    data = load_json(path)
    features = load_features(path, data)
    columns = [mapping[k] for k in ("name_ar", "id") if k in mapping]
    require_columns(path, features, columns)
    transform = _to_wgs84(path, (data.get("crs") or {}).get("properties", {}).get("name"))
    for row, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            yield row, {}, None
            continue
        props = feature.get("properties") or {}
        geom = None
        if feature.get("geometry"):
            try:
                geom = shape(feature["geometry"])
            except Exception:  # malformed coordinates: reported as a missing geometry
                geom = None
        if geom is not None and transform is not None:
            geom = shapely.transform(geom, transform, interleaved=False)
        yield row, props, geom


def _to_wgs84(path: Path, crs_name: str | None):
    if not crs_name or crs_name in WGS84_NAMES:
        return None
    try:
        crs = CRS.from_user_input(crs_name)
    except Exception as exc:  # pyproj raises CRSError, keep the message
        raise SourceError(path, None, f"unknown CRS {crs_name!r} ({exc})") from exc
    if crs.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return None
    transformer = Transformer.from_crs(crs, 4326, always_xy=True)
    return lambda x, y: transformer.transform(x, y)


def _csv_rows(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[int, dict, Any]]:
    text = read_text(path, strict=True)
    sample = text[:4096]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or sample.count("\t") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = reader.fieldnames or []
    if not header:
        raise SourceError(path, 1, "no header row")
    missing = [f"{col!r} (mapped to {key})" for key, col in mapping.items() if col not in header]
    if missing:
        raise SourceError(path, 1, f"missing column(s) {', '.join(missing)}")
    wkt_col = mapping.get("wkt") or next((c for c in WKT_NAMES if c in header), None)
    lat_col = mapping.get("lat") or next((c for c in LAT_NAMES if c in header), None)
    lon_col = mapping.get("lon") or next((c for c in LON_NAMES if c in header), None)
    if not wkt_col and not (lat_col and lon_col):
        raise SourceError(path, 1, "no geometry columns: map 'lat' and 'lon', or 'wkt'")
    for props in reader:
        row = reader.line_num
        if None in props:
            yield row, props, None  # more cells than header columns: reported as no geometry
            continue
        yield row, props, _csv_geometry(props, wkt_col, lat_col, lon_col)


def _csv_geometry(props: dict, wkt_col, lat_col, lon_col):
    if wkt_col and _text(props.get(wkt_col)):
        try:
            return shapely.from_wkt(props[wkt_col])
        except shapely.errors.GEOSException:
            return None
    try:
        return Point(float(props[lon_col]), float(props[lat_col]))
    except (TypeError, ValueError, KeyError):
        return None


def _ogr_rows(path: Path, mapping: Mapping[str, str], layer) -> Iterator[tuple[int, dict, Any]]:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    try:
        frame = pyogrio.read_dataframe(path, layer=layer)
    except DataLayerError as exc:
        layers = ", ".join(str(name) for name, _ in pyogrio.list_layers(path))
        raise SourceError(path, None, f"no layer {layer!r} (layers: {layers})") from exc
    except (DataSourceError, OSError, ValueError) as exc:
        raise SourceError(path, None, f"cannot read as a GIS file ({exc})") from exc
    if len(frame) == 0:
        raise SourceError(path, None, "no features")
    missing = [f"{col!r} (mapped to {key})" for key, col in mapping.items() if col not in frame.columns]
    if missing:
        raise SourceError(path, None, f"missing column(s) {', '.join(missing)}")
    if frame.crs is not None and not frame.crs.equals(CRS.from_epsg(4326)):
        frame = frame.to_crs(4326)
    geoms = frame.geometry.array
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    for i, (props, geom) in enumerate(zip(records, geoms, strict=True), start=1):
        yield i, props, geom


# --------------------------------------------------------------------------- small helpers


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from a data frame
        return ""
    return " ".join(str(value).split())


def _split(value: Any) -> list[str]:
    return [s.strip() for s in _text(value).split("|") if s.strip()]


def _problem(path: Path, row: int, reason: str, report: ImportReport, strict: bool) -> None:
    if strict:
        raise SourceError(path, row, reason)
    report.skip(row, reason)
