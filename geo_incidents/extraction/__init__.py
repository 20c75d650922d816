"""Incident extraction: events, places, dates, actors and casualties from Arabic reports."""

import gc

from geo_incidents.extraction.extractor import Extractor, incident_id
from geo_incidents.extraction.merge import merge_incidents, merge_key

__all__ = ["Extractor", "freeze_loaded", "incident_id", "merge_incidents", "merge_key"]


def freeze_loaded() -> None:
    """Take every object loaded so far (the gazetteer's tables, the lexicons, the modules) out of the
    cyclic garbage collector's passes for good: they live as long as the process, and each full
    collection would traverse them all (about 130,000 objects once the bundled gazetteer and the
    lexicons are loaded; the first thousands of reports of a run meet one or two full collections, 4-6 %
    of their time). Process-wide, so the commands call it once their extractor is loaded (``extract``,
    ``run``, a cluster's workers), not the library; objects made later are collected as before."""
    gc.freeze()
