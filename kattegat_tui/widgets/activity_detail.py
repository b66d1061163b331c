"""The selected activity in full: facts, description, notes (newest first) and its change history."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..domain import Activity, Change, Plan
from ..domain.history import PLAN_TZ
from ..domain.text import display_text
from ..i18n import Translator
from .history_format import change_summary, field_label

HISTORY_LIMIT = 30


def local_stamp(tr: Translator, at: datetime) -> str:
    """A stored UTC time as the plan's local date and time (Denmark and Sweden share a zone)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    local = at.astimezone(PLAN_TZ)
    return f"{tr.date_short(local.date())} {local:%H:%M}"


def activity_content(activity: Activity, plan: Plan, changes: list[Change], tr: Translator,
                     today: date) -> Content:
    """Everything about one activity as plain content (user text never parsed as markup)."""
    parts: list[Content] = []

    def heading(key: str) -> None:
        parts.append(Content("\n"))
        parts.append(Content.styled(tr.t(key), "bold underline"))
        parts.append(Content("\n"))

    def text(value: str, style: str = "") -> Content:
        return Content.styled(display_text(value), style) if style else Content(display_text(value))

    parts.append(Content.styled(activity.id, "bold"))
    parts.append(Content("  "))
    parts.append(text(activity.title, "bold"))
    parts.append(Content("\n"))
    status = tr.status_cell(activity.status)
    assessment = tr.assessment_cell(activity.assessment)
    parts.append(Content(f"{tr.t('field.status')}: {status}   {tr.t('field.assessment')}: {assessment}"))
    if activity.assessment_comment:
        parts.append(Content("\n  "))
        parts.append(text(activity.assessment_comment, "italic"))
    parts.append(Content("\n"))
    due = tr.date_short(activity.due) if activity.due else "–"
    if activity.due:
        due += f" ({tr.relative(activity.due, today)})"
        if activity.is_overdue(today):
            due += " " + tr.t("detail.overdue")
    parts.append(Content(f"{tr.t('field.due')}: {due}   {tr.t('field.start')}: "
                         f"{tr.date_short(activity.start) if activity.start else '–'}"))
    parts.append(Content("\n"))
    focus = plan.focus_area(activity.focus)
    committee = plan.committee_name(activity.committee)
    if activity.committee_suggested:
        committee += f" ({tr.t('committee.suggested')})"
    parts.append(Content(f"{tr.t('field.focus')}: "))
    parts.append(text(focus.name(tr.lang) if focus else activity.focus))
    parts.append(Content("\n"))
    parts.append(Content(f"{tr.t('field.committee')}: "))
    parts.append(text(committee))
    parts.append(Content(f"   {tr.t('field.side')}: {tr.t('side.' + activity.side.value)}\n"))
    parts.append(Content(f"{tr.t('field.owner')}: "))
    parts.append(text(activity.owner or "–"))
    if activity.updated_at:
        parts.append(Content(f"   {tr.t('field.updated')}: {local_stamp(tr, activity.updated_at)} "))
        parts.append(text(activity.updated_by))
    parts.append(Content("\n"))

    heading("field.description")
    parts.append(text(activity.description or "–"))
    parts.append(Content("\n"))

    heading("detail.notes")
    if not activity.notes:
        parts.append(Content.styled(tr.t("detail.no_notes"), "dim"))
        parts.append(Content("\n"))
    for note in reversed(activity.notes):
        parts.append(Content.styled(local_stamp(tr, note.at) + " ", "bold"))
        parts.append(text(note.by, "bold"))
        parts.append(Content("\n  "))
        parts.append(text(note.text.replace("\n", "\n  ")))
        parts.append(Content("\n"))

    heading("detail.history")
    if not changes:
        parts.append(Content.styled(tr.t("detail.no_history"), "dim"))
    for change in list(reversed(changes))[:HISTORY_LIMIT]:
        parts.append(Content(local_stamp(tr, change.at) + " "))
        parts.append(text(change.who, "bold"))
        label = tr.t(f"action.{change.action}")
        what = field_label(change, tr) if change.action == "update" else label
        parts.append(Content(f"  {display_text(what)}: "))
        parts.append(text(change_summary(change, tr, plan, limit=120)))
        parts.append(Content("\n"))
    if len(changes) > HISTORY_LIMIT:
        parts.append(Content.styled(tr.t("detail.more_history", n=len(changes) - HISTORY_LIMIT),
                                    "dim"))
    return Content("").join(parts)


class ActivityDetail(VerticalScroll, can_focus=True):
    """A scrollable pane for the selected activity."""

    DEFAULT_CSS = """
    ActivityDetail { height: 1fr; }
    ActivityDetail > Static { width: 1fr; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="detail-body", markup=False)

    def show(self, content: Content) -> None:
        self.query_one("#detail-body", Static).update(content)
