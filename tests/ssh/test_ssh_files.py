"""A plan shared through a Unix group: modes and group across writes by different logins, the lock
file, the backups, and restoring a backup with the commands of docs/ssh.md."""

from __future__ import annotations

import grp
import json
import pwd
import shlex
import stat
from pathlib import Path

from kattegat_tui.store import Store

from .conftest import EDITORS, GROUP, SshServer, guide_commands


def _owner_group_mode(path: Path) -> tuple[str, str, int]:
    st = path.stat()
    return (pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name,
            stat.S_IMODE(st.st_mode))


def _ok(result: object) -> None:
    assert getattr(result, "returncode", None) == 0, getattr(result, "stderr", result)


def test_seed_over_ssh_creates_a_group_file(ssh_server: SshServer) -> None:
    """The guide's `kattegat seed -o`, run by an editor with a strict umask: the plan and its lock
    file are still 0660 and belong to the directory's group."""
    directory = ssh_server.plan_dir()
    assert _owner_group_mode(directory) == ("root", GROUP, 0o2770)
    [seed] = guide_commands("seed", {"/srv/kattegat": str(directory)})
    _ok(ssh_server.run(EDITORS[0], "sh", "-c", f"umask 077 && {shlex.join(seed)}"))
    plan = directory / "plan.json"
    assert _owner_group_mode(plan) == (EDITORS[0], GROUP, 0o660)
    assert _owner_group_mode(directory / "plan.json.lock") == (EDITORS[0], GROUP, 0o660)
    assert [p.name for p in directory.iterdir() if p.name.startswith(".plan.json.")] == []
    _ok(ssh_server.kattegat(EDITORS[1], "--db", str(plan), "check"))


def test_both_editors_write_and_the_file_keeps_group_and_mode(ssh_server: SshServer) -> None:
    """Two logins in the group take turns writing; each write works, keeps 0660 and the group,
    and is recorded under the login that made it. The lock file and backups are shared too."""
    directory = ssh_server.plan_dir()
    plan = directory / "plan.json"
    _ok(ssh_server.kattegat(EDITORS[0], "seed", "-o", str(plan)))

    _ok(ssh_server.kattegat(EDITORS[0], "--db", str(plan), "set-status", "UDD-1", "in_progress"))
    _ok(ssh_server.kattegat(EDITORS[1], "--db", str(plan), "note", "UDD-1", "Møde holdt"))
    _ok(ssh_server.kattegat(EDITORS[0], "--db", str(plan), "assess", "UDD-1", "green"))

    assert _owner_group_mode(plan)[1:] == (GROUP, 0o660)
    lock = directory / "plan.json.lock"
    assert _owner_group_mode(lock)[1:] == (GROUP, 0o660)
    backups = sorted((directory / ".backups" / "plan.json").iterdir())
    assert backups, "the first write keeps a backup of the seeded plan"
    assert _owner_group_mode(directory / ".backups")[1:] == (GROUP, 0o2770)
    assert _owner_group_mode(directory / ".backups" / "plan.json")[1:] == (GROUP, 0o2770)
    for backup in backups:
        assert _owner_group_mode(backup)[1:] == (GROUP, 0o660)
    leftovers = [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []

    changes = Store(plan, user="root").load().changes_for("UDD-1")
    assert [(c.who, c.field) for c in changes] == [
        (EDITORS[0], "status"), (EDITORS[1], "notes"), (EDITORS[0], "assessment")]


def test_restore_a_backup(ssh_server: SshServer) -> None:
    """The guide's restore block, run over SSH by an editor word for word, on the system-wide plan."""
    plan = ssh_server.reset_default_plan()
    directory = plan.parent
    _ok(ssh_server.kattegat(EDITORS[0], "set-status", "UDD-1", "done"))
    _ok(ssh_server.kattegat(EDITORS[1], "note", "UDD-1", "Afsluttet i juni"))

    # one backup: the seeded plan, kept before the first write
    [backup] = sorted((directory / ".backups" / "plan.json").iterdir())
    backup_name = backup.name
    commands = guide_commands("restore", {
        "/srv/kattegat/.backups/plan.json/000001.20250301T101500Z.json": str(backup),
        "/srv/kattegat": str(directory)})
    assert [c[:2] for c in commands] == [["ls", str(directory / ".backups" / "plan.json") + "/"],
                                         ["kattegat", "--db"], ["kattegat", "export"],
                                         ["kattegat", "import"]]
    results = ssh_server.run_many(EDITORS[1], commands)
    for result in results:
        _ok(result)
    assert backup_name in results[0].stdout
    assert str(backup) in results[1].stdout  # `check` names the file it found sound

    restored = Store(plan, user="root").load()
    activity = restored.activity("UDD-1")
    assert activity is not None
    assert activity.status.value == "planned" and activity.notes == []
    assert restored.changes[-1].action == "import" and restored.changes[-1].who == EDITORS[1]
    assert _owner_group_mode(plan)[1:] == (GROUP, 0o660)

    kept = json.loads((directory / "before-restore.json").read_text(encoding="utf-8"))
    kept_activity = next(a for a in kept["activities"].values() if a["id"] == "UDD-1")
    assert kept_activity["status"] == "done"
    assert [n["text"] for n in kept_activity["notes"]] == ["Afsluttet i juni"]
    assert _owner_group_mode(directory / "before-restore.json")[1:] == (GROUP, 0o660)
