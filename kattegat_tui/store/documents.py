"""Plan <-> JSON document: the mapping between domain records and the file's tables."""

from __future__ import annotations

from datetime import date, datetime
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..domain import (
    Activity,
    Assessment,
    Change,
    Committee,
    Decision,
    Expense,
    FocusArea,
    Milestone,
    Note,
    Plan,
    PlanInfo,
    Side,
    Status,
    StrategicPool,
    VisitBudget,
)
from ..domain.document_rules import Columns, DocumentError, check_document, check_table
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


def check(path: Path, doc: Document) -> dict[str, Columns]:
    """Every field of every record (``domain.document_rules``); the first problem is an
    ``UnreadableFile`` naming the field's path. Returns the checked columns of each table."""
    try:
        return check_document(doc)
    except DocumentError as exc:
        raise UnreadableFile(path, "store.bad_document", detail=str(exc)) from exc


def document_to_plan(path: Path, doc: Document) -> Plan:
    """Check the whole document, then build the domain plan; a document that breaks a rule is an
    ``UnreadableFile`` naming the field (``budget.lines[1].name: expected text, found null``).

    The two large tables, activities (with their notes) and the history, are built from the
    checked columns, which costs a good part less than record by record and pays for most of the
    checking; the others record by record (``records_to_plan``)."""
    columns = check(path, doc)
    ordered = _in_order(doc, columns)
    plan = records_to_plan(path, doc, skip=ordered)
    if "activities" in ordered:
        plan.activities = _activities(columns["activities"])
    if "changes" in ordered:
        plan.changes = _changes(columns["changes"])
    return plan


def _in_order(doc: Document, columns: dict[str, Columns]) -> frozenset[str]:
    """Of the activities and the history, the tables whose records are stored in the order of
    their numbers (as the store writes them): their columns are in the plan's order."""
    numbers = {"activities": list(map(int, doc["activities"])),
               "changes": columns["changes"]["id"]}  # checked: each history id is its number
    return frozenset(table for table, seq in numbers.items() if list(seq) == sorted(seq))


_SIDE = {s.value: s for s in Side}
_STATUS = {s.value: s for s in Status}
_ASSESSMENT = {a.value: a for a in Assessment}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _activities(c: Columns) -> list[Activity]:
    """``Activity.from_dict`` for every record, from checked columns."""
    notes = c["notes"]
    flat = list(chain.from_iterable(notes))
    built = list(map(Note, map(datetime.fromisoformat, map(itemgetter("at"), flat)),
                     map(itemgetter("by"), flat), map(itemgetter("text"), flat)))
    ends = list(accumulate(map(len, notes)))
    per_activity = [built[end - len(n):end] for n, end in zip(notes, ends, strict=True)]
    return list(map(
        Activity, c["id"], c["focus"], c["title"], c["committee"], c["description"], c["owner"],
        map(_SIDE.__getitem__, c["side"]), map(_day, c["start"]), map(_day, c["due"]),
        map(_STATUS.__getitem__, c["status"]), map(_ASSESSMENT.get, c["assessment"]),
        c["assessment_comment"], per_activity, c["committee_suggested"],
        map(_moment, c["updated_at"]), c["updated_by"], c["revision"]))


def _changes(c: Columns) -> list[Change]:
    """``Change.from_dict`` for every record, from checked columns."""
    batches = [batch or number for batch, number in zip(c["batch"], c["id"], strict=True)]
    return list(map(Change, c["id"], map(datetime.fromisoformat, c["at"]), c["who"], c["entity"],
                    c["entity_id"], c["field"], c["old"], c["new"], c["action"], batches,
                    c["undoes"]))


def records_to_plan(path: Path, doc: Document, skip: frozenset[str] = frozenset()) -> Plan:
    """The plan built record by record with each record's ``from_dict`` (the tables in ``skip``
    left empty)."""
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
        activities = [] if table in skip else [Activity.from_dict(r) for r in _records(doc, table)]
        table = "milestones"
        milestones = [Milestone.from_dict(r) for r in _records(doc, table)]
        table = "decisions"
        decisions = [Decision.from_dict(r) for r in _records(doc, table)]
        table = "expenses"
        expenses = [Expense.from_dict(r) for r in _records(doc, table)]
        table = "changes"
        changes = [] if table in skip else [Change.from_dict(r) for r in _records(doc, table)]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UnreadableFile(path, "store.bad_record", table=table,
                             detail=f"{type(exc).__name__}: {exc}") from exc
    return Plan(info, focus, committees, activities, milestones, decisions, budget, pool,
                expenses, changes, editors)


def validate_records(path: Path, doc: Document, written: dict[str, set[str]]) -> None:
    """Check just the records a journal line wrote, by the rules ``document_to_plan`` applies to
    all of them (ids stay unique across their whole table)."""
    for table, ids in written.items():
        if table not in doc:
            raise UnreadableFile(path, "store.journal_unknown_table", table=table)
        try:
            check_table(doc, table, None if table == "meta" else ids)
        except DocumentError as exc:
            raise UnreadableFile(path, "store.bad_document", detail=str(exc)) from exc
