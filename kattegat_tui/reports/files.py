"""Reports as files: render in a format and write atomically. Used by the CLI and the dashboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain import Plan, rules
from ..i18n import Translator, translator
from .csv_report import render_csv
from .html_report import render_html
from .markdown import render_markdown
from .model import Period, Report, build_report, parse_period, resolve_committee, resolve_focus

FORMATS = ("md", "html", "csv")
SUFFIXES = {"md": ".md", "html": ".html", "csv": ".csv"}
REPORT_MODE = 0o644


def format_for(path: Path | str | None, fmt: str | None) -> str:
    """The format: as given, else from the file name's suffix (.md, .html/.htm, .csv), else md."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown report format {fmt!r}")
        return fmt
    suffix = Path(path).suffix.lower() if path else ""
    return {".html": "html", ".htm": "html", ".csv": "csv"}.get(suffix, "md")


def render(report: Report, tr: Translator, fmt: str) -> bytes:
    """The report in ``fmt`` as UTF-8 bytes (CSV with its byte order mark)."""
    if fmt == "html":
        return render_html(report, tr).encode("utf-8")
    if fmt == "csv":
        return render_csv(report, tr).encode("utf-8")
    if fmt == "md":
        return render_markdown(report, tr).encode("utf-8")
    raise ValueError(f"unknown report format {fmt!r}")


def default_filename(plan: Plan, fmt: str, report_date: date, *, committee: str | None = None,
                     focus: str | None = None, as_of: date | None = None) -> str:
    """"kattegat-OU-2026-11-30.html"; the scope is the committee and/or focus area key."""
    parts = ["kattegat"]
    for key in (resolve_committee(plan, committee), resolve_focus(plan, focus)):
        if key:
            parts.append(key)
    parts.append((as_of or report_date).isoformat())
    return "-".join(parts) + SUFFIXES[fmt]


def write_report(plan: Plan, *, fmt: str, lang: str, today: date, committee: str | None = None,
                 focus: str | None = None, since: date | None = None, as_of: date | None = None,
                 path: Path | str, period: str | Period | None = None,
                 stale_days: int = rules.STALE_DAYS) -> Path:
    """Write the report on ``plan`` to ``path`` and return where it went.

    ``fmt`` is "md", "html" or "csv"; ``lang`` "da", "sv" or "en"; ``committee`` and ``focus`` a key
    or name (None = the whole plan); ``since`` reports changes from that day to ``today`` (or to
    ``as_of``); ``period`` a fixed period such as "2025-H2" instead; ``as_of`` rebuilds the plan as
    it stood at the end of that day. If ``path`` is a directory, a file named after the scope and
    date is written inside it. The file is replaced atomically; an unknown committee or focus
    area raises ``ValidationError`` before anything is written.
    """
    from ..store.durable import atomic_write

    tr = translator(lang)
    chosen = parse_period(period) if isinstance(period, str) else period
    report = build_report(plan, tr, today=today, committee=committee, focus=focus, since=since,
                          period=chosen, as_of=as_of, stale_days=stale_days)
    data = render(report, tr, fmt)
    target = Path(path).expanduser()
    if target.is_dir():
        target = target / default_filename(plan, fmt, today, committee=committee, focus=focus,
                                           as_of=as_of)
    atomic_write(target, data, new_mode=REPORT_MODE)
    return target
