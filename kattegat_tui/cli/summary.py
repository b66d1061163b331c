"""The plain-text status summary (`kattegat status`): no textual, just lines."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..domain import Activity, Change, Milestone, Plan, rules
from ..domain.budget import summarise
from ..i18n import Translator

STATUS_LIST_LIMIT = 20


def status_lines(plan: Plan, today: date, tr: Translator, stale_days: int = rules.STALE_DAYS,
                 limit: int | None = STATUS_LIST_LIMIT) -> list[str]:
    """The summary; each list of activities shows at most ``limit`` (None: all) and says how many
    more there are."""
    out = [tr.t("status.heading", date=tr.date(today)), ""]
    out.append(tr.t("status.progress"))
    for r in rules.rollups(plan):
        area = plan.focus_area(r.focus)
        name = area.name(tr.lang) if area else r.focus
        bar_len = 20
        filled = round(r.share_done * bar_len)
        bar = "█" * filled + "░" * (bar_len - filled)
        counts = ", ".join(f"{tr.status(s)} {n}" for s, n in r.counts.items() if n)
        worst = tr.t("status.worst", value=tr.assessment_cell(r.worst)) if r.worst else ""
        out.append(f"  {name:<32} {bar} {tr.t('status.done_of', done=r.done, total=r.active_total)}")
        out.append(f"  {'':<32} {counts}" + (f"; {worst}" if worst else ""))
    sections = [
        (tr.t("status.overdue"), rules.overdue(plan, today)),
        (tr.t("status.at_risk"), rules.at_risk(plan)),
        (tr.t("status.stale", days=stale_days), rules.stale(plan, today, stale_days)),
    ]
    for heading, items in sections:
        out += ["", f"{heading} ({len(items)})"]
        if not items:
            out.append(f"  {tr.t('status.none')}")
        shown = items if limit is None else items[:limit]
        width = max([8, *(len(a.id) for a in shown)])
        for a in shown:
            extra = f" – {tr.date_short(a.due)}" if a.due else ""
            assess = f" {tr.assessment_cell(a.assessment)}" if a.assessment else ""
            out.append(f"  {a.id:<{width}} {a.title}{extra} [{tr.status_cell(a.status)}]{assess}")
        if len(items) > len(shown):
            out.append(f"  {tr.t('status.more', n=tr.number(len(items) - len(shown)))}")
    out += ["", tr.t("status.next")]
    upcoming = rules.upcoming_milestones(plan, today)
    if not upcoming:
        out.append(f"  {tr.t('status.none')}")
    for m in upcoming:
        out.append(f"  {tr.fuzzy(m.when)} ({tr.relative_fuzzy(m.when, today)}): {m.title}")
    s = summarise(plan.budget, plan.pool, plan.expenses)
    out += ["", tr.t("status.budget"),
            f"  {tr.t('budget.estimate')}: {tr.money(s.estimate)} "
            f"({tr.t('budget.participants', n=plan.budget.planned_participants)})",
            f"  {tr.t('budget.cap')}: {tr.money(s.approved_cap)}",
            f"  {tr.t('budget.actual')}: {tr.money(s.actual)}",
            f"  {tr.t('budget.pool_remaining')}: {tr.money(s.pool_remaining)} "
            f"({tr.t('budget.pool_budget')} {tr.money(plan.pool.budget)})"]
    return out


def budget_lines(plan: Plan, participants: int, tr: Translator) -> list[str]:
    b = plan.budget
    width = max(len(line.name) for line in b.lines) + 2
    out = [b.name, tr.t("budget.participants", n=participants), ""]
    for line in b.lines:
        out.append(f"  {line.name:<{width}} {tr.money(line.estimate(participants)):>14}")
    out.append(f"  {tr.t('budget.total'):<{width}} {tr.money(b.estimate(participants)):>14}")
    out.append(f"  {tr.t('budget.per_person'):<{width}} {tr.money(b.per_person(participants)):>14}")
    out.append(f"  {tr.t('budget.cap'):<{width}} {tr.money(b.approved_cap):>14}")
    if b.exceeds_cap(participants):
        out.append("  ! " + tr.t("budget.over_cap",
                                 amount=tr.money(b.estimate(participants) - b.approved_cap)))
    else:
        out.append("  " + tr.t("budget.within_cap", n=b.max_participants_within_cap()))
    p = plan.pool
    actual = sum(e.amount for e in plan.expenses)
    out += ["", f"{tr.t('budget.pool')} {p.year}",
            f"  {tr.t('budget.pool_budget'):<{width}} {tr.money(p.budget):>14}",
            f"  {tr.t('budget.pool_used'):<{width}} {tr.money(p.used_before):>14}",
            f"  {tr.t('budget.pool_left_before'):<{width}} {tr.money(p.remaining_before_visit()):>14}",
            f"  {tr.t('budget.pool_reserved'):<{width}} {tr.money(p.reserved):>14}",
            f"  {tr.t('budget.actual'):<{width}} {tr.money(actual):>14}",
            f"  {tr.t('budget.pool_remaining'):<{width}} {tr.money(p.remaining(actual)):>14}"]
    return out


def _indent(text: str, prefix: str) -> str:
    """Every line of a multi-line text under the same indent."""
    return "\n".join(prefix + line for line in text.splitlines() or [""])


def _stamp(at: datetime | None) -> str:
    return f"{at.astimezone():%Y-%m-%d %H:%M}" if at else "–"


def activity_lines(plan: Plan, a: Activity, tr: Translator, today: date) -> list[str]:
    """`kattegat show`: the fields, description, notes (newest first), milestones and history."""
    area = plan.focus_area(a.focus)
    committee = plan.committee_name(a.committee)
    if a.committee_suggested:
        committee += f" ({tr.t('committee.suggested')})"
    due = tr.date(a.due)
    if a.is_overdue(today):
        due += f" ({tr.t('show.overdue')})"
    assessment = tr.assessment_cell(a.assessment)
    if a.assessment_comment:
        assessment += " – " + a.assessment_comment.replace("\n", " ")
    rows = [
        (tr.t("field.focus"), area.name(tr.lang) if area else a.focus),
        (tr.t("field.committee"), committee),
        (tr.t("field.owner"), a.owner or "–"),
        (tr.t("field.side"), tr.t(f"side.{a.side.value}")),
        (tr.t("field.start"), tr.date(a.start)),
        (tr.t("field.due"), due),
        (tr.t("field.status"), tr.status_cell(a.status)),
        (tr.t("field.assessment"), assessment),
        (tr.t("field.updated"), f"{_stamp(a.updated_at)} {a.updated_by}".strip()),
    ]
    width = max(len(label) for label, _ in rows) + 2
    out = [f"{a.id}  {a.title}", ""]
    out += [f"  {label + ':':<{width}} {value}" for label, value in rows]
    if a.description:
        out += ["", f"{tr.t('field.description')}:", _indent(a.description, "  ")]
    if a.notes:
        out += ["", f"{tr.t('field.notes')} ({len(a.notes)}):"]
        for n in reversed(a.notes):
            out.append(f"  {_stamp(n.at)}  {n.by}")
            out.append(_indent(n.text, "    "))
    linked = [m for m in rules.timeline(plan) if a.id in m.activities]
    if linked:
        out += ["", f"{tr.t('show.milestones')}:"]
        out += [f"  {m.id:<5} {tr.fuzzy(m.when)}: {m.title}" for m in linked]
    history = plan.changes_for(a.id)
    if history:
        out += ["", f"{tr.t('show.history')}:"]
        out += ["  " + change_line(plan, c, tr) for c in reversed(history)]
    return out


def change_line(plan: Plan, c: Change, tr: Translator) -> str:
    """One audit record in words: "2025-03-01 10:00  jkr  Status: Planlagt → I gang"."""
    head = f"{_stamp(c.at)}  {c.who}  "
    if c.action == "note":
        return head + f"{_capital(tr.t('action.note'))}: {_one_line(c.new)}"
    if c.field == "*" or c.action in ("create", "delete", "import"):
        return head + f"{tr.entity(c.entity)} {tr.t('action.' + c.action)}"
    if c.action == "undo" and c.field == "notes":
        return head + f"{tr.t('field.note')} {tr.t('action.undo')}: {_one_line(c.old)}"
    label = tr.t(f"field.{c.field}")
    text = f"{label}: {value_text(plan, c.field, c.old, tr)} → {value_text(plan, c.field, c.new, tr)}"
    if c.action == "undo":
        text += f" ({tr.t('action.undo')})"
    return head + text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _one_line(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def value_text(plan: Plan, field: str, value: Any, tr: Translator) -> str:
    """A stored value as people read it: labels for keys, local dates, names for committees."""
    if value is None or value == "":
        return "–"
    try:
        if field == "status":
            return tr.status(value)
        if field == "assessment":
            return tr.assessment(value)
        if field in ("start", "due"):
            return tr.date_short(date.fromisoformat(value))
        if field == "side":
            return tr.t(f"side.{value}")
    except (ValueError, TypeError):
        pass
    if field == "committee":
        return plan.committee_name(value)
    if field == "focus":
        area = plan.focus_area(value)
        return area.name(tr.lang) if area else str(value)
    if field == "editors" and isinstance(value, list):
        return ", ".join(str(x) for x in value) or "–"
    if isinstance(value, int) and not isinstance(value, bool) and field != "revision":
        return tr.number(value)
    return _one_line(value)


def milestone_line(m: Milestone, tr: Translator, today: date) -> str:
    mark = {"done": "✓", "cancelled": "✕"}.get(m.status.value, "·")
    when = tr.fuzzy(m.when)
    rel = tr.relative_fuzzy(m.when, today)
    return f"{m.id:<5} {mark} {when:<26} {rel:<20} {tr.t('kind.' + m.kind.value):<12} {m.title}"
