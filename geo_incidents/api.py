"""The Python API, in geopandas' style: read reports, extract incidents to a GeoDataFrame, read a store.

Frames come back ready for analysis: ``event_date`` as ``datetime64[ns]`` (so ``.dt``, resampling and
date comparisons work), counts and ACLED inter codes as pandas' nullable ``Int64`` (an unknown code is
``<NA>``, never ``1.0`` or ``NaN``), flags as booleans, WGS 84 geometry, and ``latitude``/``longitude``
equal to the geometry's representative point.

>>> import geo_incidents
>>> reports = list(geo_incidents.read_reports("examples/reports", published="2025-12-24"))
>>> len(reports) > 10, type(reports[0]).__name__
(True, 'Article')
>>> frame = geo_incidents.extract(reports[:3])
>>> str(frame["event_date"].dtype), str(frame["inter2"].dtype), frame.crs.to_epsg()
('datetime64[ns]', 'Int64', 4326)
>>> bool((frame["country"] == "Syria").any())
True
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import geopandas as gpd
import pandas as pd

from geo_incidents.model import Article

log = logging.getLogger(__name__)

#: Layers :func:`read_store` reads; "all" is incidents and road closures in one frame.
STORE_LAYERS = ("incidents", "road_closures", "frontlines", "all")


def read_reports(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    published: date | str | None = None,
    source: str | None = None,
) -> Iterator[Article]:
    """Articles from files (``.txt``, ``.json``, ``.jsonl``) and folders of them, one at a time.

    ``published`` and ``source`` fill what an article's metadata lacks (relative dates such as
    "yesterday" count from ``published``). A broken article is logged as a warning naming its file and
    line, and skipped: reading goes on, as ``geo-incidents run`` does.
    """
    from geo_incidents.io.articles import ArticleError, read_articles

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    defaults: dict = {}
    if published is not None:
        defaults["published"] = date.fromisoformat(published) if isinstance(published, str) else published
    if source is not None:
        defaults["source"] = source
    for item in read_articles(list(paths), defaults=defaults):
        if isinstance(item, ArticleError):
            log.warning("skipped %s: %s", item.origin, item.reason)
            continue
        yield item


def extract(reports: Iterable[Article] | str | os.PathLike, gazetteer=None) -> gpd.GeoDataFrame:
    """Incidents of ``reports`` (Articles, or a path given to :func:`read_reports`) as one GeoDataFrame.

    ``gazetteer``: a :class:`gazetteer.Gazetteer` (default: the bundled one). Incidents that several
    reports tell (same type, day and place) are merged into one row, as ``geo-incidents run`` merges them.
    """
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor, merge_incidents
    from geo_incidents.frame import incidents_to_frame

    if isinstance(reports, str | os.PathLike):
        reports = read_reports(reports)
    extractor = Extractor(gazetteer if gazetteer is not None else Gazetteer.default())
    incidents = [incident for article in reports for incident in extractor.extract(article)]
    return analysis_frame(incidents_to_frame(merge_incidents(incidents)))


def read_store(location: str | os.PathLike, layer: str = "incidents", **filters) -> gpd.GeoDataFrame:
    """One layer of a store (a ``.gpkg`` path or a ``postgresql://`` URL) as a GeoDataFrame, filtered.

    ``layer``: ``incidents`` (points), ``road_closures`` (lines), ``frontlines`` or ``all`` (incidents
    and road closures). ``filters`` are those of ``geo-incidents export``, matched the same way:
    ``date_from``, ``date_to`` (dates or ``YYYY-MM-DD``), ``event_types``, ``sub_event_types``, ``actors``,
    ``admin1``, ``admin2`` (a value or a list), ``bbox`` (W, S, E, N) and ``max_geo_precision``.
    An unknown filter, type, actor or governorate raises ValueError.
    """
    from geo_incidents.export.filters import ExportFilters
    from geo_incidents.export.layers import gather
    from geo_incidents.store import open_store

    if layer not in STORE_LAYERS:
        raise ValueError(f"unknown layer {layer!r}; layers are {', '.join(STORE_LAYERS)}")
    criteria = _filter_arguments(filters)
    checked = ExportFilters(**criteria).checked()
    with open_store(location, create=False) as store:
        layers = gather(store, checked)
    if layer == "all":
        parts = [layers["incidents"], layers["road_closures"]]
        frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=parts[0].crs)
    else:
        frame = layers[layer]
    return analysis_frame(frame)


def analysis_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dates as ``datetime64[ns]``, whole numbers as ``Int64``, flags as booleans (see the module's doc)."""
    from geo_incidents.export.layers import typed_frame

    name = "frontlines" if "frontline_id" in frame.columns else "incidents"
    out = typed_frame(frame, name)
    for column in ("event_date", "valid_from", "valid_to"):
        if column in out:
            out[column] = pd.to_datetime(out[column].astype(object), errors="coerce").astype("datetime64[ns]")
    for column in out.columns:
        if str(out[column].dtype) == "boolean" and not out[column].isna().any():
            out[column] = out[column].astype(bool)
    return out


_SEQUENCE_FILTERS = ("event_types", "sub_event_types", "actors", "admin1", "admin2")
_ALIASES = {"event_type": "event_types", "sub_event_type": "sub_event_types", "actor": "actors"}


def _filter_arguments(filters: dict) -> dict:
    """Keyword filters as :class:`ExportFilters` arguments: singular names and single values accepted."""
    from dataclasses import fields

    from geo_incidents.export.filters import ExportFilters

    known = {f.name for f in fields(ExportFilters)} - {"admin1_keys", "actor_names"}
    out = {}
    for key, value in filters.items():
        key = _ALIASES.get(key, key)
        if key not in known:
            raise ValueError(f"unknown filter {key!r}; filters are {', '.join(sorted(known))}")
        if key in _SEQUENCE_FILTERS and (isinstance(value, str) or not isinstance(value, Sequence | set)):
            value = (value,)
        elif key in _SEQUENCE_FILTERS:
            value = tuple(value)
        if key in ("date_from", "date_to") and isinstance(value, str):
            value = date.fromisoformat(value)
        out[key] = value
    return out
