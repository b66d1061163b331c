"""One error boundary and one output filter for every `kattegat` command.

Whatever the input (dates at the calendar's edges, a hostile plan file, escape sequences in the
arguments, a Latin-1 locale), a command ends with exit 0, or exit 1 and exactly one line on stderr;
never a traceback, and never a control or bidi character from data on the terminal. A change that
was saved is confirmed, and its exit code is 0, even when the terminal cannot show every character.

Every case runs the real command in a subprocess and reads its output as bytes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kattegat_tui.domain import Status
from kattegat_tui.store import Store

TODAY = "2026-11-30"

# What must never reach a terminal: C0 controls but TAB and LF (CR only before LF), DEL, C1
# controls (as UTF-8, and as raw bytes a Latin-1 terminal would obey) and the bidi overrides.
_UNSAFE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]"
                     rb"|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
_UNSAFE_LATIN1 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")

HOSTILE = ["\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\x9b"]


class Run:
    def __init__(self, proc: subprocess.CompletedProcess[bytes], encoding: str) -> None:
        self.returncode = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.stdout = proc.stdout.decode(encoding, "replace")
        self.stderr = proc.stderr.decode(encoding, "replace")


def _command() -> list[str]:
    script = Path(sys.executable).parent / "kattegat"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kattegat_tui.cli"]


def kattegat(*args: str | bytes, env: dict[str, str] | None = None,
             encoding: str = "utf-8") -> Run:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KATTEGAT_")}
    environ.update({"PYTHONDONTWRITEBYTECODE": "1", **(env or {})})
    proc = subprocess.run([*_command(), *args], env=environ, capture_output=True, timeout=60,
                          check=False)
    return Run(proc, encoding)


def assert_terminal_safe(result: Run, *, latin1: bool = False) -> None:
    pattern = _UNSAFE_LATIN1 if latin1 else _UNSAFE
    for name, data in (("stdout", result.out), ("stderr", result.err)):
        found = pattern.search(data)
        assert found is None, (name, found, data[max(0, found.start() - 60):found.end() + 60])


def assert_one_line_or_ok(result: Run) -> None:
    """Exit 0, or exit 1 with exactly one line on stderr; never a traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), (result.returncode, result.stderr)
    if result.returncode == 1:
        one_line(result)


def one_line(result: Run) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kattegat: "), lines[0]
    return lines[0]


def load(path: Path) -> Any:
    return Store(path, user="tester").load()


# -- dates at the edges of the calendar ----------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["status", "--as-of", "9999-12-31"],
    ["status", "--as-of", "0001-01-01"],
    ["--today", "9999-12-31", "report"],
    ["--today", "9999-12-31", "status"],
    ["--today", "0001-01-01", "report"],
    ["report", "--since", "0001-01-01"],
    ["report", "--period", "9999-H2"],
    ["report", "--period", "9999-Q4", "--format", "csv"],
    ["report", "--as-of", "9999-12-31", "--format", "html"],
    ["report", "--as-of", "0001-01-01"],
])
def test_dates_at_the_calendars_edges_work_or_give_one_line(plan_path: Path,
                                                            args: list[str]) -> None:
    result = kattegat("--db", str(plan_path), "--today", TODAY, *args)
    assert_one_line_or_ok(result)


def test_far_dates_that_make_sense_give_a_report(plan_path: Path) -> None:
    since = kattegat("--db", str(plan_path), "--today", TODAY, "report", "--since", "0001-01-01")
    assert since.returncode == 0, since.stderr
    assert "2026" in since.stdout
    late = kattegat("--db", str(plan_path), "--today", TODAY, "report", "--period", "9999-H2")
    assert late.returncode == 0, late.stderr
    as_of = kattegat("--db", str(plan_path), "--today", TODAY, "status", "--as-of", "9999-12-31")
    assert as_of.returncode == 0, as_of.stderr
    assert "9999" in as_of.stdout
    # the first half-year of the calendar is a period like any other
    first = kattegat("--db", str(plan_path), "--today", "0001-01-01", "report")
    assert first.returncode == 0, first.stderr
    assert "0001-H1" in first.stdout
    old = kattegat("--db", str(plan_path), "--today", TODAY, "report", "--as-of", "0001-01-01")
    assert old.returncode == 0, old.stderr


