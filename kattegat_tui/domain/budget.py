"""The return visit's budget and the strategic pool that pays for it. Money is whole kroner (int)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """A budget line with a fixed part and a part per participant."""

    key: str
    name: str
    fixed: int = 0
    per_participant: int = 0

    def estimate(self, participants: int) -> int:
        return self.fixed + self.per_participant * participants

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "fixed": self.fixed,
                "per_participant": self.per_participant}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BudgetLine:
        return cls(data["key"], data["name"], int(data.get("fixed") or 0),
                   int(data.get("per_participant") or 0))


@dataclass(frozen=True, slots=True)
class Expense:
    """An actual expense booked against a budget line."""

    id: int
    spent_on: date
    line: str
    amount: int
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "spent_on": self.spent_on.isoformat(), "line": self.line,
                "amount": self.amount, "note": self.note}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Expense:
        return cls(int(data["id"]), date.fromisoformat(data["spent_on"]), data["line"],
                   int(data["amount"]), data.get("note") or "")


@dataclass(frozen=True, slots=True)
class LineStatus:
    """Estimate against actual for one line."""

    line: BudgetLine
    estimate: int
    actual: int

    @property
    def variance(self) -> int:
        """Positive when spending is over the estimate."""
        return self.actual - self.estimate


@dataclass(frozen=True, slots=True)
class VisitBudget:
    """The return visit's budget: lines, planned participants and the approved cap."""

    name: str
    lines: tuple[BudgetLine, ...]
    planned_participants: int
    approved_cap: int
    case_ref: str = ""

    def estimate(self, participants: int | None = None) -> int:
        n = self.planned_participants if participants is None else participants
        return sum(line.estimate(n) for line in self.lines)

    def per_person(self, participants: int | None = None) -> int:
        """Estimate per participant, rounded to whole kroner (half up)."""
        n = self.planned_participants if participants is None else participants
        if n <= 0:
            return 0
        return (2 * self.estimate(n) + n) // (2 * n)

    def exceeds_cap(self, participants: int | None = None) -> bool:
        return self.estimate(participants) > self.approved_cap

    def max_participants_within_cap(self) -> int:
        """The largest number of participants whose estimate stays within the approved cap."""
        per = sum(line.per_participant for line in self.lines)
        fixed = sum(line.fixed for line in self.lines)
        if per <= 0:
            return 10**6 if fixed <= self.approved_cap else 0
        return max(0, (self.approved_cap - fixed) // per)

    def line_status(self, expenses: list[Expense],
                    participants: int | None = None) -> list[LineStatus]:
        n = self.planned_participants if participants is None else participants
        actual: dict[str, int] = {}
        for expense in expenses:
            actual[expense.line] = actual.get(expense.line, 0) + expense.amount
        return [LineStatus(line, line.estimate(n), actual.get(line.key, 0)) for line in self.lines]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "lines": [line.to_dict() for line in self.lines],
                "planned_participants": self.planned_participants,
                "approved_cap": self.approved_cap, "case_ref": self.case_ref}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VisitBudget:
        return cls(data["name"], tuple(BudgetLine.from_dict(x) for x in data["lines"]),
                   int(data["planned_participants"]), int(data["approved_cap"]),
                   data.get("case_ref") or "")


@dataclass(frozen=True, slots=True)
class StrategicPool:
    """Økonomiudvalget's strategic pool for a year."""

    name: str
    year: int
    budget: int
    used_before: int
    reserved: int

    def remaining_before_visit(self) -> int:
        return self.budget - self.used_before

    def remaining(self, actual_visit_spend: int = 0) -> int:
        """What is left once the visit's reservation (or its actual cost, if higher) is drawn."""
        return self.budget - self.used_before - max(self.reserved, actual_visit_spend)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "year": self.year, "budget": self.budget,
                "used_before": self.used_before, "reserved": self.reserved}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StrategicPool:
        return cls(data["name"], int(data["year"]), int(data["budget"]),
                   int(data["used_before"]), int(data["reserved"]))


@dataclass(frozen=True, slots=True)
class BudgetSummary:
    """The budget at a glance."""

    estimate: int
    approved_cap: int
    actual: int
    pool_remaining: int
    lines: list[LineStatus] = field(default_factory=list)

    @property
    def variance(self) -> int:
        return self.actual - self.estimate


def summarise(budget: VisitBudget, pool: StrategicPool, expenses: list[Expense],
              participants: int | None = None) -> BudgetSummary:
    actual = sum(e.amount for e in expenses)
    return BudgetSummary(
        estimate=budget.estimate(participants),
        approved_cap=budget.approved_cap,
        actual=actual,
        pool_remaining=pool.remaining(actual),
        lines=budget.line_status(expenses, participants),
    )
