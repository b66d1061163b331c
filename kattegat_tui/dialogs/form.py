"""One form framework for every dialog with fields (activity, assessment, note, milestone, expense).

A form keeps what was typed: what the domain refuses is explained next to the field it is about,
Escape (and quitting) asks before typed input is thrown away, another session's save while the
form is open is announced without touching the input, and saving over a record someone else saved
first shows both versions (``ConflictDialog``) and lets the user choose.

A subclass declares its fields as data: ``initial_values`` (each field's control value for a
record; the control is ``#field-NAME``) and ``PARSERS`` (typed text to a stored value through
``domain.validation``); ``write`` names the store call that saves them. Rules across fields (dates
in order, a comment for yellow and red) and references are the domain's and the store's: the form
shows their ``ValidationError`` next to the field it is about (``CODE_FIELDS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, SelectionList, Static, TextArea

from ..app_access import HoldsInput, KattegatNode, PlanAware, localise_bindings
from ..domain import Plan, ValidationError
from ..domain.dates import DateParseError
from ..domain.text import clean_text, display_text
from ..errors import describe
from ..store import ConflictError
from .confirm import ConfirmDialog
from .conflict import ConflictDialog, differences

R = TypeVar("R")

# Which field an error code is about, when the error does not name one itself.
CODE_FIELDS = {
    "err.comment_required": "assessment_comment",
    "err.due_before_start": "due",
    "err.unknown_committee": "committee",
    "err.unknown_focus": "focus",
    "err.duplicate_id": "id",
    "err.bad_id": "id",
    "err.unknown_status": "status",
    "err.unknown_assessment": "assessment",
    "err.unknown_side": "side",
    "err.unknown_kind": "kind",
    "err.unknown_line": "line",
}


def read_control(control: Widget) -> Any:
    """What a field's control holds, as the form compares and parses it."""
    if isinstance(control, Select):
        return "" if control.value is Select.NULL else str(control.value)
    if isinstance(control, TextArea):
        return control.text
    if isinstance(control, Input):
        return control.value
    if isinstance(control, SelectionList):
        return list(control.selected)
    if isinstance(control, OptionList):
        index = control.highlighted
        return "" if index is None else str(control.get_option_at_index(index).id)
    return None


def write_control(control: Widget, value: Any) -> None:
    """Put ``value`` (as ``read_control`` returns it) into a field's control."""
    if isinstance(control, Select):
        control.value = value or Select.NULL
    elif isinstance(control, TextArea):
        control.text = value
    elif isinstance(control, Input):
        control.value = value
    elif isinstance(control, SelectionList):
        control.deselect_all()
        for key in value:
            control.select(key)
    elif isinstance(control, OptionList):
        for index in range(control.option_count):
            if control.get_option_at_index(index).id == value:
                control.highlighted = index


class FormField(Vertical):
    """A label, a control and the lines under it: what is wrong with the value, or a hint."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        & > Horizontal { height: auto; }
        & .form-label { width: 16; padding-right: 1; }
        & Input, & Select { width: 1fr; }
        & .form-error { color: $text-error; padding-left: 16; display: none; }
        & .form-error.-shown { display: block; }
        & .form-hint { color: $text-muted; padding-left: 16; display: none; }
        & .form-hint.-shown { display: block; }
    }
    """

    def __init__(self, label: str, control: Widget, *, name: str) -> None:
        super().__init__(id=f"field-{name}")
        self.label_text = label
        self.control = control
        self.field_name = name

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(Content(self.label_text), classes="form-label")
            yield self.control
        yield Static("", id=f"err-{self.field_name}", classes="form-error")
        yield Static("", classes="form-hint")

    def set_error(self, message: str | None) -> None:
        """Say what is wrong (the hint steps aside while an error is shown)."""
        error = self.query_one(".form-error", Static)
        error.update(Content("⚠ " + display_text(message)) if message else Content(""))
        error.set_class(bool(message), "-shown")
        hint = self.query_one(".form-hint", Static)
        hint.set_class(not message and bool(str(hint.render())), "-shown")

    def set_hint(self, message: str | None) -> None:
        hint = self.query_one(".form-hint", Static)
        hint.update(Content(message or ""))
        error_shown = self.query_one(".form-error", Static).has_class("-shown")
        hint.set_class(bool(message) and not error_shown, "-shown")


