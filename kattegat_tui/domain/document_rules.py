"""The plan document's rules: every field of every record has a type, a range and a text rule.

One validation of the whole document as the file holds it (JSON tables of records), used when a
plan file or its journal is read, by ``kattegat check`` and by ``kattegat import``. A document that
passes can be built into a ``Plan``, shown by every view, report and command, rebuilt as of an
earlier day from its history, and edited. The first thing wrong is raised as ``DocumentError``
naming the field's path, e.g. ``budget.lines[1].name: expected text, found null`` or
``activities[UDD-1].title: control character U+001B``.

The rules:

- Types are exact: text is a JSON string, a whole number is a JSON integer (``40.0``, ``1e30`` and
  ``true`` are not), a date is ``YYYY-MM-DD``, a moment is an ISO 8601 date and time.
- Ranges: dates and moments lie within the years 1900-2200; money is whole kroner from 0 to
  10^12 (the cap typed input has); participants 0-100,000; ids, revisions and record numbers
  1 to 2^31-1.
- Text: no control characters (newline and tab are allowed in the long, multi-line fields) and no
  bidi overrides or isolates; at most the lengths typed input is held to (``validation.MAX_*``);
  ids and keys are not empty.
- Closed vocabularies (status, assessment, side, milestone kind and status, date precision, the
  history's entities and actions) hold known words only, in the history's old and new values too.
- Ids are unique where records are looked up by them: activities and milestones (ignoring case),
  focus areas, committees and budget lines by key; expenses and history records carry their own
  record number as id.
- Unknown tables, unknown fields and extra records in ``meta`` are refused: a misspelt field in a
  hand-edited file is named instead of being silently ignored (and lost on the next edit).
  Optional fields may be left out; ``null`` is accepted only where the model has no value
  (start, due, assessment, last updated, an expense-less undo).
- What is only a warning stays with ``integrity.plan_problems`` (``kattegat check``): references to
  focus areas, committees and budget lines that do not exist, a yellow or red assessment without a
  comment, a due date before the start, ids not in the form new ones get.

Record paths use the record's id (``activities[UDD-1]``, ``changes[57]``), or ``#`` and the
record's number in the file when the id itself is broken (``activities[#3].id``); list items are
counted from 0, as JSON tools count them.

The checks work a column at a time (one field of every record of a table) with operations that run
in C, so a plan of 10,000 activities and 35,000 history records is checked in a small fraction of
the time it takes to read it; only when a column fails is it searched value by value for the exact
record to name.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import chain, compress, repeat
from operator import attrgetter, itemgetter
from typing import Any

from .enums import Assessment, MilestoneKind, MilestoneStatus, Precision, Side, Status
from .validation import FIRST_YEAR, LAST_YEAR, MAX_LONG, MAX_SHORT, MAX_TITLE

MAX_KEY = 40  # ids, keys and case references
MAX_LOGIN = 64  # as `kattegat access grant` accepts
MAX_ID = 2**31 - 1
MAX_AMOUNT = 10**12  # whole kroner, as `validation.amount` accepts
MAX_PARTICIPANTS = 100_000
MAX_ORDER = 10_000
MAX_ITEMS = 10_000  # notes on one activity, lines of a budget, editors, linked activities
MAX_PARTNERS = 20
_FIRST_DAY = date(FIRST_YEAR, 1, 1)
_LAST_DAY = date(LAST_YEAR, 12, 31)
_FIRST_TEXT = _FIRST_DAY.isoformat()
_LAST_TEXT = _LAST_DAY.isoformat()

TABLES = ("meta", "focus_areas", "committees", "activities", "milestones", "decisions",
          "expenses", "changes")

# C0 and C1 controls, DEL, line and paragraph separators, bidi overrides and isolates; the long
# fields may hold newlines and tabs.
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# What a rule can find wrong, in English; the catalogs hold the same codes in every language.
MESSAGES: dict[str, str] = {
    "doc.expected_text": "expected text, found {found}",
    "doc.expected_number": "expected a whole number, found {found}",
    "doc.expected_flag": "expected true or false, found {found}",
    "doc.expected_date": "expected a date (YYYY-MM-DD), found {found}",
    "doc.expected_moment": "expected a date and time, found {found}",
    "doc.expected_list": "expected a list, found {found}",
    "doc.expected_object": "expected an object, found {found}",
    "doc.expected_null": "expected null, found {found}",
    "doc.control_char": "control character {char}",
    "doc.too_long": "too long ({length} characters, at most {limit})",
    "doc.too_many": "too many items ({count}, at most {limit})",
    "doc.empty": "empty",
    "doc.negative": "cannot be negative ({value})",
    "doc.out_of_range": "{value} is out of range ({low}..{high})",
    "doc.unknown_value": "unknown value {value} (allowed: {allowed})",
    "doc.not_date": "not a date in the form YYYY-MM-DD: {value}",
    "doc.not_moment": "not a date and time: {value}",
    "doc.year_range": "{value} is outside the years {low}..{high}",
    "doc.missing": "missing",
    "doc.unknown_field": "unknown field",
    "doc.unknown_table": "unknown table",
    "doc.unknown_record": "unknown record (meta holds one, numbered 1)",
    "doc.record_number": "the record number is not a number 1..{high}",
    "doc.duplicate_id": "ID {value} already exists",
    "doc.id_number": "{value} differs from the record's number {number}",
    "doc.history_field": "{field} is not changed by {action} of {entity}",
    "doc.history_record": "{value} is not the record the change names ({key})",
}

Problem = tuple[str, dict[str, Any]]


def _p(code: str, **params: Any) -> Problem:
    return code, params


class DocumentError(ValueError):
    """The first thing wrong with a document: ``where`` is the field's path; ``code`` and
    ``params`` say what, for the catalogs (``str()`` says it in English)."""

    def __init__(self, where: str, problem: Problem) -> None:
        self.where = where
        self.code, self.params = problem
        text = MESSAGES[self.code].format(**self.params)
        super().__init__(f"{where}: {text}" if where else text)


# -- how values are named in messages (JSON-like, so the same in every language; one line) -------


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def show(value: Any) -> str:
    """A value for a one-line message: JSON-like, control characters escaped, long text cut."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if abs(value) < 10**15 else f"{value:.3g}"
    if isinstance(value, list):
        return "[…]" if value else "[]"
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    text = str(value)
    text = text if len(text) <= 40 else text[:39] + "…"
    return "'" + _CONTROL_ONE_LINE.sub(_escape, text) + "'"


