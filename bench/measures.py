"""The measurements: first screen, key to screen, key to durable, CLI and peak memory."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from kattegat_tui.domain import Status
from kattegat_tui.i18n import translator
from kattegat_tui.store import Store

from .bare_app import MARKER as BARE_MARKER
from .terminal import COLS, ROWS, PtySession, Screen, Timeout, child_env

__all__ = ["COLS", "ROWS"]

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-30"
TR = translator("da")
KATTEGAT_MARKERS = (TR.t("app.title"), TR.t("tab.overview"))


def python() -> str:
    return sys.executable


def kattegat() -> list[str]:
    script = Path(sys.executable).with_name("kattegat")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "kattegat_tui.cli"]


def dashboard_argv(db: Path) -> list[str]:
    return [*kattegat(), "--db", str(db), "--today", TODAY]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- first screen ------------------------------------------------------------------------------------


@dataclass
class Program:
    """A program whose first screen is timed: the argv and the texts that prove it is drawn."""

    name: str
    argv: list[str]
    markers: tuple[str, ...]
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def bare_program() -> Program:
    return Program("bare", [python(), str(ROOT / "bench" / "bare_app.py")], (BARE_MARKER,))


def dashboard_program(name: str, db: Path) -> Program:
    return Program(name, dashboard_argv(db), KATTEGAT_MARKERS)


def time_first_screen(program: Program, timeout: float = 60.0,
                      ) -> tuple[float, float | None, int | None]:
    """(ms to the first screen, CPU ms the program used by then, its peak RSS in KiB)."""
    with PtySession(program.argv, cwd=ROOT) as session:
        shown = session.wait_for_text(*program.markers, timeout=timeout)
        cpu = session.cpu_ms()
        elapsed = (shown - session.started) * 1000
        return elapsed, cpu, session.peak_rss_kib()


def first_screen(programs: Sequence[Program], runs: int, warmup: int = 1) -> None:
    """Alternating runs (the order rotates each round); the first ``warmup`` rounds are not kept."""
    for round_no in range(warmup + runs):
        shift = round_no % len(programs)
        for program in [*programs[shift:], *programs[:shift]]:
            try:
                elapsed, cpu, peak = time_first_screen(program)
            except Timeout as exc:
                program.failures.append(str(exc))
                continue
            if round_no >= warmup:
                program.times_ms.append(elapsed)
                if cpu is not None:
                    program.cpu_ms.append(cpu)
                if peak:
                    program.peak_kib.append(peak)
        if round_no >= warmup:
            log(f"  first screen round {round_no - warmup + 1}/{runs}: " + ", ".join(
                f"{p.name} {p.times_ms[-1]:.0f} ms" for p in programs if p.times_ms))


# -- key to screen and key to durable ----------------------------------------------------------------


@dataclass
class KeyResult:
    screen_ms: list[float] = field(default_factory=list)
    durable_ms: list[float] = field(default_factory=list)
    screen_cpu_ms: list[float] = field(default_factory=list)  # CPU the app used, key to screen
    durable_cpu_ms: list[float] = field(default_factory=list)
    busy_ms: list[float] = field(default_factory=list)  # key until the app is idle again
    open_ms: list[float] = field(default_factory=list)  # `s` until the picker is drawn
    close_ms: list[float] = field(default_factory=list)  # picker closed without a change
    peak_kib: int | None = None
    na: str = ""
    detail: str = ""
    rounds: int = 0
    cut_short: bool = False  # stopped by the time budget


class FileWatch:
    """Notices the moment the plan file is replaced (the store writes a temp file and renames it) or
    its journal grows (``<plan>.journal``: small plans are rewritten, large ones appended to)."""

    def __init__(self, path: Path) -> None:
        self.paths = (path, path.with_name(path.name + ".journal"))
        self.stamp = self._stamp()
        self.changed_at: float | None = None

    def _stamp(self) -> tuple[tuple[int, int, int] | None, ...]:
        out: list[tuple[int, int, int] | None] = []
        for path in self.paths:
            try:
                st = os.stat(path)
            except OSError:
                out.append(None)
                continue
            out.append((st.st_ino, st.st_mtime_ns, st.st_size))
        return tuple(out)

    def arm(self) -> None:
        self.stamp = self._stamp()
        self.changed_at = None

    def poll(self) -> None:
        if self.changed_at is None:
            stamp = self._stamp()
            if stamp != self.stamp:
                self.changed_at = time.perf_counter()
                self.stamp = stamp


def stored_status(path: Path, activity_id: str) -> str | None:
    """The status as the store reads it (the plan file and any journal beside it)."""
    activity = Store(path, user="bench").load().activity(activity_id)
    return activity.status.value if activity else None


def first_activity_id(path: Path) -> str:
    """The ID of the first activity in the file (the synthetic plans start with the seeded ones)."""
    doc = orjson.loads(path.read_bytes())
    first = min(doc["activities"], key=int)
    return str(doc["activities"][first]["id"])


class StatusChangeUI:
    """How a status change is typed on the plan view: ``2`` opens the plan tab, ``s`` on the activity
    under the cursor opens the status menu on its row (widgets/status_menu.py), and the digit in front of
    a status chooses it (the final key). Kept in one place so the bench follows the UI."""

    open_plan = "2"
    open_picker = "s"

    def __init__(self, session: PtySession) -> None:
        self.session = session
        self.picker_title = TR.t("dialog.status_title")
        self.status_key_label = TR.t("key.status")

    def cell(self, status: Status) -> str:
        return TR.status_cell(status)

    def show_plan(self, activity_id: str, timeout: float, give_up_quiet: float = 3.0) -> None:
        """Open the plan tab and wait for ``activity_id``'s row; a tab that has drawn and then stays
        quiet for ``give_up_quiet`` seconds without the row means the list is not there."""
        session = self.session
        sent = session.send(self.open_plan)
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            got = session.pump(0.05)
            if got is not None and self.ready(session.screen, activity_id):
                session.settle_idle()
                return
            now = time.perf_counter()
            if session.last_output > sent and now - session.last_output > give_up_quiet:
                break
        raise Timeout(session.describe_failure())

    def ready(self, screen: Screen, activity_id: str) -> bool:
        """The row is drawn and the footer offers the status key (the list has the keyboard)."""
        footer = "\n".join(screen.lines()[-2:])
        return screen.row_with(activity_id) is not None and \
            f"{self.open_picker} {self.status_key_label}" in footer

    def picker_open(self, screen: Screen, activity_id: str) -> bool:
        return screen.row_with(activity_id) is not None and \
            f"{self.picker_title} {activity_id}" in screen.text()

    def open_status_picker(self, activity_id: str, timeout: float) -> float:
        """Press the picker key; milliseconds until the picker for ``activity_id`` is drawn."""
        other = re.compile(re.escape(self.picker_title) + r" (\S+)")
        sent = self.session.send(self.open_picker)
        shown = self.session.wait_for(lambda s: other.search(s.text()) is not None, timeout)
        self.session.settle_idle()
        found = other.search(self.session.screen.text())
        if found is None or found.group(1) != activity_id:
            raise Timeout(f"the status picker opened for {found and found.group(1)}, not {activity_id}")
        return (shown - sent) * 1000

    def close_unchanged(self, activity_id: str, current: Status, timeout: float) -> float:
        """Choose the status the activity already has (no write); milliseconds until the picker
        is gone: what closing the modal picker costs on its own."""
        title = f"{self.picker_title} {activity_id}"
        sent = self.session.send(self.choose_keys(current, current)[1])
        gone = self.session.wait_for(lambda s: title not in s.text(), timeout)
        self.session.settle_idle()
        return (gone - sent) * 1000

    def choose_keys(self, current: Status, new: Status) -> tuple[str, str]:
        """(keys that move to ``new`` in the picker, the final key that applies it)."""
        return "", str(list(Status).index(new) + 1)

    def row_shows(self, screen: Screen, activity_id: str, status: Status) -> bool:
        """The picker is gone and the activity's row shows the new status."""
        if f"{self.picker_title} {activity_id}" in screen.text():
            return False
        cell = self.cell(status)
        return any(cell in row for row in screen.rows_with(activity_id))


