"""The store interface shared by the GeoPackage and PostGIS back ends."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date

import geopandas as gpd
import pandas as pd

from geo_incidents.model import INCIDENT_COLUMNS, Article
from geo_incidents.store.batch import Transaction, apply_batch, article_frame, route_incidents
from geo_incidents.store.schema import layer

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
    def _select(self, name: str, filters: Filters | None) -> pd.DataFrame: ...

    @abstractmethod
    def article_hashes(self) -> dict[str, str]:
        """Article id -> content hash of everything stored, for the pipeline's skip logic."""

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
        """
        with self.writing() as tx:
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
                tx.insert("articles", article_frame([article], run_ids.get(old, "")))
        return len(renames)

    def read(self, name: str, filters: Filters | None = None):
        """One layer as a GeoDataFrame (or DataFrame for articles and runs), in insertion order."""
        lyr = layer(name)
        if filters:
            unknown = set(filters) - set(lyr.column_names)
            if unknown:
                raise ValueError(f"{self.location}: layer {name} has no column {', '.join(sorted(unknown))}")
        return self._select(name, filters)

    def incidents_for_dates(
        self, dates: Iterable[date], place_ids: Iterable[str] | None = None, event_types: Iterable[str] | None = None
    ) -> gpd.GeoDataFrame:
        """Stored incidents of both layers on those dates (and places and types, if given), to merge reports into."""
        filters: dict[str, object] = {"event_date": sorted({d for d in dates if d is not None})}
        if place_ids is not None:
            filters["place_id"] = sorted(set(place_ids))
        if event_types is not None:
            filters["event_type"] = sorted(set(event_types))
        frames = [self.read(name, filters) for name in ("incidents", "road_closures")]
        frame = pd.concat(frames, ignore_index=True)
        return gpd.GeoDataFrame(frame[[*INCIDENT_COLUMNS, "geometry"]], geometry="geometry", crs=frames[0].crs)

    def incidents_for_articles(self, article_ids: Iterable[str]) -> gpd.GeoDataFrame:
        """Stored incidents of both layers reported by any of these articles (for re-extraction).

        Reads both layers whole: re-extraction is rare, and article ids sit inside a ';'-joined column.
        """
        wanted = set(article_ids)
        frames = [self.read(name) for name in ("incidents", "road_closures")]
        frame = pd.concat(frames, ignore_index=True)
        hit = frame["article_ids"].fillna("").map(lambda joined: not wanted.isdisjoint(joined.split(";")))
        frame = frame[hit.astype(bool)]
        return gpd.GeoDataFrame(frame[[*INCIDENT_COLUMNS, "geometry"]], geometry="geometry", crs=frames[0].crs)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
