"""The timeline: milestones in date order with a line marking today; past ones are set apart."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from ..domain import Milestone, MilestoneStatus, Plan
from ..domain.rules import timeline
from ..domain.text import clean_text
from ..i18n import Translator
from .cells import Column, fit_columns, layout_line, max_width
from .row_list import Row, TableList

PAST_OPEN_FLAG = "!"


def is_past_open(milestone: Milestone, today: date) -> bool:
    """The date has passed but the milestone was never marked done (or cancelled)."""
    return milestone.when.is_past(today) and milestone.status is MilestoneStatus.PLANNED


TODAY_ROW = "today"  # the data of the row that marks today (its key is None: the cursor skips it)


class TimelineList(TableList):
    """Milestones oldest first; the today line sits between the past and what is still to come."""

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan: Plan | None = None
        self.tr = Translator()
        self.today = today
        self._milestones: list[Milestone] = []

    @property
    def current(self) -> Milestone | None:
        if 0 <= self.cursor < len(self.rows) and self.rows[self.cursor].key is not None:
            milestone: Milestone = self.rows[self.cursor].data
            return milestone
        return None

    @property
    def today_index(self) -> int:
        return next(i for i, r in enumerate(self.rows) if r.key is None)

    def empty_text(self) -> str:
        return self.tr.t("timeline.empty")

    def set_plan(self, plan: Plan, tr: Translator, today: date) -> None:
        """Show ``plan``'s milestones; the cursor stays on the same milestone (the first time: on
        the next one to come)."""
        first_time = self.plan is None
        self.plan, self.tr, self.today = plan, tr, today
        ordered = timeline(plan)
        self._milestones = ordered
        past = [m for m in ordered if m.when.is_past(today)]
        coming = [m for m in ordered if not m.when.is_past(today)]
        rows = ([Row(m.id, m) for m in past] + [Row(None, TODAY_ROW)] + [Row(m.id, m) for m in coming])
        keep = None
        if first_time:
            keep = coming[0].id if coming else (past[-1].id if past else None)
        self.set_rows(rows, keep=keep)

    def select_id(self, milestone_id: str) -> None:
        self.move_to(milestone_id)

    def goto_today(self) -> None:
        """The cursor to the first milestone still to come (or the last one passed)."""
        index = self.today_index
        target = self._step(index, 1)
        if target == self.cursor and (index + 1 >= len(self.rows)):
            target = self._step(index, -1)
        if target >= 0 and self.rows[target].key is not None:
            self.move_to(str(self.rows[target].key))

    # -- layout --------------------------------------------------------------------------------

    def _columns(self, width: int) -> list[Column]:
        tr = self.tr
        milestones = self._milestones

        def fixed(key: str, label: str, values: list[str], cap: int) -> Column:
            return Column(key, label, width=max_width([label, *values], 2, cap))

        columns = [
            Column("flag", "", width=1),
            fixed("status", tr.t("timeline.col.status"),
                  [tr.milestone_status_cell(s) for s in MilestoneStatus], 16),
            fixed("date", tr.t("timeline.col.date"), [tr.fuzzy(m.when) for m in milestones], 24),
            fixed("rel", tr.t("timeline.col.relative"),
                  [tr.relative_fuzzy(m.when, self.today) for m in milestones], 18),
            fixed("kind", tr.t("timeline.col.kind"), [tr.t(f"kind.{m.kind.value}") for m in milestones],
                  14),
            fixed("id", tr.t("timeline.col.id"), [m.id for m in milestones], 8),
            Column("title", tr.t("timeline.col.title"), min_width=40, grow=True),
            fixed("case", tr.t("timeline.col.case"), [m.case_ref for m in milestones], 12),
            Column("links", tr.t("timeline.col.activities"), min_width=16, grow=True),
        ]
        return fit_columns(columns, width, optional=("kind", "rel", "links", "id", "case"))

    def header_content(self, width: int) -> Content:
        return self.table_header(self._columns(width), width)

    def row_content(self, row: Row, width: int) -> Content:
        tr = self.tr
        if row.key is None:
            label = f" {tr.t('timeline.today_marker', date=tr.date(self.today))} "
            line = Content("━━" + label).pad_right(max(0, width - len(label) - 2), "━")
            return line.stylize(self.part_style("marker"))
        m: Milestone = row.data
        past = m.when.is_past(self.today)
        values = {
            "flag": PAST_OPEN_FLAG if is_past_open(m, self.today) else "",
            "status": tr.milestone_status_cell(m.status),
            "date": tr.fuzzy(m.when),
            "rel": tr.relative_fuzzy(m.when, self.today),
            "kind": tr.t(f"kind.{m.kind.value}"),
            "id": m.id,
            "title": clean_text(m.title),
            "case": clean_text(m.case_ref),
            "links": ", ".join(m.activities),
        }
        styles = {"flag": self.part_style("warn") if values["flag"] else None,
                  "title": None if past else self.part_style("strong")}
        line = layout_line(self._columns(width), values, styles)
        return line.stylize(self.part_style("dim")) if past else line
