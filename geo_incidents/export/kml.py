"""KML for Google Earth: one folder per layer, one style per event type, Arabic text as UTF-8.

Streamed as text rather than built as an element tree: 100,000 placemarks with their attributes
are millions of elements, too slow and too big in memory for an export. Every name, description
and value is escaped (``&``, ``<``, ``>``) and loses the characters XML 1.0 forbids (C0 controls),
so no report text can break the document.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.normalize import DIRECTION_CONTROLS
from geo_incidents.export.atomic import atomic_output
from geo_incidents.export.layers import plain_values
from geo_incidents.model import EventType

NS = "http://www.opengis.net/kml/2.2"
#: Event type -> KML colour (aabbggrr).
STYLE_COLOURS = {
    EventType.BATTLES: "ff2f2fd6",
    EventType.EXPLOSIONS: "ff1d7df5",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "ff8e3a9c",
    EventType.PROTESTS: "ffd19a1f",
    EventType.RIOTS: "ff5aa0e0",
    EventType.STRATEGIC: "ff7f7f7f",
    EventType.ROAD_CLOSURE: "ff00c8ff",
    EventType.DISPLACEMENT: "ff3c9e2c",
    "frontline": "ff0000a0",
    "unknown": "ffffffff",
}
_DESCRIPTION_FIELDS = ("event_type", "sub_event_type", "event_date", "actor1", "actor1_ar", "actor2",
                       "actor2_ar", "fatalities", "status", "notes", "evidence", "source_urls")
#: The C0 controls XML 1.0 forbids, and the direction controls that would reorder what Google Earth shows;
#: dropped from every text.
_NOT_XML = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f" + DIRECTION_CONTROLS + "]"
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"} | {
    c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *map(ord, DIRECTION_CONTROLS))
}
_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def style_id(event_type: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in event_type.lower()).strip("-")
    return "style-" + (slug if event_type in STYLE_COLOURS else "unknown")


def write_kml(layers: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    with atomic_output(path) as tmp, open(tmp, "wb") as out:
        head = [f'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="{NS}">\n<Document>\n',
                f"<name>{_xml(Path(path).stem)}</name>\n"]
        head += [_style(style_id(name), colour) for name, colour in STYLE_COLOURS.items()]
        out.write("".join(head).encode("utf-8"))
        for layer_name, frame in layers.items():
            out.write(f"<Folder>\n<name>{_xml(layer_name)}</name>\n".encode())
            _write_all(out, _placemarks(plain_values(frame), is_frontline=layer_name == "frontlines"))
            out.write(b"</Folder>\n")
        out.write(b"</Document>\n</kml>\n")
    return Path(path)


def _placemarks(frame: gpd.GeoDataFrame, is_frontline: bool) -> pa.Array:
    """Placemark texts, built column-wise with Arrow's string kernels.

    The attributes of 100,000 rows are millions of values; escaping and wrapping them one by one in
    Python takes longer than the export budget, Arrow does it in C++.
    """
    n = len(frame)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    escaped = {c: _escaped(frame[c]) for c in columns}
    fragments = [
        pc.if_else(_is_blank(escaped[c]), "",
                   pc.binary_join_element_wise(f"<Data name={quoteattr(c)}><value>", escaped[c], "</value></Data>", ""))
        for c in columns
    ]
    data = pc.binary_join_element_wise(*fragments, "") if fragments else pa.array([""] * n, type=pa.string())
    pieces = [
        pc.if_else(_is_blank(escaped[c]), None, pc.binary_join_element_wise(f"{c}: ", escaped[c], ""))
        for c in _DESCRIPTION_FIELDS if c in escaped
    ]
    if pieces:
        descriptions = pc.fill_null(pc.binary_join_element_wise(*pieces, "\n", null_handling="skip"), "")
    else:
        descriptions = pa.array([""] * n, type=pa.string())
    blank = pa.array([""] * n, type=pa.string())
    if is_frontline:
        titles = pc.binary_join_element_wise(escaped.get("side_a", blank), escaped.get("side_b", blank), " / ")
        styles = pa.array([f"#{style_id('frontline')}"] * n, type=pa.string())
        whens = blank
    else:
        candidates = [_null_if_blank(escaped.get(c, blank)) for c in ("location", "place_name_ar", "event_type")]
        titles = pc.fill_null(pc.coalesce(*candidates), "")
        kinds = frame["event_type"].fillna("").astype(str) if "event_type" in frame else pd.Series([""] * n)
        styles = pa.array([f"#{style_id(kind)}" for kind in kinds], type=pa.string())
        dates = escaped.get("event_date", blank)
        whens = pc.if_else(_is_blank(dates), "", pc.binary_join_element_wise("<TimeStamp><when>", dates,
                                                                             "</when></TimeStamp>", ""))
    shapes = _shapes(frame.geometry.to_numpy())
    marks = pc.binary_join_element_wise(
        "<Placemark><name>", titles, "</name><description>", descriptions, "</description>", whens,
        "<styleUrl>", styles, "</styleUrl><ExtendedData>", data, "</ExtendedData>", shapes, "</Placemark>\n", "",
    )
    return marks


def _shapes(geoms: np.ndarray) -> pa.Array:
    """KML geometry per row; points (most rows) formatted column-wise."""
    out = np.full(len(geoms), "", dtype=object)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    points = present & (shapely.get_type_id(geoms) == 0)
    if points.any():
        xs = pa.array(np.round(shapely.get_x(geoms[points]), 7)).cast(pa.string())
        ys = pa.array(np.round(shapely.get_y(geoms[points]), 7)).cast(pa.string())
        joined = pc.binary_join_element_wise("<Point><coordinates>", xs, ",", ys, "</coordinates></Point>", "")
        out[points] = joined.to_pylist()
    others = present & ~points
    out[others] = [_geometry(g) for g in geoms[others]]
    return pa.array(out, type=pa.string())


def _write_all(out, marks: pa.Array) -> None:
    """Write the strings back to back straight from Arrow's data buffer (no Python string per row)."""
    if len(marks) == 0:
        return
    marks = pa.concat_arrays([marks.cast(pa.large_string())])  # unsliced, 64-bit offsets
    _, offsets, data = marks.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int64, count=len(marks) + 1)
    out.write(memoryview(data)[int(bounds[0]) : int(bounds[-1])])


