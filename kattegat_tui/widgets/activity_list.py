"""The plan's activities as a line-API list: grouped, filtered, sorted; one row per activity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from textual.content import Content

from ..domain import Activity, Assessment, Plan, Status
from ..i18n import Translator
from .cells import Column, cell, fit_columns, header_line, layout_line, max_width
from .row_list import Row, RowList


class GroupBy(StrEnum):
    FOCUS = "focus"
    COMMITTEE = "committee"


class SortBy(StrEnum):
    ID = "id"
    DUE = "due"
    STATUS = "status"
    ASSESSMENT = "assessment"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class Heading:
    """A group heading: a focus area or a committee, with how many rows it holds."""

    title: str
    count: int


@dataclass(slots=True)
class ListFilter:
    """What the plan tab shows: grouping, filters, sort order and the search text."""

    group_by: GroupBy = GroupBy.FOCUS
    committee: str | None = None
    status: Status | None = None
    sort_by: SortBy = SortBy.ID
    query: str = ""

    def matches(self, activity: Activity, haystack: str) -> bool:
        if self.committee is not None and activity.committee != self.committee:
            return False
        if self.status is not None and activity.status is not self.status:
            return False
        return all(n in haystack for n in self.query.casefold().split())


def natural_id(activity_id: str) -> tuple[str, int, str]:
    """HAVN-2 before HAVN-10."""
    prefix, _, number = activity_id.rpartition("-")
    if number.isdigit():
        return (prefix, int(number), "")
    return (activity_id, -1, activity_id)


_STATUS_ORDER = {s: i for i, s in enumerate(Status)}


def _sort_key(sort_by: SortBy, focus_order: dict[str, int]) -> Callable[[Activity], Any]:
    def by_id(a: Activity) -> tuple[object, ...]:
        return (focus_order.get(a.focus, 999), natural_id(a.id))

    if sort_by is SortBy.DUE:
        return lambda a: (a.due is None, a.due or date.max, by_id(a))
    if sort_by is SortBy.STATUS:
        return lambda a: (_STATUS_ORDER[a.status], by_id(a))
    if sort_by is SortBy.ASSESSMENT:
        return lambda a: (-(a.assessment.severity if a.assessment else -1), by_id(a))
    if sort_by is SortBy.UPDATED:
        return lambda a: (-(a.updated_at.timestamp() if a.updated_at else 0), by_id(a))
    return by_id


def haystack(plan: Plan, activity: Activity) -> str:
    """The text that search looks in: ID, title, owner, committee and description."""
    return " ".join((activity.id, activity.title, activity.owner, activity.committee,
                     plan.committee_name(activity.committee), activity.description)).casefold()


def arrange(plan: Plan, flt: ListFilter, tr: Translator,
            haystacks: dict[str, str] | None = None) -> tuple[list[Row], int]:
    """The rows to show (headings and activities) and how many activities match."""
    focus_order = {f.key: f.order for f in plan.focus_areas}
    if haystacks is None:
        haystacks = {a.id: haystack(plan, a) for a in plan.activities}
    chosen = [a for a in plan.activities if flt.matches(a, haystacks.get(a.id, ""))]
    chosen.sort(key=_sort_key(flt.sort_by, focus_order))
    groups: dict[str, list[Activity]] = {}
    if flt.group_by is GroupBy.COMMITTEE:
        order = [c.key for c in plan.committees]
        for a in chosen:
            groups.setdefault(a.committee, []).append(a)

        def title(key: str) -> str:
            return plan.committee_name(key)
    else:
        order = [f.key for f in sorted(plan.focus_areas, key=lambda f: f.order)]
        for a in chosen:
            groups.setdefault(a.focus, []).append(a)

        def title(key: str) -> str:
            area = plan.focus_area(key)
            return area.name(tr.lang) if area else key
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    rows: list[Row] = []
    for key in keys:
        members = groups[key]
        rows.append(Row(None, Heading(title(key), len(members))))
        rows.extend(Row(a.id, a) for a in members)
    return rows, len(chosen)


class ActivityList(RowList):
    """Activities with ID, title, committee, owner, due date, status and assessment.

    Status and assessment are always a symbol and a word; an overdue date carries a "!".
    """

    CURSOR_MARKER: ClassVar[str] = "›"
    CURSOR_OVER_CELLS: ClassVar[bool] = True

    DEFAULT_CSS = """
    ActivityList {
        & > .rows--header { text-style: bold underline; }
        & > .rows--cursor { text-style: reverse bold; }
        & > .rows--group { text-style: bold; color: $accent; }
        & > .rows--dim { text-style: dim; }
        & > .rows--warn { color: $error; text-style: bold; }
        & > .rows--red { color: $error; text-style: bold; }
        & > .rows--yellow { color: $warning; }
        & > .rows--green { color: $success; }
    }
    """

    def __init__(self, today: date, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.tr = Translator()
        self.today = today
        self.committee_short: dict[str, str] = {}
        self._columns: tuple[int, list[Column]] | None = None
        self.empty_message = ""

    def set_context(self, tr: Translator, today: date, plan: Plan) -> None:
        self.tr = tr
        self.today = today
        self.committee_short = {c.key: c.short or c.key for c in plan.committees}
        self._columns = None

    def set_rows(self, rows: Iterable[Row], keep: str | None = None, *, to_top: bool = False) -> None:
        self._columns = None
        super().set_rows(list(rows), keep, to_top=to_top)

    def update_activity(self, activity: Activity) -> bool:
        """Show a new version of one activity; only its line is repainted."""
        return self.replace_row(Row(activity.id, activity))

    def activity(self, key: str | None) -> Activity | None:
        data = self.data_of(key)
        return data if isinstance(data, Activity) else None

    @property
    def cursor_activity(self) -> Activity | None:
        return self.activity(self.cursor_key)

    def empty_text(self) -> str:
        return self.empty_message

    # -- layout ---------------------------------------------------------------------------------

    def columns(self, width: int) -> list[Column]:
        """The columns for a row of ``width`` cells (after the cursor marker); on a narrow screen
        the owner column gives way first, then goes, then the committee (the detail pane shows
        them all)."""
        if self._columns and self._columns[0] == width:
            return self._columns[1]
        tr = self.tr
        activities = [r.data for r in self.rows if isinstance(r.data, Activity)][:2000]
        owner = max_width([tr.t("col.owner"), *(a.owner for a in activities)], 1, 12)
        columns = [
            Column("id", tr.t("col.id"), max_width([tr.t("col.id"), *(a.id for a in activities)], 1, 10),
                   gap=0),
            Column("title", tr.t("col.title"), width=20, min_width=16, grow=True),
            Column("committee", tr.t("col.committee"),
                   max_width([tr.t("col.committee"), *self.committee_short.values()], 1, 6)),
            Column("owner", tr.t("col.owner"), owner, min_width=min(owner, 6)),
            Column("due", tr.t("col.due"),
                   max(len(tr.date_short(date(2026, 12, 31))) + 1, len(tr.t("col.due")))),
            Column("status", tr.t("col.status"), max(len(tr.status(s)) for s in Status) + 2),
            Column("assessment", tr.t("col.assessment"),
                   max([len(tr.assessment(a)) for a in Assessment]
                       + [len(tr.t("col.assessment")) - 2]) + 2),
        ]
        # one blank cell before the scrollbar
        cols = fit_columns(columns, width - 1, optional=("committee", "owner"))
        self._columns = (width, cols)
        return cols

    def header_content(self, width: int) -> Content:
        marker = len(self.CURSOR_MARKER)
        return Content(" " * marker) + header_line(self.columns(width - marker),
                                                   self.part_style("header"))

    def row_content(self, row: Row, width: int) -> Content:
        if isinstance(row.data, Heading):
            text = f" {row.data.title} ({row.data.count})"
            return cell(text, width).stylize(self.part_style("group"))
        a: Activity = row.data
        tr = self.tr
        overdue = a.is_overdue(self.today)
        dim = self.part_style("dim") if a.status.is_closed else None
        due = tr.date_short(a.due) if a.due else "–"
        values = {
            "id": a.id, "title": a.title,
            "committee": self.committee_short.get(a.committee, a.committee),
            "owner": a.owner or "–", "due": due + "!" if overdue else due,
            "status": tr.status_cell(a.status),
            "assessment": tr.assessment_cell(a.assessment, none="–"),
        }
        styles = dict.fromkeys(values, dim)
        if overdue:
            styles["due"] = self.part_style("warn")
        if a.assessment is not None:
            styles["assessment"] = self.part_style(a.assessment.value)
        return layout_line(self.columns(width), values, styles)
