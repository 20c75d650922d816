"""GeoDataFrames to the compact JSON our layer scripts draw from.

One array per layer instead of one folium object per feature keeps 10,000 incidents at a few MB and a few
seconds. Every feature carries a validity interval in day numbers (days since 1970-01-01): ``f`` from and
``t`` to (``None`` = open-ended), so the time slider and the day pages filter the same way.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import shapely

from maps.frontlines import WINDOW_DAYS, parse_estimate
from maps.rows import (
    Rows,
    Table,
    column,
    day_numbers,
    day_to_iso,
    float_column,
    int_column,
    located_mask,
    text_column,
)
from maps.style import EVENT_TYPES, OTHER_COLOR, OTHER_TYPE, TYPE_COLORS, actor_key, control_sides

if TYPE_CHECKING:
    import pandas as pd

COORD_DIGITS = 5  # ~1 m: finer than any gazetteer point, and short in JSON
#: Order of the values in an incident's popup record (gi-layers.js reads the same order). Fields marked
#: ``*`` are indices into the payload's string table ``s``: actors, places and sources repeat a lot.
INCIDENT_POPUP_FIELDS = (
    "incident_id", "event_type*", "sub_event_type*", "actor1*", "actor2*", "fatalities", "injured",
    "civilian_casualties", "casualty_destination*", "location*", "evidence", "source*", "source_urls",
    "confidence", "approximate_geometry", "corrected", "correction_note",
)  # fmt: skip


class StringTable:
    """Distinct strings in first-seen order; rows store an index instead of repeating the text."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def indices(self, texts: list[str]) -> list[int]:
        out = []
        for text in texts:
            i = self._index.get(text)
            if i is None:
                i = self._index[text] = len(self.values)
                self.values.append(text)
            out.append(i)
        return out


@dataclass
class LayerData:
    """What a layer element embeds: the JSON-ready payload plus how many rows were skipped (no geometry)."""

    payload: dict
    count: int
    skipped: int = 0
    sources: list[str] = field(default_factory=list)


def geometry_json(geoms) -> list[dict]:
    """Shapely geometries to GeoJSON geometry dicts, coordinates rounded to :data:`COORD_DIGITS`."""
    arr = shapely.set_precision(np.asarray(geoms, dtype=object), 10.0**-COORD_DIGITS)
    return [json.loads(text) for text in shapely.to_geojson(arr)]


def sources_of(frame: Table) -> list[str]:
    """Distinct source names (';'-separated in the column), most frequent first."""
    return _ranked_sources(text_column(frame, "source"))


def _ranked_sources(values: Iterable[str]) -> list[str]:
    counts: dict[str, int] = {}
    for value in values:
        for part in value.split(";"):
            part = part.strip()
            if part:
                counts[part] = counts.get(part, 0) + 1
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _range_text(low: np.ndarray, high: np.ndarray, best: np.ndarray | None = None) -> list[str]:
    out = []
    for i in range(len(low)):
        lo, hi = int(low[i]), int(high[i])
        b = int(best[i]) if best is not None else 0
        lo = lo or b
        hi = max(hi, lo, b)
        if hi == 0:
            out.append("")
        elif lo == hi or lo == 0:
            out.append(str(hi))
        else:
            out.append(f"{lo}–{hi}")
    return out


def _truthy(values: Iterable) -> list[bool]:
    return [bool(v) and str(v).strip().lower() not in ("false", "0", "no", "") for v in values]


def _urls(values: list[str]) -> list[list[str]]:
    # Only web links become anchors; "javascript:" and friends are dropped here and again in the browser.
    return [[u.strip() for u in v.split(";") if u.strip().lower().startswith(("http://", "https://"))] for v in values]


# --------------------------------------------------------------------------------------------- incidents
def incident_data(incidents: Table | None, palette: dict[str, str], *, by_type: bool = False,
                  day_links: bool = False) -> LayerData:  # fmt: skip
    """Points (and representative points of other geometries) with icon, colour, precision and popup.

    ``by_type``: colour by event type instead of by actor (the payload's palette is then the types');
    ``day_links``: each popup links to the day's page (``YYYY-MM-DD.html`` beside this one)."""
    features = IncidentFeatures(incidents) if incidents is not None and len(incidents) else None
    return incident_layer(features, np.arange(features.size if features else 0), palette, by_type=by_type,
                          day_links=day_links)  # fmt: skip


