"""The visit budget drawn as text tables: lines with their fixed and per-participant parts, actual
spending and variance; the approved cap; the strategic pool. All amounts via ``Translator.money``."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import cast

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widget import Widget

from ..domain import Expense, StrategicPool, VisitBudget
from ..domain.text import clean_text
from ..i18n import Translator
from .cells import Column, layout_line

WIDE = 96  # from this width the estimate and the spending share one table


@dataclass(slots=True)
class BudgetState:
    """What the budget tables show: the stored budget with the participants being typed."""

    budget: VisitBudget
    pool: StrategicPool
    expenses: list[Expense] = field(default_factory=list)
    participants: int = 0


class TextTable(Widget):
    """A widget whose lines depend on its width; subclasses return them from ``lines``."""

    DEFAULT_CSS = """
    TextTable { height: auto; }
    """

    def __init__(self, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self.state: BudgetState | None = None

    def set_state(self, state: BudgetState, tr: Translator) -> None:
        self.state = state
        self.tr = tr
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        return []

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width or 80))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Lines longer than the width wrap: count what they take."""
        content = Content("\n").join(self.lines(width))
        return max(1, content.get_height(cast(RulesMap, self.styles), width))

    def heading(self, text: str) -> Content:
        return Content.styled(text, "bold")


def _money_or_dash(tr: Translator, amount: int) -> str:
    return tr.money(amount) if amount else "–"


def _variance(tr: Translator, estimate: int, actual: int) -> str:
    """Spending against the estimate; nothing is shown before anything is spent."""
    if actual == 0:
        return "–"
    diff = actual - estimate
    if diff > 0:
        return "+" + tr.money(diff) + " !"
    return tr.money(diff)


class BudgetLinesTable(TextTable):
    """Per line: fixed part, per-participant part, estimate, actual and variance; then the totals."""

    def lines(self, width: int) -> list[Content]:
        state, tr = self.state, self.tr
        if state is None:
            return []
        b, n = state.budget, state.participants
        actual_by_line: dict[str, int] = {}
        for e in state.expenses:
            actual_by_line[e.line] = actual_by_line.get(e.line, 0) + e.amount
        names = [clean_text(line.name) for line in b.lines]
        rows: list[dict[str, str]] = []
        for line, name in zip(b.lines, names, strict=True):
            estimate = line.estimate(n)
            actual = actual_by_line.get(line.key, 0)
            rows.append({
                "name": name, "fixed": _money_or_dash(tr, line.fixed),
                "per": _money_or_dash(tr, line.per_participant),
                "estimate": tr.money(estimate), "actual": _money_or_dash(tr, actual),
                "variance": _variance(tr, estimate, actual),
            })
        total_actual = sum(actual_by_line.get(line.key, 0) for line in b.lines)
        total = {"name": tr.t("budget.total"), "fixed": tr.money(sum(x.fixed for x in b.lines)),
                 "per": tr.money(sum(x.per_participant for x in b.lines)),
                 "estimate": tr.money(b.estimate(n)), "actual": tr.money(total_actual),
                 "variance": _variance(tr, b.estimate(n), total_actual)}
        labels = {"name": tr.t("budget.line"), "fixed": tr.t("budget.fixed"),
                  "per": tr.t("budget.per_participant"), "estimate": tr.t("budget.estimate_for", n=n),
                  "actual": tr.t("budget.actual"), "variance": tr.t("budget.variance")}
        tables: list[tuple[str, ...]]
        if width >= WIDE:
            tables = [("name", "fixed", "per", "estimate", "actual", "variance")]
        else:
            tables = [("name", "fixed", "per", "estimate"), ("name", "estimate", "actual", "variance")]
        out: list[Content] = []
        for keys in tables:
            if out:
                out.append(Content(""))
            out += self._table(keys, labels, rows, total, width)
        out.append(Content(tr.t("budget.per_person_line", amount=tr.money(b.per_person(n)),
                                n=tr.number(n))))
        return out

    def _table(self, keys: tuple[str, ...], labels: dict[str, str], rows: list[dict[str, str]],
               total: dict[str, str], width: int) -> list[Content]:
        widths = {k: max(cell_len(labels[k]), *(cell_len(r[k]) for r in [*rows, total]))
                  for k in keys if k != "name"}
        gap = 2
        name_width = max(12, width - sum(widths.values()) - gap * len(widths))
        name_width = min(name_width, max(cell_len(r["name"]) for r in [*rows, total]) + 1)

        columns = [Column("name", width=name_width),
                   *(Column(k, width=widths[k], right=True, gap=gap) for k in keys if k != "name")]

        def line(values: dict[str, str]) -> list[Content]:
            """The row; a name too long for its column continues on the next lines."""
            names = textwrap.wrap(values["name"], name_width) or [""]
            first = layout_line(columns, {**values, "name": names[0]})
            return [first, *(Content("  " + rest) for rest in names[1:])]

        out = [c.stylize("bold underline") for c in line(labels)]
        for r in rows:
            contents = line(r)
            if r["variance"].endswith("!"):
                contents = [c.stylize("bold $text-warning") for c in contents]
            out += contents
        out += [c.stylize("bold") for c in line(total)]
        return out


