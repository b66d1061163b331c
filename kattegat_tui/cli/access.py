"""`kattegat access list|grant|revoke`: who may edit the plan."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..i18n import Translator
from ..store import AccessDenied, Store
from ..terminal_output import confirm


def access(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    if args.action == "list":
        plan = store.load()
        if not store.is_editor(plan):  # who may edit is the editors' business only
            raise AccessDenied(store.user)
        print(_access_text(plan.editors, tr))
        return 0
    editors = store.grant(args.login) if args.action == "grant" else store.revoke(args.login)
    confirm(_access_text(editors, tr))
    if args.action == "grant" and not _is_account(args.login):
        print(tr.t("warn.no_such_account", login=args.login), file=sys.stderr)
    return 0


def _access_text(editors: list[str], tr: Translator) -> str:
    return tr.t("msg.access_list", names=", ".join(editors)) if editors else tr.t("msg.access_open")


def _is_account(login: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(login.strip())
    except KeyError:
        return False
    return True
