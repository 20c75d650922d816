"""The store interface shared by the GeoPackage and PostGIS back ends."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import TYPE_CHECKING

from geo_incidents.model import INCIDENT_COLUMNS, Article, Incident
from geo_incidents.store.batch import Transaction, apply_batch, article_rows, route_incidents
from geo_incidents.store.schema import (
    REJECTED,
    empty_frame,
    frame_from_rows,
    incidents_from_rows,
    layer,
    plain_columns,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: The layers that hold incidents (and a ``rejected`` column).
INCIDENT_LAYERS = ("incidents", "road_closures")

#: Read filters: column -> value (equality) or list/tuple/set of values (any of them).
Filters = Mapping[str, object]


class IncidentStore(ABC):
    """Incidents, frontlines, places, articles and runs, written one batch per transaction."""

    location: str
    _open_tx: Transaction | None = None

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Transaction]:
        """A write transaction holding the store's writer lock (raises StoreLockedError)."""

    @abstractmethod
    def _select_rows(self, name: str, filters: Filters | None) -> tuple[list[tuple], list[bytes | None] | None]:
        """A layer's rows (its columns in schema order, without the geometry) in insertion order, and their
        geometries as WKB (None for a layer without geometry)."""

    def row_chunks(self, name: str, size: int) -> Iterator[tuple[list[tuple], list[bytes | None] | None]]:
        """A layer's rows as :meth:`_select_rows` gives them (no filter), about ``size`` at a time: a back end
        that can stream them keeps an export's memory flat however large the store."""
        yield self._select_rows(name, None)

    def _select(self, name: str, filters: Filters | None) -> pd.DataFrame:
        rows, wkb = self._select_rows(name, filters)
        return frame_from_rows(layer(name), rows, wkb)

    @abstractmethod
    def article_hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id -> content hash of everything stored (of those ``ids`` only, when given: a look-up
        by the unique index that costs the same however large the store), for the pipeline's skip logic."""

    @abstractmethod
    def revision(self) -> str:
        """The store's state as a short text that changes with every write: the last ``runs`` row (every write
        appends one), so outputs made from the store can tell whether they are still current."""

    @abstractmethod
    def _has_rows(self, name: str) -> bool:
        """Whether a layer holds any row (cheap: one indexed probe)."""

    def has_corrections(self) -> bool:
        """Whether analysts recorded any correction in this store (one indexed probe, no table read)."""
        return self._has_rows("corrections")

    @abstractmethod
    def close(self) -> None: ...

    def write_batch(
        self,
        articles: list[Article],
        incidents: gpd.GeoDataFrame | None,
        *,
        frontlines: gpd.GeoDataFrame | None = None,
        places: gpd.GeoDataFrame | None = None,
        control_areas: gpd.GeoDataFrame | None = None,
        retired: Iterable[str] = (),
        frontline_days: Iterable[date] | None = None,
        run: dict,
    ) -> dict[str, int]:
        """Add one run's results in a single transaction; a crash leaves the previous state.

        Articles are added or replaced by id when their content hash changed; incidents are
        upserted by ``incident_id``; ``retired`` incident ids (reported only by articles that were
        re-extracted and no longer yield them) are deleted; frontlines of ``frontline_days`` (by
        default, the dates of the batch's incidents and frontlines) are replaced; one ``runs`` row is
        appended. Handing the same batch twice leaves every data layer as it was.

        Analysts' corrections are applied to the incidents inside the same transaction (see
        :meth:`apply_corrections`), so whatever writes an incident writes it corrected.
        """
        with self.writing() as tx:
            incidents, retired = self.apply_corrections(incidents, retired)
            return apply_batch(
                tx,
                articles,
                incidents,
                frontlines=frontlines,
                places=places,
                control_areas=control_areas,
                retired=retired,
                frontline_days=frontline_days,
                run=run,
            )

    def apply_corrections(
        self, incidents: gpd.GeoDataFrame | None, retired: Iterable[str] = ()
    ) -> tuple[gpd.GeoDataFrame | None, list[str]]:
        """``incidents`` with the stored corrections applied, and ``retired`` without added incidents.

        A correction whose incident this write retires moves to the incident that now carries the same
        report (same article and evidence, same place or type), when exactly one does; otherwise it
        stays, and :meth:`orphaned_corrections` reports it. Incidents an analyst added are never retired.
        """
        retired = list(retired)
        if not self._has_rows("corrections"):  # the common case, probed without reading a frame
            return incidents, retired
        from geo_incidents.corrections.actions import apply_corrections, reattach

        corrections = self.read("corrections")
        if corrections.empty:
            return incidents, retired
        if isinstance(incidents, list):  # records (see apply_batch): corrections work on a table
            from geo_incidents.frame import incidents_to_frame

            incidents = incidents_to_frame(incidents)
        added = set(corrections.loc[corrections["action"] == "add", "incident_id"])
        retired = [incident_id for incident_id in retired if incident_id not in added]
        moved = reattach(corrections, retired, incidents)
        if len(moved):
            with self.writing() as tx:
                tx.delete("corrections", "correction_id", list(moved["correction_id"]))
                tx.insert("corrections", moved)
            corrections = self.read("corrections")
        return apply_corrections(incidents, corrections), retired

    def corrections(self, incident_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Stored corrections (of those incidents), oldest first."""
        from geo_incidents.corrections.actions import ordered

        filters = {"incident_id": list(incident_ids)} if incident_ids is not None else None
        return ordered(self.read("corrections", filters)).reset_index(drop=True)

    def incidents_by_id(self, incident_ids: Iterable[str]) -> gpd.GeoDataFrame:
        """Rows of both incident layers with these ids, rejected ones included (with the ``rejected`` column)."""
        import geopandas as gpd
        import pandas as pd

        wanted = sorted(set(incident_ids))
        frames = [self.read(name, {"incident_id": wanted}, rejected=True) for name in INCIDENT_LAYERS]
        frame = pd.concat(frames, ignore_index=True)
        return gpd.GeoDataFrame(frame, geometry="geometry", crs=frames[0].crs)

    def add_corrections(self, rows: pd.DataFrame, *, command: str = "") -> dict[str, int]:
        """Record corrections (upserted by ``correction_id``) and apply them to their incidents, in one
        transaction. ``add`` corrections bring their new incident (rows built by the caller, see
        :func:`geo_incidents.corrections.record.added_rows`) in ``rows.attrs['added']``."""
        from datetime import UTC, datetime

        import geopandas as gpd
        import pandas as pd

        added = rows.attrs.get("added")
        with self.writing() as tx:
            tx.delete("corrections", "correction_id", list(rows["correction_id"]))
            tx.insert("corrections", rows)
            ids = set(rows["incident_id"])
            for value in rows.loc[rows["action"] == "merge", "value"]:
                ids |= {part.strip() for part in str(value).split(";") if part.strip()}
            frame = self.incidents_by_id(ids)
            if added is not None and len(added):
                frame = gpd.GeoDataFrame(pd.concat([frame, added], ignore_index=True), geometry="geometry",
                                         crs=frame.crs)
            now = datetime.now(UTC).isoformat()
            return self.write_batch([], frame, run={"started": now, "finished": now, "command": command,
                                                   "corrections": len(rows)})

    def orphaned_corrections(self) -> pd.DataFrame:
        """Corrections whose incident is no longer in the store (e.g. gone after a lexicon change)."""
        if not self._has_rows("corrections"):
            return empty_frame("corrections")
        corrections = self.corrections()
        if corrections.empty:
            return corrections
        present = set(self.incidents_by_id(corrections["incident_id"])["incident_id"])
        return corrections[~corrections["incident_id"].isin(present)].reset_index(drop=True)

    @contextmanager
    def writing(self) -> Iterator[Transaction]:
        """One write transaction holding the writer lock; reads made inside it see (and keep) its state.

        The pipeline reads the incidents a batch merges with and writes the merged result inside one
        ``writing()`` block, so no other writer can change them in between. Re-entrant: a
        :meth:`write_batch` inside the block joins it.
        """
        if self._open_tx is not None:
            yield self._open_tx
            return
        with self._transaction() as tx:
            self._open_tx = tx
            try:
                yield tx
            finally:
                self._open_tx = None

    def rename_articles(self, renames: Iterable[tuple[str, Article]]) -> int:
        """Move stored articles from an old id to the id of ``Article`` (content and provenance ids
        replaced positional ones): the article row and every incident's ``article_ids``."""
        renames = list(renames)
        if not renames:
            return 0
        new_ids = {old: article.id for old, article in renames}
        with self.writing() as tx:
            old_rows = self.read("articles", {"id": list(new_ids)})
            run_ids = dict(zip(old_rows["id"], old_rows["run_id"], strict=True))
            frame = self.incidents_for_articles(new_ids)
            if len(frame):
                frame = frame.copy()
                frame["article_ids"] = [
                    ";".join(dict.fromkeys(new_ids.get(a, a) for a in joined.split(";")))
                    for joined in frame["article_ids"].fillna("")
                ]
                layers = route_incidents(frame)
                ids = list(frame["incident_id"])
                for name in ("incidents", "road_closures"):
                    tx.delete(name, "incident_id", ids)
                for name in ("incidents", "road_closures"):
                    tx.insert(name, layers[name])
            tx.delete("articles", "id", [*new_ids, *new_ids.values()])
            for old, article in renames:
                tx.insert("articles", article_rows([article], run_ids.get(old, "")))
        return len(renames)

    def read(self, name: str, filters: Filters | None = None, *, rejected: bool = False):
        """One layer as a GeoDataFrame (or DataFrame for articles, runs and corrections), in insertion order.

        Incidents an analyst rejected stay in the store but are left out (and so is the ``rejected``
        column), so that maps, exports and analyses never show them; ``rejected=True`` reads them too.
        """
        lyr = layer(name)
        if filters:
            unknown = set(filters) - set(lyr.column_names)
            if unknown:
                raise ValueError(f"{self.location}: layer {name} has no column {', '.join(sorted(unknown))}")
        frame = self._select(name, filters)
        if name in INCIDENT_LAYERS and not rejected:
            frame = frame[~frame[REJECTED].to_numpy(dtype=bool)].drop(columns=REJECTED).reset_index(drop=True)
        return frame

    def columns(self, name: str, *, chunk: int = 5000) -> tuple[dict[str, list], list[bytes | None] | None]:
        """A layer as :meth:`read` gives it (rejected incidents left out), as columns of plain values (see
        :func:`~geo_incidents.store.schema.plain_columns`) and the geometries as WKB (None: no geometry column):
        for a caller that needs no table, such as a run's day pages, which then load neither pandas nor
        geopandas."""
        lyr = layer(name)
        rows: list[tuple] = []
        wkb: list[bytes | None] | None = [] if lyr.geometry_type else None
        for chunk_rows, chunk_wkb in self.row_chunks(name, chunk):
            rows.extend(chunk_rows)
            if wkb is not None:
                wkb.extend(chunk_wkb or [])
        columns = plain_columns(lyr, rows)
        if name in INCIDENT_LAYERS:
            rejected = columns.pop(REJECTED)
            if any(rejected):
                kept = [i for i, flag in enumerate(rejected) if not flag]
                columns = {key: [values[i] for i in kept] for key, values in columns.items()}
                wkb = [wkb[i] for i in kept] if wkb is not None else None
        return columns, wkb

    def incidents_for_dates(
        self, dates: Iterable[date], place_ids: Iterable[str] | None = None, event_types: Iterable[str] | None = None
    ) -> gpd.GeoDataFrame:
        """Stored incidents of both layers on those dates (and places and types, if given), to merge reports into."""
        import geopandas as gpd
        import pandas as pd

        filters: dict[str, object] = {"event_date": sorted({d for d in dates if d is not None})}
        if place_ids is not None:
            filters["place_id"] = sorted(set(place_ids))
        if event_types is not None:
            filters["event_type"] = sorted(set(event_types))
        frames = [self.read(name, filters) for name in ("incidents", "road_closures")]
        frame = pd.concat(frames, ignore_index=True)
        return gpd.GeoDataFrame(frame[[*INCIDENT_COLUMNS, "geometry"]], geometry="geometry", crs=frames[0].crs)

    def incident_records(
        self, name: str, filters: Filters | None = None, *, keys: Iterable[tuple] | None = None
    ) -> list[Incident]:
        """An incident layer's rows (rejected ones left out) as :class:`Incident` records, what
        ``frame_to_incidents(store.read(name, filters))`` gives, built without a table: the pipeline reads
        stored incidents at every batch, and a table per batch cost more than the rows in it. ``keys`` keeps
        the rows whose (event type, sub-type, date, place id or else location) is one of them."""
        if name not in INCIDENT_LAYERS:
            raise ValueError(f"{name} is not an incident layer ({', '.join(INCIDENT_LAYERS)})")
        rows, wkb = self._select_rows(name, filters)
        return incidents_from_rows(layer(name), rows, wkb, None if keys is None else set(keys))

    def incidents_with_keys(self, keys: Iterable[tuple]) -> list[Incident]:
        """Stored incidents of both layers with one of these merge keys (see :meth:`incident_records`): the
        incidents a batch may merge with."""
        keys = set(keys)
        # A row's place id is the key's place, or empty (its location is then the key's place).
        filters = {"event_date": sorted({k[2] for k in keys if k[2] is not None}),
                   "event_type": sorted({k[0] for k in keys}), "place_id": sorted({k[3] for k in keys} | {""})}
        return [record for name in INCIDENT_LAYERS for record in self.incident_records(name, filters, keys=keys)]

    def incidents_for_articles(self, article_ids: Iterable[str]) -> gpd.GeoDataFrame:
        """Stored incidents of both layers reported by any of these articles (for re-extraction), rejected
        ones included.

        Reads both layers whole: re-extraction is rare, and article ids sit inside a ';'-joined column.
        """
        import geopandas as gpd
        import pandas as pd

        wanted = set(article_ids)
        frames = [self.read(name, rejected=True) for name in INCIDENT_LAYERS]
        frame = pd.concat(frames, ignore_index=True)
        hit = frame["article_ids"].fillna("").map(lambda joined: not wanted.isdisjoint(joined.split(";")))
        frame = frame[hit.astype(bool)]
        columns = [*INCIDENT_COLUMNS, REJECTED, "geometry"]  # a rejected incident stays rejected when rewritten
        return gpd.GeoDataFrame(frame[columns], geometry="geometry", crs=frames[0].crs)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
