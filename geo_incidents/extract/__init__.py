"""Incident extraction: events, places, dates, actors and casualties from Arabic reports."""

import sys
import types

from geo_incidents.extract.extractor import Extractor, incident_id
from geo_incidents.extract.merge import merge_incidents, merge_key

__all__ = ["Extractor", "incident_id", "merge_incidents", "merge_key"]


class _CallablePackage(types.ModuleType):
    """``geo_incidents.extract(reports, gazetteer=None)`` is the API function :func:`geo_incidents.api.extract`
    while ``geo_incidents.extract`` stays this package (``from geo_incidents.extract import Extractor``)."""

    def __call__(self, reports, gazetteer=None):
        from geo_incidents.api import extract

        return extract(reports, gazetteer)


sys.modules[__name__].__class__ = _CallablePackage
