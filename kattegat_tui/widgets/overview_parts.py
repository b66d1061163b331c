"""The overview's parts: progress per focus area and the list of activities needing attention."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.widget import Widget

from ..domain import Activity, Assessment, Plan, Status
from ..domain.rules import Attention, Rollup, rollups
from ..domain.text import clean_text
from ..i18n import ASSESSMENT_SYMBOLS, STATUS_SYMBOLS, Translator
from .row_list import Row, RowList, fit


def bar(share: float, width: int) -> str:
    """A progress bar of ``width`` cells; readable without colour."""
    if width <= 0:
        return ""
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def status_legend(tr: Translator) -> str:
    return " ".join(f"{STATUS_SYMBOLS[s]} {tr.status(s)}" for s in Status)


class ProgressTable(Widget):
    """One line per focus area: name, bar, done of total, counts per status, worst assessment."""

    DEFAULT_CSS = """
    ProgressTable { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = Translator()
        self.rows: list[tuple[str, Rollup]] = []

    def set_plan(self, plan: Plan, tr: Translator) -> None:
        self.tr = tr
        names = {f.key: f.name(tr.lang) for f in plan.focus_areas}
        self.rows = [(names.get(r.focus, r.focus), r) for r in rollups(plan)]
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(1, len(self.rows))

    def render(self) -> Content:
        tr = self.tr
        width = self.size.width
        if not self.rows:
            return Content(tr.t("status.none"))
        name_w = min(max(cell_len(clean_text(n)) for n, _ in self.rows), 30)
        totals = max(len(f"{r.done}/{r.active_total}") for _, r in self.rows)
        count_w = max(len(str(n)) for _, r in self.rows for n in r.counts.values())
        counts_w = len(Status) * (count_w + 3)
        worst_w = max(len(tr.assessment(a)) for a in Assessment) + 2
        bar_w = width - (name_w + 1 + 1 + totals + 2 + counts_w + worst_w)
        if bar_w < 6:
            name_w = max(10, name_w - (6 - bar_w))
            bar_w = max(4, width - (name_w + 1 + 1 + totals + 2 + counts_w + worst_w))
        lines = []
        for name, r in self.rows:
            counts = " ".join(f"{STATUS_SYMBOLS[s]}{r.counts.get(s, 0):>{count_w}} " for s in Status)
            if r.worst is None:
                worst = Content.styled("· –", "dim")
            else:
                style = {"red": "bold $error", "yellow": "$warning", "green": "$success"}[r.worst.value]
                worst = Content.styled(f"{ASSESSMENT_SYMBOLS[r.worst]} {tr.assessment(r.worst)}", style)
            lines.append(Content.assemble(
                fit(name, name_w), " ",
                (bar(r.share_done, bar_w), "$accent"), " ",
                (f"{r.done}/{r.active_total}".rjust(totals), "bold"), "  ",
                counts, " ", worst))
        return Content("\n").join(lines)


class AttentionList(RowList):
    """Overdue, red/yellow and stale activities, most urgent first; Enter opens one in the plan."""

    HEADER_LINES: ClassVar[int] = 0
    COMPONENT_CLASSES: ClassVar[set[str]] = {"attention-list--cursor", "attention-list--reason"}
    DEFAULT_CSS = """
    AttentionList > .attention-list--cursor { text-style: reverse bold; }
    AttentionList > .attention-list--reason { color: $warning; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = Translator()
        self.today = date.today()
        self.empty_message = ""

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
            out.append(f"{ASSESSMENT_SYMBOLS[a.assessment]} {tr.assessment(a.assessment)}")
        if item.stale and a.updated_at:
            out.append(tr.t("overview.reason_stale", days=(self.today - a.updated_at.date()).days))
        return " · ".join(out)

    def render_row(self, row: Row, width: int, selected: bool) -> list[Segment]:
        item: Attention = row.data
        a = item.activity
        reasons = self.reasons(item)
        id_w = 9
        reason_w = min(cell_len(reasons), max(width // 2, 20))
        title_w = max(width - 1 - id_w - 2 - reason_w - 2, 6)
        cursor = self.get_component_rich_style("attention-list--cursor") if selected else None
        reason_style = self.get_component_rich_style("attention-list--reason")
        segments = [
            Segment("›" if selected else " "),
            Segment(fit(a.id, id_w)),
            Segment(STATUS_SYMBOLS[a.status] + " "),
            Segment(fit(a.title, title_w)),
            Segment("  "),
            Segment(fit(reasons, reason_w), reason_style),
        ]
        used = sum(cell_len(s.text) for s in segments)
        if used < width:
            segments.append(Segment(" " * (width - used)))
        if cursor is not None:
            segments = [Segment(s.text, (s.style + cursor) if s.style else cursor) for s in segments]
        return segments
