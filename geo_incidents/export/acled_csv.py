"""CSV in ACLED's column order, so scripts written for ACLED exports read ours unchanged.

ACLED columns we do not code (disorder_type, assoc_actor_*, iso, region, admin3, …) are present
and empty; ``event_id_cnty`` holds our ``incident_id``; our own columns follow ACLED's, then an
optional ``wkt`` column with the full geometry (road-closure lines, frontlines).
"""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from gazetteer.normalize import DIRECTION_CONTROLS
from geo_incidents.export.atomic import atomic_output
from geo_incidents.export.layers import plain_values
from geo_incidents.frame import iso_numeric
from geo_incidents.model import INCIDENT_COLUMNS

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: Our columns after ACLED's: everything in INCIDENT_COLUMNS that ACLED does not have.
OWN_COLUMNS = tuple(c for c in INCIDENT_COLUMNS if c not in ACLED_COLUMNS and c != "incident_id")
CSV_COLUMNS = (*ACLED_COLUMNS, *OWN_COLUMNS)


def acled_table(frame: gpd.GeoDataFrame, wkt: bool = False) -> pd.DataFrame:
    """The incident frame as ACLED-ordered text-ready columns."""
    plain = plain_values(frame)
    table = pd.DataFrame(index=plain.index, columns=list(CSV_COLUMNS), dtype=object)
    for column in CSV_COLUMNS:
        if column in plain:
            table[column] = plain[column].astype(object)
    table["event_id_cnty"] = plain["incident_id"]
    table["year"] = [d[:4] if isinstance(d, str) else None for d in plain["event_date"]]
    table["interaction"] = [_interaction(a, b) for a, b in zip(plain["inter1"], plain["inter2"], strict=True)]
    if "iso3" in plain:
        table["iso"] = [iso_numeric(code) for code in plain["iso3"]]
    if wkt:
        table["wkt"] = _wkt(frame)
    return table


def write_csv(
    frame: gpd.GeoDataFrame, path: Path, wkt: bool = False, excel: bool = False, raw: bool = False
) -> Path:
    """Incidents in ACLED order; frontlines (other columns) as their own table with WKT always.

    ``excel``: a byte-order mark (without it Excel reads UTF-8 Arabic as Windows-1252 mojibake) and CRLF
    line ends; the default is plain UTF-8 with LF, what scripts and GIS tools expect.

    Cells are made spreadsheet-safe (:func:`spreadsheet_safe`) unless ``raw``, which keeps every value
    as stored for machines; raw files end lines with CRLF so that a carriage return inside a value is
    quoted too (Python's csv module quotes only the characters of its line terminator).
    """
    table = acled_table(frame, wkt) if "incident_id" in frame else _other_table(frame)
    if not raw:
        table = spreadsheet_safe(table)
    encoding, line_end = ("utf-8-sig", "\r\n") if excel else ("utf-8", "\n")
    if raw:
        line_end = "\r\n"
    with atomic_output(path) as tmp:
        table.to_csv(tmp, index=False, encoding=encoding, quoting=csv.QUOTE_MINIMAL, lineterminator=line_end)
    return Path(path)


#: OWASP CSV injection: a cell starting with one of these is a formula (or becomes one) in spreadsheets.
_FORMULA_START = r"^[=+\-@\t\r]"
_NO_DIRECTION_CONTROLS = str.maketrans(dict.fromkeys(DIRECTION_CONTROLS))


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells as a spreadsheet may show them, never run them (OWASP's rule for CSV injection).

    A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading ``'``; carriage
    returns become line feeds (which the writer quotes; a bare CR would be written unquoted and read as
    a new row); direction-control characters are removed. Numbers are left alone, so a negative
    longitude stays a number.
    """
    out = table.copy()
    for name in out.columns:
        values = out[name]
        if values.dtype != object:
            continue
        try:
            text = values.str.translate(_NO_DIRECTION_CONTROLS)  # NaN where the cell is not text
        except AttributeError:  # no text in the column at all
            continue
        is_text = text.notna()
        if not is_text.any():
            continue
        text = text[is_text]
        formula = text.str.contains(_FORMULA_START, regex=True)
        text = text.where(~formula, "'" + text)
        text = text.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)
        out.loc[is_text, name] = text
    return out


def _other_table(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    table = pd.DataFrame(plain_values(frame).drop(columns=frame.geometry.name))
    table["wkt"] = _wkt(frame)
    return table


def _wkt(frame: gpd.GeoDataFrame) -> list:
    return list(shapely.to_wkt(frame.geometry.to_numpy(), rounding_precision=7, trim=True))


def _interaction(inter1, inter2) -> str | None:
    """ACLED's two-digit interaction code: the smaller actor code first (e.g. 1 and 3 -> 13)."""
    if pd.isna(inter1):
        return None
    codes = sorted(int(c) for c in (inter1, inter2) if not pd.isna(c))
    return "".join(str(c) for c in codes) if len(codes) == 2 else f"{codes[0]}0"
