"""Who may edit, over SSH with real logins: the list of editors in the plan, the refusals a
non-editor gets from the command line, and the audit of every access change."""

from __future__ import annotations

import subprocess

from kattegat_tui.domain import Status
from kattegat_tui.store import Store

from .conftest import EDITORS, SshServer, guide_commands
from .dashboard import (
    TR,
    open_dashboard,
    overview_drawn,
    quit_dashboard,
    row_shows,
    show_plan_tab,
    start_dashboard,
    status_saved,
)
from .terminal import Terminal

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
    results = ssh_server.run_many(EDITOR, commands)
    assert [r.returncode for r in results] == [0] * 4, [r.stderr for r in results]
    assert [r.stdout.strip() for r in results] == [f"Redaktører: {EDITOR}", f"Redaktører: {EDITOR}, {OTHER}",
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
        ["set-status", "UDD-1", "in_progress", "--note", "færdig"],
        ["assess", "UDD-1", "green"],
        ["note", "UDD-1", "Et notat"],
        ["undo"],
        ["import", str(export)],
        ["access", "list"],
        ["access", "grant", OTHER],
        ["access", "revoke", EDITOR],
    ]
    reads = [["status"], ["show", "UDD-1"], ["check"]]
    results = ssh_server.run_many(OTHER, [["kattegat", *args] for args in attempts + reads])
    for args, result in zip(attempts, results, strict=False):
        assert _refused(result), (args, result.returncode, result.stdout, result.stderr)
    assert plan.read_bytes() == before  # nothing written, not even an audit record
    for args, result in zip(reads, results[len(attempts):], strict=True):
        assert result.returncode == 0, (args, result.stderr)


def test_the_last_editor_cannot_be_revoked(ssh_server: SshServer) -> None:
    """An empty list would open the plan to the whole group, so the last editor stays; handing
    over means granting the successor first."""
    plan = ssh_server.reset_default_plan()
    first = ssh_server.run_many(EDITOR, [["kattegat", "access", "grant", EDITOR],
                                         ["kattegat", "access", "revoke", EDITOR]])
    assert first[0].returncode == 0
    last = first[1]
    assert last.returncode == 1 and last.stdout == ""
    assert len(last.stderr.strip().splitlines()) == 1 and "sidste redaktør" in last.stderr
    assert _refused(ssh_server.kattegat(OTHER, "note", "UDD-1", "Forsøg"))

    handing = ssh_server.run_many(EDITOR, [["kattegat", "access", "grant", OTHER],
                                           ["kattegat", "access", "revoke", EDITOR]])
    assert [r.returncode for r in handing] == [0, 0], [r.stderr for r in handing]
    assert handing[1].stdout.strip() == f"Redaktører: {OTHER}"
    assert ssh_server.kattegat(OTHER, "note", "UDD-1", "Overtaget").returncode == 0
    assert ssh_server.kattegat(EDITOR, "note", "UDD-1", "Forsøg").returncode == 1

    stored = Store(plan, user="root").load()
    assert stored.editors == [OTHER]
    activity = stored.activity("UDD-1")
    assert activity is not None and [(n.by, n.text) for n in activity.notes] == [
        (OTHER, "Overtaget")]
    assert [(c.who, c.new) for c in stored.changes if c.entity == "access"] == [
        (EDITOR, [EDITOR]), (EDITOR, [EDITOR, OTHER]), (EDITOR, [OTHER])]


def test_non_editor_gets_view_mode_in_the_dashboard(ssh_server: SshServer,
                                                    terminal: Terminal) -> None:
    """Both logins can write the file (same group); the list of editors alone decides."""
    plan = ssh_server.new_plan()
    Store(plan, user=EDITOR).grant(EDITOR)
    before = plan.read_bytes()
    viewer = start_dashboard(terminal, ssh_server, OTHER, plan, "viewer")
    editor = start_dashboard(terminal, ssh_server, EDITOR, plan, "editor")
    view_only = TR.t("app.view_only")
    assert view_only in terminal.wait_for(viewer, overview_drawn, timeout=30).splitlines()[0]
    assert view_only not in terminal.wait_for(editor, overview_drawn, timeout=30)

    activity_id = show_plan_tab(terminal, viewer)
    for key in ("s", "n"):
        terminal.keys(viewer, key)
        terminal.wait_for(viewer, OTHER)  # the refusal names the login
        # Had a dialog opened, it would take the "1"; the overview shows only if none did.
        terminal.keys(viewer, "1")
        screen = terminal.wait_for(viewer, overview_drawn)
        assert TR.t("dialog.status_title") not in screen
        assert TR.t("dialog.note_title") not in screen
        assert show_plan_tab(terminal, viewer) == activity_id
    assert plan.read_bytes() == before

    # the viewer still follows the editor's changes
    assert show_plan_tab(terminal, editor) == activity_id
    terminal.keys(editor, "s")
    terminal.wait_for(editor, TR.t("dialog.status_title"))
    terminal.keys(editor, str(list(Status).index(Status.DONE) + 1))
    terminal.wait_for(editor, status_saved(activity_id, Status.DONE))
    terminal.wait_for(viewer, row_shows(activity_id, Status.DONE))
    for window in (viewer, editor):
        quit_dashboard(terminal, window)
    assert [c.who for c in Store(plan, user="root").load().changes_for(activity_id)] == [EDITOR]


def test_editing_stops_when_the_list_changes_while_open(ssh_server: SshServer,
                                                         terminal: Terminal) -> None:
    """A colleague narrows the list of editors while another's dashboard is open: the open
    dashboard refuses the next edit, without restarting."""
    plan = ssh_server.new_plan()
    window = open_dashboard(terminal, ssh_server, OTHER, plan, "narrowed")
    show_plan_tab(terminal, window)
    granted = ssh_server.kattegat(EDITOR, "--db", str(plan), "access", "grant", EDITOR)
    assert granted.returncode == 0, granted.stderr
    before = plan.read_bytes()
    terminal.wait_for(window, lambda s: TR.t("app.view_only") in s.splitlines()[0], timeout=5)

    terminal.keys(window, "s")
    terminal.wait_for(window, OTHER)  # the refusal names the login
    terminal.keys(window, "1")  # a status picker, had it opened, would take this key
    screen = terminal.wait_for(window, overview_drawn)
    assert TR.t("dialog.status_title") not in screen
    quit_dashboard(terminal, window)
    assert plan.read_bytes() == before
