"""The form for an actual expense on the visit budget: date, budget line, amount and note."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from ..domain import ValidationError, validation
from ..domain.dates import DateParseError, parse_user_date
from ..domain.text import clean_text
from .milestone_form import EditForm, FormField


class ExpenseForm(EditForm[int | None]):
    """Book an expense; dismisses with the new expense's id (None when cancelled)."""

    def __init__(self) -> None:
        super().__init__()

    def form_title(self) -> str:
        return self.tr.t("expense.new_title", budget=clean_text(self.plan.budget.name))

    def compose_fields(self) -> ComposeResult:
        tr = self.tr
        lines = self.plan.budget.lines
        yield FormField(tr.t("field.date"), Input(tr.date_short(self.today), id="ex-date",
                                                  compact=True), name="date")
        yield FormField(tr.t("field.line"), Select(
            [(Content(clean_text(line.name)), line.key) for line in lines],
            value=lines[0].key if lines else Select.NULL, allow_blank=not lines, id="ex-line",
            compact=True), name="line")
        yield FormField(tr.t("field.amount"), Input(
            "", id="ex-amount", compact=True, placeholder=tr.t("expense.amount_placeholder")),
            name="amount")
        yield FormField(tr.t("field.note"), Input("", id="ex-note", compact=True), name="note")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ex-amount", Input).focus()

    def values(self) -> dict[str, Any]:
        return {
            "date": self.query_one("#ex-date", Input).value,
            "line": self.query_one("#ex-line", Select).value,
            "amount": self.query_one("#ex-amount", Input).value,
            "note": self.query_one("#ex-note", Input).value,
        }

    def check(self) -> tuple[dict[str, Any], dict[str, str]]:
        raw = self.values()
        fields: dict[str, Any] = {}
        errors: dict[str, str] = {}
        try:
            fields["spent_on"] = parse_user_date(raw["date"])
        except (DateParseError, ValueError) as exc:
            errors["date"] = self.tr.t("expense.bad_date", value=clean_text(raw["date"]),
                                       reason=self.tr.error(exc))
        if not isinstance(raw["line"], str):
            errors["line"] = self.tr.t("err.required", field=self.tr.t("field.line"))
        else:
            fields["line"] = raw["line"]
        try:
            if not raw["amount"].strip():
                raise ValidationError("err.required", field="amount")
            fields["amount"] = validation.amount(raw["amount"])
        except ValidationError as exc:
            errors["amount"] = self.tr.error(exc)
        try:
            fields["note"] = validation.long_text(raw["note"], "note")
        except ValidationError as exc:
            errors["note"] = self.tr.error(exc)
        return fields, errors

    def submit(self) -> None:
        fields, errors = self.check()
        self.show_errors(errors)
        if errors:
            return
        store = self.kapp.store
        created = self.kapp.save(lambda: store.add_expense(**fields), self.tr.t("expense.what_new"),
                                 on_error=self.store_refused)
        if created is not None:
            self.dismiss(created.id)
