"""The one way from the command line to the dashboard: the only CLI module that reaches textual,
and only inside ``open_dashboard``."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..i18n import Translator
from ..store import Store
from ..terminal_output import unfiltered_output


def open_dashboard(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    """Start the dashboard on ``store`` (plain `kattegat`); it needs a terminal on both ends."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(tr.t("err.no_tty"), file=sys.stderr)
        return 1
    plan = store.load()  # an unreadable file is reported before anything is drawn
    from ..app import run_dashboard

    with unfiltered_output():  # the dashboard writes its own escape sequences
        return run_dashboard(store, lang=tr.lang, today=today, read_only=args.read_only, plan=plan)
