"""Plan <-> JSON document: the mapping between domain records and the file's tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain import (
    Activity,
    Change,
    Committee,
    Decision,
    Expense,
    FocusArea,
    Milestone,
    Plan,
    PlanInfo,
    StrategicPool,
    VisitBudget,
)
from ..domain.document_rules import DocumentError, check_document, check_table
from .errors import UnreadableFile
from .schema import META_ID, SCHEMA_VERSION, TABLES, Document


def _table(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i): r for i, r in enumerate(records, start=1)}


def plan_to_document(plan: Plan) -> Document:
    meta = {
        "schema_version": SCHEMA_VERSION,
        "info": plan.info.to_dict(),
        "budget": plan.budget.to_dict(),
        "pool": plan.pool.to_dict(),
        "editors": list(plan.editors),
    }
    doc: Document = {name: {} for name in TABLES}
    doc["meta"] = {META_ID: meta}
    doc["focus_areas"] = _table([f.to_dict() for f in plan.focus_areas])
    doc["committees"] = _table([c.to_dict() for c in plan.committees])
    doc["activities"] = _table([a.to_dict() for a in plan.activities])
    doc["milestones"] = _table([m.to_dict() for m in plan.milestones])
    doc["decisions"] = _table([d.to_dict() for d in plan.decisions])
    doc["expenses"] = {str(e.id): e.to_dict() for e in plan.expenses}
    doc["changes"] = {str(c.id): c.to_dict() for c in plan.changes}
    return doc


def _records(doc: Document, table: str) -> list[dict[str, Any]]:
    return [doc[table][k] for k in sorted(doc[table], key=int)]


def check(path: Path, doc: Document) -> None:
    """Every field of every record (``domain.document_rules``); the first problem is an
    ``UnreadableFile`` naming the field's path."""
    try:
        check_document(doc)
    except DocumentError as exc:
        raise UnreadableFile(path, str(exc)) from exc


def document_to_plan(path: Path, doc: Document) -> Plan:
    """Check the whole document, then build the domain plan; a document that breaks a rule is an
    ``UnreadableFile`` naming the field (``budget.lines[1].name: expected text, found null``)."""
    check(path, doc)
    table = "meta"
    try:
        meta = doc["meta"][META_ID]
        info = PlanInfo.from_dict(meta.get("info", {}))
        budget = VisitBudget.from_dict(meta["budget"])
        pool = StrategicPool.from_dict(meta["pool"])
        editors = [str(e) for e in meta.get("editors", [])]
        table = "focus_areas"
        focus = [FocusArea.from_dict(r) for r in _records(doc, table)]
        table = "committees"
        committees = [Committee.from_dict(r) for r in _records(doc, table)]
        table = "activities"
        activities = [Activity.from_dict(r) for r in _records(doc, table)]
        table = "milestones"
        milestones = [Milestone.from_dict(r) for r in _records(doc, table)]
        table = "decisions"
        decisions = [Decision.from_dict(r) for r in _records(doc, table)]
        table = "expenses"
        expenses = [Expense.from_dict(r) for r in _records(doc, table)]
        table = "changes"
        changes = [Change.from_dict(r) for r in _records(doc, table)]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UnreadableFile(path, f"malformed record in table {table!r}: "
                                   f"{type(exc).__name__}: {exc}") from exc
    return Plan(info, focus, committees, activities, milestones, decisions, budget, pool,
                expenses, changes, editors)


def validate_records(path: Path, doc: Document, written: dict[str, set[str]]) -> None:
    """Check just the records a journal line wrote, by the rules ``document_to_plan`` applies to
    all of them (ids stay unique across their whole table)."""
    for table, ids in written.items():
        if table not in doc:
            raise UnreadableFile(path, f"the journal writes to an unknown table {table!r}")
        try:
            check_table(doc, table, None if table == "meta" else ids)
        except DocumentError as exc:
            raise UnreadableFile(path, str(exc)) from exc
