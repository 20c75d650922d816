"""``geo-incidents export STORE --format … --out …``: the export subcommand."""

from __future__ import annotations

import argparse
from datetime import date

from geo_incidents.export import FORMATS, ExportFilters, export


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``export`` subcommand; its handler is ``args.handler(args) -> int``."""
    parser = subparsers.add_parser(
        "export",
        help="export a store's incidents to GeoJSON, GeoPackage, CSV, KML, GeoParquet or FlatGeobuf",
        description="Export incidents, road closures and frontlines from a store (a .gpkg file or a "
        "postgresql:// URL). OUT may be a directory (one file per layer) or a file.",
    )
    parser.add_argument("store", metavar="STORE", help="GeoPackage path or postgresql:// URL")
    parser.add_argument("--format", required=True, choices=list(FORMATS), dest="fmt")
    parser.add_argument("--out", required=True, help="output file or directory")
    parser.add_argument("--from", dest="date_from", type=_date, help="first event date (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=_date, help="last event date (YYYY-MM-DD)")
    parser.add_argument("--type", dest="event_types", action="append", default=[], metavar="T",
                        help="event type to keep (repeatable)")
    parser.add_argument("--actor", dest="actors", action="append", default=[], metavar="A",
                        help="actor name part, English or Arabic (repeatable)")
    parser.add_argument("--bbox", type=_bbox, help="W,S,E,N in degrees")
    parser.add_argument("--admin1", action="append", default=[], help="governorate (repeatable)")
    parser.add_argument("--admin2", action="append", default=[], help="district (repeatable)")
    parser.add_argument("--min-precision", type=int, choices=(1, 2, 3),
                        help="keep geo_precision <= N (1 exact place … 3 region)")
    parser.add_argument("--wkt", action="store_true", help="CSV: add a WKT geometry column")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from geo_incidents.store import open_store

    filters = ExportFilters(
        date_from=args.date_from,
        date_to=args.date_to,
        event_types=tuple(args.event_types),
        actors=tuple(args.actors),
        bbox=args.bbox,
        admin1=tuple(args.admin1),
        admin2=tuple(args.admin2),
        min_precision=args.min_precision,
    )
    with open_store(args.store, create=False) as store:  # a mistyped path: "no such store", exit 1
        paths = export(store, args.fmt, args.out, filters, wkt=args.wkt)
    for path in paths:
        print(path)
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"bbox must be W,S,E,N in degrees, got {text!r}") from None
    if west > east or south > north:
        raise argparse.ArgumentTypeError(f"bbox {text!r}: west must be <= east and south <= north")
    return west, south, east, north


def main(argv: list[str] | None = None) -> int:
    """Run the subcommand on its own (``python -m geo_incidents.export.cli``)."""
    parser = argparse.ArgumentParser(prog="geo-incidents")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
