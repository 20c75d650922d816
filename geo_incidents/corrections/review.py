"""What an analyst should check first, and what the corrections say the team should fix.

:func:`review` scores every incident the analysts have not corrected yet by the doubts the data
itself shows (no threshold learnt from one case): low confidence, a coarse place (precision 2–3), a
place the evidence sentence does not name, a geometry we built ourselves, a site far from the other
places of the same article; it also lists place names no gazetteer entry matched (from the runs)
and corrections whose incident is gone. :func:`learn` counts corrections by the lexicon trigger in
their evidence and by the gazetteer place the machine had chosen.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from gazetteer.resolve import great_circle_km
from geo_incidents.corrections.actions import describe, parse_pair
from geo_incidents.extraction.unresolved import spellings_merged
from geo_incidents.frame import json_records

LOW_CONFIDENCE = 0.6
#: A site this far from the median of its article's other places is an outlier (km).
OUTLIER_KM = 60.0
_SHOWN = ("incident_id", "event_date", "event_type", "sub_event_type", "location", "place_id", "geo_precision",
          "confidence", "actor1", "actor2", "article_ids", "evidence")


def review(store, limit: int = 30) -> dict:
    """The ``limit`` most doubtful uncorrected incidents (with reasons), unresolved names, orphaned corrections."""
    import geopandas as gpd

    frames = [store.read(name) for name in ("incidents", "road_closures")]
    frame = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=frames[0].crs)
    frame = frame[~frame["corrected"].astype(bool)].reset_index(drop=True)
    scored = doubts(frame)
    order = sorted(range(len(frame)), key=lambda i: (-scored[i][0], str(frame["incident_id"].iloc[i])))
    picked = [i for i in order if scored[i][0] > 0][:limit]
    records = json_records(frame.iloc[picked][list(_SHOWN)]) if picked else []
    for record, i in zip(records, picked, strict=True):
        record["score"] = round(scored[i][0], 3)
        record["reasons"] = scored[i][1]
    orphans = store.orphaned_corrections()
    return {
        "incidents": records,
        "incidents_with_doubts": sum(1 for score, _ in scored if score > 0),
        "incidents_checked": len(frame),
        "unresolved_names": unresolved_names(store),
        "orphaned_corrections": [
            {"correction_id": row["correction_id"], "incident_id": row["incident_id"], "action": row["action"],
             "author": row["author"], "article_id": row["article_id"], "evidence": row["evidence"],
             "what": describe(row)}
            for row in orphans.to_dict("records")
        ],
    }


def doubts(frame) -> list[tuple[float, list[str]]]:
    """(score, reasons) for each row: the more and the stronger the doubts, the higher the score."""
    from gazetteer.normalize import normalize

    outliers = _outlier_km(frame)
    out = []
    for i, row in enumerate(frame.to_dict("records")):
        score, reasons = 0.0, []
        confidence = row["confidence"]
        if confidence is not None and not pd.isna(confidence) and confidence < LOW_CONFIDENCE:
            score += 1.0 + (LOW_CONFIDENCE - confidence) * 2
            reasons.append(f"low confidence ({confidence:.2f})")
        geom = row["geometry"]
        if geom is None or geom.is_empty:
            score += 1.2
            reasons.append("no mappable place")
        else:
            precision = row["geo_precision"]
            if not pd.isna(precision) and int(precision) >= 2:
                score += 0.6 if int(precision) == 2 else 1.0
                reasons.append(f"precision {int(precision)} ({'near a place' if int(precision) == 2 else 'region'})")
            if row["approximate_geometry"]:
                score += 0.4
                reasons.append("place geometry built by us (an offset or a stretch of road)")
        name = row["place_name_ar"] or row["location"]
        if name and row["evidence"] and not _named_in(name, normalize(row["evidence"]), normalize):
            score += 0.8
            reasons.append(f"the evidence does not name {name}")
        if outliers[i] is not None:
            score += 1.0
            reasons.append(f"{outliers[i]:.0f} km from the article's other places")
        out.append((score, reasons))
    return out


#: Cue words that type a place but are not its name (a text says "دواري شيحان والليرمون").
_CUES = frozenset({"حي", "احياء", "دوار", "دواري", "طريق", "مستشفى", "معبر", "مدينه", "بلده", "قريه", "ريف", "منطقه"})


def _named_in(name: str, evidence: str, normalize) -> bool:
    """Every word of the place's name (without cue words and the article) appears in the evidence."""
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalize(name).split()]
    words = [w for w in words if w not in _CUES and len(w) >= 2]
    return all(w in evidence for w in words) if words else True


def _outlier_km(frame) -> list[float | None]:
    """For each row: its distance to the median point of the other located incidents of its first
    article, when the article has at least two others and the distance exceeds :data:`OUTLIER_KM`."""
    result: list[float | None] = [None] * len(frame)
    groups: dict[str, list[int]] = defaultdict(list)
    points = []
    for i, (ids, geom) in enumerate(zip(frame["article_ids"], frame.geometry, strict=True)):
        if geom is None or geom.is_empty:
            points.append(None)
            continue
        point = geom.representative_point() if geom.geom_type != "Point" else geom
        points.append((math.radians(point.y), math.radians(point.x)))
        groups[str(ids or "").split(";")[0]].append(i)
    for members in groups.values():
        if len(members) < 3:
            continue
        for i in members:
            others = np.array([points[j] for j in members if j != i])
            lat, lon = np.median(others[:, 0]), np.median(others[:, 1])
            km = great_circle_km(*points[i], float(lat), float(lon))
            if km > OUTLIER_KM:
                result[i] = km
    return result


