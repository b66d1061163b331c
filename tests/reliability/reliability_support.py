"""Small helpers shared by the reliability tests (imported as a plain module)."""

from __future__ import annotations

import grp
import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def temp_files(directory: Path) -> list[Path]:
    """Temp files a writer of a plan in ``directory`` could leave behind."""
    return sorted(p for p in directory.rglob("*") if p.name.endswith(".tmp"))


def read_json(path: Path) -> Any:
    """The file parsed by the standard library, independently of the store."""
    return json.loads(path.read_bytes().decode("utf-8"))


def notes_of(doc: Any, activity_id: str) -> list[dict[str, Any]]:
    for record in doc["activities"].values():
        if record["id"] == activity_id:
            notes: list[dict[str, Any]] = record["notes"]
            return notes
    raise KeyError(activity_id)


def kattegat_command() -> list[str]:
    """The installed ``kattegat`` console script (or ``python -m`` when it is not installed)."""
    script = Path(sys.executable).parent / "kattegat"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kattegat_tui.cli"]


def run_all(commands: list[list[str]], timeout: float = 120) -> list[subprocess.CompletedProcess[str]]:
    """Run several ``kattegat`` commands at once (each its own process); results in order."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KATTEGAT_")}
    procs = [subprocess.Popen([*kattegat_command(), *args], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for args in commands]
    results = []
    for args, proc in zip(commands, procs, strict=True):
        out, err = proc.communicate(timeout=timeout)
        results.append(subprocess.CompletedProcess(args, proc.returncode, out, err))
    return results


def other_group() -> int:
    """A group a shared folder can be given that is not root's own."""
    for name in ("users", "staff", "nogroup"):
        try:
            return grp.getgrnam(name).gr_gid
        except KeyError:
            continue
    pytest.skip("no spare group on this machine")


def as_user(uid: int, gid: int, groups: list[int], action: Callable[[], object]) -> None:
    """Run ``action`` in a forked child process that has become another OS user; a failure in
    the child fails the test with the child's traceback."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        status = 0
        try:
            os.setgroups(groups)
            os.setgid(gid)
            os.setuid(uid)
            action()
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
            status = 1
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        problem = fh.read().decode()
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, problem
