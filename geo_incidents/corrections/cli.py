"""``geo-incidents correct``, ``corrections`` and ``review``: analysts fix what the machine got wrong.

``correct STORE ID --move PLACE|LAT,LON`` (and ``--retype``, ``--set-actors``, ``--set-casualties``,
``--reject``, ``--merge``, ``--add``) records a correction and applies it at once; every later run
applies it again. ``corrections STORE`` lists them, ``--export FILE`` / ``--import FILE`` round-trip
them through an editable CSV. ``review STORE`` lists the incidents to check first; ``--learn`` says
which lexicon entries and gazetteer decisions needed correcting most.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from gazetteer.cli import CommandError, UsageError, positive_int
from geo_incidents.console import iso_date, print_json, say

AUTHOR_ENV = "GEO_INCIDENTS_AUTHOR"


def register(subparsers: argparse._SubParsersAction) -> None:
    correct = subparsers.add_parser(
        "correct",
        help="record an analyst's correction of an incident (kept in the store, applied at every run)",
        description="Correct one incident of a store; the correction is kept in the store's corrections table "
        "and applied again by every later run, run --reextract, export and map. Incident ids are listed by "
        "'geo-incidents review' and in every export (event_id_cnty in CSV). Exactly one action.",
        epilog="examples:\n"
        "  geo-incidents correct out/demo/incidents.gpkg 3f2a… --move local:nbhd-sheikh-maqsoud --note 'named in "
        "the second paragraph'\n"
        "  geo-incidents correct STORE ID --move 36.2231,37.1502 --location 'حي الشيخ مقصود'\n"
        "  geo-incidents correct STORE ID --retype 'Explosions/Remote violence; Shelling/artillery/missile attack'\n"
        "  geo-incidents correct STORE ID --set-actors 'Asayish; Syrian government forces'\n"
        "  geo-incidents correct STORE ID --set-casualties 'fatalities=2; injured=5-7'\n"
        "  geo-incidents correct STORE ID --reject --note 'diplomatic statement, not an attack'\n"
        "  geo-incidents correct STORE ID --merge OTHER_ID [OTHER_ID …]\n"
        "  geo-incidents correct STORE --add --type 'Battles; Armed clash' --at 36.2,37.1 --date 2025-12-24 "
        "--article ID --evidence '…'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    correct.add_argument("store", metavar="STORE", help="incidents.gpkg or a postgresql:// URL")
    correct.add_argument("incident_id", nargs="?", metavar="ID", help="the incident's id (not with --add)")
    action = correct.add_mutually_exclusive_group(required=True)
    action.add_argument("--move", metavar="PLACE|LAT,LON", help="a gazetteer place id, or latitude,longitude")
    action.add_argument("--retype", metavar="'TYPE; SUB-TYPE'", help="ACLED event type and sub-event type")
    action.add_argument("--set-actors", metavar="'ACTOR1; ACTOR2'",
                        help="actors by English name or Arabic alias of the actor lexicon, or free text")
    action.add_argument("--set-casualties", metavar="'fatalities=N; injured=N'", help="N or LOW-HIGH each")
    action.add_argument("--reject", action="store_true", help="not an incident: kept in the store, left out of "
                        "maps and exports")
    action.add_argument("--merge", nargs="+", metavar="OTHER_ID", help="these incidents are ID reported again")
    action.add_argument("--add", action="store_true", help="an incident the extraction missed (with --type, "
                        "--at, --date, --evidence, --article)")
    correct.add_argument("--location", metavar="NAME", help="--move/--add to LAT,LON: the place's name")
    correct.add_argument("--precision", type=int, choices=(1, 2, 3), help="--move/--add: geo_precision "
                         "(default: the place's, 1 for LAT,LON)")
    correct.add_argument("--type", dest="add_type", metavar="'TYPE; SUB-TYPE'", help="--add: the event type")
    correct.add_argument("--at", metavar="PLACE|LAT,LON", help="--add: where")
    correct.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="--add: the event date")
    correct.add_argument("--evidence", metavar="TEXT", help="--add: the sentence that reports it")
    correct.add_argument("--article", metavar="ID", help="--add: the article it is in")
    correct.add_argument("--note", default="", help="why (shown in popups and exports)")
    correct.add_argument("--author", help=f"who corrects (default ${AUTHOR_ENV} or the login name)")
    correct.set_defaults(handler=_cmd_correct, validate=_check_correct)

    table = subparsers.add_parser(
        "corrections",
        help="list a store's corrections, or export/import them as an editable CSV",
        description="Without options: the corrections, oldest first. --export FILE writes them as CSV (every "
        "column, UTF-8, lossless: Arabic, commas and newlines in notes survive); edit it and --import FILE to "
        "record the changes (rows replace stored ones by correction_id; a row without one is new). A file "
        "with a bad row imports nothing.",
    )
    table.add_argument("store", metavar="STORE", help="incidents.gpkg or a postgresql:// URL")
    io_group = table.add_mutually_exclusive_group()
    io_group.add_argument("--export", type=Path, metavar="FILE", help="write the corrections to a CSV file")
    io_group.add_argument("--import", dest="import_", type=Path, metavar="FILE", help="record the corrections "
                          "of a CSV file")
    table.set_defaults(handler=_cmd_corrections)

    review = subparsers.add_parser(
        "review",
        help="incidents to check first (low confidence, coarse or weakly supported places, outliers), or "
        "what the corrections teach (--learn)",
        description="Lists the incidents most worth an analyst's look, most doubtful first, each with its reasons "
        "and evidence sentence: low confidence, precision 2-3, a place the evidence does not name, a site far "
        "from the article's other places; then the place names no gazetteer entry matched, and corrections "
        "whose incident is gone. --learn: which lexicon triggers and gazetteer places needed correcting most.",
    )
    review.add_argument("store", metavar="STORE", help="incidents.gpkg or a postgresql:// URL")
    review.add_argument("--limit", type=positive_int, default=30, metavar="N",
                        help="at most N incidents (default 30)")
    review.add_argument("--learn", action="store_true", help="report what the corrections say to fix")
    review.set_defaults(handler=_cmd_review)


def _check_correct(args: argparse.Namespace) -> None:
    add_only = {"--type": args.add_type, "--at": args.at, "--date": args.date, "--evidence": args.evidence,
                "--article": args.article}
    if args.add:
        if args.incident_id:
            raise UsageError("--add makes a new incident: give no ID")
        missing = [flag for flag in ("--type", "--at", "--date") if not add_only[flag]]
        if missing:
            raise UsageError(f"--add needs {', '.join(missing)}")
    else:
        if not args.incident_id:
            raise UsageError("give the ID of the incident to correct")
        given = [flag for flag, value in add_only.items() if value]
        if given:
            raise UsageError(f"{', '.join(given)} go with --add")
    if (args.location or args.precision) and not (args.move or args.add):
        raise UsageError("--location and --precision go with --move or --add")
    from geo_incidents.corrections.actions import CorrectionError, parse_counts, parse_lat_lon, parse_pair

    try:
        for value in (args.move, args.at):
            if value and "," in value and parse_lat_lon(value) is None:
                raise CorrectionError(f"{value!r} is neither a place id nor LAT,LON")
        if args.set_casualties:
            parse_counts(args.set_casualties)
        for value in (args.retype, args.add_type):
            if value is not None and not parse_pair(value)[0]:
                raise CorrectionError("the event type is missing: 'TYPE; SUB-TYPE'")
    except CorrectionError as exc:
        raise UsageError(str(exc)) from None


def author(args: argparse.Namespace) -> str:
    if args.author:
        return args.author
    try:
        return os.environ.get(AUTHOR_ENV) or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer.default()


def _cmd_correct(args: argparse.Namespace) -> int:
    from geo_incidents.corrections.actions import CorrectionError, describe
    from geo_incidents.corrections.record import correction_rows
    from geo_incidents.pipeline import _command_line
    from geo_incidents.store import open_store

    row = {"incident_id": args.incident_id, "author": author(args), "note": args.note,
           "location": args.location, "geo_precision": args.precision}
    if args.move:
        row.update(action="move", value=args.move)
    elif args.retype:
        row.update(action="retype", value=args.retype)
    elif args.set_actors:
        row.update(action="set-actors", value=args.set_actors)
    elif args.set_casualties:
        row.update(action="set-casualties", value=args.set_casualties)
    elif args.reject:
        row.update(action="reject", value="")
    elif args.merge:
        row.update(action="merge", value=";".join(args.merge))
    else:
        row.update(action="add", value=args.add_type, place_id=args.at, event_date=args.date,
                   evidence=args.evidence or "", article_id=args.article or "")
    with open_store(args.store, create=False) as store:
        ids = [args.incident_id, *(args.merge or [])] if args.incident_id else []
        try:
            rows = correction_rows([row], store.incidents_by_id(ids), _gazetteer)
        except CorrectionError as exc:
            raise CommandError(str(exc)) from None
        store.add_corrections(rows, command=_command_line())
        recorded = rows.iloc[0]
        frame = store.incidents_by_id([recorded["incident_id"]])
    result = {"correction_id": recorded["correction_id"], "incident_id": recorded["incident_id"],
              "action": recorded["action"], "recorded": describe(recorded),
              "correction_note": frame["correction_note"].iloc[0] if len(frame) else ""}
    if args.json:
        print_json(result)
    else:
        print(recorded["incident_id"])
        say(args, result["recorded"])
    return 0


def _cmd_corrections(args: argparse.Namespace) -> int:
    from geo_incidents.corrections.table import corrections_csv, write_corrections_csv
    from geo_incidents.store import open_store

    with open_store(args.store, create=False) as store:
        if args.import_ is not None:
            return _import(args, store)
        corrections = store.corrections()
        orphaned = set(store.orphaned_corrections()["correction_id"])
    if args.export is not None:
        write_corrections_csv(corrections, args.export)
        if args.json:
            print_json({"path": str(args.export), "rows": len(corrections)})
        else:
            print(args.export)
        say(args, f"wrote {len(corrections)} corrections to {args.export}")
        return 0
    if args.json:
        from geo_incidents.frame import json_records

        records = json_records(corrections)
        for record in records:
            record["incident_present"] = record["correction_id"] not in orphaned
        print_json({"corrections": records})
    else:
        sys.stdout.write(corrections_csv(corrections))
    if corrections.empty:
        say(args, "no corrections in this store")
        return 1
    return 0


def _import(args: argparse.Namespace, store) -> int:
    from geo_incidents.corrections.actions import CorrectionError
    from geo_incidents.corrections.record import correction_rows
    from geo_incidents.corrections.table import read_corrections_csv
    from geo_incidents.pipeline import _command_line

    if not args.import_.is_file():
        raise CommandError(f"{args.import_}: no such file")
    try:
        rows = read_corrections_csv(args.import_)
    except CorrectionError as exc:
        raise CommandError(str(exc)) from None
    ids = set()
    for row in rows:
        ids.add(row.get("incident_id") or "")
        if str(row.get("action") or "").strip().lower() == "merge":
            ids |= {part.strip() for part in str(row.get("value") or "").split(";")}
    incidents = store.incidents_by_id(ids - {""})
    checked = []
    for row in rows:
        line = row.pop("_line")
        try:
            checked.append(correction_rows([row], incidents, _gazetteer, require_incident=False))
        except CorrectionError as exc:
            raise CommandError(f"{args.import_}: line {line}: {exc}; nothing imported") from None
    if not checked:
        say(args, f"{args.import_}: no corrections in the file")
        return 1
    import pandas as pd

    frame = pd.concat(checked, ignore_index=True)
    added = [part.attrs["added"] for part in checked if part.attrs.get("added") is not None]
    if added:
        import geopandas as gpd

        frame.attrs["added"] = gpd.GeoDataFrame(pd.concat(added, ignore_index=True), geometry="geometry",
                                                crs=added[0].crs)
    store.add_corrections(frame, command=_command_line())
    if args.json:
        print_json({"imported": len(frame), "path": str(args.import_)})
    else:
        say(args, f"imported {len(frame)} corrections from {args.import_}")
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from geo_incidents.corrections.review import format_learning, format_review, learn, review
    from geo_incidents.store import open_store

    with open_store(args.store, create=False) as store:
        if args.learn:
            report = learn(store)
            if args.json:
                print_json(report)
            else:
                sys.stdout.write(format_learning(report))
            return 0 if report["corrections"] else 1
        report = review(store, limit=args.limit)
    if args.json:
        print_json(report)
    else:
        sys.stdout.write(format_review(report))
    return 0 if report["incidents"] or report["orphaned_corrections"] or report["unresolved_names"] else 1
