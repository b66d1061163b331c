"""The report's activities as CSV for Danish Excel: UTF-8 with BOM, ';' between fields, CRLF.

One row per activity; dates and times are ISO (2025-02-06, 2025-02-06 14:05), which Excel reads
as dates in every locale. A cell that would start a formula in a spreadsheet (=, +, -, @) gets a
leading apostrophe, so typed text can never run as a formula when the file is opened.
"""

from __future__ import annotations

import csv
import io

from ..i18n import Translator
from .common import stamp
from .model import Report

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def header(tr: Translator, stale_days: int) -> list[str]:
    return [tr.t("field.id"), tr.t("field.focus"), tr.t("field.title"), tr.t("field.committee"),
            tr.t("field.owner"), tr.t("field.side"), tr.t("field.start"), tr.t("field.due"),
            tr.t("field.status"), tr.t("field.assessment"), tr.t("field.assessment_comment"),
            tr.t("report.latest_note_at"), tr.t("report.latest_note_by"), tr.t("report.latest_note"),
            tr.t("report.flag.overdue"), tr.t("report.flag.at_risk"),
            tr.t("report.flag.stale", days=stale_days), tr.t("field.updated")]


def render_csv(r: Report, tr: Translator) -> str:
    """The CSV text, starting with the byte order mark."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header(tr, r.stale_days)])
    yes = tr.t("report.yes")
    for row in r.rows:
        a = row.activity
        note = a.latest_note
        writer.writerow([_cell(v) for v in (
            a.id, row.focus_name, a.title, row.committee, a.owner, tr.t(f"side.{a.side.value}"),
            a.start.isoformat() if a.start else "", a.due.isoformat() if a.due else "",
            tr.status(a.status), tr.assessment(a.assessment) if a.assessment else "",
            a.assessment_comment,
            stamp(note.at) if note else "", note.by if note else "",
            note.text if note else "",
            yes if row.overdue else "", yes if row.at_risk else "", yes if row.stale else "",
            stamp(a.updated_at) if a.updated_at else "",
        )])
    return BOM + buf.getvalue()
