"""What every tab shares: access to the app's plan, store, translator and clock."""

from __future__ import annotations

from textual import events
from textual.widget import Widget

from ..app_access import KattegatNode, localise_bindings
from ..domain import Plan


class DashboardTab(KattegatNode, Widget):
    """A tab's content. The app calls ``show_plan`` when the plan (or the language) changes;
    tabs that are not visible are built and refreshed when they are first shown (lazily).

    Descriptions of a tab's ``BINDINGS`` may be catalog keys ("key.status"): they are translated
    when the tab is mounted and again when the language changes.
    """

    DEFAULT_CSS = """
    DashboardTab { height: 1fr; }
    """

    def _on_mount(self, event: events.Mount) -> None:
        localise_bindings(self, self.tr)
        self.kapp.tab_ready(self)

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
