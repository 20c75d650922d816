"""The ``geo-incidents`` command.

Subcommands: ``run`` (the main job), ``extract`` (incidents as JSON lines, GeoJSON or CSV; no store),
``map`` (day pages from a store), ``export`` (store to GIS formats), ``review``, ``correct`` and
``corrections`` (analysts' corrections, kept in the store) and ``gazetteer`` (look-ups, imports).
``-v``, ``-q`` and ``--json`` work on every sub-command, before or after it. Data goes to
stdout, messages and progress to stderr, every error as one ``geo-incidents: error: …`` line.
Every option is checked before any work starts.

Exit codes: 0 success, 1 nothing found or processed (or a failure such as a missing file), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from gazetteer.cli import (
    CommandError,
    CommandParser,
    UsageError,
    add_common_flags,
    common_flags,
    positive_int,
    run_handler,
)
from geo_incidents import __version__
from geo_incidents.console import PROG, iso_date, print_json, progress_enabled, say

#: ``extract`` writes the JSON lines of this many articles at a time when it reads files.
EXTRACT_BATCH = 200
#: How much of a left-out sentence `extract --explain` shows.
EXPLAIN_CHARS = 120

EXAMPLES = """\
examples:
  geo-incidents run examples/reports --out out/demo
  geo-incidents run reports.jsonl --published 2025-12-24 --out out/today
  cat article.txt | geo-incidents extract - --published 2025-12-24
  geo-incidents map out/demo/incidents.gpkg --offline --out out/offline-maps
  geo-incidents export out/demo/incidents.gpkg --format csv --excel --out incidents.csv
  geo-incidents review out/demo/incidents.gpkg
  geo-incidents correct out/demo/incidents.gpkg ID --move 36.2231,37.1502 --note "named in the text"
  geo-incidents gazetteer lookup "الأشرفية" --near حلب --json

