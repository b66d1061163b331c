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


def _text(value: str, style: str = "") -> Content:
    """User text as content: control characters removed, never parsed as markup."""
    return Content.styled(display_text(value), style) if style else Content(display_text(value))


def _heading(tr: Translator, key: str) -> list[Content]:
    return [Content("\n"), Content.styled(tr.t(key), "bold underline"), Content("\n")]


def _summary(activity: Activity, plan: Plan, tr: Translator, today: date) -> list[Content]:
    """The title line and the fields: status, dates, focus area, committee, owner."""
    parts = [Content.styled(activity.id, "bold"), Content("  "), _text(activity.title, "bold"),
             Content("\n")]
    status = tr.status_cell(activity.status)
    assessment = tr.assessment_cell(activity.assessment)
    parts.append(Content(f"{tr.t('field.status')}: {status}   {tr.t('field.assessment')}: {assessment}"))
    if activity.assessment_comment:
        parts += [Content("\n  "), _text(activity.assessment_comment, "italic")]
    parts.append(Content("\n"))
    due = tr.date_short(activity.due) if activity.due else "–"
    if activity.due:
        due += f" ({tr.relative(activity.due, today)})"
        if activity.is_overdue(today):
            due += " " + tr.t("detail.overdue")
    parts.append(Content(f"{tr.t('field.due')}: {due}   {tr.t('field.start')}: "
                         f"{tr.date_short(activity.start) if activity.start else '–'}\n"))
    focus = plan.focus_area(activity.focus)
    committee = plan.committee_name(activity.committee)
    if activity.committee_suggested:
        committee += f" ({tr.t('committee.suggested')})"
    parts += [Content(f"{tr.t('field.focus')}: "),
              _text(focus.name(tr.lang) if focus else activity.focus), Content("\n"),
              Content(f"{tr.t('field.committee')}: "), _text(committee),
              Content(f"   {tr.t('field.side')}: {tr.t('side.' + activity.side.value)}\n"),
              Content(f"{tr.t('field.owner')}: "), _text(activity.owner or "–")]
    if activity.updated_at:
        parts += [Content(f"   {tr.t('field.updated')}: {local_stamp(tr, activity.updated_at)} "),
                  _text(activity.updated_by)]
    parts.append(Content("\n"))
    return parts


def _notes(activity: Activity, tr: Translator) -> list[Content]:
    parts = _heading(tr, "detail.notes")
    if not activity.notes:
        parts += [Content.styled(tr.t("detail.no_notes"), "dim"), Content("\n")]
    for note in reversed(activity.notes):
        parts += [Content.styled(local_stamp(tr, note.at) + " ", "bold"), _text(note.by, "bold"),
                  Content("\n  "), _text(note.text.replace("\n", "\n  ")), Content("\n")]
    return parts


def _history(changes: list[Change], plan: Plan, tr: Translator) -> list[Content]:
    parts = _heading(tr, "detail.history")
    if not changes:
        parts.append(Content.styled(tr.t("detail.no_history"), "dim"))
    for change in list(reversed(changes))[:HISTORY_LIMIT]:
        label = tr.t(f"action.{change.action}")
        what = field_label(change, tr) if change.action == "update" else label
        parts += [Content(local_stamp(tr, change.at) + " "), _text(change.who, "bold"),
                  Content(f"  {display_text(what)}: "),
                  _text(change_summary(change, tr, plan, limit=120)), Content("\n")]
    if len(changes) > HISTORY_LIMIT:
        parts.append(Content.styled(tr.t("detail.more_history", n=len(changes) - HISTORY_LIMIT),
                                    "dim"))
    return parts


def activity_content(activity: Activity, plan: Plan, changes: list[Change], tr: Translator,
                     today: date) -> Content:
    """Everything about one activity as plain content (user text never parsed as markup)."""
    parts = _summary(activity, plan, tr, today)
    parts += [*_heading(tr, "field.description"), _text(activity.description or "–"),
              Content("\n")]
    parts += _notes(activity, tr)
    parts += _history(changes, plan, tr)
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
