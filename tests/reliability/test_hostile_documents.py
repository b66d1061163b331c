"""Hostile plan documents, generated: a document is either refused with one line (by `import`,
by every read) or accepted, and then every command and every dashboard tab works with it and
prints no control characters.

The documents start from a busy plan written by the real store (notes, assessments, created and
deleted records, milestones, budget, expenses, editors, history of every kind) and are spoiled in
one to three places: wrong types, null, huge numbers, 1e30, escape sequences and bidi overrides,
unknown words, swapped values, duplicated records, deep nesting, very long text, bad dates.

The budget is fixed for `make test` (derandomized, under a minute for the file); a bigger run:
``KATTEGAT_FUZZ_EXAMPLES=2000 .venv/bin/pytest -q tests/reliability/test_hostile_documents.py``.
"""

from __future__ import annotations

import asyncio
import copy
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kattegat_tui.cli import main as cli_main
from kattegat_tui.store import Store, StoreError, parse_bytes
from kattegat_tui.store.documents import records_to_plan

SEEDED_DB = Path(__file__).resolve().parents[2] / "data" / "db.json"
EXAMPLES = int(os.environ.get("KATTEGAT_FUZZ_EXAMPLES", "0") or 0)
CLI_EXAMPLES = EXAMPLES or 60
UI_EXAMPLES = max(EXAMPLES // 20, 6) if EXAMPLES else 6
TODAY = "2026-11-30"

# what a terminal must never get: C0 and C1 controls (newline and tab aside), DEL, bidi overrides
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

Doc = dict[str, Any]


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(hours=7)
        return self.now


@cache
def busy_document() -> bytes:
    """The seeded plan after edits of every kind, through the real store."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_bytes(SEEDED_DB.read_bytes())
        store = Store(path, user="jkr", clock=_Clock())
        store.set_status("HAVN-1", "in_progress", note="Møde med Stena Line\nto linjer")
        store.assess("TUR-1", "yellow", "Afventer Halmstad")
        store.create_activity(focus="KLIMA", title="Fælles æøå ÅÄÖ", committee="MTU",
                              due="2027-01-31")
        store.delete_activity("PART-5")
        store.add_milestone(title="Genbesøg", when="5.-6. februar 2027", kind="visit")
        store.set_participants(55)
        store.add_expense(spent_on="2025-05-08", line="tour", amount=18_000, note="Bus")
        store.add_expense(spent_on="2025-05-09", line="catering", amount=9_500)
        store.delete_expense(2)
        store.grant("anna")
        Store(path, user="anna", clock=_Clock()).add_note("UDD-1", "Udkast sendt")
        store.undo_last()
        return path.read_bytes()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the document, containers and leaves."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


@cache
def places() -> list[tuple[Any, ...]]:
    doc = json.loads(busy_document())
    return [p for p in _paths(doc) if len(p) >= 2]


@cache
def leaf_values() -> list[Any]:
    doc = json.loads(busy_document())
    out = []
    for path in places():
        value = _get(doc, path)
        if not isinstance(value, dict | list):
            out.append(value)
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


HOSTILE_TEXT = [
    "", " ", "x" * 6000, "\x1b[2J", "\x1b]0;owned\x07", "Titel\u202eevil", "\x00", "\x9b31m",
    "[/]", "[@click=app.quit]x[/]", "null", "bogus", "planned", "done", "in_progress", "red",
    "joint", "day", "visit", "activity", "*", "notes", "status", "2025-13-45", "2025-02-30",
    "9999-12-31", "0001-01-01", "20250101", "2025-W01-1", "2025-02-04T25:00:00", "HAVN-1",
    "havn-1", "OU", "catering", "1", "-1", "1e30", "\u2028", "\ufffd", "æøå ÅÄÖ",
]

WORDS = ["planned", "in_progress", "done", "on_hold", "cancelled", "green", "yellow", "red",
         "norddjurs", "halmstad", "joint", "day", "month", "year", "signing", "visit", "meeting",
         "decision", "deadline", "update", "note", "create", "delete", "undo", "import"]

# values a careless hand might write: of a plausible type, mostly accepted
plausible_values = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")),
            max_size=60),
    st.integers(min_value=0, max_value=10**6),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)).map(date.isoformat),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30),
                 timezones=st.just(UTC)).map(datetime.isoformat),
    st.sampled_from(WORDS),
    st.none(),
)

hostile_values = st.one_of(
    plausible_values,
    st.sampled_from([None, True, False, 0, -1, 1, 2**31, 2**63, 10**30, 1e30, 0.5, -0.0, [], {},
                     [None], {"a": 1}, ["x"], [[]], _nested(60)]),
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=30),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.lists(st.sampled_from(HOSTILE_TEXT), max_size=3),
)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def similar(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same kind as ``value``: what a careless hand or another tool writes."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(min_value=0, max_value=max(10, value * 3))
    if isinstance(value, str) and _DAY.fullmatch(value):
        return st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)).map(date.isoformat)
    if isinstance(value, str) and _DAY.match(value):
        return st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30),
                            timezones=st.just(UTC)).map(datetime.isoformat)
    if isinstance(value, str) and value in WORDS:
        return st.sampled_from(WORDS)
    if isinstance(value, str):
        return st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")),
                       min_size=1, max_size=60)
    return st.just(copy.deepcopy(value))


@st.composite
def spoilt_documents(draw: st.DrawFn, careless: bool = False) -> Doc:
    """The busy document spoilt in one to three places; ``careless`` keeps each value's kind
    (mostly accepted documents), otherwise anything goes (mostly refused ones)."""
    doc: Doc = json.loads(busy_document())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(places()))
        parent = _get(doc, path[:-1]) if _exists(doc, path) else None
        if parent is None:
            continue
        key = path[-1]
        how = draw(st.sampled_from(["similar"] * 6 + ["duplicate", "delete"] if careless else
                                   ["set", "set", "swap", "plausible", "similar", "similar",
                                    "delete", "duplicate", "extra"]))
        if how == "set":
            parent[key] = draw(hostile_values)
        elif how == "similar":
            parent[key] = draw(similar(parent[key]))
        elif how == "plausible":
            parent[key] = draw(plausible_values)
        elif how == "swap":
            parent[key] = copy.deepcopy(draw(st.sampled_from(leaf_values())))
        elif how == "delete":
            del parent[key]
        elif how == "duplicate" and isinstance(parent, dict):
            parent[str(max((int(k) for k in parent if str(k).isdigit()), default=0) + 1)] = \
                copy.deepcopy(parent[key])
        elif how == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif isinstance(parent[key], dict):
            parent[key][draw(st.sampled_from(["extra", "Titel", "notes", "__proto__"]))] = \
                draw(hostile_values)
    return doc


def _exists(doc: Any, path: tuple[Any, ...]) -> bool:
    try:
        _get(doc, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


@contextmanager
def _captured() -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr = saved


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    return raw.getvalue().decode("utf-8")


def run(*args: str) -> tuple[int, str, str]:
    """``kattegat ARGS`` in this process: exit code, stdout, stderr."""
    with _captured() as (out, err):
        code = cli_main(["--lang", "en", "--today", TODAY, *args])
    return code, _text(out), _text(err)


def _assert_clean(text: str, what: str, *, crlf: bool = False) -> None:
    if crlf:  # lines of the calendar (RFC 5545) and of CSV (RFC 4180) end in CRLF
        text = text.replace("\r\n", "\n")
    bad = _CONTROL.search(text)
    assert bad is None, f"{what}: control character {bad.group()!r} in {text[:300]!r}"


def _assert_one_line(code: int, err: str, what: str) -> None:
    assert code == 1, (what, code, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, (what, err)
    assert "internal error" not in err and "Traceback" not in err, (what, err)
    _assert_clean(err, what)


def _write(folder: Path, doc: Doc) -> Path:
    path = folder / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _loads(path: Path) -> Any:
    """The plan, or None when every read refuses the file (with one line naming it)."""
    try:
        return Store(path, user="tester").load()
    except StoreError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return None


COMMANDS = [
    ["status"], ["status", "--all"], ["status", "--as-of", "2025-06-01"],
    ["status", "--as-of", "2025-03-01"], ["activities"], ["milestones"], ["budget"],
    ["budget", "--json"], ["report"], ["report", "--format", "html"],
    ["report", "--format", "csv"], ["report", "--as-of", "2025-06-01"], ["calendar"],
]


def check_document(doc: Doc, folder: Path, note: Any = lambda what: None) -> None:
    bad = _write(folder, doc)
    target = folder / "plan.json"
    target.write_bytes(SEEDED_DB.read_bytes())
    before = target.read_bytes()
    plan = _loads(bad)

    code, out, err = run("--db", str(target), "import", str(bad))
    note("refused" if plan is None else "accepted, imported" if code == 0 else "accepted, not imported")
    if plan is None:
        _assert_one_line(code, err, "import")
        assert target.read_bytes() == before
        code, out, err = run("--db", str(bad), "check")
        _assert_one_line(code, err, "check")
        code, out, err = run("--db", str(bad), "status")
        _assert_one_line(code, err, "status")
        return
    # accepted by every read, and built from the checked columns as record by record
    assert plan == records_to_plan(bad, parse_bytes(bad, bad.read_bytes()))
    # `import` may still refuse it for a warning of `check`
    assert code in (0, 1), (code, err)
    if code == 1:
        _assert_one_line(code, err, "import")
        assert target.read_bytes() == before
    code, out, err = run("--db", str(bad), "check")
    assert code in (0, 1) and "internal error" not in err, err
    _assert_clean(out + err, "check")
    commands = list(COMMANDS)
    if plan.activities:
        commands.append(["show", plan.activities[0].id])
        commands.append(["show", plan.activities[-1].id, "--json"])
    for command in commands:
        code, out, err = run("--db", str(bad), *command)
        assert code == 0, (command, err)
        _assert_clean(out, " ".join(command), crlf=command[0] == "calendar" or "csv" in command)
        _assert_clean(err, " ".join(command))


@settings(max_examples=CLI_EXAMPLES, deadline=None, derandomize=not EXAMPLES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=st.one_of(spoilt_documents(), spoilt_documents(careless=True)))
def test_a_hostile_document_is_refused_in_one_line_or_works_everywhere(doc: Doc) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check_document(doc, Path(tmp), event)


def test_the_busy_document_itself_is_accepted() -> None:
    """The starting point is a plan the store wrote: every read accepts it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_bytes(busy_document())
        plan = _loads(path)
        assert plan is not None and len(plan.changes) > 10
        check_document(json.loads(busy_document()), Path(tmp))


# -- the dashboard: every tab with a document that every read accepts -----------------------------


async def _every_tab(path: Path) -> None:
    from kattegat_tui.app import KattegatApp

    app = KattegatApp(Store(path, user="tester", clock=_Clock()), lang="da",
                      today=date(2026, 11, 30), read_only=True, poll_interval=60.0)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
        await pilot.press("2", "down", "down", "end", "home")
        await pilot.pause()
    assert app.return_code in (None, 0)


@settings(max_examples=UI_EXAMPLES, deadline=None, derandomize=not EXAMPLES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=spoilt_documents(careless=True))
def test_every_tab_works_with_an_accepted_document(doc: Doc) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), doc)
        if _loads(path) is None:
            return
        asyncio.run(_every_tab(path))


def test_every_tab_works_with_the_busy_document() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_bytes(busy_document())
        asyncio.run(_every_tab(path))
