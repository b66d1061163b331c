"""Undo and redo are compare-and-set: a value is reverted only if it still holds what is being
undone. When another user (or a newer edit) changed it since, the whole undo is refused, nothing is
written, and the refusal names who changed it and when.

Two stores on one file with different users stand for two people; the CLI tests run the real
command as the OS user next to a second user writing through the store.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kattegat_tui.domain.history import PLAN_TZ, plan_at
from kattegat_tui.errors import describe as describe_error
from kattegat_tui.i18n import translator
from kattegat_tui.store import Store, UndoConflict
from kattegat_tui.store.identity import current_login

# 06:41 UTC is 07:41 in Copenhagen (winter time).
T0 = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
THEN = datetime(2026, 12, 1, 6, 41, tzinfo=UTC)


class Clock:
    """A clock moved by hand; both users share it, as they share the wall clock."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def first(plan_path: Path, clock: Clock) -> Store:
    return Store(plan_path, user="bruger1", clock=clock)


@pytest.fixture
def second(plan_path: Path, clock: Clock) -> Store:
    return Store(plan_path, user="bruger2", clock=clock)


def _refused(store: Store, op: str = "undo") -> UndoConflict:
    """Run undo (or redo), expect a refusal, and check that not one byte of the file changed."""
    before = store.path.read_bytes()
    journal = store.path.with_name(store.path.name + ".journal")
    journal_before = journal.read_bytes() if journal.exists() else None
    with pytest.raises(UndoConflict) as info:
        store.undo_last() if op == "undo" else store.redo_last()
    assert store.path.read_bytes() == before
    assert (journal.read_bytes() if journal.exists() else None) == journal_before
    return info.value


def _activity(store: Store, key: str) -> Any:
    activity = store.load().activity(key)
    assert activity is not None
    return activity


# -- the reported case --------------------------------------------------------------------------


