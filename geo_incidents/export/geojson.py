"""GeoJSON per RFC 7946: WGS84 lon/lat, no ``crs`` member, counter-clockwise outer rings, 7 decimals.

Two writers give the same bytes. :func:`write_geojson` hands a table to GDAL (through pyogrio), for
``export`` and its filters and formats. :func:`write_store_geojson` streams a store's layer a chunk of
rows at a time in the text GDAL's GeoJSON driver writes in RFC 7946 mode (its numbers, escapes and
spacing): a run writes its GeoJSON without loading pandas, geopandas or pyogrio (most of a small run's
start-up) and without holding the whole store in memory. A row it cannot spell as GDAL does (a geometry
other than a point or a line, a line across the antimeridian) sends the layer to :func:`write_geojson`.
Tests compare the two byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo_incidents.export.atomic import atomic_output

if TYPE_CHECKING:
    import geopandas as gpd

#: GDAL's RFC 7946 options: 7 decimals (GDAL writes the resolution into the collection).
_OPTIONS = {"RFC7946": "YES", "WRITE_NAME": "NO", "COORDINATE_PRECISION": 7}
_HEAD = '{\n"type": "FeatureCollection",\n"xy_coordinate_resolution": 1e-07,\n"features": [\n'
_TAIL = "\n]\n}\n"


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """One FeatureCollection. GDAL's RFC7946 mode also splits geometries crossing the antimeridian."""
    import geopandas as gpd
    import pyogrio
    import shapely

    from geo_incidents.export.layers import plain_values

    out = plain_values(frame)
    out = out.set_geometry(gpd.GeoSeries(shapely.orient_polygons(out.geometry.to_numpy()), crs=4326))
    with atomic_output(path) as tmp:
        pyogrio.write_dataframe(out, tmp, driver="GeoJSON", use_arrow=True, **_OPTIONS)
    return Path(path)


class _NotPlain(ValueError):
    """A row this writer does not spell as GDAL would: the layer goes through GDAL instead."""


def write_store_geojson(store, name: str, path: Path, *, chunk: int = 5000) -> int | None:
    """Layer ``name`` of ``store`` as GeoJSON at ``path``, the bytes ``export(store, "geojson", …)`` writes for
    it, streamed a chunk of rows at a time. Returns the features written, or None (nothing written) when a
    row needs GDAL's own writer (see the module's docstring)."""
    from geo_incidents.store.schema import REJECTED, layer

    lyr = layer(name)
    kinds = [(column, kind) for column, kind in lyr.columns if column != REJECTED]
    try:
        with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(_HEAD)
            written = 0
            for text in _features(store, name, kinds, chunk):
                handle.write(",\n" + text if written else text)
                written += 1
            handle.write(_TAIL)
    except _NotPlain:
        return None
    return written


def _features(store, name: str, kinds: list[tuple[str, str]], chunk: int) -> Iterator[str]:
    import numpy as np
    import shapely

    from geo_incidents.frame import representative_lat_lon
    from geo_incidents.store.schema import REJECTED, layer

    names = layer(name).column_names
    rejected_at = names.index(REJECTED) if REJECTED in names else None
    at = {column: names.index(column) for column, _ in kinds}
    keys = [json.dumps(column, ensure_ascii=False) + ": " for column, _ in kinds]
    spell = [_SPELLERS[kind] for _, kind in kinds]
    located = "latitude" in at and "longitude" in at
    for rows, wkb in store.row_chunks(name, chunk):
        if rejected_at is not None:  # an analyst's rejected incidents stay out of every export
            keep = [i for i, row in enumerate(rows) if not row[rejected_at]]
            rows, wkb = [rows[i] for i in keep], [wkb[i] for i in keep]
        geoms = shapely.from_wkb(np.asarray(wkb, dtype=object))
        if located:  # one point per row, in the columns and the geometry alike (as the table writer's)
            lat, lon = representative_lat_lon(geoms)
            pairs = zip(rows, lat.tolist(), lon.tolist(), strict=True)
            rows = [_with_lat_lon(row, at, la, lo) for row, la, lo in pairs]
        for row, geometry in zip(rows, _geometries(geoms), strict=True):
            properties = ", ".join(key + speller(row[at[column]])
                                   for key, speller, (column, _) in zip(keys, spell, kinds, strict=True))
            yield '{ "type": "Feature", "properties": { ' + properties + ' }, "geometry": ' + geometry + " }"


def _with_lat_lon(row: tuple, at: dict[str, int], lat: float, lon: float) -> tuple:
    values = list(row)
    values[at["latitude"]], values[at["longitude"]] = lat, lon
    return tuple(values)


