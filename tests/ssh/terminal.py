"""A private tmux server: real terminals at 80x24 in which the ``ssh`` client runs."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

WIDTH, HEIGHT = 80, 24


class ScreenTimeout(AssertionError):
    """The expected text did not appear; the message holds the last screen."""


class Terminal:
    def __init__(self, socket: Path) -> None:
        self.socket = socket
        self._started = False

    def tmux(self, *args: str, check: bool = True) -> str:
        # -u and a UTF-8 locale: the screens hold ○ ◐ ● and æøå whatever the caller's locale
        result = subprocess.run(["tmux", "-u", "-S", str(self.socket), *args], capture_output=True,
                                text=True, encoding="utf-8", stdin=subprocess.DEVNULL, timeout=30,
                                check=False, env={**os.environ, "LC_ALL": "C.UTF-8"})
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def open(self, name: str, argv: Sequence[str], env: dict[str, str | None] | None = None,
             ) -> str:
        """Run ``argv`` in a new 80x24 window; returns the window's target. ``env`` sets (or,
        with None, removes) variables for it."""
        settings = []  # env(1) wants every -u before the first assignment
        for key, value in (env or {}).items():
            if value is None:
                settings = ["-u", key, *settings]
            else:
                settings.append(f"{key}={value}")
        command = "exec " + shlex.join(["env", *settings, *argv])
        if not self._started:
            # an idle first window keeps the server up while the options are set
            self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-n", "idle",
                      "-x", str(WIDTH), "-y", str(HEIGHT), "sleep 86400")
            self.tmux("set-option", "-g", "remain-on-exit", "on")
            self.tmux("set-option", "-g", "status", "off")
            self._started = True
        self.tmux("new-window", "-d", "-t", "t", "-n", name, command)
        self.tmux("resize-window", "-t", f"t:{name}", "-x", str(WIDTH), "-y", str(HEIGHT))
        return f"t:{name}"

    def screen(self, target: str, *, colours: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", target)

    def pane_pid(self, target: str) -> int:
        return int(self.tmux("display-message", "-p", "-t", target, "#{pane_pid}").strip())

    def is_dead(self, target: str) -> bool:
        return self.tmux("display-message", "-p", "-t", target, "#{pane_dead}").strip() == "1"

    def keys(self, target: str, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", target, *(["-l"] if literal else []), *keys)

    def type(self, target: str, text: str) -> None:
        self.keys(target, text, literal=True)

    def wait_for(self, target: str, check: str | Callable[[str], bool], *,
                 timeout: float = 20.0, colours: bool = False) -> str:
        """Poll the screen until ``check`` (a text or a predicate) holds; returns that screen."""
        test = (lambda s: check in s) if isinstance(check, str) else check
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen(target, colours=colours)
            if test(screen):
                return screen
            if "Pane is dead" in screen:
                break
            time.sleep(0.05)
        raise ScreenTimeout(f"waited {timeout:g} s for {check!r}; the screen:\n{screen}")

    def close(self) -> None:
        if self._started:
            with contextlib.suppress(Exception):
                self.tmux("kill-server", check=False)
        with contextlib.suppress(FileNotFoundError):
            self.socket.unlink()
