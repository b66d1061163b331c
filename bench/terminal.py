"""A real terminal for the benchmarks: a pty we drive ourselves, and a small screen model.

The program runs on the slave side of a pty sized like a terminal window; we read its output on the
master side, feed it to ``Screen`` (cursor moves, erases and text: what Textual emits) and look at
the rows. Times are taken with ``time.perf_counter`` at the ``read`` that brought the text.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.cells import get_character_cell_size

COLS, ROWS = 120, 40
PYCACHE = Path(tempfile.gettempdir()) / "kattegat-bench-pycache"


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured program: bytecode caching on, as in a normal installation
    (kept out of the working tree), and no Textual debugging."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    for name in ("TEXTUAL", "TEXTUAL_DEBUG", "TEXTUAL_DEVTOOLS_PORT", "TMUX", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    env.update(extra or {})
    return env

_TOKEN = re.compile(
    r"(?P<text>[^\x00-\x1f\x1b\x7f]+)"
    r"|\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"       # OSC ... BEL / ST
    r"|\x1b[P_^X][^\x1b]*\x1b\\"                # DCS / APC / PM / SOS ... ST
    r"|\x1b[ -/]+[0-~]"                          # charset designation and the like
    r"|\x1b[0-@A-OQ-WYZ\\`-~]"                    # other two-byte escapes (not [ ] P X ^ _)
    r"|(?P<ctl>[\x00-\x1a\x1c-\x1f\x7f])",
    re.S,
)


class Screen:
    """Enough of a VT100 to know what a full-screen Textual app shows."""

    def __init__(self, cols: int = COLS, rows: int = ROWS) -> None:
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self._pending = ""
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode

    def clear(self) -> None:
        self.grid = [[" "] * self.cols for _ in range(self.rows)]

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decode(data)
        self._pending = ""
        pos, end = 0, len(text)
        match = _TOKEN.match
        while pos < end:
            m = match(text, pos)
            if m is None:  # an escape sequence cut off at the end of this read
                if text[pos] == "\x1b" and end - pos < 4096:
                    self._pending = text[pos:]
                    return
                pos += 1
                continue
            pos = m.end()
            if m.group("text") is not None:
                self._put(m.group("text"))
            elif m.group("final") is not None:
                self._csi(m.group("params"), m.group("final"))
            elif m.group("ctl") is not None:
                self._control(m.group("ctl"))

    def _put(self, run: str) -> None:
        if not 0 <= self.y < self.rows:
            return
        row = self.grid[self.y]
        if run.isascii():
            room = self.cols - self.x
            if room > 0:
                part = run[:room]
                row[self.x:self.x + len(part)] = part
            self.x = min(self.x + len(run), self.cols)
            return
        for ch in run:
            width = get_character_cell_size(ch)
            if width == 0:
                continue
            if self.x + width <= self.cols:
                row[self.x] = ch
                if width == 2:
                    row[self.x + 1] = ""
            self.x = min(self.x + width, self.cols)

    def _csi(self, params: str, final: str) -> None:
        private = params.startswith(("?", ">", "<", "="))
        if private:
            if params in ("?1049", "?47", "?1047") and final in "hl":
                self.clear()
            return
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(i: int, default: int = 1) -> int:
            return nums[i] if len(nums) > i and nums[i] else default

        if final in "Hf":
            self.y = min(arg(0) - 1, self.rows - 1)
            self.x = min(arg(1) - 1, self.cols - 1)
        elif final == "A":
            self.y = max(self.y - arg(0), 0)
        elif final == "B":
            self.y = min(self.y + arg(0), self.rows - 1)
        elif final == "C":
            self.x = min(self.x + arg(0), self.cols - 1)
        elif final == "D":
            self.x = max(self.x - arg(0), 0)
        elif final == "G":
            self.x = min(arg(0) - 1, self.cols - 1)
        elif final == "d":
            self.y = min(arg(0) - 1, self.rows - 1)
        elif final == "K":
            mode = arg(0, 0)
            row = self.grid[self.y]
            lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1)}.get(mode, (0, self.cols))
            row[lo:hi] = [" "] * (hi - lo)
        elif final == "J":
            mode = arg(0, 0)
            if mode in (2, 3):
                self.clear()
            elif mode == 0:
                self.grid[self.y][self.x:] = [" "] * (self.cols - self.x)
                for r in range(self.y + 1, self.rows):
                    self.grid[r] = [" "] * self.cols

    def _control(self, ch: str) -> None:
        if ch == "\r":
            self.x = 0
        elif ch == "\n":
            self.y = min(self.y + 1, self.rows - 1)
        elif ch == "\b":
            self.x = max(self.x - 1, 0)

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.grid]

    def text(self) -> str:
        return "\n".join(self.lines())

    def contains(self, *needles: str) -> bool:
        body = self.text()
        return all(n in body for n in needles)

    def rows_with(self, needle: str) -> list[str]:
        """The rows holding ``needle`` as a whole token (not a prefix of a longer ID)."""
        pattern = re.compile(r"(?<![\w-])" + re.escape(needle) + r"(?![\w-])")
        return [line for line in self.lines() if pattern.search(line)]

    def row_with(self, needle: str) -> str | None:
        found = self.rows_with(needle)
        return found[0] if found else None


def process_cpu_ms(pid: int) -> float | None:
    """CPU time used by every thread of ``pid``: robust where wall time is not (a busy machine)."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/schedstat") as fh:
                total += int(fh.read().split()[0])
    except OSError:
        return None
    return total / 1e6


