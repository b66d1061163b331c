"""A keyboard list drawn line by line (Textual's line API): the one row renderer of every list.

Only the visible lines are rendered, recent lines are kept in a bounded cache, and a change to one
row repaints that row alone: with 10,000 activities a status change or a cursor move costs one or
two lines, not a redraw of the table. Subclasses say what a row and the heading line hold (as
``Content``, laid out with ``cells.layout_line``); the cursor, its marker and the padding are drawn
here, the same way for every list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from .cells import Column, cell, header_line

CACHED_LINES = 1024  # rendered lines kept: several screens of scrolling back and forth


@dataclass(slots=True)
class Row:
    """One line of the list. ``key`` is None for a heading, which the cursor skips."""

    key: str | None
    data: Any = None


class RowList(ScrollView, can_focus=True):
    """A scrollable list of rows with a cursor, a fixed heading line and per-line caching."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", show=False),
        Binding("down,j", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(-1)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rows--header", "rows--cursor", "rows--group", "rows--dim", "rows--marker", "rows--warn",
        "rows--strong", "rows--red", "rows--yellow", "rows--green",
    }

    # Each list sets the looks of these parts in its own DEFAULT_CSS (what it needs to look right
    # anywhere); where it sits on a tab is in app.tcss.
    DEFAULT_CSS = """
    RowList { height: 1fr; overflow-x: hidden; }
    """

    HEADER_LINES: ClassVar[int] = 1
    CURSOR_MARKER: ClassVar[str] = ""
    """Drawn in front of the cursor row (blanks in front of the others), e.g. "›"."""
    CURSOR_OVER_CELLS: ClassVar[bool] = False
    """True: the cursor row is drawn in the cursor's style alone; False: coloured cells keep
    their colour on the cursor's background."""

    class Highlighted(Message):
        """The cursor moved to the row with ``key`` (None when the list is empty)."""

        def __init__(self, row_list: RowList, key: str | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Chosen(Message):
        """Enter was pressed on the row with ``key``."""

        def __init__(self, row_list: RowList, key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []
        self.cursor: int = -1
        self._index: dict[str, int] = {}
        self._cache: LRUCache[int, Strip] = LRUCache(CACHED_LINES)
        self._cache_width = -1
        self._header: Strip | None = None
        self.painted_lines = 0  # how many row lines were rendered (not served from cache)
        self._overlay: list[Strip] = []  # lines drawn over the rows (a small menu)
        self._overlay_top = 0
        self._overlay_left = 0
        self._styles_seen: tuple[object, ...] = ()
        self._parts: dict[str, Style] = {}  # component styles, until the styles change
        self._base: RichStyle | None = None

    # -- what subclasses provide ---------------------------------------------------------------

    def row_content(self, row: Row, width: int) -> Content:
        """What a row shows in ``width`` cells (a heading row gets the whole line; other rows
        the width after the cursor marker)."""
        raise NotImplementedError

    def header_content(self, width: int) -> Content:
        """The heading line (styled by the subclass, e.g. with ``part_style("header")``)."""
        return Content()

    def empty_text(self) -> str:
        return ""

    def part_style(self, name: str) -> Style:
        """The style of a component class (``dim``, ``warn`` ...) for spans in a row."""
        style = self._parts.get(name)
        if style is None:
            style = self._parts[name] = self.get_visual_style(f"rows--{name}", partial=True)
        return style

    def _line_style(self, part: str = "") -> Style:
        """The widget's style under a line (with a component class: the cursor row's)."""
        key = "=" + part
        style = self._parts.get(key)
        if style is None:
            style = self.get_visual_style(f"rows--{part}") if part else self.get_visual_style()
            self._parts[key] = style
        return style

    # -- data ----------------------------------------------------------------------------------

    @property
    def cursor_key(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].key
        return None

    def set_rows(self, rows: Sequence[Row], keep: str | None = None, *, to_top: bool = False) -> None:
        """Replace all rows; the cursor stays on ``keep`` (default: the current row) if present,
        else on the row nearest its old position (``to_top``: the first row). The scroll position
        is kept."""
        wanted = keep if keep is not None else self.cursor_key
        old_cursor = self.cursor
        self.rows = list(rows)
        self._index = {r.key: i for i, r in enumerate(self.rows) if r.key is not None}
        self._cache.clear()
        self._header = None
        if wanted is not None and wanted in self._index:
            self.cursor = self._index[wanted]
        else:
            self.cursor = self._nearest(0 if to_top else max(old_cursor, 0))
            if to_top:
                self.scroll_to(y=0, animate=False, immediate=True)
        self.virtual_size = Size(self.size.width, len(self.rows) + self.HEADER_LINES)
        self.refresh()
        self._scroll_to_cursor()
        if self.cursor_key != wanted or wanted is None:
            self.post_message(self.Highlighted(self, self.cursor_key))

    def _nearest(self, index: int) -> int:
        if not self.rows:
            return -1
        index = min(index, len(self.rows) - 1)
        for step in range(len(self.rows)):
            for candidate in (index + step, index - step):
                if 0 <= candidate < len(self.rows) and self.rows[candidate].key is not None:
                    return candidate
        return -1

    def index_of(self, key: str) -> int | None:
        return self._index.get(key)

    def data_of(self, key: str | None) -> object | None:
        """The data of the row with ``key`` (None when there is no such row)."""
        index = None if key is None else self.index_of(key)
        return None if index is None else self.rows[index].data

    def replace_row(self, row: Row) -> bool:
        """Swap in a new version of the row with the same key and repaint that line alone."""
        assert row.key is not None
        index = self._index.get(row.key)
        if index is None:
            return False
        self.rows[index] = row
        self._repaint(index)
        return True

    def move_to(self, key: str) -> bool:
        index = self._index.get(key)
        if index is None:
            return False
        self._set_cursor(index)
        return True

    # -- cursor ---------------------------------------------------------------------------------

    def _set_cursor(self, index: int) -> None:
        if index == self.cursor or not (0 <= index < len(self.rows)):
            return
        old, self.cursor = self.cursor, index
        self._repaint(old)
        self._repaint(index)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.cursor_key))

    def _step(self, start: int, direction: int) -> int:
        index = start
        while 0 <= index + direction < len(self.rows):
            index += direction
            if self.rows[index].key is not None:
                return index
        return self.cursor

    def action_cursor(self, direction: int) -> None:
        self._set_cursor(self._step(self.cursor, direction))

    def action_page(self, direction: int) -> None:
        if not self.rows:
            return
        page = max(1, self.size.height - self.HEADER_LINES - 1)
        target = min(max(self.cursor + direction * page, 0), len(self.rows) - 1)
        if self.rows[target].key is None:
            forward = self._step(target, direction)
            target = forward if forward != self.cursor else self._step(target, -direction)
        self._set_cursor(target)

    def action_edge(self, direction: int) -> None:
        self._set_cursor(self._step(len(self.rows), -1) if direction > 0 else self._step(-1, 1))

    def action_choose(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    def _scroll_to_cursor(self) -> None:
        if self.cursor < 0:
            return
        visible = max(1, self.size.height - self.HEADER_LINES)
        top = int(self.scroll_offset.y)
        # keep a group heading just above the cursor in view when possible
        first = self.cursor - 1 if self.cursor > 0 and self.rows[self.cursor - 1].key is None \
            else self.cursor
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    # -- an overlay drawn over some rows -----------------------------------------------------------

    def set_overlay(self, lines: list[list[Segment]] | None, top: int = 0, left: int = 0) -> None:
        """Draw ``lines`` over the rows from row ``top`` on, at column ``left`` (None removes
        them). Only the lines covered before or after are repainted."""
        old = range(self._overlay_top, self._overlay_top + len(self._overlay))
        self._overlay = [Strip(line) for line in lines] if lines else []
        self._overlay_top, self._overlay_left = top, left
        new = range(top, top + len(self._overlay))
        for index in sorted(set(old) | set(new)):
            self._refresh_index(index)

    @property
    def visible_rows(self) -> range:
        """Row indexes on screen now."""
        top = int(self.scroll_offset.y)
        return range(top, top + max(0, self.size.height - self.HEADER_LINES))

    # -- drawing --------------------------------------------------------------------------------

    def _refresh_index(self, index: int) -> None:
        y = index - int(self.scroll_offset.y) + self.HEADER_LINES
        if self.HEADER_LINES <= y < self.size.height:
            self.refresh(Region(0, y, self.scrollable_content_region.width, 1))

    def _repaint(self, index: int) -> None:
        self._cache.discard(index)
        self._refresh_index(index)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + self.HEADER_LINES)
        self._scroll_to_cursor()

    def _base_style(self) -> RichStyle:
        style = self._base
        if style is None:
            style = self._base = self.rich_style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._parts.clear()
        self._base = None
        signature = self._style_signature()
        if signature != self._styles_seen:
            self._styles_seen = signature
            self._cache.clear()
            self._header = None

    def _style_signature(self) -> tuple[object, ...]:
        try:
            return (self.rich_style, *(self.get_component_rich_style(name, partial=True)
                                       for name in sorted(self.COMPONENT_CLASSES)))
        except Exception:  # not mounted yet
            return ()

    def _on_focus(self, event: events.Focus) -> None:
        """Only the cursor line looks different with focus: repaint it, not the whole list."""
        event.prevent_default()
        self.has_focus = True
        self._parts.clear()
        self._repaint(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        self._parts.clear()
        self._repaint(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._cache_width:
            self._cache.clear()
            self._header = None
            self._cache_width = width
        base = self._base_style()
        if y < self.HEADER_LINES:
            if self._header is None:
                line = self.header_content(width).truncate(width, ellipsis=True, pad=True)
                self._header = self._strip(line, width, base, self._line_style())
            return self._header
        index = int(self.scroll_offset.y) + y - self.HEADER_LINES
        if not self.rows:
            if y != self.HEADER_LINES:
                return Strip.blank(width, base)
            return self._strip(cell(" " + self.empty_text(), width), width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_row(index, width, base)
            self._cache[index] = strip
            self.painted_lines += 1
        at = index - self._overlay_top
        if self._overlay and 0 <= at < len(self._overlay):
            over = self._overlay[at]
            left = max(0, min(self._overlay_left, width - over.cell_length))
            strip = Strip.join([strip.crop(0, left), over,
                                strip.crop(left + over.cell_length, width)])
        return strip

    def _render_row(self, index: int, width: int, base: RichStyle) -> Strip:
        """One row as a strip: the marker column (rows the cursor visits), the row's content
        padded to the width, and the cursor's style on the cursor row."""
        row = self.rows[index]
        marker = self.CURSOR_MARKER if row.key is not None else ""
        selected = index == self.cursor and row.key is not None
        line = self.row_content(row, width - len(marker))
        if marker:
            line = Content(marker if selected else " " * len(marker)) + line
        line = line.truncate(width, ellipsis=True, pad=True)
        if not selected:
            return self._strip(line, width, base, self._line_style())
        if self.CURSOR_OVER_CELLS:
            # a rich style: the theme's visual styles carry no reverse video
            over = self.get_component_rich_style("rows--cursor")
            return self._strip(line, width, base, self._line_style(), over)
        return self._strip(line, width, base, self._line_style("cursor"))

    @staticmethod
    def _strip(line: Content, width: int, base: RichStyle, under: Style | None = None,
               over: RichStyle | None = None) -> Strip:
        segments = line.render_segments(under) if under is not None else line.render_segments()
        if over is not None:
            segments = list(Segment.apply_style(segments, post_style=over))
        strip = Strip(segments).crop_extend(0, width, base)
        return strip.apply_style(base) if base else strip


class TableList(RowList):
    """A ``RowList`` that looks like Textual's tables: the theme's block cursor, muted rows, a
    marker line; legible without colour (rows carry words and symbols, never colour alone)."""

    DEFAULT_CSS = """
    TableList {
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

    def table_header(self, columns: Sequence[Column], width: int) -> Content:
        """The columns' labels as the heading line, the whole line in the header's style."""
        return header_line(columns).truncate(width, ellipsis=True, pad=True).stylize(
            self.part_style("header"))
