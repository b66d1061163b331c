"""Is a whole plan sound? The checks `kattegat check` and `kattegat import` apply to a loaded plan.

The store already refuses files it cannot parse or whose records have the wrong shape; these checks
go further: unique IDs, references that resolve, the rules every edit enforces (a comment for
yellow and red, due date not before start, no negative amounts) and no control characters in text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import validation
from .model import Activity
from .plan import Plan
from .validation import ValidationError

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a plan: which record (``kind``, ``key``) and what (``error``)."""

    kind: str
    key: str
    error: ValidationError


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, kind: str, key: str, code: str, **params: object) -> None:
        self.problems.append(Problem(kind, key, ValidationError(code, **params)))

    def text(self, kind: str, key: str, field: str, value: str, *, limit: int,
             required: bool = False, multiline: bool = False) -> None:
        pattern = _CONTROL if multiline else _CONTROL_ONE_LINE
        if required and not value.strip():
            self.add(kind, key, "err.required", field=field)
        if len(value) > limit:
            self.add(kind, key, "err.too_long", field=field, limit=limit, length=len(value))
        if pattern.search(value):
            self.add(kind, key, "err.control_chars", field=field)

    def amount(self, kind: str, key: str, field: str, value: int) -> None:
        if value < 0:
            self.add(kind, key, "err.negative", field=field, value=value)

    def unique(self, kind: str, keys: list[str]) -> None:
        seen: set[str] = set()
        for key in keys:
            folded = key.upper()
            if folded in seen:
                self.add(kind, key, "err.duplicate_id", value=key)
            seen.add(folded)


def plan_problems(plan: Plan) -> list[Problem]:
    """Everything wrong with ``plan``, in file order; an empty list means the plan is sound."""
    out = _Collector()
    out.unique("focus_area", [f.key for f in plan.focus_areas])
    out.unique("committee", [c.key for c in plan.committees])
    out.unique("activity", [a.id for a in plan.activities])
    out.unique("milestone", [m.id for m in plan.milestones])
    focus_keys = [f.key for f in plan.focus_areas]
    committee_keys = [c.key for c in plan.committees]
    for c in plan.committees:
        out.text("committee", c.key, "name", c.name, limit=validation.MAX_SHORT, required=True)
    for a in plan.activities:
        _check_activity(out, a, focus_keys, committee_keys)
    for m in plan.milestones:
        out.text("milestone", m.id, "title", m.title, limit=validation.MAX_TITLE, required=True)
        out.text("milestone", m.id, "description", m.description, limit=validation.MAX_LONG, multiline=True)
    _check_money(out, plan)
    return out.problems


def _check_activity(out: _Collector, a: Activity, focus_keys: list[str],
                    committee_keys: list[str]) -> None:
    try:
        if validation.activity_id(a.id) != a.id:
            out.add("activity", a.id, "err.bad_id", value=a.id)
    except ValidationError:
        out.add("activity", a.id, "err.bad_id", value=a.id)
    if a.focus not in focus_keys:
        out.add("activity", a.id, "err.unknown_focus", value=a.focus, allowed=", ".join(focus_keys))
    if a.committee not in committee_keys:
        out.add("activity", a.id, "err.unknown_committee", value=a.committee,
                allowed=", ".join(committee_keys))
    out.text("activity", a.id, "title", a.title, limit=validation.MAX_TITLE, required=True)
    out.text("activity", a.id, "owner", a.owner, limit=validation.MAX_SHORT)
    out.text("activity", a.id, "description", a.description, limit=validation.MAX_LONG, multiline=True)
    out.text("activity", a.id, "assessment_comment", a.assessment_comment, limit=validation.MAX_LONG,
             multiline=True)
    for note in a.notes:
        out.text("activity", a.id, "note", note.text, limit=validation.MAX_LONG, required=True,
                 multiline=True)
    if a.assessment is not None and a.assessment.needs_comment and not a.assessment_comment.strip():
        out.add("activity", a.id, "err.comment_required", value=a.assessment.value)
    if a.start and a.due and a.due < a.start:
        out.add("activity", a.id, "err.due_before_start", start=a.start.isoformat(),
                due=a.due.isoformat())
    if a.revision < 1:
        out.add("activity", a.id, "err.negative", field="revision", value=a.revision)


def _check_money(out: _Collector, plan: Plan) -> None:
    b = plan.budget
    out.unique("budget", [line.key for line in b.lines])
    for line in b.lines:
        out.amount("budget", line.key, "fixed", line.fixed)
        out.amount("budget", line.key, "per_participant", line.per_participant)
    out.amount("budget", "visit", "planned_participants", b.planned_participants)
    out.amount("budget", "visit", "approved_cap", b.approved_cap)
    p = plan.pool
    for name, value in (("budget", p.budget), ("used_before", p.used_before),
                        ("reserved", p.reserved)):
        out.amount("pool", str(p.year), name, value)
    line_keys = [line.key for line in b.lines]
    for e in plan.expenses:
        out.amount("expense", str(e.id), "amount", e.amount)
        if e.line not in line_keys:
            out.add("expense", str(e.id), "err.unknown_line", value=e.line,
                    allowed=", ".join(line_keys))
        out.text("expense", str(e.id), "note", e.note, limit=validation.MAX_LONG, multiline=True)