def _name(key: Any) -> str:
    """A key or id as part of a path: control characters escaped, cut short."""
    return _CONTROL_ONE_LINE.sub(_escape, str(key))[:40]


# -- field kinds: a fast check of a whole column and a precise check of one value ----------------


class Kind:
    """How one field's values are checked. ``bulk`` may say no for a good column (then each value
    is checked with ``one``), but never yes for a column holding a bad value. ``default`` is a
    value that passes, standing in for a field left out."""

    default: Any = None

    def bulk(self, values: Sequence[Any]) -> bool:
        return all(self.one(v) is None for v in values)

    def one(self, value: Any) -> Problem | None:
        raise NotImplementedError

    def locate(self, value: Any) -> tuple[str, Problem] | None:
        """Where inside ``value`` the problem is (a path suffix, maybe empty) and what it is."""
        problem = self.one(value)
        return None if problem is None else ("", problem)

    def nested(self, values: Sequence[Any], label: Callable[[int], str]) -> None:
        """Check inside values that passed (records within records)."""


class Nothing(Kind):
    """Only null (which the field allows) passes."""

    default = None

    def bulk(self, values: Sequence[Any]) -> bool:
        return not values

    def one(self, value: Any) -> Problem | None:
        return _p("doc.expected_null", found=show(value))


class Text(Kind):
    default = ""

    def __init__(self, limit: int, *, multiline: bool = False, required: bool = False) -> None:
        self.limit = limit
        self.multiline = multiline
        self.pattern = _CONTROL_MULTILINE if multiline else _CONTROL_ONE_LINE
        self.required = required

    def bulk(self, values: Sequence[Any]) -> bool:
        try:
            joined = "".join(values)
        except TypeError:
            return False
        if len(joined) > self.limit and max(map(len, values)) > self.limit:
            return False
        if self.required and "" in values:
            return False
        # every character the pattern finds is unprintable, and isprintable() is much faster
        if self.multiline:
            return joined.replace("\n", "").replace("\t", "").isprintable() \
                or self.pattern.search(joined) is None
        return joined.isprintable() or self.pattern.search(joined) is None

    def one(self, value: Any) -> Problem | None:
        if not isinstance(value, str):
            return _p("doc.expected_text", found=show(value))
        bad = self.pattern.search(value)
        if bad:
            return _p("doc.control_char", char=f"U+{ord(bad.group()):04X}")
        if len(value) > self.limit:
            return _p("doc.too_long", length=len(value), limit=self.limit)
        if self.required and not value:
            return _p("doc.empty")
        return None


