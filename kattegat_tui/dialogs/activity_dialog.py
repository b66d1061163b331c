"""What every activity dialog shares: escape asks before dropping typed input, errors are shown
next to the field they are about, and the plan may change underneath while the dialog is open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..app_access import KattegatNode, localise_bindings
from ..domain import Activity, Plan, ValidationError
from ..domain.dates import DateParseError
from ..domain.text import display_text
from ..i18n import Translator
from ..store import AccessDenied, NotFound, StoreError
from .confirm import ConfirmDialog

# Which field an error code is about, when the error does not name one itself.
_CODE_FIELDS = {
    "err.comment_required": "assessment_comment",
    "err.due_before_start": "due",
    "err.unknown_committee": "committee",
    "err.unknown_focus": "focus",
    "err.duplicate_id": "id",
    "err.bad_id": "id",
    "err.unknown_status": "status",
    "err.unknown_assessment": "assessment",
    "err.unknown_side": "side",
}


def field_errors(exc: Exception, tr: Translator, describe: Callable[[Exception], str]) -> dict[str, str]:
    """An exception from the store as ``{field: message}``; ``""`` is the form as a whole."""
    if isinstance(exc, ValidationError):
        name = _CODE_FIELDS.get(exc.code) or str(exc.params.get("field", ""))
        if exc.code == "err.comment_required":
            return {name: tr.t("form.comment_required_short")}
        return {name: tr.error(exc)}
    if isinstance(exc, DateParseError):
        return {"": str(exc)}
    if isinstance(exc, StoreError | NotFound | AccessDenied | OSError):
        return {"": describe(exc)}
    return {"": str(exc)}


class ActivityDialog(KattegatNode, ModalScreen[bool]):
    """A modal that edits one activity (or creates one). Dismisses with True once saved.

    ``submit(dialog)`` is called with the dialog when the user saves; it writes through the app and
    calls ``dialog.saved()``, ``dialog.show_errors(...)`` or resolves a conflict.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save"),
        Binding("q", "app.quit_app", "key.quit", show=False),  # typing a "q" in a field stays a "q"
    ]

    def __init__(self, activity: Activity | None, submit: Callable[[ActivityDialog], None]) -> None:
        super().__init__()
        self.activity = activity
        self.revision = activity.revision if activity else 0
        self.submit = submit
        self.changed_elsewhere = False

    def on_mount(self) -> None:
        localise_bindings(self, self.tr)

    # -- to be provided by each dialog ------------------------------------------------------

    def has_unsaved_input(self) -> bool:
        return False

    def values(self) -> dict[str, Any]:
        """What the user entered, as store fields (only fields that changed, for edits)."""
        return {}

    def check(self) -> dict[str, str]:
        """Errors found before writing (field -> message)."""
        return {}

    def rebase(self, current: dict[str, Any]) -> None:
        """Continue editing over another session's version of the record."""
        self.revision = int(current.get("revision", self.revision))
        self.changed_elsewhere = False
        self.set_banner("")

    # -- shared behaviour -------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message next to its field; what was typed stays where it is."""
        for widget in self.query(".field-error"):
            if isinstance(widget, Static):
                widget.update("")
                widget.display = False
        first = None
        for name, message in errors.items():
            target = self.query(f"#err-{name}") if name else self.query("#err-form")
            if not target:
                target = self.query("#err-form")
            for widget in target:
                if isinstance(widget, Static):
                    widget.update(Content("⚠ " + display_text(message)))
                    widget.display = True
            if first is None and name:
                first = name
        if first is not None:
            for widget in self.query(f"#field-{first}"):
                widget.focus()
                break

    def clear_error(self, name: str) -> None:
        for widget in self.query(f"#err-{name}"):
            if isinstance(widget, Static):
                widget.update("")
                widget.display = False

    def set_banner(self, text: str) -> None:
        for widget in self.query("#banner"):
            if isinstance(widget, Static):
                widget.update(Content(display_text(text)))
                widget.display = bool(text)

    def saved(self) -> None:
        self.dismiss(True)

    def action_save(self) -> None:
        errors = self.check()
        if errors:
            self.show_errors(errors)
            return
        self.show_errors({})
        self.submit(self)

    def action_cancel(self) -> None:
        if not self.has_unsaved_input():
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmDialog(self.tr.t("dialog.discard"), self.tr.t("dialog.discard_yes"),
                                           self.tr.t("dialog.keep_editing")), answered)

    def plan_changed(self, plan: Plan) -> None:
        """Another session saved: say so if it touched this record; keep everything typed."""
        if self.activity is None:
            return
        current = plan.activity(self.activity.id)
        if current is None:
            self.changed_elsewhere = True
            self.set_banner(self.tr.t("form.deleted_elsewhere", id=self.activity.id))
        elif current.revision != self.revision:
            self.changed_elsewhere = True
            self.set_banner(self.tr.t("form.changed_elsewhere", who=current.updated_by or "?"))
