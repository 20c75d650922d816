"""Which incidents an export keeps: date range, event types, actors, area and precision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


@dataclass(frozen=True)
class ExportFilters:
    """All criteria must hold; an empty criterion keeps everything.

    ``actors`` match as case-insensitive substrings of actor1/actor2 in English or Arabic;
    ``admin1``/``admin2`` match governorate/district names exactly (case-insensitive);
    ``min_precision`` keeps rows whose ``geo_precision`` is at most that (1 = exact place).
    """

    date_from: date | None = None
    date_to: date | None = None
    event_types: Sequence[str] = ()
    actors: Sequence[str] = ()
    bbox: tuple[float, float, float, float] | None = None
    admin1: Sequence[str] = ()
    admin2: Sequence[str] = ()
    min_precision: int | None = None

    def apply(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """Filter incidents (either layer)."""
        keep = self._dates(frame["event_date"], frame["event_date"]) & self._area(frame)
        if self.event_types:
            wanted = {t.casefold() for t in self.event_types}
            keep &= frame["event_type"].astype(str).str.casefold().isin(wanted).to_numpy()
        if self.actors:
            names = [frame[col].fillna("").astype(str).str.casefold() for col in _ACTOR_COLUMNS if col in frame]
            hit = np.zeros(len(frame), dtype=bool)
            for actor in self.actors:
                for column in names:
                    hit |= column.str.contains(actor.casefold(), regex=False).to_numpy()
            keep &= hit
        for column, wanted in (("admin1", self.admin1), ("admin2", self.admin2)):
            if wanted:
                folded = {w.casefold() for w in wanted}
                keep &= frame[column].fillna("").astype(str).str.casefold().isin(folded).to_numpy()
        if self.min_precision is not None:
            precision = pd.to_numeric(frame["geo_precision"], errors="coerce")
            keep &= (precision <= self.min_precision).fillna(False).to_numpy(dtype=bool)
        return frame[keep]

    def apply_frontlines(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """Frontlines valid at some time in the date range and crossing the bounding box."""
        return frame[self._dates(frame["valid_from"], frame["valid_to"]) & self._area(frame, admin=False)]

    def _dates(self, start: pd.Series, end: pd.Series) -> np.ndarray:
        keep = np.ones(len(start), dtype=bool)
        begin = pd.to_datetime(start, errors="coerce")
        finish = pd.to_datetime(end, errors="coerce").fillna(begin)
        if self.date_from is not None:
            keep &= (finish >= pd.Timestamp(self.date_from)).fillna(False).to_numpy(dtype=bool)
        if self.date_to is not None:
            keep &= (begin <= pd.Timestamp(self.date_to)).fillna(False).to_numpy(dtype=bool)
        return keep

    def _area(self, frame: gpd.GeoDataFrame, admin: bool = True) -> np.ndarray:
        if self.bbox is None:
            return np.ones(len(frame), dtype=bool)
        box = shapely.box(*self.bbox)
        geoms = frame.geometry.to_numpy()
        return np.asarray(shapely.intersects(geoms, box), dtype=bool) & ~shapely.is_missing(geoms)

    @property
    def is_empty(self) -> bool:
        return self == ExportFilters()


_ACTOR_COLUMNS = ("actor1", "actor2", "actor1_ar", "actor2_ar")
