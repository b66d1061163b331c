"""Layers: the domain imports neither textual nor tinydb, only the store imports tinydb, and the
command line loads textual only to open the dashboard.

Checked twice: statically by import-linter (every import statement, those inside functions too)
and at run time (``sys.modules`` of a fresh interpreter after importing or running things).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "kattegat_tui"


def test_the_import_contracts_hold() -> None:
    """The contracts in pyproject.toml (``[tool.importlinter]``): the domain imports neither
    textual nor tinydb nor the store, only the store imports tinydb, the command line reaches
    textual only through the dashboard's entry function, widgets import no tabs or dialogs and
    nothing imports the command line."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout and "6 kept" in result.stdout


def test_the_dashboard_entry_is_the_only_way_from_the_command_line_to_the_app() -> None:
    """The contract ignores ``kattegat_tui.cli.dashboard -> kattegat_tui.app``: that module holds
    one function, and it is the one that imports the app."""
    tree = ast.parse((PACKAGE / "cli" / "dashboard.py").read_text(encoding="utf-8"))
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    assert [f.name for f in functions] == ["open_dashboard"]
    app_imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                   and (n.module or "").split(".")[0] in ("app", "textual")]
    assert len(app_imports) == 1
    assert app_imports[0] in list(ast.walk(functions[0]))


def _fresh_modules(code: str, cwd: Path | None = None) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints a JSON object as its last line."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=cwd, check=False)
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


_LOADED = """
import json, sys
def loaded(prefix):
    return sorted(m for m in sys.modules if m == prefix or m.startswith(prefix + "."))
"""


def test_importing_the_domain_loads_no_textual_and_no_tinydb() -> None:
    code = _LOADED + """
import kattegat_tui.domain, kattegat_tui.domain.rules, kattegat_tui.domain.dates
import kattegat_tui.domain.seed, kattegat_tui.domain.integrity, kattegat_tui.domain.budget
print(json.dumps({"textual": loaded("textual"), "tinydb": loaded("tinydb"), "rich": loaded("rich")}))
"""
    assert _fresh_modules(code) == {"textual": [], "tinydb": [], "rich": []}


def test_importing_the_store_loads_no_textual_and_tinydb_only_to_write() -> None:
    code = _LOADED + """
import kattegat_tui.store, kattegat_tui.i18n, kattegat_tui.errors, kattegat_tui.cli
import kattegat_tui.cli.parser, kattegat_tui.cli.summary
print(json.dumps({"textual": loaded("textual"), "tinydb": bool(loaded("tinydb"))}))
"""
    # Reading a plan needs no TinyDB: it is imported by the first transaction.
    assert _fresh_modules(code) == {"textual": [], "tinydb": False}


def test_every_non_tui_command_runs_without_loading_textual(tmp_path: Path) -> None:
    code = _LOADED + f"""
import contextlib, io, os
from kattegat_tui.cli import main
db = {str(tmp_path / "db.json")!r}
runs = [["seed", "-o", db], ["status"], ["activities", "--json"], ["activities", "--committee", "OU"],
        ["show", "UDD-1"], ["show", "UDD-1", "--json"], ["set-status", "UDD-1", "in_progress"],
        ["assess", "UDD-1", "yellow", "--comment", "x"], ["note", "UDD-1", "x"], ["milestones"],
        ["milestones", "--json"], ["budget", "--participants", "50"], ["budget", "--json"],
        ["check"], ["export", "-o", db + ".out"], ["import", db + ".out"], ["undo"],
        ["access", "list"], ["show", "NOPE-1"], ["--help"]]
runs += [["report"], ["report", "--format", "csv"], ["calendar", "-o", db + ".ics"]]
codes = []
for argv in runs:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            codes.append(main(["--db", db, "--today", "2026-11-30", *argv]))
        except SystemExit as exc:
            codes.append(exc.code)
print(json.dumps({{"codes": codes, "textual": loaded("textual"), "rich": loaded("rich")}}))
"""
    result = _fresh_modules(code, cwd=tmp_path)
    assert result["textual"] == [] and result["rich"] == []
    codes = result["codes"]
    assert isinstance(codes, list)
    assert codes[:18] == [0] * 18 and codes[18:20] == [1, 0]


@pytest.mark.parametrize("command", [["status"], ["budget", "--participants", "60"]])
def test_importtime_of_a_command_shows_no_textual(plan_path: Path, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kattegat_tui.cli", "--db", str(plan_path),
         *command], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert "kattegat_tui.cli.plan_reading" in imported  # the measurement really ran
    assert not [m for m in imported if m.split(".")[0] in ("textual", "rich")]
