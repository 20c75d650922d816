"""Importers for the OCHA Syria common operational datasets (CODs).

Three files feed the gazetteer: admin polygons (``syr_admin1.geojson`` governorates,
``syr_admin2.geojson`` districts), community points (``syr_admin4_point.geojson``, pcodes
``C1007`` …) and the Aleppo city neighbourhoods (``city_neighbourhoods`` as JSON with WKT
polygons, pcodes ``N0119`` …). Each importer yields :class:`~gazetteer.model.Place` objects and
notes skipped or repaired rows in an optional :class:`~gazetteer.io.errors.ImportReport`.

Some OCHA Arabic names were cut mid-character when the dataset was exported; the files are
therefore decoded with ``errors="replace"`` and the damaged tail (from U+FFFD on) is dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from gazetteer.ids import country_id
from gazetteer.io.errors import ImportReport, SourceError
from gazetteer.model import Kind, Place
from gazetteer.words import is_ordinary_word

#: Id of the country row for Syria (a curated row); OCHA parent chains start with it.
SYRIA_ID = country_id("SY")
OCHA_SOURCE = "OCHA Syria COD"
OCHA_LICENCE = "CC BY-IGO (OCHA, via HDX)"
REPLACEMENT = "\ufffd"

#: Community kind from ``CAPIT_LVL`` (capital level): governorate and district capitals are
#: cities, subdistrict centres (3, and the single 0) towns, every other community a village.
CAPITAL_LEVEL_KIND: dict[int | None, Kind] = {1: Kind.CITY, 2: Kind.CITY, 3: Kind.TOWN, 0: Kind.TOWN}
COMMUNITY_UNCERTAINTY_M = {Kind.CITY: 3000.0, Kind.TOWN: 1500.0, Kind.VILLAGE: 700.0}
COMMUNITY_IMPORTANCE = {1: 0.9, 2: 0.7, 3: 0.5, 0: 0.5}

PathType = str | PathLike[str]


# --------------------------------------------------------------------------- shared helpers


def read_text(path: PathType, *, strict: bool = False) -> str:
    """Read a UTF-8 file; with ``strict`` a decoding error is a SourceError naming its line."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise SourceError(p, None, f"cannot read file ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise SourceError(p, None, "empty file")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if strict:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise SourceError(p, line, f"invalid UTF-8 at byte {exc.start}") from exc
        return raw.decode("utf-8", errors="replace")