class Choice(Kind):
    def __init__(self, values: Iterable[str]) -> None:
        words = list(values)
        self.allowed = frozenset(words)
        self.listed = ", ".join(words)
        self.default = words[0]

    def bulk(self, values: Sequence[Any]) -> bool:
        try:
            return set(values) <= self.allowed
        except TypeError:  # a list or an object
            return False

    def one(self, value: Any) -> Problem | None:
        if not isinstance(value, str):
            return _p("doc.expected_text", found=show(value))
        if value not in self.allowed:
            return _p("doc.unknown_value", value=show(value), allowed=self.listed)
        return None


class Whole(Kind):
    def __init__(self, low: int, high: int) -> None:
        self.low = low
        self.high = high
        self.default = min(max(0, low), high)

    def bulk(self, values: Sequence[Any]) -> bool:
        if not values:
            return True
        if not set(map(type, values)) <= {int}:
            return False
        low: int = min(values)
        high: int = max(values)
        return low >= self.low and high <= self.high

    def one(self, value: Any) -> Problem | None:
        if type(value) is not int:
            return _p("doc.expected_number", found=show(value))
        if value < 0 <= self.low:
            return _p("doc.negative", value=value)
        if not self.low <= value <= self.high:
            return _p("doc.out_of_range", value=value, low=self.low, high=self.high)
        return None


class Flag(Kind):
    default = False

    def bulk(self, values: Sequence[Any]) -> bool:
        return set(map(type, values)) <= {bool}

    def one(self, value: Any) -> Problem | None:
        return None if type(value) is bool else _p("doc.expected_flag", found=show(value))


class Day(Kind):
    """A date as ``YYYY-MM-DD`` within the years the plan can concern."""

    default = "2000-01-01"

    def bulk(self, values: Sequence[Any]) -> bool:
        if not values:
            return True
        try:
            joined = "".join(values)
            # date.fromisoformat also reads 7- and 8-character forms and week dates (with a W):
            # when all parse and they add up to 10 characters each, every one is YYYY-MM-DD
            if len(joined) != 10 * len(values) or "W" in joined:
                return False
            for _ in map(date.fromisoformat, values):
                pass
        except (TypeError, ValueError):
            return False
        first: str = min(values)
        last: str = max(values)
        return first >= _FIRST_TEXT and last <= _LAST_TEXT

    def one(self, value: Any) -> Problem | None:
        if not isinstance(value, str):
            return _p("doc.expected_date", found=show(value))
        try:
            day = date.fromisoformat(value) if _DATE.fullmatch(value) else None
        except ValueError:
            day = None
        if day is None:
            return _p("doc.not_date", value=show(value))
        if not _FIRST_DAY <= day <= _LAST_DAY:
            return _p("doc.year_range", value=value, low=FIRST_YEAR, high=LAST_YEAR)
        return None


_year = attrgetter("year")


class Moment(Kind):
    """A date and time in ISO 8601 (as ``datetime.isoformat`` writes it), within the same years."""

    default = "2000-01-01T00:00:00+00:00"

    def bulk(self, values: Sequence[Any]) -> bool:
        if not values:
            return True
        try:
            years: list[int] = list(map(_year, map(datetime.fromisoformat, values)))
        except (TypeError, ValueError):
            return False
        return min(years) >= FIRST_YEAR and max(years) <= LAST_YEAR

    def one(self, value: Any) -> Problem | None:
        if not isinstance(value, str):
            return _p("doc.expected_moment", found=show(value))
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return _p("doc.not_moment", value=show(value))
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            return _p("doc.year_range", value=show(value), low=FIRST_YEAR, high=LAST_YEAR)
        return None


class Items(Kind):
    """A list of plain values of one kind."""

    def __init__(self, item: Kind, limit: int) -> None:
        self.item = item
        self.limit = limit
        self.default: list[Any] = []

    def bulk(self, values: Sequence[Any]) -> bool:
        if not set(map(type, values)) <= {list}:
            return False
        if values and max(map(len, values)) > self.limit:
            return False
        return self.item.bulk(list(chain.from_iterable(values)))

    def one(self, value: Any) -> Problem | None:
        found = self.locate(value)
        return None if found is None else found[1]

    def locate(self, value: Any) -> tuple[str, Problem] | None:
        if not isinstance(value, list):
            return "", _p("doc.expected_list", found=show(value))
        if len(value) > self.limit:
            return "", _p("doc.too_many", count=len(value), limit=self.limit)
        for i, item in enumerate(value):
            problem = self.item.one(item)
            if problem:
                return f"[{i}]", problem
        return None


