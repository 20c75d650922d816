"""geo-incidents: Arabic news reports to mapped incidents."""

from geo_incidents.model import INCIDENT_COLUMNS, Article, EventType, Incident

__all__ = ["Article", "EventType", "INCIDENT_COLUMNS", "Incident"]
__version__ = "0.1.0"
