"""Medians, percentiles and the result rows the report prints."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100): a value that was actually measured."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Target:
    """``value <= limit`` where value is the row's median (``on="median"``) or its ratio."""

    limit: float
    on: str = "median"  # "median" | "ratio" | "p95"

    def describe(self, unit: str) -> str:
        if self.on == "ratio":
            return f"<= {self.limit:g}x"
        return f"<= {self.limit:g} {unit}" + (" (p95)" if self.on == "p95" else "")

    def met(self, row: Row) -> bool | None:
        value = {"median": row.median, "ratio": row.ratio, "p95": row.p95}[self.on]
        return None if value is None else value <= self.limit


@dataclass
class Row:
    section: str
    subject: str
    unit: str = "ms"
    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU ms the program used, same runs
    ratio_to: Row | None = None
    target: Target | None = None
    show_p95: bool = False
    note: str = ""
    na: str = ""  # why there is no figure

    @property
    def runs(self) -> int:
        return len(self.samples)

    @property
    def median(self) -> float | None:
        return median(self.samples)

    @property
    def p95(self) -> float | None:
        return percentile(self.samples, 95) if self.show_p95 else None

    @property
    def ratio(self) -> float | None:
        if self.ratio_to is None or self.median is None or not self.ratio_to.median:
            return None
        return self.median / self.ratio_to.median

    @property
    def cpu_median(self) -> float | None:
        return median(self.cpu)

    @property
    def cpu_ratio(self) -> float | None:
        if self.ratio_to is None or self.cpu_median is None or not self.ratio_to.cpu_median:
            return None
        return self.cpu_median / self.ratio_to.cpu_median

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        if self.na or not self.samples:
            return "n/a"
        met = self.target.met(self)
        if met is None:
            return "n/a"
        if met:
            return "met"
        value = {"median": self.median, "ratio": self.ratio, "p95": self.p95}[self.target.on]
        assert value is not None
        return f"MISSED by {(value / self.target.limit - 1) * 100:.0f}%"
