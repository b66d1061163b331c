"""The closed vocabularies of the action plan: data keys stay English, labels live in i18n."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self._value_ in _CLOSED  # called for every activity on every redraw: kept cheap


_CLOSED = frozenset({"done", "cancelled"})


class Assessment(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def severity(self) -> int:
        return {"green": 0, "yellow": 1, "red": 2}[self.value]

    @property
    def needs_comment(self) -> bool:
        return self is not Assessment.GREEN


class Side(StrEnum):
    NORDDJURS = "norddjurs"
    HALMSTAD = "halmstad"
    JOINT = "joint"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class MilestoneKind(StrEnum):
    SIGNING = "signing"
    VISIT = "visit"
    MEETING = "meeting"
    DECISION = "decision"
    DEADLINE = "deadline"


class MilestoneStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
