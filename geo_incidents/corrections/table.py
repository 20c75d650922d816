"""The corrections as an editable CSV that round-trips: export, edit in a spreadsheet, import.

Every column of the store's ``corrections`` table, in its order; text exactly as stored (Arabic,
commas, quotes and newlines in notes are quoted, never altered; text a spreadsheet would run as a
formula, ``=…``, ``+…``, ``-…``, ``@…``, gets a leading ``'`` that the import removes again),
numbers written so that they read back to the same value, times in UTC ISO 8601. Exporting,
importing and exporting again gives the same bytes. Imported rows replace stored ones with the same
``correction_id``; a row without one is a new correction. Every row is checked before anything is
written: one bad row imports nothing and the error names its line.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

from geo_incidents.corrections.actions import CORRECTION_COLUMNS, CorrectionError
from geo_incidents.export.atomic import atomic_output
from geo_incidents.store.schema import CORRECTION_SCHEMA

_KINDS = dict(CORRECTION_SCHEMA)
_ESCAPED_START = frozenset("=+-@\t\r'")


def _cell(value, kind: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "real":
        return repr(float(value))
    if kind == "integer":
        return str(int(value))
    if kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind == "datetime":
        stamp = pd.Timestamp(value)
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
        return stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    text = str(value)
    # Spreadsheet-safe (OWASP) and reversible: a leading quote is added to text that a spreadsheet would run
    # as a formula, and to text that starts with a quote, and the import takes exactly one away.
    return "'" + text if text[:1] in _ESCAPED_START else text


def corrections_csv(corrections: pd.DataFrame) -> str:
    """The corrections as CSV text (header first, one correction a row, oldest first)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CORRECTION_COLUMNS)
    for row in corrections.to_dict("records"):
        writer.writerow([_cell(row.get(name), _KINDS[name]) for name in CORRECTION_COLUMNS])
    return buffer.getvalue()


def write_corrections_csv(corrections: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write the CSV atomically (UTF-8, no byte-order mark)."""
    with atomic_output(path) as tmp:
        tmp.write_text(corrections_csv(corrections), encoding="utf-8", newline="")
    return Path(path)


def read_corrections_csv(path: str | os.PathLike) -> list[dict]:
    """Rows of a corrections CSV as typed dicts (blank cells None). Accepts a byte-order mark and CRLF
    (a file saved by Excel); a header without ``action`` or with unknown columns is refused."""
    with open(path, encoding="utf-8-sig", newline="") as handle:  # newlines inside notes stay as written
        text = handle.read()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CorrectionError(f"{path}: empty file, expected a header line") from None
    unknown = [name for name in header if name not in _KINDS]
    if unknown or "action" not in header or "incident_id" not in header:
        raise CorrectionError(f"{path}: line 1: the header needs incident_id and action"
                              + (f"; unknown columns {', '.join(unknown)}" if unknown else "")
                              + f" (columns: {', '.join(CORRECTION_COLUMNS)})")
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise CorrectionError(f"{path}: line {line}: {len(cells)} cells, the header has {len(header)}")
        row = {}
        for name, cell in zip(header, cells, strict=True):
            try:
                row[name] = _typed(cell, _KINDS[name])
            except ValueError:
                raise CorrectionError(f"{path}: line {line}: {name} {cell!r} is not a {_KINDS[name]}") from None
        row["_line"] = line
        rows.append(row)
    return rows


def _typed(cell: str, kind: str):
    if cell == "":
        return None
    if kind == "real":
        return float(cell)
    if kind == "integer":
        return int(cell)
    if kind == "date":
        return pd.Timestamp(cell).date()
    if kind == "datetime":
        return pd.Timestamp(cell).tz_convert("UTC") if pd.Timestamp(cell).tzinfo else pd.Timestamp(cell, tz="UTC")
    return cell[1:] if cell.startswith("'") else cell
