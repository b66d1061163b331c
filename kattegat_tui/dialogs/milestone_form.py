"""Forms in a modal: the shared form behaviour and the milestone form (add and edit).

A form keeps what was typed: invalid input is explained next to the field, Escape asks before
throwing typed input away, and the app asks before quitting over it (``has_unsaved_input``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from ..app_access import KattegatNode, localise_bindings
from ..domain import Milestone, MilestoneKind, MilestoneStatus, Plan, ValidationError, validation
from ..domain.dates import DateParseError, parse_fuzzy_date
from ..domain.fuzzy_date import FuzzyDate
from ..domain.text import clean_text
from ..i18n import Translator
from ..store import ConflictError
from .confirm import ConfirmDialog

R = TypeVar("R")


class FormField(Vertical):
    """A label, a control and the line under it that explains what is wrong with the value."""

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
        yield Static("", classes="form-error")
        yield Static("", classes="form-hint")

    def set_error(self, message: str | None) -> None:
        """Say what is wrong (the hint steps aside while an error is shown)."""
        error = self.query_one(".form-error", Static)
        error.update(Content("⚠ " + message) if message else Content(""))
        error.set_class(bool(message), "-shown")
        hint = self.query_one(".form-hint", Static)
        hint.set_class(not message and bool(str(hint.render())), "-shown")

    def set_hint(self, message: str | None) -> None:
        hint = self.query_one(".form-hint", Static)
        hint.update(Content(message or ""))
        error_shown = self.query_one(".form-error", Static).has_class("-shown")
        hint.set_class(bool(message) and not error_shown, "-shown")


class EditForm(KattegatNode, ModalScreen[R], Generic[R]):
    """A modal form: ctrl+s saves, Escape cancels and asks first if anything was typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save"),
        Binding("q", "app.quit_app", "key.quit", show=False),  # in a text field "q" stays a letter
    ]

    DEFAULT_CSS = """
    EditForm {
        align: center middle;
        & > .form {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $accent;
            background: $surface;
            padding: 0 1;
        }
        & .form-title { text-style: bold; margin-bottom: 1; }
        & #form-notice { color: $text-warning; text-style: bold; }
        & .form-body { height: auto; max-height: 1fr; }
        & .form-keys { color: $text-muted; margin-top: 1; }
        & .form-buttons { height: auto; align-horizontal: right; }
        & .form-buttons Button { margin-left: 2; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._initial: dict[str, Any] | None = None
        self._asking = False

    # -- subclasses --------------------------------------------------------------------------------

    def form_title(self) -> str:
        return ""

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def values(self) -> dict[str, Any]:
        """What the form holds now (compared with the opening values to tell if it is dirty)."""
        return {}

    def submit(self) -> None:
        """Validate, save, and dismiss on success."""

    # -- shared ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Content(self.form_title()), classes="form-title")
            notice = Static("", id="form-notice")
            notice.display = False
            yield notice
            with VerticalScroll(classes="form-body"):
                yield from self.compose_fields()
            yield Static(Content(self.tr.t("form.keys")), classes="form-keys")
            with Horizontal(classes="form-buttons"):
                yield Button(Content(self.tr.t("key.save")), id="form-save", variant="primary",
                             compact=True)
                yield Button(Content(self.tr.t("key.cancel")), id="form-cancel", compact=True)

    def on_mount(self) -> None:
        localise_bindings(self, self.tr)
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self.values()

    def has_unsaved_input(self) -> bool:
        """Typed input that is not saved (the app asks before quitting over it)."""
        return self._initial is not None and self.values() != self._initial

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each message next to its field (and clear the others); focus the first bad field."""
        first: FormField | None = None
        for form_field in self.query(FormField):
            message = errors.get(form_field.field_name)
            form_field.set_error(message)
            if message and first is None:
                first = form_field
        if first is not None:
            first.control.focus()

    def store_refused(self, exc: Exception) -> None:
        """The store refused the edit: say why next to the field it names, else as a message."""
        if isinstance(exc, ValidationError):
            name = str(exc.params.get("field", ""))
            if name and self.query(f"#field-{name}"):
                self.show_errors({name: self.tr.error(exc)})
                return
        self.kapp.say(self.kapp.describe(exc), severity="error", timeout=8)

    def plan_changed(self, plan: Plan) -> None:
        """The plan was reloaded (another session saved) while the form is open."""

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        self.submit()

    def action_cancel(self) -> None:
        self._leave(lambda: self.dismiss(None))

    def _leave(self, then: Callable[[], object]) -> None:
        if not self.has_unsaved_input():
            then()
            return
        if self._asking:
            return
        self._asking = True

        def answered(discard: bool | None) -> None:
            self._asking = False
            if discard:
                then()

        self.app.push_screen(ConfirmDialog(self.tr.t("dialog.discard"),
                                           yes=self.tr.t("dialog.discard_yes"),
                                           no=self.tr.t("dialog.keep_editing")), answered)

    def ask_overwrite(self, question: str, retry: Callable[[], None]) -> None:
        """Someone else saved first: show both versions; the user chooses."""

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                retry()
            else:
                self.kapp.say(self.tr.t("edit.kept_open"), timeout=6)

        self.app.push_screen(ConfirmDialog(question, yes=self.tr.t("edit.overwrite"),
                                           no=self.tr.t("edit.keep_theirs")), answered)


