"""Driving the dashboard through ``ssh`` in tmux: open it, read the screen, find its processes."""

from __future__ import annotations

import fcntl
import os
import pwd
import re
import time
from collections.abc import Callable
from pathlib import Path

from kattegat_tui.domain import Status
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.i18n import translator

from .conftest import SshServer
from .terminal import Terminal

TR = translator("da")
FOCUS_AREAS = [area.name("da") for area in seed_plan().focus_areas]


def overview_drawn(screen: str) -> bool:
    """The overview is up: every focus area is named on it."""
    return all(name in screen for name in FOCUS_AREAS)


def start_dashboard(terminal: Terminal, server: SshServer, user: str, plan: Path, name: str, *,
                    env: dict[str, str | None] | None = None) -> str:
    """``ssh -t host kattegat --db PLAN`` as ``user`` in a new 80x24 window (not waited for)."""
    settings: dict[str, str | None] = {"TERM": "xterm-256color", "COLORTERM": None, **(env or {})}
    return terminal.open(name, server.ssh_argv(user, "kattegat", "--db", str(plan)), settings)


def open_dashboard(terminal: Terminal, server: SshServer, user: str, plan: Path, name: str, *,
                   env: dict[str, str | None] | None = None) -> str:
    """As ``start_dashboard``, and wait until the overview is drawn."""
    window = start_dashboard(terminal, server, user, plan, name, env=env)
    terminal.wait_for(window, overview_drawn, timeout=30)
    return window


_CELLS = "|".join(re.escape(TR.status_cell(s)) for s in Status)
_CURSOR_ROW = re.compile(rf"^\s*›\s*([A-Z]+-\d+)\s.*(?:{_CELLS})", re.M)


def plan_list_shown(screen: str) -> bool:
    """The plan tab's list is up: the cursor row shows an activity with its status in words."""
    return bool(_CURSOR_ROW.search(screen))


def show_plan_tab(terminal: Terminal, window: str) -> str:
    """Press 2 and wait for the activity list; returns the id under the cursor."""
    terminal.keys(window, "2")
    return cursor_activity(terminal.wait_for(window, plan_list_shown))


def cursor_activity(screen: str) -> str:
    """The id of the activity under the cursor (the row marked with ›)."""
    found = _CURSOR_ROW.search(screen)
    assert found, screen
    return found.group(1)


def row_shows(activity_id: str, status: Status) -> Callable[[str], bool]:
    """A screen check: the list row of ``activity_id`` shows ``status`` as symbol and word."""
    pattern = re.compile(rf"^\s*›?{re.escape(activity_id)}\s.*{re.escape(TR.status_cell(status))}",
                         re.M)
    return lambda screen: bool(pattern.search(screen))


def saved(activity_id: str, what: str) -> str:
    """The dashboard's confirmation that an edit is on disk."""
    return TR.t("msg.saved", what=f"{activity_id} · {what}")


def status_saved(activity_id: str, status: Status) -> str:
    return saved(activity_id, f"{TR.t('field.status')} {TR.status(status)}")


def quit_dashboard(terminal: Terminal, window: str) -> None:
    terminal.keys(window, "q")
    terminal.wait_for(window, lambda _: terminal.is_dead(window))


def kattegat_processes(user: str) -> list[int]:
    """Running ``kattegat`` processes of ``user`` (the server side of a session)."""
    uid = pwd.getpwnam(user).pw_uid
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid == uid and b"kattegat" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def lock_is_free(plan: Path) -> bool:
    """Nobody holds the plan's lock: an exclusive, non-blocking flock succeeds at once."""
    try:
        fd = os.open(plan.with_name(plan.name + ".lock"), os.O_RDWR)
    except FileNotFoundError:
        return True  # never written: nothing to hold
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def eventually(check: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    """Wait for ``check`` to hold (a generous bound; failing means it never happened)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still not true after {timeout:g} s")
        time.sleep(0.05)
