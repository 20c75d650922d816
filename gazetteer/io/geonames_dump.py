"""Importer for the GeoNames dump format (``SY.txt`` + ``alternateNamesV2.txt``).

The country dump is tab-separated with 19 columns (geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 … admin4,
population, elevation, dem, timezone, modification date). Arabic names come from the
alternate-names file (``isolanguage`` ``ar``, preferred first, historic ones left out) and
from the Arabic-script entries of the ``alternatenames`` column. Rows without any Arabic name
are skipped quietly: an Arabic gazetteer cannot match them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from os import PathLike
from pathlib import Path

from shapely.geometry import Point

from gazetteer.ids import country_id, syria_governorate_id
from gazetteer.io.errors import ImportReport, SourceError
from gazetteer.model import Kind, Place

GEONAMES_LICENCE = "CC BY 4.0 (GeoNames)"
N_COLUMNS = 19
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")

#: Kind from the GeoNames feature code; populated places (class P) are graded by population.
FEATURE_KIND: dict[str, Kind] = {
    "PCLI": Kind.COUNTRY,
    "PCLD": Kind.COUNTRY,
    "PCLS": Kind.COUNTRY,
    "PCLIX": Kind.COUNTRY,
    "ADM1": Kind.GOVERNORATE,
    "ADM2": Kind.DISTRICT,
    "ADM3": Kind.SUBDISTRICT,
    "PPLC": Kind.CITY,
    "PPLA": Kind.CITY,
    "PPLX": Kind.NEIGHBOURHOOD,
    "HSP": Kind.HOSPITAL,
    "HSPC": Kind.HOSPITAL,
    "RD": Kind.ROAD,
    "RDJCT": Kind.ROUNDABOUT,
    "RGN": Kind.REGION,
    "PSTB": Kind.CROSSING,
    "PSTC": Kind.CROSSING,
}
UNCERTAINTY_M = {Kind.CITY: 3000.0, Kind.TOWN: 1500.0, Kind.VILLAGE: 700.0, Kind.NEIGHBOURHOOD: 500.0}


def kind_of(feature_class: str, feature_code: str, population: int) -> Kind:
    """Map a GeoNames feature class/code to a :class:`Kind`."""
    if feature_code in FEATURE_KIND:
        return FEATURE_KIND[feature_code]
    if feature_class == "P":
        if population >= 100_000 or feature_code == "PPLA2":
            return Kind.CITY
        return Kind.TOWN if population >= 10_000 or feature_code == "PPLA3" else Kind.VILLAGE
    if feature_class == "A":
        return Kind.DISTRICT if feature_code.startswith("ADM") else Kind.REGION
    if feature_class == "L":
        return Kind.REGION
    return Kind.LANDMARK


def read_alternate_names(path: str | PathLike[str], language: str = "ar") -> dict[str, list[str]]:
    """Names per geonameid in one language from ``alternateNamesV2.txt`` (preferred first).

    Historic and colloquial names are left out. The file is streamed: the world file is large.
    """
    preferred: dict[str, list[str]] = defaultdict(list)
    others: dict[str, list[str]] = defaultdict(list)
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8", errors="strict", newline="")
    except OSError as exc:
        raise SourceError(p, None, f"cannot read file ({exc.strerror or exc})") from exc
    with handle:
        lineno = 0
        try:
            for lineno, line in enumerate(handle, start=1):  # noqa: B007 - lineno used on error
                cols = line.rstrip("\r\n").split("\t")
                if len(cols) < 4:
                    if line.strip():
                        raise SourceError(p, lineno, f"expected at least 4 tab-separated columns, got {len(cols)}")
                    continue
                if cols[2] != language:
                    continue
                historic = len(cols) > 7 and cols[7] == "1"
                colloquial = len(cols) > 6 and cols[6] == "1"
                name = cols[3].strip()
                if not name or historic or colloquial:
                    continue
                target = preferred if len(cols) > 4 and cols[4] == "1" else others
                if name not in target[cols[1]]:
                    target[cols[1]].append(name)
        except UnicodeDecodeError as exc:
            raise SourceError(p, lineno + 1, f"invalid UTF-8 ({exc.reason})") from exc
    out: dict[str, list[str]] = {}
    for gid in preferred.keys() | others.keys():
        names = preferred.get(gid, []) + [n for n in others.get(gid, []) if n not in preferred.get(gid, [])]
        out[gid] = names
    return out


def _read_rows(path: Path, report: ImportReport, strict: bool) -> list[tuple[int, list[str]]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, None, f"cannot read file ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise SourceError(path, None, "empty file")
    rows: list[tuple[int, list[str]]] = []
    for lineno, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as exc:
            if strict:
                raise SourceError(path, lineno, f"invalid UTF-8 ({exc.reason})") from exc
            report.read += 1
            report.skip(lineno, f"invalid UTF-8 ({exc.reason})")
            continue
        cols = text.split("\t")
        if len(cols) != N_COLUMNS:
            if not rows and len(cols) < N_COLUMNS:
                raise SourceError(path, lineno, f"not a GeoNames dump: {len(cols)} columns, expected {N_COLUMNS}")
            if strict:
                raise SourceError(path, lineno, f"{len(cols)} columns, expected {N_COLUMNS}")
            report.read += 1
            report.skip(lineno, f"{len(cols)} columns, expected {N_COLUMNS}")
            continue
        rows.append((lineno, cols))
    return rows


def read_geonames_dump(
    path: str | PathLike[str],
    alternate_names_path: str | PathLike[str] | None = None,
    *,
    report: ImportReport | None = None,
    strict: bool = False,
) -> Iterator[Place]:
    """Places with an Arabic name from a GeoNames country dump; ids ``geonames:<geonameid>``.

    Parents (country → first-level → second-level admin) are linked through the admin rows of
    the same dump; ``admin1``/``admin2`` carry their Arabic names where known.
    """
    p = Path(path)
    report = report if report is not None else ImportReport()
    report.path = str(p)
    rows = _read_rows(p, report, strict)
    arabic = read_alternate_names(alternate_names_path) if alternate_names_path else {}

    def names_of(cols: list[str]) -> list[str]:
        names = list(arabic.get(cols[0], []))
        for alt in cols[3].split(","):
            alt = alt.strip()
            if alt and ARABIC.search(alt) and not LATIN.search(alt) and alt not in names:
                names.append(alt)
        return names

    # admin rows of the dump, to link parents: (country, admin1[, admin2]) -> geonameid, names
    admin_ids: dict[tuple[str, ...], str] = {}
    admin_names: dict[str, str] = {}
    for _, cols in rows:
        code = cols[7]
        key: tuple[str, ...] | None = None
        if code in ("PCLI", "PCLD", "PCLS", "PCLIX"):
            key = (cols[8],)
        elif code == "ADM1":
            key = (cols[8], cols[10])
        elif code == "ADM2":
            key = (cols[8], cols[10], cols[11])
        if key is not None:
            admin_ids.setdefault(key, cols[0])
            ar = names_of(cols)
            admin_names[cols[0]] = ar[0] if ar else ""

    for lineno, cols in rows:
        report.read += 1
        gid = cols[0].strip()
        if not gid.isdigit():
            _problem(p, lineno, f"bad geonameid {gid!r}", report, strict)
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            _problem(p, lineno, f"bad coordinates {cols[4]!r}, {cols[5]!r}", report, strict)
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            _problem(p, lineno, f"coordinates out of range ({lat}, {lon})", report, strict)
            continue
        names = names_of(cols)
        if not names:
            report.skip(lineno, "no Arabic name", quiet=True)
            continue
        population = int(cols[14]) if cols[14].strip().lstrip("-").isdigit() else 0
        kind = kind_of(cols[6], cols[7], population)
        country, a1, a2 = cols[8], cols[10], cols[11]
        chain = [(country,), (country, a1), (country, a1, a2)]
        if kind is Kind.COUNTRY:
            chain = []
        elif kind is Kind.GOVERNORATE:
            chain = chain[:1]
        elif kind is Kind.DISTRICT:
            chain = chain[:2]
        parent_ids = tuple(_parent_id(k, admin_ids[k]) for k in chain if k in admin_ids and admin_ids[k] != gid)
        admin1 = admin_names.get(admin_ids.get((country, a1), ""), "")
        admin2 = admin_names.get(admin_ids.get((country, a1, a2), ""), "")
        latin = tuple(dict.fromkeys(n for n in (cols[1], cols[2]) if n))
        report.kept += 1
        yield Place(
            id=f"geonames:{gid}",
            name_ar=names[0],
            aliases_ar=tuple(names[1:]),
            kind=kind,
            geometry=Point(lon, lat),
            name_en=cols[1],
            names_latin=latin,
            parents=parent_ids,
            country_code=country,
            admin1=admin1 if kind is not Kind.GOVERNORATE else names[0],
            admin2=admin2 if kind is not Kind.DISTRICT else names[0],
            population=population,
            importance=min(1.0, population / 2_000_000) if population else 0.0,
            uncertainty_m=UNCERTAINTY_M.get(kind, 0.0),
            source=f"GeoNames {gid}",
            licence=GEONAMES_LICENCE,
        )


def _parent_id(key: tuple[str, ...], geonameid: str) -> str:
    """The shared id of a country or Syrian governorate (:mod:`gazetteer.ids`), else the
    GeoNames id of the admin row."""
    if len(key) == 1:
        return country_id(key[0])
    if len(key) == 2 and key[0] == "SY":
        return syria_governorate_id(key[1]) or f"geonames:{geonameid}"
    return f"geonames:{geonameid}"


def _problem(path: Path, row: int, reason: str, report: ImportReport, strict: bool) -> None:
    if strict:
        raise SourceError(path, row, reason)
    report.skip(row, reason)