class Record(Kind):
    """An object whose fields follow ``spec``."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.default: dict[str, Any] = {}

    def bulk(self, values: Sequence[Any]) -> bool:
        return set(map(type, values)) <= {dict}

    def one(self, value: Any) -> Problem | None:
        return None if isinstance(value, dict) else _p("doc.expected_object", found=show(value))

    def nested(self, values: Sequence[Any], label: Callable[[int], str]) -> None:
        check_records(values, self.spec, label)


class Records(Kind):
    """A list of objects whose fields follow ``spec``."""

    def __init__(self, spec: Spec, limit: int) -> None:
        self.spec = spec
        self.limit = limit
        self.default: list[Any] = []

    def bulk(self, values: Sequence[Any]) -> bool:
        if not set(map(type, values)) <= {list}:
            return False
        return not values or max(map(len, values)) <= self.limit

    def one(self, value: Any) -> Problem | None:
        if not isinstance(value, list):
            return _p("doc.expected_list", found=show(value))
        if len(value) > self.limit:
            return _p("doc.too_many", count=len(value), limit=self.limit)
        return None

    def nested(self, values: Sequence[Any], label: Callable[[int], str]) -> None:
        flat = list(chain.from_iterable(values))

        def item_label(k: int) -> str:
            for j, items in enumerate(values):
                if k < len(items):
                    return f"{label(j)}[{k}]"
                k -= len(items)
            return label(0)

        check_records(flat, self.spec, item_label)


class Field:
    """One field of a record: its kind, whether it must be there, whether ``null`` is allowed."""

    __slots__ = ("default", "kind", "nullable", "required")

    def __init__(self, kind: Kind, *, required: bool = False, nullable: bool = False) -> None:
        self.kind = kind
        self.required = required
        self.nullable = nullable
        self.default = None if nullable else kind.default


Spec = dict[str, Field]


def _req(kind: Kind) -> Field:
    return Field(kind, required=True)


def _opt(kind: Kind, *, nullable: bool = False, default: Any = None) -> Field:
    field = Field(kind, nullable=nullable)
    if default is not None:
        field.default = default
    return field


KEY = Text(MAX_KEY, required=True)
SHORT = Text(MAX_SHORT)
TITLE = Text(MAX_TITLE)
LONG = Text(MAX_LONG, multiline=True)
LOGIN = Text(MAX_SHORT)
CASE_REF = Text(MAX_KEY)
AMOUNT = Whole(0, MAX_AMOUNT)
REVISION = Whole(1, MAX_ID)
DAY = Day()
MOMENT = Moment()

NOTE: Spec = {"at": _req(MOMENT), "by": _req(LOGIN), "text": _req(LONG)}

ACTIVITY: Spec = {
    "id": _req(KEY), "focus": _req(KEY), "title": _req(TITLE), "committee": _req(KEY),
    "description": _opt(LONG), "owner": _opt(SHORT), "side": _opt(Choice(Side), default="joint"),
    "start": _opt(DAY, nullable=True), "due": _opt(DAY, nullable=True),
    "status": _opt(Choice(Status)), "assessment": _opt(Choice(Assessment), nullable=True),
    "assessment_comment": _opt(LONG), "notes": _opt(Records(NOTE, MAX_ITEMS)),
    "committee_suggested": _opt(Flag()), "updated_at": _opt(MOMENT, nullable=True),
    "updated_by": _opt(LOGIN), "revision": _opt(REVISION),
}

FUZZY_DATE: Spec = {"start": _req(DAY), "precision": _opt(Choice(Precision)),
                    "end": _opt(DAY, nullable=True)}

MILESTONE: Spec = {
    "id": _req(KEY), "title": _req(TITLE), "when": _req(Record(FUZZY_DATE)),
    "kind": _req(Choice(MilestoneKind)), "status": _opt(Choice(MilestoneStatus)),
    "case_ref": _opt(CASE_REF), "activities": _opt(Items(KEY, MAX_ITEMS)),
    "description": _opt(LONG), "revision": _opt(REVISION),
}

FOCUS_AREA: Spec = {
    "key": _req(KEY),
    "names": _req(Record({lang: _opt(TITLE) for lang in ("da", "sv", "en")})),
    "order": _opt(Whole(-MAX_ORDER, MAX_ORDER)), "description": _opt(LONG),
}

COMMITTEE: Spec = {"key": _req(KEY), "name": _req(Text(MAX_SHORT)), "short": _opt(SHORT)}

DECISION: Spec = {
    "number": _req(Whole(0, MAX_ID)), "text": _req(LONG), "outcome": _req(SHORT),
    "decided_on": _req(DAY), "body": _req(SHORT), "case_ref": _req(CASE_REF),
}

EXPENSE: Spec = {"id": _req(Whole(1, MAX_ID)), "spent_on": _req(DAY), "line": _req(KEY),
                 "amount": _req(AMOUNT), "note": _opt(LONG)}

BUDGET_LINE: Spec = {"key": _req(KEY), "name": _req(TITLE), "fixed": _opt(AMOUNT),
                     "per_participant": _opt(AMOUNT)}

BUDGET: Spec = {
    "name": _req(TITLE), "lines": _req(Records(BUDGET_LINE, MAX_ITEMS)),
    "planned_participants": _req(Whole(0, MAX_PARTICIPANTS)), "approved_cap": _req(AMOUNT),
    "case_ref": _opt(CASE_REF),
}

POOL: Spec = {"name": _req(TITLE), "year": _req(Whole(FIRST_YEAR, LAST_YEAR)),
              "budget": _req(AMOUNT), "used_before": _req(AMOUNT), "reserved": _req(AMOUNT)}

INFO: Spec = {
    "title": _opt(TITLE), "plan_name": _opt(TITLE), "period_start": _opt(DAY),
    "period_end": _opt(DAY), "case_ref": _opt(CASE_REF),
    "partners": _opt(Items(Text(MAX_SHORT), MAX_PARTNERS)),
}

EDITORS = Items(Text(MAX_LOGIN, required=True), MAX_ITEMS)

META: Spec = {"schema_version": _req(Whole(0, MAX_ID)), "info": _opt(Record(INFO)),
              "budget": _req(Record(BUDGET)), "pool": _req(Record(POOL)),
              "editors": _opt(EDITORS)}

ENTITIES = ("activity", "milestone", "budget", "expense", "access", "plan")
ACTIONS = ("update", "note", "create", "delete", "undo", "import")

CHANGE: Spec = {
    "id": _req(Whole(1, MAX_ID)), "at": _req(MOMENT), "who": _req(LOGIN),
    "entity": _req(Choice(ENTITIES)), "entity_id": _req(KEY), "field": _req(KEY),
    "old": _opt(Nothing(), nullable=True), "new": _opt(Nothing(), nullable=True),
    "action": _opt(Choice(ACTIONS)), "batch": _opt(Whole(0, MAX_ID)),
    "undoes": _opt(Whole(1, MAX_ID), nullable=True),
}
# old and new are checked by ``_check_history``, by what the change is about
_HISTORY_SKIPS = frozenset({"old", "new"})

# The fields an edit changes, per record kind: a history record's old and new values follow them.
ACTIVITY_EDITS = ("focus", "title", "description", "committee", "owner", "side", "start", "due",
                  "status", "assessment", "assessment_comment")
MILESTONE_EDITS = ("title", "description", "case_ref", "when", "kind", "status", "activities")
BUDGET_EDITS = ("name", "planned_participants", "approved_cap", "case_ref")


# -- checking records a column at a time --------------------------------------------------------


Columns = dict[str, Sequence[Any]]


def check_records(records: Sequence[Any], spec: Spec, label: Callable[[int], str],
                  skip: frozenset[str] = frozenset()) -> Columns:
    """Check ``records`` against ``spec`` (but not the fields in ``skip``); ``label(i)`` names
    record ``i`` in a message. Returns each field's values, a field left out read as its default."""
    if not records:
        return {name: () for name in spec}
    if not set(map(type, records)) <= {dict}:
        i = next(i for i, r in enumerate(records) if not isinstance(r, dict))
        raise DocumentError(label(i), _p("doc.expected_object", found=show(records[i])))
    columns = _same_fields(records, spec)
    if columns is None:
        columns = _each_field(records, spec, label)
    for name, field in spec.items():
        column = columns[name]
        if name in skip:
            continue
        values = column
        if field.nullable and None in column:
            values = () if column.count(None) == len(column) \
                else [v for v in column if v is not None]
        kind = field.kind
        if not kind.bulk(values):
            for i, value in enumerate(column):
                if value is None and field.nullable:
                    continue
                found = kind.locate(value)
                if found:
                    raise DocumentError(_join(label(i), name) + found[0], found[1])
        if type(kind) in (Record, Records):
            where = [i for i, v in enumerate(column) if v is not None]
            kind.nested([column[i] for i in where], _sub_label(label, where, name))
    return columns