def _geometries(geoms) -> list[str]:
    """Each geometry as GDAL writes it: a point or a line (7 decimals), or null; anything else raises."""
    import shapely

    out = []
    kinds = shapely.get_type_id(geoms)
    for geom, kind in zip(geoms, kinds.tolist(), strict=True):
        if geom is None:
            out.append("null")
            continue
        if kind not in (0, 1) or geom.is_empty or geom.has_z:
            raise _NotPlain(f"a {geom.geom_type} geometry")
        coords = shapely.get_coordinates(geom).tolist()
        xs = [x for x, _ in coords]
        if max(xs) - min(xs) > 180 or any(abs(x) > 180 or abs(y) > 90 for x, y in coords):
            raise _NotPlain("a geometry across the antimeridian or outside lon/lat bounds")
        points = ["[ " + _coordinate(x) + ", " + _coordinate(y) + " ]" for x, y in coords]
        if kind == 0:
            out.append('{ "type": "Point", "coordinates": ' + points[0] + " }")
        else:
            out.append('{ "type": "LineString", "coordinates": [ ' + ", ".join(points) + " ] }")
    return out


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _text(value) -> str:
    """A text column: missing as "" (the store's reads), escaped as json-c does (raw UTF-8, no escaped '/'),
    cut at a NUL character as GDAL's C strings are. GDAL writes a text between [ ] or { } that parses as JSON
    as that JSON: such a value sends the layer to GDAL's writer."""
    text = "" if _missing(value) else value if type(value) is str else str(value)
    if "\x00" in text:
        text = text.split("\x00", 1)[0]
    if text and (text[0] + text[-1]) in ("[]", "{}"):
        raise _NotPlain("a text GDAL may read as JSON")
    return json.dumps(text, ensure_ascii=False)


def _integer(value) -> str:
    return "null" if _missing(value) else str(int(round(value)))


def _real(value) -> str:
    return "null" if _missing(value) else gdal_double(float(value))


def _boolean(value) -> str:
    return "false" if _missing(value) or not value else "true"


def _date(value) -> str:
    from geo_incidents.store.schema import as_date

    day = None if _missing(value) else as_date(value)
    if type(day) is not date:  # NaT: missing or unreadable
        return "null"
    return f'"{day.year}-{day.month:02d}-{day.day:02d}"'  # strftime's %Y: the year not padded (year 999)


_SPELLERS = {"text": _text, "integer": _integer, "real": _real, "boolean": _boolean, "date": _date}


def gdal_double(value: float) -> str:
    """A number property as GDAL's GeoJSON driver writes it: ``%.17g``; where the digits after the point hold
    a run of six 0s or 9s (a binary round-off), the first of ``%.16g``, ``%.15g``, ``%.14g`` that has a point
    and no such run; ``.0`` after a whole number."""
    if value != value or value in (float("inf"), float("-inf")):
        raise _NotPlain("a number JSON cannot hold")
    text = f"{value:.17g}"
    point = text.find(".")
    if point >= 0 and ("999999" in text[point:] or "000000" in text[point:]):
        for digits in (16, 15, 14):
            candidate = f"{value:.{digits}g}"
            point = candidate.find(".")
            if point >= 0 and "999999" not in candidate[point:] and "000000" not in candidate[point:]:
                text = candidate
                break
    if "." not in text and "e" not in text:
        text += ".0"
    return text


def _coordinate(value: float) -> str:
    """A coordinate as GDAL writes it at 7 decimals: fixed-point, its round-off trimmed (GDAL's
    "intelliround": a tail of 0s or 9s before the last digit), trailing zeros dropped but one."""
    if abs(value) > 1e50:
        return f"{value:.17g}"
    text = _intelliround(f"{value:.7f}")
    if "." in text:
        text = text.rstrip("0")
        if text.endswith("."):
            text += "0"
    return text


def _intelliround(text: str) -> str:
    point = text.find(".")
    size = len(text)
    if point < 0 or size <= 10:
        return text
    before = point - 1 - (text[0] == "-")  # GDAL counts one digit fewer than there are before the point

    def run(char: str, last: int) -> bool:
        return all(text[size - k] == char for k in range(2, last + 1))

    def long_run(char: str, extra: int) -> bool:
        return (point < size - extra and all(before >= k + 1 or text[size - k] == char for k in range(3, 8))
                and text[size - 8] == char and text[size - 9] == char)

    if run("0", 6):
        return text[:-1]
    if long_run("0", 8):
        return text[:-8]
    if run("9", 6):
        return _round_up(text[: size - 6])
    if long_run("9", 9):
        return _round_up(text[: size - 9])
    return text


def _round_up(text: str) -> str:
    """Add one in the last digit of a decimal text (carrying)."""
    negative = text.startswith("-")
    digits = list(text[1:] if negative else text)
    for pos in range(len(digits) - 1, -1, -1):
        if digits[pos] == ".":
            continue
        if digits[pos] != "9":
            digits[pos] = chr(ord(digits[pos]) + 1)
            break
        digits[pos] = "0"
        if pos == 0:
            digits.insert(0, "1")
    return ("-" if negative else "") + "".join(digits)
