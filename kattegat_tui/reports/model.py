"""What a report says, independent of its format: built once, rendered as Markdown, HTML or CSV.

Every label is already in the reader's language; user text (titles, comments, notes) is kept as it
is, and each renderer escapes it for its own format.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain import Activity, Change, Milestone, Plan, Status, rules
from ..domain.budget import BudgetSummary, summarise
from ..domain.history import PLAN_TZ, changes_since, plan_as_of
from ..domain.validation import ValidationError
from ..i18n import Translator

AFTER_MONTHS = 3
"""How far past the period "just after" reaches for milestones."""


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    label: str = ""


def parse_period(text: str) -> Period:
    """``2025-H2`` (a half-year), ``2025-Q3`` (a quarter) or ``2025`` (a year)."""
    raw = text.strip().upper()
    m = re.fullmatch(r"(\d{4})(?:-?([HQ])([1-4]))?", raw)
    if not m or (m.group(2) == "H" and m.group(3) not in ("1", "2")):
        raise ValidationError("err.bad_period", value=text)
    year = int(m.group(1))
    if year < 1:  # the calendar starts with year 1
        raise ValidationError("err.bad_period", value=text)
    if m.group(2) is None:
        return Period(date(year, 1, 1), date(year, 12, 31), raw)
    n = int(m.group(3))
    months = 6 if m.group(2) == "H" else 3
    first = (n - 1) * months + 1
    return Period(date(year, first, 1), _month_end(year, first + months - 1), raw)


def half_year(day: date) -> Period:
    """The half-year ``day`` falls in (the rhythm of the secretariat meetings)."""
    half = 1 if day.month <= 6 else 2
    return parse_period(f"{day.year:04d}-H{half}")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it is shorter); the calendar's
    first or last day if that is beyond it."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


# -- scope -------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve_committee(plan: Plan, text: str | None) -> str | None:
    """A committee key from its key, short name or name ("OU", "ØU", "Økonomiudvalget")."""
    if not text or not text.strip():
        return None
    wanted = _fold(text)
    for c in plan.committees:
        if wanted in {_fold(c.key), _fold(c.short), _fold(c.name)}:
            return c.key
    raise ValidationError("err.unknown_committee", value=text,
                          allowed=", ".join(c.key for c in plan.committees))


def resolve_focus(plan: Plan, text: str | None) -> str | None:
    """A focus area key from its key or its name in any language."""
    if not text or not text.strip():
        return None
    wanted = _fold(text)
    for f in plan.focus_areas:
        if wanted in {_fold(f.key), *(_fold(n) for n in f.names.values())}:
            return f.key
    raise ValidationError("err.unknown_focus", value=text,
                          allowed=", ".join(f.key for f in plan.focus_areas))


# -- the report's parts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActivityRow:
    activity: Activity
    focus_name: str
    committee: str
    overdue: bool
    at_risk: bool
    stale: bool

    def flags(self, tr: Translator, stale_days: int) -> list[str]:
        out = []
        if self.overdue:
            out.append(tr.t("report.flag.overdue"))
        if self.at_risk:
            out.append(tr.t("report.flag.at_risk"))
        if self.stale:
            out.append(tr.t("report.flag.stale", days=stale_days))
        return out


@dataclass(frozen=True, slots=True)
class FocusSection:
    key: str
    name: str
    rollup: rules.Rollup
    rows: list[ActivityRow]


@dataclass(frozen=True, slots=True)
class ChangeRow:
    at: datetime
    who: str
    activity_id: str
    title: str
    what: str
    """The change in words, labels in the reader's language, user text as typed."""


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    milestone: Milestone
    after: bool
    """True for milestones just after the period."""


@dataclass(slots=True)
class Report:
    lang: str
    alliance: str
    partners: tuple[str, ...]
    plan_name: str
    plan_start: date
    plan_end: date
    case_ref: str
    report_date: date
    as_of: date | None
    committee: str | None
    focus: str | None
    period: Period
    stale_days: int
    sections: list[FocusSection] = field(default_factory=list)
    changes: list[ChangeRow] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    after_until: date | None = None
    budget_name: str = ""
    budget: BudgetSummary | None = None
    plan: Plan | None = None

    @property
    def rows(self) -> list[ActivityRow]:
        return [row for s in self.sections for row in s.rows]

    @property
    def attention(self) -> list[ActivityRow]:
        return [r for r in self.rows if r.overdue or r.at_risk or r.stale]

    def scope_text(self, tr: Translator) -> str:
        parts = []
        if self.committee:
            parts.append(self.committee)
        if self.focus:
            parts.append(self.focus)
        return " · ".join(parts) if parts else tr.t("report.scope_all")


def _natural(activity_id: str) -> tuple[str, int, str]:
    prefix, _, number = activity_id.rpartition("-")
    return (prefix, int(number), "") if number.isdigit() else (activity_id, 0, activity_id)