def incident_layer(features: IncidentFeatures | None, rows: np.ndarray, palette: dict[str, str], *,
                   by_type: bool = False, day_links: bool = False) -> LayerData:  # fmt: skip
    """:func:`incident_data` of the incidents ``rows`` of ``features`` (None: no incidents)."""
    data = features.layer(rows, palette) if features is not None else LayerData(_empty_incidents(palette), count=0)
    if by_type:
        payload = data.payload
        payload["palette"] = [[_bilingual(t[1], t[2]) if t[1] else t[2], TYPE_COLORS[i]]
                              for i, t in enumerate(payload["types"])]  # fmt: skip
        payload["c"] = list(payload["k"])
        payload["byType"] = True
    if day_links:
        data.payload["dayLinks"] = True
    return data


#: Popup fields that go through the page's string table, in the order the table is filled.
_STRING_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "casualty_destination", "location", "source")


class IncidentFeatures:
    """Every incident's map properties (position, icon, precision, day, popup record), computed in one
    vectorised pass over the whole frame; a page then takes its rows with :meth:`layer`.

    A thousand day pages of a few incidents each would otherwise repeat the pandas column work a thousand
    times. Rows are positions in the frame given (``frame.iloc`` order), located or not.
    """

    def __init__(self, incidents: Table) -> None:
        incidents = Rows.of(incidents)
        n = len(incidents)
        self.size = n
        self.located = located_mask(incidents) if n else np.zeros(0, dtype=bool)
        #: position of each row among the located rows (-1: not located)
        self.slot = np.full(n, -1, dtype=np.int64)
        self.slot[self.located] = np.arange(int(self.located.sum()))
        # Every row (located or not): what counts, legends and frontline popups read.
        self.event_types = text_column(incidents, "event_type")
        self.ids = text_column(incidents, "incident_id")
        actor1, actor1_ar = text_column(incidents, "actor1"), text_column(incidents, "actor1_ar")
        actor2, actor2_ar = text_column(incidents, "actor2"), text_column(incidents, "actor2_ar")
        self.actor_keys = [actor_key(a, b) for a, b in zip(actor1, actor1_ar, strict=True)]
        self.actor_pairs = (list(zip(self.actor_keys, actor1_ar, strict=True)),
                            [(actor_key(a, b), b) for a, b in zip(actor2, actor2_ar, strict=True)])  # fmt: skip
        locations, locations_ar = text_column(incidents, "location"), text_column(incidents, "place_name_ar")
        self.places = [_bilingual(a, b) for a, b in zip(locations, locations_ar, strict=True)]
        # Located rows only: what the layer draws.
        self.located_rows = np.flatnonzero(self.located)
        frame = incidents.take(self.located_rows)
        geoms = frame.geometry if frame.geometry is not None else np.full(len(frame), None, dtype=object)
        self.geoms = geoms
        not_points = shapely.get_type_id(geoms) != 0
        if not_points.any():
            geoms = geoms.copy()
            geoms[not_points] = shapely.point_on_surface(geoms[not_points])
        xy = np.round(shapely.get_coordinates(geoms), COORD_DIGITS)
        self.x, self.y = xy[:, 0].tolist(), xy[:, 1].tolist()
        type_index = {name: i for i, name in enumerate(EVENT_TYPES)}
        located_rows = self.located_rows.tolist()
        self.kinds = [type_index.get(self.event_types[i], len(type_index)) for i in located_rows]
        self.colour_keys = [self.actor_keys[i] for i in located_rows]
        self.precision = np.clip(int_column(frame, "geo_precision", 1), 1, 3).tolist()
        self.days = day_numbers(column(frame, "event_date"))
        self.sources = text_column(frame, "source")
        confidence = np.round(float_column(frame, "confidence"), 2)
        #: the text of each string-table field (see INCIDENT_POPUP_FIELDS), then the plain popup columns
        self.strings = {
            "event_type": [self.event_types[i] for i in located_rows],
            "sub_event_type": text_column(frame, "sub_event_type"),
            "actor1": [_bilingual(actor1[i], actor1_ar[i]) for i in located_rows],
            "actor2": [_bilingual(actor2[i], actor2_ar[i]) for i in located_rows],
            "casualty_destination": text_column(frame, "casualty_destination"),
            "location": [self.places[i] for i in located_rows],
            "source": self.sources,
        }
        self.plain = {
            "incident_id": [self.ids[i] for i in located_rows],
            "fatalities": _range_text(int_column(frame, "fatalities_low"), int_column(frame, "fatalities_high"),
                                      int_column(frame, "fatalities")),
            "injured": _range_text(int_column(frame, "injured_low"), int_column(frame, "injured_high")),
            "civilian_casualties": [int(v) for v in _truthy(column(frame, "civilian_casualties", False))],
            "evidence": text_column(frame, "evidence"),
            "source_urls": _urls(text_column(frame, "source_urls")),
            "confidence": [None if math.isnan(c) else float(c) for c in confidence],
            "approximate_geometry": [int(v) for v in _truthy(column(frame, "approximate_geometry", False))],
            # optional: an analyst's correction (who, when, what, why), shown as "corrected by …"
            "corrected": [int(v) for v in _truthy(column(frame, "corrected", False))],
            "correction_note": text_column(frame, "correction_note"),
        }  # fmt: skip

    def drawn(self, rows: np.ndarray) -> list[int]:
        """Of ``rows``, the positions among the located rows of those that are located."""
        slots = self.slot[rows]
        return slots[slots >= 0].tolist()

    def layer(self, rows: np.ndarray, palette: dict[str, str]) -> LayerData:
        """The incident layer of ``rows`` (as :func:`incident_data` of ``frame.iloc[rows]``)."""
        if len(rows) == 0:
            return LayerData(payload=_empty_incidents(palette), count=0)
        drawn = self.drawn(rows)
        strings = StringTable()
        indices = {name: strings.indices([self.strings[name][i] for i in drawn]) for name in _STRING_FIELDS}
        records = []
        for name in INCIDENT_POPUP_FIELDS:
            if name.endswith("*"):
                records.append(indices[name[:-1]])
            else:
                values = self.plain[name]
                records.append([values[i] for i in drawn])
        actor_index = {name: i for i, name in enumerate(palette)}
        payload = {
            "types": _type_table(),
            "palette": _palette_entries(palette, self.arabic_names(self.located_rows[drawn])),
            "x": [self.x[i] for i in drawn],
            "y": [self.y[i] for i in drawn],
            "k": [self.kinds[i] for i in drawn],
            "c": [actor_index.get(self.colour_keys[i], len(palette)) for i in drawn],
            "q": [self.precision[i] for i in drawn],
            "d": [self.days[i] for i in drawn],
            "s": strings.values,
            "p": [list(record) for record in zip(*records, strict=True)],
        }
        return LayerData(payload=payload, count=len(drawn), skipped=len(rows) - len(drawn),
                         sources=_ranked_sources(self.sources[i] for i in drawn))  # fmt: skip

    def arabic_names(self, rows: np.ndarray) -> dict[str, str]:
        """As :func:`arabic_names` of those rows."""
        first, second = self.actor_pairs
        return _most_used_names([first[i] for i in rows] + [second[i] for i in rows])

    def without_evidence(self) -> IncidentFeatures:
        """The same incidents with no evidence sentence in their popups (an overview links to the days instead)."""
        other = copy.copy(self)
        other.plain = {**self.plain, "evidence": [""] * len(self.plain["evidence"])}
        return other

    def place_names(self, rows: np.ndarray) -> dict[str, str]:
        """Incident id -> its place (Arabic and English) for ``rows``."""
        return {self.ids[i]: self.places[i] for i in rows}

    def located_geometries(self, rows: np.ndarray) -> np.ndarray:
        """The geometries of those of ``rows`` that are located, in order."""
        return self.geoms[self.drawn(rows)]


