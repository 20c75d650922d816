"""``gazetteer`` command: lookup, find, import, stats, export.

Mounted by ``geo-incidents`` through :func:`register`; :func:`main` runs it alone
(``python -m gazetteer.cli lookup حلب``). ``--json`` prints exactly one JSON document:
``{"query", "candidates": [Candidate.to_dict()]}`` for lookup and
``{"mentions": [{"start", "end", "surface", "name", "cue", "candidates"}]}`` for find.
``-v``, ``-q`` and ``--json`` are accepted by every sub-command, before or after it (:func:`add_common_flags`).
Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 nothing found or a failure (bad
file, no index), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from gazetteer.model import Kind

EXPORT_FORMATS = {"geojson": "GeoJSON", "gpkg": "GPKG", "csv": "CSV"}


class CommandError(Exception):
    """A failure to report on stderr with exit code 1."""


class UsageError(Exception):
    """A usage problem found after parsing (a bad combination of options): exit code 2."""


class CommandParser(argparse.ArgumentParser):
    """An argument parser whose errors carry the program's one prefix (``geo-incidents: error: …``),
    whichever sub-command they come from; sub-commands inherit it."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog.split()[0]}: error: {message}\n")


def add_common_flags(parser: argparse.ArgumentParser) -> None:
    """``-v``, ``-q`` and ``--json`` on ``parser`` and every sub-command below it, so that they work in
    any position (``geo-incidents -v export …`` and ``geo-incidents export … -v``).

    Their defaults are suppressed, so a flag given before the sub-command is not reset by the
    sub-command's parser; :func:`common_flags` reads them with their defaults.
    """
    if "--json" not in parser._option_string_actions:
        group = parser.add_argument_group("common options")
        group.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                           help="details (and tracebacks) on stderr")
        group.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                           help="no progress bars or messages; errors only")
        group.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                           help="print the result as JSON on stdout")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                add_common_flags(child)


