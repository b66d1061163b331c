"""The audit log as a line-API list (only rows on screen are drawn, so thousands stay fast), and
what the timeline shares with it: column layout and rows styled from the theme."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.style import Style

from ..domain import Change, Plan
from ..i18n import Translator
from .history_format import change_summary, field_label, record_label, short_value
from .row_list import Row, RowList


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a line list: a fixed width, or flexible (``width == 0``) with a minimum."""

    key: str
    label: str
    width: int = 0
    min_width: int = 8
    right: bool = False


def fit_columns(columns: Sequence[Column], width: int, optional: Sequence[str] = (),
                gap: int = 1) -> list[Column]:
    """Columns that fit in ``width``: optional ones (named in priority order) are dropped from the
    end until every flexible column gets at least its minimum; flexible columns share what is left."""
    keep = [c for c in columns if c.key not in optional]
    wanted = list(optional)
    chosen = list(keep)
    for key in wanted:
        candidate = [c for c in columns if c in chosen or c.key == key]
        if _needed(candidate, gap) <= width:
            chosen = candidate
    fixed = sum(c.width for c in chosen if c.width) + gap * (len(chosen) - 1)
    flexible = [c for c in chosen if not c.width]
    spare = max(0, width - fixed - sum(c.min_width for c in flexible))
    weights = sum(c.min_width for c in flexible) or 1
    out: list[Column] = []
    given = 0
    for c in chosen:
        if c.width:
            out.append(c)
            continue
        extra = spare * c.min_width // weights
        if c is flexible[-1]:
            extra = spare - given
        given += extra
        out.append(Column(c.key, c.label, max(1, c.min_width + extra), c.min_width, c.right))
    return out


def _needed(columns: Sequence[Column], gap: int) -> int:
    return sum(c.width or c.min_width for c in columns) + gap * (len(columns) - 1)


def cell(text: str | Content, width: int, right: bool = False) -> Content:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    content = text if isinstance(text, Content) else Content(text)
    if content.cell_length > width:
        return content.truncate(width, ellipsis=True)
    if right:
        return content.pad_left(width - content.cell_length)
    return content.pad_right(width - content.cell_length)


def join_cells(cells: Sequence[Content], gap: int = 1) -> Content:
    return Content(" " * gap).join(cells)


def max_width(values: Sequence[str], floor: int = 1, cap: int = 40) -> int:
    return max(floor, min(cap, max((cell_len(v) for v in values), default=floor)))


class StyledRowList(RowList):
    """A ``RowList`` whose rows are ``Content`` lines styled from component classes, so past rows,
    warnings and the cursor follow the theme (and stay legible without colour: rows carry words
    and symbols, never colour alone)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rows--header", "rows--cursor", "rows--dim", "rows--marker", "rows--warn", "rows--strong",
    }

    DEFAULT_CSS = """
    StyledRowList {
        background: $surface;
        & > .rows--header { text-style: bold; color: $text-accent; }
        & > .rows--cursor { background: $block-cursor-blurred-background; color: $foreground; }
        &:focus > .rows--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .rows--dim { color: $text-muted; }
        & > .rows--marker { color: $text-accent; text-style: bold; }
        & > .rows--warn { color: $text-warning; text-style: bold; }
        & > .rows--strong { text-style: bold; }
    }
    """

    def part_style(self, name: str) -> Style:
        """The style of a component class (``dim``, ``warn`` ...) for spans in a row."""
        return self.get_visual_style(f"rows--{name}", partial=True)

    def header_content(self, width: int) -> Content:
        return Content()

    def row_content(self, row: Row, width: int) -> Content:
        return Content()

    def render_header(self, width: int) -> list[Segment]:
        style = self.get_visual_style("rows--header")
        return self.header_content(width).truncate(width, ellipsis=True, pad=True).render_segments(style)

    def render_row(self, row: Row, width: int, selected: bool) -> list[Segment]:
        style = self.get_visual_style("rows--cursor") if selected else self.get_visual_style()
        return self.row_content(row, width).truncate(width, ellipsis=True, pad=True).render_segments(style)

    def on_focus(self) -> None:
        self._repaint(self.cursor)

    def on_blur(self) -> None:
        self._repaint(self.cursor)


ACTIONS = ("create", "update", "delete", "note", "undo", "import")


class HistoryList(StyledRowList):
    """The audit log, newest first, filtered; rows are formatted only when they are drawn."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.changes: list[Change] = []
        self.plan: Plan | None = None
        self.tr = Translator()
        self._users: list[str] = []
        self._users_of: Plan | None = None

    def set_changes(self, changes: list[Change], plan: Plan, tr: Translator) -> None:
        """Show ``changes`` (already filtered, newest first); the cursor stays on the same change."""
        self.changes = changes
        self.plan = plan
        self.tr = tr
        if plan is not self._users_of:
            self._users = sorted({short_value(who) for who in {c.who for c in plan.changes}})
            self._users_of = plan
        self.set_rows([Row(str(c.id), c) for c in changes])

    @property
    def current(self) -> Change | None:
        if 0 <= self.cursor < len(self.rows):
            change: Change = self.rows[self.cursor].data
            return change
        return None

    def empty_text(self) -> str:
        if self.plan and self.plan.changes:
            return self.tr.t("history.no_match")
        return self.tr.t("history.empty")

    def _columns(self, width: int) -> list[Column]:
        tr = self.tr
        narrow = width < 100
        columns = [
            Column("when", tr.t("history.col.when"), width=16),
            Column("who", tr.t("history.col.who"),
                   width=max_width([tr.t("history.col.who"), *self._users], 4, 10 if narrow else 14)),
            Column("id", tr.t("history.col.record"), width=10),
            Column("field", tr.t("history.col.field"), width=12 if narrow else 22),
            Column("action", tr.t("history.col.action"),
                   width=max_width([tr.t(f"action.{a}") for a in ACTIONS], 6, 14)),
            Column("change", tr.t("history.col.change"), min_width=24),
        ]
        return fit_columns(columns, width, optional=("action",))

    def header_content(self, width: int) -> Content:
        return join_cells([cell(c.label, c.width, c.right) for c in self._columns(width)])

    def row_content(self, row: Row, width: int) -> Content:
        change: Change = row.data
        tr = self.tr
        values = {
            "when": local_time(change.at, tr),
            "who": short_value(change.who),
            "id": record_label(change, tr),
            "field": field_label(change, tr),
            "action": tr.t(f"action.{change.action}"),
            "change": change_summary(change, tr, self.plan),
        }
        return join_cells([cell(values[c.key], c.width, c.right) for c in self._columns(width)])


def local_time(at: datetime, tr: Translator) -> str:
    """A stored UTC time as the reader's local date and time, minutes precision."""
    local = at.astimezone() if at.tzinfo else at
    return f"{tr.date_short(local.date())} {local:%H:%M}"