def load_json(path: PathType) -> Any:
    """Parse a JSON file tolerating broken UTF-8 inside strings (repaired later, per name)."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, None, f"not valid JSON (line {exc.lineno}: {exc.msg})") from exc


def load_features(path: PathType, data: Any = None) -> list[dict]:
    """The features of a GeoJSON FeatureCollection (``data`` if already parsed), or a SourceError."""
    data = load_json(path) if data is None else data
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise SourceError(path, None, "not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise SourceError(path, None, "GeoJSON without a 'features' list")
    if not features:
        raise SourceError(path, None, "GeoJSON with no features")
    return features


def require_columns(path: PathType, features: list[dict], columns: Iterable[str]) -> None:
    """Fail when a required property is absent from every feature (a wrong file or version)."""
    seen: set[str] = set()
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict):
            seen.update(props)
    missing = [c for c in columns if c not in seen]
    if missing:
        raise SourceError(path, None, f"missing required column(s) {', '.join(missing)}")


def clean_name(value: Any) -> tuple[str, bool]:
    """Strip a name and drop a damaged tail from the first U+FFFD on; says whether it was cut."""
    if value is None:
        return "", False
    text = " ".join(str(value).split())
    if REPLACEMENT not in text:
        return text, False
    return text.split(REPLACEMENT, 1)[0].strip(" _-"), True


def split_alternatives(name: str, *, english: str = "") -> list[str]:
    """Split OCHA compound names (``المعلقة_بشلامون``) into alternatives, primary first.

    ``_`` always separates alternatives; ``-`` does only when the English name is compound too
    (``Eastern Ashrafiyeh - Eastern Dweir``), since real names may contain a hyphen.
    """
    parts = name.split("_")
    if " - " in english:
        parts = [q for p in parts for q in p.split("-")]
    out: list[str] = []
    for part in parts:
        part = part.strip(" -")
        if part and part not in out:
            out.append(part)
    return out


def names_from(value: Any, *, english: str, report: ImportReport | None, row: int) -> list[str]:
    """Arabic alternatives of one OCHA name, with a truncated last alternative dropped.

    A cut alternative (``فاطسة عبد الاس``) would be a false name; it is dropped when another
    alternative remains. A cut single name keeps its intact part (``… الجديد``): cutting it back
    to whole words would name a different place.
    """
    text, cut = clean_name(value)
    alternatives = split_alternatives(text, english=english)
    if not cut:
        return alternatives
    head = " ".join(str(value).split()).split(REPLACEMENT, 1)[0]
    dropped = ""
    if len(alternatives) > 1 and not head.endswith(("_", "-", " ")):
        dropped = alternatives.pop()
    if report is not None:
        note = f"truncated Arabic name, dropped tail {dropped!r}" if dropped else "truncated Arabic name"
        report.repair(row, note)
    return alternatives


def valid_geometry(
    geom: BaseGeometry | None, *, report: ImportReport | None, row: int, strict: bool, path: PathType
) -> BaseGeometry | None:
    """Return a valid, non-empty geometry (``make_valid`` on invalid polygons) or None to skip."""
    if geom is None or geom.is_empty:
        return _row_problem(path, row, "missing or empty geometry", report, strict)
    if geom.geom_type == "MultiPoint" and len(geom.geoms) == 1:
        geom = geom.geoms[0]
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return _row_problem(path, row, f"coordinates out of range {geom.bounds}", report, strict)
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        fixed = shapely.make_valid(geom)
        if fixed.geom_type == "GeometryCollection":
            polygons = [g for g in fixed.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
            fixed = shapely.union_all(polygons) if polygons else fixed
        if fixed.is_empty or not fixed.is_valid:
            return _row_problem(path, row, f"invalid geometry ({reason})", report, strict)
        if report is not None:
            report.repair(row, f"invalid geometry made valid ({reason})")
        geom = fixed
    return geom


def _row_problem(path, row, reason, report, strict):
    if strict:
        raise SourceError(path, row, reason)
    if report is not None:
        report.skip(row, reason)
    return None


def _geometry_of(feature: dict, path: PathType, row: int, report, strict) -> BaseGeometry | None:
    raw = feature.get("geometry")
    if raw is None:
        return None
    try:
        return shape(raw)
    except Exception as exc:  # shapely raises several types for malformed GeoJSON geometry
        _row_problem(path, row, f"unreadable geometry ({exc})", report, strict)
        return None


def _start(path: PathType, report: ImportReport | None) -> ImportReport:
    report = report if report is not None else ImportReport()
    report.path = str(path)
    return report


def _named_features(features: list, path: PathType, report: ImportReport, strict: bool):
    """The rows of an OCHA feature list that have a pcode and an Arabic name, with those parsed.

    Yields ``(row, feature, properties, pcode, english_name, arabic_names)``; other rows are
    reported (or raise, when ``strict``).
    """
    for row, feature in enumerate(features, start=1):
        report.read += 1
        props = (feature.get("properties") if isinstance(feature, dict) else None) or {}
        pcode = str(props.get("PCODE") or "").strip()
        if not pcode:
            _row_problem(path, row, "missing PCODE", report, strict)
            continue
        english = str(props.get("NAME_EN") or "").strip()
        names = names_from(props.get("NAME_ARA"), english=english, report=report, row=row)
        if not names:
            _row_problem(path, row, "missing NAME_ARA", report, strict)
            continue
        yield row, feature, props, pcode, english, names


# --------------------------------------------------------------------------- admin polygons


def read_ocha_admin(
    path: PathType, level: int | None = None, *, report: ImportReport | None = None, strict: bool = False
) -> Iterator[Place]:
    """Governorates (level 1) or districts (level 2) from an OCHA admin polygon GeoJSON.

    The level is detected from the columns when not given: district files carry
    ``ADMIN1_COD``. Ids are ``ocha:<pcode>`` (``ocha:SY02``, ``ocha:SY0200``).
    """
    report = _start(path, report)
    features = load_features(path)
    props0 = {k for f in features if isinstance(f, dict) for k in (f.get("properties") or {})}
    if level is None:
        level = 2 if "ADMIN1_COD" in props0 else 1
    if level not in (1, 2):
        raise SourceError(path, None, f"unsupported admin level {level}")
    required = ["PCODE", "NAME_ARA", "NAME_EN"] + (["ADMIN1_COD"] if level == 2 else [])
    require_columns(path, features, required)
    kind = Kind.GOVERNORATE if level == 1 else Kind.DISTRICT
    for row, feature, props, pcode, english, names in _named_features(features, path, report, strict):
        geom = valid_geometry(
            _geometry_of(feature, path, row, report, strict), report=report, row=row, strict=strict, path=path
        )
        if geom is None:
            continue
        latin = tuple(dict.fromkeys(n for n in (english, str(props.get("NAM_EN_REF") or "")) if n))
        if level == 1:
            parents: tuple[str, ...] = (SYRIA_ID,)
            admin1, admin2 = names[0], ""
        else:
            parents = (SYRIA_ID, f"ocha:{props['ADMIN1_COD']}")
            admin1 = clean_name(props.get("ADMIN1_ARA"))[0]
            admin2 = names[0]
        report.kept += 1
        yield Place(
            id=f"ocha:{pcode}",
            name_ar=names[0],
            aliases_ar=tuple(names[1:]),
            kind=kind,
            geometry=geom,
            name_en=english,
            names_latin=latin,
            parents=parents,
            country_code="SY",
            admin1=admin1,
            admin2=admin2,
            importance=0.8 if level == 1 else 0.6,
            source=f"{OCHA_SOURCE} admin{level} {pcode}",
            licence=OCHA_LICENCE,
        )


# --------------------------------------------------------------------------- community points


def read_ocha_communities(
    path: PathType, *, report: ImportReport | None = None, strict: bool = False
) -> Iterator[Place]:
    """Community points (cities, towns, villages) from ``syr_admin4_point.geojson``.

    Kind follows ``CAPIT_LVL`` (see :data:`CAPITAL_LEVEL_KIND`). Compound ``NAME_ARA`` values
    become a primary name plus aliases. Parents: Syria, the governorate, the district.
    """
    report = _start(path, report)
    features = load_features(path)
    require_columns(path, features, ["PCODE", "NAME_ARA", "ADMIN1_COD", "ADMIN2_COD"])
    for row, feature, props, pcode, english, names in _named_features(features, path, report, strict):
        geom = _geometry_of(feature, path, row, report, strict)
        if geom is None and props.get("LATITUDE") is not None and props.get("LONGITUDE") is not None:
            try:
                geom = Point(float(props["LONGITUDE"]), float(props["LATITUDE"]))
            except (TypeError, ValueError):
                geom = None
        geom = valid_geometry(geom, report=report, row=row, strict=strict, path=path)
        if geom is None:
            continue
        if geom.geom_type != "Point":
            geom = geom.representative_point()
        level = props.get("CAPIT_LVL")
        level = int(level) if isinstance(level, int | float) else None
        kind = CAPITAL_LEVEL_KIND.get(level, Kind.VILLAGE)
        admin1_code, admin2_code = props.get("ADMIN1_COD"), props.get("ADMIN2_COD")
        parents = (SYRIA_ID,) + tuple(f"ocha:{c}" for c in (admin1_code, admin2_code) if c)
        latin = tuple(dict.fromkeys(n for n in (english, str(props.get("NAM_EN_REF") or "")) if n))
        report.kept += 1
        yield Place(
            id=f"ocha:{pcode}",
            name_ar=names[0],
            aliases_ar=tuple(names[1:]),
            kind=kind,
            geometry=geom,
            name_en=english,
            names_latin=latin,
            parents=parents,
            country_code="SY",
            admin1=clean_name(props.get("ADMIN1_ARA"))[0],
            admin2=clean_name(props.get("ADMIN2_ARA"))[0],
            importance=COMMUNITY_IMPORTANCE.get(level, 0.2) if level is not None else 0.2,
            uncertainty_m=COMMUNITY_UNCERTAINTY_M[kind],
            source=f"{OCHA_SOURCE} communities {pcode}",
            licence=OCHA_LICENCE,
        )


# --------------------------------------------------------------------------- city neighbourhoods

#: Arabic admin names of the communities whose neighbourhood files we know, by community pcode.
COMMUNITY_ADMIN_AR = {"C1007": ("حلب", "جبل سمعان")}


def _generic(alternative: str) -> bool:
    """An alternative that names a kind of area, not a place (``المنطقة الصناعية``)."""
    return alternative.strip().startswith(("المنطقة", "منطقة"))


def read_ocha_neighbourhoods(
    path: PathType, *, report: ImportReport | None = None, strict: bool = False
) -> Iterator[Place]:
    """City neighbourhood polygons (OCHA ``city_neighbourhoods`` as JSON with WKT boundaries).

    Ids are ``ocha-nbhd:<pcode>``; the parent is the community (``ocha:C1007`` for Aleppo).
    """
    report = _start(path, report)
    data = load_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise SourceError(path, None, "not an OCHA neighbourhood file (no 'items' list)")
    items = data["items"]
    if not items:
        raise SourceError(path, None, "no neighbourhoods in 'items'")
    seen = {k for item in items if isinstance(item, dict) for k in item}
    missing = [c for c in ("pCode", "nameArabic") if c not in seen]
    if missing:
        raise SourceError(path, None, f"missing required column(s) {', '.join(missing)}")
    community = str(data.get("communityExternalPCode") or "C1007")
    gov = str(data.get("governorateCode") or "")
    dist = str(data.get("districtCode") or "")
    parents = [SYRIA_ID]
    if gov:
        parents.append(f"ocha:SY{gov}")
        if dist:
            parents.append(f"ocha:SY{gov}{dist}")
    parents.append(f"ocha:{community}")
    admin1, admin2 = COMMUNITY_ADMIN_AR.get(community, ("", ""))
    for row, item in enumerate(items, start=1):
        report.read += 1
        if not isinstance(item, dict):
            _row_problem(path, row, "item is not an object", report, strict)
            continue
        pcode = str(item.get("pCode") or "").strip()
        if not pcode:
            _row_problem(path, row, "missing pCode", report, strict)
            continue
        names = names_from(item.get("nameArabic"), english="", report=report, row=row)
        parts = [q.strip() for n in names for q in n.split("/") if q.strip()]
        names = parts[:1] + [q for q in parts[1:] if not _generic(q)]
        if not names:
            _row_problem(path, row, "missing nameArabic", report, strict)
            continue
        geom = None
        wkt = item.get("boundaryWkt")
        if wkt:
            try:
                geom = shapely.from_wkt(wkt)
            except shapely.errors.GEOSException as exc:
                _row_problem(path, row, f"unreadable WKT ({exc})", report, strict)
                continue
        elif item.get("centerLatitude") is not None and item.get("centerLongitude") is not None:
            geom = Point(float(item["centerLongitude"]), float(item["centerLatitude"]))
        geom = valid_geometry(geom, report=report, row=row, strict=strict, path=path)
        if geom is None:
            continue
        english = str(item.get("nameEnglish") or "").strip()
        report.kept += 1
        yield Place(
            id=f"ocha-nbhd:{pcode}",
            name_ar=names[0],
            aliases_ar=tuple(names[1:]),
            kind=Kind.NEIGHBOURHOOD,
            geometry=geom,
            name_en=english,
            names_latin=(english,) if english else (),
            parents=tuple(parents),
            country_code="SY",
            admin1=admin1,
            admin2=admin2,
            importance=0.4,
            source=f"OCHA city_neighbourhoods {pcode}",
            licence=OCHA_LICENCE,
            needs_cue=is_ordinary_word(names[0]),
        )