def key_latency(db: Path, activity_id: str, rounds: int, warmup: int = 3,
                load_timeout: float = 60.0, budget_s: float | None = None) -> KeyResult:
    """Change ``activity_id``'s status ``rounds`` times through the dashboard in a pty.

    Every fourth round also opens the picker and closes it on the current status (no change, no
    write), which shows what the modal picker costs apart from the edit."""
    result = KeyResult()
    deadline = time.perf_counter() + budget_s if budget_s else None
    watch = FileWatch(db)
    statuses = (Status.DONE, Status.IN_PROGRESS)
    with PtySession(dashboard_argv(db), cwd=ROOT) as session:
        ui = StatusChangeUI(session)
        try:
            session.wait_for_text(*KATTEGAT_MARKERS, timeout=load_timeout)
            session.settle_idle()
            ui.show_plan(activity_id, timeout=load_timeout)
        except Timeout as exc:
            result.na = (f"the plan tab did not show {activity_id} with the key "
                         f"'{ui.open_picker} {ui.status_key_label}' at the bottom")
            result.detail = str(exc)
            result.peak_kib = session.peak_rss_kib()
            return result
        current = Status(stored_status(db, activity_id) or "planned")
        for round_no in range(warmup + rounds):
            if deadline is not None and time.perf_counter() > deadline:
                result.cut_short = True
                break
            keep = round_no >= warmup
            new = statuses[0] if current is not statuses[0] else statuses[1]
            try:
                if round_no % 4 == 3:
                    opened = ui.open_status_picker(activity_id, timeout=30)
                    closed = ui.close_unchanged(activity_id, current, timeout=30)
                    if keep:
                        result.open_ms.append(opened)
                        result.close_ms.append(closed)
                opened = ui.open_status_picker(activity_id, timeout=30)
                if keep:
                    result.open_ms.append(opened)
                move, final = ui.choose_keys(current, new)
                if move:
                    session.send(move)
                    session.settle_idle()
                watch.arm()
                cpu0 = session.cpu_ms()
                sent = session.send(final)
                shown = session.wait_for(lambda s, n=new: ui.row_shows(s, activity_id, n),
                                         timeout=60, poll=watch.poll, step=0.0005)
                cpu_shown = session.cpu_ms()
                deadline = time.perf_counter() + 60
                while watch.changed_at is None and time.perf_counter() < deadline:
                    session.pump(0.0005)
                    watch.poll()
                cpu_durable = session.cpu_ms()
            except Timeout as exc:
                result.na = "a status change did not show"
                result.detail = str(exc)
                break
            if watch.changed_at is None:
                result.na = "the status change never reached the file"
                break
            settled = session.settle_idle()
            stored = stored_status(db, activity_id)  # after the app is idle: no extra load on it
            if stored != new.value:
                result.na = f"the file holds status {stored!r}, the screen shows {new.value!r}"
                break
            if keep:
                result.screen_ms.append((shown - sent) * 1000)
                result.durable_ms.append((watch.changed_at - sent) * 1000)
                result.busy_ms.append((settled - sent) * 1000)
                if cpu0 is not None and cpu_shown is not None and cpu_durable is not None:
                    result.screen_cpu_ms.append(cpu_shown - cpu0)
                    result.durable_cpu_ms.append(cpu_durable - cpu0)
            current = new
        result.rounds = len(result.screen_ms)
        result.peak_kib = session.peak_rss_kib()
    return result


