"""Loader for the curated places file bundled with the package (``data/curated_places.csv``).

The curated file holds what no open data set has (Aleppo neighbourhoods as named in the news,
roundabouts, hospitals, border crossings, roads as lines through real waypoints, regions,
countries). Every row cites its source and gives an uncertainty radius in metres; the columns
are described in ``gazetteer/data/README.md``. The loader is strict: the file is ours, so any
bad row is an error naming its line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from importlib import resources
from os import PathLike
from pathlib import Path

import shapely

from gazetteer.io.errors import ImportReport, SourceError
from gazetteer.io.ocha import read_text
from gazetteer.model import Kind, Place

CURATED_COLUMNS = (
    "id",
    "kind",
    "name_ar",
    "aliases_ar",
    "name_en",
    "geometry_wkt",
    "country_code",
    "admin1",
    "admin2",
    "parent_ids",
    "uncertainty_m",
    "source",
    "licence",
)
#: Optional columns (older files may lack them).
OPTIONAL_COLUMNS = ("needs_cue",)
TRUE_VALUES, FALSE_VALUES = frozenset({"1", "true", "yes"}), frozenset({"", "0", "false", "no"})
#: Geometry types allowed per kind: roads are lines, everything else a point or polygon.
LINE_KINDS = frozenset({Kind.ROAD})


def curated_path() -> Path:
    """Path of the bundled curated file (inside the installed package)."""
    return Path(str(resources.files("gazetteer") / "data" / "curated_places.csv"))


def read_curated(
    path: str | PathLike[str] | None = None, *, report: ImportReport | None = None, strict: bool = True
) -> Iterator[Place]:
    """Places of the curated file (the bundled one by default), in file order.

    Always strict (the file is ours); ``strict`` is accepted so that every importer takes the
    same options, and ``report`` is filled with the counts.
    """
    p = Path(path) if path is not None else curated_path()
    if report is not None:
        report.path = str(p)
    text = read_text(p, strict=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in CURATED_COLUMNS if c not in header]
    if missing:
        raise SourceError(p, 1, f"missing column(s) {', '.join(missing)}")
    seen: set[str] = set()
    for props in reader:
        line = reader.line_num
        if None in props:
            raise SourceError(p, line, "more cells than columns (quote fields that contain commas)")
        place_id = (props["id"] or "").strip()
        if not place_id or ":" not in place_id:
            raise SourceError(p, line, f"bad id {place_id!r} (want prefix:name)")
        if place_id in seen:
            raise SourceError(p, line, f"duplicate id {place_id}")
        seen.add(place_id)
        try:
            kind = Kind((props["kind"] or "").strip())
        except ValueError:
            raise SourceError(p, line, f"unknown kind {props['kind']!r}") from None
        name_ar = (props["name_ar"] or "").strip()
        if not name_ar:
            raise SourceError(p, line, "missing name_ar")
        try:
            geom = shapely.from_wkt(props["geometry_wkt"])
        except (shapely.errors.GEOSException, TypeError) as exc:
            raise SourceError(p, line, f"unreadable geometry_wkt ({exc})") from None
        if geom is None or geom.is_empty or not geom.is_valid:
            raise SourceError(p, line, "empty or invalid geometry")
        minx, miny, maxx, maxy = geom.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise SourceError(p, line, "coordinates out of range (want WGS84 lon lat)")
        if (kind in LINE_KINDS) != (geom.geom_type in ("LineString", "MultiLineString")):
            raise SourceError(p, line, f"{kind} with a {geom.geom_type} geometry")
        try:
            uncertainty = float(props["uncertainty_m"] or 0)
        except ValueError:
            raise SourceError(p, line, f"bad uncertainty_m {props['uncertainty_m']!r}") from None
        if not (props["source"] or "").strip():
            raise SourceError(p, line, "missing source")
        needs_cue = (props.get("needs_cue") or "").strip().lower()
        if needs_cue not in TRUE_VALUES | FALSE_VALUES:
            raise SourceError(p, line, f"bad needs_cue {props['needs_cue']!r} (want 1 or empty)")
        if report is not None:
            report.read += 1
            report.kept += 1
        yield Place(
            id=place_id,
            name_ar=name_ar,
            aliases_ar=_split(props["aliases_ar"]),
            kind=kind,
            geometry=geom,
            name_en=(props["name_en"] or "").strip(),
            names_latin=(props["name_en"].strip(),) if (props["name_en"] or "").strip() else (),
            parents=_split(props["parent_ids"]),
            country_code=(props["country_code"] or "").strip(),
            admin1=(props["admin1"] or "").strip(),
            admin2=(props["admin2"] or "").strip(),
            importance=_importance(kind),
            uncertainty_m=uncertainty,
            source=props["source"].strip(),
            licence=(props["licence"] or "").strip(),
            needs_cue=needs_cue in TRUE_VALUES,
        )


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (value or "").split("|") if s.strip())


def _importance(kind: Kind) -> float:
    """Curated rows are what the news names: rank them above same-named villages."""
    return {Kind.COUNTRY: 1.0, Kind.REGION: 0.8, Kind.ROAD: 0.7, Kind.CROSSING: 0.7}.get(kind, 0.6)
