"""The report as Markdown: headings, lists and pipe tables that render on any Markdown viewer.

All text is escaped: user text cannot open a link, emphasis, code, an HTML tag or a new table cell.
"""

from __future__ import annotations

import re

from ..i18n import Translator
from .common import (
    activity_cells,
    activity_header,
    budget_header,
    budget_rows,
    changes_heading,
    header_facts,
    key_figures,
    milestone_cells,
    milestone_header,
    one_line,
    pool_caption,
    pool_rows,
    progress_header,
    progress_row,
    stamp,
    summary_line,
)
from .model import Report

# Only what can start markup inside a line is escaped (user text never begins a line here):
# backslash escapes for the Markdown specials (valid for all ASCII punctuation in CommonMark), and
# entities for HTML's three, which also keeps older processors from passing raw HTML on.
_ESCAPES = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_[]#|~$"},
                          "&": "&amp;", "<": "&lt;", ">": "&gt;"})


_SPECIALS = re.compile(r"[\\`*_\[\]#|~$&<>]")


def escape(text: str) -> str:
    """Plain text as inline Markdown: one line, every special character neutralised."""
    flat = one_line(text)
    return flat.translate(_ESCAPES) if _SPECIALS.search(flat) else flat


def _table(header: list[str], rows: list[list[str]], *, numeric: set[int] | None = None) -> list[str]:
    numeric = numeric or set()
    out = ["| " + " | ".join(escape(h) for h in header) + " |",
           "|" + "|".join(" ---: " if i in numeric else " --- " for i in range(len(header))) + "|"]
    for row in rows:
        out.append("| " + " | ".join(escape(c) or " " for c in row) + " |")
    return [*out, ""]


def render_markdown(r: Report, tr: Translator) -> str:
    out = [f"# {escape(tr.t('report.heading', alliance=r.alliance))}", ""]
    out += [f"- **{escape(label)}:** {escape(value)}" for label, value in header_facts(r, tr)]
    out.append("")

    out += [f"## {escape(tr.t('status.progress'))}", ""]
    if r.sections:
        n = len(progress_header(tr))
        out += _table(progress_header(tr), [progress_row(s, tr) for s in r.sections],
                      numeric=set(range(1, n - 1)))
    else:
        out += [escape(tr.t("report.no_activities")), ""]

    out += [f"## {escape(tr.t('report.attention'))}", ""]
    attention = r.attention
    if attention:
        rows = [[row.activity.id, row.activity.title, tr.date_short(row.activity.due),
                 ", ".join(row.flags(tr, r.stale_days))] for row in attention]
        out += _table([tr.t("field.id"), tr.t("report.activity"), tr.t("field.due"),
                       tr.t("report.flags")], rows)
    else:
        out += [escape(tr.t("report.attention_none")), ""]

    for section in r.sections:
        out += [f"## {escape(section.name)}", "", escape(summary_line(section, tr)), ""]
        rows = []
        for row in section.rows:
            c = activity_cells(row, r, tr)
            assessment = f"{c.assessment}: {c.comment}" if c.comment else c.assessment
            rows.append([c.id, c.title, c.committee, c.status, assessment, c.owner, c.due,
                         c.latest_note, c.flags])
        out += _table(activity_header(tr), rows)

    out += [f"## {escape(changes_heading(r, tr))}", ""]
    if r.changes:
        out += _table([tr.t("report.when"), tr.t("report.who"), tr.t("report.activity"),
                       tr.t("report.change")],
                      [[stamp(c.at, tr), c.who, f"{c.activity_id} {c.title}".strip(), c.what]
                       for c in r.changes])
    else:
        out += [escape(tr.t("report.changes_none")), ""]

    out += [f"## {escape(tr.t('report.milestones'))}", ""]
    if r.milestones:
        out += _table(milestone_header(tr),
                      [milestone_cells(m, tr) for m in r.milestones])
    else:
        out += [escape(tr.t("report.milestones_none")), ""]

    out += [f"## {escape(tr.t('status.budget'))}", ""]
    out += [f"**{escape(tr.t('report.budget_caption', name=r.budget_name))}**", ""]
    out += _table(budget_header(tr), budget_rows(r, tr), numeric={1, 2, 3})
    out += [f"- **{escape(label)}:** {escape(value)}" for label, value in key_figures(r, tr)]
    out += ["", f"**{escape(pool_caption(r, tr))}**", ""]
    out += _table([tr.t("budget.line"), tr.t("field.amount")],
                  [[label, value] for label, value in pool_rows(r, tr)], numeric={1})
    out += ["---", "", f"*{escape(tr.t('report.footer', date=tr.date(r.report_date)))}*", ""]
    return "\n".join(out)
