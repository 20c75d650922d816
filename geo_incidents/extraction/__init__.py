"""Incident extraction: events, places, dates, actors and casualties from Arabic reports."""

from geo_incidents.extraction.extractor import Extractor, incident_id
from geo_incidents.extraction.merge import merge_incidents, merge_key

__all__ = ["Extractor", "incident_id", "merge_incidents", "merge_key"]
