"""Validation at the boundary: what people type is checked before it reaches the plan.

Errors carry a message code and parameters so every front end can say them in the user's language.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .enums import Assessment, MilestoneKind, MilestoneStatus, Side, Status
from .text import clean_text

MAX_TITLE = 200
MAX_SHORT = 120
MAX_LONG = 5000
# the years a date in the plan may fall in (a file with other dates is refused when read)
FIRST_YEAR = 1900
LAST_YEAR = 2200


class ValidationError(ValueError):
    """Input that cannot be accepted; ``code`` names the message in the i18n catalogs."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{code}: {detail}" if detail else code)


def _enum(cls: Any, value: Any, code: str) -> Any:
    try:
        return cls(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        raise ValidationError(code, value=str(value), allowed=allowed) from None


def status(value: Any) -> Status:
    return _enum(Status, value, "err.unknown_status")  # type: ignore[no-any-return]


def assessment(value: Any) -> Assessment:
    return _enum(Assessment, value, "err.unknown_assessment")  # type: ignore[no-any-return]


def side(value: Any) -> Side:
    return _enum(Side, value, "err.unknown_side")  # type: ignore[no-any-return]


def milestone_kind(value: Any) -> MilestoneKind:
    return _enum(MilestoneKind, value, "err.unknown_kind")  # type: ignore[no-any-return]


def milestone_status(value: Any) -> MilestoneStatus:
    return _enum(MilestoneStatus, value, "err.unknown_status")  # type: ignore[no-any-return]


def text(value: Any, field: str, *, limit: int = MAX_SHORT, required: bool = False,
         multiline: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError("err.not_text", field=field)
    cleaned = clean_text(value, multiline=multiline)
    if required and not cleaned:
        raise ValidationError("err.required", field=field)
    if len(cleaned) > limit:
        raise ValidationError("err.too_long", field=field, limit=limit, length=len(cleaned))
    return cleaned


def title(value: Any) -> str:
    return text(value, "title", limit=MAX_TITLE, required=True)


def long_text(value: Any, field: str, *, required: bool = False) -> str:
    return text(value, field, limit=MAX_LONG, required=required, multiline=True)


_GROUPED = re.compile(r"^-?\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
_CURRENCY = re.compile(r"^(?:dkk|kr\.?)\s*|\s*(?:dkk|kr\.?|,-|\.-)$", re.IGNORECASE)


def _amount_text(value: str, field: str) -> int:
    """"102.000 kr.", "102 000 kr", "DKK 102,000", "12.000,-", "1.250,00" -> whole kroner."""
    text = value.replace("\u00a0", " ").strip()
    text = _CURRENCY.sub("", text).strip()
    text = re.sub(r"[,.]00$", "", text) if re.search(r"\d[,.]00$", text) else text
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if _GROUPED.match(text):
        return int(re.sub(r"[.,\s]", "", text))
    raise ValidationError("err.not_amount", field=field, value=value)


def amount(value: Any, field: str = "amount") -> int:
    """Whole kroner, not negative. Typed text may group thousands (``102.000``, ``102 000``,
    ``102,000``) and carry the currency (``kr.``, ``DKK``, ``,-``); decimals other than ``,00``
    are refused rather than guessed."""
    if isinstance(value, bool):
        raise ValidationError("err.not_amount", field=field, value=str(value))
    if isinstance(value, str):
        value = _amount_text(value, field)
    if not isinstance(value, int):
        raise ValidationError("err.not_amount", field=field, value=str(value))
    if value < 0:
        raise ValidationError("err.negative", field=field, value=value)
    if value > 10**12:
        raise ValidationError("err.too_large", field=field, value=value)
    return value


def participants(value: Any) -> int:
    n = amount(value, "participants")
    if n > 100_000:
        raise ValidationError("err.too_large", field="participants", value=n)
    return n


def activity_id(value: Any) -> str:
    raw = text(value, "id", limit=20, required=True).upper()
    if not all(ch.isalnum() or ch in "-_" for ch in raw):
        raise ValidationError("err.bad_id", value=raw)
    return raw


def plan_date(value: date, field: str) -> date:
    """A date the plan can hold: within the years ``FIRST_YEAR``..``LAST_YEAR``."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError("err.year_range", field=field, value=value.isoformat(),
                              low=FIRST_YEAR, high=LAST_YEAR)
    return value


def date_order(start: date | None, due: date | None) -> None:
    if start and due and due < start:
        raise ValidationError("err.due_before_start", start=start.isoformat(), due=due.isoformat())
