"""Issue 9, case 5: `import`, `check` and every load refuse a document with bad data, with one line
naming the field's path; the plan file being imported into is never changed."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kattegat_tui.cli import main as cli_main
from kattegat_tui.store import Store, UnreadableFile

SEEDED_DB = Path(__file__).resolve().parents[2] / "data" / "db.json"
ESC = "\x1b]0;owned\x07\x1b[2J"

Doc = dict[str, Any]


def _seeded() -> Doc:
    doc: Doc = json.loads(SEEDED_DB.read_bytes())
    return doc


def _meta(doc: Doc) -> Doc:
    meta: Doc = doc["meta"]["1"]
    return meta


def _activity(doc: Doc, activity_id: str = "HAVN-1") -> Doc:
    return next(r for r in doc["activities"].values() if r["id"] == activity_id)


def _with_note(doc: Doc, by: str) -> None:
    _activity(doc)["notes"] = [{"at": "2025-03-01T10:00:00+00:00", "by": by, "text": "Møde holdt"}]


def _change(**fields: Any) -> Doc:
    record = {"id": 1, "at": "2025-03-01T10:00:00+00:00", "who": "jkr", "entity": "activity",
              "entity_id": "HAVN-1", "field": "status", "old": "planned", "new": "in_progress",
              "action": "update", "batch": 1}
    record.update(fields)
    return record


def _with_change(doc: Doc, **fields: Any) -> None:
    doc["changes"] = {"1": _change(**fields)}


def _expense(expense_id: int, amount: int = 100) -> Doc:
    return {"id": expense_id, "spent_on": "2025-05-08", "line": "catering", "amount": amount,
            "note": ""}


def _set(path: Callable[[Doc], Doc], key: str, value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        path(doc)[key] = value
    return change


# name -> (how the seeded document is spoiled, the field path and the problem the line names)
CASES: dict[str, tuple[Callable[[Doc], None], str]] = {
    "activity title": (_set(lambda d: _activity(d, "UDD-1"), "title", "\x1b]0;X\x07Titel\x1b[2J"),
                       "activities[UDD-1].title: control character U+001B"),
    "focus area name": (_set(lambda d: d["focus_areas"]["1"]["names"], "da", "Havn" + ESC),
                        "focus_areas[HAVN].names.da: control character"),
    "focus area description": (_set(lambda d: d["focus_areas"]["1"], "description", ESC),
                               "focus_areas[HAVN].description: control character"),
    "committee name": (_set(lambda d: d["committees"]["1"], "name", "Økonomi" + ESC),
                       "committees[OU].name: control character"),
    "committee short name": (_set(lambda d: d["committees"]["1"], "short", ESC),
                             "committees[OU].short: control character"),
    "budget name": (_set(lambda d: _meta(d)["budget"], "name", ESC),
                    "budget.name: control character"),
    "budget line name": (_set(lambda d: _meta(d)["budget"]["lines"][0], "name", "Mad" + ESC),
                         "budget.lines[0].name: control character"),
    "pool name": (_set(lambda d: _meta(d)["pool"], "name", ESC), "pool.name: control character"),
    "info title": (_set(lambda d: _meta(d)["info"], "title", ESC), "info.title: control character"),
    "info case reference": (_set(lambda d: _meta(d)["info"], "case_ref", "25/555\u202e"),
                            "info.case_ref: control character"),
    "info partner": (_set(lambda d: _meta(d)["info"], "partners", ["Norddjurs", ESC]),
                     "info.partners[1]: control character"),
    "editor": (_set(_meta, "editors", ["jkr", "x\x1b[2J"]), "editors[1]: control character"),
    "note author": (lambda d: _with_note(d, "jkr" + ESC),
                    "activities[HAVN-1].notes[0].by: control character"),
    "history author": (lambda d: _with_change(d, who="jkr" + ESC),
                       "changes[1].who: control character"),
    "history new value": (lambda d: _with_change(d, field="title", old="Dialog", new="Ny" + ESC),
                          "changes[1].new: control character"),
    "history note text": (lambda d: _with_change(d, field="notes", old=None, new=ESC, action="note"),
                          "changes[1].new: control character"),
    "null budget line name": (_set(lambda d: _meta(d)["budget"]["lines"][1], "name", None),
                              "budget.lines[1].name: expected text, found null"),
    "unknown old status in history": (lambda d: _with_change(d, old="halvfærdig"),
                                      "changes[1].old: unknown value 'halvfærdig'"),
    "revision 1e30": (_set(_activity, "revision", 1e30),
                      "activities[HAVN-1].revision: expected a whole number, found 1e+30"),
    "duplicate expense ids": (_set(lambda d: d, "expenses", {"1": _expense(1), "2": _expense(1)}),
                              "expenses[1]: ID 1 already exists"),
}


def _write(path: Path, doc: Doc) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """The plan an import goes into: the seeded plan."""
    path = tmp_path / "plan.json"
    path.write_bytes(SEEDED_DB.read_bytes())
    return path


def _bad(tmp_path: Path, case: str) -> tuple[Path, str]:
    spoil, expected = CASES[case]
    doc = copy.deepcopy(_seeded())
    spoil(doc)
    return _write(tmp_path / "bad.json", doc), expected


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("case", CASES)
def test_load_refuses_with_the_field_path(tmp_path: Path, case: str) -> None:
    bad, expected = _bad(tmp_path, case)
    with pytest.raises(UnreadableFile) as info:
        Store(bad, user="tester").load()
    assert str(info.value).startswith(f"{bad}: {expected}"), str(info.value)
    assert "\n" not in str(info.value) and "\x1b" not in str(info.value)


@pytest.mark.parametrize("case", CASES)
def test_import_refuses_and_leaves_the_plan_alone(tmp_path: Path, target: Path, case: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad, expected = _bad(tmp_path, case)
    before = target.read_bytes()
    code = cli_main(["--db", str(target), "--lang", "en", "import", str(bad)])
    out, err = capsys.readouterr()
    assert code == 1
    line = _one_line(err)
    assert expected in line and str(bad) in line
    assert "\x1b" not in out + err
    assert target.read_bytes() == before


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_field_path(tmp_path: Path, case: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad, expected = _bad(tmp_path, case)
    before = bad.read_bytes()
    code = cli_main(["--db", str(bad), "--lang", "en", "check"])
    out, err = capsys.readouterr()
    assert code == 1
    assert expected in _one_line(err)
    assert "\x1b" not in out + err
    assert bad.read_bytes() == before


@pytest.mark.parametrize("command", [["status", "--as-of", "2025-02-01"], ["status"],
                                     ["show", "HAVN-1"], ["budget"], ["report"]])
def test_commands_on_a_bad_history_say_one_line(tmp_path: Path, command: list[str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    bad, expected = _bad(tmp_path, "unknown old status in history")
    code = cli_main(["--db", str(bad), "--lang", "en", *command])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert expected in _one_line(err)


@pytest.mark.parametrize("command", [["budget"], ["report"], ["report", "--format", "csv"]])
def test_commands_on_a_null_budget_line_name_say_one_line(tmp_path: Path, command: list[str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    bad, expected = _bad(tmp_path, "null budget line name")
    code = cli_main(["--db", str(bad), "--lang", "en", *command])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert expected in _one_line(err)


def _nested(depth: int) -> str:
    return "[" * depth + '"x"' + "]" * depth


@pytest.mark.parametrize("where", ["title", "extra key"])
def test_import_of_json_nested_1000_deep(tmp_path: Path, target: Path, where: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    raw = SEEDED_DB.read_text(encoding="utf-8")
    title = '"title": "Dialog med Stena Line om færgeruten Grenaa-Halmstad"'
    assert title in raw
    if where == "title":
        raw = raw.replace(title, '"title": ' + _nested(1000), 1)
        expected = "activities[HAVN-1].title: expected text, found […]"
    else:
        raw = raw.replace(title, title + ', "extra": ' + _nested(1000), 1)
        expected = "activities[HAVN-1].extra: unknown field"
    bad = tmp_path / "deep.json"
    bad.write_text(raw, encoding="utf-8")
    before = target.read_bytes()
    code = cli_main(["--db", str(target), "--lang", "en", "import", str(bad)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert expected in _one_line(err)
    assert target.read_bytes() == before


def test_a_good_document_still_imports(tmp_path: Path, target: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    doc = _seeded()
    _with_note(doc, "jkr")
    _with_change(doc)
    doc["expenses"] = {"1": _expense(1), "2": _expense(2, 250)}
    good = _write(tmp_path / "good.json", doc)
    code = cli_main(["--db", str(target), "--lang", "en", "import", str(good)])
    _out, err = capsys.readouterr()
    assert code == 0, err
    plan = Store(target, user="tester").load()
    assert [e.id for e in plan.expenses] == [1, 2]
    assert plan.activity("HAVN-1").notes[0].by == "jkr"  # type: ignore[union-attr]


# The store never writes a document it would refuse to read.

WRITES_OUT_OF_RANGE: dict[str, Callable[[Store], Any]] = {
    "activity due in 2500": lambda s: s.update_activity("HAVN-1", {"due": "2500-01-01"}),
    "activity start in 1800": lambda s: s.update_activity("HAVN-1", {"start": "1800-06-01"}),
    "expense in 2999": lambda s: s.add_expense(spent_on="2999-01-01", line="catering", amount=5),
    "milestone in 3000": lambda s: s.add_milestone(title="M", when="3000", kind="meeting"),
}


@pytest.mark.parametrize("case", WRITES_OUT_OF_RANGE)
def test_dates_beyond_the_plans_years_are_refused_on_input(target: Path, case: str) -> None:
    from kattegat_tui.domain import ValidationError

    before = target.read_bytes()
    with pytest.raises(ValidationError) as info:
        WRITES_OUT_OF_RANGE[case](Store(target, user="tester"))
    assert info.value.code == "err.year_range"
    assert target.read_bytes() == before
    Store(target, user="tester").load()


def test_an_import_from_a_strange_path_is_recorded_readably(tmp_path: Path, target: Path) -> None:
    folder = tmp_path / "ny\x1b[2Jmappe"
    folder.mkdir()
    source = folder / "plan.json"
    source.write_bytes(SEEDED_DB.read_bytes())
    assert cli_main(["--db", str(target), "import", str(source)]) == 0
    plan = Store(target, user="tester").load()  # the history's record of the import passes the rules
    assert "\x1b" not in plan.changes[-1].new


def test_a_write_that_would_break_a_rule_is_refused_and_nothing_is_written(target: Path) -> None:
    store = Store(target, user="tester")
    before = target.read_bytes()
    with pytest.raises(UnreadableFile) as info, store.transaction() as tx:
        tx.table("activities").update({"revision": 1e30}, doc_ids=[1])
    assert "activities[HAVN-1].revision" in str(info.value)
    assert target.read_bytes() == before


def test_a_large_plan_is_built_from_its_columns_as_record_by_record(tmp_path: Path) -> None:
    from bench.synthetic import write_plan
    from kattegat_tui.store import parse_bytes
    from kattegat_tui.store.documents import document_to_plan, records_to_plan

    info = write_plan(tmp_path / "plan.json", 300)
    doc = parse_bytes(info.path, info.path.read_bytes())
    plan = document_to_plan(info.path, doc)
    assert len(plan.changes) == info.changes and sum(len(a.notes) for a in plan.activities) == info.notes
    assert plan == records_to_plan(info.path, doc)
    # records out of order are built in the order of their numbers, as before
    doc["changes"] = dict(reversed(list(doc["changes"].items())))
    doc["activities"] = dict(reversed(list(doc["activities"].items())))
    assert document_to_plan(info.path, doc) == plan