def common_flags(args: argparse.Namespace) -> argparse.Namespace:
    """Fill in ``verbose``, ``quiet`` and ``json`` (False when not given); ``-v`` with ``-q`` is a usage error."""
    for name in ("verbose", "quiet", "json"):
        setattr(args, name, bool(getattr(args, name, False)))
    if args.verbose and args.quiet:
        raise UsageError("-v/--verbose and -q/--quiet exclude each other")
    return args


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``gazetteer`` command (and its subcommands) to a parent CLI."""
    parser = subparsers.add_parser("gazetteer", help="look up Arabic place names, find them in text, manage the index")
    _fill(parser)
    add_common_flags(parser)
    return parser


def _fill(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", type=Path, metavar="PATH",
                        help="use this index file instead of the bundled default")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR",
                        help="cache folder of the default index "
                        "(default $GEO_INCIDENTS_CACHE or ~/.cache/geo-incidents)")
    sub = parser.add_subparsers(dest="gazetteer_command", metavar="COMMAND")
    sub.required = True

    lookup = sub.add_parser("lookup", help="ranked candidates for a place name")
    lookup.add_argument("name", metavar="NAME")
    lookup.add_argument("--near", metavar="PLACE", help="favour places near this one (id or name)")
    lookup.add_argument("--kind", metavar="KIND", help="only places of this kind (city, neighbourhood …)")
    lookup.add_argument("--limit", type=positive_int, default=10, metavar="N", help="at most N candidates")
    lookup.add_argument("--no-fuzzy", dest="fuzzy", action="store_false", help="exact names only")
    _online_options(lookup)
    lookup.set_defaults(handler=_cmd_lookup)

    find = sub.add_parser("find", help="place mentions in a text file (or - for stdin)")
    find.add_argument("file", metavar="FILE|-")
    find.add_argument("--all", action="store_true", help="list every candidate, not only the best")
    _online_options(find)
    find.set_defaults(handler=_cmd_find)

    imp = sub.add_parser("import", help="import places from a source file into the index")
    imp.add_argument("kind", metavar="KIND", help="importer: " + ", ".join(sorted(_importers())))
    imp.add_argument("path", type=Path, metavar="PATH")
    imp.add_argument("--map", action="append", default=[], metavar="COL=FIELD",
                     help="column mapping for the table importer (repeatable), e.g. NAME_A=name_ar")
    imp.add_argument("--kind", dest="place_kind", metavar="KIND",
                     help="feature kind of every row, for the table importer (city, neighbourhood …)")
    imp.add_argument("--id-prefix", metavar="PREFIX",
                     help="id prefix of the table's places (PREFIX:<row id>), so that two imported tables do not "
                          "replace each other's rows; default: the file name, e.g. csr-neighbourhoods")
    imp.add_argument("--aliases", type=Path, metavar="PATH",
                     help="alias file for the table importer: {\"name\": [\"alias\", …]} or the CSR alias format")
    imp.add_argument("--strict", action="store_true", help="stop at the first bad row")
    imp.set_defaults(handler=_cmd_import)

    add = sub.add_parser(
        "add", help="add a place you know (kept with the imported places; the default index picks it up)",
        description="Add one place to the imported places (or to --index), e.g. a neighbourhood, a checkpoint or a "
        "village missing from the bundled data. The id is user:<slug of the English name, or of --id>; adding the "
        "same id again replaces the place. The next run (run --reextract for stored articles) resolves its names.",
    )
    add.add_argument("name_ar", metavar="NAME_AR", help="the Arabic name as reports write it")
    add.add_argument("--at", required=True, type=_lat_lon, metavar="LAT,LON", help="its point, WGS84")
    add.add_argument("--kind", dest="place_kind", required=True, metavar="KIND",
                     help="what it is: " + ", ".join(k.value for k in Kind))
    add.add_argument("--name-en", default="", metavar="NAME", help="English name")
    add.add_argument("--alias", action="append", default=[], metavar="NAME_AR", help="another Arabic spelling "
                     "(repeatable)")
    add.add_argument("--admin1", default="", metavar="NAME", help="governorate (Arabic), e.g. حلب")
    add.add_argument("--admin2", default="", metavar="NAME", help="district (Arabic)")
    add.add_argument("--country", default="SY", metavar="CC", help="ISO country code (default SY)")
    add.add_argument("--id", dest="place_id", metavar="SLUG", help="the id's slug (letters, digits, dashes)")
    add.add_argument("--source", default="", metavar="TEXT", help="where the point comes from (cited in exports)")
    add.set_defaults(handler=_cmd_add)

    stats = sub.add_parser("stats", help="counts of places and names in the index")
    stats.set_defaults(handler=_cmd_stats)

    export = sub.add_parser("export", help="write every place of the index to a GIS file")
    export.add_argument("--format", choices=sorted(EXPORT_FORMATS), required=True)
    export.add_argument("--out", type=Path, required=True, metavar="PATH")
    export.add_argument("--excel", action="store_true",
                        help="CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends")
    export.set_defaults(handler=_cmd_export)


def _online_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--online", action="store_true",
                        help="ask Nominatim (OpenStreetMap) when the local index has nothing; answers are "
                             "cached and flagged by their nominatim: ids (off by default)")
    parser.add_argument("--nominatim-url", metavar="URL", default="https://nominatim.openstreetmap.org",
                        help="Nominatim server for --online (default: %(default)s)")


def _online(args: argparse.Namespace):
    """The Nominatim fallback when ``--online`` was given, else None."""
    if not getattr(args, "online", False):
        return None
    from urllib.parse import urlsplit

    from gazetteer.online import NominatimGeocoder

    url = urlsplit(args.nominatim_url if "://" in args.nominatim_url else f"https://{args.nominatim_url}")
    if url.scheme not in ("http", "https") or not url.netloc:
        raise UsageError(f"--nominatim-url wants http(s)://host[:port][/path], not {args.nominatim_url!r}")
    cache = args.cache_dir / "nominatim.sqlite" if args.cache_dir is not None else None
    return NominatimGeocoder(domain=url.netloc + url.path.rstrip("/"), scheme=url.scheme, cache_path=cache)


_PREFIX_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _slug(stem: str) -> str:
    """A default id prefix from a file name: ``neighbourhoods_csr`` → ``neighbourhoods-csr``."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "table"


