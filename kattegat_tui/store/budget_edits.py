"""Edits to the visit budget (planned participants) and its expenses; all audited."""

from __future__ import annotations

from datetime import date

from ..domain import Expense, validation
from ..domain.dates import DateParseError, parse_user_date
from .errors import NotFound
from .plan_store import PlanStore


class BudgetEdits(PlanStore):
    """The visit's planned participants and the expenses booked against its budget lines."""

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
