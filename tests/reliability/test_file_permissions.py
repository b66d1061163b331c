"""The plan file's mode and group survive every write, for every user of the group."""

from __future__ import annotations

import os
import pwd
import stat
from pathlib import Path

import pytest
from reliability_support import as_user, other_group

from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store
from kattegat_tui.store.backups import list_backups
from kattegat_tui.store.durable import lock_path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o640, 0o660, 0o600, 0o664], ids=["640", "660", "600", "664"])
def test_mode_survives_a_write(plan_path: Path, mode: int) -> None:
    plan_path.chmod(mode)
    store = Store(plan_path, user="tester", backup_interval_s=0)
    inode = plan_path.stat().st_ino
    store.set_status("HAVN-1", "done")
    assert plan_path.stat().st_ino != inode  # replaced, not rewritten in place
    assert _mode(plan_path) == mode
    store.add_note("HAVN-1", "and again")
    assert _mode(plan_path) == mode
    backups = list_backups(plan_path)
    assert backups
    assert all(_mode(b) == mode for b in backups)


def test_group_survives_a_write(plan_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("changing a file's group to another group needs root")
    gid = other_group()
    os.chown(plan_path, -1, gid)
    plan_path.chmod(0o660)
    Store(plan_path, user="tester", backup_interval_s=0).set_status("HAVN-1", "done")
    assert plan_path.stat().st_gid == gid
    assert _mode(plan_path) == 0o660
    backup = list_backups(plan_path)[-1]
    assert backup.stat().st_gid == gid
    folder = backup.parent
    assert folder.stat().st_gid == gid
    assert _mode(folder) & 0o070 == 0o070  # the group can make backups too


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002], ids=["022", "077", "002"])
def test_new_files_are_group_shared(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        path = tmp_path / f"u{umask:o}" / "db.json"
        Store(path, user="tester").create(seed_plan())
    finally:
        os.umask(old)
    assert _mode(path) == 0o660
    assert _mode(lock_path(path)) == 0o660


def test_another_user_of_the_group_can_write(shared_dir: Path, monkeypatch) -> None:
    nobody = pwd.getpwnam("nobody")
    group = shared_dir.stat().st_gid
    path = shared_dir / "db.json"
    old = os.umask(0o022)  # a usual umask: new files would be 0644 without care
    try:
        Store(path).create(seed_plan())
        Store(path).add_note("HAVN-1", "from root")
    finally:
        os.umask(old)
    assert _mode(path) == 0o660 and path.stat().st_gid == group

    # $USER cannot forge the audit identity: it is the effective user's OS login.
    monkeypatch.setenv("USER", "mallory")
    monkeypatch.setenv("LOGNAME", "mallory")
    as_user(nobody.pw_uid, nobody.pw_gid, [group],
             lambda: Store(path).add_note("HAVN-1", "from nobody"))
    Store(path).set_status("HAVN-1", "done")
    as_user(nobody.pw_uid, nobody.pw_gid, [group],
             lambda: Store(path).set_status("HAVN-1", "on_hold"))

    plan = Store(path).load()
    activity = plan.activity("HAVN-1")
    assert activity is not None
    assert [(n.by, n.text) for n in activity.notes] == [("root", "from root"),
                                                          ("nobody", "from nobody")]
    assert activity.status.value == "on_hold"
    assert [c.who for c in plan.changes] == ["root", "nobody", "root", "nobody"]
    assert path.stat().st_gid == group and _mode(path) == 0o660
    assert path.stat().st_uid == nobody.pw_uid  # the last writer made the new file


def test_a_lock_file_only_the_group_can_read_still_works(shared_dir: Path) -> None:
    """A lock file left 0640 (by an older version, or a strict umask) is locked read-only."""
    nobody = pwd.getpwnam("nobody")
    group = shared_dir.stat().st_gid
    path = shared_dir / "db.json"
    Store(path).create(seed_plan())
    lock = lock_path(path)
    lock.chmod(0o640)
    as_user(nobody.pw_uid, nobody.pw_gid, [group],
             lambda: Store(path, backup_interval_s=0).add_note("HAVN-1", "through a read-only lock"))
    as_user(nobody.pw_uid, nobody.pw_gid, [group],
             lambda: Store(path, backup_interval_s=0).add_note("HAVN-1", "and again"))
    activity = Store(path).load().activity("HAVN-1")
    assert activity is not None and [n.by for n in activity.notes] == ["nobody", "nobody"]
    assert _mode(lock) == 0o640 and _mode(path) == 0o660
