"""Wording shared by every report format: the header facts, cells in words, the tables' rows.

Returns plain text (labels translated, user text as typed); each format escapes it itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..domain import Note, Status
from ..domain.history import PLAN_TZ
from ..i18n import Translator
from .model import ActivityRow, FocusSection, MilestoneRow, Report


def stamp(at: datetime, tr: Translator | None = None) -> str:
    """A moment in the plan's time zone: "06-02-2025 14:05" (da), "2025-02-06 14:05" (sv, en, or
    without a translator)."""
    local = at.astimezone(PLAN_TZ) if at.tzinfo else at
    day = tr.date_short(local.date()) if tr else local.date().isoformat()
    return f"{day} {local:%H:%M}"


# Line breaks, tabs and runs of spaces; a no-break space (Swedish amounts: "102 000 kr") stays.
_LOOSE_SPACE = re.compile("[ \t\n\r\f\v\x85\u2028\u2029]{2,}|[\t\n\r\f\v\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """Multi-line user text in one table cell: line breaks and runs of white space become one space."""
    return _LOOSE_SPACE.sub(" ", text).strip(" ")


def percent(section: FocusSection) -> int:
    return round(section.rollup.share_done * 100)


def header_facts(r: Report, tr: Translator) -> list[tuple[str, str]]:
    """(label, value) pairs for the report's header."""
    facts = [
        (tr.t("report.alliance"), r.alliance),
        (tr.t("report.partners"), ", ".join(r.partners)),
        (tr.t("report.plan"), r.plan_name),
        (tr.t("report.plan_period"),
         tr.t("report.range", start=tr.date(r.plan_start), end=tr.date(r.plan_end))),
        (tr.t("field.case_ref"), r.case_ref),
        (tr.t("report.date"), tr.date(r.report_date)),
    ]
    if r.as_of is not None:
        facts.append((tr.t("report.as_of"), tr.date(r.as_of)))
    facts += [
        (tr.t("report.scope"), r.scope_text(tr)),
        (tr.t("report.period"), period_text(r, tr)),
    ]
    return facts


def period_text(r: Report, tr: Translator) -> str:
    text = tr.t("report.range", start=tr.date(r.period.start), end=tr.date(r.period.end))
    return f"{r.period.label} ({text})" if r.period.label else text


def changes_heading(r: Report, tr: Translator) -> str:
    if r.period.label:
        return f"{tr.t('report.changes')}: {r.period.label}"
    return tr.t("report.changes_since", date=tr.date(r.period.start))


def summary_line(section: FocusSection, tr: Translator) -> str:
    roll = section.rollup
    text = tr.t("report.focus_summary", done=roll.done, total=roll.active_total, pct=percent(section))
    return f"{text} · {tr.t('report.worst')}: {tr.assessment(roll.worst)}"


PROGRESS_STATUSES = tuple(Status)


def progress_header(tr: Translator) -> list[str]:
    return ([tr.t("field.focus"), tr.t("field.activities")]
            + [tr.status(s) for s in PROGRESS_STATUSES]
            + [tr.t("report.share_done"), tr.t("report.worst")])


def progress_row(section: FocusSection, tr: Translator) -> list[str]:
    roll = section.rollup
    return ([section.name, str(roll.total)] + [str(roll.counts.get(s, 0)) for s in PROGRESS_STATUSES]
            + [tr.t("report.percent", pct=percent(section)), tr.assessment_cell(roll.worst)])


@dataclass(frozen=True, slots=True)
class ActivityCells:
    """One activity's cells, in words."""

    id: str
    title: str
    committee: str
    status: str
    assessment: str
    comment: str
    owner: str
    due: str
    latest_note: str
    flags: str


def note_text(note: Note | None, tr: Translator) -> str:
    if note is None:
        return "–"
    return f"{stamp(note.at, tr)} {note.by}: {one_line(note.text)}"


def activity_cells(row: ActivityRow, r: Report, tr: Translator) -> ActivityCells:
    a = row.activity
    return ActivityCells(
        id=a.id, title=a.title, committee=row.committee, status=tr.status_cell(a.status),
        assessment=tr.assessment_cell(a.assessment), comment=one_line(a.assessment_comment),
        owner=a.owner or "–", due=tr.date_short(a.due), latest_note=note_text(a.latest_note, tr),
        flags=", ".join(row.flags(tr, r.stale_days)) or "–",
    )


def activity_header(tr: Translator) -> list[str]:
    return [tr.t("field.id"), tr.t("report.activity"), tr.t("field.committee"),
            tr.t("field.status"), tr.t("field.assessment"), tr.t("field.owner"), tr.t("field.due"),
            tr.t("report.latest_note"), tr.t("report.flags")]


def milestone_header(tr: Translator) -> list[str]:
    return [tr.t("field.when"), tr.t("report.milestone"), tr.t("field.kind"), tr.t("field.status"),
            tr.t("report.timing")]


def milestone_cells(row: MilestoneRow, tr: Translator) -> list[str]:
    m = row.milestone
    timing = tr.t("report.after_period") if row.after else tr.t("report.in_period")
    return [tr.fuzzy(m.when), f"{m.id} {m.title}", tr.t(f"kind.{m.kind.value}"),
            tr.t(f"mstatus.{m.status.value}"), timing]


def budget_header(tr: Translator) -> list[str]:
    return [tr.t("budget.line"), tr.t("budget.estimate"), tr.t("budget.actual"),
            tr.t("budget.variance")]


def budget_rows(r: Report, tr: Translator) -> list[list[str]]:
    """Per line, then the total (last row)."""
    s = r.budget
    if s is None:
        return []
    rows = [[x.line.name, tr.money(x.estimate), tr.money(x.actual), tr.money(x.variance)]
            for x in s.lines]
    rows.append([tr.t("budget.total"), tr.money(s.estimate), tr.money(s.actual),
                 tr.money(s.variance)])
    return rows


def key_figures(r: Report, tr: Translator) -> list[tuple[str, str]]:
    plan = r.plan
    s = r.budget
    if plan is None or s is None:
        return []
    b = plan.budget
    cap_note = (tr.t("budget.over_cap", amount=tr.money(s.estimate - s.approved_cap))
                if s.estimate > s.approved_cap
                else tr.t("budget.within_cap", n=b.max_participants_within_cap()))
    return [
        (tr.t("field.planned_participants"), str(b.planned_participants)),
        (tr.t("budget.per_person"), tr.money(b.per_person())),
        (tr.t("budget.cap"), f"{tr.money(s.approved_cap)} – {cap_note}"),
    ]


def pool_rows(r: Report, tr: Translator) -> list[tuple[str, str]]:
    plan = r.plan
    s = r.budget
    if plan is None or s is None:
        return []
    p = plan.pool
    return [
        (tr.t("budget.pool_budget"), tr.money(p.budget)),
        (tr.t("budget.pool_used"), tr.money(p.used_before)),
        (tr.t("budget.pool_left_before"), tr.money(p.remaining_before_visit())),
        (tr.t("budget.pool_reserved"), tr.money(p.reserved)),
        (tr.t("budget.actual"), tr.money(s.actual)),
        (tr.t("budget.pool_remaining"), tr.money(s.pool_remaining)),
    ]


def pool_caption(r: Report, tr: Translator) -> str:
    plan = r.plan
    if plan is None:
        return tr.t("budget.pool")
    return tr.t("report.pool_caption", name=plan.pool.name, year=plan.pool.year)
