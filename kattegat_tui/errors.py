"""Errors shared by the command line and the dashboard, and how each becomes one translated line.

A leaf: imports only the domain, the store's exceptions and the catalogs, never the CLI or the UI.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .domain.document_rules import DocumentError
from .domain.validation import ValidationError
from .i18n import Translator
from .store.errors import AccessDenied, ConflictError, NotFound, StoreError, UndoConflict

__all__ = ["UserError", "describe", "undo_conflict_line"]


class UserError(Exception):
    """An error the user can fix, already a sentence in their language (exit code 1 in the CLI)."""


def describe(exc: BaseException, tr: Translator) -> str | None:
    """One line for an error the user can fix, in ``tr``'s language; None for a bug."""
    if isinstance(exc, ValidationError | NotFound):
        return tr.error(exc)
    if isinstance(exc, StoreError):
        return store_error_line(exc, tr)
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, AccessDenied):
        return tr.t("err.access_denied", user=exc.user)
    if isinstance(exc, ConflictError):
        return tr.t("err.conflict", key=exc.key, who=exc.current.get("updated_by", "?"))
    if isinstance(exc, UndoConflict):
        return undo_conflict_line(exc, tr)
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    if isinstance(exc, RecursionError):
        return tr.t("err.too_deep")
    if isinstance(exc, OverflowError | ValueError) and re.search(_DATE_RANGE, str(exc)):
        # date arithmetic that ran past year 1 or 9999 somewhere the checks did not foresee
        return tr.t("err.date_out_of_range", detail=str(exc))
    return None


# compiled on first use (re caches it), not when `kattegat status` imports this module
_DATE_RANGE = r"\bdate value out of range|\byear -?\d+ is out of range"


def store_error_line(exc: StoreError, tr: Translator) -> str:
    """A plan file problem: the file's path, then what is wrong with it in this language."""
    cause = exc.__cause__
    if isinstance(cause, DocumentError):
        # a plan document that breaks a rule: the field's path, then the problem in this language
        return f"{exc.path}: {cause.where}: {tr.t(cause.code, **cause.params)}"
    params = dict(exc.params)
    if "kind" in params:
        params["kind"] = tr.t(f"store.kind.{params['kind']}")
    return f"{exc.path}: {tr.t(exc.code, **params)}"


def undo_conflict_line(exc: UndoConflict, tr: Translator) -> str:
    """A refused undo or redo as one line: what, who changed it since and when (local time)."""
    if exc.entity in ("activity", "milestone"):
        what = exc.key
    elif exc.entity == "expense":
        what = f"{tr.entity('expense')} {exc.key}"
    else:
        what = tr.entity(exc.entity)
    if exc.field != "*":
        label = tr.t(f"field.{exc.field}")
        label = exc.field if label == f"field.{exc.field}" else label
        what += f" ({label if label.isupper() else label.lower()})"
    key = "err.redo_conflict" if exc.op == "redo" else "err.undo_conflict"
    if exc.who is None:
        return tr.t(key + "_unknown", what=what)
    return tr.t(key, what=what, who=exc.who, at=_local_stamp(exc.at, tr))


def _local_stamp(at: str | None, tr: Translator) -> str:
    from .domain.history import PLAN_TZ

    try:
        moment = datetime.fromisoformat(str(at))
    except ValueError:
        return str(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(PLAN_TZ)
    return f"{tr.date_short(local.date())} {local:%H:%M}"
