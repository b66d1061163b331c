"""Set an activity's assessment (green, yellow, red or none); yellow and red need a comment."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain import Assessment
from ..domain.text import display_text
from ..i18n import ASSESSMENT_SYMBOLS
from .activity_dialog import ActivityDialog

CHOICES: tuple[Assessment | None, ...] = (Assessment.GREEN, Assessment.YELLOW, Assessment.RED, None)


class AssessDialog(ActivityDialog):
    """Arrows pick the assessment, Tab goes to the comment, Enter or ctrl+s saves."""

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
                symbol = ASSESSMENT_SYMBOLS[choice] if choice else "·"
                options.append(Option(Content(f"{symbol} {tr.assessment(choice)}"),
                                      id=choice.value if choice else "none"))
            yield OptionList(*options, id="field-assessment")
            yield Static(tr.t("field.assessment_comment"), classes="label")
            yield Input(self.activity.assessment_comment, id="field-assessment_comment",
                        compact=True)
            yield Static(tr.t("form.comment_hint"), id="comment-hint", classes="hint")
            yield Static("", id="err-assessment_comment", classes="field-error")
            yield Static("", id="err-form", classes="field-error")
            yield Static(tr.t("form.keys"), classes="hint")

    def on_mount(self) -> None:
        assert self.activity is not None
        options = self.query_one(OptionList)
        options.highlighted = CHOICES.index(self.activity.assessment)
        self.show_errors({})
        self.set_banner("")

    @property
    def choice(self) -> Assessment | None:
        index = self.query_one(OptionList).highlighted
        return CHOICES[index] if index is not None else None

    @property
    def comment(self) -> str:
        return self.query_one("#field-assessment_comment", Input).value

    def has_unsaved_input(self) -> bool:
        assert self.activity is not None
        return (self.choice is not self.activity.assessment
                or self.comment != self.activity.assessment_comment)

    def check(self) -> dict[str, str]:
        choice = self.choice
        if choice is not None and choice.needs_comment and not self.comment.strip():
            return {"assessment_comment": self.tr.t("form.comment_required",
                                                    value=self.tr.assessment(choice))}
        return {}

    def values(self) -> dict[str, Any]:
        return {"assessment": self.choice, "assessment_comment": self.comment}

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.clear_error("assessment_comment")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#field-assessment_comment", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
