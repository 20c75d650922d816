"""What one ``write_batch`` changes, worked out once for both back ends.

The back ends only know how to delete rows by key and append rows inside one transaction; this
module decides which rows: incidents routed to their layer, articles whose content hash is new,
frontlines of the affected dates, the places used, and the runs row.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Protocol

from geo_incidents.model import INCIDENT_COLUMNS, Article, EventType, Incident

if TYPE_CHECKING:  # numpy and shapely load when rows are written: a re-run that writes nothing loads neither
    import geopandas as gpd
    import numpy as np
    import pandas as pd


class StoreLockedError(RuntimeError):
    """Another process is writing the same store and did not finish within the lock timeout."""


#: The ``method`` of the frontlines :func:`maps.frontlines.estimate_frontlines` draws from a day's clashes.
ESTIMATED = "estimated"


class Transaction(Protocol):
    """The two primitives a back end offers inside one transaction."""

    def hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]: ...

    def delete(self, layer: str, column: str, values: Iterable, *, where: dict[str, str] | None = None) -> None: ...

    def insert(self, layer: str, frame: pd.DataFrame | LayerRows) -> None: ...


@dataclass
class LayerRows:
    """Rows of one layer in plain Python, as a write hands them to a back end without building a table:
    column name -> values (a list, or a pandas Series when they come from a table), and the geometries."""

    columns: dict[str, Sequence]
    geoms: np.ndarray | None = None

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), ()))

    def taken(self, positions: Sequence[int]) -> dict[str, list]:
        """The columns' values at ``positions`` (in that order)."""
        out = {}
        for name, values in self.columns.items():
            values = values.to_numpy(dtype=object) if hasattr(values, "to_numpy") else values
            out[name] = [values[at] for at in positions]
        return out


def route_incidents(incidents: gpd.GeoDataFrame | Sequence[Incident] | None) -> dict[str, LayerRows]:
    """Split into the Point layer ``incidents`` and the LineString layer ``road_closures``.

    Road closures with a line geometry go to ``road_closures``; every other row goes to
    ``incidents`` as a point (its representative point: a road's middle, on the road), and rows
    without a location keep a NULL geometry there so that they are not lost. Within the batch the
    last row of an ``incident_id`` wins. ``incidents`` is a table, or :class:`Incident` records (their
    rows are then those :func:`~geo_incidents.frame.incidents_to_frame` gives, built without a table).
    """
    import numpy as np
    import shapely

    from geo_incidents.frame import CRS, incident_columns, representative_lat_lon, representative_points

    if incidents is None or len(incidents) == 0:
        empty = LayerRows({name: [] for name in INCIDENT_COLUMNS}, np.empty(0, dtype=object))
        return {"incidents": empty, "road_closures": empty}
    if isinstance(incidents, Sequence):
        columns, geoms = incident_columns(incidents)
        rows = LayerRows(columns, geoms)
    else:
        frame = incidents
        if frame.crs is not None and not frame.crs.equals(CRS):
            frame = frame.to_crs(CRS)
        rows = LayerRows({name: frame[name] for name in frame.columns if name != frame.geometry.name},
                         frame.geometry.to_numpy())
    ids = rows.columns["incident_id"]
    last = {key: at for at, key in enumerate(ids.tolist() if hasattr(ids, "tolist") else ids)}
    kept = np.asarray(sorted(last.values()), dtype=np.int64)
    geoms = rows.geoms[kept]
    event_types = rows.columns["event_type"]
    event_types = np.asarray(event_types.tolist() if hasattr(event_types, "tolist") else event_types, dtype=object)
    kind = shapely.get_type_id(geoms)
    is_line = (kind == 1) | (kind == 5)
    is_closure = (event_types[kept] == EventType.ROAD_CLOSURE) & is_line & ~shapely.is_empty(geoms)
    merged = shapely.line_merge(geoms[is_closure])
    # A closure of several road pieces that do not join: keep the longest piece as the layer's line.
    multi = shapely.get_type_id(merged) == 5
    if multi.any():
        merged[multi] = [max(g.geoms, key=lambda part: part.length) for g in merged[multi]]
    layers = {}
    for name, chosen, layer_geoms in (("incidents", ~is_closure, representative_points(geoms[~is_closure])),
                                      ("road_closures", is_closure, merged)):
        columns = rows.taken(kept[chosen].tolist())
        # latitude/longitude from the geometry each layer stores, so that both place a row at one point.
        lat, lon = representative_lat_lon(layer_geoms)
        columns["latitude"], columns["longitude"] = lat.tolist(), lon.tolist()
        layers[name] = LayerRows(columns, np.asarray(layer_geoms, dtype=object))
    return layers


