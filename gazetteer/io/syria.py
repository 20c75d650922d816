"""The bundled Syria table: OCHA governorates, districts, communities and Aleppo neighbourhoods.

The default index must cover Syria without a manual import, but the OCHA and CSR source files are
large (7 MB of GeoJSON) and third-party: they are never copied into the project. Instead
``python -m gazetteer.io.syria`` reads them from ``../shared/data`` (or ``--shared DIR``) through
the same importers as ``gazetteer import`` and writes one compact derived table,
``gazetteer/data/syria.csv.gz``: one place a row, polygons simplified (governorates to ~500 m,
districts and neighbourhoods to ~100 m) and coordinates rounded to 5 decimals (~1 m). The CSR
Aleppo polygons add their aliases to the OCHA neighbourhood of the same name; the ones OCHA lacks
(landmarks, cemeteries, the airport) become rows of their own. ``gazetteer/data/syria_alt_names.csv``
adds Kurdish and other names of the main towns of the north-east and north-west, each row citing
its source and checked against OCHA's English name of its pcode.

:func:`read_syria` reads the table back (a quarter of a second for ~5,600 places).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import shapely

from gazetteer.io.errors import SourceError
from gazetteer.model import Kind, Place
from gazetteer.normalize import normalize_name

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SYRIA_TABLE = DATA_DIR / "syria.csv.gz"
ALT_NAMES = DATA_DIR / "syria_alt_names.csv"
DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"

COLUMNS = ("id", "kind", "name_ar", "aliases_ar", "name_en", "names_latin", "geometry_wkt", "parents",
           "country_code", "admin1", "admin2", "importance", "uncertainty_m", "source", "licence", "needs_cue")
#: Simplification tolerance in degrees by kind (~111 km a degree): enough for display and for
#: "inside the governorate" tests, a tenth of the raw size.
SIMPLIFY_DEG = {Kind.GOVERNORATE: 0.005, Kind.DISTRICT: 0.002, Kind.NEIGHBOURHOOD: 0.0003,
                Kind.LANDMARK: 0.0003, Kind.HOSPITAL: 0.0003}
ROUND_DIGITS = 5
CSR_SOURCE = "Columbia Center for Spatial Research, Aleppo neighbourhoods"
CSR_LICENCE = "MIT (CSR)"
#: CSR polygons that are not quarters, by the head of their Arabic name.
_CSR_LANDMARK_HEADS = ("قلعه", "مقبره", "حديقه", "ثكنه", "مطار", "جامعه", "الحديقه", "مقر")
_CSR_HOSPITAL_HEADS = ("المشفي", "مشفي", "مستشفي")


# --------------------------------------------------------------------------- building


def build_places(shared: Path = DEFAULT_SHARED) -> list[Place]:
    """Every Syrian place of the bundled table, read from the source files in ``shared``."""
    from gazetteer.io.generic import load_alias_file, read_table
    from gazetteer.io.ocha import read_ocha_admin, read_ocha_communities, read_ocha_neighbourhoods

    ocha, aleppo = shared / "ocha", shared / "aleppo"
    places: list[Place] = []
    places += read_ocha_admin(ocha / "syr_admin1.geojson", level=1)
    places += read_ocha_admin(ocha / "syr_admin2.geojson", level=2)
    communities = _with_alt_names(list(read_ocha_communities(ocha / "syr_admin4_point.geojson")), ALT_NAMES)
    communities, villages = _village_stems(communities, known=places + communities + _abroad())
    places += communities + villages
    quarters = list(read_ocha_neighbourhoods(aleppo / "neighbourhoods_ocha.json"))
    csr = list(read_table(aleppo / "neighbourhoods_csr.geojson", {"name_ar": "NAME_A", "name_en": "NAME", "id": "Id"},
                          kind=Kind.NEIGHBOURHOOD, id_prefix="csr-nbhd", country_code="SY",
                          aliases=load_alias_file(aleppo / "neighbourhood_aliases_csr.json")))
    places += _as_curated(_merge_csr(quarters, csr))
    return [_compact(p) for p in places]


def _with_article_toggled(name: str) -> set[str]:
    key = normalize_name(name)
    return {key, key[2:] if key.startswith("ال") else f"ال{key}"} if key else set()


def _as_curated(quarters: list[Place]) -> list[Place]:
    """Our curated file is the authority for the Aleppo names it holds. A quarter named like a
    curated quarter that needs a cue word (a person's name such as الشيخ سعيد, an ordinary word
    such as السكري) needs one too; an alias that names a curated place of its own (the CSR alias
    lists put landmarks such as القصر العدلي or الهلك under a neighbourhood) is left to that row."""
    from gazetteer.io.curated import read_curated

    cue_words, curated_names = set(), set()
    for place in read_curated():
        if place.country_code != "SY":
            continue
        for name in (place.name_ar, *place.aliases_ar):
            curated_names |= _with_article_toggled(name)
        if place.needs_cue and place.kind is Kind.NEIGHBOURHOOD:
            cue_words |= _with_article_toggled(place.name_ar)
    out = []
    for quarter in quarters:
        aliases = tuple(a for a in quarter.aliases_ar if not _with_article_toggled(a) & curated_names
                        or _with_article_toggled(a) & _with_article_toggled(quarter.name_ar))
        out.append(replace(quarter, aliases_ar=aliases,
                           needs_cue=quarter.needs_cue or normalize_name(quarter.name_ar) in cue_words))
    return out


def _with_alt_names(communities: list[Place], path: Path) -> list[Place]:
    """Communities with the curated alternative names of ``path`` added as aliases; a row whose
    pcode is missing or names another place (its ``name_en_ocha``) is an error naming its line."""
    by_pcode = {p.id.split(":", 1)[1]: i for i, p in enumerate(communities)}
    extra: dict[int, list[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            index = by_pcode.get(row["pcode"])
            if index is None:
                raise SourceError(path, reader.line_num, f"no OCHA community {row['pcode']}")
            if communities[index].name_en != row["name_en_ocha"]:
                raise SourceError(path, reader.line_num,
                                  f"{row['pcode']} is {communities[index].name_en!r}, not {row['name_en_ocha']!r}")
            if not row["source"].strip():
                raise SourceError(path, reader.line_num, "missing source")
            extra.setdefault(index, []).append(row["alias_ar"].strip())
    out = list(communities)
    for index, aliases in extra.items():
        place = out[index]
        out[index] = replace(place, aliases_ar=tuple(dict.fromkeys((*place.aliases_ar, *aliases))),
                             source=f"{place.source}; alternative names: gazetteer/data/syria_alt_names.csv")
    return out


#: the last word of an OCHA community's name that tells one part of a village split in two or more
#: (upper / lower, east / west, north / south, big / small, the qibla side), with or without the article
_PART_WORDS = frozenset(
    f"{article}{word}" for article in ("", "ال") for word in (
        "فوقاني", "تحتاني", "فوقا", "تحتا", "شرقي", "غربي", "شمالي", "جنوبي", "قبلي", "كبير", "صغير",
        "شرقيه", "غربيه", "شماليه", "جنوبيه", "كبيره", "صغيره", "كبري", "صغري"))
#: parts further apart than this are other places that share a word, not one village's parts
TWIN_SPREAD_KM = 10.0


def _abroad() -> list[Place]:
    """The bundled index's places outside Syria (GeoNames cities and regions): a village's stem that
    names one (بيت لحم) is left to it."""
    from gazetteer.io.geonames_cache import read_geonames_cache

    return [p for p in read_geonames_cache() if p.country_code != "SY"]


def _village_stems(communities: list[Place], known: list[Place]) -> tuple[list[Place], list[Place]]:
    """The names reporters give a village that OCHA lists only by its parts (رميلان for رميلان فوقاني
    and رميلان تحتاني; الباغوز for الباغوز فوقاني, OCHA's only part): for each stem that no place of
    ``known`` bears (article optional), a village at the mean point of its parts when there are several
    within :data:`TWIN_SPREAD_KM` of each other (its uncertainty half their spread; a stem that is a
    frequent Arabic word, دير "monastery", needs a cue word before it in running text), or an alias of
    the only part (unless the stem is a frequent word). ``known`` holds the places abroad too: a stem
    that names one (بيت لحم) is left to it. Returns the communities, some with an alias
    more, and the new villages."""
    from gazetteer.frequency import is_frequent_word
    from gazetteer.resolve import distance_km

    names = {key for place in known for name in (place.name_ar, *place.aliases_ar)
             for key in _with_article_toggled(name)}
    parts: dict[str, dict[str, int]] = {}
    for index, place in enumerate(communities):
        for name in (place.name_ar, *place.aliases_ar):
            words = normalize_name(name).split()
            if len(words) >= 2 and words[-1] in _PART_WORDS:
                stem = " ".join(words[:-1])
                if len(stem.replace(" ", "").removeprefix("ال")) >= 3 and not _with_article_toggled(stem) & names:
                    parts.setdefault(stem, {})[place.id] = index
    communities = list(communities)
    villages = []
    for stem, by_id in sorted(parts.items()):
        group = [communities[by_id[i]] for i in sorted(by_id)]
        if len(group) == 1:
            if not is_frequent_word(stem):
                index = by_id[group[0].id]
                communities[index] = replace(group[0], aliases_ar=(*group[0].aliases_ar, stem))
            continue
        spread = max(distance_km(a, b) for a in group for b in group)
        if spread > TWIN_SPREAD_KM:
            continue
        first = group[0]
        same = {(p.admin1, p.admin2, p.parents) for p in group}
        admin1, admin2, parents = same.pop() if len(same) == 1 else (first.admin1, "", first.parents[:2])
        pcodes = [p.id.split(":", 1)[1] for p in group]
        villages.append(Place(
            id=f"ocha-parts:{'-'.join(pcodes)}",
            name_ar=stem,
            kind=Kind.VILLAGE,
            geometry=shapely.Point(sum(p.lon for p in group) / len(group), sum(p.lat for p in group) / len(group)),
            name_en=" / ".join(p.name_en for p in group),
            parents=parents,
            country_code="SY",
            admin1=admin1,
            admin2=admin2,
            importance=max(p.importance for p in group),
            uncertainty_m=max(first.uncertainty_m, spread * 500.0),
            source=f"OCHA communities {', '.join(pcodes)}: the parts of one village, at their mean point",
            licence=first.licence,
            needs_cue=is_frequent_word(stem),
        ))
    return communities, villages


def _merge_csr(quarters: list[Place], csr: list[Place]) -> list[Place]:
    """OCHA quarters with the aliases of the CSR polygons of the same name (article optional);
    CSR polygons OCHA lacks are merged by name (several numbered parts, one place) and kept."""
    def keys(place: Place) -> set[str]:
        return {key for name in (place.name_ar, *place.aliases_ar) for key in _with_article_toggled(name)}

    by_key: dict[str, int] = {}
    for i, quarter in enumerate(quarters):
        for key in keys(quarter):
            by_key.setdefault(key, i)
    merged = list(quarters)
    own: dict[str, Place] = {}
    for place in csr:
        if not place.name_ar:
            continue
        index = next((by_key[k] for k in sorted(keys(place)) if k in by_key), None)
        if index is not None:
            base = merged[index]
            aliases = [a for a in (place.name_ar, *place.aliases_ar)
                       if normalize_name(a) not in {normalize_name(n) for n in (base.name_ar, *base.aliases_ar)}]
            if aliases:
                merged[index] = replace(base, aliases_ar=tuple(dict.fromkeys((*base.aliases_ar, *aliases))),
                                        source=f"{base.source}; aliases: {CSR_SOURCE}")
            continue
        key = normalize_name(place.name_ar)
        if key in own:
            first = own[key]
            own[key] = replace(first, geometry=shapely.union(first.geometry, place.geometry),
                               aliases_ar=tuple(dict.fromkeys((*first.aliases_ar, *place.aliases_ar))))
            continue
        head = key.split(" ", 1)[0]
        kind = (Kind.HOSPITAL if head in _CSR_HOSPITAL_HEADS else
                Kind.LANDMARK if head in _CSR_LANDMARK_HEADS else Kind.NEIGHBOURHOOD)
        own[key] = replace(place, kind=kind, parents=("local:country-sy", "ocha:SY02", "ocha:SY0200", "ocha:C1007"),
                           admin1="حلب", admin2="جبل سمعان", importance=0.4,
                           source=f"{CSR_SOURCE} {place.id.split(':', 1)[1]}", licence=CSR_LICENCE)
    return merged + list(own.values())


def _compact(place: Place) -> Place:
    geom = place.geometry
    tolerance = SIMPLIFY_DEG.get(place.kind)
    if tolerance and geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.simplify(geom, tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom, 10 ** -ROUND_DIGITS)
    if geom.is_empty or not geom.is_valid:
        geom = shapely.make_valid(shapely.set_precision(place.geometry, 10 ** -ROUND_DIGITS))
    return replace(place, geometry=geom)


def write_table(places: Iterable[Place], path: Path = SYRIA_TABLE) -> int:
    """Write places as gzip CSV (:data:`COLUMNS`), byte-identical for the same input (no time stamp)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for p in sorted(places, key=lambda p: p.id):
        writer.writerow([
            p.id, str(p.kind), p.name_ar, "|".join(p.aliases_ar), p.name_en, "|".join(p.names_latin),
            shapely.to_wkt(p.geometry, rounding_precision=ROUND_DIGITS, trim=True), "|".join(p.parents),
            p.country_code, p.admin1, p.admin2, f"{p.importance:g}", f"{p.uncertainty_m:g}", p.source, p.licence,
            "1" if p.needs_cue else "",
        ])
        count += 1
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(buffer.getvalue().encode("utf-8"))
    tmp.replace(path)
    return count


# --------------------------------------------------------------------------- reading


def read_syria(path: Path | None = None) -> Iterator[Place]:
    """The places of the bundled Syria table (built by :func:`write_table`)."""
    path = path or SYRIA_TABLE
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError) as exc:
        raise SourceError(path, None, f"cannot read the bundled Syria table ({exc})") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = tuple(next(reader, ()))
    if header != COLUMNS:
        raise SourceError(path, 1, "unexpected columns (rebuild with python -m gazetteer.io.syria)")
    rows = list(reader)
    geometries = shapely.from_wkt([row[6] for row in rows])
    for row, geom in zip(rows, geometries, strict=True):
        (pid, kind, name_ar, aliases, name_en, latin, _, parents, cc, admin1, admin2, importance, uncertainty,
         source, licence, needs_cue) = row
        yield Place(id=pid, name_ar=name_ar, kind=Kind(kind), geometry=geom, name_en=name_en,
                    aliases_ar=_split(aliases), names_latin=_split(latin), parents=_split(parents),
                    country_code=cc, admin1=admin1, admin2=admin2, importance=float(importance),
                    uncertainty_m=float(uncertainty), source=source, licence=licence, needs_cue=needs_cue == "1")


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("|")) if value else ()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build gazetteer/data/syria.csv.gz from the OCHA and CSR files.")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with ocha/ and aleppo/")
    parser.add_argument("--out", type=Path, default=SYRIA_TABLE)
    args = parser.parse_args(argv)
    places = build_places(args.shared)
    count = write_table(places, args.out)
    kinds: dict[str, int] = {}
    for p in places:
        kinds[str(p.kind)] = kinds.get(str(p.kind), 0) + 1
    print(f"{count} places to {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): "
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
