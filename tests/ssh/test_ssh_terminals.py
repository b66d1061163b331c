"""The overview over SSH in the terminals people have: TERM as the client sends it, with and without
COLORTERM (passed on by the guide's SendEnv/AcceptEnv). The overview must draw and the status
must read as symbol and word, never as colour alone."""

from __future__ import annotations

import re
import time

from kattegat_tui.domain import Status

from .conftest import EDITORS, SshServer
from .dashboard import (
    TR,
    cursor_activity,
    open_dashboard,
    overview_drawn,
    quit_dashboard,
    show_plan_tab,
)
from .terminal import Terminal

TERMS = ("xterm-256color", "screen-256color", "linux", "vt100")
TRUECOLOR = re.compile(r"\x1b\[[0-9;]*[34]8;2;")  # an SGR with a 24-bit colour
EXTENDED = re.compile(r"\x1b\[[0-9;]*[34]8;[25];")  # 256-colour or 24-bit


def test_overview_in_every_terminal(ssh_server: SshServer, terminal: Terminal) -> None:
    plan = ssh_server.new_plan()
    windows = {}
    for term in TERMS:  # all sessions at once: they are independent
        for colorterm in ("truecolor", None):
            name = f"{term}-{colorterm or 'plain'}"
            argv = ssh_server.ssh_argv(EDITORS[0], "kattegat", "--db", str(plan), "--read-only")
            windows[(term, colorterm)] = terminal.open(
                name, argv, {"TERM": term, "COLORTERM": colorterm})

    legible = [TR.status_cell(Status.PLANNED), TR.status_cell(Status.IN_PROGRESS)]
    for (term, colorterm), window in windows.items():
        screen = terminal.wait_for(window, overview_drawn, timeout=60)
        assert all(cell in screen for cell in legible), (term, colorterm, screen)
        assert "Kattegatalliancen" in screen
        coloured = terminal.screen(window, colours=True)
        if colorterm:
            assert TRUECOLOR.search(coloured), (term, "COLORTERM=truecolor gives 24-bit colour")
        else:
            assert not TRUECOLOR.search(coloured), (term, "no 24-bit colour without COLORTERM")
            if term.endswith("-256color"):
                assert EXTENDED.search(coloured), (term, "256 colours")
            else:
                assert not EXTENDED.search(coloured), (term, "16 colours only")
    for window in windows.values():
        quit_dashboard(terminal, window)


def test_escdelay_keeps_a_split_arrow_key_whole(ssh_server: SshServer, terminal: Terminal) -> None:
    """On a slow link an arrow key arrives as Escape, then "[B" a moment later. With the guide's
    ESCDELAY (sent by the client's SendEnv) the dashboard still reads one Down key."""
    plan = ssh_server.new_plan()
    window = open_dashboard(terminal, ssh_server, EDITORS[0], plan, "slow",
                            env={"ESCDELAY": "2000"})
    first = show_plan_tab(terminal, window)
    rows = re.findall(r"^\s*›?\s*([A-Z]+-\d+)\s", terminal.screen(window), re.M)
    expected = rows[rows.index(first) + 2]

    terminal.keys(window, "Escape")
    time.sleep(0.4)  # the link delays the rest of the sequence
    terminal.type(window, "[B")
    terminal.keys(window, "Down")  # a second, whole Down: the cursor has moved twice
    terminal.wait_for(window, lambda screen: cursor_activity(screen) == expected)
    quit_dashboard(terminal, window)
