"""The plan tab: every activity, grouped, filtered, searched and sorted, with a detail pane."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.widgets import Input, Static

from ..domain import Activity, Change, Plan, Status
from ..domain.text import display_text
from ..widgets.activity_detail import ActivityDetail, activity_content
from ..widgets.activity_list import ActivityList, GroupBy, ListFilter, SortBy, arrange, haystack
from ..widgets.row_list import RowList
from .activity_actions import EDIT_BINDINGS, ActivityEditing


class PlanTab(ActivityEditing):
    """Activities by focus area or committee; ``/`` searches as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *EDIT_BINDINGS,
        Binding("slash", "search", "key.search"),
        Binding("g", "toggle_group", "key.group", show=False),
        Binding("c", "cycle_committee", "key.committee_filter", show=False),
        Binding("f", "cycle_status", "key.status_filter", show=False),
        Binding("o", "cycle_sort", "key.sort", show=False),
        Binding("x", "clear_filters", "key.clear_filters", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filter = ListFilter()
        self._plan_seen: Plan | None = None
        self._haystacks: dict[str, str] | None = None
        self._changes: dict[str, list[Change]] | None = None
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="plan-toolbar")
        yield Input(id="plan-search", compact=True)
        with Container(id="plan-main"):
            yield ActivityList(self.today, id="activity-list")
            yield ActivityDetail(id="activity-detail")

    def on_mount(self) -> None:
        self.query_one("#plan-search", Input).display = False

    @property
    def activity_list(self) -> ActivityList:
        return self.query_one(ActivityList)

    # -- the plan --------------------------------------------------------------------------------

    def show_plan(self, plan: Plan) -> None:
        if plan is not self._plan_seen:
            self._plan_seen = plan
            self._haystacks = None
            self._changes = None
        self._rebuild()

    def _rebuild(self, keep: str | None = None, *, filtered: bool = False) -> None:
        """Arrange the rows again; ``filtered``: the filter changed, so a hidden cursor row gives
        way to the first match (a reload keeps the cursor near where it was)."""
        plan = self.plan
        if self.filter.query.strip() and self._haystacks is None:
            self._haystacks = {a.id: haystack(plan, a) for a in plan.activities}
        rows, self.shown = arrange(plan, self.filter, self.tr, self._haystacks or {})
        listing = self.activity_list
        listing.set_context(self.tr, self.today, plan)
        listing.empty_message = self.tr.t("msg.no_activities")
        listing.set_rows(rows, keep, to_top=filtered)
        self._update_toolbar()
        self._update_detail()

    def _changes_for(self, activity_id: str) -> list[Change]:
        if self._changes is None:
            index: dict[str, list[Change]] = {}
            for change in self.plan.changes:
                if change.entity == "activity":
                    index.setdefault(change.entity_id, []).append(change)
            self._changes = index
        return self._changes.get(activity_id, [])

    def _update_detail(self) -> None:
        detail = self.query_one(ActivityDetail)
        activity = self.activity_list.cursor_activity
        if activity is None:
            detail.show(Content(self.tr.t("detail.none")))
            return
        detail.show(activity_content(activity, self.plan, self._changes_for(activity.id),
                                     self.tr, self.today))

    def _update_toolbar(self) -> None:
        tr, flt, plan = self.tr, self.filter, self.plan
        group = tr.t("plan.group_focus" if flt.group_by is GroupBy.FOCUS else "plan.group_committee")
        committee = tr.t("plan.all")
        if flt.committee:
            found = plan.committee(flt.committee)
            committee = display_text(found.short or found.name) if found else flt.committee
        status = tr.status(flt.status) if flt.status else tr.t("plan.all")
        parts: list[Content] = []

        def item(key: str, label: str, value: str) -> None:
            parts.append(Content.assemble((key, "bold reverse"), " ", f"{label}: ", (value, "bold"),
                                          "  "))

        item("g", tr.t("plan.group"), group)
        item("c", tr.t("plan.committee"), committee)
        item("f", tr.t("plan.status"), status)
        item("o", tr.t("plan.sort"), tr.t(f"plan.sort_{flt.sort_by.value}"))
        count = tr.t("plan.count", shown=tr.number(self.shown), total=tr.number(len(plan.activities)))
        parts.append(Content(count))
        if flt.query.strip():
            parts.append(Content("  " + tr.t("plan.searching") + " "))
            parts.append(Content.styled(display_text(flt.query), "bold"))
        self.query_one("#plan-toolbar", Static).update(Content("").join(parts))

    # -- the list ---------------------------------------------------------------------------------

    @on(RowList.Highlighted, "#activity-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._update_detail()

    @on(RowList.Chosen, "#activity-list")
    def _chosen(self, event: RowList.Chosen) -> None:
        self.query_one(ActivityDetail).focus()

    def focus_content(self) -> None:
        self.screen.set_focus(self.activity_list)

    def current_activity(self) -> Activity | None:
        return self.activity_list.cursor_activity

    def preview_activity(self, activity: Activity) -> None:
        """Repaint the activity's row alone (the detail pane follows once the write is done)."""
        self.activity_list.update_activity(activity)

    def after_edit(self, activity_id: str | None) -> None:
        if activity_id:
            self.select_activity(activity_id)

    def select_activity(self, activity_id: str) -> bool:
        """Put the cursor on an activity; filters that hide it are cleared."""
        activity = self.plan.activity(activity_id)
        if activity is None:
            return False
        if self.activity_list.index_of(activity.id) is None:
            self.filter = ListFilter(group_by=self.filter.group_by, sort_by=self.filter.sort_by)
            self._hide_search_if_empty()
            self._rebuild(keep=activity.id)
        self.activity_list.move_to(activity.id)
        self.activity_list.focus()
        return True

    # -- the status menu on the row ------------------------------------------------------------

    def status_host(self) -> RowList:
        return self.activity_list

    def status_menu_left(self, host: RowList) -> tuple[int, int]:
        """Beside the row's title, committee and owner; on a short list, over its title."""
        listing = self.activity_list
        x = len(listing.CURSOR_MARKER)
        starts: dict[str, int] = {}
        for column in listing.columns(host.scrollable_content_region.width - x):
            x += column.gap
            starts[column.key] = x
            x += column.width
        return starts.get("due", x), starts.get("title", x)

    # -- search, filters, sort --------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#plan-search", Input)
        search.placeholder = self.tr.t("plan.search_placeholder")
        search.display = True
        search.focus()

    @on(Input.Changed, "#plan-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter.query = event.value
        self._rebuild(filtered=True)

    @on(Input.Submitted, "#plan-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        self._leave_search()

    def _leave_search(self) -> None:
        self._hide_search_if_empty()
        self.activity_list.focus()

    def _hide_search_if_empty(self) -> None:
        search = self.query_one("#plan-search", Input)
        if not self.filter.query.strip():
            search.display = False
        if search.value != self.filter.query:
            with search.prevent(Input.Changed):
                search.value = self.filter.query

    def key_escape(self) -> bool:
        """Escape in the search box goes back to the list and keeps the search."""
        if self.query_one("#plan-search", Input).has_focus:
            self._leave_search()
            return True
        return False

    def key_down(self) -> None:
        if self.query_one("#plan-search", Input).has_focus:
            self._leave_search()

    def action_toggle_group(self) -> None:
        self.filter.group_by = GroupBy.COMMITTEE if self.filter.group_by is GroupBy.FOCUS \
            else GroupBy.FOCUS
        self._rebuild(filtered=True)

    def action_cycle_committee(self) -> None:
        keys: list[str | None] = [None, *(c.key for c in self.plan.committees)]
        at = keys.index(self.filter.committee) if self.filter.committee in keys else 0
        self.filter.committee = keys[(at + 1) % len(keys)]
        self._rebuild(filtered=True)

    def action_cycle_status(self) -> None:
        values: list[Status | None] = [None, *Status]
        at = values.index(self.filter.status)
        self.filter.status = values[(at + 1) % len(values)]
        self._rebuild(filtered=True)

    def action_cycle_sort(self) -> None:
        order = list(SortBy)
        self.filter.sort_by = order[(order.index(self.filter.sort_by) + 1) % len(order)]
        self._rebuild(filtered=True)

    def action_clear_filters(self) -> None:
        self.filter = ListFilter(group_by=self.filter.group_by, sort_by=self.filter.sort_by)
        self._hide_search_if_empty()
        self._rebuild(filtered=True)
