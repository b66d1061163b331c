"""Typed access to the dashboard app from its tabs, dialogs and widgets, and key labels in the
user's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.widget import Widget

from .domain import Plan
from .i18n import Translator

if TYPE_CHECKING:
    from .app import KattegatApp
    from .session import PlanSession

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


def relocalise_bindings(nodes: Iterable[DOMNode], tr: Translator) -> None:
    """After a language change: say again, in ``tr``'s language, the keys of every node whose
    bindings were localised before."""
    for node in nodes:
        if hasattr(node, "_catalog_bindings"):
            localise_bindings(node, tr)


class PlanAware:
    """A screen or widget that keeps showing the plan while it is open (a form, a tab).

    The app calls ``plan_changed`` whenever it has a newly read plan: another session's save,
    our own, or an undo. Subclasses decide what to redraw; the default does nothing."""

    def plan_changed(self, plan: Plan) -> None:
        """The app now shows ``plan``."""


class HoldsInput:
    """A form that can hold typed input that is not saved yet: quitting asks before losing it."""

    def has_unsaved_input(self) -> bool:
        """True while the form holds input that differs from what it was opened with."""
        return False


class KattegatNode:
    """Typed access to the app from any widget or screen of the dashboard (``self.app`` is typed
    as any Textual app; the app module is imported only for type checking, so no import circle)."""

    @property
    def dashboard(self) -> KattegatApp:
        """The dashboard app this widget or screen belongs to."""
        return cast("KattegatApp", cast(Widget, self).app)

    @property
    def session(self) -> PlanSession:
        """The plan's store, reads and writes (``save``, ``save_soon``, ``read_only_reason``)."""
        return self.dashboard.session

    @property
    def tr(self) -> Translator:
        return self.dashboard.tr

    @property
    def today(self) -> date:
        return self.dashboard.today

    @property
    def plan(self) -> Plan:
        return self.dashboard.plan