def test_a_period_outside_the_calendar_is_refused_in_one_line(plan_path: Path) -> None:
    line = one_line(kattegat("--db", str(plan_path), "--lang", "en", "report", "--period", "0000-H1"))
    assert "0000-H1" in line


def test_since_after_the_report_day_is_refused(plan_path: Path) -> None:
    result = kattegat("--db", str(plan_path), "--lang", "en", "--today", TODAY,
                      "report", "--since", "2027-01-01")
    line = one_line(result)
    assert "2027" in line and "2026" in line
    assert result.stdout == ""


# -- files that break the commands ---------------------------------------------------------------

def _edited(plan_path: Path, edit: Any) -> Path:
    doc = json.loads(plan_path.read_text(encoding="utf-8"))
    edit(doc)
    plan_path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return plan_path


def test_check_on_a_null_committee_name_gives_one_line(plan_path: Path) -> None:
    def edit(doc: Any) -> None:
        next(iter(doc["committees"].values()))["name"] = None

    one_line(kattegat("--db", str(_edited(plan_path, edit)), "check"))


def test_import_of_deeply_nested_json_gives_one_line(plan_path: Path, tmp_path: Path) -> None:
    doc = json.loads(plan_path.read_text(encoding="utf-8"))
    next(iter(doc["meta"].values()))["info"]["case_ref"] = "NESTED"
    text = json.dumps(doc).replace('"NESTED"', '{"a": ' * 1000 + "1" + "}" * 1000)
    source = tmp_path / "nested.json"
    source.write_text(text, encoding="utf-8")
    before = plan_path.read_bytes()
    one_line(kattegat("--db", str(plan_path), "import", str(source)))
    assert plan_path.read_bytes() == before


# -- a terminal that is not UTF-8 -----------------------------------------------------------------