def _importers() -> dict:
    try:
        from gazetteer.io import IMPORTERS
    except ImportError:  # pragma: no cover - the importers are part of the package
        return {}
    return IMPORTERS


def _open(args: argparse.Namespace):
    from gazetteer import Gazetteer

    online = _online(args)
    if args.index is not None:
        if not args.index.exists():
            raise CommandError(f"{args.index}: no gazetteer index here")
        return Gazetteer.open(args.index, online=online)
    return Gazetteer.default(cache_dir=args.cache_dir, online=online)


# -- commands ---------------------------------------------------------------------------------------


def _cmd_lookup(args: argparse.Namespace) -> int:
    gazetteer = _open(args)
    try:
        candidates = gazetteer.lookup(args.name, near=args.near, kind=args.kind, limit=args.limit,
                                      fuzzy=args.fuzzy)
    except ValueError as exc:  # an unknown --kind
        raise CommandError(str(exc)) from exc
    if _flag(args, "json"):
        _print_json({"query": args.name, "candidates": [c.to_dict() for c in candidates]})
    if not candidates:
        print(f"no place named {args.name}", file=sys.stderr)
        return 1
    if not _flag(args, "json"):
        for rank, cand in enumerate(candidates, start=1):
            print(_describe(rank, cand))
    return 0


def _cmd_find(args: argparse.Namespace) -> int:
    text = _read_input(args.file)
    mentions = _open(args).find(text)
    if _flag(args, "json"):
        _print_json({"mentions": [mention_to_dict(m) for m in mentions]})
    if not mentions:
        print("no place found", file=sys.stderr)
        return 1
    if _flag(args, "json"):
        return 0
    for mention in mentions:
        cue = f" [{mention.cue}]" if mention.cue else ""
        print(f"{mention.start}-{mention.end} {mention.surface}{cue}")
        shown = mention.candidates if args.all else mention.candidates[:1]
        for rank, cand in enumerate(shown, start=1):
            print("    " + _describe(rank, cand))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer
    from gazetteer.gazetteer import imported_path
    from gazetteer.store import IndexStore

    importers = _importers()
    if args.kind not in importers:
        raise UsageError(f"unknown import kind {args.kind!r}; choose from {', '.join(sorted(importers))}")
    reader = importers[args.kind]
    kwargs: dict = {"strict": args.strict}
    if args.map:
        mapping = {}
        for item in args.map:
            column, sep, field = item.partition("=")
            if not sep or not column or not field:
                raise UsageError(f"--map takes COLUMN=FIELD, not {item!r}")
            mapping[field] = column  # the importers take field -> column
        kwargs["mapping"] = mapping
    elif args.kind == "table":
        raise UsageError("the table importer needs at least one --map COLUMN=FIELD")
    if args.place_kind:
        kwargs["kind"] = args.place_kind
    if args.kind == "table":
        prefix = args.id_prefix or _slug(args.path.stem)
        if not _PREFIX_RE.fullmatch(prefix):
            raise UsageError(f"--id-prefix wants letters, digits and dashes (no ':'), not {prefix!r}")
        kwargs["id_prefix"] = prefix
        if args.aliases is not None:
            if not args.aliases.exists():
                raise CommandError(f"{args.aliases}: no such alias file")
            kwargs["aliases_path"] = args.aliases
    elif args.id_prefix or args.aliases is not None or args.place_kind:
        raise UsageError("--kind, --id-prefix and --aliases are options of the table importer")
    try:
        from gazetteer.io import ImportReport

        report = ImportReport()
        kwargs["report"] = report
    except ImportError:  # pragma: no cover
        report = None
    if not args.path.exists():
        raise CommandError(f"{args.path}: no such file")
    places = list(reader(args.path, **kwargs))
    if args.index is not None:
        target = Gazetteer.open(args.index) if args.index.exists() else Gazetteer(IndexStore(args.index))
        count = target.add(places, source=args.kind)
        where = args.index
    else:
        where = imported_path(args.cache_dir)
        where.parent.mkdir(parents=True, exist_ok=True)
        store = IndexStore(where)
        count = store.add(places)
        store.close()
    if _flag(args, "json"):
        _print_json({"imported": count, "path": str(args.path), "index": str(where),
                     "skipped": getattr(report, "skipped", 0)})
    elif not _flag(args, "quiet"):
        print(f"imported {count} places from {args.path} into {where}", file=sys.stderr)
    if report is not None and getattr(report, "skipped", 0):
        print(report.summary(), file=sys.stderr)
    return 0 if count else 1


