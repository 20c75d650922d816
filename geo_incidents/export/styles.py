"""QGIS styles for the exported layers: incidents by event type, road closures by status, frontlines.

A GeoPackage carries them in the ``layer_styles`` table that QGIS reads (and writes with "Save style
… in datasource database"), each the default style of its layer; other formats get a ``.qml`` file
beside the data (``incidents.geojson`` → ``incidents.qml``), which QGIS loads with the layer. The
colours of road closures are the maps' (``maps.style.CLOSURE_STYLES``), so a closure looks the same in
QGIS and in the Leaflet pages.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import quoteattr

from geo_incidents.export.atomic import atomic_output
from geo_incidents.model import EventType

#: Event type -> (fill colour, QGIS marker shape).
EVENT_SYMBOLS: dict[str, tuple[str, str]] = {
    EventType.BATTLES: ("#d7191c", "star"),
    EventType.EXPLOSIONS: ("#f28e00", "triangle"),
    EventType.VIOLENCE_AGAINST_CIVILIANS: ("#7b3294", "diamond"),
    EventType.PROTESTS: ("#2b83ba", "circle"),
    EventType.RIOTS: ("#e66101", "pentagon"),
    EventType.STRATEGIC: ("#4d4d4d", "square"),
    EventType.ROAD_CLOSURE: ("#b2182b", "cross_fill"),
    EventType.DISPLACEMENT: ("#1a9641", "arrow"),
}
OTHER_SYMBOL = ("#969696", "circle")
FRONTLINE_COLOUR = "#1b1b1b"

_QML_HEAD = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"


def layer_qml(name: str) -> str:
    """The QGIS style (QML) of an exported layer: ``incidents``, ``road_closures`` or ``frontlines``."""
    if name == "road_closures":
        body = _categorized("status", "line", [
            (status, status, _line_symbol(style["color"], style["weight"] * 0.25, dashed="dashArray" in style))
            for status, style in _closure_styles().items()
        ] + [("", "other", _line_symbol("#969696", 1.0))])
    elif name == "frontlines":
        body = _single(_line_symbol(FRONTLINE_COLOUR, 0.9, dashed=True))
    else:
        body = _categorized("event_type", "marker", [
            (event_type, event_type, _marker_symbol(colour, shape))
            for event_type, (colour, shape) in EVENT_SYMBOLS.items()
        ] + [("", "other", _marker_symbol(*OTHER_SYMBOL))])
    return f'{_QML_HEAD}<qgis version="3.28.0" styleCategories="Symbology">\n{body}</qgis>\n'


def write_qml(data_path: Path, name: str) -> Path:
    """``data_path`` with suffix ``.qml``, holding the style of layer ``name``; QGIS loads it with the data."""
    path = Path(data_path).with_suffix(".qml")
    with atomic_output(path) as tmp:
        tmp.write_text(layer_qml(name), encoding="utf-8")
    return path


def add_layer_styles(gpkg: Path, layers: list[str]) -> None:
    """Write each layer's style into ``layer_styles`` as its default, the table QGIS reads and writes."""
    with sqlite3.connect(gpkg) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog "
            "TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), "
            "styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, "
            "owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT CURRENT_TIMESTAMP)"
        )
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
            "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', "
            "strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
        )
        conn.executemany(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
            "styleQML, styleSLD, useAsDefault, description, owner, ui) VALUES ('', '', ?, 'geometry', ?, ?, '', 1, "
            "?, '', '')",
            [(name, name, layer_qml(name), f"geo-incidents style of {name}") for name in layers],
        )


def _closure_styles() -> dict[str, dict]:
    from maps.style import CLOSURE_STYLES

    return CLOSURE_STYLES


def _rgba(colour: str) -> str:
    colour = colour.lstrip("#")
    return ",".join(str(int(colour[i : i + 2], 16)) for i in (0, 2, 4)) + ",255"


def _options(**values: object) -> str:
    items = "".join(f'<Option name="{k}" type="QString" value={quoteattr(str(v))}/>' for k, v in values.items())
    return f'<Option type="Map">{items}</Option>'


def _marker_symbol(colour: str, shape: str) -> tuple[str, str]:
    layer = _options(color=_rgba(colour), name=shape, outline_color="35,35,35,255", outline_style="solid",
                     outline_width="0.3", size="3.2", size_unit="MM")
    return "marker", f'<layer class="SimpleMarker" enabled="1" locked="0" pass="0">{layer}</layer>'


def _line_symbol(colour: str, width: float, dashed: bool = False) -> tuple[str, str]:
    layer = _options(line_color=_rgba(colour), line_width=f"{width:g}", line_width_unit="MM",
                     line_style="dash" if dashed else "solid", capstyle="round", joinstyle="round")
    return "line", f'<layer class="SimpleLine" enabled="1" locked="0" pass="0">{layer}</layer>'


def _symbol(index: int, symbol: tuple[str, str]) -> str:
    kind, layer = symbol
    return (f'<symbol type="{kind}" name="{index}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f"{layer}</symbol>\n")


def _categorized(attribute: str, kind: str, categories: list[tuple[str, str, tuple[str, str]]]) -> str:
    cats = "".join(
        f'<category render="true" symbol="{i}" value={quoteattr(value)} label={quoteattr(label)}/>\n'
        for i, (value, label, _) in enumerate(categories)
    )
    symbols = "".join(_symbol(i, symbol) for i, (_, _, symbol) in enumerate(categories))
    return (f'<renderer-v2 type="categorizedSymbol" attr={quoteattr(attribute)} symbollevels="0" '
            f'enableorderby="0" forceraster="0">\n<categories>\n{cats}</categories>\n<symbols>\n{symbols}'
            "</symbols>\n</renderer-v2>\n")


def _single(symbol: tuple[str, str]) -> str:
    return (f'<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">\n'
            f"<symbols>\n{_symbol(0, symbol)}</symbols>\n</renderer-v2>\n")
