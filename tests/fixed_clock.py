"""The tests' clock and "now": one class for the ``clock`` fixture (tests/conftest.py) and the
dashboard tests' stores (tests/ui/dashboard_helpers.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

TEST_NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class FixedClock:
    """A clock for ``Store(clock=...)``: returns ``now`` (aware UTC), advancing by ``step`` per call."""

    def __init__(self, now: datetime = TEST_NOW, step: timedelta = timedelta(0)) -> None:
        self.now = now
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now = current + self.step
        return current

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
