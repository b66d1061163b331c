"""Add a note to an activity (notes are kept in order and never edited)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from ..domain.text import display_text
from .activity_dialog import ActivityDialog


class NoteDialog(ActivityDialog):
    """A multi-line note; ctrl+s saves, Escape asks before dropping what was written."""

    def compose(self) -> ComposeResult:
        tr = self.tr
        assert self.activity is not None
        with Vertical(classes="dialog form-dialog"):
            yield Static(Content.assemble((tr.t("dialog.note_title"), "bold"), " ",
                                          display_text(self.activity.id)), classes="dialog-title")
            yield Static(Content(display_text(self.activity.title)), classes="dialog-subtitle")
            yield TextArea("", id="field-note", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="err-note", classes="field-error")
            yield Static("", id="err-form", classes="field-error")
            yield Static(tr.t("form.note_keys"), classes="hint")

    def on_mount(self) -> None:
        self.show_errors({})

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def has_unsaved_input(self) -> bool:
        return bool(self.text.strip())

    def check(self) -> dict[str, str]:
        if not self.text.strip():
            return {"note": self.tr.t("form.note_empty")}
        return {}

    def values(self) -> dict[str, Any]:
        return {"note": self.text}

    def plan_changed(self, plan: Any) -> None:
        """A note is added to whatever the record is by then: nothing to warn about."""
