"""The ``geo-incidents`` command.

Subcommands: ``run`` (the main job), ``extract`` (incidents as JSON lines, no store), ``map``
(day pages from a store), ``export`` (store to GIS formats) and ``gazetteer`` (look-ups,
imports). Exit codes: 0 success, 1 nothing could be processed or a command failed, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path

from geo_incidents import __version__

EXAMPLES = """\
examples:
  geo-incidents run examples/reports --out out/demo
  geo-incidents run reports.jsonl --published 2025-12-24 --out out/today
  cat article.txt | geo-incidents extract - --published 2025-12-24
  geo-incidents map out/demo/incidents.gpkg --by-day --offline --out out/offline-maps
  geo-incidents export out/demo/incidents.gpkg --format csv --out incidents.csv
  geo-incidents gazetteer lookup "الأشرفية" --near حلب
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo-incidents",
        description="Arabic news reports to mapped incidents: extraction, gazetteer, maps and GIS exports.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    run = sub.add_parser(
        "run",
        help="read reports, extract incidents into the store, write exports and day maps",
        description="The main job. Reads .txt/.json/.jsonl files, folders of them, or - for stdin; "
        "adds new articles to DIR/incidents.gpkg (re-runs skip articles already stored); writes "
        "incidents.geojson, road_closures.geojson, frontlines.geojson and maps/YYYY-MM-DD.html + maps/index.html.",
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    run.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    _add_metadata_arguments(run)
    run.add_argument("--db", metavar="URL", help="store in PostgreSQL/PostGIS instead of DIR/incidents.gpkg")
    _add_map_arguments(run)
    run.add_argument("--no-maps", action="store_true", help="skip the day maps")
    run.add_argument(
        "--reextract", action="store_true",
        help="extract articles again even when already stored (after changing a lexicon or the gazetteer)",
    )
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    run.set_defaults(handler=_cmd_run)

    extract = sub.add_parser(
        "extract",
        help="print the incidents of reports as JSON lines (no store, no maps)",
    )
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    _add_metadata_arguments(extract)
    extract.set_defaults(handler=_cmd_extract)

    map_cmd = sub.add_parser(
        "map",
        help="write map pages from a store",
        description="One page per day (that day's incidents, closures in force, frontlines valid that day), "
        "index.html listing the days with counts by type, and timeline.html with a day slider.",
    )
    map_cmd.add_argument("store", metavar="STORE", help="incidents.gpkg or a postgresql:// URL")
    map_cmd.add_argument("--out", required=True, type=Path, metavar="DIR")
    map_cmd.add_argument("--by-day", action="store_true", default=True, help="one page per day (the default)")
    map_cmd.add_argument(
        "--frontlines", action="append", default=[], type=Path, metavar="FILE",
        help="analyst frontline lines (GeoJSON/KML with actor and valid dates); repeatable",
    )
    map_cmd.add_argument(
        "--control", type=Path, metavar="FILE",
        help="control-area polygons (actor, valid_from, valid_to); their shared boundaries become derived frontlines",
    )
    map_cmd.add_argument(
        "--embed", action="store_true", help="also write DIR/embed/YYYY-MM-DD.html fragments for report pages",
    )
    map_cmd.add_argument(
        "--png", metavar="WIDTHxHEIGHT", help="also write DIR/YYYY-MM-DD.png images (needs Chromium and playwright)",
    )
    _add_map_arguments(map_cmd)
    map_cmd.set_defaults(handler=_cmd_map)

    from gazetteer.cli import register as register_gazetteer
    from geo_incidents.export.cli import register as register_export

    register_export(sub)
    register_gazetteer(sub)
    return parser


def _add_metadata_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--published", type=date.fromisoformat, metavar="YYYY-MM-DD",
        help="publication date for articles whose metadata has none (relative dates count from it)",
    )
    parser.add_argument("--source", metavar="NAME", help="source name for articles whose metadata has none")


