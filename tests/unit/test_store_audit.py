"""Every edit writes its audit records (who, when, old, new) as one batch, in the same write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from kattegat_tui.domain import Change
from kattegat_tui.store import Store

WHEN = "2026-11-30T09:00:00+00:00"


def _new(store: Store, before: int) -> list[Change]:
    return store.load().changes[before:]


def _one_batch(changes: list[Change]) -> None:
    assert changes, "no audit record was written"
    assert len({c.batch for c in changes}) == 1
    assert changes[0].batch == changes[0].id
    assert all(c.who == "tester" and c.at.isoformat() == WHEN for c in changes)


def _summary(changes: list[Change]) -> list[tuple[Any, ...]]:
    return [(c.action, c.entity, c.entity_id, c.field, c.old, c.new) for c in changes]


def test_set_status_with_note(store: Store) -> None:
    store.set_status("HAVN-1", "done", note="Aftale med Stena Line")
    changes = _new(store, 0)
    _one_batch(changes)
    assert _summary(changes) == [
        ("update", "activity", "HAVN-1", "status", "in_progress", "done"),
        ("note", "activity", "HAVN-1", "notes", None, "Aftale med Stena Line"),
    ]
    activity = store.load().activity("HAVN-1")
    assert activity is not None
    assert activity.updated_by == "tester" and activity.updated_at is not None
    assert activity.updated_at.isoformat() == WHEN
    assert activity.revision == 2


def test_each_edit_is_its_own_batch(store: Store, clock) -> None:
    store.set_status("HAVN-1", "done")
    clock.advance(minutes=1)
    store.add_note("HAVN-1", "second")
    changes = store.load().changes
    assert [c.batch for c in changes] == [1, 2]
    assert [c.at.minute for c in changes] == [0, 1]


def test_assess_records_assessment_and_comment(store: Store) -> None:
    store.assess("TUR-1", "red", "Ingen partner fundet")
    changes = _new(store, 0)
    _one_batch(changes)
    assert _summary(changes) == [
        ("update", "activity", "TUR-1", "assessment", None, "red"),
        ("update", "activity", "TUR-1", "assessment_comment", "", "Ingen partner fundet"),
    ]


def test_update_activity_records_every_changed_field_only(store: Store) -> None:
    before = store.load().activity("UDD-1")
    assert before is not None
    store.update_activity("UDD-1", {"title": "Ny titel", "owner": "Kim", "due": "30-6-2027",
                                    "committee": before.committee})
    changes = _new(store, 0)
    _one_batch(changes)
    assert _summary(changes) == [
        ("update", "activity", "UDD-1", "title", before.title, "Ny titel"),
        ("update", "activity", "UDD-1", "owner", before.owner, "Kim"),
        ("update", "activity", "UDD-1", "due", before.due.isoformat() if before.due else None,
         "2027-06-30"),
    ]


def test_no_op_edit_writes_nothing(store: Store, plan_path: Path) -> None:
    store.set_status("HAVN-1", "done")
    before = plan_path.read_bytes()
    store.set_status("HAVN-1", "done")
    assert plan_path.read_bytes() == before


def test_create_delete_restore_activity(store: Store) -> None:
    created = store.create_activity(focus="KLIMA", title="Fælles klimaseminar", committee="MTU",
                                    due="2026-06-30")
    assert created.id == "KLIMA-3"
    create = _new(store, 0)
    _one_batch(create)
    assert [(c.action, c.entity_id, c.field, c.old) for c in create] == [
        ("create", "KLIMA-3", "*", None)]
    assert create[0].new["title"] == "Fælles klimaseminar"

    store.delete_activity("KLIMA-3")
    delete = _new(store, 1)
    _one_batch(delete)
    assert [(c.action, c.entity_id, c.new) for c in delete] == [("delete", "KLIMA-3", None)]
    assert delete[0].old == create[0].new
    assert store.load().activity("KLIMA-3") is None

    restored = store.restore_activity("klima-3")
    assert restored.title == "Fælles klimaseminar"
    restore = _new(store, 2)
    _one_batch(restore)
    assert [(c.action, c.entity_id) for c in restore] == [("create", "KLIMA-3")]


def test_new_ids_never_reuse_a_deleted_one(store: Store) -> None:
    store.create_activity(focus="KLIMA", title="A", committee="MTU")
    store.delete_activity("KLIMA-3")
    assert store.create_activity(focus="KLIMA", title="B", committee="MTU").id == "KLIMA-4"
    first = store.add_expense(spent_on="2025-02-05", line="catering", amount=100)
    store.delete_expense(first.id)
    assert store.add_expense(spent_on="2025-02-05", line="catering", amount=100).id == first.id + 1
    milestone = store.add_milestone(title="X", when="2026", kind="meeting")
    store.delete_milestone(milestone.id)
    assert store.add_milestone(title="Y", when="2026", kind="meeting").id != milestone.id


def test_milestone_edits(store: Store) -> None:
    milestone = store.add_milestone(title="Genbesøg i Halmstad", when="september 2026",
                                    kind="visit", case_ref="25/555", activities="PART-1, PART-2")
    create = _new(store, 0)
    _one_batch(create)
    assert create[0].action == "create" and create[0].entity == "milestone"
    assert create[0].new["when"] == milestone.when.to_dict()
    assert milestone.activities == ["PART-1", "PART-2"]

    store.update_milestone(milestone.id, {"status": "done", "title": "Genbesøg"})
    update = _new(store, 1)
    _one_batch(update)
    assert _summary(update) == [
        ("update", "milestone", milestone.id, "status", "planned", "done"),
        ("update", "milestone", milestone.id, "title", "Genbesøg i Halmstad", "Genbesøg"),
    ]
    store.delete_milestone(milestone.id)
    delete = _new(store, 3)
    _one_batch(delete)
    assert delete[0].action == "delete" and delete[0].old["title"] == "Genbesøg"


def test_budget_and_expenses(store: Store) -> None:
    assert store.set_participants(50) == 50
    budget = _new(store, 0)
    _one_batch(budget)
    assert _summary(budget) == [("update", "budget", "visit", "planned_participants", 40, 50)]
    assert store.load().budget.planned_participants == 50

    expense = store.add_expense(spent_on="5/2 2025", line="catering", amount="12.500", note="Frokost")
    assert expense.amount == 12500 and expense.spent_on.isoformat() == "2025-02-05"
    add = _new(store, 1)
    _one_batch(add)
    assert [(c.action, c.entity, c.entity_id, c.old) for c in add] == [
        ("create", "expense", str(expense.id), None)]
    assert add[0].new["amount"] == 12500

    store.delete_expense(expense.id)
    remove = _new(store, 2)
    _one_batch(remove)
    assert [(c.action, c.entity_id, c.new) for c in remove] == [("delete", str(expense.id), None)]
    assert remove[0].old == add[0].new
    assert store.load().expenses == []


def test_access_changes_are_audited(store: Store) -> None:
    store.grant("anna")
    grant = _new(store, 0)
    _one_batch(grant)
    assert _summary(grant) == [("update", "access", "editors", "editors", [], ["tester", "anna"])]
    store.revoke("anna")
    revoke = _new(store, 1)
    _one_batch(revoke)
    assert _summary(revoke) == [
        ("update", "access", "editors", "editors", ["tester", "anna"], ["tester"])]


def test_change_and_audit_land_in_the_same_write(store: Store, plan_path: Path) -> None:
    """The file on disk never holds a change without its record: both come from one replace."""
    store.add_note("HAVN-1", "med revision")
    doc = orjson.loads(plan_path.read_bytes())
    havn1 = next(r for r in doc["activities"].values() if r["id"] == "HAVN-1")
    assert havn1["notes"][-1]["text"] == "med revision"
    assert [r["new"] for r in doc["changes"].values()] == ["med revision"]
