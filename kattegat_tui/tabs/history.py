"""The history tab: the audit log, newest first, filtered by activity (or any record) and by user."""

from __future__ import annotations

from itertools import pairwise
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Select, Static

from ..domain import Change, Plan
from ..widgets.history_format import (
    change_summary,
    entity_label,
    field_label,
    format_value,
    short_value,
)
from ..widgets.history_list import HistoryList, local_time
from ..widgets.row_list import RowList
from .base import DashboardTab


def _ascending(changes: list[Change]) -> bool:
    return all(a.id < b.id for a, b in pairwise(changes))


class HistoryTab(DashboardTab):
    """Every change to the plan. The list draws only visible rows, so thousands stay fast."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "key.history_filter"),
        Binding("u", "focus_user", "key.history_user"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._users: list[str] = []
        self._all: list[Change] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="history-filters"):
            yield Input(id="history-query", compact=True)
            yield Select[str]([], id="history-user", compact=True, allow_blank=True)
            yield Static("", id="history-count")
        yield HistoryList(id="history-list")
        yield Static("", id="history-detail")

    def focus_content(self) -> None:
        self.screen.set_focus(self.query_one(HistoryList))

    def action_focus_filter(self) -> None:
        self.query_one("#history-query", Input).focus()

    def action_focus_user(self) -> None:
        self.query_one("#history-user", Select).focus()

    def key_escape(self, event: events.Key) -> None:
        """Escape leaves a filter field for the list; the filter stays as typed."""
        if not self.query_one(HistoryList).has_focus:
            event.stop()
            self.query_one(HistoryList).focus()

    # -- data --------------------------------------------------------------------------------------

    def show_plan(self, plan: Plan) -> None:
        tr = self.tr
        query = self.query_one("#history-query", Input)
        query.placeholder = tr.t("history.filter_placeholder")
        users = sorted({c.who for c in plan.changes})
        select = self.query_one("#history-user", Select)
        select.prompt = tr.t("history.all_users")
        if users != self._users:
            chosen = select.value
            self._users = users
            select.set_options((Content(u), u) for u in users)
            if isinstance(chosen, str) and chosen in users:
                select.value = chosen
        self._all = plan.changes[::-1] if _ascending(plan.changes) else \
            sorted(plan.changes, key=lambda c: -c.id)
        self._apply_filters()

    def _apply_filters(self) -> None:
        plan = self.plan
        query = self.query_one("#history-query", Input).value.strip().upper()
        user = self.query_one("#history-user", Select).value
        changes = self._all
        if isinstance(user, str):
            changes = [c for c in changes if c.who == user]
        if query:
            titles = {a.id: a.title.upper() for a in plan.activities}
            titles.update({m.id: m.title.upper() for m in plan.milestones})
            changes = [c for c in changes
                       if query in c.entity_id.upper() or query in titles.get(c.entity_id, "")]
        self.query_one(HistoryList).set_changes(changes, plan, self.tr)
        self._show_detail()
        self.query_one("#history-count", Static).update(Content(self.tr.t(
            "history.count", shown=self.tr.number(len(changes)), total=self.tr.number(len(self._all)))))

    @on(Input.Changed, "#history-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._apply_filters()

    @on(Input.Submitted, "#history-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        self.query_one(HistoryList).focus()

    @on(Select.Changed, "#history-user")
    def _user_changed(self, event: Select.Changed) -> None:
        self._apply_filters()

    @on(RowList.Highlighted, "#history-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show_detail()

    @on(RowList.Chosen, "#history-list")
    def _chosen(self, event: RowList.Chosen) -> None:
        """Enter shows the changed activity in the plan tab, or the milestone on the timeline."""
        change = self.query_one(HistoryList).current
        if change is None:
            return
        if change.entity == "activity" and self.plan.activity(change.entity_id):
            self.dashboard.select_activity(change.entity_id)
        elif change.entity == "milestone" and self.plan.milestone(change.entity_id):
            self.dashboard.select_milestone(change.entity_id)

    def _show_detail(self) -> None:
        self.query_one("#history-detail", Static).update(self._detail(
            self.query_one(HistoryList).current))

    def _detail(self, change: Change | None) -> Content:
        tr = self.tr
        if change is None:
            return Content(tr.t("history.empty") if not self._all else tr.t("history.no_match"))
        head = Content.assemble(
            (f"{local_time(change.at, tr)} · {short_value(change.who)} · ", "bold"),
            (f"{entity_label(change.entity, tr)} {short_value(change.entity_id)} · "
             f"{field_label(change, tr)}"
             f" · {tr.t(f'action.{change.action}')}", "bold"),
        )
        if change.action in ("create", "delete", "note", "import") or change.field == "*":
            body = Content(change_summary(change, tr, self.plan, limit=400))
            return Content("\n").join([head, body])
        old = Content.assemble((tr.t("history.old") + ": ", "dim"),
                               format_value(change, change.old, tr, limit=400, plan=self.plan))
        new = Content.assemble((tr.t("history.new") + ": ", "dim"),
                               format_value(change, change.new, tr, limit=400, plan=self.plan))
        return Content("\n").join([head, old, new])
