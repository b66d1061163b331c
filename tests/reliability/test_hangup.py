"""A dropped terminal (SIGHUP, the pty gone) ends the dashboard promptly, at any moment of start-up,
and leaves the plan valid with its lock free."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import time
from pathlib import Path

from reliability_support import kattegat_command

from kattegat_tui.store import Store
from kattegat_tui.store.durable import lock_path


def _drain(fd: int, seconds: float) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if b"Overblik" in out:
            break
    return out


def test_hangup_during_start_and_after_ends_the_app(plan_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KATTEGAT_")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    for delay in (0.05, 0.3, 0.8, None):
        pid, fd = pty.fork()
        if pid == 0:  # the child: the dashboard on the plan, in the pty
            os.execvpe(kattegat_command()[0], [*kattegat_command(), "--db", str(plan_path),
                                                  "--today", "2026-11-30"], env)
        if delay is None:
            assert b"Overblik" in _drain(fd, 20)  # drawn: hang up a running dashboard
        else:
            time.sleep(delay)  # hang up while it is still starting and drawing
        os.kill(pid, signal.SIGHUP)
        os.close(fd)
        deadline = time.monotonic() + 10
        status = None
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError(f"the dashboard did not exit after a hangup (delay {delay})")
        assert status is not None
        Store(plan_path).load()  # still a valid plan
        lock_fd = os.open(lock_path(plan_path), os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody holds the lock
        finally:
            os.close(lock_fd)
