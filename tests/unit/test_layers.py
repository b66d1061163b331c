"""Layers: the domain imports neither textual nor tinydb, only the store imports tinydb, and the
command line loads textual only to open the dashboard.

Checked twice: statically (every import statement in the source, wherever it sits) and at run
time (``sys.modules`` of a fresh interpreter after importing or running things).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kattegat_tui"
UI_ONLY = ("textual", "rich")


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every module an import statement in ``path`` names (relative imports resolved), with its
    line, including imports inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((module, node.lineno))
            found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _sources(*relative: str) -> list[Path]:
    out: list[Path] = []
    for rel in relative:
        target = PACKAGE / rel
        out += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return out


def _offending(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in paths:
        for module, line in _imports(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    return bad


def test_the_scan_sees_imports() -> None:
    store_imports = {m for p in _sources("store") for m, _ in _imports(p)}
    assert "tinydb" in store_imports
    assert "kattegat_tui.domain" in store_imports  # relative imports are resolved
    app_imports = {m for m, _ in _imports(PACKAGE / "app.py")}
    assert any(m.startswith("textual") for m in app_imports)


def test_domain_imports_neither_textual_nor_tinydb_nor_outer_layers() -> None:
    forbidden = ("textual", "rich", "tinydb", "orjson", "kattegat_tui.store", "kattegat_tui.i18n",
                 "kattegat_tui.app", "kattegat_tui.tabs", "kattegat_tui.dialogs", "kattegat_tui.palette",
                 "kattegat_tui.app_access", "kattegat_tui.widgets", "kattegat_tui.cli",
                 "kattegat_tui.commands")
    assert _offending(_sources("domain"), forbidden) == []


def test_store_and_i18n_import_no_textual() -> None:
    forbidden = ("textual", "rich", "kattegat_tui.app", "kattegat_tui.tabs", "kattegat_tui.dialogs",
                 "kattegat_tui.palette", "kattegat_tui.app_access", "kattegat_tui.widgets")
    assert _offending(_sources("store", "i18n"), forbidden) == []


def test_only_the_store_imports_tinydb() -> None:
    outside = [p for p in PACKAGE.rglob("*.py") if "store" not in p.relative_to(PACKAGE).parts[:1]]
    assert outside, "nothing scanned"
    assert _offending(outside, ("tinydb",)) == []


def test_the_command_line_reaches_textual_only_through_the_dashboard() -> None:
    assert _offending(_sources("cli.py", "summary.py"), (*UI_ONLY, "kattegat_tui.app")) == []
    tree = ast.parse((PACKAGE / "commands.py").read_text(encoding="utf-8"))
    ui_imports = []
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and node.module in ("app", "textual"):
                    ui_imports.append(fn.name)
    assert ui_imports == ["dashboard"]
    module_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    assert not any(isinstance(n, ast.ImportFrom) and n.module in (
        "app", "tabs", "dialogs", "palette", "app_access", "widgets")
                   for n in module_level)


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
import kattegat_tui.store, kattegat_tui.i18n, kattegat_tui.summary, kattegat_tui.commands
import kattegat_tui.cli
print(json.dumps({"textual": loaded("textual"), "tinydb": bool(loaded("tinydb"))}))
"""
    # Reading a plan needs no TinyDB: it is imported by the first transaction.
    assert _fresh_modules(code) == {"textual": [], "tinydb": False}


def test_every_non_tui_command_runs_without_loading_textual(tmp_path: Path) -> None:
    reports = (PACKAGE / "reports" / "cli_commands.py").exists()
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
if {reports!r}:
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
    assert "kattegat_tui.commands" in imported  # the measurement really ran
    assert not [m for m in imported if m.split(".")[0] in ("textual", "rich")]
