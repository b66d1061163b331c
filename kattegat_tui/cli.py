"""The `kattegat` command. Non-TUI commands never import textual.

Exit codes: 0 success, 1 an error the user can fix (one line on stderr, no traceback), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from .domain.dates import DateParseError, parse_user_date
from .errors import UserError
from .i18n import LANGUAGES, Translator, translator
from .terminal_output import sanitised_output, unfiltered_output

DEFAULT_DB = Path("data") / "db.json"


def _today(value: str | None, tr: Translator) -> date:
    if not value:
        return date.today()
    try:
        return parse_user_date(value)
    except DateParseError as exc:
        raise UserError(f"--today: {tr.error(exc)}") from exc


class _Parser(argparse.ArgumentParser):
    """argparse with its headings, usage prefix and error prefix in the chosen language."""

    def __init__(self, *args: Any, tr: Translator, **kwargs: Any) -> None:
        self.tr = tr
        kwargs.setdefault("formatter_class", _formatter(tr))
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = tr.t("cli.positionals")
        self._optionals.title = tr.t("cli.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=tr.t("cli.help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {self.tr.t('cli.error')}: {message}\n")


def _formatter(tr: Translator) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: str | None, actions: Any, groups: Any,
                      prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups,
                              tr.t("cli.usage") if prefix is None else prefix)

    return Formatter


def _lang_from_argv(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line, read before parsing so help is in that language."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _non_negative(tr: Translator) -> Any:
    def convert(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(tr.t("cli.not_number", value=value)) from None
        if n < 0:
            raise argparse.ArgumentTypeError(tr.t("cli.not_number", value=value))
        return n

    return convert


def _global_options(p: argparse.ArgumentParser, tr: Translator, *, top: bool) -> None:
    """--db, --lang and --today, accepted before or after the command."""
    env = os.environ.get
    p.add_argument("--db", default=env("KATTEGAT_DB") if top else argparse.SUPPRESS,
                   help=tr.t("cli.db"))
    p.add_argument("--lang", choices=LANGUAGES, default=None if top else argparse.SUPPRESS,
                   help=tr.t("cli.lang"))
    p.add_argument("--today", default=env("KATTEGAT_TODAY") if top else argparse.SUPPRESS,
                   help=tr.t("cli.today"))


def build_parser(tr: Translator | None = None) -> argparse.ArgumentParser:
    tr = tr or translator(None)
    t = tr.t
    p = _Parser(prog="kattegat", description=t("cli.description"), tr=tr)
    _global_options(p, tr, top=True)
    p.add_argument("--read-only", action="store_true", help=t("cli.read_only"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", title=t("cli.commands"),
                           parser_class=_Parser)

    def command(name: str, key: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, help=t(key), description=t(key),
                                                         tr=tr)
        _global_options(parser, tr, top=False)
        return parser

    s = command("status", "cli.status")
    s.add_argument("--as-of", help=t("cli.as_of"))
    s.add_argument("--stale-days", type=_non_negative(tr), default=90, help=t("cli.stale_days"))
    s.add_argument("--all", action="store_true", help=t("cli.all"))

    s = command("activities", "cli.activities")
    s.add_argument("--committee", help=t("cli.committee"))
    s.add_argument("--status", help=t("cli.status_filter"))
    s.add_argument("--focus", help=t("cli.focus"))
    s.add_argument("--json", action="store_true", help=t("cli.json"))

    s = command("show", "cli.show")
    s.add_argument("id", help=t("cli.id"))
    s.add_argument("--json", action="store_true", help=t("cli.json"))

    s = command("set-status", "cli.set_status")
    s.add_argument("id", help=t("cli.id"))
    s.add_argument("status", help=t("cli.status_filter"))
    s.add_argument("--note", help=t("cli.note_opt"))

    s = command("assess", "cli.assess")
    s.add_argument("id", help=t("cli.id"))
    s.add_argument("assessment", help="green|yellow|red")
    s.add_argument("--comment", default="", help=t("cli.comment"))

    s = command("note", "cli.note")
    s.add_argument("id", help=t("cli.id"))
    s.add_argument("text", help=t("cli.text"))

    s = command("milestones", "cli.milestones")
    s.add_argument("--json", action="store_true", help=t("cli.json"))

    s = command("budget", "cli.budget")
    s.add_argument("--participants", type=_non_negative(tr), help=t("cli.participants"))
    s.add_argument("--json", action="store_true", help=t("cli.json"))

    command("check", "cli.check")

    s = command("export", "cli.export")
    s.add_argument("-o", "--output", help=t("cli.output"))

    s = command("import", "cli.import")
    s.add_argument("file", help=t("cli.file"))

    s = command("seed", "cli.seed")
    s.add_argument("-o", "--output", required=True, help=t("cli.output"))
    s.add_argument("--force", action="store_true", help=t("cli.force"))

    command("undo", "cli.undo")
    command("redo", "cli.redo")

    s = command("report", "cli.report")
    s.add_argument("--format", choices=("md", "html", "csv"), default="md", help=t("cli.format"))
    s.add_argument("--committee", help=t("cli.committee"))
    s.add_argument("--focus", help=t("cli.focus"))
    period = s.add_mutually_exclusive_group()
    period.add_argument("--since", help=t("cli.since"))
    period.add_argument("--period", help=t("cli.period"))
    s.add_argument("--as-of", help=t("cli.as_of"))
    s.add_argument("-o", "--output", help=t("cli.output"))

    s = command("calendar", "cli.calendar")
    s.add_argument("-o", "--output", help=t("cli.output"))

    s = command("access", "cli.access")
    s.add_argument("action", choices=("list", "grant", "revoke"))
    s.add_argument("login", nargs="?", help=t("cli.login"))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """The command line. Everything it prints passes the terminal filter; whatever goes wrong ends
    in one line on stderr and exit code 1 (2 for usage), never in a traceback."""
    with sanitised_output():
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(argv: list[str]) -> int:
    tr = translator(_lang_from_argv(argv) or os.environ.get("KATTEGAT_LANG"))
    try:
        parser = build_parser(tr)
        args = parser.parse_args(argv)
        _read_text_arguments(args)
        if args.command == "access" and args.action != "list" and not args.login:
            parser.error(f"access {args.action}: {tr.t('err.usage_login')}")
        return run(args, tr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`kattegat export | head`): stop quietly, like other tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # every error becomes one line; a bug asks to be reported
        return _report_error(exc, tr)


def _report_error(exc: Exception, tr: Translator) -> int:
    from .errors import describe

    message = describe(exc, tr)
    if message is None:
        if os.environ.get("KATTEGAT_DEBUG") == "1":
            traceback.print_exception(exc, file=sys.stderr)
        detail = " ".join(str(exc).split())[:200]
        message = tr.t("err.internal", error=f"{type(exc).__name__}: {detail}".rstrip(": "))
    with suppress(OSError, ValueError):  # stderr is gone too; the exit code still says it
        print(f"kattegat: {message}", file=sys.stderr)
    return 1


# Arguments that name files keep their bytes exactly; all others are text people typed.
_PATH_ARGUMENTS = frozenset({"db", "output", "file"})


def _read_text_arguments(args: argparse.Namespace) -> None:
    """Text arguments a non-UTF-8 terminal passed as bytes (surrogates): UTF-8 where they are,
    else Windows-1252/Latin-1 (a Danish or Swedish terminal), never lone surrogates."""
    for name, value in vars(args).items():
        if isinstance(value, str) and name not in _PATH_ARGUMENTS:
            setattr(args, name, text_argument(value))


def text_argument(value: str) -> str:
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    raw = os.fsencode(value)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def run(args: argparse.Namespace, tr: Translator) -> int:
    from . import commands

    today = _today(args.today, tr)
    if args.command == "seed":
        return commands.seed(Path(args.output), tr, force=args.force)
    db = Path(args.db) if args.db else DEFAULT_DB
    store = commands.open_store(db, default=not args.db, tr=tr)
    if args.command is None:
        with unfiltered_output():  # the dashboard writes its own escape sequences
            return commands.dashboard(store, tr, today, read_only=args.read_only)
    handler = getattr(commands, "cmd_" + args.command.replace("-", "_"))
    result: int = handler(store, args, tr, today)
    return result


if __name__ == "__main__":
    sys.exit(main())
