"""Every malformed file gives a one-line error naming it, and no command ever changes it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reliability_support import run_all, temp_files

from kattegat_tui.cli import main as cli_main
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import NewerSchema, Store, StoreError, UnreadableFile
from kattegat_tui.store.backups import list_backups

SEEDED_DB = Path(__file__).resolve().parents[2] / "data" / "db.json"


def _doc(seeded: bytes) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(seeded)
    return doc


def _dump(doc: Any) -> bytes:
    return json.dumps(doc, indent=2, ensure_ascii=False).encode()


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    def make(seeded: bytes) -> bytes:
        doc = _doc(seeded)
        change(doc)
        return _dump(doc)
    return make


def _set(doc: dict[str, Any], table: str, value: Any) -> None:
    doc[table] = value


def _first(doc: dict[str, Any], table: str) -> dict[str, Any]:
    record: dict[str, Any] = doc[table]["1"]
    return record


# name -> (bytes from the seeded file, a word the error must contain)
CASES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "garbage": (lambda s: b"this is not a plan \x01\x02 {{{", "not valid JSON"),
    "truncated": (lambda s: s[: len(s) // 2], "not valid JSON"),
    "trailing-data": (lambda s: s + s[-200:], "not valid JSON"),
    "trailing-object": (lambda s: s + b'{"meta": {}}\n', "not valid JSON"),
    "nul-bytes-tail": (lambda s: s + b"\x00" * 512, "not valid JSON"),
    "nul-bytes-only": (lambda s: b"\x00" * len(s), "not valid JSON"),
    "nul-inside": (lambda s: s[:100] + b"\x00" * 64 + s[164:], "not valid JSON"),
    "empty": (lambda s: b"", "empty"),
    "whitespace": (lambda s: b"  \n\n", "empty"),
    "null": (lambda s: b"null", "null"),
    "list": (lambda s: b"[]", "list"),
    "string": (lambda s: b'"plan"', "str"),
    "number": (lambda s: b"42", "int"),
    "empty-object": (lambda s: b"{}", "metadata"),
    "invalid-utf8": (lambda s: s.replace(b"Grenaa", b"Gren\xe5a", 1), "UTF-8"),
    "utf16": (lambda s: s.decode().encode("utf-16"), "not valid JSON"),
    "bom": (lambda s: b"\xef\xbb\xbf" + s, "not valid JSON"),
    "table-is-list": (_edit(lambda d: _set(d, "activities", list(d["activities"].values()))),
                      "activities"),
    "table-is-string": (_edit(lambda d: _set(d, "changes", "none")), "changes"),
    "table-missing": (_edit(lambda d: d.pop("milestones")), "milestones"),
    "meta-missing": (_edit(lambda d: d.pop("meta")), "metadata"),
    "record-is-list": (_edit(lambda d: _set(d["activities"], "1", ["HAVN-1"])), "activities"),
    "record-key-not-a-number": (_edit(lambda d: _set(d["activities"], "x", {"id": "X-1"})),
                                "activities"),
    "record-missing-field": (_edit(lambda d: _first(d, "activities").pop("title")), "activities"),
    "record-bad-status": (_edit(lambda d: _first(d, "activities").update(status="bogus")),
                          "activities"),
    "record-bad-date": (_edit(lambda d: _first(d, "milestones").update(when="soon")),
                        "milestones"),
    "budget-missing": (_edit(lambda d: _first(d, "meta").pop("budget")), "budget: missing"),
    "version-string": (_edit(lambda d: _first(d, "meta").update(schema_version="1")),
                       "schema version"),
    "version-negative": (_edit(lambda d: _first(d, "meta").update(schema_version=-1)),
                         "schema version"),
    "newer-version": (_edit(lambda d: _first(d, "meta").update(schema_version=2)), "newer"),
    "much-newer-version": (_edit(lambda d: _first(d, "meta").update(schema_version=99)), "newer"),
}

WRITES: dict[str, Callable[[Store], Any]] = {
    "set_status": lambda s: s.set_status("HAVN-1", "done", note="n"),
    "assess": lambda s: s.assess("HAVN-1", "red", "late"),
    "add_note": lambda s: s.add_note("HAVN-1", "note"),
    "update_activity": lambda s: s.update_activity("HAVN-1", {"title": "New title"}),
    "create_activity": lambda s: s.create_activity(focus="UDD", title="New", committee="BFU"),
    "delete_activity": lambda s: s.delete_activity("HAVN-1"),
    "restore_activity": lambda s: s.restore_activity("HAVN-1"),
    "undo_last": lambda s: s.undo_last(),
    "add_milestone": lambda s: s.add_milestone(title="M", when="2026-03-01", kind="meeting"),
    "update_milestone": lambda s: s.update_milestone("M-1", {"title": "M"}),
    "delete_milestone": lambda s: s.delete_milestone("M-1"),
    "set_participants": lambda s: s.set_participants(50),
    "add_expense": lambda s: s.add_expense(spent_on="2025-02-05", line="catering", amount=5),
    "delete_expense": lambda s: s.delete_expense(1),
    "grant": lambda s: s.grant("someone"),
    "revoke": lambda s: s.revoke("someone"),
    "import_document": lambda s: s.import_document(json.loads(SEEDED_DB.read_bytes()), "good.json"),
    "write_plan": lambda s: s.write_plan(seed_plan()),
    "create": lambda s: s.create(seed_plan()),
    "transaction": lambda s: s.transaction().__enter__(),
}


@pytest.fixture
def bad_file(request: pytest.FixtureRequest, tmp_path: Path, seeded_bytes: bytes) -> Path:
    make, _word = CASES[request.param]
    path = tmp_path / "db.json"
    path.write_bytes(make(seeded_bytes))
    path.chmod(0o660)
    return path


def _assert_one_line_naming(message: str, path: Path, word: str) -> None:
    assert "\n" not in message.strip()
    assert str(path) in message
    assert word.lower() in message.lower(), message


@pytest.mark.parametrize("bad_file", CASES, indirect=True)
def test_malformed_file_is_refused_and_never_changed(bad_file: Path, request) -> None:
    case = request.node.callspec.params["bad_file"]
    word = CASES[case][1]
    original = bad_file.read_bytes()
    store = Store(bad_file, user="tester", backup_interval_s=0)

    with pytest.raises(StoreError) as info:
        store.load()
    assert isinstance(info.value, NewerSchema if "newer" in case else UnreadableFile)
    _assert_one_line_naming(str(info.value), bad_file, word)

    for name, write in WRITES.items():
        with pytest.raises(StoreError) as info:
            write(store)
        if name != "create":  # create refuses because a file exists at all
            _assert_one_line_naming(str(info.value), bad_file, word)
        assert bad_file.read_bytes() == original, name
    with pytest.raises(StoreError):
        store.export_bytes()
    assert bad_file.read_bytes() == original
    assert temp_files(bad_file.parent) == []
    assert list_backups(bad_file) == []


CLI_COMMANDS = [
    ["set-status", "HAVN-1", "done"],
    ["note", "HAVN-1", "text"],
    ["assess", "HAVN-1", "green"],
    ["undo"],
    ["access", "grant", "someone"],
    ["check"],
    ["status"],
]


def _assert_cli_refused(result: subprocess.CompletedProcess[str], path: Path) -> None:
    assert result.returncode == 1, (result.args, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, (result.args, result.stderr)
    assert str(path) in lines[0]


@pytest.mark.parametrize("bad_file", CASES, indirect=True)
def test_cli_entry_point_on_every_malformed_file(bad_file: Path, capsys) -> None:
    """``kattegat set-status`` through the real entry point, in this process: exit code 1 and
    one line on stderr for every case (a traceback would escape ``main`` as an exception)."""
    original = bad_file.read_bytes()
    code = cli_main(["--db", str(bad_file), "--lang", "en", "set-status", "HAVN-1", "done"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and str(bad_file) in err
    assert bad_file.read_bytes() == original


# One case for each way a file can be refused, run as real processes.
CLI_CASES = ["garbage", "truncated", "nul-bytes-tail", "empty", "null", "list", "invalid-utf8",
             "table-is-list", "record-missing-field", "record-bad-date", "version-string",
             "newer-version"]


def test_cli_set_status_on_malformed_files(tmp_path: Path) -> None:
    seeded = SEEDED_DB.read_bytes()
    files = {}
    for case in CLI_CASES:
        files[case] = tmp_path / case / "db.json"
        files[case].parent.mkdir()
        files[case].write_bytes(CASES[case][0](seeded))
    originals = {case: path.read_bytes() for case, path in files.items()}
    results = run_all([["--db", str(path), "--lang", "en", "set-status", "HAVN-1", "done"]
                       for path in files.values()])
    for (case, path), result in zip(files.items(), results, strict=True):
        _assert_cli_refused(result, path)
        assert result.stdout == "", case
        assert path.read_bytes() == originals[case], case
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("bad_file", ["nul-bytes-tail"], indirect=True)
def test_cli_every_command_on_malformed_file(bad_file: Path) -> None:
    original = bad_file.read_bytes()
    good = bad_file.with_name("good.json")
    good.write_bytes(SEEDED_DB.read_bytes())
    commands = [*CLI_COMMANDS, ["import", str(good)], ["export", "-o", str(good) + ".out"]]
    for result in run_all([["--db", str(bad_file), *command] for command in commands]):
        _assert_cli_refused(result, bad_file)
    assert bad_file.read_bytes() == original
    assert temp_files(bad_file.parent) == []
