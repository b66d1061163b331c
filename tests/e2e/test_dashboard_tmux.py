"""The real dashboard in a real terminal (tmux, 80x24): change a status by keys, see another
session's CLI change appear, quit, and find both changes and their audit records in the file."""

from __future__ import annotations

import fcntl
import getpass
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kattegat_tui.app import PREBUILD_DELAY_S

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

KATTEGAT = Path(sys.executable).parent / "kattegat"


class Terminal:
    """One tmux session on a private server."""

    def __init__(self, socket: str, name: str) -> None:
        self.socket = socket
        self.name = name

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=False, timeout=20)
        return done.stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str | Callable[[str], bool], seconds: float = 30.0) -> str:
        """Poll the screen until ``text`` shows; returns the screen."""
        check = text if callable(text) else (lambda screen: text in screen)
        deadline = time.monotonic() + seconds
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"not on screen after {seconds}s: {text!r}\n{screen}")


@pytest.fixture
def terminal(plan_path: Path) -> Iterator[Terminal]:
    socket = f"kattegat-e2e-{os.getpid()}"
    term = Terminal(socket, "dash")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KATTEGAT_")}
    command = (f"{shlex.quote(str(KATTEGAT))} --db {shlex.quote(str(plan_path))} "
               f"--today 2026-11-30; echo EXIT=$?; sleep 60")
    subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "dash",
                    "-x", "80", "-y", "24", command], check=True, env=env, timeout=20)
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False, timeout=20)


def records(path: Path) -> tuple[dict[str, dict], list[dict]]:  # type: ignore[type-arg]
    data = json.loads(path.read_text(encoding="utf-8"))
    activities = {a["id"]: a for a in data["activities"].values()}
    changes = sorted(data["changes"].values(), key=lambda c: int(c["id"]))
    return activities, changes


def test_status_by_keys_and_a_cli_change_meanwhile(terminal: Terminal, plan_path: Path,
                                                   cli: Callable[..., subprocess.CompletedProcess[str]]
                                                   ) -> None:
    terminal.wait_for("Fremdrift")
    terminal.keys("2")
    terminal.wait_for("Gruppér")
    terminal.keys("s")
    terminal.wait_for("Status for HAVN-1")
    terminal.keys("3")  # Afsluttet
    terminal.wait_for("Gemt: HAVN-1")
    assert "● Afsluttet" in terminal.screen()

    done = cli("--db", str(plan_path), "set-status", "HAVN-2", "on_hold", "--note", "fra CLI")
    assert done.returncode == 0, done.stderr
    changed_at = time.monotonic()
    terminal.wait_for(lambda s: "HAVN-2" in s and "‖ Sat i bero" in s, seconds=10)
    assert time.monotonic() - changed_at < 2.0 + 0.5  # polled every second; 0.5 s for capture-pane
    assert "›HAVN-1" in terminal.screen()  # the cursor stayed where it was

    terminal.keys("q")
    terminal.wait_for("EXIT=0")

    activities, changes = records(plan_path)
    assert activities["HAVN-1"]["status"] == "done"
    assert activities["HAVN-2"]["status"] == "on_hold"
    mine = [c for c in changes if c["entity_id"] == "HAVN-1"]
    assert [(c["field"], c["old"], c["new"], c["who"]) for c in mine] == \
        [("status", "in_progress", "done", getpass.getuser())]
    assert any(c["entity_id"] == "HAVN-2" and c["new"] == "on_hold" for c in changes)


def test_keys_typed_right_after_switching_to_the_plan_reach_it(terminal: Terminal) -> None:
    """"2" then "s" at typing speed, once the first screen is up: the status menu opens on the
    plan's activity (the plan tab is prepared in advance, so the "s" is neither dropped nor sent to
    the overview)."""
    terminal.wait_for("Kræver opmærksomhed")
    time.sleep(PREBUILD_DELAY_S + 0.5)  # a person starts typing after the plan tab is prepared
    terminal.keys("2s")  # one write: both keys arrive together
    terminal.wait_for("Status for HAVN-1", seconds=5)  # the plan's first activity


@contextmanager
def held_lock(plan: Path) -> Iterator[None]:
    """Another writer holding the plan: an exclusive flock on ``<plan>.lock`` for the block."""
    fd = os.open(plan.with_name(plan.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o660)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def test_quit_waits_for_a_status_write_held_up_by_the_lock(terminal: Terminal,
                                                           plan_path: Path) -> None:
    terminal.wait_for("Fremdrift")
    terminal.keys("2")
    terminal.wait_for("Gruppér")
    with held_lock(plan_path):
        terminal.keys("s")
        terminal.wait_for("Status for HAVN-1")
        terminal.keys("3")  # Afsluttet: shown at once, the write waits for the lock
        terminal.wait_for("● Afsluttet")
        terminal.keys("q")
        terminal.wait_for("Gemmer … venter på at ændringen", seconds=5)
        time.sleep(2.0)  # the lock is held this long: the dashboard must still be waiting
        assert "EXIT=" not in terminal.screen()
        activities, _ = records(plan_path)
        assert activities["HAVN-1"]["status"] == "in_progress"
    terminal.wait_for("EXIT=0", seconds=10)  # the lock is free: written, then closed
    activities, changes = records(plan_path)
    assert activities["HAVN-1"]["status"] == "done"
    assert [(c["field"], c["new"]) for c in changes if c["entity_id"] == "HAVN-1"] == \
        [("status", "done")]


def test_quit_without_waiting_names_the_lost_change_and_exits_non_zero(terminal: Terminal,
                                                                       plan_path: Path) -> None:
    terminal.wait_for("Fremdrift")
    terminal.keys("2")
    terminal.wait_for("Gruppér")
    before = plan_path.read_bytes()
    with held_lock(plan_path):
        terminal.keys("s")
        terminal.wait_for("Status for HAVN-1")
        terminal.keys("3")
        terminal.wait_for("● Afsluttet")
        terminal.keys("q")
        terminal.wait_for("Gemmer … venter på at ændringen", seconds=5)
        terminal.keys("q")  # again: quit without waiting, after saying what is lost
        terminal.wait_for("Afslut uden at gemme", seconds=5)
        assert "HAVN-1" in terminal.screen()
        terminal.keys("y")
        screen = terminal.wait_for("EXIT=", seconds=5)
        assert "EXIT=1" in screen
        assert "kattegat: ikke gemt: HAVN-1 · Status Afsluttet" in screen  # on stderr, after
    # the lock is free now; the process has ended (EXIT shown), so its abandoned write ended with
    # it and can never land late
    assert plan_path.read_bytes() == before
