"""Who may edit: an open plan until someone grants access; then only the listed editors."""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import AccessDenied, Store

EDITS: dict[str, Callable[[Store], Any]] = {
    "set_status": lambda s: s.set_status("HAVN-1", "done"),
    "assess": lambda s: s.assess("HAVN-1", "green"),
    "add_note": lambda s: s.add_note("HAVN-1", "hej"),
    "update_activity": lambda s: s.update_activity("HAVN-1", {"owner": "Bo"}),
    "create_activity": lambda s: s.create_activity(focus="UDD", title="T", committee="BFU"),
    "delete_activity": lambda s: s.delete_activity("HAVN-1"),
    "undo_last": lambda s: s.undo_last(),
    "add_milestone": lambda s: s.add_milestone(title="M", when="2026", kind="meeting"),
    "update_milestone": lambda s: s.update_milestone("M-1", {"title": "M"}),
    "delete_milestone": lambda s: s.delete_milestone("M-1"),
    "set_participants": lambda s: s.set_participants(50),
    "add_expense": lambda s: s.add_expense(spent_on="2025-02-05", line="tour", amount=1),
    "grant": lambda s: s.grant("bo"),
    "revoke": lambda s: s.revoke("tester"),
    "import_document": lambda s: s.import_document(s.read_document(), "x.json"),
}


def test_an_open_plan_lets_anyone_edit(plan_path: Path) -> None:
    store = Store(plan_path, user="anyone")
    assert store.load().editors == []
    assert store.is_editor()
    store.add_note("HAVN-1", "open")


def test_granting_on_an_open_plan_keeps_the_granter(store: Store) -> None:
    assert store.grant("anna") == ["tester", "anna"]
    assert store.load().editors == ["tester", "anna"]
    assert store.is_editor()
    store.add_note("HAVN-1", "still allowed")


def test_granting_yourself_closes_the_plan_to_others(store: Store, plan_path: Path) -> None:
    assert store.grant("tester") == ["tester"]
    assert not Store(plan_path, user="bo").is_editor()


@pytest.mark.parametrize("edit", EDITS)
def test_a_non_editor_is_refused_every_edit(store: Store, plan_path: Path, edit: str) -> None:
    store.grant("anna")
    before = plan_path.read_bytes()
    outsider = Store(plan_path, user="bo")
    with pytest.raises(AccessDenied) as info:
        EDITS[edit](outsider)
    assert info.value.user == "bo"
    assert plan_path.read_bytes() == before
    assert outsider.load().activity("HAVN-1") is not None  # viewing is still fine


def test_editors_grant_and_revoke(store: Store, plan_path: Path) -> None:
    store.grant("anna")
    anna = Store(plan_path, user="anna")
    assert anna.grant("bo") == ["tester", "anna", "bo"]
    Store(plan_path, user="bo").add_note("HAVN-1", "bo may")
    assert anna.revoke("bo") == ["tester", "anna"]
    with pytest.raises(AccessDenied):
        Store(plan_path, user="bo").add_note("HAVN-1", "bo may not")
    access = [(c.who, c.old, c.new) for c in store.load().changes if c.entity == "access"]
    assert access == [
        ("tester", [], ["tester", "anna"]),
        ("anna", ["tester", "anna"], ["tester", "anna", "bo"]),
        ("anna", ["tester", "anna", "bo"], ["tester", "anna"]),
    ]


def test_grant_is_idempotent(store: Store, plan_path: Path) -> None:
    store.grant("anna")
    before = plan_path.read_bytes()
    assert store.grant("anna") == ["tester", "anna"]
    assert plan_path.read_bytes() == before


def test_default_identity_is_the_os_login(plan_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("USER", "mallory")
    monkeypatch.setenv("LOGNAME", "mallory")
    store = Store(plan_path)
    assert store.user == pwd.getpwuid(os.geteuid()).pw_name
    store.add_note("HAVN-1", "who am I")
    assert store.load().changes[-1].who == pwd.getpwuid(os.geteuid()).pw_name


def test_cli_refuses_a_non_editor_in_one_line(tmp_path: Path, cli) -> None:
    path = tmp_path / "db.json"
    Store(path, user="tester").create(seed_plan())
    Store(path, user="tester").grant("anna")  # the OS user running the CLI is not listed
    before = path.read_bytes()
    result = cli("--db", str(path), "--lang", "en", "set-status", "HAVN-1", "done")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "not on the list of editors" in result.stderr
    assert path.read_bytes() == before
