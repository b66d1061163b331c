"""Many processes writing the same plan file at once lose nothing and leave a valid file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from reliability_support import notes_of, read_json, temp_files

from kattegat_tui.store import Store

WRITERS = 8
ROUNDS = 10
OWN = ["HAVN-2", "HAVN-3", "HAVN-4", "TUR-1", "TUR-2", "TUR-3", "KLIMA-1", "KLIMA-2"]
STATUSES = ("in_progress", "on_hold", "done", "planned")


def test_eight_writers_lose_nothing(plan_path: Path, spawn) -> None:
    initial = Store(plan_path).load()
    go = plan_path.parent / "go"
    procs = [spawn("writer", plan_path, f"w{i}", ROUNDS, go, OWN[i]) for i in range(WRITERS)]
    go.touch()
    summaries = {}
    for i, proc in enumerate(procs):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        summaries[f"w{i}"] = json.loads(out)

    doc = read_json(plan_path)  # valid JSON for any reader, not only for the store
    plan = Store(plan_path).load()

    # Every note every writer committed is there exactly once, with its author.
    shared = Counter((n["by"], n["text"]) for n in notes_of(doc, "HAVN-1"))
    expected_notes = {(user, text) for user, s in summaries.items() for text in s["notes"]}
    assert set(shared) == expected_notes
    assert all(count == 1 for count in shared.values())
    assert len(shared) == WRITERS * ROUNDS

    # Each writer's own activity ends at its last status and carries all its notes.
    expected_records = 0
    for i, user in enumerate(summaries):
        activity = plan.activity(OWN[i])
        before = initial.activity(OWN[i])
        assert activity is not None and before is not None
        assert activity.status.value == STATUSES[(ROUNDS - 1) % len(STATUSES)]
        assert [n.text for n in activity.notes] == [f"{user} status {k}" for k in range(ROUNDS)]
        status_changes = 0
        previous = before.status.value
        for status in summaries[user]["statuses"]:
            status_changes += status != previous
            previous = status
        assert activity.revision == before.revision + ROUNDS
        creates = len(summaries[user]["activities"]) + len(summaries[user]["expenses"])
        # note on HAVN-1 + note on its own activity per round, status records, creates
        mine = [c for c in plan.changes if c.who == user]
        assert len(mine) == 2 * ROUNDS + status_changes + creates
        assert Counter(c.action for c in mine) == {
            "note": 2 * ROUNDS, "update": status_changes, "create": creates}
        expected_records += len(mine)

    # The audit log: every record, consecutive ids, one batch per edit.
    assert len(plan.changes) == expected_records
    assert [c.id for c in plan.changes] == list(range(1, expected_records + 1))
    shared_activity = plan.activity("HAVN-1")
    assert shared_activity is not None
    assert shared_activity.revision == 1 + WRITERS * ROUNDS

    # Inserts from different processes never collided on ids.
    new_ids = [a for s in summaries.values() for a in s["activities"]]
    assert len(set(new_ids)) == len(new_ids)
    assert {a.id for a in plan.activities} >= set(new_ids)
    expense_ids = [e for s in summaries.values() for e in s["expenses"]]
    assert sorted(expense_ids) == sorted(e.id for e in plan.expenses)
    assert len(set(expense_ids)) == len(expense_ids)

    assert temp_files(plan_path.parent) == []
