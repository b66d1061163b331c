"""The `kattegat` command. Non-TUI commands never import textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .domain.dates import DateParseError, parse_user_date
from .i18n import LANGUAGES, Translator, translator

DEFAULT_DB = Path("data") / "db.json"


class UserError(Exception):
    """An error the user can fix: one line on stderr, exit code 1."""


def _today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return parse_user_date(value)
    except DateParseError as exc:
        raise UserError(f"--today: {exc}") from exc


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kattegat",
                                description="Kattegatalliancen: handleplan 2025-2028")
    p.add_argument("--db", default=os.environ.get("KATTEGAT_DB"),
                   help="plan file (env KATTEGAT_DB; default ./data/db.json)")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="language da|sv|en (env KATTEGAT_LANG; default da)")
    p.add_argument("--today", default=os.environ.get("KATTEGAT_TODAY"),
                   help="the date to treat as today, YYYY-MM-DD (env KATTEGAT_TODAY)")
    p.add_argument("--read-only", action="store_true", help="open the dashboard in view mode")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("status", help="plain-text summary")
    s.add_argument("--as-of", help="the plan as it stood on that date")
    s.add_argument("--stale-days", type=int, default=90)

    s = sub.add_parser("activities", help="list activities")
    s.add_argument("--committee")
    s.add_argument("--status")
    s.add_argument("--focus")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("show", help="one activity with notes and history")
    s.add_argument("id")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("set-status", help="change an activity's status")
    s.add_argument("id")
    s.add_argument("status")
    s.add_argument("--note")

    s = sub.add_parser("assess", help="set an activity's assessment")
    s.add_argument("id")
    s.add_argument("assessment", help="green|yellow|red")
    s.add_argument("--comment", default="")

    s = sub.add_parser("note", help="add a note to an activity")
    s.add_argument("id")
    s.add_argument("text")

    s = sub.add_parser("milestones", help="the timeline")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("budget", help="the visit's budget and the strategic pool")
    s.add_argument("--participants", type=int)
    s.add_argument("--json", action="store_true")

    sub.add_parser("check", help="validate the plan file")

    s = sub.add_parser("export", help="the whole plan as lossless JSON")
    s.add_argument("-o", "--output")

    s = sub.add_parser("import", help="replace the plan with a validated file (all or nothing)")
    s.add_argument("file")

    s = sub.add_parser("seed", help="write the seeded action plan")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("undo", help="undo your own last change")

    s = sub.add_parser("report", help="a report for a committee or meeting (md, html, csv)")
    s.add_argument("--format", choices=("md", "html", "csv"), default="md")
    s.add_argument("--committee")
    s.add_argument("--focus")
    period = s.add_mutually_exclusive_group()
    period.add_argument("--since", help="changes since this date")
    period.add_argument("--period", help="a half-year such as 2025-H2")
    s.add_argument("--as-of", help="the plan as it stood on that date")
    s.add_argument("-o", "--output")

    s = sub.add_parser("calendar", help="the milestones as an iCalendar file")
    s.add_argument("-o", "--output")

    s = sub.add_parser("access", help="who may edit: list, grant LOGIN, revoke LOGIN")
    s.add_argument("action", choices=("list", "grant", "revoke"))
    s.add_argument("login", nargs="?")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    tr = translator(args.lang or os.environ.get("KATTEGAT_LANG"))
    try:
        return run(args, tr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # every error the user can act on becomes one line
        from .commands import describe_error

        message = describe_error(exc, tr)
        if message is None:
            raise
        print(f"kattegat: {message}", file=sys.stderr)
        return 1


def run(args: argparse.Namespace, tr: Translator) -> int:
    from . import commands

    today = _today(args.today)
    if args.command == "seed":
        return commands.seed(Path(args.output), tr)
    db = Path(args.db) if args.db else DEFAULT_DB
    store = commands.open_store(db, default=not args.db, tr=tr)
    if args.command is None:
        return commands.dashboard(store, tr, today, read_only=args.read_only)
    handler = getattr(commands, "cmd_" + args.command.replace("-", "_"))
    result: int = handler(store, args, tr, today)
    return result


if __name__ == "__main__":
    sys.exit(main())
