"""The command line's entry point and error boundary: parse, open the plan, run the handler the
parser chose, and turn whatever goes wrong into one line on stderr."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from contextlib import suppress

from ..i18n import Translator, translator
from ..terminal_output import sanitised_output
from .common import open_store, today_from
from .parser import build_parser, lang_from_argv


def main(argv: Sequence[str] | None = None) -> int:
    """The command line. Everything it prints passes the terminal filter; whatever goes wrong ends
    in one line on stderr and exit code 1 (2 for usage), never in a traceback."""
    with sanitised_output():
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(argv: list[str]) -> int:
    tr = translator(lang_from_argv(argv) or os.environ.get("KATTEGAT_LANG"))
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
    from ..errors import describe

    message = describe(exc, tr)
    if message is None:
        if os.environ.get("KATTEGAT_DEBUG") == "1":
            traceback.print_exception(exc, file=sys.stderr)
        detail = " ".join(str(exc).split())[:200]
        message = tr.t("err.internal", error=f"{type(exc).__name__}: {detail}".rstrip(": "))
    # One line, whatever a path or an argument in it holds: a newline there cannot forge a
    # second "kattegat: ..." line.
    message = message.replace("\r", "\\r").replace("\n", "\\n")
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
    """Run the handler the parser set for the command (the dashboard when there is none)."""
    today = today_from(args.today, tr)
    if not args.opens_plan:
        return int(args.handler(args, tr, today))
    store = open_store(args.db, tr)
    return int(args.handler(store, args, tr, today))
