"""What every tab shares: access to the app's plan, store, translator and clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, cast

from textual import events
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.widget import Widget

from ..domain import Plan
from ..i18n import Translator

if TYPE_CHECKING:
    from ..app import KattegatApp

# Textual's own binding descriptions, said in the user's language.
_TEXTUAL_LABELS = {"palette": "key.palette", "Quit": "key.quit"}


def localise_bindings(node: DOMNode, tr: Translator) -> None:
    """Show ``node``'s key bindings in the user's language.

    Descriptions in ``BINDINGS`` are catalog keys ("key.status"); the footer and the help screen
    show the translated word. Safe to call again when the language changes.
    """
    original: BindingsMap | None = getattr(node, "_catalog_bindings", None)
    if original is None:
        original = node._bindings.copy()
        node._catalog_bindings = original  # type: ignore[attr-defined]
    keys = {}
    for key, bindings in original.key_to_bindings.items():
        out = []
        for binding in bindings:
            label = _TEXTUAL_LABELS.get(binding.description, binding.description)
            if label.startswith("key."):
                binding = replace(binding, description=tr.t(label),
                                  tooltip=tr.t(label + ".help") if binding.tooltip else "")
            out.append(binding)
        keys[key] = out
    node._bindings = BindingsMap.from_keys(keys)


class KattegatNode:
    """Typed access to the app from any widget or screen of the dashboard."""

    @property
    def kapp(self) -> KattegatApp:
        return cast("KattegatApp", cast(Widget, self).app)

    @property
    def tr(self) -> Translator:
        return self.kapp.tr

    @property
    def today(self) -> date:
        return self.kapp.today

    @property
    def plan(self) -> Plan:
        return self.kapp.plan


class PlanTab(KattegatNode, Widget):
    """A tab's content. The app calls ``show_plan`` when the plan (or the language) changes;
    tabs that are not visible are built and refreshed when they are first shown (lazily).

    Descriptions of a tab's ``BINDINGS`` may be catalog keys ("key.status"): they are translated
    when the tab is mounted and again when the language changes.
    """

    DEFAULT_CSS = """
    PlanTab { height: 1fr; }
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
