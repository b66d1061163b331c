"""Pick a status for an activity: arrows and Enter, or the digit in front of it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..app_access import KattegatNode, localise_bindings
from ..domain import Activity, Status
from ..domain.text import display_text
from ..i18n import STATUS_SYMBOLS

STATUSES = tuple(Status)


class StatusPicker(KattegatNode, ModalScreen[Status | None]):
    """Dismisses with the chosen status, or None when cancelled (nothing typed, nothing lost)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose(0)", "key.cancel"),
        *(Binding(str(i), f"choose({i})", show=False) for i in range(1, len(STATUSES) + 1)),
    ]

    def __init__(self, activity: Activity) -> None:
        super().__init__()
        self.activity = activity

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(classes="dialog picker"):
            yield Static(Content.assemble((tr.t("dialog.status_title"), "bold"), " ",
                                          display_text(self.activity.id)), classes="dialog-title")
            yield Static(Content(display_text(self.activity.title)), classes="dialog-subtitle")
            options = []
            for index, status in enumerate(STATUSES, start=1):
                label = f"{index}  {STATUS_SYMBOLS[status]} {tr.status(status)}"
                if status is self.activity.status:
                    label += f"  ({tr.t('dialog.current')})"
                options.append(Option(Content(label), id=status.value))
            yield OptionList(*options, id="status-options")
            yield Static(tr.t("dialog.status_hint"), classes="hint")

    def on_mount(self) -> None:
        localise_bindings(self, self.tr)
        options = self.query_one(OptionList)
        options.highlighted = STATUSES.index(self.activity.status)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Status(str(event.option.id)))

    def action_choose(self, index: int) -> None:
        self.dismiss(STATUSES[index - 1] if index else None)
