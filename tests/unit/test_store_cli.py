"""The command line over the store: the default file, edits with the OS identity, clear errors."""

from __future__ import annotations

import os
import pwd
import stat
from pathlib import Path

import orjson

from kattegat_tui.store import Store


def test_missing_default_file_is_created_from_the_seed(tmp_path: Path, seeded_bytes: bytes,
                                                       cli) -> None:
    result = cli("--lang", "en", "status", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    created = tmp_path / "data" / "db.json"
    assert created.read_bytes() == seeded_bytes
    assert str(Path("data") / "db.json") in result.stderr  # the notice names the new file
    assert result.stderr.count("\n") == 1
    assert stat.S_IMODE(created.stat().st_mode) == 0o660
    # the second run uses it and says nothing about creating
    again = cli("--lang", "en", "status", cwd=tmp_path)
    assert again.returncode == 0 and again.stderr == ""


def test_an_explicit_missing_file_is_not_created(tmp_path: Path, cli) -> None:
    missing = tmp_path / "nowhere.json"
    result = cli("--db", str(missing), "--lang", "en", "set-status", "HAVN-1", "done")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr
    assert not missing.exists()
    env_result = cli("--lang", "en", "status", env={"KATTEGAT_DB": str(missing)}, cwd=tmp_path)
    assert env_result.returncode == 1 and not missing.exists()
    assert not (tmp_path / "data").exists()


def test_cli_edits_are_audited_as_the_os_user(plan_path: Path, cli) -> None:
    login = pwd.getpwuid(os.geteuid()).pw_name
    result = cli("--db", str(plan_path), "--lang", "en", "set-status", "havn-1", "done",
                 "--note", "Fra kommandolinjen", env={"USER": "mallory", "LOGNAME": "mallory"})
    assert result.returncode == 0, result.stderr
    assert cli("--db", str(plan_path), "note", "HAVN-1", "Linje 1\nLinje 2").returncode == 0
    assert cli("--db", str(plan_path), "assess", "HAVN-1", "red", "--comment",
               "Forsinket").returncode == 0
    plan = Store(plan_path).load()
    activity = plan.activity("HAVN-1")
    assert activity is not None
    assert activity.status.value == "done" and activity.assessment is not None
    assert [n.text for n in activity.notes] == ["Fra kommandolinjen", "Linje 1\nLinje 2"]
    assert {c.who for c in plan.changes} == {login}
    assert len({c.batch for c in plan.changes}) == 3


def test_cli_refusals_are_one_line_without_traceback(plan_path: Path, cli) -> None:
    before = plan_path.read_bytes()
    for args in (["set-status", "HAVN-1", "finished"], ["set-status", "NOPE-9", "done"],
                 ["assess", "HAVN-1", "red"], ["note", "HAVN-1", "   "],
                 ["note", "HAVN-1", "x" * 5001]):
        result = cli("--db", str(plan_path), "--lang", "en", *args)
        assert result.returncode == 1, args
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, args
    assert plan_path.read_bytes() == before


def test_cli_check(plan_path: Path, cli) -> None:
    assert cli("--db", str(plan_path), "check").returncode == 0
    doc = orjson.loads(plan_path.read_bytes())
    doc["activities"]["1"]["due"] = "someday"
    plan_path.write_bytes(orjson.dumps(doc))
    result = cli("--db", str(plan_path), "--lang", "en", "check")
    assert result.returncode == 1
    assert str(plan_path) in result.stderr and "activities" in result.stderr


def test_the_file_is_utf8_whatever_the_locale(plan_path: Path, cli) -> None:
    result = cli("--db", str(plan_path), "note", "HAVN-1", "Færgen til Halmstad – æøå ÅÄÖ",
                 env={"LC_ALL": "C", "LANG": "C"})
    assert result.returncode == 0, result.stderr
    raw = plan_path.read_bytes()
    assert "Færgen til Halmstad – æøå ÅÄÖ".encode() in raw
    assert Store(plan_path).load().activity("HAVN-1").notes[-1].text == (  # type: ignore[union-attr]
        "Færgen til Halmstad – æøå ÅÄÖ")