# -- whole-process CLI runs -------------------------------------------------------------------------


@dataclass
class Command:
    name: str
    make_argv: Callable[[int], list[str]]  # run number -> argv (set-status alternates its value)
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def time_command(argv: list[str]) -> tuple[float, float, str | None]:
    """(wall ms, CPU ms of the process, error or None): the whole process, start to exit."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=child_env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = (usage.ru_utime + usage.ru_stime) * 1000
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace").strip()[-300:]
            return elapsed, cpu, message or f"exit {proc.returncode}"
    return elapsed, cpu, None


def cli(commands: Sequence[Command], runs: int, warmup: int = 1) -> None:
    """hyperfine-style: every command once per round, rotating order, medians over the rounds."""
    for round_no in range(warmup + runs):
        shift = round_no % len(commands)
        for command in [*commands[shift:], *commands[:shift]]:
            elapsed, cpu, error = time_command(command.make_argv(round_no))
            if error:
                command.failures.append(error)
            elif round_no >= warmup:
                command.times_ms.append(elapsed)
                command.cpu_ms.append(cpu)


def status_command(name: str, db: Path) -> Command:
    return Command(name, lambda _n: [*kattegat(), "--db", str(db), "--today", TODAY, "status"])


def set_status_command(name: str, db: Path, activity_id: str) -> Command:
    def argv(n: int) -> list[str]:
        status = Status.DONE if n % 2 == 0 else Status.IN_PROGRESS
        return [*kattegat(), "--db", str(db), "set-status", activity_id, status.value]

    return Command(name, argv)


def import_tinydb_command() -> Command:
    return Command("import tinydb", lambda _n: [python(), "-c", "import tinydb"])


def python_pass_command() -> Command:
    return Command("python -c pass", lambda _n: [python(), "-c", "pass"])