#: Between the Arabic and the English form of one name in the payload; the page shows the Arabic as the label and
#: the English beneath it, each in its own isolated element, never the two run together in one bidi paragraph.
LANG_SEP = "\t"


def _bilingual(primary: str, secondary: str) -> str:
    """``secondary`` (Arabic) and ``primary`` (English) as one payload string, Arabic first."""
    primary, secondary = primary.replace(LANG_SEP, " "), secondary.replace(LANG_SEP, " ")
    if primary and secondary and primary != secondary:
        return f"{secondary}{LANG_SEP}{primary}"
    return primary or secondary


def arabic_names(frame: Table) -> dict[str, str]:
    """Actor key -> the Arabic name reports use most for it (first and second actors alike)."""
    pairs = []
    for en_col, ar_col in (("actor1", "actor1_ar"), ("actor2", "actor2_ar")):
        texts = text_column(frame, ar_col)
        pairs.extend(zip(map(actor_key, text_column(frame, en_col), texts), texts, strict=True))
    return _most_used_names(pairs)


def _most_used_names(pairs: list[tuple[str, str]]) -> dict[str, str]:
    counts: dict[str, dict[str, int]] = {}
    for key, ar in pairs:
        if key and ar and ar != key:
            names = counts.setdefault(key, {})
            names[ar] = names.get(ar, 0) + 1
    return {key: max(names.items(), key=lambda kv: (kv[1], kv[0]))[0] for key, names in counts.items()}


