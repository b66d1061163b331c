"""``?``: every key of the dashboard, in the user's language, drawn from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..app_access import KattegatNode, localise_bindings


def _bindings(source: list[BindingType]) -> list[Binding]:
    return [b for b in source if isinstance(b, Binding) and b.description]


class HelpScreen(KattegatNode, ModalScreen[None]):
    """Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "key.close"),
    ]

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        from ..tabs.plan import PlanTab
        from .activity_dialog import ActivityDialog
        from .conflict import ConflictDialog

        tr, app = self.tr, self.app

        def keys(source: list[BindingType], skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
            out: list[tuple[str, str]] = []
            for b in _bindings(source):
                if b.action in skip:
                    continue
                shown = ", ".join(app.get_key_display(Binding(k.strip(), b.action))
                                  for k in b.key.split(","))
                out.append((shown, tr.t(b.description)))
            return out

        general = keys(type(app).BINDINGS, skip=("show_tab('timeline')", "show_tab('budget')",
                                                   "show_tab('history')", "show_tab('plan')"))
        general[0] = ("1-5", tr.t("help.tabs"))
        general.append(("^p", tr.t("key.palette.help")))
        general.append(("tab, shift+tab", tr.t("help.focus")))
        moving = [("↑ ↓, PgUp PgDn, Home End", tr.t("help.move")),
                  ("enter", tr.t("help.enter"))]
        plan = keys(PlanTab.BINDINGS)
        forms = [*keys(ActivityDialog.BINDINGS), ("enter", tr.t("help.next_field")),
                 ("1-5", tr.t("help.pick_status"))]
        conflict = keys(ConflictDialog.BINDINGS)
        return [
            (tr.t("help.general"), general),
            (tr.t("help.lists"), moving),
            (tr.t("help.plan"), plan),
            (tr.t("help.forms"), forms),
            (tr.t("help.conflict"), conflict),
        ]

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(classes="dialog help"):
            yield Static(Content.styled(tr.t("help.title"), "bold"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                for title, rows in self.sections():
                    yield Static(Content.styled(title, "bold underline"), classes="help-section")
                    for key, text in rows:
                        with Horizontal(classes="help-row"):
                            yield Static(Content.styled(key, "bold"), classes="help-key")
                            yield Static(Content(text), classes="help-text")
                reason = self.session.read_only_reason()
                if reason:
                    yield Static(Content.styled("⚠ " + reason, "bold"), classes="help-section")
            yield Static(tr.t("help.close"), classes="hint")

    @property
    def text(self) -> str:
        """Everything the help says, as plain text (one line per key)."""
        lines = []
        for title, rows in self.sections():
            lines.append(title)
            lines.extend(f"{key}  {text}" for key, text in rows)
        return "\n".join(lines)

    def on_mount(self) -> None:
        localise_bindings(self, self.tr)
        self.query_one("#help-scroll").focus()  # arrows and PgDn scroll

    def action_close(self) -> None:
        self.dismiss(None)
