"""The dashboard through a real ``ssh -t`` session in tmux at 80x24: edits by keys land in the file
under the SSH login, a dropped connection loses nothing and leaves nothing locked, and two
sessions on one plan see each other's edits."""

from __future__ import annotations

import os
import signal
import time

from kattegat_tui.domain import Status
from kattegat_tui.store import Store

from .conftest import EDITORS, SshServer
from .dashboard import (
    TR,
    cursor_activity,
    eventually,
    kattegat_processes,
    lock_is_free,
    open_dashboard,
    quit_dashboard,
    row_shows,
    saved,
    show_plan_tab,
    start_dashboard,
    status_saved,
)
from .terminal import Terminal

EDITOR, OTHER = EDITORS
NOTE = "Drøftet på sekretariatsmødet – æøå ÆØÅ"


def test_status_and_note_by_keys_over_ssh(ssh_server: SshServer, terminal: Terminal) -> None:
    plan = ssh_server.new_plan()
    window = open_dashboard(terminal, ssh_server, EDITOR, plan, "edit")
    activity_id = show_plan_tab(terminal, window)
    before = Store(plan, user="root").load().activity(activity_id)
    assert before is not None and before.status is not Status.DONE

    terminal.keys(window, "s")
    terminal.wait_for(window, TR.t("dialog.status_title"))
    terminal.keys(window, str(list(Status).index(Status.DONE) + 1))
    terminal.wait_for(window, status_saved(activity_id, Status.DONE))

    terminal.keys(window, "n")
    terminal.wait_for(window, TR.t("dialog.note_title"))
    terminal.type(window, NOTE)
    terminal.wait_for(window, NOTE)
    terminal.keys(window, "C-s")
    terminal.wait_for(window, saved(activity_id, TR.t("field.note")))
    quit_dashboard(terminal, window)

    stored = Store(plan, user="root").load()
    activity = stored.activity(activity_id)
    assert activity is not None
    assert activity.status is Status.DONE
    assert activity.updated_by == EDITOR
    assert [(n.by, n.text) for n in activity.notes] == [(EDITOR, NOTE)]
    assert [(c.who, c.field, c.old, c.new) for c in stored.changes_for(activity_id)] == [
        (EDITOR, "status", before.status.value, "done"), (EDITOR, "notes", None, NOTE)]
    assert kattegat_processes(EDITOR) == []


def test_dropped_connection_after_a_confirmed_change(ssh_server: SshServer,
                                                     terminal: Terminal) -> None:
    plan = ssh_server.new_plan()
    window = open_dashboard(terminal, ssh_server, EDITOR, plan, "dropped")
    activity_id = show_plan_tab(terminal, window)
    terminal.keys(window, "s")
    terminal.wait_for(window, TR.t("dialog.status_title"))
    terminal.keys(window, str(list(Status).index(Status.ON_HOLD) + 1))
    terminal.wait_for(window, status_saved(activity_id, Status.ON_HOLD))
    assert kattegat_processes(EDITOR)

    os.kill(terminal.pane_pid(window), signal.SIGKILL)  # the client vanishes: no goodbye
    eventually(lambda: not kattegat_processes(EDITOR), "the server-side dashboard exits")

    stored = Store(plan, user="root").load()  # parses and validates the whole file
    activity = stored.activity(activity_id)
    assert activity is not None and activity.status is Status.ON_HOLD
    assert activity.updated_by == EDITOR
    assert lock_is_free(plan)
    assert [p.name for p in plan.parent.iterdir() if p.name.endswith(".tmp")] == []

    again = open_dashboard(terminal, ssh_server, EDITOR, plan, "again")
    show_plan_tab(terminal, again)
    terminal.wait_for(again, row_shows(activity_id, Status.ON_HOLD))
    quit_dashboard(terminal, again)


def test_two_sessions_see_each_others_edits(ssh_server: SshServer, terminal: Terminal) -> None:
    """An edit in one session shows in the other within 2 s of being on disk (the dashboard
    polls the file every second)."""
    plan = ssh_server.new_plan()
    first = open_dashboard(terminal, ssh_server, EDITOR, plan, "first")
    second = open_dashboard(terminal, ssh_server, OTHER, plan, "second")
    activity_id = show_plan_tab(terminal, first)
    assert show_plan_tab(terminal, second) == activity_id
    terminal.wait_for(second, row_shows(activity_id, Store(plan, user="root").load()
                                        .activity(activity_id).status))  # type: ignore[union-attr]

    stamp = os.stat(plan).st_mtime_ns
    terminal.keys(first, "s")
    terminal.wait_for(first, TR.t("dialog.status_title"))
    terminal.keys(first, str(list(Status).index(Status.DONE) + 1))
    eventually(lambda: os.stat(plan).st_mtime_ns != stamp, "the first session's write")
    on_disk = time.monotonic()
    terminal.wait_for(second, row_shows(activity_id, Status.DONE), timeout=2.0)
    shown_after = time.monotonic() - on_disk
    terminal.wait_for(first, status_saved(activity_id, Status.DONE))

    # and the other way round, on the next activity
    terminal.keys(second, "down")
    other_id = cursor_activity(terminal.wait_for(
        second, lambda s: cursor_activity(s) != activity_id))
    stamp = os.stat(plan).st_mtime_ns
    terminal.keys(second, "s")
    terminal.wait_for(second, TR.t("dialog.status_title"))
    terminal.keys(second, str(list(Status).index(Status.CANCELLED) + 1))
    eventually(lambda: os.stat(plan).st_mtime_ns != stamp, "the second session's write")
    on_disk = time.monotonic()
    terminal.wait_for(first, row_shows(other_id, Status.CANCELLED), timeout=2.0)
    print(f"shown in the other session {shown_after:.2f} s and "
          f"{time.monotonic() - on_disk:.2f} s after the write")

    for window in (first, second):
        quit_dashboard(terminal, window)
    stored = Store(plan, user="root").load()
    assert [(c.who, c.entity_id, c.new) for c in stored.changes[-2:]] == [
        (EDITOR, activity_id, "done"), (OTHER, other_id, "cancelled")]


def test_connections_dropped_while_drawing(ssh_server: SshServer, terminal: Terminal) -> None:
    """Connections that drop while the dashboard is still drawing its first screen: every
    server-side dashboard exits, none is left running without its terminal, the lock is free."""
    plan = ssh_server.new_plan()
    windows = [start_dashboard(terminal, ssh_server, OTHER, plan, f"drop{i}") for i in range(4)]
    for window in windows:
        terminal.wait_for(window, lambda screen: bool(screen.strip()), timeout=30)
        os.kill(terminal.pane_pid(window), signal.SIGHUP)
    eventually(lambda: not kattegat_processes(OTHER), "every server-side dashboard exits",
               timeout=20)
    assert lock_is_free(plan)
    Store(plan, user="root").load()
