"""Shared fixtures. Names are stable; other test modules rely on them.

- ``plan_path``: Path to ``tmp_path / "db.json"``, a plan file seeded from ``seed_plan()``
  (written through the store by user "tester"; byte-identical to ``data/db.json``).
- ``store``: ``Store(plan_path, user="tester", clock=clock)``.
- ``clock``: a ``FixedClock`` (tests/fixed_clock.py) at 2026-11-30 09:00 UTC (the tests' "today"); call
  ``clock.advance(minutes=5)`` to move it, or pass ``step=`` to tick on every reading.
- ``seeded_bytes``: the bytes of ``data/db.json`` (for byte-for-byte comparisons; never write it).
- ``cli``: run the real ``kattegat`` command in a subprocess: ``cli("--db", str(p), "status")``
  returns a ``CompletedProcess`` with text ``stdout``/``stderr``; ``cwd=`` and ``env=`` (added to
  a clean environment without KATTEGAT_* variables) are optional.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fixed_clock import FixedClock

from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store

REPO = Path(__file__).resolve().parents[1]
SEEDED_DB = REPO / "data" / "db.json"
TEST_USER = "tester"


def seed_file(path: Path, user: str = TEST_USER) -> Path:
    """Write the seeded plan to ``path`` through the store."""
    Store(path, user=user).create(seed_plan())
    return path


def _kattegat_command() -> list[str]:
    script = Path(sys.executable).parent / "kattegat"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kattegat_tui.cli"]


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KATTEGAT_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra or {})
    return env


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return seed_file(tmp_path / "db.json")


@pytest.fixture
def store(plan_path: Path, clock: FixedClock) -> Store:
    return Store(plan_path, user=TEST_USER, clock=clock)


@pytest.fixture
def seeded_bytes() -> bytes:
    return SEEDED_DB.read_bytes()


CliRunner = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def cli() -> CliRunner:
    def run(*args: str, cwd: Path | str | None = None, env: dict[str, str] | None = None,
            input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*_kattegat_command(), *args], cwd=cwd, env=clean_env(env),
                              input=input, capture_output=True, text=True, timeout=timeout,
                              check=False)
    return run
