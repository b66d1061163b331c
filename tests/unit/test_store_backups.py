"""Rotating backups: the previous version is kept before each replace, at most ``keep`` of them."""

from __future__ import annotations

import shutil
from pathlib import Path

from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store
from kattegat_tui.store.backups import backup_dir, list_backups


def test_a_backup_holds_the_version_before_the_write(plan_path: Path, clock) -> None:
    store = Store(plan_path, user="tester", clock=clock)
    seeded = plan_path.read_bytes()
    inode = plan_path.stat().st_ino
    store.set_status("HAVN-1", "done")
    [backup] = list_backups(plan_path)
    assert backup.read_bytes() == seeded
    assert backup.stat().st_ino == inode  # a hard link to the old file: no copy, no extra space
    assert backup.parent == backup_dir(plan_path)
    assert backup.name == "db.20261130T090000000000.json"


def test_at_most_one_backup_per_interval(plan_path: Path, clock) -> None:
    store = Store(plan_path, user="tester", clock=clock, backup_interval_s=300)
    store.add_note("HAVN-1", "1")
    clock.advance(seconds=299)
    store.add_note("HAVN-1", "2")
    assert len(list_backups(plan_path)) == 1
    clock.advance(seconds=1)
    store.add_note("HAVN-1", "3")
    assert len(list_backups(plan_path)) == 2


def test_backups_rotate_and_stay_bounded(plan_path: Path, clock) -> None:
    store = Store(plan_path, user="tester", clock=clock, backup_keep=3, backup_interval_s=60)
    for i in range(8):
        store.add_note("HAVN-1", f"note {i}")
        clock.advance(minutes=2)
    backups = list_backups(plan_path)
    assert len(backups) == 3
    assert len(list(backup_dir(plan_path).iterdir())) == 3
    # the newest three: the states before notes 5, 6 and 7
    counts = [len(Store(b).load().activity("HAVN-1").notes) for b in backups]  # type: ignore[union-attr]
    assert counts == [5, 6, 7]


def test_a_bad_session_can_be_rolled_back(plan_path: Path, clock) -> None:
    store = Store(plan_path, user="tester", clock=clock)
    store.add_note("HAVN-1", "good")
    clock.advance(minutes=10)
    for activity in ("HAVN-1", "HAVN-2", "HAVN-3"):
        store.delete_activity(activity)  # the bad session
    newest = list_backups(plan_path)[-1]
    shutil.copyfile(newest, plan_path)
    plan = store.load()
    assert plan.activity("HAVN-2") is not None
    assert [n.text for n in plan.activity("HAVN-1").notes] == ["good"]  # type: ignore[union-attr]


def test_write_plan_keeps_the_replaced_plan(plan_path: Path, clock) -> None:
    store = Store(plan_path, user="tester", clock=clock)
    store.add_note("HAVN-1", "work worth keeping")
    edited = plan_path.read_bytes()
    clock.advance(seconds=1)
    store.write_plan(seed_plan())
    assert list_backups(plan_path)[-1].read_bytes() == edited


def test_no_backups_when_disabled(plan_path: Path) -> None:
    Store(plan_path, user="tester", backup_keep=0).add_note("HAVN-1", "x")
    assert list_backups(plan_path) == []


def test_a_backup_that_cannot_be_made_does_not_block_the_edit(plan_path: Path) -> None:
    backup_dir(plan_path).write_text("not a folder")
    Store(plan_path, user="tester").add_note("HAVN-1", "saved anyway")
    assert Store(plan_path).load().activity("HAVN-1").notes[-1].text == "saved anyway"  # type: ignore[union-attr]