class CapStatus(TextTable):
    """The approved cap and, in words, whether the estimate (or the spending) exceeds it."""

    DEFAULT_CSS = """
    CapStatus { height: auto; padding: 0 1; }
    CapStatus.-over { background: $error 30%; color: $text; text-style: bold; }
    """

    def set_state(self, state: BudgetState, tr: Translator) -> None:
        super().set_state(state, tr)
        self.set_class(self.over, "-over")

    @property
    def over(self) -> bool:
        s = self.state
        if s is None:
            return False
        return (s.budget.exceeds_cap(s.participants)
                or sum(e.amount for e in s.expenses) > s.budget.approved_cap)

    def lines(self, width: int) -> list[Content]:
        s, tr = self.state, self.tr
        if s is None:
            return []
        b, n = s.budget, s.participants
        out = [Content(tr.t("budget.cap_line", amount_cap=tr.money(b.approved_cap),
                            case=clean_text(b.case_ref) or "–"))]
        if b.exceeds_cap(n):
            out.append(Content("⚠ " + tr.t("budget.warning") + ": " + tr.t(
                "budget.over_cap", amount=tr.money(b.estimate(n) - b.approved_cap))
                + " " + tr.t("budget.over_cap_detail", estimate=tr.money(b.estimate(n)),
                             n=tr.number(n), max=tr.number(b.max_participants_within_cap()))))
        else:
            out.append(Content("✓ " + tr.t("budget.within_cap",
                                            n=tr.number(b.max_participants_within_cap()))))
        actual = sum(e.amount for e in s.expenses)
        if actual > b.approved_cap:
            out.append(Content("⚠ " + tr.t("budget.warning") + ": " + tr.t(
                "budget.actual_over_cap", amount=tr.money(actual - b.approved_cap))))
        return out


class PoolTable(TextTable):
    """Økonomiudvalget's strategic pool: budget, used before the visit, reserved, remaining."""

    def lines(self, width: int) -> list[Content]:
        s, tr = self.state, self.tr
        if s is None:
            return []
        p = s.pool
        actual = sum(e.amount for e in s.expenses)
        rows = [
            (tr.t("budget.pool_budget"), tr.money(p.budget)),
            (tr.t("budget.pool_used"), tr.money(p.used_before)),
            (tr.t("budget.pool_left_before"), tr.money(p.remaining_before_visit())),
            (tr.t("budget.pool_reserved"), tr.money(p.reserved)),
            (tr.t("budget.pool_visit_actual"), tr.money(actual)),
            (tr.t("budget.pool_remaining"), tr.money(p.remaining(actual))),
        ]
        label_w = max(cell_len(label) for label, _ in rows) + 2
        money_w = max(cell_len(value) for _, value in rows)
        columns = [Column("label", width=label_w), Column("value", width=money_w, right=True, gap=0)]
        out = [self.heading(f"{clean_text(p.name)} {p.year}")]
        for i, (label, value) in enumerate(rows):
            line = layout_line(columns, {"label": label, "value": value})
            out.append(line.stylize("bold") if i == len(rows) - 1 else line)
        if actual > p.reserved:
            out.append(Content("⚠ " + tr.t("budget.pool_over_reserved",
                                            amount=tr.money(actual - p.reserved))))
        return out
