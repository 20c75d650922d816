"""Making correction rows: a move's target resolved through the gazetteer, the incident's values before.

The ``correct`` command and the CSV import both come through :func:`correction_rows`, so a
correction typed at the terminal and one edited in a spreadsheet are checked and completed alike.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
import shapely

from geo_incidents.corrections.actions import (
    CORRECTION_COLUMNS,
    CorrectionError,
    added_incident_id,
    before_values,
    check,
    parse_lat_lon,
    parse_pair,
)
from geo_incidents.frame import incidents_to_frame
from geo_incidents.model import Incident


def resolve_target(row: dict, gazetteer_factory) -> dict:
    """Fill a move's (or an add's) place columns from its value: ``LAT,LON`` or a gazetteer place id.

    Columns the row gives already (an edited CSV) are kept; ``gazetteer_factory()`` is called only
    when a place id must be looked up.
    """
    target = row.get("place_id") or ""
    if row["action"] == "move":
        target = row.get("value") or target
    if not target:
        return row
    coords = parse_lat_lon(target)
    if coords is not None:
        row["latitude"], row["longitude"] = coords
        row["place_id"] = ""
        if _blank(row.get("geo_precision")):
            row["geo_precision"] = 1
        return row
    if not _blank(row.get("latitude")) and not _blank(row.get("longitude")) and row.get("place_id") == target:
        return row
    place = gazetteer_factory().get(target)
    if place is None:
        raise CorrectionError(f"no place {target!r} in the gazetteer (see geo-incidents gazetteer lookup, "
                              "or give LAT,LON, or add it with geo-incidents gazetteer add)")
    if not place.mappable_as_point:
        raise CorrectionError(f"{target} ({place.name_ar}) is a {place.kind}, too large to place an incident at")
    from gazetteer.resolve import precision_of

    row["place_id"] = place.id
    row["latitude"], row["longitude"] = round(place.lat, 7), round(place.lon, 7)
    if _blank(row.get("location")):
        row["location"] = place.name_ar
    if _blank(row.get("geo_precision")):
        row["geo_precision"] = int(precision_of(place.kind))
    for column in ("admin1", "admin2"):
        if _blank(row.get(column)):
            row[column] = getattr(place, column)
    return row


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        not isinstance(value, str) and pd.isna(value))


def correction_rows(
    rows: Iterable[dict], incidents: gpd.GeoDataFrame, gazetteer_factory, *, require_incident: bool = True
) -> pd.DataFrame:
    """Checked, complete correction rows for the store.

    ``incidents`` holds the stored rows of the incidents corrected (rejected ones included): each
    correction records the values it changes (``before``), the article and evidence span it was read
    from (so that it can follow the report if the incident's id changes after a lexicon change). An
    ``add`` gets a new incident id; its incident rows are in the result's ``attrs['added']``.
    ``require_incident`` False accepts corrections of incidents not in the store (an imported file may
    hold corrections whose incident is gone; they are kept and reported).
    """
    by_id = {row["incident_id"]: row for row in incidents.to_dict("records")} if len(incidents) else {}
    out, added = [], []
    for raw in rows:
        row = {name: raw.get(name) for name in CORRECTION_COLUMNS}
        action = str(row["action"] or "").strip().lower()
        row["action"] = action
        if action != "add" and require_incident and str(row["incident_id"] or "") not in by_id:
            raise CorrectionError(f"no incident {row['incident_id']!r} in the store "
                                  "(ids are listed by geo-incidents review and in every export)")
        if action in ("move", "add"):
            row = resolve_target(row, gazetteer_factory)
        if action == "add" and _blank(row["incident_id"]):
            row = check({**row, "incident_id": "pending"})
            row["incident_id"] = added_incident_id(row["correction_id"])
        if action == "merge":
            merged = [part.strip() for part in str(row["value"] or "").split(";") if part.strip()]
            missing = [i for i in merged if i not in by_id] if require_incident else []
            if missing:
                raise CorrectionError(f"merge: no incident {', '.join(missing)} in the store")
            if row["incident_id"] in merged:
                raise CorrectionError("merge: an incident is not merged into itself")
            row["value"] = ";".join(merged)
            if _blank(row["article_id"]):
                row["article_id"] = ";".join(dict.fromkeys(
                    a for i in merged if i in by_id for a in str(by_id[i]["article_ids"] or "").split(";") if a))
        row = check(row)
        incident = by_id.get(row["incident_id"])
        if incident is not None and action != "merge":
            if _blank(row["before"]):
                row["before"] = before_values(incident)
            if _blank(row["article_id"]):
                row["article_id"] = str(incident["article_ids"] or "").split(";")[0]
            if _blank(row["span_start"]) and not _blank(incident.get("evidence_start")):
                row["span_start"], row["span_end"] = int(incident["evidence_start"]), int(incident["evidence_end"])
            if _blank(row["evidence"]):
                row["evidence"] = incident.get("evidence") or ""
        if action == "add":
            added.append(_added_incident(row))
        out.append(row)
    frame = pd.DataFrame(out, columns=CORRECTION_COLUMNS)
    frame.attrs["added"] = incidents_to_frame(added) if added else None
    return frame


def _added_incident(row: dict) -> Incident:
    """The incident an ``add`` correction brings, before the correction is applied to it."""
    kind, sub = parse_pair(row["value"])
    day = pd.to_datetime(row["event_date"], errors="coerce")
    day = None if pd.isna(day) else day.date()
    return Incident(
        incident_id=row["incident_id"],
        event_type=kind,
        sub_event_type=sub,
        event_date=day,
        time_precision=1,
        geometry=shapely.Point(float(row["longitude"]), float(row["latitude"])),
        evidence=row["evidence"] or "",
        evidence_start=-1 if _blank(row["span_start"]) else int(row["span_start"]),
        evidence_end=-1 if _blank(row["span_end"]) else int(row["span_end"]),
        article_ids=[a for a in str(row["article_id"] or "").split(";") if a],
        country="SY",
        confidence=1.0,
        notes="added by an analyst",
    )

