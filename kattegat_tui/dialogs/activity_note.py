"""Add a note to an activity (notes are kept in order and never edited)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from ..domain import Activity, Plan, validation
from ..domain.text import display_text
from .activity_dialog import ActivityDialog, what_line


class NoteDialog(ActivityDialog):
    """A multi-line note; ctrl+s saves, Escape asks before dropping what was written."""

    PARSERS: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "note": partial(validation.long_text, field="note", required=True),
    }

    @property
    def creating(self) -> bool:
        return True  # a note is always new

    def initial_values(self, record: Activity) -> dict[str, Any]:
        return {"note": ""}

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

    def write(self, fields: dict[str, Any]) -> Callable[[], Any]:
        assert self.activity is not None
        return partial(self.session.store.add_note, self.activity.id, fields["note"])

    def what(self, fields: dict[str, Any]) -> str:
        assert self.activity is not None
        return what_line(self.activity.id, self.tr.t("field.note"))

    def plan_changed(self, plan: Plan) -> None:
        """A note is added to whatever the record is by then: nothing to warn about."""