def _lat_lon(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"wants LAT,LON in degrees, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{text!r}: latitude within ±90, longitude within ±180")
    return lat, lon


def _cmd_add(args: argparse.Namespace) -> int:
    from shapely.geometry import Point

    from gazetteer.gazetteer import imported_path
    from gazetteer.model import Place
    from gazetteer.normalize import is_arabic
    from gazetteer.store import IndexStore

    try:
        kind = Kind(args.place_kind.strip().lower())
    except ValueError:
        raise UsageError(f"unknown kind {args.place_kind!r}; kinds are {', '.join(k.value for k in Kind)}") from None
    names = [args.name_ar, *args.alias]
    if not all(is_arabic(name) for name in names):
        raise UsageError("NAME_AR and --alias take Arabic names; the English one goes to --name-en")
    slug = args.place_id or (_slug(args.name_en) if args.name_en else "")
    if args.place_id and not _PREFIX_RE.fullmatch(args.place_id):
        raise UsageError(f"--id wants letters, digits and dashes, not {args.place_id!r}")
    if not slug or slug == "table":  # no Latin name to make one from
        import hashlib

        slug = hashlib.sha1(f"{args.name_ar}|{args.at}".encode()).hexdigest()[:10]
    lat, lon = args.at
    place = Place(
        id=f"user:{slug}", name_ar=args.name_ar, kind=kind, geometry=Point(lon, lat), name_en=args.name_en,
        aliases_ar=tuple(args.alias), country_code=args.country.upper(), admin1=args.admin1, admin2=args.admin2,
        importance=0.5, source=args.source or "added by an analyst (geo-incidents gazetteer add)",
    )
    if args.index is not None:
        from gazetteer import Gazetteer

        target = Gazetteer.open(args.index) if args.index.exists() else Gazetteer(IndexStore(args.index))
        target.add([place], source="user")
        where = args.index
    else:
        where = imported_path(args.cache_dir)
        where.parent.mkdir(parents=True, exist_ok=True)
        store = IndexStore(where)
        try:
            store.add([place])
        finally:
            store.close()
    if _flag(args, "json"):
        _print_json({"added": place.id, "index": str(where)})
    else:
        print(place.id)
        if not _flag(args, "quiet"):
            print(f"added {place.id} ({place.name_ar}, {kind.value}) to {where}", file=sys.stderr)
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    stats = _open(args).stats()
    if _flag(args, "json"):
        _print_json(stats)
        return 0
    print(f"index: {stats['path'] or 'in memory'}")
    print(f"places: {stats['places']}  names: {stats['names']}  automaton keys: {stats['automaton_keys']}")
    for title in ("by_kind", "by_source"):
        print(title.replace("_", " ") + ":")
        for key, value in sorted(stats[title].items(), key=lambda kv: -kv[1])[:25]:
            print(f"  {value:>7}  {key}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    gazetteer = _open(args)
    if args.excel and args.format != "csv":
        raise UsageError("--excel applies to --format csv")
    frame = places_frame(gazetteer)
    write_frame(frame, args.out, args.format, excel=args.excel)
    if _flag(args, "json"):
        _print_json({"places": len(frame), "path": str(args.out), "layer": "places"})
    elif not _flag(args, "quiet"):
        print(f"wrote {len(frame)} places to {args.out} (layer places)", file=sys.stderr)
    return 0 if len(frame) else 1


# -- helpers ----------------------------------------------------------------------------------------


def _flag(args: argparse.Namespace, name: str) -> bool:
    """A common flag (``json``, ``quiet``, ``verbose``), False when a parent CLI did not fill it in."""
    return bool(getattr(args, name, False))


def positive_int(text: str) -> int:
    """An option value that must be a whole number of at least 1 (a count, a limit, a size)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"wants a whole number of at least 1, not {text!r}")
    return value


def mention_to_dict(mention) -> dict:
    return {
        "start": mention.start,
        "end": mention.end,
        "surface": mention.surface,
        "name": mention.name,
        "cue": mention.cue,
        "candidates": [c.to_dict() for c in mention.candidates],
    }


def places_frame(gazetteer):
    """Every place of the index as a GeoDataFrame in WGS 84."""
    import geopandas as gpd

    rows, geometries = [], []
    for place in gazetteer:
        rows.append({
            "id": place.id, "name_ar": place.name_ar, "name_en": place.name_en, "kind": str(place.kind),
            "aliases_ar": "|".join(place.aliases_ar), "parents": "|".join(place.parents),
            "country_code": place.country_code, "admin1": place.admin1, "admin2": place.admin2,
            "population": place.population, "uncertainty_m": place.uncertainty_m, "source": place.source,
            "licence": place.licence, "lat": place.lat, "lon": place.lon,
        })
        geometries.append(place.geometry)
    return gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")


def write_frame(frame, out: Path, fmt: str, *, layer: str = "places", excel: bool = False) -> None:
    """Write through the project's one atomic writer (:func:`gazetteer.atomic.atomic_output`).

    The layer is named ``layer`` (not after the temporary file); GeoJSON follows RFC 7946 (no
    ``crs`` member); a GeoPackage gets a spatial index on a column named ``geometry``.
    """
    from gazetteer.atomic import atomic_output

    with atomic_output(out) as tmp:
        if fmt == "csv":
            table = frame.drop(columns="geometry").assign(wkt=frame.geometry.to_wkt())
            table.to_csv(tmp, index=False, encoding="utf-8-sig" if excel else "utf-8",
                         lineterminator="\r\n" if excel else "\n")
        else:
            options = {"RFC7946": "YES", "WRITE_NAME": "NO"} if fmt == "geojson" else {}
            if fmt == "gpkg":
                options = {"GEOMETRY_NAME": "geometry", "SPATIAL_INDEX": "YES"}
            frame.to_file(tmp, driver=EXPORT_FORMATS[fmt], engine="pyogrio", layer=layer, **options)


def _describe(rank: int, cand) -> str:
    place = cand.place
    where = ", ".join(x for x in (place.admin1, place.country_code) if x)
    flags = []
    if cand.approximate:
        flags.append("approximate")
    if not place.mappable_as_point:
        flags.append("not mappable as a point")
    extra = f" ({'; '.join(flags)})" if flags else ""
    return (f"{rank}. {place.name_ar or place.name_en} [{place.kind}] {place.id} {where} "
            f"{place.lat:.5f},{place.lon:.5f} precision {int(cand.precision)} score {cand.score:.2f}{extra}")


def _read_input(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        origin = "<stdin>"
    else:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{name}: cannot read ({exc.strerror or exc})") from exc
        origin = name
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{origin}: not UTF-8 text (byte {exc.start})") from exc


def _print_json(document) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def run_handler(args: argparse.Namespace, prog: str = "gazetteer") -> int:
    """Run ``args.handler`` so that known failures become one ``PROG: error: …`` line on stderr and an
    exit code: 2 for usage, 1 for failures (SourceError is a ValueError naming file and row)."""
    try:
        common_flags(args)
        return int(args.handler(args) or 0)
    except UsageError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head & co.: the caller stops quietly
        raise
    except (CommandError, OSError, ValueError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = CommandParser(prog="gazetteer", description="Arabic place names to geometries.")
    _fill(parser)
    add_common_flags(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return run_handler(args)


if __name__ == "__main__":
    sys.exit(main())
