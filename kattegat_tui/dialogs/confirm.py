"""A yes/no question in a modal; dismisses with True or False."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..app_access import KattegatNode
from ..domain.text import display_text


class ConfirmDialog(KattegatNode, ModalScreen[bool]):
    """Ask before something destructive. Escape and "n" answer no; "y"/"j" answer yes.

    The question may hold user text (a title): it is shown as plain text, never as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", show=False),
        Binding("y,j", "answer(True)", show=False),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        yes = self.yes or self.tr.t("dialog.yes")
        no = self.no or self.tr.t("dialog.no")
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content(display_text(self.question)), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(Content(yes), id="yes", variant="error")
                yield Button(Content(no), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
