"""`kattegat report` / `kattegat calendar` and ``write_report`` (the dashboard's entry point)."""

from __future__ import annotations

import csv
import io
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from report_helpers import REPORT_DAY, markdown_tables, parse_html

from kattegat_tui.cli import main
from kattegat_tui.domain import Plan, ValidationError
from kattegat_tui.reports import write_report


def test_write_report_to_a_file_and_into_a_directory(history_plan: Plan, tmp_path: Path) -> None:
    target = write_report(history_plan, fmt="html", lang="sv", today=REPORT_DAY, committee="MTU",
                          path=tmp_path / "udvalg.html")
    assert target == tmp_path / "udvalg.html"
    doc = parse_html(target.read_text(encoding="utf-8"))
    assert doc.root.iter("html")[0].attrs["lang"] == "sv"
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # a document others may read
    folder = tmp_path / "out"
    folder.mkdir()
    target = write_report(history_plan, fmt="csv", lang="da", today=REPORT_DAY, focus="KLIMA",
                          since=REPORT_DAY.replace(month=1, day=1), path=folder)
    assert target == folder / "kattegat-KLIMA-2025-06-15.csv"
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temp file left behind


def test_write_report_refuses_an_unknown_scope_before_writing(history_plan: Plan,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValidationError):
        write_report(history_plan, fmt="md", lang="da", today=REPORT_DAY, committee="XYZ",
                     path=folder / "r.md")
    assert list(folder.iterdir()) == []


def _kattegat(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The real command line, in this process (the calendar test below runs it as a program)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_report_formats(capsys: pytest.CaptureFixture[str], history_path: Path,
                            tmp_path: Path) -> None:
    base = ["--db", str(history_path), "--today", "2025-06-15", "report"]
    code, out, err = _kattegat(capsys, *base, "--committee", "MTU", "--since", "1-3-2025")
    assert code == 0, err
    assert out.startswith("# Statusrapport – Kattegatalliancen")
    assert markdown_tables(out)
    target = tmp_path / "rapport.html"
    code, out, err = _kattegat(capsys, *base, "--period", "2025-H1", "-o", str(target))
    assert code == 0, err
    assert str(target) in err and out == ""
    assert parse_html(target.read_text(encoding="utf-8")).root.iter("h1")
    code, out, err = _kattegat(capsys, "--lang", "en", *base, "--format", "csv",
                               "--as-of", "2025-03-20")
    assert code == 0, err
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert rows[0][0] == "ID" and "Focus area" in rows[0]
    status = rows[0].index("Status")
    assert next(r for r in rows if r[0] == "PART-1")[status] == "In progress"  # as of 20 March


def test_cli_report_errors_are_one_line(capsys: pytest.CaptureFixture[str],
                                        history_path: Path) -> None:
    for args, words in ((["--period", "2025-H3"], "2025-H3"), (["--committee", "XYZ"], "XYZ"),
                        (["--since", "31-2-2025"], "31-2-2025")):
        code, _out, err = _kattegat(capsys, "--db", str(history_path), "report", *args)
        assert code == 1
        assert err.count("\n") == 1 and words in err, err


def test_cli_calendar(cli: Callable[..., subprocess.CompletedProcess[str]], history_path: Path,
                      tmp_path: Path) -> None:
    run = cli
    out = tmp_path / "milepaele.ics"
    result = run("--db", str(history_path), "calendar", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stderr and "M-13" in result.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(list(cal.walk("VEVENT"))) == 12
    again = run("--db", str(history_path), "calendar")
    assert again.stdout.startswith("BEGIN:VCALENDAR")