def _same_fields(records: Sequence[dict[str, Any]], spec: Spec) -> Columns | None:
    """The columns when every record has the fields the first one has, and no other (as the
    store writes them): no search for unknown fields is needed. None when they differ."""
    present = [name for name in spec if name in records[0]]
    if len(records[0]) != len(present) or set(map(len, records)) != {len(present)} \
            or any(spec[name].required for name in spec if name not in present):
        return None
    columns: Columns = {}
    try:
        for name in present:
            columns[name] = list(map(itemgetter(name), records))
    except KeyError:
        return None
    n = len(records)
    for name, field in spec.items():
        if name not in columns:
            columns[name] = (field.default,) * n
    return columns


def _each_field(records: Sequence[dict[str, Any]], spec: Spec, label: Callable[[int], str]) -> Columns:
    """The columns field by field, naming the first record with an unknown or a missing field."""
    unknown = set().union(*records) - spec.keys()
    if unknown:
        for i, record in enumerate(records):
            extra = [k for k in record if k not in spec]
            if extra:
                raise DocumentError(_join(label(i), _name(extra[0])), _p("doc.unknown_field"))
    columns: Columns = {}
    for name, field in spec.items():
        if field.required:
            try:
                columns[name] = list(map(itemgetter(name), records))
            except KeyError:
                i = next(i for i, r in enumerate(records) if name not in r)
                raise DocumentError(_join(label(i), name), _p("doc.missing")) from None
        else:
            columns[name] = list(map(dict.get, records, repeat(name), repeat(field.default)))
    return columns


