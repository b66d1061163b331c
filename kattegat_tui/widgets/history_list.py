"""Line-API lists: rows are drawn only when they are on screen, so thousands of rows stay fast.

``LineList`` is the shared base (a sticky header line, a row cursor, keyboard navigation and
column layout); ``HistoryList`` shows the audit log with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from ..domain import Change, Plan
from ..i18n import Translator
from .history_format import change_summary, field_label, record_label, short_value


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


class LineList(ScrollView, can_focus=True):
    """A list with one line per row, a sticky header and a cursor; subclasses draw the rows."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", show=False),
        Binding("down,j", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
    ]

    COMPONENT_CLASSES = {
        "line-list--header", "line-list--cursor", "line-list--dim", "line-list--marker",
        "line-list--warn", "line-list--strong",
    }

    DEFAULT_CSS = """
    LineList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .line-list--header { text-style: bold; color: $text-accent; }
        & > .line-list--cursor {
            background: $block-cursor-blurred-background;
            color: $foreground;
        }
        &:focus > .line-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .line-list--dim { color: $text-muted; }
        & > .line-list--marker { color: $text-accent; text-style: bold; }
        & > .line-list--warn { color: $text-warning; text-style: bold; }
        & > .line-list--strong { text-style: bold; }
    }
    """

    cursor: reactive[int] = reactive(-1, always_update=False, init=False)

    class Highlighted(Message):
        """The cursor moved to ``index`` (-1: no row)."""

        def __init__(self, list_: LineList, index: int) -> None:
            super().__init__()
            self.list = list_
            self.index = index

        @property
        def control(self) -> LineList:
            return self.list

    class Selected(Message):
        """Enter was pressed on ``index``."""

        def __init__(self, list_: LineList, index: int) -> None:
            super().__init__()
            self.list = list_
            self.index = index

        @property
        def control(self) -> LineList:
            return self.list

    # -- what subclasses provide -------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return 0

    def selectable(self, index: int) -> bool:
        return True

    def header(self, width: int) -> Content | None:
        return None

    def row(self, index: int, width: int) -> Content:
        return Content()

    # -- helpers for subclasses ---------------------------------------------------------------

    def part_style(self, name: str) -> Style:
        """The style of a component class (``dim``, ``warn`` ...) to use in a row's spans."""
        return self.get_visual_style(f"line-list--{name}", partial=True)

    def rows_changed(self) -> None:
        """Call after the rows changed: resizes the scroll area, keeps the cursor in range."""
        count = self.row_count
        self.virtual_size = Size(self.scrollable_content_region.width, count + self._header_lines)
        if count == 0:
            self.set_reactive(LineList.cursor, -1)
        elif not 0 <= self.cursor < count or not self.selectable(self.cursor):
            self.set_reactive(LineList.cursor, self._nearest_selectable(max(0, min(self.cursor, count - 1))))
        self.refresh()
        self.post_message(self.Highlighted(self, self.cursor))

    def move_to(self, index: int, *, center: bool = False) -> None:
        """Put the cursor on ``index`` and scroll it into view."""
        if 0 <= index < self.row_count:
            self.cursor = index
            self._ensure_visible(center=center)

    # -- drawing -------------------------------------------------------------------------------

    @property
    def _header_lines(self) -> int:
        return 1 if self.header(80) is not None else 0

    @property
    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - self._header_lines)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.get_visual_style()
        header_lines = self._header_lines
        if y < header_lines:
            head = self.header(width) or Content()
            style = self.get_visual_style("line-list--header")
            return Strip(head.truncate(width, ellipsis=True, pad=True).render_segments(style), width)
        index = int(self.scroll_offset.y) + y - header_lines
        if not 0 <= index < self.row_count:
            return Strip.blank(width, base.rich_style)
        if index == self.cursor:
            base = self.get_visual_style("line-list--cursor")
        content = self.row(index, width)
        return Strip(content.truncate(width, ellipsis=True, pad=True).render_segments(base), width)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 self.row_count + self._header_lines)
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        header_lines = self._header_lines
        if old >= 0:
            self.refresh_line(old + header_lines)
        if new >= 0:
            self.refresh_line(new + header_lines)
        self.post_message(self.Highlighted(self, new))

    def _ensure_visible(self, center: bool = False) -> None:
        if self.cursor < 0:
            return
        top = int(self.scroll_offset.y)
        page = self._page_rows
        if center:
            self.scroll_to(y=max(0, self.cursor - page // 2), animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + page:
            self.scroll_to(y=self.cursor - page + 1, animate=False, immediate=True)

    # -- navigation ------------------------------------------------------------------------------

    def _nearest_selectable(self, index: int, step: int = 1) -> int:
        count = self.row_count
        for direction in (step, -step):
            i = index
            while 0 <= i < count:
                if self.selectable(i):
                    return i
                i += direction
        return -1

    def _step(self, start: int, step: int) -> int:
        i = start + step
        while 0 <= i < self.row_count:
            if self.selectable(i):
                return i
            i += step
        return start

    def action_cursor(self, step: int) -> None:
        if self.row_count == 0:
            return
        if self.cursor < 0:
            self.move_to(self._nearest_selectable(0))
            return
        self.move_to(self._step(self.cursor, step))

    def action_page(self, direction: int) -> None:
        if self.row_count == 0:
            return
        target = max(0, min(self.row_count - 1, self.cursor + direction * self._page_rows))
        self.move_to(self._nearest_selectable(target, direction))

    def action_edge(self, end: int) -> None:
        if self.row_count == 0:
            return
        if end:
            self.move_to(self._nearest_selectable(self.row_count - 1, -1))
        else:
            self.move_to(self._nearest_selectable(0))

    def key_enter(self, event: events.Key) -> None:
        if self.cursor >= 0:
            event.stop()
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y - self._header_lines
        if 0 <= index < self.row_count and self.selectable(index):
            self.cursor = index


ACTIONS = ("create", "update", "delete", "note", "undo", "import")


class HistoryList(LineList):
    """The audit log, newest first, filtered; rows are formatted only when they are drawn."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.changes: list[Change] = []
        self.plan: Plan | None = None
        self.tr = Translator()
        self._cache: dict[tuple[int, int], Content] = {}
        self._users: list[str] = []
        self._users_of: Plan | None = None

    @property
    def row_count(self) -> int:
        return len(self.changes)

    def set_changes(self, changes: list[Change], plan: Plan, tr: Translator) -> None:
        """Show ``changes`` (already filtered, newest first); the cursor stays on the same change."""
        current = self.current
        self.changes = changes
        self.plan = plan
        self.tr = tr
        if plan is not self._users_of:
            self._users = sorted({short_value(who) for who in {c.who for c in plan.changes}})
            self._users_of = plan
        self._cache.clear()
        index = -1
        if current is not None:
            index = next((i for i, c in enumerate(changes) if c.id == current.id), -1)
        self.set_reactive(LineList.cursor, index if index >= 0 else (0 if changes else -1))
        self.rows_changed()
        if self.cursor >= 0:
            self._ensure_visible()

    @property
    def current(self) -> Change | None:
        return self.changes[self.cursor] if 0 <= self.cursor < len(self.changes) else None

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
            Column("change", tr.t("history.col.change"), min_width=16),
        ]
        return fit_columns(columns, width, optional=("action",))

    def header(self, width: int) -> Content | None:
        columns = self._columns(width)
        return join_cells([cell(c.label, c.width, c.right) for c in columns])

    def row(self, index: int, width: int) -> Content:
        key = (index, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        change = self.changes[index]
        tr = self.tr
        values = {
            "when": local_time(change.at, tr),
            "who": short_value(change.who),
            "id": record_label(change, tr),
            "field": field_label(change, tr),
            "action": tr.t(f"action.{change.action}"),
            "change": change_summary(change, tr, self.plan),
        }
        parts = [cell(values[c.key], c.width, c.right) for c in self._columns(width)]
        content = join_cells(parts)
        if len(self._cache) > 2000:
            self._cache.clear()
        self._cache[key] = content
        return content


def local_time(at: datetime, tr: Translator) -> str:
    """A stored UTC time as the reader's local date and time, minutes precision."""
    local = at.astimezone() if at.tzinfo else at
    return f"{tr.date_short(local.date())} {local:%H:%M}"
