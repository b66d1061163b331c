"""Schema versions, migration, and lossless export/import (all or nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from kattegat_tui.store import SCHEMA_VERSION, NewerSchema, Store, UnreadableFile


def _doc(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = orjson.loads(path.read_bytes())
    return doc


def _version_0(seeded: bytes) -> dict[str, Any]:
    """The first file format: no schema number, no expenses and no changes tables."""
    doc: dict[str, Any] = json.loads(seeded)
    del doc["meta"]["1"]["schema_version"]
    del doc["expenses"], doc["changes"]
    return doc


def test_the_file_names_its_schema_version(plan_path: Path) -> None:
    assert _doc(plan_path)["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 1


def test_version_0_is_read_and_upgraded_on_the_next_write(tmp_path: Path, seeded_bytes: bytes) -> None:
    path = tmp_path / "old.json"
    old = json.dumps(_version_0(seeded_bytes)).encode()
    path.write_bytes(old)
    store = Store(path, user="tester")
    plan = store.load()
    assert len(plan.activities) == 17 and plan.changes == [] and plan.expenses == []
    assert path.read_bytes() == old  # reading never writes
    store.add_expense(spent_on="2025-02-05", line="catering", amount=250)
    doc = _doc(path)
    assert doc["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert list(doc["expenses"]) == ["1"] and list(doc["changes"]) == ["1"]


def test_a_newer_version_is_refused(tmp_path: Path, seeded_bytes: bytes) -> None:
    doc = json.loads(seeded_bytes)
    doc["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path = tmp_path / "future.json"
    path.write_bytes(json.dumps(doc).encode())
    before = path.read_bytes()
    store = Store(path, user="tester")
    with pytest.raises(NewerSchema) as info:
        store.load()
    assert str(info.value) == (f"{path}: schema version 2 is newer than this program "
                               f"understands (1); upgrade kattegat")
    with pytest.raises(NewerSchema):
        store.set_status("HAVN-1", "done")
    assert path.read_bytes() == before


def _busy_plan(store: Store) -> None:
    """A plan with every kind of content: notes, assessments, new records, budget, access."""
    store.set_status("HAVN-1", "done", note="Aftale på plads\nmed to linjer")
    store.assess("TUR-1", "yellow", "Afventer partner — «Halmstad»")
    store.create_activity(focus="KLIMA", title="Fælles æøå ÅÄÖ", committee="MTU", due="2027-01-31")
    store.delete_activity("PART-5")
    store.add_milestone(title="Genbesøg", when="5.-6. februar 2027", kind="visit")
    store.set_participants(55)
    store.add_expense(spent_on="2025-02-05", line="tour", amount=18_000, note="Bus")
    store.grant("anna")


def test_export_is_the_file_itself(store: Store, plan_path: Path) -> None:
    _busy_plan(store)
    assert store.export_bytes() == plan_path.read_bytes()


def test_export_import_round_trip_is_lossless(store: Store, tmp_path: Path, seeded_bytes: bytes,
                                             clock) -> None:
    _busy_plan(store)
    exported = store.export_bytes()
    target_path = tmp_path / "other.json"
    target_path.write_bytes(seeded_bytes)
    target = Store(target_path, user="tester", clock=clock)
    target.import_document(orjson.loads(exported), "export.json")

    imported = _doc(target_path)
    original = orjson.loads(exported)
    *kept, last = imported["changes"].values()
    assert last["action"] == "import" and last["new"] == "export.json" and last["who"] == "tester"
    imported["changes"] = dict(list(imported["changes"].items())[:-1])
    assert imported == original
    assert kept == list(original["changes"].values())
    assert target.load().activities == store.load().activities
    assert target.load().budget == store.load().budget


INVALID: dict[str, Any] = {
    "not a plan": [],
    "missing table": {"meta": {"1": {"schema_version": 1}}},
    "bad record": "status",
    "newer": "version",
}


@pytest.mark.parametrize("case", INVALID)
def test_invalid_import_changes_nothing(store: Store, plan_path: Path, case: str) -> None:
    store.add_note("HAVN-1", "before the import")
    before = plan_path.read_bytes()
    doc: Any = INVALID[case]
    if doc == "status":
        doc = orjson.loads(before)
        doc["activities"]["5"]["status"] = "nearly"
    elif doc == "version":
        doc = orjson.loads(before)
        doc["meta"]["1"]["schema_version"] = 7
    with pytest.raises(UnreadableFile if case != "newer" else NewerSchema) as info:
        store.import_document(doc, "incoming.json")
    assert "incoming.json" in str(info.value)
    assert plan_path.read_bytes() == before


def test_import_of_an_older_version_is_upgraded(store: Store, plan_path: Path,
                                                seeded_bytes: bytes) -> None:
    store.import_document(_version_0(seeded_bytes), "old.json")
    doc = _doc(plan_path)
    assert doc["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert [c["action"] for c in doc["changes"].values()] == ["import"]


def test_cli_export_import_round_trip(store: Store, plan_path: Path, tmp_path: Path, cli) -> None:
    _busy_plan(store)
    out = tmp_path / "export.json"
    assert cli("--db", str(plan_path), "export", "-o", str(out)).returncode == 0
    assert out.read_bytes() == plan_path.read_bytes()
    piped = cli("--db", str(plan_path), "export")
    assert piped.returncode == 0 and piped.stdout.encode() == out.read_bytes()

    fresh = tmp_path / "fresh.json"
    assert cli("seed", "-o", str(fresh)).returncode == 0
    result = cli("--db", str(fresh), "--lang", "en", "import", str(out))
    assert result.returncode == 0, result.stderr
    doc = _doc(fresh)
    doc["changes"].popitem()
    assert doc == orjson.loads(out.read_bytes())


def test_cli_invalid_import_is_one_line_and_changes_nothing(plan_path: Path, tmp_path: Path,
                                                            cli) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(plan_path.read_bytes()[:-40])
    before = plan_path.read_bytes()
    result = cli("--db", str(plan_path), "--lang", "en", "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(bad) in result.stderr
    assert plan_path.read_bytes() == before
