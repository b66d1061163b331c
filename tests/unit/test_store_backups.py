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
    # a real copy: writing the live file in place (cp, an editor) can never change a backup
    assert backup.stat().st_ino != inode and backup.stat().st_nlink == 1
    assert backup.parent == backup_dir(plan_path) == plan_path.parent / ".backups" / "db.json"
    assert backup.name == "000001.20261130T090000Z.json"


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
    assert [b.name[:6] for b in backups] == ["000006", "000007", "000008"]
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
    backup_dir(plan_path).parent.mkdir()
    backup_dir(plan_path).write_text("not a folder")
    Store(plan_path, user="tester").add_note("HAVN-1", "saved anyway")
    assert Store(plan_path).load().activity("HAVN-1").notes[-1].text == "saved anyway"  # type: ignore[union-attr]


def test_two_plans_in_one_folder_keep_their_own_backups(tmp_path: Path, clock) -> None:
    """plan.json and plan.2024.json side by side: neither lists nor prunes the other's backups,
    even with keep=1, where each prune removes all but the newest."""
    names = ("plan.json", "plan.2024.json", "plan.halmstad.json")
    stores = []
    for name in names:
        Store(tmp_path / name, user="tester").create(seed_plan())
        stores.append(Store(tmp_path / name, user="tester", clock=clock, backup_keep=1,
                            backup_interval_s=0))
    for round_ in range(3):
        for store in stores:
            store.add_note("HAVN-1", f"{store.path.name} {round_}")
            clock.advance(seconds=1)
    for store in stores:
        [backup] = list_backups(store.path)
        assert backup.parent == tmp_path / ".backups" / store.path.name
        # the newest backup is the state before the last note: two notes of its own plan
        notes = Store(backup).load().activity("HAVN-1").notes  # type: ignore[union-attr]
        assert [n.text for n in notes] == [f"{store.path.name} 0", f"{store.path.name} 1"]


def test_backups_after_the_clock_steps_back_are_kept(plan_path: Path, clock) -> None:
    """The clock steps back an hour: the backups made after the step are newer by sequence, so
    pruning removes the old ones, never the one just made."""
    store = Store(plan_path, user="tester", clock=clock, backup_keep=3, backup_interval_s=60)
    for i in range(3):
        store.add_note("HAVN-1", f"before {i}")
        clock.advance(minutes=2)
    clock.advance(hours=-3)
    for i in range(3):
        store.add_note("HAVN-1", f"after {i}")
        clock.advance(minutes=2)
    backups = list_backups(plan_path)
    assert len(backups) == 3
    assert [b.name[:6] for b in backups] == ["000004", "000005", "000006"]
    newest_notes = Store(backups[-1]).load().activity("HAVN-1").notes  # type: ignore[union-attr]
    assert [n.text for n in newest_notes][-2:] == ["after 0", "after 1"]


def test_backup_due_after_a_step_back_only_once(plan_path: Path, clock) -> None:
    """After a step back a backup is made once, then the interval counts from it again."""
    store = Store(plan_path, user="tester", clock=clock, backup_interval_s=300)
    store.add_note("HAVN-1", "1")
    clock.advance(hours=-2)
    store.add_note("HAVN-1", "2")
    store.add_note("HAVN-1", "3")
    clock.advance(seconds=60)
    store.add_note("HAVN-1", "4")
    assert len(list_backups(plan_path)) == 2


def test_writing_the_live_file_in_place_leaves_backups_alone(plan_path: Path, clock) -> None:
    store = Store(plan_path, user="tester", clock=clock, backup_interval_s=0)
    store.add_note("HAVN-1", "one")
    store.add_note("HAVN-1", "two")
    kept = {b: b.read_bytes() for b in list_backups(plan_path)}
    with open(plan_path, "r+b") as handle:  # an editor saving in place, or `cp x plan.json`
        handle.write(b"{}")
    assert {b: b.read_bytes() for b in list_backups(plan_path)} == kept