def build_report(plan: Plan, tr: Translator, *, today: date, committee: str | None = None,
                 focus: str | None = None, since: date | None = None, period: Period | None = None,
                 as_of: date | None = None, stale_days: int = rules.STALE_DAYS) -> Report:
    """The report on ``plan`` for a committee and/or focus area (``None`` = all).

    ``as_of`` rebuilds the plan as it stood at the end of that day and judges it on that day.
    ``since`` reports changes from that day to the report day; ``period`` a fixed period; with
    neither, the half-year of the report day.
    """
    if as_of is not None:
        plan = plan_as_of(plan, as_of)
    judged_on = as_of or today
    committee_key = resolve_committee(plan, committee)
    focus_key = resolve_focus(plan, focus)
    if period is None and since is not None and since > judged_on:
        raise ValidationError("err.since_after_end", since=since.isoformat(),
                              end=judged_on.isoformat())
    if period is None:
        period = Period(since, judged_on) if since is not None else half_year(judged_on)

    def in_scope(record_committee: str, record_focus: str) -> bool:
        return ((committee_key is None or record_committee == committee_key)
                and (focus_key is None or record_focus == focus_key))

    info = plan.info
    report = Report(
        lang=tr.lang, alliance=tr.t("app.title"), partners=tuple(info.partners),
        plan_name=info.plan_name, plan_start=date.fromisoformat(info.period_start),
        plan_end=date.fromisoformat(info.period_end), case_ref=info.case_ref,
        report_date=today, as_of=as_of,
        committee=plan.committee_name(committee_key) if committee_key else None,
        focus=(area.name(tr.lang) if (area := plan.focus_area(focus_key)) else focus_key)
        if focus_key else None,
        period=period, stale_days=stale_days, plan=plan,
    )
    scoped = [a for a in plan.activities if in_scope(a.committee, a.focus)]
    report.sections = _focus_sections(plan, scoped, tr, judged_on, stale_days)
    report.changes = _change_rows(plan, tr, period, in_scope)
    ids = {a.id.upper() for a in scoped}
    report.after_until = add_months(period.end, AFTER_MONTHS)
    for m in rules.timeline(plan):
        if (committee_key or focus_key) and not any(x.upper() in ids for x in m.activities):
            continue
        overlaps = m.when.first_day <= period.end and m.when.last_day >= period.start
        after = period.end < m.when.first_day <= report.after_until
        if overlaps or after:
            report.milestones.append(MilestoneRow(m, after and not overlaps))
    report.budget_name = plan.budget.name
    report.budget = summarise(plan.budget, plan.pool, plan.expenses)
    return report


def _focus_sections(plan: Plan, scoped: list[Activity], tr: Translator, judged_on: date,
                    stale_days: int) -> list[FocusSection]:
    """The activities in scope by focus area (in the plan's order), each with its roll-up."""
    labels = {c.key: c.short or c.key for c in plan.committees}
    sections = []
    for area in sorted(plan.focus_areas, key=lambda f: f.order):
        members = sorted((a for a in scoped if a.focus == area.key), key=lambda a: _natural(a.id))
        if not members:
            continue
        name = area.name(tr.lang)
        rows = [ActivityRow(a, name, labels.get(a.committee, a.committee),
                            a.is_overdue(judged_on), a.is_at_risk(),
                            a.is_stale(judged_on, stale_days)) for a in members]
        sub = Plan(plan.info, plan.focus_areas, plan.committees, members, [], [], plan.budget,
                   plan.pool)
        sections.append(FocusSection(area.key, area.name(tr.lang), rules.rollup(sub, area.key), rows))
    return sections


_REPORTED_FIELDS = ("status", "assessment", "assessment_comment", "notes", "*")


def _change_rows(plan: Plan, tr: Translator, period: Period,
                 in_scope: Callable[[str, str], bool]) -> list[ChangeRow]:
    """Status, assessment and note changes (and activities created or deleted) in the period."""
    known: dict[str, dict[str, object]] = {}
    for c in plan.changes:
        if c.entity == "activity" and c.field == "*":
            record = c.new if isinstance(c.new, dict) else c.old
            if isinstance(record, dict):
                known[c.entity_id.upper()] = record
    for a in plan.activities:
        known[a.id.upper()] = {"title": a.title, "committee": a.committee, "focus": a.focus}
    out = []
    for c in changes_since(plan, period.start, until=period.end):
        if c.entity != "activity" or c.field not in _REPORTED_FIELDS:
            continue
        record = known.get(c.entity_id.upper(), {})
        if not in_scope(str(record.get("committee", "")), str(record.get("focus", ""))):
            continue
        out.append(ChangeRow(c.at.astimezone(PLAN_TZ), c.who, c.entity_id,
                             str(record.get("title", "")), describe_change(c, tr)))
    return out


def describe_change(c: Change, tr: Translator) -> str:
    """A change to an activity in words; labels translated, user text as typed."""
    undo = f" {tr.t('report.change.undone')}" if c.action == "undo" else ""
    if c.field == "*":
        key = "report.change.created" if c.new is not None and c.old is None else \
            "report.change.deleted"
        return tr.t(key) + undo
    if c.field == "status":
        return tr.t("report.change.status", old=_status(c.old, tr), new=_status(c.new, tr)) + undo
    if c.field == "assessment":
        return tr.t("report.change.assessment", old=tr.assessment(c.old),
                    new=tr.assessment(c.new)) + undo
    if c.field == "assessment_comment":
        return tr.t("report.change.comment", text=str(c.new or "–")) + undo
    if c.action == "undo":
        return tr.t("report.change.note_removed", text=str(c.old or ""))
    return tr.t("report.change.note", text=str(c.new or ""))


_STATUS_KEYS = {s.value for s in Status}


def _status(value: object, tr: Translator) -> str:
    if value in _STATUS_KEYS:
        return tr.t(f"status.{value}")
    return str(value) if value is not None else "–"