def article_rows(articles: Iterable[Article], run_id: str, hashes: dict[str, str] | None = None) -> LayerRows:
    """The articles' rows; ``hashes`` (id -> content hash) when the caller computed them already."""
    articles = list(articles)
    return LayerRows({
        "id": [a.id for a in articles],
        "content_hash": [hashes[a.id] if hashes is not None else a.content_hash for a in articles],
        "title": [a.title for a in articles],
        "published": [a.published for a in articles],
        "source": [a.source for a in articles],
        "url": [a.url for a in articles],
        "origin": [a.origin for a in articles],
        "run_id": [run_id] * len(articles),
    })


def places_from_incidents(*layers: LayerRows) -> LayerRows:
    """The gazetteer places the incidents of ``layers`` used (id, Arabic name), at the incident's point; of
    several rows of one place, the last. Gathered in plain Python, without concatenating tables."""
    import numpy as np
    import shapely

    ids, names, geoms = [], [], []
    for rows in layers:
        taken = rows.taken(range(len(rows)))
        ids += taken["place_id"]
        names += taken["place_name_ar"]
        geoms += list(rows.geoms)
    last: dict = {}
    for at, (place_id, geom) in enumerate(zip(ids, geoms, strict=True)):
        if geom is not None and not (place_id is None or place_id != place_id or str(place_id) == ""):
            last[place_id] = at
    kept = sorted(last.values())
    points = shapely.point_on_surface(np.asarray([geoms[at] for at in kept], dtype=object))
    return LayerRows({"id": [ids[at] for at in kept], "name_ar": [names[at] for at in kept], "kind": [""] * len(kept)},
                     np.asarray(points, dtype=object))


def single_parts(frame: gpd.GeoDataFrame, key: str) -> gpd.GeoDataFrame:
    """Multi-part lines/polygons as one row per part (``id#1``, ``id#2``…), as the single-type layers need.

    Touching line pieces are merged first, so a frontline drawn in segments stays one row.
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    geoms = frame.geometry.to_numpy()
    is_lines = shapely.get_type_id(geoms) == 5
    if is_lines.any():
        geoms = geoms.copy()
        geoms[is_lines] = shapely.line_merge(geoms[is_lines])
        frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))
    multi = np.isin(shapely.get_type_id(frame.geometry.to_numpy()), (4, 5, 6, 7))
    if not multi.any():
        return frame
    parts = frame[multi].explode(index_parts=True)
    parts[key] = [f"{key_value}#{part + 1}" for key_value, (_, part) in zip(parts[key], parts.index, strict=True)]
    return pd.concat([frame[~multi], parts.reset_index(drop=True)], ignore_index=True)


#: Keys of the run dict stored in their own columns; every other key goes into ``counts`` (JSON).
_RUN_COLUMNS = ("run_id", "started", "finished", "command", "counts")


def run_rows(run: dict, counts: dict[str, int]) -> LayerRows:
    """The runs row: the store's own counts of rows written, plus whatever the caller reported."""
    now = datetime.now(UTC)
    reported = {k: v for k, v in run.items() if k not in _RUN_COLUMNS}
    all_counts = {"written": counts, **reported, **(run.get("counts") or {})}
    return LayerRows({
        "run_id": [str(run.get("run_id") or uuid.uuid4().hex)],
        "started": [run.get("started") or now],
        "finished": [run.get("finished") or now],
        "command": [str(run.get("command", ""))],
        "articles": [counts["articles"]],
        "incidents": [counts["incidents"]],
        "road_closures": [counts["road_closures"]],
        "frontlines": [counts["frontlines"]],
        "counts": [json.dumps(all_counts, ensure_ascii=False, sort_keys=True, default=str)],
    })


