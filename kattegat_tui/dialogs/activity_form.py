"""Edit every field of an activity, or create a new one, in one form.

Dates go through the same parser as the CLI; what cannot be read is explained next to the field
and stays as typed. Saving over a record another session changed meanwhile asks what to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from ..domain import Activity, Assessment, Side, Status, validation
from ..domain.dates import DateParseError, parse_optional_date
from ..domain.text import display_text
from ..domain.validation import MAX_TITLE
from .activity_dialog import ActivityDialog

# field name, kind ("input", "select", "date", "text")
FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "input"), ("title", "input"), ("focus", "select"), ("committee", "select"),
    ("owner", "input"), ("side", "select"), ("start", "date"), ("due", "date"),
    ("status", "select"), ("assessment", "select"), ("assessment_comment", "input"),
    ("description", "text"),
)
NO_ASSESSMENT = "none"


def plan_date(text: str, field: str) -> Any:
    day = parse_optional_date(text)
    return None if day is None else validation.plan_date(day, field)


# typed text -> stored value: the domain's rules, field by field
PARSERS: dict[str, Callable[[Any], Any]] = {
    "id": lambda v: validation.activity_id(v) if v.strip() else None,
    "title": validation.title,
    "focus": partial(validation.text, field="focus", required=True),
    "committee": partial(validation.text, field="committee", required=True),
    "owner": partial(validation.text, field="owner"),
    "side": validation.side,
    "start": partial(plan_date, field="start"),
    "due": partial(plan_date, field="due"),
    "status": validation.status,
    "assessment": lambda v: None if v == NO_ASSESSMENT else validation.assessment(v),
    "assessment_comment": partial(validation.long_text, field="assessment_comment"),
    "description": partial(validation.long_text, field="description"),
}


def raw_values(record: dict[str, Any]) -> dict[str, str]:
    """A stored record as the strings the form's widgets hold."""
    def text(name: str) -> str:
        value = record.get(name)
        return "" if value is None else str(value)

    return {
        "id": text("id"), "title": text("title"), "focus": text("focus"),
        "committee": text("committee"), "owner": text("owner"), "side": text("side") or "joint",
        "start": text("start"), "due": text("due"), "status": text("status") or "planned",
        "assessment": text("assessment") or NO_ASSESSMENT,
        "assessment_comment": text("assessment_comment"), "description": text("description"),
    }


class ActivityForm(ActivityDialog):
    """All fields of one activity (``activity`` None: a new one, ``focus`` preselected)."""

    PARSERS: ClassVar[dict[str, Callable[[Any], Any]]] = PARSERS

    def __init__(self, activity: Activity | None, *, focus: str | None = None) -> None:
        super().__init__(activity)
        self.focus_key = focus

    def initial_values(self, record: Activity | None) -> dict[str, Any]:
        return raw_values(record.to_dict() if record else {"focus": self.focus_key or ""})

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        tr = self.tr
        title = tr.t("form.new_title") if self.creating else tr.t("form.edit_title")
        with Vertical(classes="dialog form-screen"):
            heading = Content.styled(title, "bold")
            if self.activity is not None:
                heading = Content.assemble(heading, " ", (display_text(self.activity.id), "bold"))
            yield Static(heading, classes="dialog-title")
            yield Static("", id="banner", classes="banner")
            with VerticalScroll(id="form-fields", can_focus=False):
                for name, kind in FIELDS:
                    if name == "id" and not self.creating:
                        continue
                    with Horizontal(classes="field-row"):
                        label = tr.t("form.id_optional") if name == "id" else tr.t(f"field.{name}")
                        yield Static(label, classes="field-label")
                        yield self._widget(name, kind)
                    if kind == "date":
                        yield Static("", id=f"hint-{name}", classes="field-hint")
                    if name == "assessment_comment":
                        yield Static(tr.t("form.comment_hint"), classes="field-hint")
                    yield Static("", id=f"err-{name}", classes="field-error")
            yield Static("", id="err-form", classes="field-error")
            yield Static(tr.t("form.keys"), classes="hint")

    def _widget(self, name: str, kind: str) -> Widget:
        value = self.initial[name]
        wid = f"field-{name}"
        if kind == "select":
            return Select(self._options(name), value=value if value else Select.NULL,
                          allow_blank=not value, id=wid, compact=True,
                          prompt=self.tr.t("form.choose"))
        if kind == "text":
            return TextArea(value, id=wid, soft_wrap=True, classes="field-text")
        placeholder = ""
        if kind == "date":
            placeholder = self.tr.t("form.date_placeholder")
        elif name == "id":
            placeholder = self.tr.t("form.id_placeholder")
        return Input(value, id=wid, compact=True, placeholder=placeholder,
                     max_length=MAX_TITLE if name == "title" else 0)

    def _options(self, name: str) -> list[tuple[Content, str]]:
        tr, plan = self.tr, self.plan
        if name == "focus":
            return [(Content(display_text(f.name(tr.lang))), f.key)
                    for f in sorted(plan.focus_areas, key=lambda f: f.order)]
        if name == "committee":
            return [(Content(display_text(c.name)), c.key) for c in plan.committees]
        if name == "side":
            return [(Content(tr.t(f"side.{s.value}")), s.value) for s in Side]
        if name == "status":
            return [(Content(tr.status_cell(s)), s.value) for s in Status]
        out = [(Content(tr.assessment_cell(a)), a.value) for a in Assessment]
        return [*out, (Content(tr.assessment_cell(None)), NO_ASSESSMENT)]

    def on_mount(self) -> None:
        for name in ("start", "due"):
            self._date_hint(name)
        # the first field gets the keyboard through the screen's auto-focus; focusing it here
        # again could pull the cursor back from a field the user already tabbed to

    # -- saving -----------------------------------------------------------------------------------

    def write(self, fields: dict[str, Any]) -> Callable[[], Any]:
        if not self.creating:
            return super().write(fields)
        values = {k: v for k, v in fields.items() if k != "id" and v not in (None, "")}
        return partial(self.session.store.create_activity, activity_id=fields.get("id"), **values)

    def what(self, fields: dict[str, Any]) -> str:
        return self.tr.t("msg.created") if self.creating else super().what(fields)

    # -- live feedback ----------------------------------------------------------------------------

    def _date_hint(self, name: str) -> None:
        found = self.query(f"#hint-{name}")
        if not found:
            return
        hint = found.first(Static)
        text = self.raw()[name]
        if not text.strip():
            hint.update(Content(self.tr.t("form.date_empty")))
            return
        try:
            parsed = parse_optional_date(text)
        except DateParseError:
            hint.update(Content(self.tr.t("form.date_unreadable")))
            return
        hint.update(Content("→ " + self.tr.date(parsed)))

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in ("start", "due"):
            self._date_hint(name)
        self.clear_error(name)