def _palette_entries(palette: dict[str, str], names_ar: dict[str, str] | None = None) -> list[list[str]]:
    names_ar = names_ar or {}
    return [[_bilingual(name, names_ar.get(name, "")), colour] for name, colour in palette.items()] + [
        [_bilingual("Other or unknown sides", "أطراف أخرى أو غير معروفة"), OTHER_COLOR]
    ]


def _type_table() -> list[list[str]]:
    return [[EVENT_TYPES[t][0], t, EVENT_TYPES[t][1]] for t in EVENT_TYPES] + [[OTHER_TYPE[0], "", OTHER_TYPE[1]]]


def _empty_incidents(palette: dict[str, str]) -> dict:
    return {
        "types": _type_table(),
        "palette": _palette_entries(palette),
        "x": [], "y": [], "k": [], "c": [], "q": [], "d": [], "s": [], "p": [],
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------- closures
def closure_status(frame: Table) -> list[str]:
    """closed | partial | reopened, from ``status`` or else the sub-event type."""
    out = []
    for status, sub in zip(text_column(frame, "status"), text_column(frame, "sub_event_type"), strict=True):
        text = (status or sub).lower()
        if "reopen" in text or text == "open":
            out.append("reopened")
        elif "partial" in text:
            out.append("partial")
        else:
            out.append("closed")
    return out


def road_keys(frame: Table) -> list[str]:
    """Which reports speak of the same road: gazetteer id, else place name, else the geometry itself."""
    rows = Rows.of(frame)
    geoms = rows.geometry if rows.geometry is not None else [None] * len(rows)
    keys = []
    for place_id, location, geom in zip(text_column(rows, "place_id"), text_column(rows, "location"), geoms,
                                        strict=True):  # fmt: skip
        if place_id:
            keys.append("id:" + place_id)
        elif location:
            keys.append("name:" + location)
        else:
            keys.append("wkb:" + (shapely.to_wkb(geom, hex=True) if geom is not None else ""))
    return keys


@dataclass
class ClosureIntervals:
    """Closure reports with the days on which each is its road's latest status (see :func:`closure_intervals`):
    ``rows`` the reports (located ones, by road and then date), ``starts`` and ``ends`` day numbers (None:
    undated / while it is the newest), ``roads`` and ``statuses`` theirs; ``positions`` index the table given."""

    rows: Rows
    positions: np.ndarray
    starts: list[int | None]
    ends: list[int | None]
    roads: list[str]
    statuses: list[str]

    def take(self, order: np.ndarray | list[int]) -> ClosureIntervals:
        index = list(order)
        return ClosureIntervals(self.rows.take(index), self.positions[index], [self.starts[i] for i in index],
                                [self.ends[i] for i in index], [self.roads[i] for i in index],
                                [self.statuses[i] for i in index])  # fmt: skip


def road_intervals(closures: Table) -> ClosureIntervals:
    """Each located closure report with the days on which it is the road's latest status: from its date to the
    day before the road's next report (open-ended while it is the newest). Two reports of one road on one day:
    the later row wins, the earlier never shows. Reports are ordered by road, undated first, then by date."""
    table = Rows.of(closures)
    positions = np.flatnonzero(located_mask(table))
    rows = table.take(positions)
    starts = day_numbers(rows.values("event_date"))
    roads = road_keys(rows)
    order = sorted(range(len(rows)), key=lambda i: (roads[i], starts[i] is not None, starts[i] or 0))
    ends: list[int | None] = []
    kept: list[int] = []
    for k, i in enumerate(order):
        following = order[k + 1] if k + 1 < len(order) and roads[order[k + 1]] == roads[i] else None
        next_start = starts[following] if following is not None else None
        if next_start is not None and next_start == starts[i]:
            continue  # the same road reported again the same day: the later report holds
        kept.append(i)
        ends.append(None if next_start is None else next_start - 1)
    statuses = closure_status(rows)
    return ClosureIntervals(rows.take(kept), positions[kept], [starts[i] for i in kept], ends,
                            [roads[i] for i in kept], [statuses[i] for i in kept])  # fmt: skip


def closure_intervals(closures: pd.DataFrame) -> pd.DataFrame:
    """Each located closure report with ``_from``/``_to`` day numbers: the days on which it is the road's
    latest status (to = the day before the road's next report; None while it is the newest); see
    :func:`road_intervals`."""
    import pandas as pd

    intervals = road_intervals(closures)
    frame = closures.iloc[intervals.positions].copy()
    frame["_from"] = pd.Series(intervals.starts, index=frame.index, dtype=object)
    frame["_road"] = intervals.roads
    frame["_status"] = intervals.statuses
    frame["_to"] = pd.Series(intervals.ends, index=frame.index, dtype=object)
    return frame


def closure_data(closures: Table | None, *, latest_only: bool = True) -> LayerData:
    """The closures' layer: each road's latest report (``latest_only``), or every report with the days it holds
    (see :func:`road_intervals`)."""
    if closures is None or len(closures) == 0:
        return LayerData(payload={"items": []}, count=0)
    intervals = road_intervals(closures)
    skipped = int((~located_mask(closures)).sum())
    if latest_only:
        intervals = intervals.take([i for i, end in enumerate(intervals.ends) if end is None])
    frame = intervals.rows
    items = []
    for geom, status, start, end, popup in zip(
        geometry_json(frame.geometry),
        intervals.statuses,
        intervals.starts,
        intervals.ends,
        zip(
            text_column(frame, "incident_id"),
            text_column(frame, "sub_event_type"),
            [
                _bilingual(a, b)
                for a, b in zip(text_column(frame, "location"), text_column(frame, "place_name_ar"), strict=True)
            ],  # fmt: skip
            [
                _bilingual(a, b)
                for a, b in zip(text_column(frame, "actor1"), text_column(frame, "actor1_ar"), strict=True)
            ],  # fmt: skip
            text_column(frame, "evidence"),
            text_column(frame, "source"),
            _urls(text_column(frame, "source_urls")),
            strict=True,
        ),
        strict=True,
    ):
        items.append({"g": geom, "s": status, "f": start, "t": end, "since": day_to_iso(start), "p": list(popup)})
    return LayerData(payload={"items": items}, count=len(items), skipped=skipped, sources=sources_of(frame))


# ----------------------------------------------------------------------------- frontlines, control areas
def _validity(frame: Table) -> tuple[list[int | None], list[int | None]]:
    rows = Rows.of(frame)
    return day_numbers(rows.values("valid_from")), day_numbers(rows.values("valid_to"))


def frontline_data(frontlines: Table | None, incidents: Table | None = None) -> LayerData:
    """Lines with method, sides and validity; an estimate also carries its band half-width ``w`` (metres) and the
    incidents it rests on ``e`` ([id, date, place]), the place looked up in ``incidents`` when they are given."""
    if frontlines is None or len(frontlines) == 0:
        return LayerData(payload={"items": []}, count=0)
    names_ar: dict[str, str] = {}
    places: dict[str, str] = {}
    if incidents is not None and len(incidents):
        names_ar = arabic_names(incidents)
        places = dict(zip(text_column(incidents, "incident_id"),
                          [_bilingual(a, b) for a, b in zip(text_column(incidents, "location"),
                                                            text_column(incidents, "place_name_ar"), strict=True)],
                          strict=True))  # fmt: skip
    return frontline_layer(frontlines, names_ar, places)


def frontline_layer(frontlines: Table | None, names_ar: dict[str, str], places: dict[str, str]) -> LayerData:
    """:func:`frontline_data` given the incidents' Arabic actor names and places (incident id -> place)."""
    if frontlines is None or len(frontlines) == 0:
        return LayerData(payload={"items": []}, count=0)
    located = located_mask(frontlines)
    frame = Rows.of(frontlines).take(np.flatnonzero(located))
    starts, ends = _validity(frame)
    methods = [m.lower() if m in ("estimated", "imported", "derived") else (m.lower() or "imported")
               for m in text_column(frame, "method")]  # fmt: skip
    items = []
    for g, m, a, b, f, t, src, i in zip(
        geometry_json(frame.geometry), methods, text_column(frame, "side_a"), text_column(frame, "side_b"),
        starts, ends, text_column(frame, "source"), text_column(frame, "frontline_id"), strict=True,
    ):  # fmt: skip
        item = {
            "g": g,
            "m": m,
            "a": _bilingual(a, names_ar.get(a, "")),
            "b": _bilingual(b, names_ar.get(b, "")),
            "f": f,
            "t": t,
            "src": src,
            "id": i,
        }
        if m == "estimated":
            band, evidence = parse_estimate(src)
            item["w"] = band or 1000
            item["win"] = WINDOW_DAYS
            item["e"] = [[incident_id, day, places.get(incident_id, "")] for incident_id, day in evidence]
            item["src"] = src.split(":", 1)[0]
        items.append(item)
    return LayerData(payload={"items": items}, count=len(items), skipped=int((~located).sum()),
                     sources=_ranked_sources(item["src"] for item in items))  # fmt: skip


def control_data(control: Table | None, palette: dict[str, str]) -> LayerData:
    if control is None or len(control) == 0:
        return LayerData(payload={"items": []}, count=0)
    located = located_mask(control)
    frame = Rows.of(control).take(np.flatnonzero(located))
    starts, ends = _validity(frame)
    actors = control_sides(frame)
    items = [
        {"g": g, "a": a, "c": palette.get(a, OTHER_COLOR), "f": f, "t": t}
        for g, a, f, t in zip(geometry_json(frame.geometry), actors, starts, ends, strict=True)
    ]
    return LayerData(payload={"items": items}, count=len(items), skipped=int((~located).sum()),
                     sources=sources_of(frame))  # fmt: skip


def boundary_data(boundaries: Table | None) -> LayerData:
    """Admin boundaries given by the caller: outline plus a name (Arabic first) shown on hover."""
    if boundaries is None or len(boundaries) == 0:
        return LayerData(payload={"items": []}, count=0)
    located = located_mask(boundaries)
    frame = Rows.of(boundaries).take(np.flatnonzero(located))
    names = next((text_column(frame, c) for c in ("NAME_ARA", "name_ar", "NAME_A", "name", "NAME_EN", "NAME")
                  if frame.has(c)), [""] * len(frame))  # fmt: skip
    geoms = shapely.simplify(frame.geometry, 0.001, preserve_topology=True)
    items = [{"g": g, "n": n} for g, n in zip(geometry_json(geoms), names, strict=True)]
    return LayerData(payload={"items": items}, count=len(items), skipped=int((~located).sum()))