def _add_map_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--offline", dest="assets", action="store_const", const="offline",
        help="each page one self-contained HTML file (for email and archives)",
    )
    mode.add_argument("--cdn", dest="assets", action="store_const", const="cdn", help="link public CDNs")
    parser.set_defaults(assets="local")
    parser.add_argument(
        "--tiles", default="none", metavar="osm|none|URL",
        help="background tiles; 'none' (default) draws a light vector base and needs no network",
    )


def _defaults(args: argparse.Namespace) -> dict:
    defaults = {}
    if args.published:
        defaults["published"] = args.published
    if args.source:
        defaults["source"] = args.source
    return defaults


def _cmd_run(args: argparse.Namespace) -> int:
    from geo_incidents.pipeline import run

    summary = run(
        args.inputs, args.out, defaults=_defaults(args), store_url=args.db, maps_assets=args.assets,
        tiles=args.tiles, write_maps=not args.no_maps, reextract=args.reextract,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    print(summary.format())
    return 0 if summary.processed_anything else 1


def _cmd_extract(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer
    from geo_incidents.extract import Extractor
    from geo_incidents.frame import incidents_to_frame
    from geo_incidents.io.articles import ArticleError, read_articles

    extractor = Extractor(Gazetteer.default())
    read = 0
    for item in read_articles(args.inputs, stdin=sys.stdin.buffer, defaults=_defaults(args)):
        if isinstance(item, ArticleError):
            print(f"geo-incidents: skipped {item.origin}: {item.reason}", file=sys.stderr)
            continue
        read += 1
        frame = incidents_to_frame(extractor.extract(item))
        for record, geom in zip(frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True):
            record["geometry"] = None if geom is None else geom.wkt
            print(json.dumps(record, ensure_ascii=False, default=str))
    return 0 if read else 1


def _cmd_map(args: argparse.Namespace) -> int:
    import geopandas as gpd
    import pandas as pd

    import maps
    from geo_incidents.store import open_store

    size = maps.parse_size(args.png) if args.png else None  # a bad size fails before any work
    with open_store(args.store, create=False) as store:
        incidents = store.read("incidents")
        closures = store.read("road_closures")
        frontlines = [store.read("frontlines")]
        control = store.read("control_areas")
    frontlines += [maps.read_frontlines(path) for path in args.frontlines]
    if args.control:
        control = gpd.read_file(args.control)
        frontlines.append(maps.frontlines_from_control(control))
    frontlines = [f for f in frontlines if f is not None and not f.empty]
    all_frontlines = gpd.GeoDataFrame(pd.concat(frontlines, ignore_index=True), crs="EPSG:4326") if frontlines else None
    pages = maps.write_day_pages(
        incidents, args.out, closures=closures, frontlines=all_frontlines,
        control=control if control is not None and not control.empty else None,
        assets=args.assets, tiles=args.tiles, title="geo-incidents",
    )
    if args.embed:
        from maps.pages import day_slices

        for part in day_slices(incidents, closures, all_frontlines, control):
            fmap = maps.render(part.incidents, part.closures, part.frontlines, part.control,
                               title="geo-incidents", date_label=part.day, tiles=args.tiles)
            maps.write_embed(fmap, args.out / "embed" / f"{part.day}.html")
    if size:
        for day, page in sorted(pages.days.items()):
            maps.write_png(page, args.out / f"{day}.png", size)
    print(f"maps written: {pages.index} ({len(pages.days)} days)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="geo-incidents: %(levelname)s: %(message)s")
    if args.verbose:  # our own details (tracebacks of skipped articles included), not every library's
        for name in ("geo_incidents", "gazetteer", "maps"):
            logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        return int(args.handler(args) or 0)
    except FileNotFoundError as exc:
        print(f"geo-incidents: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` & co.: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("geo-incidents: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a clear one-line error instead of a traceback; -v shows the traceback
        if args.verbose:
            raise
        print(f"geo-incidents: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
