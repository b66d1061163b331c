"""Dates typed by people: ISO first, then day-first parsing with Danish and Swedish month names."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as date_parser

from .enums import Precision
from .fuzzy_date import FuzzyDate

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_RANGE = re.compile(r"^\s*(\d{1,2})\.?\s*[-–]\s*(.+)$")

_MONTHS = {
    # Danish
    "januar": "January", "februar": "February", "marts": "March", "april": "April",
    "maj": "May", "juni": "June", "juli": "July", "august": "August",
    "september": "September", "oktober": "October", "november": "November",
    "december": "December",
    # Swedish (where it differs)
    "januari": "January", "februari": "February", "mars": "March", "augusti": "August",
    # short forms
    "jan": "Jan", "feb": "Feb", "mar": "Mar", "apr": "Apr", "jun": "Jun", "jul": "Jul",
    "aug": "Aug", "sep": "Sep", "sept": "Sep", "okt": "Oct", "nov": "Nov", "dec": "Dec",
}
_WORD = re.compile(r"[A-Za-zæøåÆØÅäöÄÖ]+")


class DateParseError(ValueError):
    """A date that cannot be read; the message says why."""


def _translate_months(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return _MONTHS.get(word.lower(), word)

    # "6. februar 2025" -> "6 February 2025"
    text = re.sub(r"(\d)\.(?=\s)", r"\1", text)
    return _WORD.sub(swap, text)


def _strict_parse(text: str) -> datetime:
    """Parse day-first and refuse anything where a part was filled in from a default."""
    cleaned = _translate_months(text.strip())
    try:
        first = date_parser.parse(cleaned, dayfirst=True, default=datetime(1904, 1, 1))
        second = date_parser.parse(cleaned, dayfirst=True, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError) as exc:
        raise DateParseError(f"cannot read {text!r} as a date") from exc
    if first.date() != second.date():
        raise DateParseError(f"{text!r} is not a whole date (day, month and year are needed)")
    result: datetime = first
    return result


def parse_user_date(text: str) -> date:
    """A whole day typed by a person: ``2025-02-06``, ``6-2-2025``, ``6/2 2025``, ``6. februar 2025``,
    ``6 februari 2025`` or ``February 6, 2025``. ISO always means ISO."""
    if not text or not text.strip():
        raise DateParseError("no date given")
    iso = _ISO.match(text)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError as exc:
            raise DateParseError(f"{text!r} is not a valid date: {exc}") from exc
    return _strict_parse(text).date()


def parse_optional_date(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    return parse_user_date(text)


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """A milestone date: a day, a day range (``5.-6. februar 2025``, ``2025-02-05..2025-02-06``),
    a month (``juni 2023``, ``2023-06``) or a year (``2019``)."""
    if not text or not text.strip():
        raise DateParseError("no date given")
    raw = text.strip()
    if ".." in raw:
        a, b = raw.split("..", 1)
        return FuzzyDate.day(parse_user_date(a), parse_user_date(b))
    if _YEAR.match(raw):
        return FuzzyDate.year(int(raw))
    iso_month = _ISO_MONTH.match(raw)
    if iso_month:
        return _month(int(iso_month.group(1)), int(iso_month.group(2)), text)
    span = _RANGE.match(raw)
    if span and not _ISO.match(raw):
        end = parse_user_date(span.group(2))
        try:
            start = end.replace(day=int(span.group(1)))
        except ValueError as exc:
            raise DateParseError(f"{text!r}: {exc}") from exc
        return FuzzyDate.day(start, end)
    try:
        return FuzzyDate.day(parse_user_date(raw))
    except DateParseError:
        pass
    words = _translate_months(raw).split()
    if len(words) == 2 and words[1].isdigit():
        try:
            month = datetime.strptime(words[0][:3], "%b").month
        except ValueError as exc:
            raise DateParseError(f"cannot read {text!r} as a date") from exc
        return _month(int(words[1]), month, text)
    raise DateParseError(f"cannot read {text!r} as a date")


def _month(year: int, month: int, text: str) -> FuzzyDate:
    if not 1 <= month <= 12:
        raise DateParseError(f"{text!r} has no month {month}")
    return FuzzyDate(date(year, month, 1), Precision.MONTH)
