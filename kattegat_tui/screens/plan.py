"""The plan tab."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ..domain import Plan
from .base import PlanTab


class PlanView(PlanTab):
    def compose(self) -> ComposeResult:
        yield Static("", id="plan-body")

    def show_plan(self, plan: Plan) -> None:
        self.query_one("#plan-body", Static).update(f"{len(plan.activities)}")
