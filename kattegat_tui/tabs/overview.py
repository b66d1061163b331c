"""The overview tab: progress per focus area, what needs attention, next milestones, the budget."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from ..domain import Activity, Plan
from ..domain.budget import summarise
from ..domain.rules import attention, upcoming_milestones
from ..domain.text import display_text
from ..widgets.attention_list import AttentionList
from ..widgets.cells import cell
from ..widgets.progress_table import ProgressTable, status_legend
from ..widgets.row_list import RowList
from .activity_actions import EDIT_BINDINGS, ActivityEditing

MILESTONES_SHOWN = 5
ATTENTION_ID_WIDTH = 9  # as AttentionList draws it


class OverviewTab(ActivityEditing):
    """The director's first look. Enter on an attention row opens it in the plan tab."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *[b for b in EDIT_BINDINGS if isinstance(b, Binding) and b.action != "create"],
        Binding("enter", "open", "key.open", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="ov-progress-box", classes="ov-box"):
            yield Static("", id="ov-progress-title", classes="ov-title")
            yield ProgressTable(id="ov-progress")
        with Vertical(id="ov-attention-box", classes="ov-box"):
            yield Static("", id="ov-attention-title", classes="ov-title")
            yield AttentionList(self.today, id="ov-attention")
        with Horizontal(id="ov-bottom"):
            with Vertical(id="ov-milestones-box", classes="ov-box"):
                yield Static("", id="ov-milestones-title", classes="ov-title")
                yield Static("", id="ov-milestones", classes="ov-lines")
            with Vertical(id="ov-budget-box", classes="ov-box"):
                yield Static("", id="ov-budget-title", classes="ov-title")
                yield Static("", id="ov-budget", classes="ov-lines")

    def show_plan(self, plan: Plan) -> None:
        tr, today = self.tr, self.today
        self.query_one("#ov-progress-title", Static).update(Content.assemble(
            (tr.t("overview.progress"), "bold"), "   ", (status_legend(tr), "dim")))
        self.query_one(ProgressTable).set_plan(plan, tr)

        items = attention(plan, today)
        overdue = sum(1 for i in items if i.overdue)
        risk = sum(1 for i in items if i.at_risk)
        stale = sum(1 for i in items if i.stale)
        self.query_one("#ov-attention-title", Static).update(Content.assemble(
            (tr.t("overview.attention"), "bold"), "  ",
            tr.t("overview.attention_counts", overdue=tr.number(overdue), risk=tr.number(risk),
                 stale=tr.number(stale))))
        self.query_one(AttentionList).set_attention(items, tr, today, tr.t("overview.nothing"))

        self._show_milestones(plan)
        self._show_budget(plan)

    def _show_milestones(self, plan: Plan) -> None:
        tr, today = self.tr, self.today
        self.query_one("#ov-milestones-title", Static).update(Content.styled(tr.t("status.next"), "bold"))
        upcoming = upcoming_milestones(plan, today, MILESTONES_SHOWN)
        lines: list[Content] = []
        for m in upcoming:
            lines.append(Content.assemble((tr.relative_fuzzy(m.when, today), "bold"), "  ",
                                          tr.fuzzy(m.when)))
            lines.append(Content.assemble("  ", display_text(m.title).replace("\n", " ")))
        if not lines:
            lines.append(Content.styled(tr.t("status.none"), "dim"))
        self.query_one("#ov-milestones", Static).update(Content("\n").join(lines))

    def _show_budget(self, plan: Plan) -> None:
        tr = self.tr
        self.query_one("#ov-budget-title", Static).update(Content.styled(tr.t("status.budget"), "bold"))
        summary = summarise(plan.budget, plan.pool, plan.expenses)
        rows = [
            (tr.t("budget.estimate"), tr.money(summary.estimate),
             tr.t("budget.participants", n=plan.budget.planned_participants)),
            (tr.t("budget.cap"), tr.money(summary.approved_cap), ""),
            (tr.t("budget.actual"), tr.money(summary.actual), ""),
            (tr.t("budget.pool_remaining"), tr.money(summary.pool_remaining), ""),
        ]
        label_w = max(len(r[0]) for r in rows)
        amount_w = max(len(r[1]) for r in rows)
        lines = [Content.assemble(cell(label, label_w), " ", (amount.rjust(amount_w), "bold"),
                                  f" {note}" if note else "")
                 for label, amount, note in rows]
        if plan.budget.exceeds_cap():
            over = summary.estimate - summary.approved_cap
            lines.append(Content.styled("⚠ " + tr.t("budget.over_cap", amount=tr.money(over)),
                                        "bold $error"))
        self.query_one("#ov-budget", Static).update(Content("\n").join(lines))

    # -- keys ---------------------------------------------------------------------------------------

    def focus_content(self) -> None:
        self.screen.set_focus(self.query_one(AttentionList))

    def current_activity(self) -> Activity | None:
        listing = self.query_one(AttentionList)
        found = listing.activity(listing.cursor_key)
        return self.plan.activity(found.id) if found else None

    def status_host(self) -> RowList:
        return self.query_one(AttentionList)

    def status_menu_left(self, host: RowList) -> tuple[int, int]:
        return 1 + ATTENTION_ID_WIDTH + 2, 1 + ATTENTION_ID_WIDTH + 2  # after the ID and status

    @on(RowList.Chosen, "#ov-attention")
    def _chosen(self, event: RowList.Chosen) -> None:
        self.dashboard.select_activity(event.key)

    def action_open(self) -> None:
        activity = self.current_activity()
        if activity is not None:
            self.dashboard.select_activity(activity.id)
