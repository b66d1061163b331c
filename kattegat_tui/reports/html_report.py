"""The report as one self-contained HTML file: inline CSS, no scripts, no external assets.

Made for printing on A4 and for screen readers: the document's language is set, every table has a
caption and header cells with their scope, headings follow the sections. All text is escaped.
"""

from __future__ import annotations

from html import escape

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
    pool_caption,
    pool_rows,
    progress_header,
    progress_row,
    stamp,
    summary_line,
)
from .model import Report

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", Calibri, Arial, Helvetica, sans-serif; font-size: 10.5pt;
       line-height: 1.35; color: #111; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 18pt; margin: 0 0 .4rem; }
h2 { font-size: 13.5pt; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #888;
     break-after: avoid; page-break-after: avoid; }
p.summary { margin: .2rem 0 .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
           margin: 0 0 .8rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; caption-side: top; }
th, td { border: 1px solid #999; padding: .15rem .3rem; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
thead th { background: #e8ecf0; }
th[scope="row"] { font-weight: normal; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total th, tr.total td { font-weight: 700; }
.id { font-weight: 600; white-space: nowrap; }
.comment { display: block; font-size: 9pt; color: #333; }
.flag { font-weight: 700; color: #8a1c1c; }
.green { color: #1d6b2f; } .yellow { color: #8a6100; } .red { color: #9b1c1c; }
.none { color: #555; font-style: italic; }
footer { margin-top: 1.5rem; font-size: 9pt; color: #444; }
@media print {
  body { font-size: 9pt; max-width: none; padding: 0; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12pt; }
  thead { display: table-header-group; }
  tr, th, td, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  caption { break-after: avoid; page-break-after: avoid; }
  section.focus { break-before: auto; }
  section.budget { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


def _e(text: str) -> str:
    return escape(text, quote=True)


class _Html:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def table(self, caption: str, header: list[str], rows: list[list[str]], *,
              numeric: set[int] | None = None, row_header: int | None = 0,
              total_last: bool = False, raw_cells: set[int] | None = None) -> None:
        """A data table; ``rows`` hold plain text except the columns in ``raw_cells`` (markup
        built here from escaped text)."""
        numeric = numeric or set()
        raw_cells = raw_cells or set()
        self.add("<table>", f"<caption>{_e(caption)}</caption>", "<thead><tr>")
        for i, h in enumerate(header):
            cls = ' class="num"' if i in numeric else ""
            self.add(f'<th scope="col"{cls}>{_e(h)}</th>')
        self.add("</tr></thead>", "<tbody>")
        for n, row in enumerate(rows):
            total = total_last and n == len(rows) - 1
            self.add('<tr class="total">' if total else "<tr>")
            for i, cell in enumerate(row):
                body = cell if i in raw_cells else _e(cell)
                cls = ' class="num"' if i in numeric else ""
                if i == row_header:
                    self.add(f'<th scope="row"{cls}>{body}</th>')
                else:
                    self.add(f"<td{cls}>{body}</td>")
            self.add("</tr>")
        self.add("</tbody>", "</table>")

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        self.add('<dl class="facts">')
        for label, value in pairs:
            self.add(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>")
        self.add("</dl>")

    def text(self) -> str:
        return "\n".join(self.parts) + "\n"


def render_html(r: Report, tr: Translator) -> str:
    title = tr.t("report.heading", alliance=r.alliance)
    h = _Html()
    h.add("<!DOCTYPE html>", f'<html lang="{_e(r.lang)}">', "<head>", '<meta charset="utf-8">',
          '<meta name="viewport" content="width=device-width, initial-scale=1">',
          f"<title>{_e(title)} · {_e(r.scope_text(tr))} · {_e(tr.date(r.report_date))}</title>",
          f"<style>\n{CSS}\n</style>", "</head>", "<body>")
    h.add("<header>", f"<h1>{_e(title)}</h1>")
    h.facts(header_facts(r, tr))
    h.add("</header>", "<main>")

    h.add('<section aria-labelledby="progress">',
          f'<h2 id="progress">{_e(tr.t("status.progress"))}</h2>')
    if r.sections:
        n = len(progress_header(tr))
        h.table(tr.t("status.progress"), progress_header(tr),
                [progress_row(s, tr) for s in r.sections], numeric=set(range(1, n - 1)))
    else:
        h.add(f'<p class="none">{_e(tr.t("report.no_activities"))}</p>')
    h.add("</section>")

    _attention_section(h, r, tr)
    _focus_sections(h, r, tr)

    h.add('<section aria-labelledby="changes">',
          f'<h2 id="changes">{_e(changes_heading(r, tr))}</h2>')
    if r.changes:
        h.table(changes_heading(r, tr),
                [tr.t("report.when"), tr.t("report.who"), tr.t("report.activity"),
                 tr.t("report.change")],
                [[stamp(c.at, tr), c.who, f"{c.activity_id} {c.title}".strip(), c.what]
                 for c in r.changes])
    else:
        h.add(f'<p class="none">{_e(tr.t("report.changes_none"))}</p>')
    h.add("</section>")

    h.add('<section aria-labelledby="milestones">',
          f'<h2 id="milestones">{_e(tr.t("report.milestones"))}</h2>')
    if r.milestones:
        h.table(tr.t("report.milestones"), milestone_header(tr),
                [milestone_cells(m, tr) for m in r.milestones], row_header=1)
    else:
        h.add(f'<p class="none">{_e(tr.t("report.milestones_none"))}</p>')
    h.add("</section>")

    _budget_section(h, r, tr)
    h.add("</section>", "</main>")
    h.add(f"<footer><p>{_e(tr.t('report.footer', date=tr.date(r.report_date)))}</p></footer>",
          "</body>", "</html>")
    return h.text()


def _focus_sections(h: _Html, r: Report, tr: Translator) -> None:
    """One section per focus area: its summary line and its activities."""
    for k, section in enumerate(r.sections, start=1):
        h.add(f'<section class="focus" aria-labelledby="focus-{k}">',
              f'<h2 id="focus-{k}">{_e(section.name)}</h2>',
              f'<p class="summary">{_e(summary_line(section, tr))}</p>')
        rows = []
        for row in section.rows:
            c = activity_cells(row, r, tr)
            a = row.activity
            css = a.assessment.value if a.assessment else "none"
            assessment = f'<span class="{css}">{_e(c.assessment)}</span>'
            if c.comment:
                assessment += f'<span class="comment">{_e(c.comment)}</span>'
            flags = f'<span class="flag">{_e(c.flags)}</span>' if c.flags != "–" else "–"
            rows.append([f'<span class="id">{_e(c.id)}</span> {_e(c.title)}', _e(c.committee),
                         _e(c.status), assessment, _e(c.owner), _e(c.due), _e(c.latest_note), flags])
        header = activity_header(tr)[1:]
        h.table(tr.t("report.activities_caption", focus=section.name), header, rows,
                raw_cells=set(range(len(header))))
        h.add("</section>")


def _budget_section(h: _Html, r: Report, tr: Translator) -> None:
    """The visit's budget, its key figures and the pool (the section is closed by the caller)."""
    h.add('<section class="budget" aria-labelledby="budget">',
          f'<h2 id="budget">{_e(tr.t("status.budget"))}</h2>')
    h.table(tr.t("report.budget_caption", name=r.budget_name), budget_header(tr),
            budget_rows(r, tr), numeric={1, 2, 3}, total_last=True)
    h.facts(key_figures(r, tr))
    h.table(pool_caption(r, tr), [tr.t("budget.line"), tr.t("field.amount")],
            [[label, value] for label, value in pool_rows(r, tr)], numeric={1},
            total_last=True)


def _attention_section(h: _Html, r: Report, tr: Translator) -> None:
    """The activities that need attention (overdue, at risk, stale), or a line saying none do."""
    h.add('<section aria-labelledby="attention">',
          f'<h2 id="attention">{_e(tr.t("report.attention"))}</h2>')
    if r.attention:
        h.table(tr.t("report.attention"),
                [tr.t("report.activity"), tr.t("field.due"), tr.t("report.flags")],
                [[f'<span class="id">{_e(row.activity.id)}</span> {_e(row.activity.title)}',
                  _e(tr.date_short(row.activity.due)),
                  f'<span class="flag">{_e(", ".join(row.flags(tr, r.stale_days)))}</span>']
                 for row in r.attention], raw_cells={0, 1, 2})
    else:
        h.add(f'<p class="none">{_e(tr.t("report.attention_none"))}</p>')
    h.add("</section>")
