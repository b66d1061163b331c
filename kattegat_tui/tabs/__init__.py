"""The dashboard's tabs: one module per tab, each a ``DashboardTab`` on a ``TabPage`` of its own."""

from __future__ import annotations

from importlib import import_module

from textual import events
from textual.widgets import TabPane

from .base import DashboardTab

# key, label in the catalogs, "module:class" in this package; a tab's module is imported only
# when the tab is first built, so the first screen does not pay for the others.
TABS: tuple[tuple[str, str, str], ...] = (
    ("overview", "tab.overview", "overview:OverviewTab"),
    ("plan", "tab.plan", "plan:PlanTab"),
    ("timeline", "tab.timeline", "timeline:TimelineTab"),
    ("budget", "tab.budget", "budget:BudgetTab"),
    ("history", "tab.history", "history:HistoryTab"),
)


def tab_class(key: str) -> type[DashboardTab]:
    """The DashboardTab class of a tab, imported on first use."""
    where = next(w for k, _, w in TABS if k == key)
    module, name = where.split(":")
    cls: type[DashboardTab] = getattr(import_module(f"{__package__}.{module}"), name)
    return cls


class TabPage(TabPane):
    """The page of one tab. Its ``DashboardTab`` is built when the page is first shown or asked
    for (``build``); until then the page is empty and its tab's module is not imported."""

    def __init__(self, key: str, title: str, *, build_now: bool = False) -> None:
        super().__init__(title, *([tab_class(key)(id=f"{key}-tab")] if build_now else []), id=key)
        self.key = key

    @property
    def tab(self) -> DashboardTab | None:
        """The tab, if it is built."""
        return next(iter(self.query_children(DashboardTab)), None)

    def build(self) -> DashboardTab:
        """The tab, mounted now if it was not built yet (it draws the plan once mounted)."""
        tab = self.tab
        if tab is None:
            tab = tab_class(self.key)(id=f"{self.key}-tab")
            self.mount(tab)
        return tab

    def _on_show(self, event: events.Show) -> None:
        self.build()  # shown by a click on its label
