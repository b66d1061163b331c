"""Rules of follow-up: overdue, stale, at risk, roll-ups per focus area and what comes next."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .enums import Assessment, MilestoneStatus, Status
from .model import Activity, Milestone
from .plan import Plan

STALE_DAYS = 90


@dataclass(frozen=True, slots=True)
class Rollup:
    """Progress of one focus area."""

    focus: str
    total: int
    counts: dict[Status, int]
    worst: Assessment | None

    @property
    def done(self) -> int:
        return self.counts.get(Status.DONE, 0)

    @property
    def active_total(self) -> int:
        """Activities that count towards progress (cancelled ones do not)."""
        return self.total - self.counts.get(Status.CANCELLED, 0)

    @property
    def share_done(self) -> float:
        return self.done / self.active_total if self.active_total else 0.0


def worst_assessment(activities: list[Activity]) -> Assessment | None:
    """The most severe assessment among open activities (closed ones no longer carry risk)."""
    found = [a.assessment for a in activities if a.assessment and not a.status.is_closed]
    return max(found, key=lambda a: a.severity) if found else None


def rollup(plan: Plan, focus: str) -> Rollup:
    members = [a for a in plan.activities if a.focus == focus]
    counts = Counter(a.status for a in members)
    return Rollup(focus, len(members), {s: counts.get(s, 0) for s in Status},
                  worst_assessment(members))


def rollups(plan: Plan) -> list[Rollup]:
    order = sorted(plan.focus_areas, key=lambda f: f.order)
    return [rollup(plan, f.key) for f in order]


def overdue(plan: Plan, today: date) -> list[Activity]:
    return sorted((a for a in plan.activities if a.is_overdue(today)),
                  key=lambda a: (a.due or today, a.id))


def at_risk(plan: Plan) -> list[Activity]:
    return sorted((a for a in plan.activities if a.is_at_risk()),
                  key=lambda a: (-(a.assessment.severity if a.assessment else 0), a.id))


def stale(plan: Plan, today: date, days: int = STALE_DAYS) -> list[Activity]:
    return sorted((a for a in plan.activities if a.is_stale(today, days)),
                  key=lambda a: (a.updated_at.date() if a.updated_at else today, a.id))


@dataclass(frozen=True, slots=True)
class Attention:
    """An activity that needs attention, with every reason that applies."""

    activity: Activity
    overdue: bool
    at_risk: bool
    stale: bool


def attention(plan: Plan, today: date, days: int = STALE_DAYS) -> list[Attention]:
    """Overdue, red/yellow and stale activities, most urgent first."""
    out = []
    for a in plan.activities:
        flags = (a.is_overdue(today), a.is_at_risk(), a.is_stale(today, days))
        if any(flags):
            out.append(Attention(a, *flags))
    severity = {None: 0, Assessment.GREEN: 0, Assessment.YELLOW: 1, Assessment.RED: 2}
    out.sort(key=lambda x: (-severity[x.activity.assessment], not x.overdue, not x.at_risk,
                            x.activity.due or date.max, x.activity.id))
    return out


def upcoming_milestones(plan: Plan, today: date, limit: int = 5) -> list[Milestone]:
    """Milestones not yet passed (and not cancelled), soonest first."""
    future = [m for m in plan.milestones
              if m.status is not MilestoneStatus.CANCELLED and not m.when.is_past(today)]
    return sorted(future, key=lambda m: m.when.first_day)[:limit]


def timeline(plan: Plan) -> list[Milestone]:
    return sorted(plan.milestones, key=lambda m: (m.when.first_day, m.id))
