"""Set an activity's assessment (green, yellow, red or none); yellow and red need a comment."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain import Activity, Assessment, validation
from ..domain.text import display_text
from .activity_dialog import ActivityDialog, what_line

CHOICES: tuple[Assessment | None, ...] = (Assessment.GREEN, Assessment.YELLOW, Assessment.RED, None)
NONE = "none"


class AssessDialog(ActivityDialog):
    """Arrows pick the assessment, Tab goes to the comment, Enter or ctrl+s saves."""

    PARSERS: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "assessment": lambda v: None if v == NONE else validation.assessment(v),
        "assessment_comment": partial(validation.long_text, field="assessment_comment"),
    }

    def initial_values(self, record: Activity) -> dict[str, Any]:
        assessment = record.assessment.value if record.assessment else NONE
        return {"assessment": assessment, "assessment_comment": record.assessment_comment}

    def compose(self) -> ComposeResult:
        tr = self.tr
        assert self.activity is not None
        with Vertical(classes="dialog form-dialog"):
            yield Static(Content.assemble((tr.t("dialog.assess_title"), "bold"), " ",
                                          display_text(self.activity.id)), classes="dialog-title")
            yield Static(Content(display_text(self.activity.title)), classes="dialog-subtitle")
            yield Static("", id="banner", classes="banner")
            options = []
            for choice in CHOICES:
                options.append(Option(Content(tr.assessment_cell(choice)),
                                      id=choice.value if choice else NONE))
            yield OptionList(*options, id="field-assessment")
            yield Static(tr.t("field.assessment_comment"), classes="label")
            yield Input(self.initial["assessment_comment"], id="field-assessment_comment",
                        compact=True)
            yield Static(tr.t("form.comment_hint"), id="comment-hint", classes="hint")
            yield Static("", id="err-assessment_comment", classes="field-error")
            yield Static("", id="err-form", classes="field-error")
            yield Static(tr.t("form.keys"), classes="hint")

    def on_mount(self) -> None:
        assert self.activity is not None
        self.query_one(OptionList).highlighted = CHOICES.index(self.activity.assessment)

    def what(self, fields: dict[str, Any]) -> str:
        assert self.activity is not None
        choice = fields.get("assessment", self.activity.assessment)
        return what_line(self.activity.id,
                         f"{self.tr.t('field.assessment')} {self.tr.assessment(choice)}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.clear_error("assessment_comment")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#field-assessment_comment", Input).focus()

    def input_submitted(self) -> None:
        self.action_save()
