"""The budget tab: the return visit's lines, a participants field that recalculates as it is typed,
the approved cap, actual expenses with their variance, and the strategic pool."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Input, Label, Static

from ..dialogs.confirm import ConfirmDialog
from ..dialogs.expense_form import ExpenseForm
from ..domain import Expense, Plan, ValidationError, validation
from ..domain.text import clean_text
from ..widgets.budget_table import BudgetLinesTable, BudgetState, CapStatus, PoolTable
from .base import DashboardTab


class BudgetTab(DashboardTab):
    """Everything about the visit's money on one scrollable page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "focus_participants", "key.participants"),
        Binding("ctrl+s", "save_participants", "key.save_participants"),
        Binding("ctrl+n", "new_expense", "key.expense_new"),
        Binding("d,delete", "delete_expense", "key.expense_delete"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._saved_participants: int | None = None
        self._expense_ids: list[int] = []

    def compose(self) -> ComposeResult:
        tr = self.tr
        with VerticalScroll(id="budget-page"):
            yield Static("", id="budget-title")
            with Horizontal(id="participants-row"):
                yield Label("", id="participants-label")
                yield Input("", id="participants", compact=True, restrict=r"\d{0,6}")
                yield Static("", id="participants-state")
            yield Static("", id="participants-error")
            yield Static("", id="participants-warning")
            yield BudgetLinesTable(tr, id="budget-lines")
            yield CapStatus(tr, id="budget-cap")
            with Vertical(id="budget-lower"):
                with Vertical(id="expenses-box"):
                    yield Static("", id="expenses-heading")
                    yield DataTable(id="expenses", cursor_type="row", zebra_stripes=True)
                    yield Static("", id="expenses-empty")
                yield PoolTable(tr, id="budget-pool")

    def focus_content(self) -> None:
        """The page itself (arrows and page keys scroll it), not the participants field: digits
        keep switching tabs."""
        self.screen.set_focus(self.query_one("#budget-page", VerticalScroll))

    # -- showing -----------------------------------------------------------------------------------

    @property
    def participants_input(self) -> Input:
        return self.query_one("#participants", Input)

    def show_plan(self, plan: Plan) -> None:
        tr = self.tr
        b = plan.budget
        title = clean_text(b.name) + (f" · {tr.t('field.case_ref')} {clean_text(b.case_ref)}"
                                      if b.case_ref else "")
        self.query_one("#budget-title", Static).update(Content(title))
        self.query_one("#participants-label", Label).update(Content(tr.t("field.planned_participants")))
        field = self.participants_input
        typed_over = (self._saved_participants is not None
                      and field.value != str(self._saved_participants))
        self._saved_participants = b.planned_participants
        if not typed_over:
            # Keep what the user is typing; otherwise show what is stored.
            with field.prevent(Input.Changed):
                field.value = str(b.planned_participants)
        self._show_expenses(plan)
        self._recalculate()

    def _typed_participants(self) -> tuple[int | None, str | None]:
        text = self.participants_input.value
        if not text.strip():
            return None, self.tr.t("budget.participants_required")
        try:
            return validation.participants(text), None
        except ValidationError as exc:
            return None, self.tr.error(exc)

    def _recalculate(self) -> None:
        """Redraw the estimate for the participants in the field (typed, not yet saved)."""
        tr = self.tr
        plan = self.plan
        n, error = self._typed_participants()
        error_line = self.query_one("#participants-error", Static)
        error_line.update(Content("⚠ " + error) if error else Content(""))
        error_line.set_class(bool(error), "-shown")
        shown = n if n is not None else plan.budget.planned_participants
        state = BudgetState(plan.budget, plan.pool, list(plan.expenses), shown)
        for table in (self.query_one(BudgetLinesTable), self.query_one(CapStatus),
                      self.query_one(PoolTable)):
            table.set_state(state, tr)
        warning = self.query_one("#participants-warning", Static)
        over = plan.budget.exceeds_cap(shown)
        warning.set_class(over, "-shown")
        warning.update(Content("⚠ " + tr.t(
            "budget.over_cap_short", estimate=tr.money(plan.budget.estimate(shown)),
            cap=tr.money(plan.budget.approved_cap),
            amount=tr.money(plan.budget.estimate(shown) - plan.budget.approved_cap))) if over
            else Content(""))
        status = self.query_one("#participants-state", Static)
        saved = plan.budget.planned_participants
        unsaved = n is not None and n != saved
        status.set_class(unsaved, "-unsaved")
        status.update(Content(tr.t("budget.participants_unsaved", n=tr.number(saved)) if unsaved
                              else tr.t("budget.participants_saved")))

    def _show_expenses(self, plan: Plan) -> None:
        tr = self.tr
        table = self.query_one("#expenses", DataTable)
        names = {line.key: line.name for line in plan.budget.lines}
        current = self._current_expense_id()
        table.clear(columns=True)
        table.add_column(tr.t("field.date"), key="date")
        table.add_column(tr.t("field.line"), key="line")
        table.add_column(tr.t("field.amount"), key="amount")
        table.add_column(tr.t("field.note"), key="note")
        expenses = sorted(plan.expenses, key=lambda e: (e.spent_on, e.id))
        self._expense_ids = [e.id for e in expenses]
        for e in expenses:
            table.add_row(Text(tr.date_short(e.spent_on)),
                          Text(clean_text(names.get(e.line, e.line))[:28]),
                          Text(tr.money(e.amount), justify="right"),
                          Text(clean_text(e.note)[:60]), key=str(e.id))
        if current in self._expense_ids:
            table.move_cursor(row=self._expense_ids.index(current))
        total = sum(e.amount for e in expenses)
        self.query_one("#expenses-heading", Static).update(Content.styled(
            tr.t("budget.expenses_heading", n=len(expenses), total=tr.money(total)), "bold"))
        empty = self.query_one("#expenses-empty", Static)
        empty.update(Content(tr.t("budget.no_expenses")) if not expenses else Content(""))
        empty.display = not expenses

    def _current_expense_id(self) -> int | None:
        table = self.query_one("#expenses", DataTable)
        if not self._expense_ids or table.cursor_row < 0:
            return None
        if table.cursor_row >= len(self._expense_ids):
            return None
        return self._expense_ids[table.cursor_row]

    # -- typing ------------------------------------------------------------------------------------

    @on(Input.Changed, "#participants")
    def _participants_changed(self, event: Input.Changed) -> None:
        self._recalculate()

    @on(Input.Submitted, "#participants")
    def _participants_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save_participants()

    def key_escape(self, event: events.Key) -> None:
        """Escape leaves the participants field; what was typed stays (and is marked unsaved)."""
        if self.participants_input.has_focus:
            event.stop()
            self.focus_content()

    # -- actions -----------------------------------------------------------------------------------

    def _may_edit(self) -> bool:
        reason = self.session.read_only_reason()
        if reason:
            self.dashboard.say(reason, severity="warning")
            return False
        return True

    def action_focus_participants(self) -> None:
        self.participants_input.focus()

    def action_save_participants(self) -> None:
        if not self._may_edit():
            return
        n, error = self._typed_participants()
        if n is None:
            self.participants_input.focus()
            self.dashboard.say(error or "", severity="error")
            return
        if n == self.plan.budget.planned_participants:
            self.focus_content()
            return
        store = self.session.store
        saved = self.session.save(lambda: store.set_participants(n),
                               self.tr.t("budget.what_participants", n=self.tr.number(n)))
        if saved is not None:
            self.focus_content()

    def action_new_expense(self) -> None:
        if not self._may_edit():
            return

        def done(expense_id: int | None) -> None:
            table = self.query_one("#expenses", DataTable)
            if expense_id is not None and expense_id in self._expense_ids:
                table.move_cursor(row=self._expense_ids.index(expense_id))
            table.focus()

        self.app.push_screen(ExpenseForm(), done)

    def action_delete_expense(self) -> None:
        expense_id = self._current_expense_id()
        if expense_id is None:
            self.dashboard.say(self.tr.t("budget.no_expense_selected"))
            return
        if not self._may_edit():
            return
        expense = next((e for e in self.plan.expenses if e.id == expense_id), None)
        if expense is None:
            return
        tr = self.tr
        store = self.session.store

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.save(lambda: store.delete_expense(expense_id),
                               tr.t("budget.what_expense_deleted", id=expense_id))

        self.app.push_screen(ConfirmDialog(self._describe(expense), yes=tr.t("edit.delete"),
                                           no=tr.t("edit.keep")), answered)

    def _describe(self, e: Expense) -> str:
        tr = self.tr
        names = {line.key: line.name for line in self.plan.budget.lines}
        return tr.t("budget.confirm_delete", date=tr.date(e.spent_on),
                    line=clean_text(names.get(e.line, e.line)), amount=tr.money(e.amount),
                    note=clean_text(e.note) or "–")
