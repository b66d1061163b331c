"""FuzzyDate: a day, a month or a year, and day ranges such as 5-6 February 2025."""

from __future__ import annotations

from datetime import date

import pytest

from kattegat_tui.domain import FuzzyDate, Precision


def test_day() -> None:
    fd = FuzzyDate.day(date(2019, 10, 10))
    assert fd.precision is Precision.DAY
    assert (fd.first_day, fd.last_day) == (date(2019, 10, 10), date(2019, 10, 10))
    assert fd.end is None


def test_month_covers_the_whole_month() -> None:
    fd = FuzzyDate.month(2023, 6)
    assert fd.precision is Precision.MONTH
    assert (fd.first_day, fd.last_day) == (date(2023, 6, 1), date(2023, 6, 30))
    assert FuzzyDate.month(2024, 2).last_day == date(2024, 2, 29)  # leap year
    assert FuzzyDate.month(2025, 2).last_day == date(2025, 2, 28)
    assert FuzzyDate.month(2025, 12).last_day == date(2025, 12, 31)


def test_month_ignores_the_stored_day() -> None:
    fd = FuzzyDate(date(2023, 6, 17), Precision.MONTH)
    assert (fd.first_day, fd.last_day) == (date(2023, 6, 1), date(2023, 6, 30))


def test_year() -> None:
    fd = FuzzyDate.year(2028)
    assert (fd.first_day, fd.last_day) == (date(2028, 1, 1), date(2028, 12, 31))


def test_range() -> None:
    fd = FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6))
    assert (fd.first_day, fd.last_day) == (date(2025, 2, 5), date(2025, 2, 6))
    assert fd.contains(date(2025, 2, 6))
    assert not fd.contains(date(2025, 2, 7))


def test_only_day_precision_can_be_a_range() -> None:
    with pytest.raises(ValueError):
        FuzzyDate(date(2025, 2, 1), Precision.MONTH, date(2025, 3, 1))


def test_a_range_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        FuzzyDate.day(date(2025, 2, 6), date(2025, 2, 5))


@pytest.mark.parametrize(("fd", "today", "past"), [
    (FuzzyDate.day(date(2025, 2, 4)), date(2025, 2, 4), False),
    (FuzzyDate.day(date(2025, 2, 4)), date(2025, 2, 5), True),
    (FuzzyDate.month(2025, 4), date(2025, 4, 30), False),
    (FuzzyDate.month(2025, 4), date(2025, 5, 1), True),
    (FuzzyDate.day(date(2025, 5, 8), date(2025, 5, 9)), date(2025, 5, 9), False),
    (FuzzyDate.day(date(2025, 5, 8), date(2025, 5, 9)), date(2025, 5, 10), True),
    (FuzzyDate.year(2025), date(2025, 12, 31), False),
])
def test_is_past_only_after_the_last_day(fd: FuzzyDate, today: date, past: bool) -> None:
    assert fd.is_past(today) is past


@pytest.mark.parametrize("fd", [
    FuzzyDate.day(date(2019, 10, 10)),
    FuzzyDate.month(2023, 6),
    FuzzyDate.year(2019),
    FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6)),
])
def test_round_trip_through_iso_strings(fd: FuzzyDate) -> None:
    data = fd.to_dict()
    assert all(isinstance(v, str) for v in data.values())
    assert data["precision"] == fd.precision.value
    assert FuzzyDate.from_dict(data) == fd


def test_stored_form() -> None:
    assert FuzzyDate.month(2023, 6).to_dict() == {"start": "2023-06-01", "precision": "month"}
    assert FuzzyDate.day(date(2025, 5, 8), date(2025, 5, 9)).to_dict() == {
        "start": "2025-05-08", "precision": "day", "end": "2025-05-09"}
