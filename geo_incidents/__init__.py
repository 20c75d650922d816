"""geo-incidents: Arabic news reports to mapped incidents.

The Python API, in geopandas' style (see :mod:`geo_incidents.api`):

* ``read_reports(paths)`` -> an iterator of :class:`Article`;
* ``extract(reports, gazetteer=None)`` -> a GeoDataFrame of incidents;
* ``read_store(path, layer="incidents", **filters)`` -> a GeoDataFrame from a store.
"""

from geo_incidents.model import INCIDENT_COLUMNS, Article, EventType, Incident

__all__ = ["Article", "EventType", "INCIDENT_COLUMNS", "Incident", "extract", "read_reports", "read_store"]
__version__ = "0.1.0"

_API = ("extract", "read_reports", "read_store")


def __getattr__(name: str):
    """The API functions, imported on first use so that ``import geo_incidents`` (and the CLI) stay quick."""
    if name in _API:
        from geo_incidents import api

        return getattr(api, name)
    raise AttributeError(f"module 'geo_incidents' has no attribute {name!r}")
