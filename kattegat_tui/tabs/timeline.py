"""The timeline tab: milestones in date order around a "today" line; add, edit, mark done, delete."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from ..dialogs.confirm import ConfirmDialog
from ..dialogs.milestone_form import MilestoneForm
from ..domain import Milestone, MilestoneStatus, Plan
from ..domain.text import clean_text
from ..widgets.row_list import RowList
from ..widgets.timeline_list import TimelineList, is_past_open
from .base import DashboardTab


class TimelineTab(DashboardTab):
    """Milestones from the signing in 2019 to the end of the plan period, with today in between."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new_milestone", "key.milestone_new"),
        Binding("e", "edit_milestone", "key.milestone_edit"),
        Binding("x", "toggle_done", "key.milestone_done"),
        Binding("d", "delete_milestone", "key.milestone_delete"),
        Binding("t", "goto_today", "key.today"),
    ]

    def compose(self) -> ComposeResult:
        yield TimelineList(self.today, id="timeline-list")
        yield Static("", id="timeline-detail")

    def focus_content(self) -> None:
        self.screen.set_focus(self.timeline)

    @property
    def timeline(self) -> TimelineList:
        return self.query_one(TimelineList)

    def show_plan(self, plan: Plan) -> None:
        self.timeline.set_plan(plan, self.tr, self.today)
        self._show_detail(self.timeline.current)

    @on(RowList.Highlighted, "#timeline-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show_detail(self.timeline.current)

    @on(RowList.Chosen, "#timeline-list")
    def _chosen(self, event: RowList.Chosen) -> None:
        self.action_edit_milestone()

    def _show_detail(self, m: Milestone | None) -> None:
        detail = self.query_one("#timeline-detail", Static)
        tr = self.tr
        if m is None:
            detail.update(Content(tr.t("timeline.empty")))
            return
        facts = [f"{tr.fuzzy(m.when)} ({tr.relative_fuzzy(m.when, self.today)})",
                 tr.t(f"kind.{m.kind.value}"), tr.milestone_status_cell(m.status)]
        if m.case_ref:
            facts.append(f"{tr.t('field.case_ref')} {clean_text(m.case_ref)}")
        lines = [
            Content.assemble((f"{m.id}  ", "bold"), (clean_text(m.title), "bold")),
            Content(" · ".join(facts)),
        ]
        if is_past_open(m, self.today):
            lines.append(Content.styled("! " + tr.t("timeline.past_open"), "bold $text-warning"))
        if m.activities:
            names = []
            for key in m.activities:
                activity = self.plan.activity(key)
                names.append(f"{key} {clean_text(activity.title)}" if activity else key)
            lines.append(Content(f"{tr.t('field.activities')}: " + "; ".join(names)))
        else:
            lines.append(Content(f"{tr.t('field.activities')}: –"))
        if m.description:
            lines.append(Content(clean_text(m.description)).stylize("dim"))
        detail.update(Content("\n").join(lines))

    # -- editing ----------------------------------------------------------------------------------

    def _may_edit(self) -> bool:
        reason = self.session.read_only_reason()
        if reason:
            self.dashboard.say(reason, severity="warning")
            return False
        return True

    def _current(self) -> Milestone | None:
        m = self.timeline.current
        if m is None:
            self.dashboard.say(self.tr.t("timeline.none_selected"))
        return m

    def _after_form(self, milestone_id: str | None) -> None:
        if milestone_id:
            self.timeline.select_id(milestone_id)
        self.timeline.focus()

    def action_new_milestone(self) -> None:
        if self._may_edit():
            self.app.push_screen(MilestoneForm(), self._after_form)

    def action_edit_milestone(self) -> None:
        m = self._current()
        if m is not None and self._may_edit():
            self.app.push_screen(MilestoneForm(m), self._after_form)

    def action_toggle_done(self) -> None:
        m = self._current()
        if m is None or not self._may_edit():
            return
        new = MilestoneStatus.PLANNED if m.status is MilestoneStatus.DONE else MilestoneStatus.DONE
        store = self.session.store
        self.session.save(
            lambda: store.update_milestone(m.id, {"status": new}, expected_revision=m.revision),
            self.tr.t("timeline.what_status", id=m.id, status=self.tr.t(f"mstatus.{new.value}")))

    def action_delete_milestone(self) -> None:
        m = self._current()
        if m is None or not self._may_edit():
            return
        tr = self.tr
        store = self.session.store

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.save(lambda: store.delete_milestone(m.id),
                               tr.t("timeline.what_deleted", id=m.id))

        self.app.push_screen(ConfirmDialog(
            tr.t("timeline.confirm_delete", id=m.id, title=clean_text(m.title)),
            yes=tr.t("edit.delete"), no=tr.t("edit.keep")), answered)

    def action_goto_today(self) -> None:
        self.timeline.goto_today()
