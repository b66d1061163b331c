"""Audit records as plain, short text in the reader's language (no markup, no control characters)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from ..domain import Change, FuzzyDate, Plan
from ..domain.text import clean_text
from ..i18n import Translator

_ENUM_FIELDS = {
    ("activity", "status"): "status",
    ("activity", "assessment"): "assessment",
    ("activity", "side"): "side",
    ("milestone", "status"): "mstatus",
    ("milestone", "kind"): "kind",
}


def short_value(value: str, limit: int = 200) -> str:
    """One line of plain text, control characters removed, at most ``limit`` characters."""
    text = clean_text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def entity_label(entity: str, tr: Translator) -> str:
    return tr.t(f"entity.{entity}")


def record_label(change: Change, tr: Translator) -> str:
    """Which record changed: activities and milestones by ID, the rest by kind ("Udgift 3")."""
    if change.entity in ("activity", "milestone"):
        return short_value(change.entity_id)
    label = entity_label(change.entity, tr)
    return f"{label} {short_value(change.entity_id)}" if change.entity_id.isdigit() else label


def field_label(change: Change, tr: Translator) -> str:
    """The changed field's label from the catalog ("Status", "Frist"); ``*`` is the whole record."""
    if change.field in ("*", ""):
        return tr.t("field.*")
    key = f"field.{change.field}"
    label = tr.t(key)
    return label if label != key else change.field


def format_value(change: Change, value: Any, tr: Translator, limit: int = 200,
                 plan: Plan | None = None) -> str:
    """One stored value as the reader would say it: labels for codes, dates in their precision."""
    if value is None or value == "":
        return "–"
    kind = _ENUM_FIELDS.get((change.entity, change.field))
    if kind and isinstance(value, str):
        label = tr.t(f"{kind}.{value}")
        return label if label != f"{kind}.{value}" else short_value(value, limit)
    if change.field in ("start", "due", "spent_on") and isinstance(value, str):
        try:
            return tr.date_short(date.fromisoformat(value))
        except ValueError:
            pass
    if change.field == "when" and isinstance(value, dict):
        try:
            return tr.fuzzy(FuzzyDate.from_dict(value))
        except (KeyError, ValueError):
            pass
    if isinstance(value, dict):
        return short_value(_record_name(change, value, tr, plan), limit)
    if isinstance(value, list):
        return short_value(", ".join(_item(x) for x in value), limit) or "–"
    if isinstance(value, bool):
        return tr.t("history.yes") if value else tr.t("history.no")
    if isinstance(value, int):
        return tr.number(value)
    return short_value(str(value), limit)


def _item(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("text") or value.get("title") or value.get("id") or "")
    return str(value)


def _record_name(change: Change, record: dict[str, Any], tr: Translator, plan: Plan | None) -> str:
    """A whole record (created or deleted) named by what people recognise it by."""
    if change.entity == "expense":
        lines = {line.key: line.name for line in plan.budget.lines} if plan else {}
        spent_on = str(record.get("spent_on", ""))
        with contextlib.suppress(ValueError):
            spent_on = tr.date_short(date.fromisoformat(spent_on))
        line = str(record.get("line", ""))
        parts = [spent_on, lines.get(line, line)]
        amount = record.get("amount")
        if isinstance(amount, int):
            parts.append(tr.money(amount))
        if record.get("note"):
            parts.append(str(record["note"]))
        return " · ".join(p for p in parts if p)
    for key in ("title", "name", "text"):
        if record.get(key):
            return str(record[key])
    return str(record.get("id", "…"))


def change_summary(change: Change, tr: Translator, plan: Plan | None = None,
                   limit: int = 200) -> str:
    """"old → new" for updates; the record's name for creations, deletions and notes."""
    def fmt(value: Any) -> str:
        return format_value(change, value, tr, limit, plan)

    if change.action in ("note", "import"):
        return fmt(change.new)
    if change.action == "create" or (change.field == "*" and change.old is None):
        return "+ " + fmt(change.new)
    if change.action == "delete" or (change.field == "*" and change.new is None):
        return "− " + fmt(change.old)
    return f"{fmt(change.old)} → {fmt(change.new)}"
