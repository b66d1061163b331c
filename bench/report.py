"""Machine facts and the one table: printed, and written into BENCHMARKS.md between markers."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from .stats import Row

BEGIN = "<!-- bench:begin (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:end -->"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info(root: Path) -> list[tuple[str, str]]:
    import textual

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, check=True,
                                capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kattegat_tui"], cwd=root,
                               check=True, capture_output=True, text=True).stdout.strip()
        commit += " (with uncommitted changes in kattegat_tui/)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("commit", commit),
        ("CPU", f"{cpu_model()}, {os.cpu_count()} cores"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Textual", textual.__version__),
        ("load average at start", load),
    ]


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def table(rows: list[Row]) -> list[str]:
    out = ["| measure | subject | runs | median | p95 | ratio | CPU | CPU ratio | target | verdict |",
           "|---|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        cpu_ratio = f"{row.cpu_ratio:.2f}x" if row.cpu_ratio is not None else ""
        median = "n/a" if row.na else _num(row.median, row.unit)
        p95 = _num(row.p95, row.unit) if row.show_p95 and not row.na else ""
        cpu = _num(row.cpu_median, "ms") if row.cpu and not row.na else ""
        target = row.target.describe(row.unit) if row.target else ""
        verdict = row.verdict
        if row.na:
            verdict = (verdict + ": " if verdict else "") + row.na
        elif row.note:
            verdict = (verdict + "; " if verdict else "") + row.note
        out.append(f"| {row.section} | {row.subject} | {row.runs} | {median} | {p95} | {ratio} | "
                   f"{cpu} | {cpu_ratio} | {target} | {verdict} |")
    return out


def render(rows: list[Row], info: list[tuple[str, str]], plans: list[str], notes: list[str]) -> str:
    lines = ["## Latest run", ""]
    lines += [f"- {key}: {value}" for key, value in info]
    lines += ["", "Plans measured:", ""] + [f"- {p}" for p in plans]
    bases = sorted({r.ratio_to.subject for r in rows if r.ratio_to is not None})
    lines += ["", *table(rows), ""]
    if bases:
        lines += ["Ratios are against " + " and ".join(bases) + " measured in the same alternating runs. "
                  "CPU is the processor time the measured program itself used over the same span "
                  "(schedstat for the dashboard, rusage for CLI runs): unlike wall time it hardly "
                  "moves when other work shares the machine.", ""]
    if notes:
        lines += [f"- {n}" for n in notes] + [""]
    return "\n".join(lines)


def write_markdown(path: Path, section: str) -> None:
    """Replace what is between the markers; keep everything else (the analysis) as it is."""
    block = f"{BEGIN}\n{section}\n{END}"
    if path.exists():
        text = path.read_text()
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            _, tail = rest.split(END, 1)
            path.write_text(head + block + tail)
            return
        path.write_text(text.rstrip() + "\n\n" + block + "\n")
        return
    path.write_text("# Benchmarks\n\nRun with `make bench` (or `python -m bench --quick` for a smoke "
                    "run).\n\n" + block + "\n")


def print_report(section: str) -> None:
    print(section, file=sys.stdout, flush=True)
