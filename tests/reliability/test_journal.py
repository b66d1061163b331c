"""A large plan gets journal appends instead of whole-file rewrites: the same guarantees hold.

Plans of at least 1 MiB append one line per transaction to ``<plan>.journal`` (the change and its
audit records together, fsynced) and fold it into the plan file now and then. These tests run real
processes against such a plan: nothing lost, a kill never leaves a state the store cannot read, a
torn append is cut off, a journal of another plan file is never applied, a full disk changes nothing.
"""

from __future__ import annotations

import errno
import json
import os
import random
import stat
from collections import Counter
from pathlib import Path

import orjson
import pytest
from reliability_support import temp_files

from kattegat_tui.domain import Activity
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store, StoreError, UnreadableFile
from kattegat_tui.store import journal as journal_module
from kattegat_tui.store.journal import journal_path
from kattegat_tui.store.plan_store import JOURNAL_MIN_BYTES


@pytest.fixture(scope="module")
def _large_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = seed_plan()
    filler = "Beskrivelse af aktiviteten i Kattegatregionen. " * 70
    for i in range(1, 351):
        plan.activities.append(Activity(id=f"GEN-{i}", focus="HAVN", title=f"Aktivitet {i}",
                                        committee="EAU", description=filler))
    path = tmp_path_factory.mktemp("large") / "db.json"
    Store(path, user="seed").create(plan)
    assert path.stat().st_size >= JOURNAL_MIN_BYTES
    return path


