"""The plan's activities as a line-API list: grouped, filtered, sorted; one row per activity."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style

from ..domain import Activity, Assessment, Plan, Status
from ..i18n import ASSESSMENT_SYMBOLS, STATUS_SYMBOLS, Translator
from .row_list import Row, RowList, fit


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
    _needles: list[str] = field(default_factory=list)

    def matches(self, activity: Activity, haystack: str) -> bool:
        if self.committee is not None and activity.committee != self.committee:
            return False
        if self.status is not None and activity.status is not self.status:
            return False
        return all(n in haystack for n in self.query.casefold().split())

    @property
    def active(self) -> bool:
        return bool(self.committee or self.status or self.query.strip())


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


@dataclass(frozen=True, slots=True)
class Columns:
    """Column widths for one screen width (0 means the column is left out)."""

    ident: int
    title: int
    committee: int
    owner: int
    due: int
    status: int
    assessment: int


class ActivityList(RowList):
    """Activities with ID, title, committee, owner, due date, status and assessment.

    Status and assessment are always a symbol and a word; an overdue date carries a "!".
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "activity-list--header", "activity-list--group", "activity-list--cursor",
        "activity-list--overdue", "activity-list--closed", "activity-list--red",
        "activity-list--yellow", "activity-list--green", "activity-list--menu",
        "activity-list--menu-cursor",
    }

    DEFAULT_CSS = """
    ActivityList > .activity-list--header { text-style: bold underline; }
    ActivityList > .activity-list--group { text-style: bold; color: $accent; }
    ActivityList > .activity-list--cursor { text-style: reverse bold; }
    ActivityList > .activity-list--overdue { color: $error; text-style: bold; }
    ActivityList > .activity-list--closed { text-style: dim; }
    ActivityList > .activity-list--red { color: $error; text-style: bold; }
    ActivityList > .activity-list--yellow { color: $warning; }
    ActivityList > .activity-list--green { color: $success; }
    ActivityList > .activity-list--menu { background: $panel; color: $text; }
    ActivityList > .activity-list--menu-cursor { background: $panel; text-style: reverse bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.tr = Translator()
        self.today = date.today()
        self.committee_short: dict[str, str] = {}
        self._columns: tuple[int, Columns] | None = None
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

    def columns(self, width: int) -> Columns:
        if self._columns and self._columns[0] == width:
            return self._columns[1]
        tr = self.tr
        activities = [r.data for r in self.rows if isinstance(r.data, Activity)]
        ident = max([len(tr.t("col.id"))] + [len(a.id) for a in activities[:2000]])
        ident = min(ident, 10)
        committee = max([len(tr.t("col.committee"))]
                        + [len(s) for s in self.committee_short.values()])
        committee = min(committee, 6)
        owner = max([len(tr.t("col.owner"))] + [len(a.owner) for a in activities[:2000]])
        owner = min(owner, 12)
        due = max(len(tr.date_short(date(2026, 12, 31))) + 1, len(tr.t("col.due")))
        status = max(len(tr.status(s)) for s in Status) + 2
        assessment = max([len(tr.assessment(a)) for a in Assessment]
                         + [len(tr.t("col.assessment")) - 2]) + 2
        fixed = 1 + ident + committee + owner + due + status + assessment + 7
        title = width - fixed
        if title < 20:  # narrow: the owner column gives way first (the detail pane shows it all)
            give = min(20 - title, owner - 6)
            if give > 0:
                owner -= give
                title += give
        if title < 16:
            title += owner + 1
            owner = 0
        if title < 16:
            title += committee + 1
            committee = 0
        cols = Columns(ident, max(title, 8), committee, owner, due, status, assessment)
        self._columns = (width, cols)
        return cols

    def _cells(self, cols: Columns, values: Sequence[tuple[str, int, Style | None]]) -> list[Segment]:
        out: list[Segment] = []
        for text, width, style in values:
            if width <= 0:
                continue
            out.append(Segment(fit(text, width), style))
            out.append(Segment(" "))
        return out

    def render_header(self, width: int) -> list[Segment]:
        cols = self.columns(width)
        tr = self.tr
        style = self.get_component_rich_style("activity-list--header")
        values = [(tr.t("col.id"), cols.ident, style), (tr.t("col.title"), cols.title, style),
                  (tr.t("col.committee"), cols.committee, style),
                  (tr.t("col.owner"), cols.owner, style), (tr.t("col.due"), cols.due, style),
                  (tr.t("col.status"), cols.status, style),
                  (tr.t("col.assessment"), cols.assessment, style)]
        return [Segment(" "), *self._cells(cols, values)]

    def render_row(self, row: Row, width: int, selected: bool) -> list[Segment]:
        cursor_style = self.get_component_rich_style("activity-list--cursor") if selected else None
        if isinstance(row.data, Heading):
            style = self.get_component_rich_style("activity-list--group")
            text = f"{row.data.title} ({row.data.count})"
            return [Segment(fit(" " + text, width), style)]
        a: Activity = row.data
        cols = self.columns(width)
        tr = self.tr
        overdue = a.is_overdue(self.today)
        closed = a.status.is_closed
        dim = self.get_component_rich_style("activity-list--closed") if closed else None
        due = tr.date_short(a.due) if a.due else "–"
        if overdue:
            due += "!"
        due_style = self.get_component_rich_style("activity-list--overdue") if overdue else dim
        if a.assessment is None:
            assessment_text, assessment_style = "· –", dim
        else:
            assessment_text = f"{ASSESSMENT_SYMBOLS[a.assessment]} {tr.assessment(a.assessment)}"
            assessment_style = self.get_component_rich_style(f"activity-list--{a.assessment.value}")
        values = [
            (a.id, cols.ident, dim),
            (a.title, cols.title, dim),
            (self.committee_short.get(a.committee, a.committee), cols.committee, dim),
            (a.owner or "–", cols.owner, dim),
            (due, cols.due, due_style),
            (f"{STATUS_SYMBOLS[a.status]} {tr.status(a.status)}", cols.status, dim),
            (assessment_text, cols.assessment, assessment_style),
        ]
        segments = [Segment("›" if selected else " "), *self._cells(cols, values)]
        used = sum(len(s.text) for s in segments)
        if used < width:
            segments.append(Segment(" " * (width - used)))
        if cursor_style is not None:
            segments = [Segment(s.text, (s.style + cursor_style) if s.style else cursor_style)
                        for s in segments]
        return segments
