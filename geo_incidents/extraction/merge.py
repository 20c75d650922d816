"""One incident per (type, sub-type, day, place) across articles, every source kept.

Counts are combined as ranges: the low is the highest of the lows (each report saw at least that
many), the high the highest of the highs; the best estimate is the highest best estimate, kept in
[low, high].  Evidence and id come from the most confident report; ids stay stable because they
are computed from the first article id in sorted order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from geo_incidents.extraction.extractor import incident_id
from geo_incidents.model import Incident


def merge_key(incident: Incident) -> tuple:
    return (incident.event_type, incident.sub_event_type, incident.event_date,
            incident.place_id or incident.location)


def merge_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    groups: dict[tuple, list[Incident]] = {}
    for incident in incidents:
        groups.setdefault(merge_key(incident), []).append(incident)
    return [_merge(group) if len(group) > 1 else group[0] for group in groups.values()]


def _merge(group: list[Incident]) -> Incident:
    lead = max(group, key=lambda i: i.confidence)
    article_ids = _unique(a for i in group for a in i.article_ids)
    merged = replace(
        lead,
        article_ids=article_ids,
        source_urls=_unique(u for i in group for u in i.source_urls),
        source=";".join(_unique(s for i in group for part in i.source.split(";") if (s := part.strip()))),
        confidence=max(i.confidence for i in group),
        fatalities_low=max(i.fatalities_low for i in group),
        fatalities_high=max(i.fatalities_high for i in group),
        injured_low=max(i.injured_low for i in group),
        injured_high=max(i.injured_high for i in group),
        civilian_casualties=any(i.civilian_casualties for i in group),
        casualty_destination=next((i.casualty_destination for i in group if i.casualty_destination), ""),
        actor1=lead.actor1 or next((i.actor1 for i in group if i.actor1), ""),
        time_precision=min(i.time_precision for i in group),
    )
    merged.fatalities = min(max(max(i.fatalities for i in group), merged.fatalities_low), merged.fatalities_high)
    merged.incident_id = incident_id(lead.event_type, lead.sub_event_type, lead.event_date,
                                     lead.place_id or lead.location, min(article_ids))
    return merged


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