def _escaped(series: pd.Series) -> pa.Array:
    """The column as XML-safe text, "" where missing."""
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        return pc.fill_null(pa.array(series, from_pandas=True).cast(pa.string()), "")
    text = pa.array(_column_text(series), type=pa.string())
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = pc.replace_substring(text, char, entity)
    return pc.replace_substring_regex(text, _NOT_XML, "")


def _is_blank(values: pa.Array) -> pa.Array:
    return pc.equal(pc.utf8_length(values), 0)


def _null_if_blank(values: pa.Array) -> pa.Array:
    return pc.if_else(_is_blank(values), None, values)


def _style(identifier: str, colour: str) -> str:
    return (
        f'<Style id="{identifier}"><IconStyle><color>{colour}</color><scale>1.1</scale>'
        f"<Icon><href>{_ICON}</href></Icon></IconStyle>"
        f"<LineStyle><color>{colour}</color><width>4</width></LineStyle></Style>\n"
    )


def _geometry(geom: BaseGeometry) -> str:
    kind = geom.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        return "<MultiGeometry>" + "".join(_geometry(part) for part in geom.geoms) + "</MultiGeometry>"
    if kind == "Point":
        return f"<Point><coordinates>{_coords(geom.coords)}</coordinates></Point>"
    if kind == "LineString":
        return f"<LineString><tessellate>1</tessellate><coordinates>{_coords(geom.coords)}</coordinates></LineString>"
    rings = [f"<outerBoundaryIs><LinearRing><coordinates>{_coords(geom.exterior.coords)}</coordinates>"
             "</LinearRing></outerBoundaryIs>"]
    rings += [f"<innerBoundaryIs><LinearRing><coordinates>{_coords(ring.coords)}</coordinates>"
              "</LinearRing></innerBoundaryIs>" for ring in geom.interiors]
    return "<Polygon>" + "".join(rings) + "</Polygon>"


def _coords(coords) -> str:
    return " ".join(f"{_number(x)},{_number(y)}" for x, y, *_ in coords)


def _number(value: float) -> str:
    """At most 7 decimals (about 1 cm), without trailing zeros."""
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _xml(text: str) -> str:
    return text.translate(_ESCAPES)


def _column_text(series: pd.Series) -> list[str]:
    missing = series.isna().tolist()
    return ["" if m else (v if type(v) is str else str(v)) for v, m in zip(series.tolist(), missing, strict=True)]
