"""The plain-text status summary (`kattegat status`): no textual, just lines."""

from __future__ import annotations

from datetime import date

from .domain import Plan, rules
from .domain.budget import summarise
from .i18n import Translator


def status_lines(plan: Plan, today: date, tr: Translator, stale_days: int = rules.STALE_DAYS,
                 ) -> list[str]:
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
        for a in items:
            extra = f" – {tr.date_short(a.due)}" if a.due else ""
            assess = f" {tr.assessment_cell(a.assessment)}" if a.assessment else ""
            out.append(f"  {a.id:<8} {a.title}{extra} [{tr.status_cell(a.status)}]{assess}")
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
