"""The form for an actual expense on the visit budget: date, budget line, amount and note."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from ..domain import validation
from ..domain.dates import parse_user_date
from ..domain.text import clean_text
from .form import FormDialog, FormField


def spent_on(text: str) -> Any:
    return validation.plan_date(parse_user_date(text), "date")


def amount(text: str) -> int:
    return validation.amount(validation.text(text, "amount", required=True))


class ExpenseForm(FormDialog[int]):
    """Book an expense; dismisses with the new expense's id (None when cancelled)."""

    PARSERS: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "date": spent_on,
        "line": partial(validation.text, field="line", required=True),
        "amount": amount,
        "note": partial(validation.long_text, field="note"),
    }
    UNREADABLE: ClassVar[str] = "expense.bad_date"
    FIRST_FOCUS: ClassVar[str | None] = "amount"

    def initial_values(self, record: None) -> dict[str, Any]:
        lines = self.plan.budget.lines
        return {"date": self.tr.date_short(self.today), "line": lines[0].key if lines else "",
                "amount": "", "note": ""}

    def form_title(self) -> str:
        return self.tr.t("expense.new_title", budget=clean_text(self.plan.budget.name))

    def compose_fields(self) -> ComposeResult:
        tr, start = self.tr, self.initial
        lines = self.plan.budget.lines
        yield FormField(tr.t("field.date"), Input(start["date"], id="ex-date", compact=True),
                        name="date")
        yield FormField(tr.t("field.line"), Select(
            [(Content(clean_text(line.name)), line.key) for line in lines],
            value=start["line"] or Select.NULL, allow_blank=not lines, id="ex-line",
            compact=True), name="line")
        yield FormField(tr.t("field.amount"), Input(
            "", id="ex-amount", compact=True, placeholder=tr.t("expense.amount_placeholder")),
            name="amount")
        yield FormField(tr.t("field.note"), Input("", id="ex-note", compact=True), name="note")

    def write(self, fields: dict[str, Any]) -> Callable[[], Any]:
        store = self.session.store
        return partial(store.add_expense, spent_on=fields["date"], line=fields["line"],
                       amount=fields["amount"], note=fields["note"])

    def what(self, fields: dict[str, Any]) -> str:
        return self.tr.t("expense.what_new")
