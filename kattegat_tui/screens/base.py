"""What every tab shares: access to the app's plan, store, translator and clock."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual.widget import Widget

from ..domain import Plan
from ..i18n import Translator

if TYPE_CHECKING:
    from ..app import KattegatApp


class PlanTab(Widget):
    """A tab's content. The app calls ``show_plan`` when the plan (or the language) changes;
    tabs that are not visible are refreshed when they are shown (lazily)."""

    DEFAULT_CSS = """
    PlanTab { height: 1fr; }
    """

    @property
    def kapp(self) -> KattegatApp:
        from ..app import KattegatApp

        return cast(KattegatApp, self.app)

    @property
    def tr(self) -> Translator:
        return self.kapp.tr

    @property
    def today(self) -> date:
        return self.kapp.today

    @property
    def plan(self) -> Plan:
        return self.kapp.plan

    def show_plan(self, plan: Plan) -> None:
        """Redraw from ``plan``; keep the cursor and any open form as they are."""
