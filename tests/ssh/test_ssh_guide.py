"""docs/ssh.md stays tested: every block in it is used by this suite, and its install step builds
what the suite runs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import GUIDE, guide_commands

HERE = Path(__file__).parent
# Blocks the suite does not run as written, and why.
NOT_RUN = {"sshd_reload": "the suite checks its own configuration with `sshd -t` and starts its "
                          "own server instead of reloading the system's"}


def test_every_block_of_the_guide_is_used_by_the_suite() -> None:
    blocks = re.findall(r"<!-- block: ([a-z_]+) -->\s*```", GUIDE.read_text(encoding="utf-8"))
    assert len(blocks) == len(set(blocks)), "block names are unique"
    source = "\n".join(p.read_text(encoding="utf-8") for p in HERE.glob("*.py"))
    used = set(re.findall(r"guide_(?:block|commands)\(\s*\"([a-z_]+)\"", source))
    assert sorted(set(blocks) - used - NOT_RUN.keys()) == []
    assert sorted(used - set(blocks)) == []


def test_the_guides_make_builds_the_virtual_environment() -> None:
    """`sudo make` in the checkout must build .venv, whose bin/kattegat the guide links."""
    [make_line, link] = guide_commands("install", {})
    assert make_line[-1] == "make" and link[:2] == ["ln", "-s"]
    assert link[2].endswith("/.venv/bin/kattegat")
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    database = subprocess.run(["make", "-p", "-n", "-q", "-f", "Makefile"], cwd=HERE.parents[1],
                              capture_output=True, text=True, check=False).stdout
    assert ".DEFAULT_GOAL := .venv/.installed" in database.splitlines()
