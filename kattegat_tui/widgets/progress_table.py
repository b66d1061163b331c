"""Progress per focus area: a bar, done of total, counts per status and the worst assessment."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from ..domain import Assessment, Plan, Status
from ..domain.rules import Rollup, rollups
from ..i18n import STATUS_SYMBOLS, Translator
from .cells import Column, fit_columns, layout_line, max_width

WORST_STYLES = {Assessment.RED: "bold $error", Assessment.YELLOW: "$warning",
                Assessment.GREEN: "$success"}


def bar(share: float, width: int) -> str:
    """A progress bar of ``width`` cells; readable without colour."""
    if width <= 0:
        return ""
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def status_legend(tr: Translator) -> str:
    return " ".join(tr.status_cell(s) for s in Status)


class ProgressTable(Widget):
    """One line per focus area: name, bar, done of total, counts per status, worst assessment."""

    DEFAULT_CSS: ClassVar[str] = """
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

    def columns(self, width: int, count_w: int) -> list[Column]:
        """The bar takes what the other columns leave; a long name gives way to it first."""
        tr = self.tr
        name_w = max_width([n for n, _ in self.rows], 1, 30)
        return fit_columns([
            Column("name", width=name_w, min_width=min(name_w, 10)),
            Column("bar", width=6, min_width=6, grow=True),
            Column("totals", width=max(len(f"{r.done}/{r.active_total}") for _, r in self.rows),
                   right=True),
            Column("counts", width=len(Status) * (count_w + 3) - 1, gap=2),
            Column("worst", width=max(len(tr.assessment(a)) for a in Assessment) + 2),
        ], width)

    def render(self) -> Content:
        tr = self.tr
        if not self.rows:
            return Content(tr.t("status.none"))
        count_w = max(len(str(n)) for _, r in self.rows for n in r.counts.values())
        columns = self.columns(self.size.width, count_w)
        bar_w = next(c.width for c in columns if c.key == "bar")
        lines = []
        for name, r in self.rows:
            worst = (Content.styled("· –", "dim") if r.worst is None
                     else Content.styled(tr.assessment_cell(r.worst), WORST_STYLES[r.worst]))
            values: dict[str, str | Content] = {
                "name": name, "bar": bar(r.share_done, bar_w), "totals": f"{r.done}/{r.active_total}",
                "counts": " ".join(f"{STATUS_SYMBOLS[s]}{r.counts.get(s, 0):>{count_w}} " for s in Status),
                "worst": worst,
            }
            lines.append(layout_line(columns, values, {"bar": "$accent", "totals": "bold"}).rstrip())
        return Content("\n").join(lines)
