"""Changing the plan from the command line: `set-status`, `assess`, `note`, `undo` and `redo`."""

from __future__ import annotations

import argparse
from datetime import date

from ..i18n import Translator
from ..store import Store
from ..terminal_output import confirm
from .common import assessment_named, status_named


def set_status(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.set_status(args.id, status_named(args.status), note=args.note)
    confirm(tr.t("msg.saved", what=f"{a.id} {tr.status_cell(a.status)}"))
    return 0


def assess(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.assess(args.id, assessment_named(args.assessment), args.comment)
    confirm(tr.t("msg.saved", what=f"{a.id} {tr.assessment_cell(a.assessment)}"))
    return 0


def note(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.add_note(args.id, args.text)
    confirm(tr.t("msg.saved", what=f"{a.id} {tr.t('action.note')}"))
    return 0


def undo(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    undone = store.undo_last()
    confirm(tr.t("msg.undone", n=len(undone)) if undone else tr.t("msg.nothing_to_undo"))
    return 0


def redo(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    redone = store.redo_last()
    confirm(tr.t("msg.redone", n=len(redone)) if redone else tr.t("msg.nothing_to_redo"))
    return 0
