"""Dates that carry their precision ("juni 2023" is a month) and may be a range (5.-6. februar 2025)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .enums import Precision


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date known to a day, a month or a year; optionally a day range ending at ``end``."""

    start: date
    precision: Precision = Precision.DAY
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None:
            if self.precision is not Precision.DAY:
                raise ValueError("only day-precision dates can be ranges")
            if self.end < self.start:
                raise ValueError("a range cannot end before it starts")

    @property
    def first_day(self) -> date:
        """The earliest day the date can mean."""
        if self.precision is Precision.YEAR:
            return date(self.start.year, 1, 1)
        if self.precision is Precision.MONTH:
            return date(self.start.year, self.start.month, 1)
        return self.start

    @property
    def last_day(self) -> date:
        """The latest day the date can mean."""
        if self.precision is Precision.YEAR:
            return date(self.start.year, 12, 31)
        if self.precision is Precision.MONTH:
            days = calendar.monthrange(self.start.year, self.start.month)[1]
            return date(self.start.year, self.start.month, days)
        return self.end or self.start

    def is_past(self, today: date) -> bool:
        return self.last_day < today

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def to_dict(self) -> dict[str, str]:
        out = {"start": self.start.isoformat(), "precision": self.precision.value}
        if self.end is not None:
            out["end"] = self.end.isoformat()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> FuzzyDate:
        end = data.get("end")
        return cls(
            start=date.fromisoformat(data["start"]),
            precision=Precision(data.get("precision") or "day"),
            end=date.fromisoformat(end) if end else None,
        )

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        return cls(date(year, month, 1), Precision.MONTH)

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        return cls(date(year, 1, 1), Precision.YEAR)

    @classmethod
    def day(cls, d: date, end: date | None = None) -> FuzzyDate:
        return cls(d, Precision.DAY, end)
