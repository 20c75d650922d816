"""Analysts' corrections: what each action means, and applying them to incident rows.

A correction is one row of the store's ``corrections`` table (schema in
:data:`geo_incidents.store.schema.CORRECTION_SCHEMA`), keyed by the stable ``incident_id`` it
corrects. The store applies every correction of an incident, oldest first, whenever it writes that
incident (a run, ``run --reextract``, a merge, the ``correct`` command), so the analyst's values
replace the machine's at every re-run. The target of a move is resolved once, when the correction is
made (place id, name, coordinates, precision), so applying needs no gazetteer.

Actions and their ``value``:

==================  ==================================================================
``move``            ``PLACE_ID`` or ``LAT,LON``; the place's columns hold the resolved target
``retype``          ``event type; sub-event type``
``set-actors``      ``actor1; actor2`` (either may be empty)
``set-casualties``  ``fatalities=N; injured=N`` (each optional, ``N`` or ``LOW-HIGH``)
``reject``          empty: the incident stays in the store, maps and exports leave it out
``merge``           ``ID;ID…``: those incidents are one with ``incident_id`` (they are hidden)
``add``             ``event type; sub-event type``: an incident the machine missed
==================  ==================================================================
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo_incidents.corrections.lexicon_lookup import actor_entry
from geo_incidents.store.schema import CORRECTION_SCHEMA, REJECTED

ACTIONS = ("move", "retype", "set-actors", "set-casualties", "reject", "merge", "add")
CORRECTION_COLUMNS = [name for name, _ in CORRECTION_SCHEMA]
#: The incident's values a correction records as they were, for ``review --learn`` and re-attaching.
BEFORE_FIELDS = ("event_type", "sub_event_type", "place_id", "location", "geo_precision", "actor1", "actor2",
                 "fatalities", "injured_high", "confidence", "event_date")
_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
_COUNT = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")


class CorrectionError(ValueError):
    """A correction that cannot be recorded or read (unknown action, bad value); the message says which."""


@dataclass(frozen=True, slots=True)
class Counts:
    """``set-casualties`` parsed: each side ``None`` when not given."""

    fatalities: tuple[int, int] | None
    injured: tuple[int, int] | None


def parse_lat_lon(text: str) -> tuple[float, float] | None:
    """``"36.2,37.1"`` -> (lat, lon); None when ``text`` is not a coordinate pair."""
    match = _LAT_LON.match(text or "")
    if not match:
        return None
    lat, lon = float(match[1]), float(match[2])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CorrectionError(f"{text!r}: latitude within ±90 and longitude within ±180, as LAT,LON")
    return lat, lon


def parse_pair(value: str) -> tuple[str, str]:
    """``"a; b"`` -> ("a", "b"); a missing second part is empty."""
    first, _, second = (value or "").partition(";")
    return first.strip(), second.strip()


def parse_counts(value: str) -> Counts:
    fatalities = injured = None
    for part in (value or "").split(";"):
        if not part.strip():
            continue
        key, sep, number = part.partition("=")
        key = key.strip().lower()
        match = _COUNT.match(number)
        if not sep or not match or key not in ("fatalities", "killed", "injured", "wounded"):
            raise CorrectionError(f"set-casualties wants fatalities=N and/or injured=N (N or LOW-HIGH), not {part!r}")
        low = int(match[1])
        high = int(match[2]) if match[2] else low
        if high < low:
            raise CorrectionError(f"{part!r}: the range runs from low to high")
        if key in ("fatalities", "killed"):
            fatalities = (low, high)
        else:
            injured = (low, high)
    if fatalities is None and injured is None:
        raise CorrectionError("set-casualties wants fatalities=N and/or injured=N")
    return Counts(fatalities, injured)


def check(row: dict) -> dict:
    """A correction row made complete and checked: known action, the value its action needs, an id, a time.

    Raises :class:`CorrectionError` saying what is wrong.
    """
    row = {name: row.get(name) for name in CORRECTION_COLUMNS}
    action = str(row["action"] or "").strip().lower()
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {row['action']!r}; actions are {', '.join(ACTIONS)}")
    row["action"] = action
    value = str(row["value"] or "").strip()
    row["value"] = value
    if not str(row["incident_id"] or "").strip():
        raise CorrectionError("a correction needs the incident_id it corrects")
    if not str(row["author"] or "").strip():
        raise CorrectionError("a correction needs an author")
    if action in ("move", "add") and (_missing(row["latitude"]) or _missing(row["longitude"])):
        raise CorrectionError(f"{action} needs the place's latitude and longitude (or a place id to resolve)")
    if action in ("retype", "add") and not parse_pair(value)[0]:
        raise CorrectionError(f"{action} needs the event type: 'event type; sub-event type'")
    if action == "set-casualties":
        parse_counts(value)
    if action == "set-actors" and not any(parse_pair(value)):
        raise CorrectionError("set-actors needs 'actor1; actor2'")
    if action == "merge" and not [i for i in value.split(";") if i.strip()]:
        raise CorrectionError("merge needs the ids merged into this incident, ';'-separated")
    if action == "add" and _missing(row["event_date"]):
        raise CorrectionError("add needs the event date")
    if not str(row["correction_id"] or "").strip():
        row["correction_id"] = uuid.uuid4().hex[:16]
    if _missing(row["created"]):
        now = datetime.now(UTC)  # milliseconds, what both back ends and the CSV keep
        row["created"] = now.replace(microsecond=now.microsecond // 1000 * 1000)
    return row


def _missing(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        not isinstance(value, str) and pd.isna(value))


def before_values(incident: dict) -> str:
    """The incident's values as the machine (or an earlier correction) had them, as JSON text."""
    values = {}
    for name in BEFORE_FIELDS:
        value = incident.get(name)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        values[name] = value.isoformat() if isinstance(value, date) else value
        if isinstance(values[name], np.generic):
            values[name] = values[name].item()
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def added_incident_id(correction_id: str) -> str:
    """The id of an incident an analyst added: stable, and never one the extractor gives (those are hex)."""
    return "added-" + hashlib.sha1(correction_id.encode("utf-8")).hexdigest()[:12]


