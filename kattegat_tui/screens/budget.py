"""The budget tab."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ..domain import Plan
from .base import PlanTab


class BudgetTab(PlanTab):
    def compose(self) -> ComposeResult:
        yield Static("", id="budget-body")

    def show_plan(self, plan: Plan) -> None:
        self.query_one("#budget-body", Static).update(f"{len(plan.activities)}")
