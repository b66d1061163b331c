"""A small status menu drawn on the activity list itself, next to the activity's row.

It is not a screen and not even a widget: the list paints the menu's lines over its own rows (line
API), so opening it, moving in it and closing it repaint only the few lines it covers. A status
change with 10,000 activities costs a handful of lines, not a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.content import Content

from ..domain import Activity, Status
from ..domain.text import clean_text
from ..i18n import Translator
from .cells import cell

STATUSES = tuple(Status)
WIDTH = 30


@dataclass
class MenuResult:
    """What a key did: ``used`` (the menu took it), ``closed``, and the ``status`` chosen."""

    used: bool
    closed: bool
    status: Status | None = None


class StatusMenu:
    """Arrows and Enter, or the digit in front of a status; Escape closes it. The list keeps the
    keyboard; its tab passes keys to ``handle`` while the menu is open."""

    KEYS_UP = ("up", "k")
    KEYS_DOWN = ("down", "j")

    def __init__(self, activity: Activity, tr: Translator) -> None:
        self.activity = activity
        self.tr = tr
        self.highlighted = STATUSES.index(activity.status)
        self.top = 0  # the list row the menu's first line covers
        self.left = 0  # the column of its left edge
        self.title = clean_text(f"{tr.t('dialog.status_title')} {activity.id}")

    @property
    def height(self) -> int:
        return len(STATUSES) + 2

    def handle(self, key: str) -> MenuResult:
        if key in self.KEYS_UP:
            self.highlighted = (self.highlighted - 1) % len(STATUSES)
            return MenuResult(True, False)
        if key in self.KEYS_DOWN:
            self.highlighted = (self.highlighted + 1) % len(STATUSES)
            return MenuResult(True, False)
        if key == "enter":
            return MenuResult(True, True, STATUSES[self.highlighted])
        if key == "escape":
            return MenuResult(True, True, None)
        if key.isdigit() and 1 <= int(key) <= len(STATUSES):
            return MenuResult(True, True, STATUSES[int(key) - 1])
        return MenuResult(False, True, None)  # any other key closes the menu and does its job

    def lines(self, box: Style | None, cursor: Style | None) -> list[list[Segment]]:
        """The menu's lines, ``WIDTH`` cells each: a rounded box with the statuses inside."""
        inner = WIDTH - 2
        title = cell(f" {self.title} ", min(cell_len(self.title) + 2, inner - 2)).plain.rstrip() + " "
        top = "╭─" + title + "─" * max(0, inner - 1 - cell_len(title)) + "╮"
        hint = " 1-5 ⏎ Esc "
        bottom = "╰" + "─" * (inner - cell_len(hint) - 1) + hint + "─╯"
        out = [[Segment(top, box)]]
        for index, status in enumerate(STATUSES):
            label = f" {index + 1} {self.tr.status_cell(status)}"
            if status is self.activity.status:
                label += f" ({self.tr.t('dialog.current')})"
            marker = "›" if index == self.highlighted else " "
            style = cursor if index == self.highlighted else box
            # catalog words, not user text: given as Content so the marker's space is kept and
            # every status lines up under the one the cursor is on
            line = cell(Content(marker + label), inner).plain
            out.append([Segment("│", box), Segment(line, style), Segment("│", box)])
        out.append([Segment(bottom, box)])
        return out