def ordered(corrections: pd.DataFrame) -> pd.DataFrame:
    """Corrections oldest first (ties by id), the order they apply in."""
    if corrections.empty:
        return corrections
    stamps = pd.to_datetime(corrections["created"], errors="coerce", utc=True)
    return corrections.assign(_t=stamps).sort_values(["_t", "correction_id"], kind="stable").drop(columns="_t")


def describe(row) -> str:
    """One correction as a reader sees it: ``corrected by NAME on DATE: moved to X — note``."""
    action, value = row["action"], row["value"] or ""
    if action == "move":
        what = f"moved to {row['location'] or value}"
        if not _missing(row["geo_precision"]):
            what += f" (precision {int(row['geo_precision'])})"
    elif action == "retype":
        kind, sub = parse_pair(value)
        what = f"retyped as {kind}" + (f" / {sub}" if sub else "")
    elif action == "set-actors":
        one, two = parse_pair(value)
        what = f"actors set to {one or '—'} and {two or '—'}"
    elif action == "set-casualties":
        what = f"casualties set ({value})"
    elif action == "reject":
        what = "rejected: not an incident"
    elif action == "merge":
        what = f"merged with {value}"
    else:
        what = "added (missed by the extraction)"
    stamp = pd.to_datetime(row["created"], errors="coerce", utc=True)
    when = f" on {stamp:%Y-%m-%d}" if not pd.isna(stamp) else ""
    note = str(row["note"] or "").strip()
    return f"corrected by {row['author']}{when}: {what}" + (f" — {note}" if note else "")


def apply_corrections(frame: gpd.GeoDataFrame, corrections: pd.DataFrame) -> gpd.GeoDataFrame:
    """``frame`` (incident rows) with every correction of its incidents applied, oldest first.

    Corrected rows get ``corrected`` True and a ``correction_note`` (one line per correction);
    rejected rows and incidents merged into another get ``rejected`` True. Applying twice gives the
    same rows, so rows read back from the store (already corrected) may pass through again.
    """
    if frame is None or len(frame) == 0 or corrections is None or corrections.empty:
        return frame
    corrections = ordered(corrections)
    by_incident: dict[str, list] = {}
    merged_into: dict[str, list] = {}
    for row in corrections.to_dict("records"):
        by_incident.setdefault(row["incident_id"], []).append(row)
        if row["action"] == "merge":
            for other in (i.strip() for i in (row["value"] or "").split(";")):
                if other:
                    merged_into.setdefault(other, []).append(row)
    ids = frame["incident_id"].astype(str)
    hit = ids.isin(set(by_incident) | set(merged_into)).to_numpy()
    if not hit.any():
        return frame
    frame = frame.copy()
    for column, default in (("corrected", False), ("correction_note", ""), (REJECTED, False)):
        if column not in frame:
            frame[column] = default
    frame["corrected"] = frame["corrected"].astype(object)
    frame[REJECTED] = frame[REJECTED].astype(object)
    geoms = frame.geometry.to_numpy().copy()
    for position in np.flatnonzero(hit):
        index = frame.index[position]
        incident_id = ids.iloc[position]
        notes = []
        for row in by_incident.get(incident_id, []):
            geom = _apply_one(frame, index, row)
            if geom is not None:
                geoms[position] = geom
            notes.append(describe(row))
        for row in merged_into.get(incident_id, []):
            frame.at[index, REJECTED] = True
            notes.append(describe(row).replace(f"merged with {row['value']}", f"merged into {row['incident_id']}"))
        frame.at[index, "corrected"] = True
        frame.at[index, "correction_note"] = "\n".join(notes)
    frame["corrected"] = frame["corrected"].fillna(False).astype(bool)
    frame[REJECTED] = frame[REJECTED].fillna(False).astype(bool)
    return frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))


