"""Dates typed by people: ISO is always ISO, otherwise day first; partial dates are refused."""

from __future__ import annotations

from datetime import date

import pytest

from kattegat_tui.domain import FuzzyDate, Precision, ValidationError
from kattegat_tui.domain.dates import (
    DateParseError,
    parse_fuzzy_date,
    parse_optional_date,
    parse_user_date,
)
from kattegat_tui.i18n import Translator

FEB6 = date(2025, 2, 6)


@pytest.mark.parametrize("text", [
    "2025-02-06",
    "2025-2-6",
    "6-2-2025",
    "06-02-2025",
    "6/2 2025",
    "6/2/2025",
    "6/2/25",
    "6.2.2025",
    "06.02.2025",
    "6. februar 2025",
    "6. feb. 2025",
    "6 februari 2025",
    "February 6, 2025",
    "6 February 2025",
    "6 Feb 2025",
    "torsdag den 6. februar 2025",
    "  6. Februar 2025  ",
    "20250206",
    "2025/02/06",
    "2025.02.06",
    "2025 2 6",
])
def test_forms_of_the_sixth_of_february(text: str) -> None:
    assert parse_user_date(text) == FEB6


@pytest.mark.parametrize(("text", "expected"), [
    # dateutil 4.0 with dayfirst=True reads "2026-04-03" as 4 March: ISO must win.
    ("2026-04-03", date(2026, 4, 3)),
    ("2026-12-01", date(2026, 12, 1)),
    ("2026/04/03", date(2026, 4, 3)),
    ("20260403", date(2026, 4, 3)),
    # day first otherwise
    ("3-4-2026", date(2026, 4, 3)),
    ("3/4 2026", date(2026, 4, 3)),
    ("12-1-2026", date(2026, 1, 12)),
    ("13-1-2026", date(2026, 1, 13)),
    # Danish and Swedish month names dateutil does not know
    ("6. marts 2025", date(2025, 3, 6)),
    ("6 mars 2025", date(2025, 3, 6)),
    ("8. maj 2025", date(2025, 5, 8)),
    ("10. oktober 2019", date(2019, 10, 10)),
    ("6 okt 2025", date(2025, 10, 6)),
    ("31 augusti 2025", date(2025, 8, 31)),
    ("1. januar 2026", date(2026, 1, 1)),
    ("1 januari 2026", date(2026, 1, 1)),
    ("29. februar 2024", date(2024, 2, 29)),
])
def test_parse_user_date(text: str, expected: date) -> None:
    assert parse_user_date(text) == expected


