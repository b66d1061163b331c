"""One function turns any error the user can act on into one line in their language; a bug (any
other exception) is None, so the CLI and the dashboard report it as an internal error."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from kattegat_tui.domain import ValidationError
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.errors import UserError, describe
from kattegat_tui.i18n import translator
from kattegat_tui.store import AccessDenied, ConflictError, NotFound, Store, StoreError
from kattegat_tui.store.errors import LockTimeout

EN = translator("en")
DA = translator("da")


def test_validation_and_lookup_errors_read_in_the_language() -> None:
    assert describe(ValidationError("err.unknown_status", value="x", allowed="a, b"), DA) == (
        DA.t("err.unknown_status", value="x", allowed="a, b"))
    assert describe(NotFound("activity", "NOPE-1"), EN) == "Activity 'NOPE-1' does not exist"


def test_access_and_conflicts() -> None:
    assert describe(AccessDenied("eve"), EN) == "eve is not on the list of editors; view only"
    conflict = ConflictError("activity", "UDD-1", 2, {"updated_by": "ann", "revision": 3})
    assert describe(conflict, EN) == "UDD-1 was changed by ann since you opened it"
    assert describe(conflict, DA) == "UDD-1 er ændret af ann siden du åbnede den"


def test_user_errors_are_already_sentences() -> None:
    assert describe(UserError("Filen findes ikke"), DA) == "Filen findes ikke"


def test_file_errors_name_the_file_in_the_language(tmp_path: Path) -> None:
    locked = LockTimeout(tmp_path / "plan.json", "store.locked", seconds=2.5)
    assert str(locked) == f"{tmp_path / 'plan.json'}: locked by another process for over 2.5 s"
    assert describe(locked, DA) == f"{tmp_path / 'plan.json'}: låst af en anden proces i over 2.5 s"
    missing = OSError(2, "No such file or directory", str(tmp_path / "x"))
    assert describe(missing, EN) == f"{tmp_path / 'x'}: No such file or directory"


def test_a_document_rule_refusal_keeps_its_field_path(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    Store(path, user="tester").create_if_missing(seed_plan())
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'"title": "[^"]*"', '"title": 7', text, count=1), encoding="utf-8")
    with pytest.raises(StoreError) as info:
        Store(path).load()
    line = describe(info.value, EN)
    assert line is not None and line.startswith(f"{path}: ") and line.endswith(": expected text, found 7")


def test_runaway_dates_and_nesting_are_sentences_too() -> None:
    try:
        date(9999, 12, 31) + timedelta(days=1)
    except OverflowError as exc:
        assert describe(exc, EN) == f"A date beyond the calendar (years 1 to 9999): {exc}"
    assert describe(RecursionError("maximum recursion depth exceeded"), EN) == (
        "The data is nested too deeply to be read")


def test_a_bug_is_not_described() -> None:
    assert describe(RuntimeError("boom"), EN) is None
    assert describe(KeyError("x"), DA) is None