def _apply_one(frame: pd.DataFrame, index, row: dict):
    """Apply one correction to the row at ``index``; returns the new geometry, if it changes."""
    action, value = row["action"], row["value"] or ""
    if action in ("move", "add") and not _missing(row["latitude"]) and not _missing(row["longitude"]):
        lat, lon = float(row["latitude"]), float(row["longitude"])
        place_id = row["place_id"] or ""
        name = row["location"] or place_id or f"{lat:.5f},{lon:.5f}"
        for column, new in (("place_id", place_id), ("location", name), ("place_name_ar", name),
                            ("latitude", lat), ("longitude", lon), ("approximate_geometry", False),
                            ("geo_precision", 1 if _missing(row["geo_precision"]) else int(row["geo_precision"]))):
            frame.at[index, column] = new
        for column in ("admin1", "admin2"):
            if row[column]:
                frame.at[index, column] = row[column]
        return shapely.Point(lon, lat)
    if action in ("retype", "add"):
        kind, sub = parse_pair(value)
        frame.at[index, "event_type"] = kind
        frame.at[index, "sub_event_type"] = sub
    elif action == "set-actors":
        for side, typed in zip(("1", "2"), parse_pair(value), strict=True):
            name, arabic, inter = actor_entry(typed)
            if frame.at[index, f"actor{side}"] != name:
                frame.at[index, f"actor{side}"] = name
                frame.at[index, f"actor{side}_ar"] = arabic
                frame.at[index, f"inter{side}"] = inter
    elif action == "set-casualties":
        counts = parse_counts(value)
        if counts.fatalities is not None:
            low, high = counts.fatalities
            frame.at[index, "fatalities"] = low
            frame.at[index, "fatalities_low"] = low
            frame.at[index, "fatalities_high"] = high
        if counts.injured is not None:
            frame.at[index, "injured_low"], frame.at[index, "injured_high"] = counts.injured
    elif action == "reject":
        frame.at[index, REJECTED] = True
    elif action == "merge":
        others = [a for a in str(row["article_id"] or "").split(";") if a]
        mine = [a for a in str(frame.at[index, "article_ids"] or "").split(";") if a]
        frame.at[index, "article_ids"] = ";".join(dict.fromkeys([*mine, *others]))
    return None


def reattach(corrections: pd.DataFrame, gone: Iterable[str], frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """Corrections of incidents that ``gone`` (ids retired by this write) moved to the incident that now
    carries the same report: an incident of ``frame`` from the correction's article, read from the same
    evidence sentence at the same place in the text, with the same place or the same type as before.

    Returns the corrections whose ``incident_id`` changed (to be stored again); one candidate only,
    never a guess between several.
    """
    gone = set(gone)
    if corrections.empty or not gone or frame is None or len(frame) == 0:
        return corrections.iloc[0:0]
    moved = []
    present = set(frame["incident_id"].astype(str))
    for row in corrections.to_dict("records"):
        if row["incident_id"] not in gone or row["incident_id"] in present or row["action"] in ("add", "merge"):
            continue
        if not row["article_id"] or _missing(row["span_start"]):
            continue
        before = json.loads(row["before"] or "{}")
        start, end = int(row["span_start"]), int(row["span_end"])
        evidence = " ".join(str(row["evidence"] or "").split())
        same_report = [
            r for r in frame[["incident_id", "article_ids", "evidence_start", "evidence_end", "evidence", "place_id",
                              "event_type"]].to_dict("records")
            if row["article_id"] in str(r["article_ids"] or "").split(";")
            and not _missing(r["evidence_start"]) and int(r["evidence_start"]) < end and start < int(r["evidence_end"])
            and (not evidence or " ".join(str(r["evidence"] or "").split()) == evidence)
        ]
        for key in ("place_id", "event_type"):
            matches = [r for r in same_report if before.get(key) and r[key] == before.get(key)]
            if len(matches) == 1:
                row["incident_id"] = matches[0]["incident_id"]
                moved.append(row)
                break
    return pd.DataFrame(moved, columns=CORRECTION_COLUMNS)
