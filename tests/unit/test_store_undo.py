"""Undo reverts a user's own last edit (a whole batch) and records the undo as a change itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from kattegat_tui.store import Store, UndoConflict


def _undo_records(store: Store) -> list[tuple[str, str, object, object, int | None]]:
    return [(c.entity_id, c.field, c.old, c.new, c.undoes)
            for c in store.load().changes if c.action == "undo"]


def test_undo_status_and_its_note_together(store: Store) -> None:
    store.set_status("HAVN-1", "done", note="Færdig")
    undone = store.undo_last()
    assert {(c["field"], c["action"]) for c in undone} == {("status", "update"), ("notes", "note")}
    activity = store.load().activity("HAVN-1")
    assert activity is not None
    assert activity.status.value == "in_progress"
    assert activity.notes == []
    assert activity.revision == 3  # the undo is a change of its own
    records = [c for c in store.load().changes if c.action == "undo"]
    assert {c.batch for c in records} == {records[0].id}
    assert all(c.undoes == 1 and c.who == "tester" for c in records)
    assert sorted((c.field, c.old, c.new) for c in records) == [
        ("notes", "Færdig", None), ("status", "done", "in_progress")]


def test_undo_note_removes_only_that_note(store: Store) -> None:
    store.add_note("HAVN-1", "første")
    store.add_note("HAVN-1", "anden")
    store.undo_last()
    activity = store.load().activity("HAVN-1")
    assert activity is not None
    assert [n.text for n in activity.notes] == ["første"]


def test_undo_steps_back_one_batch_at_a_time(store: Store) -> None:
    store.set_status("HAVN-1", "on_hold")
    store.set_status("HAVN-1", "done")
    store.undo_last()
    assert store.load().activity("HAVN-1").status.value == "on_hold"  # type: ignore[union-attr]
    store.undo_last()
    assert store.load().activity("HAVN-1").status.value == "in_progress"  # type: ignore[union-attr]
    assert store.undo_last() == []


def test_undo_only_touches_the_users_own_changes(plan_path: Path, store: Store) -> None:
    other = Store(plan_path, user="anna")
    store.set_status("HAVN-1", "done")
    other.add_note("TUR-1", "annas note")
    store.undo_last()
    plan = store.load()
    assert plan.activity("HAVN-1").status.value == "in_progress"  # type: ignore[union-attr]
    assert [n.text for n in plan.activity("TUR-1").notes] == ["annas note"]  # type: ignore[union-attr]
    assert other.undo_last()[0]["who"] == "anna"
    assert plan_path.exists() and store.undo_last() == []


def test_undo_create_activity(store: Store) -> None:
    created = store.create_activity(focus="UDD", title="Sommerskole", committee="BFU")
    store.undo_last()
    assert store.load().activity(created.id) is None
    assert _undo_records(store)[0][:2] == (created.id, "*")


def test_undo_delete_activity(store: Store) -> None:
    before = store.load().activity("PART-2")
    store.delete_activity("PART-2")
    store.undo_last()
    after = store.load().activity("PART-2")
    assert after == before


def test_undo_delete_refuses_to_duplicate_an_id(store: Store) -> None:
    store.delete_activity("PART-2")
    Store(store.path, user="anna").create_activity(focus="PART", title="Ny", committee="KFU",
                                                  activity_id="PART-2")
    with pytest.raises(UndoConflict) as info:
        store.undo_last()
    assert (info.value.key, info.value.field, info.value.who) == ("PART-2", "*", "anna")
    assert [a.id for a in store.load().activities].count("PART-2") == 1


def test_undo_budget(store: Store) -> None:
    store.set_participants(60)
    store.undo_last()
    assert store.load().budget.planned_participants == 40
    assert _undo_records(store) == [("visit", "planned_participants", 60, 40, 1)]


def test_undo_expense_add_and_delete(store: Store) -> None:
    expense = store.add_expense(spent_on="2025-02-05", line="tour", amount=4000)
    store.delete_expense(expense.id)
    store.undo_last()  # the delete
    assert [e.amount for e in store.load().expenses] == [4000]
    store.undo_last()  # the add
    assert store.load().expenses == []


def test_undo_milestone_edits(store: Store) -> None:
    milestone = store.add_milestone(title="Møde", when="2026-03-01", kind="meeting")
    store.update_milestone(milestone.id, {"title": "Styregruppemøde"})
    store.undo_last()
    assert store.load().milestone(milestone.id).title == "Møde"  # type: ignore[union-attr]
    store.undo_last()
    assert store.load().milestone(milestone.id) is None


def test_undo_access(store: Store) -> None:
    store.grant("anna")
    store.undo_last()
    assert store.load().editors == []


def test_nothing_before_an_import_can_be_undone(store: Store) -> None:
    store.set_status("HAVN-1", "done")
    store.import_document(store.read_document(), "backup.json")
    assert store.undo_last() == []
    assert store.load().activity("HAVN-1").status.value == "done"  # type: ignore[union-attr]


def test_undo_of_an_already_reverted_edit_moves_on(store: Store) -> None:
    store.set_status("HAVN-1", "done")
    store.create_activity(focus="UDD", title="Kortvarig", committee="BFU")
    Store(store.path, user="anna").delete_activity("UDD-4")
    store.undo_last()  # the create: the activity is already gone; nothing to revert
    store.undo_last()  # so the next undo reaches the status change
    assert store.load().activity("HAVN-1").status.value == "in_progress"  # type: ignore[union-attr]