exit codes: 0 success, 1 nothing found or processed (or a failure), 2 usage error
"""


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=PROG,
        description="Arabic news reports to mapped incidents: extraction, gazetteer, maps and GIS exports.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    run = sub.add_parser(
        "run",
        help="read reports, extract incidents into the store, write exports and day maps",
        description="The main job. Reads .txt/.json/.jsonl files, folders of them, or - for stdin; "
        "adds new articles to DIR/incidents.gpkg (re-runs skip articles already stored); writes "
        "incidents.geojson, road_closures.geojson, frontlines.geojson and maps/YYYY-MM-DD.html + maps/index.html. "
        "The summary goes to stderr (with --json, a JSON document to stdout).",
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    run.add_argument("--out", required=True, type=_out_dir, metavar="DIR", help="output folder")
    _add_metadata_arguments(run)
    run.add_argument("--db", metavar="URL", type=_db_url,
                     help="store in PostgreSQL/PostGIS instead of DIR/incidents.gpkg")
    _add_map_arguments(run)
    run.add_argument("--no-maps", action="store_true", help="skip the day maps")
    run.add_argument(
        "--reextract", action="store_true",
        help="extract articles again even when already stored (after changing a lexicon or the gazetteer)",
    )
    cluster = run.add_mutually_exclusive_group()
    cluster.add_argument("--workers", type=positive_int, metavar="N",
                         help="extract on a local Dask cluster of N processes (needs geo-incidents[dask])")
    cluster.add_argument("--scheduler", metavar="ADDRESS",
                         help="extract on an existing Dask cluster, e.g. tcp://scheduler:8786")
    run.set_defaults(handler=_cmd_run)

    extract = sub.add_parser(
        "extract",
        help="print the incidents of reports as JSON lines, GeoJSON or CSV (no store, no maps)",
        description="Extract incidents and print them on stdout: one JSON object a line (missing values are "
        "null; geometry as WKT), a GeoJSON FeatureCollection, or CSV in the store's column order.",
    )
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    extract.add_argument("--format", dest="fmt", choices=("jsonl", "geojson", "csv"), default="jsonl",
                         help="output format (default: jsonl, one incident a line)")
    extract.add_argument(
        "--explain", action="store_true",
        help="also say on stderr, per article, which events were left out as talk of attacks rather than one "
        "incident (a method note, a statistic, a list of attacks), with the sentence and the signals weighed",
    )
    _add_metadata_arguments(extract)
    extract.set_defaults(handler=_cmd_extract, validate=_check_extract)

    map_cmd = sub.add_parser(
        "map",
        help="write map pages from a store",
        description="By day (the default): one page per day (that day's incidents, closures in force, frontlines "
        "valid that day), index.html listing the days with counts by type, and timeline.html with a day slider. "
        "--no-by-day: one page, DIR/map.html, with everything.",
    )
    map_cmd.add_argument("store", metavar="STORE", help="incidents.gpkg or a postgresql:// URL")
    map_cmd.add_argument("--out", required=True, type=_out_dir, metavar="DIR")
    map_cmd.add_argument("--by-day", action=argparse.BooleanOptionalAction, default=True,
                         help="one page per day (the default); --no-by-day writes one page of everything")
    map_cmd.add_argument(
        "--frontlines", action="append", default=[], type=_existing_file, metavar="FILE",
        help="analyst frontline lines (GeoJSON/KML with actor and valid dates); repeatable",
    )
    map_cmd.add_argument(
        "--control", type=_existing_file, metavar="FILE",
        help="control-area polygons (actor, valid_from, valid_to); their shared boundaries become derived frontlines",
    )
    map_cmd.add_argument(
        "--embed", action="store_true", help="also write DIR/embed/YYYY-MM-DD.html fragments for report pages",
    )
    map_cmd.add_argument(
        "--png", metavar="WIDTHxHEIGHT", type=_png_size,
        help="also write DIR/YYYY-MM-DD.png images, e.g. 1200x800 (needs Chromium and playwright)",
    )
    _add_map_arguments(map_cmd)
    map_cmd.set_defaults(handler=_cmd_map)

    from gazetteer.cli import register as register_gazetteer
    from geo_incidents.corrections.cli import register as register_corrections
    from geo_incidents.export.cli import register as register_export

    register_export(sub)
    register_corrections(sub)
    register_gazetteer(sub)
    add_common_flags(parser)
    return parser


# -- option types: each checks its value while the command line is parsed, before any work ----------


def _tiles(text: str) -> str:
    from maps.tiles import check_tiles

    try:
        return check_tiles(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _png_size(text: str) -> tuple[int, int]:
    from maps.png import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _out_dir(text: str) -> Path:
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    return path


def _existing_file(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: no such file")
    return path


def _db_url(text: str) -> str:
    if not text.startswith(("postgresql://", "postgres://")):
        raise argparse.ArgumentTypeError(f"wants a postgresql:// URL, not {text!r}")
    return text


def _add_metadata_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-article-bytes", type=positive_int, default=1_000_000, metavar="N",
        help="largest article read whole (UTF-8 bytes, default 1000000); larger ones are split at "
        "paragraph breaks, or refused when a single paragraph is larger",
    )
    parser.add_argument(
        "--published", type=iso_date, metavar="YYYY-MM-DD",
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
        "--tiles", default="none", type=_tiles, metavar="osm|none|URL",
        help="background tiles; 'none' (default) draws a light vector base and needs no network; "
        "a URL needs {z}, {x} and {y}",
    )


def _defaults(args: argparse.Namespace) -> dict:
    defaults = {}
    if args.published:
        defaults["published"] = args.published
    if args.source:
        defaults["source"] = args.source
    return defaults


# -- commands ---------------------------------------------------------------------------------------


def _cmd_run(args: argparse.Namespace) -> int:
    from geo_incidents.pipeline import run

    summary = run(
        args.inputs, args.out, defaults=_defaults(args), store_url=args.db, maps_assets=args.assets,
        tiles=args.tiles, write_maps=not args.no_maps, reextract=args.reextract,
        progress=progress_enabled(args), max_article_bytes=args.max_article_bytes, workers=args.workers,
        scheduler=args.scheduler,
    )
    if args.json:
        print_json(summary.to_dict())
    elif not args.quiet:
        print(summary.format(), file=sys.stderr)
    elif summary.articles_failed:  # -q still names the articles that were skipped
        for origin, reason in summary.articles_failed:
            print(f"{PROG}: skipped {origin}: {reason}", file=sys.stderr)
    if not summary.processed_anything:
        print(f"{PROG}: no article could be processed", file=sys.stderr)
        return 1
    missing = [origin for origin, reason in summary.articles_failed if reason == "input not found"]
    for origin in missing:  # the good inputs landed; the exit code still says an input was missing
        print(f"{PROG}: input not found: {origin}", file=sys.stderr)
    return 1 if missing else 0


def _check_extract(args: argparse.Namespace) -> None:
    if args.json and args.fmt == "csv":
        raise UsageError("--json and --format csv exclude each other")


def _cmd_extract(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor, freeze_loaded
    from geo_incidents.frame import incident_records
    from geo_incidents.io.articles import ArticleError, read_articles

    extractor = Extractor(Gazetteer.default())
    freeze_loaded()
    from geo_incidents.pipeline import _stdin

    def write_lines(incidents: list) -> None:
        for record in incident_records(incidents):
            sys.stdout.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")

    # JSON lines from files go out a batch of articles at a time (a table per article would cost
    # more than extracting it); from standard input, an article at a time, as it arrives
    batch = 1 if "-" in args.inputs else EXTRACT_BATCH
    read = found = 0
    collected = []
    for item in read_articles(args.inputs, stdin=_stdin(), defaults=_defaults(args),
                              max_article_bytes=args.max_article_bytes):
        if isinstance(item, ArticleError):
            print(f"{PROG}: skipped {item.origin}: {item.reason}", file=sys.stderr)
            continue
        read += 1
        incidents = extractor.extract(item)
        if args.explain:
            _explain_left_out(item, extractor.last_decisions)
        found += len(incidents)
        collected.extend(incidents)
        if args.fmt == "jsonl" and read % batch == 0 and collected:
            write_lines(collected)
            collected = []
    if args.fmt == "jsonl":
        if collected:
            write_lines(collected)
    else:
        from geo_incidents.export import export_text
        from geo_incidents.frame import incidents_to_frame

        sys.stdout.write(export_text(incidents_to_frame(collected), args.fmt))
    if not read:
        print(f"{PROG}: no article could be read", file=sys.stderr)
        return 1
    say(args, f"{found} incidents from {read} articles")
    return 0 if found else 1


def _explain_left_out(article, decisions) -> None:
    """Say on stderr which events of the article the specific-incident check left out, and why (the
    sentence, shortened, and the two weightiest signals), so an analyst can see what was not mapped."""
    text = article.full_text
    for decision in decisions:
        if decision.kept:
            continue
        sentence = " ".join(text[decision.start:decision.end].split())
        if len(sentence) > EXPLAIN_CHARS:
            sentence = sentence[:EXPLAIN_CHARS - 1] + "…"
        print(f"{PROG}: {article.id}: left out {decision.event_type} / {decision.sub_event_type} "
              f"(characters {decision.start}-{decision.end}: {sentence}): {decision.reason}", file=sys.stderr)


def _cmd_map(args: argparse.Namespace) -> int:
    import geopandas as gpd
    import pandas as pd
    from tqdm import tqdm

    import maps
    from geo_incidents.store import open_store

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
    control = control if control is not None and not control.empty else None
    if incidents.empty and closures.empty:
        print(f"{PROG}: {args.store}: the store holds no incidents to map", file=sys.stderr)
        return 1
    show = progress_enabled(args)
    pages: dict[str, Path] = {}
    if args.by_day:
        from gazetteer.atomic import remove_stale_temporaries

        remove_stale_temporaries(args.out, recursive=True)  # pages a killed run was writing
        written = maps.write_day_pages(
            incidents, args.out, closures=closures, frontlines=all_frontlines, control=control,
            assets=args.assets, tiles=args.tiles, title="geo-incidents", progress=show,
        )
        pages = dict(sorted(written.days.items()))
        index = written.index
        if args.embed:
            from maps.pages import day_slices

            for part in tqdm(list(day_slices(incidents, closures, all_frontlines, control)), desc="embeds",
                             unit=" page", disable=not show, file=sys.stderr):
                fmap = maps.render(part.incidents, part.closures, part.frontlines, part.control,
                                   title="geo-incidents", date_label=part.day, tiles=args.tiles)
                maps.write_embed(fmap, args.out / "embed" / f"{part.day}.html")
    else:
        fmap = maps.render(incidents, closures, all_frontlines, control, title="geo-incidents", tiles=args.tiles)
        index = maps.write_page(fmap, args.out / "map.html", assets=args.assets)
        pages = {"map": index}
        if args.embed:
            maps.write_embed(fmap, args.out / "embed" / "map.html")
    images = []
    if args.png:
        for name, page in tqdm(pages.items(), desc="PNG images", unit=" image", disable=not show, file=sys.stderr):
            images.append(maps.write_png(page, args.out / f"{name}.png", args.png))
    if args.json:
        print_json({"index": str(index), "pages": [str(p) for p in pages.values()], "png": [str(p) for p in images]})
    else:
        say(args, f"maps written: {index} ({len(pages)} {'days' if args.by_day else 'page'})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        common_flags(args)
        validate = getattr(args, "validate", None)
        if validate is not None:
            validate(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc} (see {PROG} {args.command} --help)", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(levelname)s: %(message)s")
    if args.verbose:  # our own details (tracebacks of skipped articles included), not every library's
        for name in ("geo_incidents", "gazetteer", "maps"):
            logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        if args.command == "gazetteer":
            return run_handler(args, PROG)
        return int(args.handler(args) or 0)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except (CommandError, FileNotFoundError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` & co.: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a clear one-line error instead of a traceback; -v shows the traceback
        if args.verbose:
            raise
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