class FormDialog(KattegatNode, PlanAware, HoldsInput, ModalScreen[R | None], Generic[R]):
    """A modal form over one record (``record`` None: a new one). ctrl+s saves, Escape cancels
    and asks first if anything was typed. Dismisses with the saved record's ID, None if not saved.

    The default layout is a titled box of ``FormField`` rows with Save and Cancel buttons; a
    subclass may compose its own, with a ``#field-NAME`` control and an ``#err-NAME`` line per
    field, ``#banner`` and ``#err-form``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save"),
        Binding("q", "app.quit_app", "key.quit", show=False),  # in a text field "q" stays a letter
    ]

    # the record kind in the plan's history ("activity", "milestone"); "" for records that are only
    # ever added (nobody else can change them while the form is open)
    RECORD_KIND: ClassVar[str] = ""
    # the fields compared when someone else saved first, in the order they are shown
    COMPARED: ClassVar[tuple[str, ...]] = ()
    # typed value -> stored value, through domain.validation (raises ValidationError)
    PARSERS: ClassVar[dict[str, Callable[[Any], Any]]] = {}
    # the catalog key for a date that cannot be read (``value``, ``reason``)
    UNREADABLE: ClassVar[str] = "form.bad_date"
    # the field that has the keyboard when the form opens (None: the first one)
    FIRST_FOCUS: ClassVar[str | None] = None

    def __init__(self, record: Any = None) -> None:
        super().__init__()
        self.record = record
        self.revision: int | None = record.revision if record is not None else None
        self._initial: dict[str, Any] | None = None
        self._asking = False

    # -- what each form says ------------------------------------------------------------------

    def initial_values(self, record: Any) -> dict[str, Any]:
        """The controls' values for ``record`` (None: a new one), by field name."""
        return {}

    def write(self, fields: dict[str, Any]) -> Callable[[], Any]:
        """The store call that writes ``fields`` (expecting ``self.revision``)."""
        raise NotImplementedError

    def what(self, fields: dict[str, Any]) -> str:
        """The edit in the "saved" message."""
        return ""

    def find_record(self, plan: Plan) -> Any:
        """The form's record as ``plan`` holds it now (None: deleted)."""
        return None

    def changed_text(self, current: Any) -> str:
        return ""

    def deleted_text(self) -> str:
        return ""

    def show_value(self, name: str, value: Any) -> str:
        """A stored value as the reader says it (in the conflict dialog)."""
        return clean_text(str(value)) if value not in (None, "") else "–"

    def record_values(self, data: dict[str, Any]) -> dict[str, Any]:
        """A stored record (as the store's conflict carries it) as field values."""
        return data

    def message(self, exc: Exception) -> str:
        """A refusal as the line under its field (or under the form)."""
        return describe(exc, self.tr) or str(exc)

    def input_submitted(self) -> None:
        """Enter in a one-line field: on to the next field."""
        self.focus_next()

    @property
    def creating(self) -> bool:
        """Every field is written (a new record); otherwise only the fields that changed."""
        return self.record is None

    def form_title(self) -> str:
        return ""

    def compose_fields(self) -> ComposeResult:
        yield from ()

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Content(self.form_title()), classes="form-title")
            yield Static("", id="banner", classes="banner")
            with VerticalScroll(classes="form-body"):
                yield from self.compose_fields()
            yield Static("", id="err-form", classes="field-error")
            yield Static(Content(self.tr.t("form.keys")), classes="form-keys")
            with Horizontal(classes="form-buttons"):
                yield Button(Content(self.tr.t("key.save")), id="form-save", variant="primary",
                             compact=True)
                yield Button(Content(self.tr.t("key.cancel")), id="form-cancel", compact=True)

    def on_mount(self) -> None:
        localise_bindings(self, self.tr)
        self.show_errors({})
        self.set_banner("")
        if self.FIRST_FOCUS is not None:
            control = self.control(self.FIRST_FOCUS)
            if control is not None:
                control.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("form-save", "form-cancel"):
            event.stop()
            if event.button.id == "form-save":
                self.action_save()
            else:
                self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.input_submitted()

    # -- the fields ---------------------------------------------------------------------------

    @property
    def initial(self) -> dict[str, Any]:
        """What the controls held when the form opened (or when it took another version)."""
        if self._initial is None:
            self._initial = self.initial_values(self.record)
        return self._initial

    def control(self, name: str) -> Widget | None:
        found = self.query(f"#field-{name}")
        if not found:
            return None
        widget = found.first()
        return widget.control if isinstance(widget, FormField) else widget

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def raw(self) -> dict[str, Any]:
        """What the controls hold now (a field the form does not show keeps its initial value)."""
        out = dict(self.initial)
        for name in out:
            control = self.control(name)
            if control is not None:
                out[name] = read_control(control)
        return out

    def has_unsaved_input(self) -> bool:
        """Typed input that is not saved (the app asks before quitting over it)."""
        return self.raw() != self.initial

    def fields(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The fields to write, as stored values, and what is wrong with each one that is not."""
        raw, initial = self.raw(), self.initial
        out: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, value in raw.items():
            if not self.creating and value == initial[name]:
                continue
            parse = self.PARSERS.get(name)
            try:
                out[name] = parse(value) if parse else value
            except DateParseError as exc:
                errors[name] = self.unreadable(value, exc)
            except ValidationError as exc:
                errors[name] = self.message(exc)
            except ValueError as exc:  # a fuzzy date that is no date
                errors[name] = self.unreadable(value, exc)
        return out, errors

    def unreadable(self, value: Any, exc: ValueError) -> str:
        return self.tr.t(self.UNREADABLE, value=clean_text(str(value)), reason=self.tr.error(exc))

    # -- errors and notices -------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message next to its field ("" or an unknown field: under the form); what was typed
        stays where it is; the first field with an error gets the keyboard."""
        shown: dict[str, str] = {}
        for name, message in errors.items():
            target = name if name and self.query(f"#err-{name}") else "form"
            shown[target] = message
        for line in self.query(".field-error, .form-error"):
            self._set_error(line, shown.get((line.id or "").removeprefix("err-")))
        first = next((name for name in errors if name and self.control(name) is not None), None)
        if first is not None:
            control = self.control(first)
            assert control is not None
            control.focus()

    @staticmethod
    def _set_error(line: Widget, message: str | None) -> None:
        if isinstance(line.parent, FormField):
            line.parent.set_error(message)
        elif isinstance(line, Static):
            line.update(Content("⚠ " + display_text(message)) if message else Content(""))
            line.display = bool(message)

    def clear_error(self, name: str) -> None:
        for line in self.query(f"#err-{name}"):
            self._set_error(line, None)

    def store_refused(self, exc: Exception) -> None:
        """The store refused the edit: say why next to the field it is about."""
        if isinstance(exc, ValidationError):
            name = CODE_FIELDS.get(exc.code) or str(exc.params.get("field", ""))
            self.show_errors({name: self.message(exc)})
        else:
            self.show_errors({"": self.message(exc)})

    def set_banner(self, text: str) -> None:
        for widget in self.query("#banner"):
            if isinstance(widget, Static):
                widget.update(Content(display_text(text)))
                widget.display = bool(text)

    def plan_changed(self, plan: Plan) -> None:
        """Another session saved: say so if it touched this record; keep everything typed."""
        if self.record is None or not self.RECORD_KIND:
            return
        current = self.find_record(plan)
        if current is None:
            self.set_banner(self.deleted_text())
        elif current.revision != self.revision:
            self.set_banner(self.changed_text(current))

    # -- saving -------------------------------------------------------------------------------

    def action_save(self) -> None:
        fields, errors = self.fields()
        self.show_errors(errors)
        if errors:
            return
        if not fields and not self.creating:
            self.dashboard.say(self.tr.t("msg.no_changes"))
            self.dismiss(self.record.id)
            return
        conflicts: list[ConflictError] = []
        saved = self.session.save(self.write(fields), self.what(fields),
                               on_conflict=conflicts.append, on_error=self.store_refused)
        if saved is not None:
            self.dismiss(saved.id)
        elif conflicts:
            self.resolve_conflict(conflicts[0], fields)

    def resolve_conflict(self, exc: ConflictError, fields: dict[str, Any]) -> None:
        """Someone else saved first: both versions side by side; keep mine (over theirs), take
        theirs (the form closes) or go on editing over theirs."""
        base = self.record_values(self.record.to_dict())
        theirs = self.record_values(exc.current)
        rows = differences(self.COMPARED, fields, base, theirs,
                           lambda name: self.tr.t(f"field.{name}"), self.show_value)

        def chosen(choice: str | None) -> None:
            if choice == "mine":
                self.revision = int(exc.current.get("revision") or 0)
                self.action_save()
            elif choice == "theirs":
                self.dismiss(None)
            elif choice == "edit":
                self.rebase(exc.current)

        self.app.push_screen(ConflictDialog(exc.key, self.who_saved(exc), rows), chosen)

    def who_saved(self, exc: ConflictError) -> str:
        """Who saved the version in the file (the record's own note of it, else its history)."""
        who = exc.current.get("updated_by")
        if not who:
            who = next((c.who for c in reversed(self.plan.changes)
                        if c.entity == self.RECORD_KIND and c.entity_id == exc.key), None)
        return str(who or "?")

    def rebase(self, current: dict[str, Any]) -> None:
        """Go on editing over the other version: it fills every field the user did not touch."""
        self.record = type(self.record).from_dict(current)
        theirs = self.initial_values(self.record)
        mine = self.raw()
        for name, value in theirs.items():
            control = self.control(name)
            if control is not None and mine[name] == self.initial[name]:
                write_control(control, value)
        self._initial = theirs
        self.revision = self.record.revision
        self.set_banner("")

    # -- leaving ------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if not self.has_unsaved_input():
            self.dismiss(None)
            return
        if self._asking:
            return
        self._asking = True

        def answered(discard: bool | None) -> None:
            self._asking = False
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(self.tr.t("dialog.discard"),
                                           yes=self.tr.t("dialog.discard_yes"),
                                           no=self.tr.t("dialog.keep_editing")), answered)
