"""`python -m bench`: the whole suite, one table, written to BENCHMARKS.md.

    python -m bench            full run (what `make bench` does; a few minutes)
    python -m bench --quick    smoke run with few samples; prints, does not write BENCHMARKS.md
    python -m bench --only first,keys,cli,memory
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from . import measures as m
from .report import machine_info, print_report, render, write_markdown
from .stats import Row, Target
from .synthetic import SyntheticPlan, write_plan
from .terminal import COLS, ROWS

SECTIONS = ("first", "keys", "cli")
MIB = 1024


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="few samples, no BENCHMARKS.md")
    p.add_argument("--runs", type=int, help="first-screen and CLI runs per program (default 12)")
    p.add_argument("--keys", type=int, help="status changes per size (default 40)")
    p.add_argument("--only", default=",".join(SECTIONS),
                   help="comma-separated sections: " + ", ".join(SECTIONS))
    p.add_argument("--no-1k", action="store_true",
                   help="skip the informational 1,000-activity rows (always skipped with --quick)")
    p.add_argument("--write", dest="write", action="store_true", default=None,
                   help="write BENCHMARKS.md (default for a full run)")
    p.add_argument("--no-write", dest="write", action="store_false")
    p.add_argument("--output", type=Path, default=m.ROOT / "BENCHMARKS.md")
    p.add_argument("--keep", action="store_true", help="keep the temporary plan files")
    args = p.parse_args(argv)
    args.runs = args.runs or (3 if args.quick else 12)
    args.keys = args.keys or (6 if args.quick else 40)
    if args.write is None:
        args.write = not args.quick
    if args.quick:
        args.no_1k = True
    args.only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = args.only - set(SECTIONS)
    if unknown:
        p.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return args


def describe_plan(label: str, plan: SyntheticPlan) -> str:
    return (f"{label}: {plan.activities:,} activities, {plan.notes:,} notes, {plan.changes:,} change "
            f"records, {plan.size_bytes / 1e6:.1f} MB on disk")


def copy_of(plan: SyntheticPlan, target: Path) -> Path:
    shutil.copyfile(plan.path, target)
    return target


def mib(kib: list[int] | int | None) -> list[float]:
    if kib is None:
        return []
    if isinstance(kib, int):
        return [kib / MIB]
    return [k / MIB for k in kib]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    info = machine_info(m.ROOT)
    tmp = Path(tempfile.mkdtemp(prefix="kattegat-bench-"))
    rows: list[Row] = []
    notes: list[str] = []
    try:
        m.log(f"writing synthetic plans to {tmp}")
        seeded = write_plan(tmp / "seeded.json", None)
        small = write_plan(tmp / "plan-50.json", 50)
        medium = None if args.no_1k else write_plan(tmp / "plan-1000.json", 1_000)
        large = write_plan(tmp / "plan-10000.json", 10_000)
        plans = [describe_plan("seeded", seeded), describe_plan("50", small)]
        if medium:
            plans.append(describe_plan("1k", medium))
        plans.append(describe_plan("10k", large))

        sections = {"first": lambda: first_screen_rows(args, seeded, medium, large, tmp),
                    "keys": lambda: key_rows(args, small, large, tmp),
                    "cli": lambda: cli_rows(args, seeded, large, tmp)}
        for name in SECTIONS:
            if name in args.only:
                began = time.perf_counter()
                rows += sections[name]()
                m.log(f"  ({name}: {time.perf_counter() - began:.0f} s)")
        order = {"first screen": 0, "key to screen": 1, "key to durable": 2, "key to idle": 3,
                 "CLI": 4, "peak memory": 5}
        rows.sort(key=lambda r: order.get(r.section, 9))
        elapsed = time.perf_counter() - started
        notes.append(f"suite took {elapsed:.0f} s; terminal {COLS}x{ROWS} pty; "
                     f"{'quick smoke run, ' if args.quick else ''}times are medians of alternating runs")
        notes.append("ratios hold across machines, absolute times do not; "
                     "take final figures on a quiet machine")
        section = render(rows, info, plans, notes)
        print_report(section)
        if args.write:
            write_markdown(args.output, section)
            m.log(f"wrote {args.output}")
    finally:
        if args.keep:
            m.log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def first_screen_rows(args: argparse.Namespace, seeded: SyntheticPlan, medium: SyntheticPlan | None,
                      large: SyntheticPlan, tmp: Path) -> list[Row]:
    m.log(f"first screen: {args.runs} alternating runs each")
    bare = m.bare_program()
    seed_p = m.dashboard_program("seeded", copy_of(seeded, tmp / "first-seeded.json"))
    programs = [bare, seed_p]
    mid_p = None
    if medium:
        mid_p = m.dashboard_program("1k", copy_of(medium, tmp / "first-1k.json"))
        programs.append(mid_p)
    big_p = m.dashboard_program("10k", copy_of(large, tmp / "first-10k.json"))
    programs.append(big_p)
    m.first_screen(programs, args.runs)

    base = Row("first screen", "bare Textual app", samples=bare.times_ms, cpu=bare.cpu_ms)
    rows = [base,
            Row("first screen", "kattegat, seeded plan", samples=seed_p.times_ms, cpu=seed_p.cpu_ms,
                ratio_to=base, target=Target(1.4, "ratio"))]
    if mid_p:
        rows.append(Row("first screen", "kattegat, 1,000 activities", samples=mid_p.times_ms,
                        cpu=mid_p.cpu_ms, ratio_to=base))
    rows.append(Row("first screen", "kattegat, 10,000 activities", samples=big_p.times_ms,
                    cpu=big_p.cpu_ms, ratio_to=base, target=Target(1.8, "ratio")))
    for program, row in zip([p for p in programs], rows, strict=True):
        if program.failures:
            row.note = f"{len(program.failures)} failed run(s): {program.failures[0].splitlines()[0]}"
    mem_base = Row("peak memory", "bare Textual app, first screen", "MiB", mib(bare.peak_kib))
    rows += [mem_base,
             Row("peak memory", "kattegat seeded, first screen", "MiB", mib(seed_p.peak_kib)),
             Row("peak memory", "kattegat 10k, first screen", "MiB", mib(big_p.peak_kib),
                 target=Target(70))]
    return rows


def key_rows(args: argparse.Namespace, small: SyntheticPlan, large: SyntheticPlan,
             tmp: Path) -> list[Row]:
    rows: list[Row] = []
    for label, plan, targets, budget in (("50 activities", small, (None, None), 100),
                                         ("10,000 activities", large, (Target(16), Target(50)), 230)):
        m.log(f"key to screen / durable, {label}: {args.keys} status changes")
        db = copy_of(plan, tmp / f"keys-{plan.activities}.json")
        result = m.key_latency(db, plan.first_id, args.keys, warmup=1 if args.quick else 3,
                               budget_s=None if args.quick else budget)
        screen = Row("key to screen", f"status change, {label}", samples=result.screen_ms,
                     cpu=result.screen_cpu_ms, target=targets[0], show_p95=True, na=result.na)
        durable = Row("key to durable", f"status change, {label}", samples=result.durable_ms,
                      cpu=result.durable_cpu_ms, target=targets[1], show_p95=True, na=result.na)
        memory = Row("peak memory", f"kattegat {label}, plan tab + status changes", "MiB",
                     mib(result.peak_kib), target=Target(70) if targets[0] else None)
        opened = Row("key to screen", f"`s` opens the status picker, {label}",
                     samples=result.open_ms, show_p95=True)
        closed = Row("key to screen", f"picker closed without a change, {label}",
                     samples=result.close_ms, show_p95=True)
        busy = Row("key to idle", f"status change, {label}: until all its work is done",
                   samples=result.busy_ms, show_p95=True, na=result.na)
        if result.cut_short:
            screen.note = f"time budget: stopped after {len(result.screen_ms)} changes"
        if result.na and result.screen_ms:
            screen.note = durable.note = f"stopped after {len(result.screen_ms)}: {result.na}"
            screen.na = durable.na = ""
        rows += [screen, opened, closed, durable, busy, memory]
    return rows


def cli_rows(args: argparse.Namespace, seeded: SyntheticPlan, large: SyntheticPlan,
             tmp: Path) -> list[Row]:
    m.log(f"CLI: {args.runs} alternating runs each")
    tiny = m.import_tinydb_command()
    bare = m.python_pass_command()
    commands = [
        bare, tiny,
        m.status_command("status seeded", copy_of(seeded, tmp / "cli-seeded-status.json")),
        m.status_command("status 10k", copy_of(large, tmp / "cli-10k-status.json")),
        m.set_status_command("set-status seeded", copy_of(seeded, tmp / "cli-seeded-set.json"),
                             seeded.first_id),
        m.set_status_command("set-status 10k", copy_of(large, tmp / "cli-10k-set.json"),
                             large.first_id),
    ]
    m.cli(commands, args.runs)
    base = Row("CLI", '`python -c "import tinydb"`', samples=tiny.times_ms, cpu=tiny.cpu_ms)
    rows = [Row("CLI", "`python -c pass`", samples=bare.times_ms, cpu=bare.cpu_ms, ratio_to=base), base]
    labels = {"status seeded": ("`kattegat status`, seeded plan", Target(2.0, "ratio")),
              "status 10k": ("`kattegat status`, 10,000 activities", None),
              "set-status seeded": ("`kattegat set-status`, seeded plan", None),
              "set-status 10k": ("`kattegat set-status`, 10,000 activities", None)}
    for command in commands[2:]:
        subject, target = labels[command.name]
        row = Row("CLI", subject, samples=command.times_ms, cpu=command.cpu_ms, ratio_to=base,
                  target=target)
        if command.failures:
            row.note = f"{len(command.failures)} failed: {command.failures[0].splitlines()[-1]}"
        rows.append(row)
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
