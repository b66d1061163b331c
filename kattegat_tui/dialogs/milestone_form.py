"""The milestone form (add and edit), on the form framework of ``form.py``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select, SelectionList

from ..domain import Milestone, MilestoneKind, MilestoneStatus, Plan, validation
from ..domain.dates import DateParseError, parse_fuzzy_date
from ..domain.fuzzy_date import FuzzyDate
from ..domain.text import clean_text
from ..i18n import Translator
from .form import FormDialog, FormField

FIELDS = ("title", "when", "kind", "status", "case_ref", "activities")


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


class MilestoneForm(FormDialog[str]):
    """Add a milestone (``milestone is None``) or edit one; dismisses with the saved milestone's ID."""

    RECORD_KIND: ClassVar[str] = "milestone"
    COMPARED: ClassVar[tuple[str, ...]] = FIELDS
    PARSERS: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "title": validation.title,
        "when": parse_fuzzy_date,
        "kind": validation.milestone_kind,
        "status": validation.milestone_status,
        "case_ref": partial(validation.text, field="case_ref", limit=40),
        "activities": list,
    }
    UNREADABLE: ClassVar[str] = "milestone.bad_date"
    FIRST_FOCUS: ClassVar[str | None] = "title"

    def __init__(self, milestone: Milestone | None = None) -> None:
        super().__init__(milestone)
        self._labels: dict[str, str] = {}

    @property
    def milestone(self) -> Milestone | None:
        return self.record  # type: ignore[no-any-return]

    def initial_values(self, record: Milestone | None) -> dict[str, Any]:
        chosen = record.activities if record else []
        labels = activity_labels(self.plan, chosen)
        self._labels = {**labels, **self._labels}  # the list shows the labels it opened with
        return {
            "title": record.title if record else "",
            "when": fuzzy_input_text(record.when, self.tr) if record else "",
            "kind": record.kind.value if record else MilestoneKind.MEETING.value,
            "status": record.status.value if record else MilestoneStatus.PLANNED.value,
            "case_ref": record.case_ref if record else "",
            "activities": [key for key in labels if key in chosen],
        }

    def form_title(self) -> str:
        if self.milestone is None:
            return self.tr.t("milestone.new_title")
        return self.tr.t("milestone.edit_title", id=self.milestone.id)

    def compose_fields(self) -> ComposeResult:
        tr, start = self.tr, self.initial
        yield FormField(tr.t("field.title"), Input(start["title"], id="ms-title", compact=True),
                        name="title")
        yield FormField(tr.t("field.when"), Input(
            start["when"], id="ms-when", compact=True,
            placeholder=tr.t("milestone.date_placeholder")), name="when")
        yield FormField(tr.t("field.kind"), Select(
            [(Content(tr.t(f"kind.{k.value}")), k.value) for k in MilestoneKind],
            value=start["kind"], allow_blank=False, id="ms-kind", compact=True), name="kind")
        yield FormField(tr.t("field.status"), Select(
            [(Content(tr.t(f"mstatus.{s.value}")), s.value) for s in MilestoneStatus],
            value=start["status"], allow_blank=False, id="ms-status", compact=True), name="status")
        yield FormField(tr.t("field.case_ref"), Input(start["case_ref"], id="ms-case",
                                                      compact=True), name="case_ref")
        yield Label(Content(tr.t("milestone.activities_label")))
        chosen = start["activities"]
        yield SelectionList[str](*((ticked(label, key in chosen), key, key in chosen)
                                   for key, label in self._labels.items()),
                                 id="field-activities", compact=True)

    def on_mount(self) -> None:
        self._preview_date(self.query_one("#ms-when", Input).value)

    # -- the record -------------------------------------------------------------------------------

    def write(self, fields: dict[str, Any]) -> Callable[[], Any]:
        store = self.session.store
        if self.milestone is None:
            return partial(store.add_milestone, **fields)
        return partial(store.update_milestone, self.milestone.id, fields,
                       expected_revision=self.revision)

    def what(self, fields: dict[str, Any]) -> str:
        if self.milestone is None:
            return self.tr.t("milestone.what_new")
        return self.tr.t("milestone.what", id=self.milestone.id)

    def find_record(self, plan: Plan) -> Milestone | None:
        assert self.milestone is not None
        return plan.milestone(self.milestone.id)

    def changed_text(self, current: Milestone) -> str:
        assert self.milestone is not None
        return "⚠ " + self.tr.t("milestone.changed_elsewhere", id=self.milestone.id)

    def deleted_text(self) -> str:
        assert self.milestone is not None
        return "⚠ " + self.tr.t("milestone.deleted_elsewhere", id=self.milestone.id)

    def record_values(self, data: dict[str, Any]) -> dict[str, Any]:
        record = Milestone.from_dict(data)
        return {name: getattr(record, name) for name in FIELDS}

    def show_value(self, name: str, value: Any) -> str:
        tr = self.tr
        if isinstance(value, FuzzyDate):
            return tr.fuzzy(value)
        if isinstance(value, MilestoneKind):
            return tr.t(f"kind.{value.value}")
        if isinstance(value, MilestoneStatus):
            return tr.t(f"mstatus.{value.value}")
        if isinstance(value, list):
            return ", ".join(value) or "–"
        return super().show_value(name, value)

    # -- live feedback ----------------------------------------------------------------------------

    @on(SelectionList.SelectedChanged, "#field-activities")
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
