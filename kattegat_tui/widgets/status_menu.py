"""A small status menu that opens on the activity's row, inside the plan tab.

It is a widget on an overlay layer rather than a modal screen: closing it repaints the few cells it
covered and the changed row, not the whole screen, so a status change stays within one frame even
with 10,000 activities.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..domain import Activity, Status
from ..domain.text import clean_text
from ..i18n import STATUS_SYMBOLS, Translator

STATUSES = tuple(Status)


class StatusMenu(OptionList, can_focus=False):
    """Arrows and Enter, or the digit in front of a status; Escape closes it.

    The keyboard stays with the activity list while the menu is open (so nothing else has to be
    repainted for a change of focus); the list's tab hands the keys over through ``handle``.
    """

    KEYS_UP = ("up", "k")
    KEYS_DOWN = ("down", "j")

    DEFAULT_CSS = """
    StatusMenu {
        layer: overlay;
        position: absolute;
        width: 30;
        height: auto;
        max-height: 9;
        border: round $accent;
        background: $surface;
        display: none;
    }
    """

    class Closed(Message):
        """The menu closed; ``status`` is the choice, None when nothing was chosen."""

        def __init__(self, menu: StatusMenu, activity: Activity, status: Status | None) -> None:
            super().__init__()
            self.menu = menu
            self.activity = activity
            self.status = status

        @property
        def control(self) -> StatusMenu:
            return self.menu

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.activity: Activity | None = None

    def open(self, activity: Activity, tr: Translator, x: int, y: int) -> None:
        """Show the menu for ``activity`` with its top-left corner at (x, y) in the parent."""
        self.activity = activity
        self.clear_options()
        for index, status in enumerate(STATUSES, start=1):
            label = f"{index} {STATUS_SYMBOLS[status]} {tr.status(status)}"
            if status is activity.status:
                label += f" ({tr.t('dialog.current')})"
            self.add_option(Option(Content(label), id=status.value))
        self.border_title = clean_text(f"{tr.t('dialog.status_title')} {activity.id}")
        self.border_subtitle = "1-5 ⏎ Esc"
        self.styles.offset = (x, y)
        self.display = True
        self.highlighted = STATUSES.index(activity.status)

    def handle(self, key: str) -> bool:
        """A key pressed while the menu is open; False when the menu does not use it (it closes)."""
        if key in self.KEYS_UP:
            self.action_cursor_up()
        elif key in self.KEYS_DOWN:
            self.action_cursor_down()
        elif key == "enter":
            index = self.highlighted
            self._close(STATUSES[index] if index is not None else None)
        elif key == "escape":
            self._close(None)
        elif key.isdigit() and 1 <= int(key) <= len(STATUSES):
            self._close(STATUSES[int(key) - 1])
        else:
            self._close(None)
            return False
        return True

    @property
    def is_open(self) -> bool:
        return self.display and self.activity is not None

    def _close(self, status: Status | None) -> None:
        activity = self.activity
        if activity is None:
            return
        self.activity = None
        self.display = False
        self.post_message(self.Closed(self, activity, status))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._close(Status(str(event.option.id)))
