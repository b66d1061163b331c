"""The timeline: milestones in date order with a line marking today; past ones are set apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.content import Content

from ..domain import Milestone, MilestoneStatus, Plan
from ..domain.rules import timeline
from ..domain.text import clean_text
from ..i18n import Translator
from .history_list import Column, LineList, cell, fit_columns, join_cells, max_width

MILESTONE_SYMBOLS = {MilestoneStatus.PLANNED: "○", MilestoneStatus.DONE: "●",
                     MilestoneStatus.CANCELLED: "✕"}
PAST_OPEN_FLAG = "!"


def milestone_status_cell(status: MilestoneStatus, tr: Translator) -> str:
    """Symbol and word, so the status never depends on colour alone."""
    return f"{MILESTONE_SYMBOLS[status]} {tr.t(f'mstatus.{status.value}')}"


def is_past_open(milestone: Milestone, today: date) -> bool:
    """The date has passed but the milestone was never marked done (or cancelled)."""
    return milestone.when.is_past(today) and milestone.status is MilestoneStatus.PLANNED


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """A milestone, or (``milestone is None``) the line that marks today."""

    milestone: Milestone | None
    past: bool = False


class TimelineList(LineList):
    """Milestones oldest first; the today line sits between the past and what is still to come."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[TimelineRow] = []
        self.plan: Plan | None = None
        self.tr = Translator()
        self.today = date.today()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def selectable(self, index: int) -> bool:
        return self.rows[index].milestone is not None

    @property
    def current(self) -> Milestone | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].milestone
        return None

    @property
    def today_index(self) -> int:
        return next(i for i, r in enumerate(self.rows) if r.milestone is None)

    def set_plan(self, plan: Plan, tr: Translator, today: date) -> None:
        """Show ``plan``'s milestones; the cursor stays on the same milestone (or goes to the next one
        to come when nothing was selected yet)."""
        current = self.current
        self.plan, self.tr, self.today = plan, tr, today
        ordered = timeline(plan)
        past = [m for m in ordered if m.when.is_past(today)]
        coming = [m for m in ordered if not m.when.is_past(today)]
        self.rows = ([TimelineRow(m, past=True) for m in past] + [TimelineRow(None)]
                     + [TimelineRow(m) for m in coming])
        index = -1
        if current is not None:
            index = next((i for i, r in enumerate(self.rows)
                          if r.milestone is not None and r.milestone.id == current.id), -1)
        first = current is None and self.cursor < 0
        if index < 0:
            index = self._nearest_selectable(self.today_index)
        self.set_reactive(LineList.cursor, index)
        self.rows_changed()
        if index >= 0:
            self._ensure_visible(center=first)

    def select_id(self, milestone_id: str) -> None:
        for i, r in enumerate(self.rows):
            if r.milestone is not None and r.milestone.id == milestone_id:
                self.move_to(i)
                return

    # -- layout --------------------------------------------------------------------------------

    def _columns(self, width: int) -> list[Column]:
        tr = self.tr
        milestones = [r.milestone for r in self.rows if r.milestone is not None]
        def fixed(key: str, label: str, values: list[str], cap: int) -> Column:
            return Column(key, label, width=max_width([label, *values], 2, cap))

        columns = [
            Column("flag", "", width=1),
            fixed("status", tr.t("timeline.col.status"),
                  [milestone_status_cell(s, tr) for s in MilestoneStatus], 16),
            fixed("date", tr.t("timeline.col.date"), [tr.fuzzy(m.when) for m in milestones], 24),
            fixed("rel", tr.t("timeline.col.relative"),
                  [tr.relative_fuzzy(m.when, self.today) for m in milestones], 18),
            fixed("kind", tr.t("timeline.col.kind"), [tr.t(f"kind.{m.kind.value}") for m in milestones],
                  14),
            fixed("id", tr.t("timeline.col.id"), [m.id for m in milestones], 8),
            Column("title", tr.t("timeline.col.title"), min_width=40),
            fixed("case", tr.t("timeline.col.case"), [m.case_ref for m in milestones], 12),
            Column("links", tr.t("timeline.col.activities"), min_width=16),
        ]
        return fit_columns(columns, width, optional=("kind", "rel", "links", "id", "case"))

    def header(self, width: int) -> Content | None:
        return join_cells([cell(c.label, c.width, c.right) for c in self._columns(width)])

    def row(self, index: int, width: int) -> Content:
        tr = self.tr
        item = self.rows[index]
        if item.milestone is None:
            label = f" {tr.t('timeline.today_marker', date=tr.date(self.today))} "
            line = Content("━━" + label).pad_right(max(0, width - len(label) - 2), "━")
            return line.stylize(self.part_style("marker"))
        m = item.milestone
        values = {
            "flag": PAST_OPEN_FLAG if is_past_open(m, self.today) else "",
            "status": milestone_status_cell(m.status, tr),
            "date": tr.fuzzy(m.when),
            "rel": tr.relative_fuzzy(m.when, self.today),
            "kind": tr.t(f"kind.{m.kind.value}"),
            "id": m.id,
            "title": clean_text(m.title),
            "case": clean_text(m.case_ref),
            "links": ", ".join(m.activities),
        }
        cells = []
        for c in self._columns(width):
            content = cell(values[c.key], c.width, c.right)
            if c.key == "flag" and values["flag"]:
                content = content.stylize(self.part_style("warn"))
            elif c.key == "title" and not item.past:
                content = content.stylize(self.part_style("strong"))
            cells.append(content)
        line = join_cells(cells)
        return line.stylize(self.part_style("dim")) if item.past else line
