"""What every tab shares: access to the app's plan, store, translator and clock, and its lifecycle."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widget import Widget

from ..app_access import KattegatNode, PlanAware, localise_bindings
from ..domain import Plan


class DashboardTab(KattegatNode, PlanAware, Widget):
    """A tab's content. It draws the app's plan when mounted, and again when the plan or the
    language changed since it last drew: at once if it is shown (``plan_changed``), else when it
    is shown next (``events.Show``, or ``catch_up`` when the app switches to it).

    Descriptions of a tab's ``BINDINGS`` may be catalog keys ("key.status"): they are translated
    when the tab is mounted and again when the language changes.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[Plan, str] | None = None  # the plan and language last drawn

    def _on_mount(self, event: events.Mount) -> None:
        localise_bindings(self, self.tr)
        self.catch_up()
        if self.page_shown and self.screen is self.app.screen:
            self.focus_content()  # built for a switch to it, with no dialog open

    def _on_show(self, event: events.Show) -> None:
        self.catch_up()

    @property
    def page_shown(self) -> bool:
        """True while the tab's page is the one shown."""
        page = self.parent
        return isinstance(page, Widget) and page.display

    def catch_up(self) -> None:
        """Draw the app's plan if it is not what this tab last drew."""
        plan = self.plan
        drawn = self._drawn
        if drawn is None or drawn[0] is not plan or drawn[1] != self.tr.lang:
            self._drawn = (plan, self.tr.lang)
            self.show_plan(plan)

    def plan_changed(self, plan: Plan) -> None:
        """The app has a new plan or language: draw it now if shown, else when next shown."""
        if self.page_shown and self.is_mounted:
            self.catch_up()

    def when_ready(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` now if the tab is mounted, else as soon as it is."""
        if self.is_mounted:
            callback()
        else:
            self.call_later(callback)  # queued behind the tab's own mounting

    def show_plan(self, plan: Plan) -> None:
        """Redraw from ``plan``; keep the cursor and any open form as they are."""

    def focus_content(self) -> None:
        """Give the keyboard to the tab's main widget (called when the tab is switched to)."""
        for widget in self.query("*"):
            if widget.focusable:
                # At once, not after the next refresh (``focus()``): a key typed right after the
                # tab switch must reach this tab, not the one just left.
                self.screen.set_focus(widget)
                return
