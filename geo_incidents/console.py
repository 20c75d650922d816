"""What every ``geo-incidents`` subcommand shares: the program's name, how it talks to the person at the
terminal (messages on stderr, data as JSON on stdout, progress bars only on a terminal) and its date option."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

PROG = "geo-incidents"


def iso_date(text: str) -> date:
    """A ``YYYY-MM-DD`` option value; anything else is a usage error that says the expected form."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def progress_enabled(args: argparse.Namespace) -> bool:
    """Progress bars on stderr: not with -q, and only on a terminal."""
    return not args.quiet and sys.stderr.isatty()


def say(args: argparse.Namespace, message: str) -> None:
    """A message for the person at the terminal: stderr, silenced by -q."""
    if not args.quiet:
        print(message, file=sys.stderr)


def print_json(document) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1, default=str, allow_nan=False)
    sys.stdout.write("\n")
