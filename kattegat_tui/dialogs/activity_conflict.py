"""Someone else saved the same activity first: show both versions and let the user choose."""

from __future__ import annotations

from datetime import date
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
from ..i18n import Translator
from ..widgets.row_list import fit

Choice = Literal["mine", "theirs", "edit"]

COMPARED = ("title", "focus", "committee", "owner", "side", "start", "due", "status", "assessment",
            "assessment_comment", "description")


def show_value(name: str, value: Any, tr: Translator) -> str:
    """A stored field value as the reader says it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, date):
        return tr.date_short(value)
    text = getattr(value, "value", value)
    if name == "status":
        return tr.status(text)
    if name == "assessment":
        return tr.assessment(text)
    if name == "side":
        return tr.t(f"side.{text}")
    if name in ("start", "due") and isinstance(text, str):
        try:
            return tr.date_short(date.fromisoformat(text))
        except ValueError:
            return text
    return clean_text(str(text))


def differences(mine: dict[str, Any], base: dict[str, Any], theirs: dict[str, Any],
                tr: Translator) -> list[tuple[str, str, str]]:
    """(field label, my value, their value) for every field either side changed."""
    rows = []
    for name in COMPARED:
        their_value = theirs.get(name)
        changed_by_them = base.get(name) != their_value
        if name not in mine and not changed_by_them:
            continue
        my_value = mine.get(name, base.get(name))
        rows.append((tr.t(f"field.{name}"), show_value(name, my_value, tr),
                     show_value(name, their_value, tr)))
    return rows


class ConflictDialog(KattegatNode, ModalScreen[Choice | None]):
    """Both versions side by side; dismisses with "mine", "theirs" or "edit" (None: decide later)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('mine')", "key.keep_mine"),
        Binding("t", "choose('theirs')", "key.take_theirs"),
        Binding("escape", "choose('edit')", "key.keep_editing"),
    ]

    def __init__(self, key: str, who: str, mine: dict[str, Any], base: dict[str, Any],
                 theirs: dict[str, Any], *, can_edit_further: bool = True) -> None:
        super().__init__()
        self.key = key
        self.who = who
        self.mine = mine
        self.base = base
        self.theirs = theirs
        self.can_edit_further = can_edit_further

    def compose(self) -> ComposeResult:
        tr = self.tr
        rows = differences(self.mine, self.base, self.theirs, tr)
        label_w = max([cell_len(r[0]) for r in rows] + [8])
        with Vertical(classes="dialog conflict"):
            yield Static(Content(tr.t("conflict.title", key=clean_text(self.key),
                                      who=clean_text(self.who))), classes="dialog-title")
            yield Static(tr.t("conflict.explain"), classes="hint")
            lines = [Content.styled(
                f"{fit('', label_w)} │ {fit(tr.t('conflict.mine'), 24)} │ {tr.t('conflict.theirs')}",
                "bold")]
            for label, mine, theirs in rows:
                marker = "≠" if mine != theirs else "="
                lines.append(Content(f"{fit(label, label_w)} {marker} {fit(mine, 24)} │ ")
                             + Content(display_text(theirs.replace("\n", " "))))
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
