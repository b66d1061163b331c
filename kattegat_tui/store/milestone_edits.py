"""Edits to the plan's milestones (add, change, delete); all audited."""

from __future__ import annotations

from typing import Any

from ..domain import FuzzyDate, Milestone, MilestoneKind, MilestoneStatus, validation
from ..domain.dates import DateParseError, parse_fuzzy_date
from .errors import ConflictError
from .plan_store import PlanStore, jsonable


def _fuzzy(value: Any) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        when = value
    else:
        try:
            when = parse_fuzzy_date(str(value))
        except DateParseError as exc:
            raise validation.ValidationError("err.bad_date", field="when", value=str(value),
                                    reason=str(exc)) from exc
    validation.plan_date(when.first_day, "when")
    validation.plan_date(when.last_day, "when")
    return when


def clean_milestone_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            out[name] = validation.title(value)
        elif name == "description":
            out[name] = validation.long_text(value, name)
        elif name == "case_ref":
            out[name] = validation.text(value, name, limit=40)
        elif name == "when":
            out[name] = _fuzzy(value)
        elif name == "kind":
            out[name] = validation.milestone_kind(value)
        elif name == "status":
            out[name] = validation.milestone_status(value)
        elif name == "activities":
            items = value if isinstance(value, list) else str(value).replace(",", " ").split()
            out[name] = [validation.activity_id(x) for x in items]
        else:
            raise validation.ValidationError("err.unknown_field", field=name)
    return out


class MilestoneEdits(PlanStore):
    """Milestones: numbered M-1, M-2, ... never reusing a number the history has seen."""

    def add_milestone(self, *, title: str, when: Any, kind: MilestoneKind | str,
                      **fields: Any) -> Milestone:
        cleaned = clean_milestone_fields({"title": title, "when": when, "kind": kind, **fields})
        with self.transaction() as tx:
            ids = [str(m["id"]).upper() for m in tx.table("milestones").all()]
            ids += tx.ids_in_history("milestone")
            numbers = [int(x[2:]) for x in ids if x.startswith("M-") and x[2:].isdigit()]
            milestone = Milestone(
                id=f"M-{max(numbers, default=0) + 1}", title=cleaned["title"],
                when=cleaned["when"], kind=cleaned["kind"],
                status=cleaned.get("status", MilestoneStatus.PLANNED),
                case_ref=cleaned.get("case_ref", ""), activities=cleaned.get("activities", []),
                description=cleaned.get("description", ""))
            record = milestone.to_dict()
            tx.table("milestones").insert(record)
            tx.audit("milestone", milestone.id, "*", None, record, action="create")
            return milestone

    def update_milestone(self, milestone_id: str, fields: dict[str, Any], *,
                         expected_revision: int | None = None) -> Milestone:
        cleaned = clean_milestone_fields(fields)
        with self.transaction() as tx:
            doc_id, current = tx.find("milestones", milestone_id, "milestone")
            if expected_revision is not None and current.get("revision") != expected_revision:
                raise ConflictError("milestone", current["id"], expected_revision, current)
            stored = {k: jsonable(val) for k, val in cleaned.items()}
            changed = {k: val for k, val in stored.items() if current.get(k) != val}
            for name, new in changed.items():
                tx.audit("milestone", current["id"], name, current.get(name), new)
            if changed:
                changed["revision"] = int(current.get("revision", 1)) + 1
                tx.table("milestones").update(changed, doc_ids=[doc_id])
            return Milestone.from_dict({**current, **changed})

    def delete_milestone(self, milestone_id: str) -> None:
        with self.transaction() as tx:
            doc_id, current = tx.find("milestones", milestone_id, "milestone")
            tx.table("milestones").remove(doc_ids=[doc_id])
            tx.audit("milestone", current["id"], "*", current, None, action="delete")
