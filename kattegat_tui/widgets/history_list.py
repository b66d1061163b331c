"""The audit log as a line-API list (only rows on screen are drawn, so thousands stay fast)."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from ..domain import Change, Plan
from ..i18n import Translator
from .cells import Column, fit_columns, layout_line, max_width
from .history_format import change_summary, field_label, record_label, short_value
from .row_list import Row, TableList

ACTIONS = ("create", "update", "delete", "note", "undo", "import")


class HistoryList(TableList):
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
            Column("change", tr.t("history.col.change"), min_width=24, grow=True),
        ]
        return fit_columns(columns, width, optional=("action",))

    def header_content(self, width: int) -> Content:
        return self.table_header(self._columns(width), width)

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
        return layout_line(self._columns(width), values)


def local_time(at: datetime, tr: Translator) -> str:
    """A stored UTC time as the reader's local date and time, minutes precision."""
    local = at.astimezone() if at.tzinfo else at
    return f"{tr.date_short(local.date())} {local:%H:%M}"
