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
import pandas as pd
from shapely.geometry.base import BaseGeometry

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
#: XML escapes, and the C0 controls XML 1.0 forbids, dropped; one ``str.translate`` per value.
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"} | {
    c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))
}
_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def style_id(event_type: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in event_type.lower()).strip("-")
    return "style-" + (slug if event_type in STYLE_COLOURS else "unknown")


def write_kml(layers: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="{NS}">\n<Document>\n')
        out.write(f"<name>{_xml(Path(path).stem)}</name>\n")
        for name, colour in STYLE_COLOURS.items():
            out.write(_style(style_id(name), colour))
        for layer_name, frame in layers.items():
            out.write(f"<Folder>\n<name>{_xml(layer_name)}</name>\n")
            marks = list(_placemarks(plain_values(frame), is_frontline=layer_name == "frontlines"))
            for start in range(0, len(marks), 2000):
                out.write("".join(marks[start : start + 2000]))
            out.write("</Folder>\n")
        out.write("</Document>\n</kml>\n")
    return Path(path)


def _placemarks(frame: gpd.GeoDataFrame, is_frontline: bool):
    """Placemark texts, built column by column (the attributes of 100,000 rows are millions of values)."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    n = len(frame)
    text = {c: _column_text(frame[c]) for c in columns}
    escaped = {
        c: [v.translate(_ESCAPES) if v else "" for v in values] if _is_text(frame[c]) else values
        for c, values in text.items()
    }
    fragments = []
    for c in columns:
        opening, closing = f"<Data name={quoteattr(c)}><value>", "</value></Data>"
        fragments.append([f"{opening}{v}{closing}" if v else "" for v in escaped[c]])
    data = ["".join(parts) for parts in zip(*fragments, strict=True)] if fragments else [""] * n
    descriptions = [""] * n
    for c in (c for c in _DESCRIPTION_FIELDS if c in text):
        descriptions = [f"{d}\n{c}: {v}" if d and v else (f"{c}: {v}" if v else d)
                        for d, v in zip(descriptions, escaped[c], strict=True)]
    if is_frontline:
        titles = [f"{a} / {b}" for a, b in zip(escaped.get("side_a", [""] * n), escaped.get("side_b", [""] * n),
                                              strict=True)]
        styles = [style_id("frontline")] * n
        whens = [""] * n
    else:
        location, place, kind = (escaped.get(c, [""] * n) for c in ("location", "place_name_ar", "event_type"))
        titles = [a or b or c for a, b, c in zip(location, place, kind, strict=True)]
        styles = [style_id(t) for t in text.get("event_type", [""] * n)]
        whens = [f"<TimeStamp><when>{d}</when></TimeStamp>" if d else "" for d in escaped.get("event_date", [""] * n)]
    for title, description, when, style, extended, geom in zip(
        titles, descriptions, whens, styles, data, frame.geometry, strict=True
    ):
        shape = _geometry(geom) if geom is not None and not geom.is_empty else ""
        yield (
            f"<Placemark><name>{title}</name><description>{description}</description>{when}"
            f"<styleUrl>#{style}</styleUrl><ExtendedData>{extended}</ExtendedData>{shape}</Placemark>\n"
        )


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


def _is_text(series: pd.Series) -> bool:
    """Numbers and booleans print without anything to escape."""
    return not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series))


def _column_text(series: pd.Series) -> list[str]:
    missing = series.isna().tolist()
    return ["" if m else (v if type(v) is str else str(v)) for v, m in zip(series.tolist(), missing, strict=True)]
