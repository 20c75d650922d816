"""KML for Google Earth: one folder per layer, one style per event type, Arabic text as UTF-8.

Written with ElementTree, which escapes ``&``, ``<`` and quotes in names and descriptions, so a
report title can never break the document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo_incidents.export.atomic import atomic_output
from geo_incidents.export.layers import plain_values
from geo_incidents.model import EventType

NS = "http://www.opengis.net/kml/2.2"
#: Event type -> KML colour (aabbggrr), close to the map legend's colours.
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
}
_DESCRIPTION_FIELDS = ("event_type", "sub_event_type", "event_date", "actor1", "actor1_ar", "actor2",
                       "actor2_ar", "fatalities", "status", "notes", "evidence", "source_urls")


def style_id(event_type: str) -> str:
    return "style-" + "".join(ch if ch.isalnum() else "-" for ch in event_type.lower()).strip("-")


def write_kml(layers: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}kml")
    document = ET.SubElement(root, f"{{{NS}}}Document")
    ET.SubElement(document, f"{{{NS}}}name").text = Path(path).stem
    for name, colour in STYLE_COLOURS.items():
        _style(document, style_id(name), colour)
    for layer_name, frame in layers.items():
        folder = ET.SubElement(document, f"{{{NS}}}Folder")
        ET.SubElement(folder, f"{{{NS}}}name").text = layer_name
        plain = plain_values(frame)
        attributes = [c for c in plain.columns if c != plain.geometry.name]
        for record, geom in zip(plain[attributes].to_dict("records"), plain.geometry, strict=True):
            _placemark(folder, record, geom, is_frontline=layer_name == "frontlines")
    tree = ET.ElementTree(root)
    ET.indent(tree)
    with atomic_output(path) as tmp:
        tree.write(tmp, encoding="utf-8", xml_declaration=True)
    return Path(path)


def _style(parent: ET.Element, identifier: str, colour: str) -> None:
    style = ET.SubElement(parent, f"{{{NS}}}Style", id=identifier)
    icon = ET.SubElement(style, f"{{{NS}}}IconStyle")
    ET.SubElement(icon, f"{{{NS}}}color").text = colour
    ET.SubElement(icon, f"{{{NS}}}scale").text = "1.1"
    href = ET.SubElement(ET.SubElement(icon, f"{{{NS}}}Icon"), f"{{{NS}}}href")
    href.text = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
    line = ET.SubElement(style, f"{{{NS}}}LineStyle")
    ET.SubElement(line, f"{{{NS}}}color").text = colour
    ET.SubElement(line, f"{{{NS}}}width").text = "4"


def _placemark(folder: ET.Element, record: dict, geom: BaseGeometry | None, is_frontline: bool) -> None:
    mark = ET.SubElement(folder, f"{{{NS}}}Placemark")
    if is_frontline:
        title = f"{_text(record.get('side_a'))} / {_text(record.get('side_b'))}"
        style = style_id("frontline")
    else:
        title = _text(record.get("location")) or _text(record.get("place_name_ar")) or _text(record.get("event_type"))
        style = style_id(_text(record.get("event_type")) or "unknown")
    ET.SubElement(mark, f"{{{NS}}}name").text = title
    lines = [f"{key}: {_text(record[key])}" for key in _DESCRIPTION_FIELDS if _text(record.get(key))]
    ET.SubElement(mark, f"{{{NS}}}description").text = "\n".join(lines)
    if not is_frontline and record.get("event_date"):
        ET.SubElement(ET.SubElement(mark, f"{{{NS}}}TimeStamp"), f"{{{NS}}}when").text = record["event_date"]
    ET.SubElement(mark, f"{{{NS}}}styleUrl").text = f"#{style}"
    extended = ET.SubElement(mark, f"{{{NS}}}ExtendedData")
    for key, value in record.items():
        data = ET.SubElement(extended, f"{{{NS}}}Data", name=key)
        ET.SubElement(data, f"{{{NS}}}value").text = _text(value)
    if geom is not None and not geom.is_empty:
        _geometry(mark, geom)


def _geometry(parent: ET.Element, geom: BaseGeometry) -> None:
    kind = geom.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        multi = ET.SubElement(parent, f"{{{NS}}}MultiGeometry")
        for part in geom.geoms:
            _geometry(multi, part)
    elif kind == "Point":
        ET.SubElement(ET.SubElement(parent, f"{{{NS}}}Point"), f"{{{NS}}}coordinates").text = _coords(geom.coords)
    elif kind == "LineString":
        line = ET.SubElement(parent, f"{{{NS}}}LineString")
        ET.SubElement(line, f"{{{NS}}}tessellate").text = "1"
        ET.SubElement(line, f"{{{NS}}}coordinates").text = _coords(geom.coords)
    elif kind == "Polygon":
        polygon = ET.SubElement(parent, f"{{{NS}}}Polygon")
        rings = [("outerBoundaryIs", geom.exterior)] + [("innerBoundaryIs", ring) for ring in geom.interiors]
        for tag, ring in rings:
            linear = ET.SubElement(ET.SubElement(polygon, f"{{{NS}}}{tag}"), f"{{{NS}}}LinearRing")
            ET.SubElement(linear, f"{{{NS}}}coordinates").text = _coords(ring.coords)


def _coords(coords) -> str:
    return " ".join(f"{_number(x)},{_number(y)}" for x, y, *_ in coords)


def _number(value: float) -> str:
    """At most 7 decimals (about 1 cm), without trailing zeros."""
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _text(value) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)
