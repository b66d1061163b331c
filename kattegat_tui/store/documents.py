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


def document_to_plan(path: Path, doc: Document) -> Plan:
    """Build the domain plan; a record of the wrong shape is an ``UnreadableFile`` naming it."""
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


_RECORD_TYPES: dict[str, Any] = {
    "focus_areas": FocusArea, "committees": Committee, "activities": Activity,
    "milestones": Milestone, "decisions": Decision, "expenses": Expense, "changes": Change,
}


def validate_records(path: Path, doc: Document, written: dict[str, set[str]]) -> None:
    """Check just the records a journal line wrote, as ``document_to_plan`` checks them all."""
    for table, ids in written.items():
        try:
            if table == "meta":
                document_to_plan(path, {**{t: {} for t in doc}, "meta": doc["meta"]})
                continue
            build = _RECORD_TYPES.get(table)
            if build is None:
                continue
            for doc_id in ids:
                if doc_id in doc[table]:
                    build.from_dict(doc[table][doc_id])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UnreadableFile(path, f"malformed record in table {table!r}: "
                                       f"{type(exc).__name__}: {exc}") from exc
