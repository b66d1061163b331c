"""Edits to milestones, the visit budget, expenses and the list of editors; all audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain import Expense, FuzzyDate, Milestone, MilestoneKind, MilestoneStatus, validation
from ..domain.dates import DateParseError, parse_fuzzy_date, parse_user_date
from .errors import ConflictError, NotFound
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


class OtherEdits(PlanStore):
    """Milestones, budget, expenses and access."""

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

    def set_participants(self, participants: int | str) -> int:
        n = validation.participants(participants)
        with self.transaction() as tx:
            budget = dict(tx.meta["budget"])
            if budget.get("planned_participants") != n:
                tx.audit("budget", "visit", "planned_participants",
                         budget.get("planned_participants"), n)
                budget["planned_participants"] = n
                tx.update_meta({"budget": budget})
        return n

    def add_expense(self, *, spent_on: date | str, line: str, amount: int | str,
                    note: str = "") -> Expense:
        if isinstance(spent_on, str):
            try:
                spent_on = parse_user_date(spent_on)
            except DateParseError as exc:
                raise validation.ValidationError("err.bad_date", field="date", value=spent_on,
                                        reason=str(exc)) from exc
        validation.plan_date(spent_on, "date")
        value = validation.amount(amount)
        text = validation.long_text(note, "note")
        with self.transaction() as tx:
            lines = {x["key"] for x in tx.meta["budget"]["lines"]}
            if line not in lines:
                raise validation.ValidationError("err.unknown_line", value=line,
                                        allowed=", ".join(sorted(lines)))
            table = tx.table("expenses")
            used = [int(e["id"]) for e in table.all()]
            used += [int(x) for x in tx.ids_in_history("expense") if x.isdigit()]
            new_id = max(used, default=0) + 1
            expense = Expense(new_id, spent_on, line, value, text)
            tx.insert_with_id("expenses", expense.to_dict(), new_id)
            tx.audit("expense", str(new_id), "*", None, expense.to_dict(), action="create")
            return expense

    def delete_expense(self, expense_id: int) -> None:
        try:
            doc_id = int(expense_id)
        except (TypeError, ValueError):
            raise NotFound("expense", str(expense_id)) from None
        with self.transaction() as tx:
            table = tx.table("expenses")
            record = table.get(doc_id=doc_id)
            if record is None:
                raise NotFound("expense", str(expense_id))
            table.remove(doc_ids=[doc_id])
            tx.audit("expense", str(doc_id), "*", dict(record), None, action="delete")

    def grant(self, login: str) -> list[str]:
        """Add an editor. Granting on an open plan also adds the granter, who keeps access."""
        name = validation.text(login, "login", limit=64, required=True)
        with self.transaction() as tx:
            editors = list(tx.meta.get("editors") or [])
            new = list(editors)
            if not new and name != tx.user:
                new.append(tx.user)
            if name not in new:
                new.append(name)
            if new != editors:
                tx.audit("access", "editors", "editors", editors, new)
                tx.update_meta({"editors": new})
            return new

    def revoke(self, login: str) -> list[str]:
        """Remove an editor; the last one cannot be removed (that would open the plan)."""
        name = validation.text(login, "login", limit=64, required=True)
        with self.transaction() as tx:
            editors = list(tx.meta.get("editors") or [])
            if name not in editors:
                raise NotFound("editor", name)
            new = [e for e in editors if e != name]
            if not new:
                # An empty list means an open plan: removing the last editor would let anyone edit.
                raise validation.ValidationError("err.last_editor", user=name)
            tx.audit("access", "editors", "editors", editors, new)
            tx.update_meta({"editors": new})
            return new
