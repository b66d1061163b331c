"""Someone else saved the same record first: show both versions and let the user choose.

One dialog for every kind of record (activity, milestone): the form that was saving says which
fields differ and how each value reads; the dialog only shows them and returns the choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Literal

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..app_access import KattegatNode, localise_bindings
from ..domain.text import clean_text, display_text
from ..widgets.cells import cell

Choice = Literal["mine", "theirs", "edit"]
# (field label, my value, their value), each as the reader says it
Row = tuple[str, str, str]


def differences(names: Iterable[str], mine: dict[str, Any], base: dict[str, Any],
                theirs: dict[str, Any], label: Callable[[str], str],
                show: Callable[[str, Any], str]) -> list[Row]:
    """A row for every field either side changed since ``base`` (``mine`` holds only my changes)."""
    rows = []
    for name in names:
        their_value = theirs.get(name)
        changed_by_them = base.get(name) != their_value
        if name not in mine and not changed_by_them:
            continue
        rows.append((label(name), show(name, mine.get(name, base.get(name))),
                     show(name, their_value)))
    return rows


class ConflictDialog(KattegatNode, ModalScreen[Choice | None]):
    """Both versions side by side; dismisses with "mine", "theirs" or "edit" (None: decide later)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('mine')", "key.keep_mine"),
        Binding("t", "choose('theirs')", "key.take_theirs"),
        Binding("escape", "choose('edit')", "key.keep_editing"),
    ]

    def __init__(self, key: str, who: str, rows: list[Row], *,
                 can_edit_further: bool = True) -> None:
        super().__init__()
        self.key = key
        self.who = who
        self.rows = rows
        self.can_edit_further = can_edit_further

    def compose(self) -> ComposeResult:
        tr = self.tr
        label_w = max([cell_len(r[0]) for r in self.rows] + [8])
        with Vertical(classes="dialog conflict"):
            yield Static(Content(tr.t("conflict.title", key=clean_text(self.key),
                                      who=clean_text(self.who))), classes="dialog-title")
            yield Static(tr.t("conflict.explain"), classes="hint")
            lines = [Content.assemble(cell("", label_w), " │ ", cell(tr.t("conflict.mine"), 24),
                                      " │ ", tr.t("conflict.theirs")).stylize("bold")]
            for label, mine, theirs in self.rows:
                marker = "≠" if mine != theirs else "="
                lines.append(Content.assemble(cell(label, label_w), f" {marker} ", cell(mine, 24),
                                              " │ ", display_text(theirs.replace("\n", " "))))
            with VerticalScroll(classes="conflict-table"):
                yield Static(Content("\n").join(lines))
            with Horizontal(classes="buttons"):
                yield Button(tr.t("conflict.keep_mine"), id="mine", variant="warning")
                yield Button(tr.t("conflict.take_theirs"), id="theirs", variant="primary")
                if self.can_edit_further:
                    yield Button(tr.t("conflict.keep_editing"), id="edit")

    def on_mount(self) -> None:
        localise_bindings(self, self.tr)
        self.query_one("#theirs", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        if choice == "edit" and not self.can_edit_further:
            self.dismiss(None)
            return
        self.dismiss(choice)  # type: ignore[arg-type]
