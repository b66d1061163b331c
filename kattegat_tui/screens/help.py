"""``?``: every key of the dashboard, in the user's language, drawn from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from .base import KattegatNode, localise_bindings


def _bindings(source: list[BindingType]) -> list[Binding]:
    return [b for b in source if isinstance(b, Binding) and b.description]


class HelpScreen(KattegatNode, ModalScreen[None]):
    """Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "key.close"),
    ]

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        from ..app import KattegatApp
        from .activity_conflict import ConflictDialog
        from .activity_dialog import ActivityDialog
        from .plan import PlanView

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

        general = keys(KattegatApp.BINDINGS, skip=("show_tab('timeline')", "show_tab('budget')",
                                                   "show_tab('history')", "show_tab('plan')"))
        general[0] = ("1-5", tr.t("help.tabs"))
        general.append(("^p", tr.t("key.palette.help")))
        general.append(("tab, shift+tab", tr.t("help.focus")))
        moving = [("↑ ↓, PgUp PgDn, Home End", tr.t("help.move")),
                  ("enter", tr.t("help.enter"))]
        plan = keys(PlanView.BINDINGS)
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
        lines: list[Content] = []
        sections = self.sections()
        width = max(len(k) for _, rows in sections for k, _ in rows)
        for title, rows in sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(title, "bold underline"))
            for key, text in rows:
                lines.append(Content.assemble((key.ljust(width), "bold"), "  ", text))
        reason = self.kapp.read_only_reason
        if reason:
            lines.append(Content(""))
            lines.append(Content.styled("⚠ " + reason, "bold"))
        with Vertical(classes="dialog help"):
            yield Static(Content.styled(tr.t("help.title"), "bold"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(Content("\n").join(lines), id="help-body")
            yield Static(tr.t("help.close"), classes="hint")

    def on_mount(self) -> None:
        localise_bindings(self, self.tr)
        self.query_one("#help-scroll").focus()  # arrows and PgDn scroll

    def action_close(self) -> None:
        self.dismiss(None)
