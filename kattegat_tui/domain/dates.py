"""Dates typed by people: ISO first, then day-first parsing with Danish and Swedish month names.

python-dateutil does the reading, but never alone: ``parse("2026-04-03", dayfirst=True)`` gives
4 March and ``parse("5")`` fills in the month and year from today, so ISO and year-first input is
read here, and anything that does not name a day, a month and a year is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from .fuzzy_date import FuzzyDate
from .validation import ValidationError

# Year first (ISO 8601, also with / or .) always means year-month-day; 20250206 is ISO basic.
_YEAR_FIRST = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY_ONLY = re.compile(r"^(\d{1,2})\.?$")
_DASH = re.compile(r"\s*[-–—]\s*")

_MONTHS = {
    # Danish
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # Swedish (where it differs)
    "januari": 1, "februari": 2, "mars": 3, "augusti": 8,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    # short forms (da, sv, en)
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
_WEEKDAYS = {
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    "måndag", "tisdag", "lördag", "söndag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "man", "tir", "ons", "tor", "fre", "lør", "søn", "mån", "tis", "lör", "sön",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
}
_FILLER = {"den", "d", "of", "the"}
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


class DateParseError(ValidationError):
    """A date that cannot be read. ``code`` names the reason in the i18n catalogs; ``str()`` is an
    English one-liner for logs."""

    _ENGLISH = {
        "err.date_empty": "no date given",
        "err.date_unreadable": "cannot read {value!r} as a date",
        "err.date_partial": "{value!r} is not a whole date (day, month and year are needed)",
        "err.date_invalid": "{value!r} is not a valid date",
        "err.date_range_order": "{value!r}: the range ends before it starts",
    }

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, **params)
        template = self._ENGLISH.get(code, code)
        try:
            self.args = (template.format(**params),)
        except (KeyError, IndexError, ValueError):
            self.args = (template,)

    def __str__(self) -> str:
        return str(self.args[0])


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in Danish, Swedish or English, else None."""
    return _MONTHS.get(word.strip(".").lower())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _valid(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError("err.date_invalid", value=text) from None


def _day_first(text: str) -> date:
    """A day-first date in any of the accepted forms, or DateParseError."""
    tokens = _tokens(text)
    numbers = [t for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit()]
    months = [w for w in words if month_number(w)]
    others = [w for w in words if not month_number(w) and w.lower() not in _WEEKDAYS | _FILLER]
    if others or len(months) > 1:
        raise DateParseError("err.date_unreadable", value=text)
    needed = 2 if months else 3
    if len(numbers) < needed:
        raise DateParseError("err.date_partial", value=text)
    if len(numbers) > needed:
        raise DateParseError("err.date_unreadable", value=text)
    if any(len(n) not in (1, 2, 4) for n in numbers):
        raise DateParseError("err.date_unreadable", value=text)
    if months:
        # Hand dateutil English month names; it knows neither Danish nor Swedish.
        month = month_number(months[0]) or 1
        cleaned = f"{numbers[0]} {_MONTH_EN[month - 1]} {numbers[1]}"
        if tokens[0] == months[0]:  # "February 6, 2025"
            cleaned = f"{_MONTH_EN[month - 1]} {numbers[0]} {numbers[1]}"
        elif len(numbers[0]) == 4:  # "2025 February 6"
            cleaned = f"{numbers[1]} {_MONTH_EN[month - 1]} {numbers[0]}"
    elif len(numbers[0]) == 4:  # "2025 2 6": year first is always year-month-day
        return _valid(text, int(numbers[0]), int(numbers[1]), int(numbers[2]))
    elif len(numbers[0]) > 2 or len(numbers[1]) > 2:
        raise DateParseError("err.date_unreadable", value=text)
    else:
        cleaned = " ".join(numbers)
    from dateutil import parser as date_parser  # ~30 ms; ISO input never needs it

    try:
        first = date_parser.parse(cleaned, dayfirst=True, default=datetime(1904, 1, 1))
        second = date_parser.parse(cleaned, dayfirst=True, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError):
        raise DateParseError("err.date_invalid", value=text) from None
    if first.date() != second.date():
        raise DateParseError("err.date_partial", value=text)
    day: date = first.date()
    return day


def parse_user_date(text: str) -> date:
    """A whole day typed by a person: ``2025-02-06``, ``6-2-2025``, ``6/2 2025``, ``6. februar 2025``,
    ``6 februari 2025`` or ``February 6, 2025``. ISO (year first) always means ISO; a partial date
    (``5``, ``feb 2025``) is refused."""
    if text is None or not str(text).strip():
        raise DateParseError("err.date_empty")
    raw = str(text).strip()
    m = _YEAR_FIRST.match(raw)
    if m:
        return _valid(raw, int(m.group(1)), int(m.group(3)), int(m.group(4)))
    m = _ISO_BASIC.match(raw)
    if m:
        return _valid(raw, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if _ISO_MONTH.match(raw) or _YEAR.match(raw):
        raise DateParseError("err.date_partial", value=raw)
    return _day_first(raw)


def parse_optional_date(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    return parse_user_date(text)


def _month_only(raw: str) -> FuzzyDate | None:
    """``juni 2023``, ``June 2023``, ``2023-06``: a month, or None if it is not one."""
    m = _ISO_MONTH.match(raw)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise DateParseError("err.date_invalid", value=raw)
        return FuzzyDate.month(year, month)
    tokens = _tokens(raw)
    if len(tokens) == 2:
        word, year_text = tokens
        if year_text.isdigit() and len(year_text) == 4 and month_number(word):
            return FuzzyDate.month(int(year_text), month_number(word) or 1)
        if word.isdigit() and len(word) == 4 and month_number(year_text):
            return FuzzyDate.month(int(word), month_number(year_text) or 1)
    return None


def _range(raw: str) -> FuzzyDate | None:
    """A day range: ``5.-6. februar 2025``, ``5-6 feb 2025``, ``30. april-2. maj 2025``,
    ``2025-02-05 - 2025-02-06``; the start takes what it leaves out (month, year) from the end."""
    for sep in _DASH.finditer(raw):
        left, right = raw[:sep.start()].strip(), raw[sep.end():].strip()
        if not left or not right:
            continue
        try:
            end = parse_user_date(right)
        except DateParseError:
            continue
        day_only = _DAY_ONLY.match(left)
        try:
            if day_only:
                start = _valid(raw, end.year, end.month, int(day_only.group(1)))
            else:
                try:
                    start = parse_user_date(left)
                except DateParseError as exc:
                    if exc.code != "err.date_partial":
                        continue
                    start = parse_user_date(f"{left} {end.year}")
        except DateParseError:
            continue
        if end < start:
            raise DateParseError("err.date_range_order", value=raw)
        return FuzzyDate.day(start, end if end != start else None)
    return None


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """A milestone date: a day, a day range (``5.-6. februar 2025``, ``2025-02-05..2025-02-06``),
    a month (``juni 2023``, ``2023-06``) or a year (``2019``)."""
    if text is None or not str(text).strip():
        raise DateParseError("err.date_empty")
    raw = str(text).strip()
    if ".." in raw:
        a, b = raw.split("..", 1)
        start, end = parse_user_date(a), parse_user_date(b)
        if end < start:
            raise DateParseError("err.date_range_order", value=raw)
        return FuzzyDate.day(start, end if end != start else None)
    if _YEAR.match(raw):
        return FuzzyDate.year(int(raw))
    month = _month_only(raw)
    if month is not None:
        return month
    try:
        return FuzzyDate.day(parse_user_date(raw))
    except DateParseError as exc:
        failure = exc
    span = _range(raw)
    if span is not None:
        return span
    raise failure
