"""Who may edit, over SSH with real logins: the list of editors in the plan, the refusals a
non-editor gets from the command line, and the audit of every access change."""

from __future__ import annotations

import subprocess

from kattegat_tui.store import Store

from .conftest import EDITORS, SshServer, guide_commands

EDITOR, OTHER = EDITORS

REFUSAL = f"kattegat: {OTHER} er ikke på listen over redaktører; kun visning er tilladt"


def _refused(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == 1 and result.stdout == "" and result.stderr.strip() == REFUSAL


def test_access_commands_over_ssh(ssh_server: SshServer) -> None:
    """The guide's access block, run by the first editor on the system-wide plan."""
    plan = ssh_server.reset_default_plan()
    commands = guide_commands("access", {"jkr": EDITOR, "abc": OTHER})
    assert [c[:3] for c in commands] == [["kattegat", "access", "grant"]] * 2 + [
        ["kattegat", "access", "list"], ["kattegat", "access", "revoke"]]
    out = []
    for argv in commands:
        result = ssh_server.run(EDITOR, *argv)
        assert result.returncode == 0, result.stderr
        out.append(result.stdout.strip())
    assert out == [f"Redaktører: {EDITOR}", f"Redaktører: {EDITOR}, {OTHER}",
                   f"Redaktører: {EDITOR}, {OTHER}", f"Redaktører: {EDITOR}"]

    stored = Store(plan, user="root").load()
    assert stored.editors == [EDITOR]
    access = [(c.who, c.old, c.new) for c in stored.changes if c.entity == "access"]
    assert access == [(EDITOR, [], [EDITOR]), (EDITOR, [EDITOR], [EDITOR, OTHER]),
                      (EDITOR, [EDITOR, OTHER], [EDITOR])]


def test_non_editor_is_refused_by_every_write_command(ssh_server: SshServer) -> None:
    plan = ssh_server.reset_default_plan()
    assert ssh_server.kattegat(EDITOR, "access", "grant", EDITOR).returncode == 0
    before = plan.read_bytes()
    export = ssh_server.shared / "export-for-import.json"
    export.write_bytes(before)
    export.chmod(0o644)

    attempts = [
        ("set-status", "UDD-1", "in_progress"),
        ("set-status", "UDD-1", "done", "--note", "færdig"),
        ("assess", "UDD-1", "green"),
        ("note", "UDD-1", "Et notat"),
        ("undo",),
        ("import", str(export)),
        ("access", "list"),
        ("access", "grant", OTHER),
        ("access", "revoke", EDITOR),
    ]
    for args in attempts:
        result = ssh_server.kattegat(OTHER, *args)
        assert _refused(result), (args, result.returncode, result.stdout, result.stderr)
    assert plan.read_bytes() == before  # nothing written, not even an audit record

    for args in (("status",), ("show", "UDD-1"), ("activities",), ("check",), ("budget",)):
        result = ssh_server.kattegat(OTHER, *args)
        assert result.returncode == 0, (args, result.stderr)


def test_the_last_editor_cannot_be_revoked(ssh_server: SshServer) -> None:
    """An empty list would open the plan to the whole group, so the last editor stays; handing
    over means granting the successor first."""
    plan = ssh_server.reset_default_plan()
    assert ssh_server.kattegat(EDITOR, "access", "grant", EDITOR).returncode == 0
    last = ssh_server.kattegat(EDITOR, "access", "revoke", EDITOR)
    assert last.returncode == 1 and last.stdout == ""
    assert len(last.stderr.strip().splitlines()) == 1 and "sidste redaktør" in last.stderr
    assert _refused(ssh_server.kattegat(OTHER, "note", "UDD-1", "Forsøg"))

    assert ssh_server.kattegat(EDITOR, "access", "grant", OTHER).returncode == 0
    handed_over = ssh_server.kattegat(EDITOR, "access", "revoke", EDITOR)
    assert handed_over.returncode == 0, handed_over.stderr
    assert handed_over.stdout.strip() == f"Redaktører: {OTHER}"
    assert ssh_server.kattegat(OTHER, "note", "UDD-1", "Overtaget").returncode == 0
    assert ssh_server.kattegat(EDITOR, "note", "UDD-1", "Forsøg").returncode == 1

    stored = Store(plan, user="root").load()
    assert stored.editors == [OTHER]
    activity = stored.activity("UDD-1")
    assert activity is not None and [(n.by, n.text) for n in activity.notes] == [
        (OTHER, "Overtaget")]
    assert [(c.who, c.new) for c in stored.changes if c.entity == "access"] == [
        (EDITOR, [EDITOR]), (EDITOR, [EDITOR, OTHER]), (EDITOR, [OTHER])]
