"""Readers never see a half-written file; stores and processes see each other's writes."""

from __future__ import annotations

import json
from pathlib import Path

from kattegat_tui.store import Store


def test_reader_never_sees_a_half_written_file(plan_path: Path, spawn) -> None:
    stop = plan_path.parent / "stop"
    go = plan_path.parent / "go"
    readers = [spawn("reader", plan_path, stop) for _ in range(2)]
    writers = [spawn("writer", plan_path, f"w{i}", 12, go, own)
               for i, own in enumerate(("TUR-1", "TUR-2"))]
    go.touch()
    for proc in writers:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    stop.touch()
    for proc in readers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        result = json.loads(out)
        assert result["errors"] == []
        assert result["loads"] >= 20
    activity = Store(plan_path).load().activity("HAVN-1")
    assert activity is not None and len(activity.notes) == 24


def test_two_store_instances_see_each_others_writes(plan_path: Path) -> None:
    first = Store(plan_path, user="anna")
    second = Store(plan_path, user="bo")
    assert first.load().activity("HAVN-1").status.value == "in_progress"  # type: ignore[union-attr]

    first.set_status("HAVN-1", "done")
    assert second.load().activity("HAVN-1").status.value == "done"  # type: ignore[union-attr]

    second.add_note("HAVN-1", "seen it")
    plan = first.load()
    activity = plan.activity("HAVN-1")
    assert activity is not None
    assert [(n.by, n.text) for n in activity.notes] == [("bo", "seen it")]
    assert activity.revision == 3

    # inserts alternate between the two instances without id collisions
    made = []
    for i in range(4):
        store = (first, second)[i % 2]
        made.append(store.create_activity(focus="KLIMA", title=f"Ny {i}", committee="MTU").id)
        store.add_expense(spent_on="2025-02-06", line="tour", amount=i + 1)
    assert made == ["KLIMA-3", "KLIMA-4", "KLIMA-5", "KLIMA-6"]
    plan = second.load()
    assert [e.id for e in plan.expenses] == [1, 2, 3, 4]
    assert [c.who for c in plan.changes] == ["anna", "bo"] + ["anna", "anna", "bo", "bo"] * 2


def test_a_long_lived_process_sees_other_processes_writes(plan_path: Path, spawn) -> None:
    watcher = spawn("watch", plan_path, stdin=True)
    assert watcher.stdin is not None and watcher.stdout is not None

    def ask() -> list[int]:
        assert watcher.stdin is not None and watcher.stdout is not None
        watcher.stdin.write("?\n")
        watcher.stdin.flush()
        answer: list[int] = json.loads(watcher.stdout.readline())
        return answer

    assert ask() == [0, 17]
    Store(plan_path, user="other").add_note("HAVN-1", "from another process")
    assert ask() == [1, 17]  # no stale handle on the replaced file, no stale cache
    Store(plan_path, user="other").create_activity(focus="HAVN", title="Ny", committee="EAU")
    assert ask() == [1, 18]


def test_inserts_from_two_processes_never_collide(plan_path: Path, spawn) -> None:
    go = plan_path.parent / "go"
    procs = [spawn("writer", plan_path, f"p{i}", 15, go, own)
             for i, own in enumerate(("PART-1", "PART-2"))]
    go.touch()
    created: list[str] = []
    expenses: list[int] = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        summary = json.loads(out)
        created += summary["activities"]
        expenses += summary["expenses"]
    plan = Store(plan_path).load()
    assert len(created) == 6 and len(set(created)) == 6
    assert sorted(created) == sorted(a.id for a in plan.activities if a.title.startswith("p"))
    assert sorted(expenses) == list(range(1, 7))
    assert sorted(e.id for e in plan.expenses) == list(range(1, 7))