@pytest.mark.parametrize(("text", "code"), [
    # dateutil silently fills in the missing parts from a default: refused
    ("5", "err.date_partial"),
    ("6 feb", "err.date_partial"),
    ("6. februar", "err.date_partial"),
    ("feb 2025", "err.date_partial"),
    ("juni 2023", "err.date_partial"),
    ("2025-02", "err.date_partial"),
    ("2025", "err.date_partial"),
    ("6/2", "err.date_partial"),
    # not a date at all
    ("", "err.date_empty"),
    ("   ", "err.date_empty"),
    ("tomorrow", "err.date_unreadable"),
    ("i morgen", "err.date_unreadable"),
    ("6 smørrebrød 2025", "err.date_unreadable"),
    ("6-2-2025 12:00", "err.date_unreadable"),
    ("5.-6. februar 2025", "err.date_unreadable"),  # a range is not one day
    ("6 2025 2", "err.date_unreadable"),
    # impossible days
    ("2025-13-01", "err.date_invalid"),
    ("2025-02-30", "err.date_invalid"),
    ("30-2-2025", "err.date_invalid"),
    ("29. februar 2025", "err.date_invalid"),
    ("32/1 2025", "err.date_invalid"),
])
def test_refused(text: str, code: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_user_date(text)
    assert info.value.code == code


def test_errors_are_validation_errors_with_a_message_in_each_language() -> None:
    with pytest.raises(ValidationError) as info:
        parse_user_date("5")
    assert str(info.value) == "'5' is not a whole date (day, month and year are needed)"
    assert Translator("da").error(info.value) == "'5' er ikke en hel dato (dag, måned og år skal med)"
    assert Translator("sv").error(info.value) == "'5' är inte ett helt datum (dag, månad och år behövs)"


def test_optional_date() -> None:
    assert parse_optional_date(None) is None
    assert parse_optional_date("  ") is None
    assert parse_optional_date("6/2 2025") == FEB6


@pytest.mark.parametrize(("text", "start", "precision", "end"), [
    ("2019-10-10", date(2019, 10, 10), Precision.DAY, None),
    ("10. oktober 2019", date(2019, 10, 10), Precision.DAY, None),
    ("6-2-2025", FEB6, Precision.DAY, None),  # a day, not the range 6 to 2-2025
    ("juni 2023", date(2023, 6, 1), Precision.MONTH, None),
    ("Juni 2023", date(2023, 6, 1), Precision.MONTH, None),
    ("June 2023", date(2023, 6, 1), Precision.MONTH, None),
    ("augusti 2023", date(2023, 8, 1), Precision.MONTH, None),
    ("2023-06", date(2023, 6, 1), Precision.MONTH, None),
    ("2019", date(2019, 1, 1), Precision.YEAR, None),
    ("5.-6. februar 2025", date(2025, 2, 5), Precision.DAY, date(2025, 2, 6)),
    ("5-6 februari 2025", date(2025, 2, 5), Precision.DAY, date(2025, 2, 6)),
    ("5-6 February 2025", date(2025, 2, 5), Precision.DAY, date(2025, 2, 6)),
    ("5. - 6. feb 2025", date(2025, 2, 5), Precision.DAY, date(2025, 2, 6)),
    ("8.-9. maj 2025", date(2025, 5, 8), Precision.DAY, date(2025, 5, 9)),
    ("2025-02-05..2025-02-06", date(2025, 2, 5), Precision.DAY, date(2025, 2, 6)),
    ("2025-02-05 - 2025-02-06", date(2025, 2, 5), Precision.DAY, date(2025, 2, 6)),
    ("30. april-2. maj 2025", date(2025, 4, 30), Precision.DAY, date(2025, 5, 2)),
    ("30. december 2025-2. januar 2026", date(2025, 12, 30), Precision.DAY, date(2026, 1, 2)),
])
def test_parse_fuzzy_date(text: str, start: date, precision: Precision, end: date | None) -> None:
    assert parse_fuzzy_date(text) == FuzzyDate(start, precision, end)


@pytest.mark.parametrize(("text", "code"), [
    ("", "err.date_empty"),
    ("5", "err.date_partial"),
    ("6. februar", "err.date_partial"),
    ("2023-13", "err.date_invalid"),
    ("6-5 feb 2025", "err.date_range_order"),
    ("2025-02-06..2025-02-05", "err.date_range_order"),
    ("snart", "err.date_unreadable"),
])
def test_parse_fuzzy_date_refuses(text: str, code: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_fuzzy_date(text)
    assert info.value.code == code


@pytest.mark.parametrize("lang", ["da", "sv", "en"])
@pytest.mark.parametrize("fd", [
    FuzzyDate.day(date(2019, 10, 10)),
    FuzzyDate.month(2023, 6),
    FuzzyDate.year(2028),
    FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6)),
    FuzzyDate.day(date(2025, 4, 30), date(2025, 5, 2)),
    FuzzyDate.day(date(2025, 12, 30), date(2026, 1, 2)),
])
def test_what_the_app_prints_reads_back_the_same(lang: str, fd: FuzzyDate) -> None:
    assert parse_fuzzy_date(Translator(lang).fuzzy(fd)) == fd


@pytest.mark.parametrize("lang", ["da", "sv", "en"])
def test_printed_days_read_back(lang: str) -> None:
    tr = Translator(lang)
    for d in (FEB6, date(2025, 12, 31), date(2026, 4, 3), date(2024, 2, 29)):
        assert parse_user_date(tr.date(d)) == d
        assert parse_user_date(tr.date_short(d)) == d
