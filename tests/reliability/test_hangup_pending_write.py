"""A hangup while a status change waits for another process's lock: the dashboard still ends
within its grace period, names the change that was not saved on stderr, and the change does not
land later."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import time
from pathlib import Path

from reliability_support import kattegat_command

from kattegat_tui.quitting import EXIT_HANGUP, HANGUP_GRACE_S
from kattegat_tui.store.durable import lock_path


def _read_until(fd: int, wanted: bytes, seconds: float, out: bytes = b"") -> bytes:
    end = time.monotonic() + seconds
    while time.monotonic() < end and wanted not in out:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out


def test_hangup_with_a_write_waiting_for_the_lock_ends_promptly_and_says_so(plan_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KATTEGAT_")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", COLUMNS="100", LINES="30")
    before = plan_path.read_bytes()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(kattegat_command()[0], [*kattegat_command(), "--db", str(plan_path),
                                              "--today", "2026-11-30"], env)
    lock_fd = os.open(lock_path(plan_path), os.O_RDWR | os.O_CREAT, 0o660)
    try:
        assert b"Overblik" in _read_until(fd, b"Overblik", 20)
        time.sleep(1.5)  # the plan tab is prepared
        os.write(fd, b"2")
        _read_until(fd, b"Grupp", 5)
        os.write(fd, b"s")
        _read_until(fd, b"Status for", 5)
        fcntl.flock(lock_fd, fcntl.LOCK_EX)  # another writer holds the plan from now on
        os.write(fd, b"3")  # Afsluttet: shown, then waits for the lock
        _read_until(fd, b"Afsluttet", 5)
        time.sleep(0.5)
        hung_up = time.monotonic()
        os.kill(pid, signal.SIGHUP)
        # read until the line itself: a screen drawn after the hangup names HAVN-1 too, and a
        # reader that stops there leaves the dashboard blocked writing to a full terminal
        output = _read_until(fd, b"kattegat: ikke gemt", HANGUP_GRACE_S + 5)
        status = None
        while time.monotonic() < hung_up + HANGUP_GRACE_S + 5:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("the dashboard did not end after a hangup")
        took = time.monotonic() - hung_up
        assert took < HANGUP_GRACE_S + 1.5, took
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == EXIT_HANGUP
        text = output.decode("utf-8", "replace")
        assert "kattegat: ikke gemt: HAVN-1 · Status Afsluttet" in text
    finally:
        os.close(lock_fd)  # the lock is free: nothing may be written now
        os.close(fd)
    time.sleep(0.5)
    assert plan_path.read_bytes() == before