def _sub_label(label: Callable[[int], str], where: list[int],
               name: str = "") -> Callable[[int], str]:
    """Labels for a selection of records (``where``), or for a field of each."""
    return lambda j: _join(label(where[j]), name) if name else label(where[j])


def _join(base: str, name: str) -> str:
    return f"{base}.{name}" if base else name


def _labeller(table: str, keys: list[str], records: list[Any],
              id_field: str | None) -> Callable[[int], str]:
    def label(i: int) -> str:
        record = records[i]
        value = record.get(id_field) if id_field and isinstance(record, dict) else None
        if (isinstance(value, str) and 0 < len(value) <= MAX_KEY
                and not _CONTROL_ONE_LINE.search(value) and "]" not in value) \
                or (type(value) is int and 0 <= value <= MAX_ID):
            return f"{table}[{value}]"
        return f"{table}[#{_name(keys[i])}]"
    return label


def _unique(keys: list[str], records: list[dict[str, Any]], id_field: str,
            label: Callable[[int], str], *, fold: bool) -> None:
    ids = [r[id_field] for r in records]
    folded = [str(v).upper() for v in ids] if fold else ids
    if len(set(folded)) == len(folded):
        return
    seen: set[Any] = set()
    for i, value in enumerate(folded):
        if value in seen:
            raise DocumentError(label(i), _p("doc.duplicate_id", value=_name(ids[i])))
        seen.add(value)


def _numbered(table: str, keys: list[str], ids: Sequence[Any], records: list[dict[str, Any]],
              label: Callable[[int], str]) -> None:
    """Expenses and history records carry their record number as their id (checked as numbers
    1..2^31-1 already, so a key equal to one is a record number as TinyDB writes them)."""
    if list(map(str, ids)) == keys:
        return
    _check_keys(table, keys)
    numbers = list(map(int, keys))
    _unique(keys, records, "id", label, fold=False)
    for i, (value, number) in enumerate(zip(ids, numbers, strict=True)):
        if value != number:
            raise DocumentError(f"{label(i)}.id", _p("doc.id_number", value=show(value),
                                                     number=number))