def test_undo_does_not_overwrite_a_later_status_and_note(first: Store, second: Store,
                                                          clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress")
    clock.now = THEN
    second.set_status("UDD-1", "done", note="Afsluttet på mødet")
    clock.now = THEN + timedelta(minutes=5)
    conflict = _refused(first)
    assert (conflict.op, conflict.entity, conflict.key, conflict.field) == \
        ("undo", "activity", "UDD-1", "status")
    assert (conflict.who, conflict.at) == ("bruger2", THEN.isoformat())
    udd1 = _activity(first, "UDD-1")
    assert udd1.status.value == "done"
    assert [(n.by, n.text) for n in udd1.notes] == [("bruger2", "Afsluttet på mødet")]
    assert not any(c.action == "undo" for c in first.load().changes)


def test_the_refusal_is_one_translated_line(first: Store, second: Store, clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress")
    clock.now = THEN
    second.set_status("UDD-1", "done", note="Afsluttet")
    conflict = _refused(first)
    assert describe_error(conflict, translator("da")) == (
        "Kan ikke fortryde: UDD-1 (status) er ændret siden af bruger2 (01-12-2026 07:41). "
        "Intet er gemt.")
    assert describe_error(conflict, translator("sv")) == (
        "Kan inte ångra: UDD-1 (status) har ändrats sedan dess av bruger2 (2026-12-01 07:41). "
        "Inget har sparats.")
    assert describe_error(conflict, translator("en")) == (
        "Cannot undo: UDD-1 (status) has been changed since by bruger2 (2026-12-01 07:41). "
        "Nothing was saved.")


def test_a_later_change_to_any_part_of_the_batch_refuses_all_of_it(first: Store, second: Store,
                                                                    clock: Clock) -> None:
    first.update_activity("UDD-1", {"status": "in_progress", "owner": "Jobcenter"},
                          note="Opstart")
    clock.now = THEN
    second.update_activity("UDD-1", {"owner": "Erhvervshus"})
    conflict = _refused(first)
    assert (conflict.field, conflict.who) == ("owner", "bruger2")
    udd1 = _activity(first, "UDD-1")
    assert (udd1.status.value, udd1.owner, [n.text for n in udd1.notes]) == \
        ("in_progress", "Erhvervshus", ["Opstart"])


def test_each_older_batch_is_checked_as_well(first: Store, clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress")
    clock.now = THEN
    first.set_status("UDD-1", "done")
    # the newest batch is undone normally; a second user's edit then blocks the older one
    first.undo_last()
    assert _activity(first, "UDD-1").status.value == "in_progress"
    Store(first.path, user="bruger2", clock=clock).set_status("UDD-1", "on_hold")
    conflict = _refused(first)
    assert conflict.who == "bruger2"


# -- every kind of record -------------------------------------------------------------------------


def test_budget_field(first: Store, second: Store, clock: Clock) -> None:
    first.set_participants(60)
    clock.now = THEN
    second.set_participants(80)
    conflict = _refused(first)
    assert (conflict.entity, conflict.key, conflict.field, conflict.who) == \
        ("budget", "visit", "planned_participants", "bruger2")
    assert first.load().budget.planned_participants == 80
    assert describe_error(conflict, translator("da")) == (
        "Kan ikke fortryde: Budget (planlagte deltagere) er ændret siden af bruger2 "
        "(01-12-2026 07:41). Intet er gemt.")


def test_expense_deleted_by_someone_else_stays_deleted(first: Store, second: Store,
                                                       clock: Clock) -> None:
    """An expense is never edited, only added and deleted. Undoing my add after someone deleted
    it finds nothing left to revert: their delete stands and my undo moves on."""
    expense = first.add_expense(spent_on="2026-11-20", line="tour", amount=4000)
    clock.now = THEN
    second.delete_expense(expense.id)
    first.undo_last()
    assert first.load().expenses == []
    assert [(c.who, c.action) for c in first.load().changes if c.entity == "expense"] == \
        [("bruger1", "create"), ("bruger2", "delete"), ("bruger1", "undo")]
    assert first.undo_last() == []


def test_expense_with_the_same_id_added_since_is_a_conflict(first: Store, clock: Clock) -> None:
    expense = first.add_expense(spent_on="2026-11-20", line="tour", amount=4000)
    first.delete_expense(expense.id)
    # a second user writes the id back with other content (the file is the group's)
    other = Store(first.path, user="bruger2", clock=clock)
    clock.now = THEN
    taken = {"id": expense.id, "spent_on": "2026-11-21", "line": "catering", "amount": 999,
             "note": ""}
    with other.transaction() as tx:
        tx.insert_with_id("expenses", dict(taken), expense.id)
        tx.audit("expense", str(expense.id), "*", None, dict(taken), action="create")
    conflict = _refused(first)
    assert (conflict.entity, conflict.key, conflict.field, conflict.who) == \
        ("expense", str(expense.id), "*", "bruger2")
    assert [e.amount for e in first.load().expenses] == [999]
    assert describe_error(conflict, translator("en")) == (
        f"Cannot undo: Expense {expense.id} has been changed since by bruger2 "
        "(2026-12-01 07:41). Nothing was saved.")


def test_milestone_field(first: Store, second: Store, clock: Clock) -> None:
    milestone = first.add_milestone(title="Møde", when="2026-03-01", kind="meeting")
    first.update_milestone(milestone.id, {"title": "Styregruppemøde"})
    clock.now = THEN
    second.update_milestone(milestone.id, {"title": "Styregruppemøde i Halmstad"})
    conflict = _refused(first)
    assert (conflict.entity, conflict.key, conflict.field, conflict.who) == \
        ("milestone", milestone.id, "title", "bruger2")
    assert first.load().milestone(milestone.id).title == "Styregruppemøde i Halmstad"  # type: ignore[union-attr]


def test_milestone_created_then_changed_by_someone_else_is_not_removed(first: Store, second: Store,
                                                                      clock: Clock) -> None:
    milestone = first.add_milestone(title="Møde", when="2026-03-01", kind="meeting")
    clock.now = THEN
    second.update_milestone(milestone.id, {"status": "done"})
    conflict = _refused(first)
    assert (conflict.key, conflict.field, conflict.who) == (milestone.id, "*", "bruger2")
    assert first.load().milestone(milestone.id) is not None


def test_activity_created_then_noted_by_someone_else_is_not_removed(first: Store, second: Store,
                                                                    clock: Clock) -> None:
    created = first.create_activity(focus="UDD", title="Sommerskole", committee="BFU")
    clock.now = THEN
    second.add_note(created.id, "Vi er med")
    conflict = _refused(first)
    assert (conflict.key, conflict.field, conflict.who) == (created.id, "*", "bruger2")
    assert [n.text for n in _activity(first, created.id).notes] == ["Vi er med"]


def test_note_on_an_activity_someone_else_deleted(first: Store, second: Store,
                                                  clock: Clock) -> None:
    first.add_note("UDD-1", "Min note")
    clock.now = THEN
    second.delete_activity("UDD-1")
    conflict = _refused(first)
    assert (conflict.key, conflict.field, conflict.who) == ("UDD-1", "notes", "bruger2")
    assert first.load().activity("UDD-1") is None
    assert describe_error(conflict, translator("da")) == (
        "Kan ikke fortryde: UDD-1 (noter) er ændret siden af bruger2 (01-12-2026 07:41). "
        "Intet er gemt.")


def test_my_note_is_undone_while_a_later_note_of_someone_else_stays(first: Store, second: Store,
                                                                    clock: Clock) -> None:
    first.add_note("UDD-1", "Min note")
    clock.now = THEN
    second.add_note("UDD-1", "Din note")
    assert len(first.undo_last()) == 1
    assert [(n.by, n.text) for n in _activity(first, "UDD-1").notes] == [("bruger2", "Din note")]


def test_access_list(first: Store, second: Store, clock: Clock) -> None:
    first.grant("bruger2")
    clock.now = THEN
    second.grant("bruger3")
    conflict = _refused(first)
    assert (conflict.entity, conflict.field, conflict.who) == ("access", "editors", "bruger2")
    assert first.load().editors == ["bruger1", "bruger2", "bruger3"]


def test_undo_of_a_delete_refuses_when_someone_restored_it_differently(first: Store,
                                                                        second: Store,
                                                                        clock: Clock) -> None:
    first.delete_activity("PART-2")
    clock.now = THEN
    second.create_activity(focus="PART", title="Ny", committee="KFU", activity_id="PART-2")
    conflict = _refused(first)
    assert (conflict.key, conflict.field, conflict.who) == ("PART-2", "*", "bruger2")
    assert [a.title for a in first.load().activities if a.id == "PART-2"] == ["Ny"]


# -- what still works -----------------------------------------------------------------------------


def test_a_change_to_another_field_does_not_block_the_undo(first: Store, second: Store,
                                                           clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress", note="Opstart")
    clock.now = THEN
    second.update_activity("UDD-1", {"owner": "Erhvervshus"}, note="Ejer fundet")
    assert {c["field"] for c in first.undo_last()} == {"status", "notes"}
    udd1 = _activity(first, "UDD-1")
    assert (udd1.status.value, udd1.owner) == ("planned", "Erhvervshus")
    assert [(n.by, n.text) for n in udd1.notes] == [("bruger2", "Ejer fundet")]


def test_the_other_users_own_undo_still_works_after_mine_is_refused(first: Store, second: Store,
                                                                    clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress")
    clock.now = THEN
    second.set_status("UDD-1", "done")
    _refused(first)
    second.undo_last()
    assert _activity(first, "UDD-1").status.value == "in_progress"
    # now the value is mine again, so my undo goes through
    first.undo_last()
    assert _activity(first, "UDD-1").status.value == "planned"


# -- redo -----------------------------------------------------------------------------------------


def test_redo_restores_what_undo_reverted(first: Store, clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress", note="Opstart")
    clock.now = THEN
    first.undo_last()
    assert _activity(first, "UDD-1").status.value == "planned"
    clock.now = THEN + timedelta(minutes=1)
    assert len(first.redo_last()) == 2
    udd1 = _activity(first, "UDD-1")
    assert udd1.status.value == "in_progress"
    assert [(n.by, n.text) for n in udd1.notes] == [("bruger1", "Opstart")]
    assert first.redo_last() == []
    # the redo is an edit of its own, so undo reverts it again
    first.undo_last()
    assert _activity(first, "UDD-1").status.value == "planned"
    assert _activity(first, "UDD-1").notes == []
    assert len(first.redo_last()) == 2
    assert _activity(first, "UDD-1").status.value == "in_progress"


def test_redo_steps_forward_one_batch_at_a_time(first: Store, clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress")
    first.set_participants(55)
    first.undo_last()
    first.undo_last()
    first.redo_last()
    assert _activity(first, "UDD-1").status.value == "in_progress"
    assert first.load().budget.planned_participants == 40
    first.redo_last()
    assert first.load().budget.planned_participants == 55
    assert first.redo_last() == []


def test_redo_of_create_delete_expense_milestone_and_access(first: Store) -> None:
    created = first.create_activity(focus="UDD", title="Sommerskole", committee="BFU")
    first.delete_activity("PART-2")
    expense = first.add_expense(spent_on="2026-11-20", line="tour", amount=4000)
    milestone = first.add_milestone(title="Møde", when="2026-03-01", kind="meeting")
    first.grant("bruger2")
    after = first.read_document()
    for _ in range(5):
        first.undo_last()
    plan = first.load()
    assert plan.activity(created.id) is None and plan.activity("PART-2") is not None
    assert plan.expenses == [] and plan.milestone(milestone.id) is None and plan.editors == []
    for _ in range(5):
        assert first.redo_last() != []
    plan = first.load()
    assert plan.activity(created.id) is not None and plan.activity("PART-2") is None
    assert [e.id for e in plan.expenses] == [expense.id]
    assert plan.milestone(milestone.id) is not None and plan.editors == ["bruger1", "bruger2"]
    assert _records(first.read_document()) == _records(after)


def _records(doc: dict[str, Any]) -> dict[str, Any]:
    """Every record of the plan by its id, the audit log left out."""
    return {table: sorted(map(repr, rows.values())) for table, rows in doc.items()
            if table != "changes"}


def test_redo_is_refused_when_someone_changed_the_value_after_the_undo(first: Store, second: Store,
                                                                        clock: Clock) -> None:
    first.set_status("UDD-1", "in_progress")
    first.undo_last()
    clock.now = THEN
    second.set_status("UDD-1", "on_hold")
    conflict = _refused(first, "redo")
    assert (conflict.op, conflict.key, conflict.field, conflict.who, conflict.at) == \
        ("redo", "UDD-1", "status", "bruger2", THEN.isoformat())
    assert _activity(first, "UDD-1").status.value == "on_hold"
    assert describe_error(conflict, translator("da")) == (
        "Kan ikke gentage: UDD-1 (status) er ændret siden af bruger2 (01-12-2026 07:41). "
        "Intet er gemt.")
    assert describe_error(conflict, translator("sv")).startswith("Kan inte göra om: UDD-1 (status)")
    assert describe_error(conflict, translator("en")).startswith("Cannot redo: UDD-1 (status)")


def test_a_new_edit_of_my_own_ends_what_can_be_redone(first: Store) -> None:
    first.set_status("UDD-1", "in_progress")
    first.undo_last()
    first.set_participants(60)
    assert first.redo_last() == []
    assert _activity(first, "UDD-1").status.value == "planned"


def test_redo_only_my_own_undo(first: Store, second: Store) -> None:
    first.set_status("UDD-1", "in_progress")
    first.undo_last()
    assert second.redo_last() == []
    assert _activity(first, "UDD-1").status.value == "planned"


def test_undo_and_redo_are_rebuilt_exactly_as_of_every_moment(first: Store, second: Store,
                                                              clock: Clock) -> None:
    """The --as-of view walks the log back; undo and redo records must walk back to exactly
    what the file held at every moment."""
    saved: list[tuple[datetime, Any]] = []

    def step(action: Any) -> None:
        clock.now += timedelta(minutes=10)
        action()
        saved.append((clock.now, first.load()))

    step(lambda: first.set_status("UDD-1", "in_progress", note="Opstart"))
    step(lambda: second.add_note("UDD-1", "Kollegas note"))
    step(lambda: first.add_expense(spent_on="2026-11-20", line="tour", amount=4000))
    step(lambda: first.create_activity(focus="UDD", title="Sommerskole", committee="BFU"))
    step(first.undo_last)
    step(first.undo_last)
    step(first.undo_last)
    step(first.redo_last)
    step(first.redo_last)
    step(first.redo_last)
    step(first.undo_last)
    step(first.undo_last)
    step(first.undo_last)  # the redone status and note
    step(lambda: first.set_participants(70))
    step(first.undo_last)
    step(first.redo_last)
    final = first.load()
    for moment, plan in saved:
        rebuilt = plan_at(final, moment)
        assert [a.to_dict() for a in rebuilt.activities] == [a.to_dict() for a in plan.activities]
        assert rebuilt.expenses == plan.expenses and rebuilt.budget == plan.budget


# -- the command line -----------------------------------------------------------------------------


def _as_bruger2(path: Path, method: str, *args: str, **kwargs: str) -> None:
    """A second person's edit, in a process of its own: ``Store(path, user="bruger2").method``."""
    code = (f"from kattegat_tui.store import Store; "
            f"Store({str(path)!r}, user='bruger2').{method}(*{args!r}, **{kwargs!r})")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def _stamp_da(at: str) -> str:
    local = datetime.fromisoformat(at).astimezone(PLAN_TZ)
    return f"{local:%d-%m-%Y %H:%M}"


def test_cli_undo_refused_with_one_line_and_exit_1(plan_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    def k(*args: str) -> Any:
        return cli("--db", str(plan_path), "--today", "2026-11-30", *args)

    assert k("set-status", "UDD-1", "in_progress").returncode == 0
    _as_bruger2(plan_path, "set_status", "UDD-1", "done", note="Færdig")
    before = plan_path.read_bytes()
    result = k("undo")
    assert result.returncode == 1 and result.stdout == ""
    at = next(c for c in Store(plan_path, user="x").load().changes if c.who == "bruger2").at
    assert result.stderr == (f"kattegat: Kan ikke fortryde: UDD-1 (status) er ændret siden af "
                             f"bruger2 ({_stamp_da(at.isoformat())}). Intet er gemt.\n")
    assert plan_path.read_bytes() == before
    english = k("--lang", "en", "undo")
    assert english.returncode == 1 and english.stderr.startswith("kattegat: Cannot undo: UDD-1")
    assert plan_path.read_bytes() == before


def test_cli_redo(plan_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    def k(*args: str) -> Any:
        return cli("--db", str(plan_path), "--today", "2026-11-30", *args)

    assert k("redo").stdout == "Intet at gentage\n"
    assert k("set-status", "UDD-1", "in_progress", "--note", "Opstart").returncode == 0
    assert k("undo").stdout == "Fortrudt: 2 ændring(er)\n"
    result = k("redo")
    assert (result.returncode, result.stdout) == (0, "Gentaget: 2 ændring(er)\n"), result.stderr
    udd1 = Store(plan_path, user="x").load().activity("UDD-1")
    assert udd1 is not None and udd1.status.value == "in_progress"
    assert [(n.by, n.text) for n in udd1.notes] == [(current_login(), "Opstart")]
    assert k("--lang", "sv", "redo").stdout == "Inget att göra om\n"
    # undo again, then someone else changes the status: the redo is refused
    assert k("undo").returncode == 0
    _as_bruger2(plan_path, "set_status", "UDD-1", "on_hold")
    before = plan_path.read_bytes()
    refused = k("redo")
    assert refused.returncode == 1
    assert refused.stderr.startswith("kattegat: Kan ikke gentage: UDD-1 (status) er ændret siden "
                                     "af bruger2 (")
    assert plan_path.read_bytes() == before
    assert "redo" in k("--help").stdout
