"""The incident store: a GeoPackage file by default, PostGIS for teams; same layers, same behaviour."""

from __future__ import annotations

import os

from geo_incidents.store.base import IncidentStore
from geo_incidents.store.batch import StoreLockedError
from geo_incidents.store.schema import LAYERS

__all__ = ["LAYERS", "IncidentStore", "StoreLockedError", "open_store"]


def open_store(location: str | os.PathLike, *, lock_timeout: float = 30.0, create: bool = True) -> IncidentStore:
    """Open the store at a ``.gpkg`` path or a ``postgresql://`` URL, creating it unless ``create`` is False.

    ``lock_timeout`` is how long a writer waits for another run to finish before raising
    :class:`StoreLockedError`. Commands that only read (``map``, ``export``) pass ``create=False``
    so that a mistyped path is an error, not a new empty store.
    """
    text = os.fspath(location)
    if text.startswith(("postgresql://", "postgres://")):
        from geo_incidents.store.postgis import PostGISStore

        return PostGISStore(text, lock_timeout=lock_timeout)
    from geo_incidents.store.gpkg import GeoPackageStore

    return GeoPackageStore(text, lock_timeout=lock_timeout, create=create)