def fuzzy_input_text(when: FuzzyDate, tr: Translator) -> str:
    """A milestone date written so that the form's own date parsing reads it back unchanged."""
    text = tr.fuzzy(when)
    try:
        if parse_fuzzy_date(text) == when:
            return text
    except (DateParseError, ValueError):
        pass
    if when.end is not None and when.end != when.start:
        return f"{when.start.isoformat()}..{when.end.isoformat()}"
    if when.precision.value == "month":
        return f"{when.start.year}-{when.start.month:02d}"
    if when.precision.value == "year":
        return str(when.start.year)
    return when.start.isoformat()


def activity_labels(plan: Plan, chosen: list[str]) -> dict[str, str]:
    """Every activity as "ID title" (plain text); links to activities that no longer exist are
    kept and shown by ID."""
    labels = {a.id: f"{a.id}  {clean_text(a.title)}" for a in plan.activities}
    labels.update({x: f"{x}  ?" for x in chosen if x not in labels})
    return labels


def ticked(label: str, chosen: bool) -> Content:
    """A choice with a visible mark, so what is ticked does not depend on colour."""
    return Content(("✓ " if chosen else "· ") + label)


class MilestoneForm(EditForm[str | None]):
    """Add a milestone (``milestone is None``) or edit one; dismisses with the saved milestone's ID."""

    DEFAULT_CSS = """
    MilestoneForm #ms-activities { height: 7; border: none; padding: 0; width: 1fr; }
    """

    def __init__(self, milestone: Milestone | None = None) -> None:
        super().__init__()
        self.milestone = milestone
        self._labels: dict[str, str] = {}
        self.revision = milestone.revision if milestone else None

    def form_title(self) -> str:
        if self.milestone is None:
            return self.tr.t("milestone.new_title")
        return self.tr.t("milestone.edit_title", id=self.milestone.id)

    def compose_fields(self) -> ComposeResult:
        tr, m = self.tr, self.milestone
        yield FormField(tr.t("field.title"), Input(m.title if m else "", id="ms-title", compact=True),
                        name="title")
        yield FormField(tr.t("field.when"), Input(
            fuzzy_input_text(m.when, tr) if m else "", id="ms-when", compact=True,
            placeholder=tr.t("milestone.date_placeholder")), name="when")
        yield FormField(tr.t("field.kind"), Select(
            [(Content(tr.t(f"kind.{k.value}")), k.value) for k in MilestoneKind],
            value=m.kind.value if m else MilestoneKind.MEETING.value, allow_blank=False,
            id="ms-kind", compact=True), name="kind")
        yield FormField(tr.t("field.status"), Select(
            [(Content(tr.t(f"mstatus.{s.value}")), s.value) for s in MilestoneStatus],
            value=m.status.value if m else MilestoneStatus.PLANNED.value, allow_blank=False,
            id="ms-status", compact=True), name="status")
        yield FormField(tr.t("field.case_ref"), Input(m.case_ref if m else "", id="ms-case",
                                                      compact=True), name="case_ref")
        yield Label(Content(tr.t("milestone.activities_label")))
        chosen = m.activities if m else []
        self._labels = activity_labels(self.plan, chosen)
        yield SelectionList[str](*((ticked(label, key in chosen), key, key in chosen)
                                   for key, label in self._labels.items()),
                                 id="ms-activities", compact=True)

    def plan_changed(self, plan: Plan) -> None:
        """Warn (without touching what was typed) when the milestone was changed or deleted elsewhere."""
        if self.milestone is None:
            return
        theirs = plan.milestone(self.milestone.id)
        notice = self.query_one("#form-notice", Static)
        if theirs is None:
            notice.update(Content("⚠ " + self.tr.t("milestone.deleted_elsewhere", id=self.milestone.id)))
        elif theirs.revision != self.revision:
            notice.update(Content("⚠ " + self.tr.t("milestone.changed_elsewhere", id=self.milestone.id)))
        else:
            return
        notice.display = True

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ms-title", Input).focus()
        self._preview_date(self.query_one("#ms-when", Input).value)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.query_one("#ms-title", Input).value,
            "when": self.query_one("#ms-when", Input).value,
            "kind": self.query_one("#ms-kind", Select).value,
            "status": self.query_one("#ms-status", Select).value,
            "case_ref": self.query_one("#ms-case", Input).value,
            "activities": list(self.query_one("#ms-activities", SelectionList).selected),
        }

    @on(SelectionList.SelectedChanged, "#ms-activities")
    def _ticks_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        choices = event.selection_list
        chosen = set(choices.selected)
        for index in range(choices.option_count):
            key = choices.get_option_at_index(index).value
            choices.replace_option_prompt_at_index(index, ticked(self._labels[key], key in chosen))

    @on(Input.Changed, "#ms-when")
    def _when_changed(self, event: Input.Changed) -> None:
        self._preview_date(event.value)

    def _preview_date(self, text: str) -> None:
        """Say how the typed date is read (day, range, month or year) while it is typed."""
        form_field = self.field("when")
        if not text.strip():
            form_field.set_hint(self.tr.t("milestone.date_help"))
            return
        try:
            when = parse_fuzzy_date(text)
        except (DateParseError, ValueError):
            form_field.set_hint(self.tr.t("milestone.date_help"))
            return
        form_field.set_error(None)
        form_field.set_hint(self.tr.t("milestone.date_reads_as", date=self.tr.fuzzy(when),
                                      precision=self.tr.t(f"precision.{when.precision.value}")))

    def check(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The cleaned fields and, per field, what is wrong."""
        raw = self.values()
        fields: dict[str, Any] = {}
        errors: dict[str, str] = {}
        try:
            fields["title"] = validation.title(raw["title"])
        except ValidationError as exc:
            errors["title"] = self.tr.error(exc)
        try:
            fields["when"] = parse_fuzzy_date(raw["when"])
        except (DateParseError, ValueError) as exc:
            errors["when"] = self.tr.t("milestone.bad_date", value=clean_text(raw["when"]),
                                       reason=self.tr.error(exc))
        try:
            fields["case_ref"] = validation.text(raw["case_ref"], "case_ref", limit=40)
        except ValidationError as exc:
            errors["case_ref"] = self.tr.error(exc)
        fields["kind"] = validation.milestone_kind(raw["kind"])
        fields["status"] = validation.milestone_status(raw["status"])
        fields["activities"] = list(raw["activities"])
        return fields, errors

    def submit(self) -> None:
        fields, errors = self.check()
        self.show_errors(errors)
        if errors:
            return
        self._store(fields, self.revision)

    def _store(self, fields: dict[str, Any], revision: int | None) -> None:
        app, store, tr = self.kapp, self.kapp.store, self.tr
        if self.milestone is None:
            created = app.save(lambda: store.add_milestone(**fields), tr.t("milestone.what_new"),
                               on_error=self.store_refused)
            if created is not None:
                self.dismiss(created.id)
            return
        milestone_id = self.milestone.id
        conflict: list[ConflictError] = []
        saved = app.save(
            lambda: store.update_milestone(milestone_id, fields, expected_revision=revision),
            tr.t("milestone.what", id=milestone_id), on_conflict=conflict.append,
            on_error=self.store_refused)
        if saved is not None:
            self.dismiss(saved.id)
        elif conflict:
            theirs = Milestone.from_dict(conflict[0].current)
            self.ask_overwrite(self._conflict_question(theirs, fields),
                               lambda: self._store(fields, theirs.revision))

    def _conflict_question(self, theirs: Milestone, mine: dict[str, Any]) -> str:
        tr = self.tr
        who = next((c.who for c in reversed(self.kapp.plan.changes)
                    if c.entity == "milestone" and c.entity_id == theirs.id), "?")
        lines = [tr.t("milestone.conflict", id=theirs.id, who=clean_text(who))]
        shown = {
            "title": (theirs.title, mine["title"]),
            "when": (tr.fuzzy(theirs.when), tr.fuzzy(mine["when"])),
            "kind": (tr.t(f"kind.{theirs.kind.value}"), tr.t(f"kind.{mine['kind'].value}")),
            "status": (tr.t(f"mstatus.{theirs.status.value}"),
                       tr.t(f"mstatus.{mine['status'].value}")),
            "case_ref": (theirs.case_ref, mine["case_ref"]),
            "activities": (", ".join(theirs.activities), ", ".join(mine["activities"])),
        }
        for name, (their_value, my_value) in shown.items():
            if their_value != my_value:
                lines.append(tr.t("edit.both_versions", field=tr.t(f"field.{name}"),
                                  theirs=clean_text(their_value) or "–",
                                  mine=clean_text(my_value) or "–"))
        lines.append(tr.t("edit.overwrite_question"))
        return "\n".join(lines)
