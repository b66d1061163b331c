"""The argparse parser of `kattegat`, in the chosen language: one table row per command, each
naming the handler it dispatches to (``set_defaults(handler=...)``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ..i18n import LANGUAGES, Translator, translator
from .access import access
from .budget import budget
from .dashboard import open_dashboard
from .edits import assess, note, redo, set_status, undo
from .files import check, export, import_file, seed
from .plan_reading import activities, milestones, show, status
from .reports import calendar, report

NON_NEGATIVE = "non-negative"  # a ``type`` in the table: a whole number >= 0, said in the language


class Command:
    """A subcommand: its name, the catalog key of its help, its handler and its arguments, each
    ``(flags, options)`` with ``help`` as a catalog key (text that is no key is shown as it is)
    and ``exclusive`` naming a group of options of which only one may be given. (A plain class:
    a dataclass costs `kattegat status` a millisecond at import.)"""

    __slots__ = ("arguments", "handler", "help", "name", "opens_plan")

    def __init__(self, name: str, help: str, handler: Callable[..., int],
                 arguments: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = (), *,
                 opens_plan: bool = True) -> None:
        self.name = name
        self.help = help
        self.handler = handler
        self.arguments = arguments
        self.opens_plan = opens_plan


def arg(*flags: str, **options: Any) -> tuple[tuple[str, ...], dict[str, Any]]:
    return flags, options


JSON = arg("--json", action="store_true", help="cli.json")
ID = arg("id", help="cli.id")
OUTPUT = arg("-o", "--output", help="cli.output")

COMMANDS: tuple[Command, ...] = (
    Command("status", "cli.status", status, (
        arg("--as-of", help="cli.as_of"),
        arg("--stale-days", type=NON_NEGATIVE, default=90, help="cli.stale_days"),
        arg("--all", action="store_true", help="cli.all"))),
    Command("activities", "cli.activities", activities, (
        arg("--committee", help="cli.committee"), arg("--status", help="cli.status_filter"),
        arg("--focus", help="cli.focus"), JSON)),
    Command("show", "cli.show", show, (ID, JSON)),
    Command("set-status", "cli.set_status", set_status, (
        ID, arg("status", help="cli.status_filter"), arg("--note", help="cli.note_opt"))),
    Command("assess", "cli.assess", assess, (
        ID, arg("assessment", help="green|yellow|red"),
        arg("--comment", default="", help="cli.comment"))),
    Command("note", "cli.note", note, (ID, arg("text", help="cli.text"))),
    Command("milestones", "cli.milestones", milestones, (JSON,)),
    Command("budget", "cli.budget", budget, (
        arg("--participants", type=NON_NEGATIVE, help="cli.participants"), JSON)),
    Command("check", "cli.check", check),
    Command("export", "cli.export", export, (OUTPUT,)),
    Command("import", "cli.import", import_file, (arg("file", help="cli.file"),)),
    Command("seed", "cli.seed", seed, (
        arg("-o", "--output", required=True, help="cli.output"),
        arg("--force", action="store_true", help="cli.force")), opens_plan=False),
    Command("undo", "cli.undo", undo),
    Command("redo", "cli.redo", redo),
    Command("report", "cli.report", report, (
        arg("--format", choices=("md", "html", "csv"), default="md", help="cli.format"),
        arg("--committee", help="cli.committee"), arg("--focus", help="cli.focus"),
        arg("--since", help="cli.since", exclusive="period"),
        arg("--period", help="cli.period", exclusive="period"),
        arg("--as-of", help="cli.as_of"), OUTPUT)),
    Command("calendar", "cli.calendar", calendar, (OUTPUT,)),
    Command("access", "cli.access", access, (
        arg("action", choices=("list", "grant", "revoke")),
        arg("login", nargs="?", help="cli.login"))),
)


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


def lang_from_argv(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line, read before parsing so help is in that language."""
    for i, arg_ in enumerate(argv):
        if arg_ == "--":
            break
        if arg_ == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg_.startswith("--lang="):
            return arg_.split("=", 1)[1]
    return None


def _non_negative(tr: Translator) -> Callable[[str], int]:
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


def _add_arguments(parser: argparse.ArgumentParser, command: Command, tr: Translator) -> None:
    groups: dict[str, Any] = {}
    for flags, spec in command.arguments:
        options = dict(spec)
        if "help" in options:
            options["help"] = tr.t(options["help"])
        if options.get("type") == NON_NEGATIVE:
            options["type"] = _non_negative(tr)
        target: Any = parser
        if "exclusive" in options:
            name = options.pop("exclusive")
            if name not in groups:
                groups[name] = parser.add_mutually_exclusive_group()
            target = groups[name]
        target.add_argument(*flags, **options)


def build_parser(tr: Translator | None = None) -> argparse.ArgumentParser:
    """The parser; plain `kattegat` (no command) opens the dashboard."""
    tr = tr or translator(None)
    p = _Parser(prog="kattegat", description=tr.t("cli.description"), tr=tr)
    _global_options(p, tr, top=True)
    p.add_argument("--read-only", action="store_true", help=tr.t("cli.read_only"))
    p.set_defaults(handler=open_dashboard, opens_plan=True)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", title=tr.t("cli.commands"),
                           parser_class=_Parser)
    for command in COMMANDS:
        parser = sub.add_parser(command.name, help=tr.t(command.help),
                                description=tr.t(command.help), tr=tr)
        _global_options(parser, tr, top=False)
        _add_arguments(parser, command, tr)
        parser.set_defaults(handler=command.handler, opens_plan=command.opens_plan)
    return p
