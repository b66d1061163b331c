"""Small helpers shared by the reliability tests (imported as a plain module)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


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
