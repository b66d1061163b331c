"""docs/ssh.md's security section with real logins: one member of the group attacks another.

``kattegat-b`` (a member of the group) plants names in the shared folder; ``kattegat-a`` (an editor)
then saves over SSH. The editor's own files outside the folder must stay untouched, and the save is
refused with one line naming the planted path.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
from pathlib import Path

from kattegat_tui.domain import Activity
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store
from kattegat_tui.store.plan_store import JOURNAL_MIN_BYTES

from .conftest import EDITORS, GROUP, SshServer

EDITOR, MEMBER = EDITORS


def _large_plan(path: Path, owner: str) -> None:
    plan = seed_plan()
    filler = "Beskrivelse af aktiviteten i Kattegatregionen. " * 70
    for i in range(1, 351):
        plan.activities.append(Activity(id=f"GEN-{i}", focus="HAVN", title=f"Aktivitet {i}",
                                        committee="EAU", description=filler))
    Store(path, user=owner).create(plan)
    assert path.stat().st_size >= JOURNAL_MIN_BYTES
    gid = grp.getgrnam(GROUP).gr_gid
    for name in (path, path.with_name(path.name + ".lock")):
        os.chown(name, pwd.getpwnam(owner).pw_uid, gid)
        os.chmod(name, 0o660)


def test_a_journal_link_planted_by_a_member_never_reaches_the_editor_s_files(
        ssh_server: SshServer) -> None:
    plan = ssh_server.plan_dir() / "plan.json"
    _large_plan(plan, EDITOR)
    profile = Path(pwd.getpwnam(EDITOR).pw_dir) / ".profile"
    if not profile.exists():
        profile.write_text("# kattegat-a's profile\n")
        os.chown(profile, pwd.getpwnam(EDITOR).pw_uid, pwd.getpwnam(EDITOR).pw_gid)
    before = (profile.read_bytes(), stat.S_IMODE(profile.stat().st_mode))

    planted = ssh_server.run(MEMBER, "ln", "-s", str(profile), str(plan) + ".journal")
    assert planted.returncode == 0, planted.stderr
    saved = ssh_server.kattegat(EDITOR, "--db", str(plan), "note", "UDD-1", "Møde holdt")

    assert saved.returncode == 1
    [line] = saved.stderr.splitlines()
    assert f"{plan}.journal" in line and "Traceback" not in saved.stderr
    assert (profile.read_bytes(), stat.S_IMODE(profile.stat().st_mode)) == before

    # once the planted name is gone, nothing of the refused save is there and the editor saves
    assert ssh_server.run(EDITOR, "rm", str(plan) + ".journal").returncode == 0
    assert Store(plan, user="root").load().activity("UDD-1").notes == []  # type: ignore[union-attr]
    again = ssh_server.kattegat(EDITOR, "--db", str(plan), "note", "UDD-1", "Møde holdt")
    assert again.returncode == 0, again.stderr
    assert (profile.read_bytes(), stat.S_IMODE(profile.stat().st_mode)) == before


def test_a_member_not_on_the_editors_list_cannot_seed_over_the_plan(ssh_server: SshServer) -> None:
    plan = ssh_server.new_plan(EDITOR)
    assert ssh_server.kattegat(EDITOR, "--db", str(plan), "access", "grant", EDITOR).returncode == 0
    before = plan.read_bytes()
    result = ssh_server.kattegat(MEMBER, "seed", "-o", str(plan), "--force")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert MEMBER in line
    assert plan.read_bytes() == before