def apply_batch(
    tx: Transaction,
    articles: list[Article],
    incidents: gpd.GeoDataFrame | Sequence[Incident] | None,
    *,
    frontlines: gpd.GeoDataFrame | Sequence[()] | None,
    places: gpd.GeoDataFrame | None,
    control_areas: gpd.GeoDataFrame | None,
    retired: Iterable[str] = (),
    frontline_days: Iterable[date] | None = None,
    run: dict,
) -> dict[str, int]:
    """All changes of one batch, expressed as deletes and inserts inside ``tx``. Returns the counts.

    ``incidents`` is a table or :class:`Incident` records; ``frontlines`` a table, or an empty sequence when
    the days' estimates found no line (the days' old estimates still go).
    """

    run_id = str(run.get("run_id") or uuid.uuid4().hex)
    run = {**run, "run_id": run_id}
    known = tx.hashes([a.id for a in articles])
    # Same id and same content hash: already stored by an earlier run, leave it (and its run_id) alone.
    # Each hash is computed once (a SHA-256 of the whole text).
    chosen = {a.id: (a, digest) for a, digest in ((a, a.content_hash) for a in articles) if known.get(a.id) != digest}
    changed = [a for a, _ in chosen.values()]
    hashes = {key: digest for key, (_, digest) in chosen.items()}
    if changed:
        tx.delete("articles", "id", [a.id for a in changed])
        tx.insert("articles", article_rows(changed, run_id, hashes))

    retired = list(retired)
    if retired:
        tx.delete("incidents", "incident_id", retired)
        tx.delete("road_closures", "incident_id", retired)

    layers = route_incidents(incidents)
    ids = [*layers["incidents"].columns["incident_id"], *layers["road_closures"].columns["incident_id"]]
    if ids:
        # An incident may move between layers when re-extracted, so clear its id from both.
        tx.delete("incidents", "incident_id", ids)
        tx.delete("road_closures", "incident_id", ids)
        tx.insert("incidents", layers["incidents"])
        tx.insert("road_closures", layers["road_closures"])

    n_frontlines = 0
    if frontlines is not None:
        if frontline_days is None:
            frontline_days = _dates(_event_dates(incidents) if ids else None)
        # The estimate of a day is recomputed whole, so the day's old estimates go; a line of another
        # method (imported, derived from control areas) is replaced only by its own id.
        lines = len(frontlines) > 0
        affected = (_dates(frontlines.get("valid_from")) if lines else set()) | set(frontline_days)
        tx.delete("frontlines", "valid_from", sorted(affected), where={"method": ESTIMATED})
        if lines:
            tx.delete("frontlines", "frontline_id", list(frontlines["frontline_id"]))
            tx.insert("frontlines",
                      single_parts(frontlines.drop_duplicates("frontline_id", keep="last"), "frontline_id"))
        n_frontlines = len(frontlines)
    if control_areas is not None:
        affected = _dates(control_areas.get("valid_from"))
        tx.delete("control_areas", "valid_from", sorted(affected))
        tx.delete("control_areas", "area_id", list(control_areas["area_id"]))
        tx.insert("control_areas", single_parts(control_areas.drop_duplicates("area_id", keep="last"), "area_id"))
    if places is None and ids:
        places = places_from_incidents(layers["incidents"], layers["road_closures"])
    if places is not None and len(places):
        if not isinstance(places, LayerRows):  # places_from_incidents gives one row per place already
            places = places.drop_duplicates("id", keep="last")
        tx.delete("places", "id", list(places.columns["id"] if isinstance(places, LayerRows) else places["id"]))
        tx.insert("places", places)

    counts = {
        "articles": len(changed),
        "incidents": len(layers["incidents"]),
        "road_closures": len(layers["road_closures"]),
        "frontlines": n_frontlines,
        "retired": len(retired),
    }
    tx.insert("runs", run_rows(run, counts))
    return counts


def _event_dates(incidents) -> list:
    if isinstance(incidents, Sequence):
        return [inc.event_date for inc in incidents]
    return incidents["event_date"]


def _dates(values) -> set[date]:
    if values is None:
        return set()
    values = list(values)
    if all(value is None or type(value) is date for value in values):  # records' dates, read without pandas
        return {value for value in values if value is not None}
    import pandas as pd

    stamps = pd.to_datetime(pd.Series(values), errors="coerce").dropna()
    return {stamp.date() for stamp in stamps}