def _check_keys(table: str, keys: list[str]) -> None:
    """Record numbers are canonical decimal numbers 1..2^31-1 (as TinyDB writes them)."""
    joined = "," + ",".join(keys)
    # ASCII digits, none with a leading zero, at most nine digits (< 2^31): all in C
    if joined.isascii() and joined.replace(",", "").isdigit() and ",0" not in joined \
            and ",," not in joined and (not keys or max(map(len, keys)) <= 9):
        return
    for key in keys:
        if not (key.isascii() and key.isdigit() and str(int(key)) == key
                and 1 <= int(key) <= MAX_ID):
            raise DocumentError(f"{table}[#{_name(key)}]", _p("doc.record_number", high=MAX_ID))


_TABLE_SPECS: dict[str, tuple[Spec, str | None]] = {
    "focus_areas": (FOCUS_AREA, "key"), "committees": (COMMITTEE, "key"),
    "activities": (ACTIVITY, "id"), "milestones": (MILESTONE, "id"),
    "decisions": (DECISION, "number"), "expenses": (EXPENSE, "id"), "changes": (CHANGE, "id"),
}


def check_table(doc: Mapping[str, Any], table: str,
                only: Iterable[str] | None = None) -> Columns:
    """Check the records of one table (all of them, or just ``only``, the record numbers a journal
    line wrote); ids are checked for uniqueness across the whole table. Returns the checked
    records' fields, a column each, in the table's order (a field left out as its default)."""
    rows: dict[str, Any] = doc[table]
    if table == "meta":
        _check_meta(rows)
        return {}
    spec, id_field = _TABLE_SPECS[table]
    keys = list(rows) if only is None else [k for k in only if k in rows]
    records = [rows[k] for k in keys]
    if id_field != "id" or table not in ("expenses", "changes"):
        _check_keys(table, keys)
    label = _labeller(table, keys, records, id_field)
    skip = _HISTORY_SKIPS if table == "changes" else frozenset()
    columns = check_records(records, spec, label, skip)
    if table == "changes":
        _numbered(table, keys, columns["id"], records, label)
        _check_history(columns, records, label)
        return columns
    if table == "expenses":
        _numbered(table, keys, columns["id"], records, label)
        return columns
    if table in ("activities", "milestones", "focus_areas", "committees"):
        assert id_field is not None
        if only is not None:  # uniqueness is a property of the whole table
            keys = list(rows)
            records = [rows[k] for k in keys]
            label = _labeller(table, keys, records, id_field)
        _unique(keys, records, id_field, label, fold=table in ("activities", "milestones"))
    return columns


def _check_meta(rows: dict[str, Any]) -> None:
    extra = [k for k in rows if k != "1"]
    if extra:
        raise DocumentError(f"meta[#{_name(extra[0])}]", _p("doc.unknown_record"))
    meta = rows.get("1")
    if meta is None:
        raise DocumentError("meta", _p("doc.missing"))
    check_records([meta], META, lambda i: "")
    lines = [line["key"] for line in meta["budget"]["lines"]]
    if len(set(lines)) != len(lines):
        seen: set[str] = set()
        for i, key in enumerate(lines):
            if key in seen:
                raise DocumentError(f"budget.lines[{i}].key", _p("doc.duplicate_id", value=_name(key)))
            seen.add(key)


def check_document(doc: Mapping[str, Any]) -> dict[str, Columns]:
    """Check every field of every record of a plan document (tables of records keyed by record
    number, as ``schema.check_shape`` leaves it); raises ``DocumentError`` for the first problem.
    Returns each table's checked columns (see ``check_table``): a plan can be built from them
    faster than record by record."""
    unknown = [name for name in doc if name not in TABLES]
    if unknown:
        raise DocumentError(_name(unknown[0]), _p("doc.unknown_table"))
    # The checks make many short-lived lists and no reference cycles; a collection of the
    # document's millions of objects halfway through would cost more than all of them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return {table: check_table(doc, table) for table in TABLES}
    finally:
        if collecting:
            gc.enable()


# -- the history: old and new values follow the field they were taken from ----------------------


_RECORD_OF = {"activity": ACTIVITY, "milestone": MILESTONE, "expense": EXPENSE}
_EDITS_OF = {"activity": ACTIVITY_EDITS, "milestone": MILESTONE_EDITS, "budget": BUDGET_EDITS}
_FIELDS_OF = {"activity": ACTIVITY, "milestone": MILESTONE, "budget": BUDGET}
_NOTE_TEXT = Field(LONG, required=True)
_NOTHING = Field(Nothing(), nullable=True)


