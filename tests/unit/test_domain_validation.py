"""Validation at the boundary: statuses, assessments, text, amounts, IDs and date order."""

from __future__ import annotations

from datetime import date

import pytest

from kattegat_tui.domain import Assessment, Side, Status, ValidationError
from kattegat_tui.domain import validation as v


def code_of(fn, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value.code


def test_enums_by_key_in_any_case() -> None:
    assert v.status(" In_Progress ") is Status.IN_PROGRESS
    assert v.assessment("RED") is Assessment.RED
    assert v.side("halmstad") is Side.HALMSTAD


def test_unknown_enum_values_name_the_allowed_ones() -> None:
    with pytest.raises(ValidationError) as info:
        v.status("finished")
    assert info.value.code == "err.unknown_status"
    assert info.value.params == {"value": "finished",
                                 "allowed": "planned, in_progress, done, on_hold, cancelled"}
    assert code_of(v.assessment, "blue") == "err.unknown_assessment"
    assert code_of(v.milestone_kind, "party") == "err.unknown_kind"


@pytest.mark.parametrize(("text", "kroner"), [
    ("102.000 kr.", 102_000),
    ("102 000 kr", 102_000),
    ("102\u00a0000 kr", 102_000),
    ("DKK 102,000", 102_000),
    ("1.200.000", 1_200_000),
    ("12.000,-", 12_000),
    ("1.250,00 kr.", 1_250),
    ("0", 0),
    (" 2550 ", 2_550),
])
def test_amounts_as_people_type_them(text: str, kroner: int) -> None:
    assert v.amount(text) == kroner


@pytest.mark.parametrize(("value", "code"), [
    ("1.25", "err.not_amount"),  # a decimal, not 125
    ("1,25", "err.not_amount"),
    ("1250,50", "err.not_amount"),  # whole kroner only
    ("1.2.5", "err.not_amount"),
    ("1,000.000", "err.not_amount"),
    ("", "err.not_amount"),
    ("mange", "err.not_amount"),
    (True, "err.not_amount"),
    (2.5, "err.not_amount"),
    (-1, "err.negative"),
    ("-1.250", "err.negative"),
    (10**13, "err.too_large"),
])
def test_amounts_refused(value: object, code: str) -> None:
    assert code_of(v.amount, value) == code


def test_participants() -> None:
    assert v.participants("60") == 60
    assert code_of(v.participants, 100_001) == "err.too_large"


def test_text_is_cleaned_and_limited() -> None:
    assert v.text("  Titel\x1b[2J  ", "title") == "Titel[2J"
    assert v.long_text("a\r\nb\tc", "description") == "a\nb    c"
    assert v.title("Samarbejde\nom uddannelse") == "Samarbejde om uddannelse"
    assert code_of(v.title, "  ") == "err.required"
    assert code_of(v.title, "x" * 201) == "err.too_long"
    assert v.title("x" * 200) == "x" * 200
    assert code_of(v.text, 5, "owner") == "err.not_text"
    assert v.text(None, "owner") == ""


def test_activity_ids() -> None:
    assert v.activity_id(" udd-7 ") == "UDD-7"
    assert code_of(v.activity_id, "UDD 7") == "err.bad_id"
    assert code_of(v.activity_id, "UDD/7") == "err.bad_id"
    assert code_of(v.activity_id, "") == "err.required"


def test_due_date_not_before_start() -> None:
    v.date_order(date(2025, 1, 1), date(2025, 1, 1))
    v.date_order(None, date(2025, 1, 1))
    assert code_of(v.date_order, date(2025, 2, 1), date(2025, 1, 1)) == "err.due_before_start"


def test_errors_carry_code_and_params() -> None:
    err = ValidationError("err.too_long", field="title", limit=200, length=250)
    assert (err.code, err.params) == ("err.too_long", {"field": "title", "limit": 200, "length": 250})
    assert isinstance(err, ValueError)
