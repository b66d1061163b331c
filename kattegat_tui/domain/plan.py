"""The whole action plan as one value: what the store loads and the views and reports read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .budget import Expense, StrategicPool, VisitBudget
from .model import Activity, Change, Committee, Decision, FocusArea, Milestone


@dataclass(slots=True)
class PlanInfo:
    """Who the plan belongs to and which period it covers."""

    title: str = "Kattegatalliancen"
    plan_name: str = "Handleplan 2025-2028"
    period_start: str = "2025-01-01"
    period_end: str = "2028-12-31"
    case_ref: str = "25/555"
    partners: tuple[str, ...] = ("Norddjurs Kommune", "Halmstads kommun")

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "plan_name": self.plan_name,
                "period_start": self.period_start, "period_end": self.period_end,
                "case_ref": self.case_ref, "partners": list(self.partners)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanInfo:
        return cls(data.get("title", "Kattegatalliancen"),
                   data.get("plan_name", "Handleplan 2025-2028"),
                   data.get("period_start", "2025-01-01"), data.get("period_end", "2028-12-31"),
                   data.get("case_ref", "25/555"),
                   tuple(data.get("partners", ("Norddjurs Kommune", "Halmstads kommun"))))


@dataclass(slots=True)
class Plan:
    """Everything in one plan file."""

    info: PlanInfo
    focus_areas: list[FocusArea]
    committees: list[Committee]
    activities: list[Activity]
    milestones: list[Milestone]
    decisions: list[Decision]
    budget: VisitBudget
    pool: StrategicPool
    expenses: list[Expense] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)

    def activity(self, activity_id: str) -> Activity | None:
        key = activity_id.strip().upper()
        for activity in self.activities:
            if activity.id.upper() == key:
                return activity
        return None

    def milestone(self, milestone_id: str) -> Milestone | None:
        key = milestone_id.strip().upper()
        return next((m for m in self.milestones if m.id.upper() == key), None)

    def focus_area(self, key: str) -> FocusArea | None:
        return next((f for f in self.focus_areas if f.key == key), None)

    def committee(self, key: str) -> Committee | None:
        return next((c for c in self.committees if c.key == key), None)

    def committee_name(self, key: str) -> str:
        committee = self.committee(key)
        return committee.name if committee else key

    def changes_for(self, entity_id: str) -> list[Change]:
        return [c for c in self.changes if c.entity_id == entity_id]