def _history_rule(entity: str, field: str, action: str) -> tuple[Field, Field] | None:
    """What the old and new values of a change of ``entity.field`` by ``action`` must be (null
    where the field may be left out: it was not there before), or None: no edit makes that change."""
    if action == "import":
        return (_NOTHING, Field(Text(MAX_LONG), nullable=True)) \
            if entity == "plan" and field == "*" else None
    if field == "*":
        spec = _RECORD_OF.get(entity)
        if spec is None or action not in ("create", "delete", "undo"):
            return None
        whole = Field(Record(spec), nullable=True)
        return whole, whole
    if entity == "activity" and field == "notes":
        return {"note": (_NOTHING, _NOTE_TEXT), "undo": (_NOTE_TEXT, _NOTHING)}.get(action)
    if action not in ("update", "undo"):
        return None
    if entity == "access":
        editors = Field(EDITORS, nullable=True)
        return (editors, editors) if field == "editors" else None
    if field not in _EDITS_OF.get(entity, ()):
        return None
    rule = _FIELDS_OF[entity][field]
    value = Field(rule.kind, nullable=rule.nullable or not rule.required)
    return value, value


def _check_history(columns: Columns, records: list[dict[str, Any]],
                   label: Callable[[int], str]) -> None:
    n = len(records)
    olds, news = columns["old"], columns["new"]
    for entity, field, action, mask in _history_kinds(columns):
        def where(mask: list[bool] | None = mask) -> list[int]:  # only for a message, or rare kinds
            return list(range(n)) if mask is None else list(compress(range(n), mask))

        if action == "undo":
            # an undo that found everything already reverted marks its batch with null and null
            kept = [i for i in where() if olds[i] is not None or news[i] is not None]
            if not kept:
                continue
            mask = [False] * n
            for i in kept:
                mask[i] = True
        rule = _history_rule(entity, field, action)
        if rule is None:
            raise DocumentError(f"{label(where()[0])}.field", _p(
                "doc.history_field", field=show(field), action=show(action), entity=show(entity)))
        for column, name, field_rule in ((olds, "old", rule[0]), (news, "new", rule[1])):
            values = column if mask is None else list(compress(column, mask))
            if type(field_rule.kind) in (Record, Records, Items):
                check_records([{name: v} for v in values], {name: field_rule},
                              _sub_label(label, where()))
            else:
                _fast_values(values, field_rule, name, where, label)
        if field == "*" and entity in _RECORD_OF:
            _same_record(entity, records, where(), olds, news, label)


def _history_kinds(columns: Columns) -> Iterator[tuple[str, str, str, list[bool] | None]]:
    """Each kind of change (entity, field, action) with a mask of the records that are of it (None:
    all are). The three words are joined with NUL (which checked text cannot hold): one string per
    record costs less than a tuple, and a plan's history holds only a few kinds."""
    kinds = list(map("\0".join, zip(columns["entity"], columns["field"], columns["action"],
                                      strict=True)))
    distinct = list(dict.fromkeys(kinds))
    for kind in distinct:
        entity, field, action = kind.split("\0")
        yield entity, field, action, None if len(distinct) == 1 else list(map(kind.__eq__, kinds))


def _fast_values(values: Sequence[Any], rule: Field, name: str,
                 where: Callable[[], Sequence[int]], label: Callable[[int], str]) -> None:
    present = values
    if None in values:
        if not rule.nullable:
            i = values.index(None)
            raise DocumentError(f"{label(where()[i])}.{name}",
                                rule.kind.one(None) or _p("doc.missing"))
        present = [] if values.count(None) == len(values) else [v for v in values if v is not None]
    if rule.kind.bulk(present):
        return
    for i, value in enumerate(values):
        if value is None:
            continue
        problem = rule.kind.one(value)
        if problem:
            raise DocumentError(f"{label(where()[i])}.{name}", problem)


def _same_record(entity: str, records: list[dict[str, Any]], where: Iterable[int],
                 olds: Sequence[Any], news: Sequence[Any], label: Callable[[int], str]) -> None:
    """A whole record in the history is the record the change names (undo and restore put it back
    under that id)."""
    for i in where:
        key = records[i]["entity_id"]
        for name, value in (("old", olds[i]), ("new", news[i])):
            if value is None:
                continue
            if entity == "expense":
                ok = key.isascii() and key.isdigit() and int(key) == value["id"]
            else:
                ok = str(value["id"]).upper() == key.upper()
            if not ok:
                raise DocumentError(f"{label(i)}.{name}.id", _p(
                    "doc.history_record", value=show(value["id"]), key=show(key)))
