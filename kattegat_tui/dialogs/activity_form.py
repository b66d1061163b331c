"""Edit every field of an activity, or create a new one, in one form.

Dates go through the same parser as the CLI; what cannot be read is explained next to the field
and stays as typed. Saving over a record another session changed meanwhile asks what to keep.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from ..domain import Activity, Assessment, Side, Status
from ..domain.dates import DateParseError, parse_optional_date
from ..domain.text import display_text
from ..domain.validation import MAX_TITLE
from ..i18n import ASSESSMENT_SYMBOLS, STATUS_SYMBOLS
from .activity_dialog import ActivityDialog

# field name, kind ("input", "select", "date", "text")
FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "input"), ("title", "input"), ("focus", "select"), ("committee", "select"),
    ("owner", "input"), ("side", "select"), ("start", "date"), ("due", "date"),
    ("status", "select"), ("assessment", "select"), ("assessment_comment", "input"),
    ("description", "text"),
)
NO_ASSESSMENT = "none"


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

    def __init__(self, activity: Activity | None, submit: Any, *, focus: str | None = None) -> None:
        super().__init__(activity, submit)
        if activity is not None:
            self.initial = raw_values(activity.to_dict())
        else:
            self.initial = raw_values({"focus": focus or ""})

    @property
    def creating(self) -> bool:
        return self.activity is None

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
            return [(Content(f"{STATUS_SYMBOLS[s]} {tr.status(s)}"), s.value) for s in Status]
        out = [(Content(f"{ASSESSMENT_SYMBOLS[a]} {tr.assessment(a)}"), a.value) for a in Assessment]
        return [*out, (Content("· " + tr.assessment(None)), NO_ASSESSMENT)]

    def on_mount(self) -> None:
        self.show_errors({})
        self.set_banner("")
        for name in ("start", "due"):
            self._date_hint(name)
        # the first field gets the keyboard through the screen's auto-focus; focusing it here
        # again could pull the cursor back from a field the user already tabbed to

    # -- reading the widgets ----------------------------------------------------------------------

    def raw(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, _ in FIELDS:
            found = self.query(f"#field-{name}")
            if not found:
                out[name] = self.initial[name]
                continue
            widget = found.first()
            if isinstance(widget, Select):
                out[name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                out[name] = widget.text
            elif isinstance(widget, Input):
                out[name] = widget.value
        return out

    def has_unsaved_input(self) -> bool:
        return self.raw() != self.initial

    def _parse_date(self, name: str, text: str) -> date | None:
        return parse_optional_date(text)

    def check(self) -> dict[str, str]:
        tr = self.tr
        raw = self.raw()
        errors: dict[str, str] = {}
        if not raw["title"].strip():
            errors["title"] = tr.t("err.required", field=tr.t("field.title"))
        dates: dict[str, date | None] = {}
        for name in ("start", "due"):
            try:
                dates[name] = self._parse_date(name, raw[name])
            except DateParseError as exc:
                errors[name] = tr.t("form.bad_date", value=raw[name], reason=str(exc))
        if dates.get("start") and dates.get("due") and dates["due"] < dates["start"]:  # type: ignore[operator]
            errors["due"] = tr.t("err.due_before_start", due=tr.date_short(dates["due"]),
                                 start=tr.date_short(dates["start"]))
        if raw["assessment"] in ("yellow", "red") and not raw["assessment_comment"].strip():
            errors["assessment_comment"] = tr.t("form.comment_required",
                                                value=tr.assessment(raw["assessment"]))
        for name in ("focus", "committee"):
            if not raw[name]:
                errors[name] = tr.t("err.required", field=tr.t(f"field.{name}"))
        return errors

    def values(self) -> dict[str, Any]:
        """Store fields: all of them for a new activity, only the changed ones for an edit."""
        raw = self.raw()
        out: dict[str, Any] = {}
        for name, kind in FIELDS:
            if name == "id":
                continue
            if not self.creating and raw[name] == self.initial[name]:
                continue
            value: Any = raw[name]
            if kind == "date":
                value = self._parse_date(name, value)
            elif name == "assessment":
                value = None if value == NO_ASSESSMENT else value
            out[name] = value
        if self.creating:
            out["activity_id"] = raw["id"].strip() or None
        return out

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # -- someone else saved the same record --------------------------------------------------------

    def rebase(self, current: dict[str, Any]) -> None:
        """Take the other version for every field the user did not touch; keep the rest."""
        theirs = raw_values(current)
        mine = self.raw()
        for name, _ in FIELDS:
            if name == "id" or mine[name] != self.initial[name]:
                continue
            found = self.query(f"#field-{name}")
            if not found:
                continue
            widget = found.first()
            if isinstance(widget, Select):
                widget.value = theirs[name] or Select.NULL
            elif isinstance(widget, TextArea):
                widget.text = theirs[name]
            elif isinstance(widget, Input):
                widget.value = theirs[name]
        self.initial = {**theirs, "id": self.initial["id"]}
        super().rebase(current)