class Timeout(Exception):
    """The program did not show what we waited for."""


class PtySession:
    """One program in a fresh pty of ``cols`` x ``rows``; everything it writes goes to ``screen``."""

    def __init__(self, argv: Sequence[str], *, cols: int = COLS, rows: int = ROWS,
                 env: dict[str, str] | None = None, cwd: Path | str | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.screen = Screen(cols, rows)
        self.raw = bytearray()
        self.keep_raw = False
        self.eof = False
        full_env = child_env({"TERM": "xterm-256color", "COLORTERM": "truecolor",
                              "COLUMNS": str(cols), "LINES": str(rows), **(env or {})})
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave,
                                     env=full_env, cwd=cwd, close_fds=True,
                                     start_new_session=True)
        os.close(slave)
        self.last_output = self.started

    # -- reading ---------------------------------------------------------------------------------

    def pump(self, timeout: float) -> float | None:
        """Read what is there (waiting up to ``timeout``); the time of the read, or None."""
        if self.eof:
            time.sleep(timeout)
            return None
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return None
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the program closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            self.eof = True
            return None
        self.screen.feed(data)
        if self.keep_raw:
            self.raw += data
        self.last_output = now
        return now

    def wait_for(self, condition: Callable[[Screen], bool], timeout: float = 30.0,
                 poll: Callable[[], None] | None = None, step: float = 0.05) -> float:
        """Read until ``condition(screen)`` holds; the time of the read that made it hold."""
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise Timeout(self.describe_failure())
            got = self.pump(min(step, deadline - now))
            if poll is not None:
                poll()
            if got is not None and condition(self.screen):
                return got
            if self.eof and self.proc.poll() is not None:
                raise Timeout("the program exited: " + self.describe_failure())

    def wait_for_text(self, *needles: str, timeout: float = 30.0) -> float:
        return self.wait_for(lambda s: s.contains(*needles), timeout)

    def settle(self, quiet: float = 0.15, limit: float = 5.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if self.pump(quiet) is None and time.perf_counter() - self.last_output >= quiet:
                return

    def settle_idle(self, quiet: float = 0.15, slice_cpu_ms: float = 1.0, limit: float = 120.0,
                    ) -> float:
        """Read until the program has written nothing and stayed (nearly) off the CPU for ``quiet``
        seconds: all the work a key started is done (a save, a reload, a repaint). Returns the
        time it was last busy."""
        deadline = time.perf_counter() + limit
        last_busy = time.perf_counter()
        prev = self.cpu_ms()
        while True:
            got = self.pump(0.01)
            now = time.perf_counter()
            cpu = self.cpu_ms()
            if got is not None:
                last_busy = got
            elif cpu is not None and prev is not None and cpu - prev > slice_cpu_ms:
                last_busy = now
            prev = cpu
            if now - last_busy >= quiet or now > deadline or self.proc.poll() is not None:
                return last_busy

    def describe_failure(self) -> str:
        shown = [line.rstrip() for line in self.screen.lines() if line.strip()]
        return "screen was:\n" + "\n".join(shown[:40])

    # -- writing and ending ------------------------------------------------------------------------

    def send(self, keys: str) -> float:
        """Type ``keys``; the time just before they were written."""
        now = time.perf_counter()
        os.write(self.master, keys.encode())
        return now

    def cpu_ms(self) -> float | None:
        """CPU time the program has used so far, all threads (from schedstat, in ns)."""
        return process_cpu_ms(self.proc.pid)

    def peak_rss_kib(self) -> int | None:
        """VmHWM of the running program (its own peak, not the parent's at fork time)."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def close(self, quit_keys: str = "q", timeout: float = 5.0) -> None:
        """Quit the program with its own key, or end it; always reap it and close the pty."""
        try:
            if self.proc.poll() is None and quit_keys:
                with contextlib.suppress(OSError):
                    self.send(quit_keys)
                deadline = time.perf_counter() + timeout
                while self.proc.poll() is None and time.perf_counter() < deadline:
                    self.pump(0.02)
            if self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait()
        finally:
            with contextlib.suppress(OSError):
                os.close(self.master)

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
