"""``geo-incidents export STORE --format … --out …``: the export subcommand.

Every option is checked before the store is opened: dates (and ``--from`` not after ``--to``), event
types and sub-types, the bounding box, options that only one format takes. The files written go to
stdout (one path a line, or ``--json``), the number of rows to stderr; a filter that keeps nothing
writes nothing and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.cli import UsageError
from geo_incidents.console import PROG, iso_date, print_json, progress_enabled, say
from geo_incidents.export import FORMATS

if TYPE_CHECKING:  # pandas and geopandas load when an export runs, not for --help
    from geo_incidents.export.filters import ExportFilters

#: Layer name -> (singular, plural) for the count message.
_NOUNS = {"incidents": ("incident", "incidents"), "road_closures": ("road closure", "road closures"),
          "frontlines": ("frontline", "frontlines")}


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``export`` subcommand; its handler is ``args.handler(args) -> int``."""
    parser = subparsers.add_parser(
        "export",
        help="export a store's incidents to GeoJSON, GeoPackage, CSV, KML, GeoParquet or FlatGeobuf",
        description="Export incidents, road closures and frontlines from a store (a .gpkg file or a "
        "postgresql:// URL). OUT may be a directory (one file per layer) or a file. Filters match as people "
        "type: case-insensitive, Arabic spelling normalised (hamza, alef forms, the article), actors by any "
        "alias or English name, governorates by Arabic or English name.",
    )
    parser.add_argument("store", metavar="STORE", help="GeoPackage path or postgresql:// URL")
    parser.add_argument("--format", required=True, choices=list(FORMATS), dest="fmt")
    parser.add_argument("--out", required=True, help="output file or directory")
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD", help="first event date")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD", help="last event date")
    parser.add_argument("--type", dest="event_types", action="append", default=[], metavar="TYPE",
                        help="event type to keep, e.g. Battles or 'road closure' (repeatable)")
    parser.add_argument("--sub-type", dest="sub_event_types", action="append", default=[], metavar="SUBTYPE",
                        help="sub-event type to keep, e.g. 'armed clash' (repeatable)")
    parser.add_argument("--actor", dest="actors", action="append", default=[], metavar="ACTOR",
                        help="actor: any Arabic alias or English name, or a part of one (repeatable)")
    parser.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help="area in degrees")
    parser.add_argument("--admin1", action="append", default=[], metavar="NAME",
                        help="governorate, Arabic or English (repeatable)")
    parser.add_argument("--admin2", action="append", default=[], metavar="NAME", help="district (repeatable)")
    parser.add_argument("--max-geo-precision", type=int, choices=(1, 2, 3), metavar="N",
                        help="keep rows with geo_precision <= N: 1 exact places only, 2 also nearby/part of "
                        "a region, 3 everything")
    parser.add_argument("--min-precision", type=int, help=argparse.SUPPRESS)  # ambiguous old name: refused
    parser.add_argument("--wkt", action="store_true", help="CSV: add a WKT geometry column")
    parser.add_argument("--excel", action="store_true",
                        help="CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends")
    parser.add_argument("--raw", action="store_true",
                        help="CSV for machines: values exactly as stored (by default a cell that a spreadsheet "
                        "would run as a formula, =…, +…, -…, @…, gets a leading ' and direction marks are removed)")
    parser.set_defaults(handler=run, validate=validate)
    return parser


def validate(args: argparse.Namespace) -> None:
    """Usage errors that argparse cannot see alone; raises :class:`UsageError`."""
    if args.min_precision is not None:
        raise UsageError("--min-precision was ambiguous and is gone: use --max-geo-precision N "
                         "(keeps geo_precision <= N; 1 is an exact place)")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
    if args.wkt and args.fmt != "csv":
        raise UsageError(f"--wkt applies to --format csv; {args.fmt} files carry the geometry itself")
    if args.excel and args.fmt != "csv":
        raise UsageError("--excel applies to --format csv")
    if getattr(args, "raw", False) and args.fmt != "csv":
        raise UsageError("--raw applies to --format csv")
    args.filters = filters_from_args(args)


def filters_from_args(args: argparse.Namespace) -> ExportFilters:
    """The filters of the command line, each value checked (an unknown type or actor is a UsageError)."""
    from geo_incidents.export.filters import ExportFilters

    filters = ExportFilters(
        date_from=args.date_from,
        date_to=args.date_to,
        event_types=tuple(args.event_types),
        sub_event_types=tuple(getattr(args, "sub_event_types", ())),
        actors=tuple(args.actors),
        bbox=args.bbox,
        admin1=tuple(args.admin1),
        admin2=tuple(args.admin2),
        max_geo_precision=args.max_geo_precision,
    )
    try:
        return filters.checked()
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from gazetteer.atomic import remove_stale_temporaries
    from geo_incidents.export import write_layers
    from geo_incidents.export.layers import gather
    from geo_incidents.store import open_store

    filters = getattr(args, "filters", None) or filters_from_args(args)
    with open_store(args.store, create=False) as store:  # a mistyped path: "no such store", exit 1
        layers = gather(store, filters)
    counts = {name: len(frame) for name, frame in layers.items()}
    if not any(counts.values()):
        what = "the filters keep no incident" if not filters.is_empty else "the store holds no incidents"
        print(f"{PROG}: {what}; nothing written", file=sys.stderr)
        if getattr(args, "json", False):
            print_json({"files": [], "rows": counts})
        return 1
    out = Path(args.out)
    remove_stale_temporaries(out if out.is_dir() or not out.suffix else out.parent)  # a killed export's
    written = write_layers(layers, args.fmt, args.out, wkt=args.wkt, excel=args.excel,
                           raw=getattr(args, "raw", False), progress=progress_enabled(args))
    if args.fmt in FORMATS and len(written) == 1 and args.fmt not in ("gpkg", "kml"):
        counts.pop("frontlines", None)  # one file of a single-layer format holds the incidents only
    if getattr(args, "json", False):
        print_json({"files": [{"path": str(w.path), "rows": w.rows} for w in written], "rows": counts})
    else:
        for item in written:
            print(item.path)
    parts = [f"{n} {_NOUNS[name][n != 1]}" for name, n in counts.items()]
    say(args, f"wrote {', '.join(parts)} to {', '.join(str(w.path) for w in written)}")
    return 0


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"bbox must be W,S,E,N in degrees, got {text!r}") from None
    if west > east or south > north:
        raise argparse.ArgumentTypeError(f"bbox {text!r}: west must be <= east and south <= north")
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise argparse.ArgumentTypeError(f"bbox {text!r}: longitudes within ±180, latitudes within ±90")
    return west, south, east, north
