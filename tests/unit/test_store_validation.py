"""The store refuses bad input with a clear reason and leaves the file as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kattegat_tui.domain import ValidationError
from kattegat_tui.store import ConflictError, NotFound, Store, StoreError

REFUSED: dict[str, tuple[Callable[[Store], Any], str]] = {
    "unknown status": (lambda s: s.set_status("HAVN-1", "finished"), "err.unknown_status"),
    "unknown assessment": (lambda s: s.assess("HAVN-1", "purple"), "err.unknown_assessment"),
    "unknown committee": (lambda s: s.update_activity("HAVN-1", {"committee": "XYZ"}),
                          "err.unknown_committee"),
    "unknown committee on create": (
        lambda s: s.create_activity(focus="UDD", title="T", committee="ZZ"), "err.unknown_committee"),
    "unknown focus": (lambda s: s.create_activity(focus="RUM", title="T", committee="OU"),
                      "err.unknown_focus"),
    "unknown side": (lambda s: s.update_activity("HAVN-1", {"side": "Göteborg"}),
                     "err.unknown_side"),
    "unknown field": (lambda s: s.update_activity("HAVN-1", {"revision": 9}), "err.unknown_field"),
    "impossible date": (lambda s: s.update_activity("HAVN-1", {"due": "31-02-2026"}),
                        "err.bad_date"),
    "partial date": (lambda s: s.update_activity("HAVN-1", {"due": "5"}), "err.bad_date"),
    "unreadable date": (lambda s: s.update_activity("HAVN-1", {"start": "snart"}), "err.bad_date"),
    "due before start": (lambda s: s.update_activity("HAVN-1", {"start": "2026-05-01",
                                                                "due": "2026-04-01"}),
                         "err.due_before_start"),
    "bad expense date": (lambda s: s.add_expense(spent_on="i går", line="tour", amount=1),
                         "err.bad_date"),
    "bad milestone date": (lambda s: s.add_milestone(title="M", when="engang", kind="meeting"),
                           "err.bad_date"),
    "negative amount": (lambda s: s.add_expense(spent_on="2025-02-05", line="tour", amount=-5),
                        "err.negative"),
    "negative amount text": (lambda s: s.add_expense(spent_on="2025-02-05", line="tour",
                                                     amount="-5"), "err.negative"),
    "amount not a number": (lambda s: s.add_expense(spent_on="2025-02-05", line="tour",
                                                    amount="mange"), "err.not_amount"),
    "amount a boolean": (lambda s: s.add_expense(spent_on="2025-02-05", line="tour", amount=True),
                         "err.not_amount"),
    "negative participants": (lambda s: s.set_participants(-1), "err.negative"),
    "unknown budget line": (lambda s: s.add_expense(spent_on="2025-02-05", line="hotel",
                                                    amount=5), "err.unknown_line"),
    "title too long": (lambda s: s.update_activity("HAVN-1", {"title": "x" * 201}),
                       "err.too_long"),
    "note too long": (lambda s: s.add_note("HAVN-1", "x" * 5001), "err.too_long"),
    "empty note": (lambda s: s.add_note("HAVN-1", " \n\t "), "err.required"),
    "empty title": (lambda s: s.create_activity(focus="UDD", title="\x1b\x07", committee="BFU"),
                    "err.required"),
    "title not text": (lambda s: s.update_activity("HAVN-1", {"title": 42}), "err.not_text"),
    "yellow without comment": (lambda s: s.assess("HAVN-1", "yellow"), "err.comment_required"),
    "red with blank comment": (lambda s: s.assess("HAVN-1", "red", "  "), "err.comment_required"),
    "bad activity id": (lambda s: s.create_activity(focus="UDD", title="T", committee="BFU",
                                                    activity_id="UDD 9!"), "err.bad_id"),
    "duplicate activity id": (lambda s: s.create_activity(focus="UDD", title="T", committee="BFU",
                                                          activity_id="udd-1"), "err.duplicate_id"),
    "last editor": (lambda s: s.revoke("tester"), "err.last_editor"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_with_a_reason_and_nothing_written(store: Store, plan_path: Path, case: str) -> None:
    edit, code = REFUSED[case]
    if case == "last editor":
        store.grant("tester")
    before = plan_path.read_bytes()
    with pytest.raises(ValidationError) as info:
        edit(store)
    assert info.value.code == code
    assert plan_path.read_bytes() == before


def test_unknown_records_are_not_found(store: Store, plan_path: Path) -> None:
    before = plan_path.read_bytes()
    for edit in (lambda: store.set_status("NOPE-1", "done"), lambda: store.add_note("X", "t"),
                 lambda: store.delete_activity("NOPE-1"), lambda: store.restore_activity("HAVN-1"),
                 lambda: store.update_milestone("M-99", {"title": "x"}),
                 lambda: store.delete_expense(7), lambda: store.delete_expense("abc"),
                 lambda: store.revoke("nobody-here")):
        with pytest.raises(NotFound):
            edit()
    assert plan_path.read_bytes() == before


def test_control_characters_are_stripped_newlines_kept_in_notes(store: Store) -> None:
    store.update_activity("HAVN-1", {
        "title": "Ny\x1b[2J titel\x07 med\nlinjeskift",
        "description": "Linje 1\r\nLinje 2\x1b]0;TITLE\x07\u202eslut",
    })
    store.add_note("HAVN-1", "Første linje\n\nTredje linje\x00\x9b31m")
    activity = store.load().activity("HAVN-1")
    assert activity is not None
    assert activity.title == "Ny[2J titel med linjeskift"
    assert activity.description == "Linje 1\nLinje 2]0;TITLEslut"
    assert activity.notes[-1].text == "Første linje\n\nTredje linje31m"


def test_ids_are_matched_case_insensitively(store: Store) -> None:
    assert store.set_status(" havn-1 ", "done").id == "HAVN-1"


def test_dates_typed_by_people_are_stored_as_iso(store: Store) -> None:
    store.update_activity("HAVN-1", {"start": "6. februar 2026", "due": "6/2 2027"})
    activity = store.load().activity("HAVN-1")
    assert activity is not None
    assert (activity.start.isoformat(), activity.due.isoformat()) == (  # type: ignore[union-attr]
        "2026-02-06", "2027-02-06")


def test_conflict_when_the_record_moved_on(plan_path: Path, store: Store) -> None:
    seen = store.load().activity("HAVN-1")
    assert seen is not None and seen.revision == 1
    Store(plan_path, user="anna").set_status("HAVN-1", "on_hold")
    before = plan_path.read_bytes()
    with pytest.raises(ConflictError) as info:
        store.set_status("HAVN-1", "done", expected_revision=seen.revision)
    assert info.value.expected_revision == 1
    assert info.value.current["revision"] == 2
    assert info.value.current["updated_by"] == "anna"
    assert info.value.current["status"] == "on_hold"
    assert "anna" in str(info.value)
    assert plan_path.read_bytes() == before
    with pytest.raises(ConflictError):
        store.update_activity("HAVN-1", {"title": "T"}, expected_revision=1)
    with pytest.raises(ConflictError):
        store.delete_activity("HAVN-1", expected_revision=1)
    assert plan_path.read_bytes() == before
    # with the current revision the edit goes through
    assert store.set_status("HAVN-1", "done", expected_revision=2).revision == 3


def test_milestone_conflict(plan_path: Path, store: Store) -> None:
    Store(plan_path, user="anna").update_milestone("M-1", {"title": "Ændret"})
    with pytest.raises(ConflictError):
        store.update_milestone("M-1", {"title": "Mit"}, expected_revision=1)
    assert store.load().milestone("M-1").title == "Ændret"  # type: ignore[union-attr]


def test_text_that_is_not_unicode_never_reaches_the_file(store: Store, plan_path: Path) -> None:
    """A lone surrogate (argv decoded in the wrong locale) is cleaned or refused, never a crash."""
    before = plan_path.read_bytes()
    try:
        store.add_note("HAVN-1", "F\udcc3\udca6rgen")
    except (StoreError, ValidationError) as exc:
        assert "\n" not in str(exc)
        assert plan_path.read_bytes() == before
    raw = plan_path.read_bytes()
    raw.decode("utf-8")
    assert store.load().activity("HAVN-1") is not None