def unresolved_names(store, top: int = 30) -> list[dict]:
    """Place names the runs could not resolve (most frequent first), from the runs' counts."""
    runs = store.read("runs")
    counts: Counter = Counter()
    for text in runs["counts"]:
        try:
            counts.update(json.loads(text or "{}").get("unresolved") or {})
        except (ValueError, AttributeError):
            continue
    return [{"name": name, "mentions": n} for name, n in spellings_merged(counts).most_common(top)]


def learn(store) -> dict:
    """What the corrections say: the triggers and place decisions analysts corrected most, by action."""
    from geo_incidents.corrections.lexicon_lookup import trigger_phrases

    corrections = store.corrections()
    triggers: dict[str, Counter] = defaultdict(Counter)
    trigger_types: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, Counter] = defaultdict(Counter)
    place_names: dict[str, str] = {}
    actors: Counter = Counter()
    for row in corrections.to_dict("records"):
        before = json.loads(row["before"] or "{}")
        action = row["action"]
        if action in ("retype", "reject", "set-casualties"):
            for phrase in trigger_phrases(row["evidence"] or ""):
                triggers[phrase][action] += 1
                if action == "retype":
                    after = parse_pair(row["value"])[1] or parse_pair(row["value"])[0]
                    trigger_types[phrase][f"{before.get('sub_event_type', '?')} → {after}"] += 1
                elif action == "reject":
                    trigger_types[phrase][f"{before.get('sub_event_type', '?')} → not an incident"] += 1
        if action == "move" and before.get("place_id", before.get("location")):
            key = before.get("place_id") or before.get("location")
            places[key][row["place_id"] or row["location"] or row["value"]] += 1
            place_names[key] = before.get("location", "")
        if action == "set-actors":
            for side in ("actor1", "actor2"):
                if before.get(side):
                    actors[before[side]] += 1
    return {
        "corrections": len(corrections),
        "by_action": dict(Counter(corrections["action"]).most_common()) if len(corrections) else {},
        "triggers": sorted(
            ({"trigger": phrase, "corrections": sum(c.values()), "actions": dict(c),
              "changes": dict(trigger_types[phrase].most_common(5))} for phrase, c in triggers.items()),
            key=lambda item: (-item["corrections"], item["trigger"]),
        ),
        "places": sorted(
            ({"place_id": key, "location": place_names.get(key, ""), "corrections": sum(c.values()),
              "moved_to": dict(c.most_common(5))} for key, c in places.items()),
            key=lambda item: (-item["corrections"], item["place_id"]),
        ),
        "actors": [{"actor": name, "corrections": n} for name, n in actors.most_common()],
    }


def format_review(report: dict) -> str:
    lines = [f"{report['incidents_with_doubts']} of {report['incidents_checked']} uncorrected incidents have "
             f"doubts; the {len(report['incidents'])} to check first:"]
    for record in report["incidents"]:
        kind = record["sub_event_type"] or record["event_type"]
        lines.append(f"{record['incident_id']}  {record['event_date'] or '?'}  {kind}"
                     f"  {record['location'] or '(no place)'}  precision {record['geo_precision']}"
                     f"  confidence {record['confidence'] if record['confidence'] is not None else '?'}")
        lines.append(f"    why: {'; '.join(record['reasons'])}")
        evidence = " ".join(str(record["evidence"] or "").split())
        lines.append(f"    evidence: {evidence[:300]}{'…' if len(evidence) > 300 else ''}")
    if report["unresolved_names"]:
        names = ", ".join(f"{item['name']} ({item['mentions']})" for item in report["unresolved_names"])
        lines.append(f"place names not in the gazetteer: {names}  (add one: geo-incidents gazetteer add)")
    if report["orphaned_corrections"]:
        lines.append(f"corrections whose incident is gone ({len(report['orphaned_corrections'])}): "
                     "re-record them on the incident that replaced it, or leave them for history")
        for item in report["orphaned_corrections"]:
            lines.append(f"    {item['incident_id']} ({item['correction_id']}): {item['what']}")
    lines.append("correct one: geo-incidents correct STORE ID --move PLACE|LAT,LON --note '…' "
                 "(or --retype, --set-actors, --set-casualties, --reject, --merge)")
    return "\n".join(lines) + "\n"


def format_learning(report: dict) -> str:
    lines = [f"{report['corrections']} corrections: "
             + (", ".join(f"{action} {n}" for action, n in report["by_action"].items()) or "none")]
    if report["triggers"]:
        lines.append("lexicon triggers whose incidents analysts retyped or rejected most "
                     "(geo_incidents/lexicons/triggers.toml):")
        for item in report["triggers"][:15]:
            changes = "; ".join(f"{what} ×{n}" for what, n in item["changes"].items())
            lines.append(f"    {item['trigger']}: {item['corrections']} ({changes})")
    if report["places"]:
        lines.append("gazetteer choices analysts moved most (the place chosen → where they moved it):")
        for item in report["places"][:15]:
            moved = ", ".join(f"{where} ×{n}" for where, n in item["moved_to"].items())
            lines.append(f"    {item['place_id']} {item['location']}: {item['corrections']} → {moved}")
    if report["actors"]:
        lines.append("actors analysts replaced most (geo_incidents/lexicons/actors.toml):")
        for item in report["actors"][:15]:
            lines.append(f"    {item['actor']}: {item['corrections']}")
    return "\n".join(lines) + "\n"
