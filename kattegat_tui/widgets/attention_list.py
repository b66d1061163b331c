"""The overview's list of activities needing attention: overdue, red or yellow, or not updated."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from textual.content import Content

from ..domain import Activity
from ..domain.rules import Attention
from ..i18n import STATUS_SYMBOLS, Translator
from .cells import Column, fit_columns, layout_line
from .row_list import Row, RowList


class AttentionList(RowList):
    """Overdue, red/yellow and stale activities, most urgent first; Enter opens one in the plan."""

    HEADER_LINES: ClassVar[int] = 0
    CURSOR_MARKER: ClassVar[str] = "›"
    CURSOR_OVER_CELLS: ClassVar[bool] = True
    DEFAULT_CSS = """
    AttentionList {
        & > .rows--cursor { text-style: reverse bold; }
        & > .rows--warn { color: $warning; }
    }
    """

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = Translator()
        self.today = today
        self.empty_message = ""

    def set_attention(self, items: list[Attention], tr: Translator, today: date,
                      empty_message: str) -> None:
        """Show ``items`` (most urgent first) as of ``today``."""
        self.tr, self.today, self.empty_message = tr, today, empty_message
        self.set_rows([Row(i.activity.id, i) for i in items])

    def empty_text(self) -> str:
        return self.empty_message

    def activity(self, key: str | None) -> Activity | None:
        data = self.data_of(key)
        return data.activity if isinstance(data, Attention) else None

    def reasons(self, item: Attention) -> str:
        tr, a = self.tr, item.activity
        out = []
        if item.overdue and a.due:
            out.append(tr.t("overview.reason_overdue", date=tr.date_short(a.due)))
        if item.at_risk and a.assessment:
            out.append(tr.assessment_cell(a.assessment))
        if item.stale and a.updated_at:
            out.append(tr.t("overview.reason_stale", days=(self.today - a.updated_at.date()).days))
        return " · ".join(out)

    def row_content(self, row: Row, width: int) -> Content:
        item: Attention = row.data
        a = item.activity
        reasons = self.reasons(item)
        full = width + len(self.CURSOR_MARKER)
        columns = fit_columns([
            Column("id", width=9),
            Column("symbol", width=1, gap=0),
            Column("title", width=6, min_width=6, grow=True),
            Column("reasons", width=min(cell_len(reasons), max(full // 2, 20)), gap=2),
        ], width)
        values = {"id": a.id, "symbol": STATUS_SYMBOLS[a.status], "title": a.title, "reasons": reasons}
        return layout_line(columns, values, {"reasons": self.part_style("warn")})
