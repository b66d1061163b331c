"""`kattegat report` and `kattegat calendar`: write to a file (atomically) or to standard output.

The reports package is imported when one of these runs, so other commands start without it."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from ..domain.dates import parse_user_date
from ..i18n import Translator
from ..store import Store


def _optional_date(value: str | None) -> date | None:
    return parse_user_date(value) if value else None


def _write_stdout(data: bytes) -> None:
    """Bytes as they are (the CSV's BOM, the calendar's CRLF); text if stdout has no byte layer."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def report(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    """The report for ``--committee``/``--focus`` over ``--since``/``--period``, as of ``--as-of``."""
    from ..reports import build_report, format_for, parse_period, render, write_report

    output = getattr(args, "output", None)
    fmt = getattr(args, "format", None)
    if output and fmt in (None, "md"):
        fmt = format_for(output, None)  # "-o rapport.html" means HTML unless told otherwise
    fmt = format_for(output, fmt)
    since = _optional_date(getattr(args, "since", None))
    as_of = _optional_date(getattr(args, "as_of", None))
    period = parse_period(args.period) if getattr(args, "period", None) else None
    plan = store.load()
    if output:
        target = write_report(plan, fmt=fmt, lang=tr.lang, today=today, committee=args.committee,
                              focus=args.focus, since=since, as_of=as_of, path=output,
                              period=period)
        print(tr.t("report.written", path=target.resolve()), file=sys.stderr)
        return 0
    built = build_report(plan, tr, today=today, committee=args.committee, focus=args.focus,
                         since=since, period=period, as_of=as_of)
    _write_stdout(render(built, tr, fmt))
    return 0


def calendar(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    """The milestones as iCalendar; says how many went in and which were left out."""
    from ..reports import default_filename, render_calendar
    from ..reports.files import REPORT_MODE
    from ..store.durable import atomic_write

    plan = store.load()
    result = render_calendar(plan, tr, now=datetime.now(UTC))
    data = result.text.encode("utf-8")
    output = getattr(args, "output", None)
    if output:
        target = Path(output).expanduser()
        if target.is_dir():
            target = target / default_filename(plan, "md", today).replace(".md", ".ics")
        atomic_write(target, data, new_mode=REPORT_MODE)
        print(tr.t("cal.written", path=target.resolve(), n=len(result.events)), file=sys.stderr)
    else:
        _write_stdout(data)
    if result.left_out:
        print(tr.t("cal.left_out", ids=", ".join(m.id for m in result.left_out)), file=sys.stderr)
    return 0
