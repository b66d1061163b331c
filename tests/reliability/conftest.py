"""Helpers for tests that run real processes against a real plan file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reliability_support import other_group

WORKER = Path(__file__).with_name("worker.py")

Spawn = Callable[..., "subprocess.Popen[str]"]


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    """Start ``worker.py COMMAND ARGS...`` as a separate process; all are killed at teardown."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str | Path, stdin: bool = False) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), *map(str, args)],
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)



@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A ``2770`` folder shared by root and the group of a second, unprivileged user
    (``nobody``), as docs/ssh.md sets up a plan's folder."""
    if os.geteuid() != 0:
        pytest.skip("needs root to act as a second user")
    gid = other_group()
    base = Path(tempfile.mkdtemp(prefix="kattegat-shared-"))
    os.chown(base, 0, gid)
    base.chmod(0o2770)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)