LATIN1_ENVS = [
    pytest.param({"PYTHONIOENCODING": "latin-1"}, id="pythonioencoding-latin1"),
    pytest.param({"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "latin-1"}, id="c-latin1"),
    pytest.param({"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii",
                  "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}, id="c-ascii"),
]


@pytest.mark.parametrize("env", LATIN1_ENVS)
def test_status_under_a_non_utf8_locale(plan_path: Path, env: dict[str, str]) -> None:
    result = kattegat("--db", str(plan_path), "--today", TODAY, "status", env=env,
                      encoding="latin-1")
    assert result.returncode == 0, result.stderr
    assert result.err == b""
    assert "Kattegatalliancen" in result.stdout
    if env["PYTHONIOENCODING"] == "latin-1":
        assert "Økonomiudvalget" in result.stdout or "Rest i puljen" in result.stdout


def test_set_status_under_latin1_saves_says_so_and_exits_0(plan_path: Path) -> None:
    result = kattegat("--db", str(plan_path), "set-status", "UDD-1", "in_progress",
                      env={"PYTHONIOENCODING": "latin-1", "LC_ALL": "C", "LANG": "C"},
                      encoding="latin-1")
    assert result.returncode == 0, result.stderr
    assert result.err == b""
    assert result.stdout.startswith("Gemt: UDD-1 ")
    assert "I gang" in result.stdout
    plan = load(plan_path)
    activity = plan.activity("UDD-1")
    assert activity is not None and activity.status is Status.IN_PROGRESS
    assert [c.new for c in plan.changes_for("UDD-1")] == ["in_progress"]


def test_latin1_arguments_under_a_utf8_locale_are_read(plan_path: Path) -> None:
    """'ØU' typed in a Latin-1 terminal arrives as bytes that are not UTF-8."""
    result = kattegat("--db", str(plan_path), "--today", TODAY, "activities", "--committee",
                      "ØU".encode("latin-1"), env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert "PART-" in result.stdout or "TUR-" in result.stdout or result.stdout.strip()
    note = kattegat("--db", str(plan_path), "note", "UDD-1", "Møde i Grenaa".encode("latin-1"),
                    env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    assert note.returncode == 0, note.stderr
    activity = load(plan_path).activity("UDD-1")
    assert activity is not None and [n.text for n in activity.notes] == ["Møde i Grenaa"]


# -- nothing from data reaches the terminal raw ------------------------------------------------

def _hostile_plan(plan_path: Path) -> Path:
    """Escape sequences and bidi overrides in every kind of stored text, written straight into
    the file (no validation on the way)."""
    bad = "".join(HOSTILE)

    def edit(doc: Any) -> None:
        for a in doc["activities"].values():
            if a["id"] == "UDD-1":
                a["title"] += bad
                a["description"] = f"{bad}\nline two\x1b[31m"
                a["owner"] = bad
                a["notes"] = [{"at": "2026-11-01T10:00:00+00:00", "by": "x\x1b[2J",
                               "text": f"note {bad}"}]
                a["status"] = "in_progress"
                a["due"] = "2026-01-31"
        for c in doc["committees"].values():
            c["name"] += bad
            c["short"] += "\u202e"
        for f in doc["focus_areas"].values():
            f["names"] = {k: v + bad for k, v in f["names"].items()}
        meta = next(iter(doc["meta"].values()))
        meta["budget"]["lines"][0]["name"] += bad
        meta["info"]["plan_name"] += bad
        for m in doc["milestones"].values():
            m["title"] += bad

    return _edited(plan_path, edit)


@pytest.mark.parametrize("args", [
    ["status"], ["show", "UDD-1"], ["activities"], ["budget"], ["milestones"],
    ["show", "UDD-1", "--json"], ["report"], ["report", "--format", "csv"],
])
def test_hostile_text_in_the_file_never_reaches_the_terminal(plan_path: Path,
                                                             args: list[str]) -> None:
    result = kattegat("--db", str(_hostile_plan(plan_path)), "--today", TODAY, *args)
    assert_one_line_or_ok(result)
    assert_terminal_safe(result)


def test_hostile_text_shown_as_escapes_and_json_stays_lossless(plan_path: Path) -> None:
    _hostile_plan(plan_path)
    shown = kattegat("--db", str(plan_path), "--today", TODAY, "show", "UDD-1", "--json")
    if shown.returncode == 0:  # a file the load refuses is fine too; then nothing is shown
        assert json.loads(shown.stdout)["title"].endswith("".join(HOSTILE))
    exported = kattegat("--db", str(plan_path), "export")
    assert_terminal_safe(exported)
    if exported.returncode == 0:
        assert json.loads(exported.out) == json.loads(plan_path.read_bytes())


def test_hostile_text_under_latin1_never_reaches_the_terminal(plan_path: Path) -> None:
    result = kattegat("--db", str(_hostile_plan(plan_path)), "--today", TODAY, "show", "UDD-1",
                      env={"PYTHONIOENCODING": "latin-1"}, encoding="latin-1")
    assert_one_line_or_ok(result)
    assert_terminal_safe(result, latin1=True)


def test_error_messages_that_echo_input_are_safe(plan_path: Path, tmp_path: Path) -> None:
    bad = "".join(HOSTILE)
    cases = [
        ["--db", str(tmp_path / f"x{bad}" / "db.json"), "status"],
        ["--db", str(plan_path), "show", bad],
        ["--db", str(plan_path), "--today", bad, "status"],
        ["--db", str(plan_path), "activities", "--committee", bad],
    ]
    for args in cases:
        result = kattegat(*args)
        one_line(result)
        assert_terminal_safe(result)
    raw = kattegat("--db", str(plan_path), "show", b"\x9b2J\xff")
    one_line(raw)
    assert_terminal_safe(raw)


# -- a saved change is confirmed, whatever happens to the output -------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_set_status_with_a_full_stdout_is_saved_and_exits_0(plan_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([*_command(), "--db", str(plan_path), "set-status", "UDD-1", "done"],
                              stdout=full, stderr=subprocess.PIPE, timeout=60, check=False,
                              env={k: v for k, v in os.environ.items()
                                   if not k.startswith("KATTEGAT_")})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().startswith("Gemt: UDD-1 ")  # said where it can be seen
    activity = load(plan_path).activity("UDD-1")
    assert activity is not None and activity.status is Status.DONE