@pytest.fixture
def large(_large_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    path.write_bytes(_large_master.read_bytes())
    os.chmod(path, 0o640)
    return path


def test_a_change_is_one_journal_line_and_every_reader_sees_it(large: Path) -> None:
    before = large.read_bytes()
    Store(large, user="jkr", backup_keep=0).set_status("UDD-1", "in_progress", note="Møde holdt")
    assert large.read_bytes() == before  # the plan file was not rewritten
    lines = journal_path(large).read_bytes().splitlines()
    assert len(lines) == 2  # header + one transaction
    record = orjson.loads(lines[1])
    assert set(record["set"]) == {"activities", "changes"}  # the change and its audit, together
    assert stat.S_IMODE(journal_path(large).stat().st_mode) == 0o640  # the plan's mode

    plan = Store(large, user="other").load()  # a fresh process's view
    activity = plan.activity("UDD-1")
    assert activity is not None and activity.status.value == "in_progress"
    assert [n.text for n in activity.notes] == ["Møde holdt"]
    assert [(c.field, c.who) for c in plan.changes] == [("status", "jkr"), ("notes", "jkr")]


def test_two_stores_with_cached_plans_never_lose_each_others_writes(large: Path) -> None:
    a = Store(large, user="a", backup_keep=0)
    b = Store(large, user="b", backup_keep=0)
    for k in range(6):
        a.add_note("HAVN-1", f"a{k}")
        b.add_note("HAVN-1", f"b{k}")
    notes = [n.text for n in a.load().activity("HAVN-1").notes]  # type: ignore[union-attr]
    assert notes == [x for k in range(6) for x in (f"a{k}", f"b{k}")]
    assert [n.text for n in b.load().activity("HAVN-1").notes] == notes  # type: ignore[union-attr]


def test_the_journal_is_folded_into_the_plan_file_when_it_grows(large: Path) -> None:
    store = Store(large, user="jkr", backup_keep=0)
    size = large.stat().st_size
    limit = max(journal_module_limit(), size // 8)
    k = 0
    while not (journal_path(large).exists() and journal_path(large).stat().st_size > 0) or \
            journal_path(large).stat().st_size < limit:
        store.add_note("HAVN-1", "x" * 4000 + str(k))
        k += 1
        assert k < 1000
    store.add_note("HAVN-1", "the one that folds")
    assert not journal_path(large).exists()
    doc = json.loads(large.read_bytes())  # the plan file alone now holds everything
    havn = next(a for a in doc["activities"].values() if a["id"] == "HAVN-1")
    assert len(havn["notes"]) == k + 1 and havn["notes"][-1]["text"] == "the one that folds"
    assert len(doc["changes"]) == k + 1
    assert stat.S_IMODE(large.stat().st_mode) == 0o640


def journal_module_limit() -> int:
    from kattegat_tui.store.plan_store import JOURNAL_MAX_MIN

    return JOURNAL_MAX_MIN


def test_an_unfinished_append_is_ignored_then_cut_off(large: Path) -> None:
    store = Store(large, user="jkr", backup_keep=0)
    store.add_note("HAVN-1", "first")
    with open(journal_path(large), "ab") as handle:
        handle.write(b'{"set": {"activities": {"1": {"id": "HAVN-1", "ti')  # died mid-append
    plan = Store(large, user="r").load()
    assert [n.text for n in plan.activity("HAVN-1").notes] == ["first"]  # type: ignore[union-attr]
    Store(large, user="w", backup_keep=0).add_note("HAVN-1", "second")
    raw = journal_path(large).read_bytes()
    assert raw.endswith(b"\n") and b'"ti' not in raw.replace(b'"title"', b"")
    notes = Store(large, user="r").load().activity("HAVN-1").notes  # type: ignore[union-attr]
    assert [n.text for n in notes] == ["first", "second"]


def test_a_journal_of_another_plan_file_is_never_applied(large: Path) -> None:
    Store(large, user="jkr", backup_keep=0).set_status("UDD-1", "done")
    stray = journal_path(large).read_bytes()
    Store(large, user="jkr").write_plan(Store(large).load())  # folds: the journal is gone
    journal_path(large).write_bytes(stray)  # a journal left from before (a crash, a copy)
    Store(large, user="jkr", backup_keep=0).set_status("UDD-1", "on_hold")
    plan = Store(large, user="r").load()
    assert plan.activity("UDD-1").status.value == "on_hold"  # type: ignore[union-attr]
    header = orjson.loads(journal_path(large).read_bytes().splitlines()[0])
    assert header["journal_for"]["size"] == large.stat().st_size


def test_a_damaged_journal_line_is_reported_and_nothing_is_written(large: Path) -> None:
    Store(large, user="jkr", backup_keep=0).add_note("HAVN-1", "ok")
    raw = journal_path(large).read_bytes()
    journal_path(large).write_bytes(raw + b"{not json}\n")
    before = (large.read_bytes(), journal_path(large).read_bytes())
    with pytest.raises(UnreadableFile) as info:
        Store(large, user="r").load()
    assert "journal line" in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(UnreadableFile):
        Store(large, user="w").add_note("HAVN-1", "refused")
    assert (large.read_bytes(), journal_path(large).read_bytes()) == before


def test_disk_full_during_an_append_changes_nothing(large: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(large, user="jkr", backup_keep=0)
    store.add_note("HAVN-1", "before")
    before = (large.read_bytes(), journal_path(large).read_bytes())
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data)[:10])  # part of the line reaches the disk, then it is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module.os, "write", full)
    with pytest.raises(StoreError) as info:
        store.add_note("HAVN-1", "lost to a full disk")
    assert "disk full" in str(info.value)
    monkeypatch.undo()
    assert (large.read_bytes(), journal_path(large).read_bytes()) == before
    assert temp_files(large.parent) == []
    store.add_note("HAVN-1", "after")
    notes = Store(large, user="r").load().activity("HAVN-1").notes  # type: ignore[union-attr]
    assert [n.text for n in notes] == ["before", "after"]


def test_eight_processes_on_a_large_plan_lose_nothing(large: Path, spawn) -> None:
    go = large.parent / "go"
    own = ["HAVN-2", "HAVN-3", "HAVN-4", "TUR-1", "TUR-2", "TUR-3", "KLIMA-1", "KLIMA-2"]
    procs = [spawn("writer", large, f"w{i}", 5, go, own[i]) for i in range(8)]
    go.touch()
    summaries = {}
    for i, proc in enumerate(procs):
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        summaries[f"w{i}"] = json.loads(out)
    plan = Store(large, user="r").load()
    shared = Counter((n.by, n.text) for n in plan.activity("HAVN-1").notes)  # type: ignore[union-attr]
    assert set(shared) == {(u, t) for u, s in summaries.items() for t in s["notes"]}
    assert all(count == 1 for count in shared.values()) and len(shared) == 40
    assert [c.id for c in plan.changes] == list(range(1, len(plan.changes) + 1))
    new_ids = [a for s in summaries.values() for a in s["activities"]]
    assert len(set(new_ids)) == len(new_ids) and {a.id for a in plan.activities} >= set(new_ids)


def test_sigkill_during_appends_leaves_a_readable_plan(large: Path, spawn) -> None:
    rng = random.Random(5)
    killer = spawn("killer", large, "killed", stdin=True)
    assert killer.stdin is not None and killer.stdout is not None
    committed = 0
    for trial in range(15):
        killer.stdin.write(f"{trial} {rng.uniform(0.0, 0.08):.4f}\n")
        killer.stdin.flush()
        reported = json.loads(killer.stdout.readline())
        acknowledged = committed + (reported[-1] if reported else 0)
        plan = Store(large, user="r").load()
        notes = plan.activity("HAVN-1").notes  # type: ignore[union-attr]
        assert len(notes) in (acknowledged, acknowledged + 1)
        assert len(plan.changes) == len(notes)  # each note landed with its audit record
        committed = len(notes)
    assert committed > 0
