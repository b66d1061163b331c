"""Where the time and memory go: the profiles behind the findings in BENCHMARKS.md.

    python -m bench.profile startup [--size N]   cProfile of the dashboard up to its first screen
    python -m bench.profile plan-tab [--size N]  cProfile of first screen + opening the plan tab
    python -m bench.profile status [--size N]    cProfile of the dashboard doing --runs status changes
    python -m bench.profile keypath [--size N]   cProfile of the final key of a status change only
                                                 (in-process, headless, 120x40; --runs changes)
    python -m bench.profile cli [--size N]       cProfile of `kattegat status`
    python -m bench.profile imports [--runs N]   median -X importtime of `kattegat status` and the app
    python -m bench.profile import-cpu [--runs N] CPU each import adds to a fresh process (rusage)
    python -m bench.profile save [--size N]      the steps of one status change, timed in-process
    python -m bench.profile memory [--size N]    what a loaded plan holds (tracemalloc)

``--size`` is a number of activities (0 = the seeded plan). Profiles slow the program down; read them for
shares, not for absolute times.
"""

from __future__ import annotations

import argparse
import collections
import io
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import measures as m
from .synthetic import write_plan
from .terminal import PtySession, child_env


def make_plan(size: int, directory: Path) -> Path:
    path = directory / f"plan-{size}.json"
    write_plan(path, size or None)
    return path


def show_stats(prof: Path, limit: int, only: str | None = None) -> None:
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(str(prof), stream=out)
        if only:
            stats.sort_stats(order).print_stats(only, limit)
        else:
            stats.strip_dirs().sort_stats(order).print_stats(limit)
        text = out.getvalue().replace(str(m.ROOT) + "/", "")
        start = text.find("   ncalls")
        print(f"--- by {order}{' (' + only + ')' if only else ''} ---")
        print(text[start:] if start >= 0 else text)


def profile_dashboard(db: Path, prof: Path, open_plan: bool) -> None:
    with PtySession(m.dashboard_argv(db), cwd=m.ROOT) as warmup:  # bytecode cache, page cache
        warmup.wait_for_text(*m.KATTEGAT_MARKERS, timeout=120)
    argv = [sys.executable, "-m", "cProfile", "-o", str(prof), *m.dashboard_argv(db)]
    with PtySession(argv, cwd=m.ROOT) as session:
        shown = session.wait_for_text(*m.KATTEGAT_MARKERS, timeout=120)
        print(f"first screen after {(shown - session.started) * 1000:.0f} ms (under cProfile)")
        if open_plan:
            session.settle()
            sent = session.send("2")
            session.settle(quiet=1.0, limit=120)
            print(f"plan tab settled {(session.last_output - sent) * 1000:.0f} ms after the key")
        session.close()


def cmd_startup(args: argparse.Namespace, tmp: Path) -> None:
    prof = tmp / "startup.prof"
    profile_dashboard(make_plan(args.size, tmp), prof, open_plan=args.command == "plan-tab")
    show_stats(prof, args.limit)
    show_stats(prof, args.limit, "kattegat_tui")


def cmd_status(args: argparse.Namespace, tmp: Path) -> None:
    db = make_plan(args.size, tmp)
    prof = tmp / "status.prof"
    argv = [sys.executable, "-m", "cProfile", "-o", str(prof), *m.dashboard_argv(db)]
    with PtySession(m.dashboard_argv(db), cwd=m.ROOT) as warmup:
        warmup.wait_for_text(*m.KATTEGAT_MARKERS, timeout=120)
    activity_id = m.first_activity_id(db)
    with PtySession(argv, cwd=m.ROOT) as session:
        ui = m.StatusChangeUI(session)
        session.wait_for_text(*m.KATTEGAT_MARKERS, timeout=120)
        session.settle()
        ui.show_plan(activity_id, timeout=120)
        current = m.Status(m.stored_status(db, activity_id) or "planned")
        for _ in range(args.runs):
            new = m.Status.DONE if current is not m.Status.DONE else m.Status.IN_PROGRESS
            ui.open_status_picker(activity_id, timeout=60)
            sent = session.send(ui.choose_keys(current, new)[1])
            shown = session.wait_for(lambda s, n=new: ui.row_shows(s, activity_id, n), timeout=60)
            print(f"shown after {(shown - sent) * 1000:.0f} ms (under cProfile)")
            session.settle(quiet=0.3)
            current = new
        session.close()
    show_stats(prof, args.limit)
    show_stats(prof, args.limit, "kattegat_tui")


def cmd_keypath(args: argparse.Namespace, tmp: Path) -> None:
    """Profile only the final key of a status change (the picker's digit), in-process."""
    import asyncio
    import cProfile
    from datetime import date

    from kattegat_tui.app import KattegatApp
    from kattegat_tui.domain import Status
    from kattegat_tui.store import Store

    db = make_plan(args.size, tmp)
    activity_id = m.first_activity_id(db)
    prof = cProfile.Profile()

    async def drive() -> None:
        app = KattegatApp(Store(db, user="bench"), today=date(2026, 11, 30), poll_interval=3600)
        async with app.run_test(size=(m.COLS, m.ROWS)) as pilot:
            await pilot.press("2")
            await pilot.pause(0.5)
            current = Status(m.stored_status(db, activity_id) or "planned")
            for _ in range(args.runs):
                new = Status.DONE if current is not Status.DONE else Status.IN_PROGRESS
                if args.no_change:
                    new = current
                await pilot.press("s")
                await pilot.pause(0.3)
                prof.enable()
                await pilot.press(str(list(Status).index(new) + 1))
                await pilot.pause(0.3)
                prof.disable()
                current = new
            assert m.stored_status(db, activity_id) == current.value

    asyncio.run(drive())
    out = tmp / "keypath.prof"
    prof.dump_stats(str(out))
    show_stats(out, args.limit)
    show_stats(out, args.limit, "kattegat_tui")


def cmd_cli(args: argparse.Namespace, tmp: Path) -> None:
    prof = tmp / "cli.prof"
    db = make_plan(args.size, tmp)
    subprocess.run([*m.kattegat(), "--db", str(db), "--today", m.TODAY, "status"], env=child_env(),
                   stdout=subprocess.DEVNULL, check=True)
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), *m.kattegat(), "--db", str(db),
                    "--today", m.TODAY, "status"], env=child_env(), stdout=subprocess.DEVNULL,
                   check=True)
    show_stats(prof, args.limit)


_IMPORT = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def importtime(argv: list[str], runs: int) -> list[tuple[float, float, int, str]]:
    """(median cumulative ms, median self ms, depth, module) in first-import order."""
    cum: dict[str, list[int]] = collections.defaultdict(list)
    own: dict[str, list[int]] = collections.defaultdict(list)
    depth: dict[str, int] = {}
    order: list[str] = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", *argv], env=child_env(),
                              capture_output=True, text=True, check=False)
        for line in proc.stderr.splitlines():
            match = _IMPORT.match(line)
            if match:
                name = match.group(4)
                if name not in depth:
                    order.append(name)
                depth[name] = len(match.group(3)) // 2
                own[name].append(int(match.group(1)))
                cum[name].append(int(match.group(2)))
    return [(statistics.median(cum[n]) / 1000, statistics.median(own[n]) / 1000, depth[n], n)
            for n in order]


def cmd_imports(args: argparse.Namespace, tmp: Path) -> None:
    db = make_plan(0, tmp)
    script = m.kattegat()
    cases = [
        ('python -c "import tinydb"', ["-c", "import tinydb"]),
        ("kattegat status (seeded)", [*script, "--db", str(db), "--today", m.TODAY, "status"]),
        ("import textual.app", ["-c", "import textual.app"]),
        ("import kattegat_tui.app", ["-c", "import kattegat_tui.app"]),
    ]
    for label, argv in cases:
        rows = importtime(argv, args.runs)
        total = sum(c for c, _, d, _ in rows if d == 0)
        print(f"--- {label}: {total:.1f} ms of imports (median of {args.runs}) ---")
        for cum, own, depth, name in rows:
            if cum >= args.min_ms:
                print(f"{cum:8.1f} ms {own:7.1f} self  {'  ' * depth}{name}")


IMPORT_CASES = (
    "tinydb", "argparse", "dataclasses", "orjson", "kattegat_tui.domain", "kattegat_tui.i18n",
    "kattegat_tui.cli", "kattegat_tui.store", "kattegat_tui.cli.parser", "textual.app",
    "textual.app, textual.widgets._static", "kattegat_tui.app",
)


STATUS_ORDER = ("argparse", "dataclasses", "kattegat_tui.domain", "kattegat_tui.domain.dates",
                "kattegat_tui.i18n", "kattegat_tui.cli", "orjson", "tinydb", "kattegat_tui.store",
                "kattegat_tui.cli.summary", "kattegat_tui.cli.parser")


def cmd_import_cpu(args: argparse.Namespace, tmp: Path) -> None:
    """Median CPU (user + sys) of ``python -c "import X"`` minus ``python -c pass``, from rusage:
    steadier than -X importtime on a shared machine."""
    from .measures import time_command

    def cpu_of(code: str) -> float:
        values = [time_command([sys.executable, "-c", code])[1] for _ in range(args.runs)]
        return statistics.median(values)

    time_command([sys.executable, "-c", "import kattegat_tui.app"])  # bytecode cache
    base = cpu_of("pass")
    print(f"python -c pass: {base:.1f} ms CPU (median of {args.runs}); below: CPU added by the import")
    for case in IMPORT_CASES:
        print(f"{cpu_of('import ' + case) - base:8.1f} ms  import {case}")
    print("in the order `kattegat status` imports them (each line: what it adds to the ones above):")
    done: list[str] = []
    before = base
    for module in STATUS_ORDER:
        done.append(module)
        now = cpu_of("import " + ", ".join(done))
        print(f"{now - before:8.1f} ms  + {module}")
        before = now


def timed(label: str, fn, results: dict[str, list[tuple[float, float]]]):  # type: ignore[no-untyped-def]
    """Run ``fn``; record (wall ms, CPU ms): CPU hardly moves when the machine is shared."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    results[label].append(((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000))
    return value


def cmd_save(args: argparse.Namespace, tmp: Path) -> None:
    """One status change (store.set_status), a full load (what a re-read costs), and the steps of the
    full-rewrite path (small plans, and folding a large plan's journal into the file)."""
    import orjson

    from kattegat_tui.domain import Status
    from kattegat_tui.store import Store, dump_document, parse_bytes
    from kattegat_tui.store.documents import document_to_plan, plan_to_document
    from kattegat_tui.store.durable import atomic_write
    from kattegat_tui.store.storage import open_transaction_db

    db = make_plan(args.size, tmp)
    store = Store(db, user="bench")
    activity_id = store.load().activities[0].id
    steps: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    for n in range(args.runs):
        status = Status.DONE if n % 2 == 0 else Status.IN_PROGRESS
        timed("A  store.set_status (whole durable write)",
              lambda s=status: store.set_status(activity_id, s), steps)
        timed("B  store.load (a full read: start-up, another session's change)", store.load, steps)
        raw = timed("   read_bytes", db.read_bytes, steps)
        doc = timed("   orjson.loads + check_shape", lambda r=raw: parse_bytes(db, r), steps)
        timed("   document_to_plan", lambda d=doc: document_to_plan(db, d), steps)
        pristine = orjson.loads(raw)

        def tinydb_update(d=pristine) -> None:  # type: ignore[no-untyped-def]
            tdb, _ = open_transaction_db(d)
            table = tdb.table("activities", cache_size=0)
            table.update({"status": "done"}, doc_ids=[1])

        timed("   rewrite path: TinyDB table.update over the document", tinydb_update, steps)
        data = timed("   rewrite path: dump_document (orjson, indent 2)", lambda d=doc: dump_document(d),
                     steps)
        timed("   rewrite path: atomic_write (temp, fsync, rename, fsync dir)",
              lambda b=data: atomic_write(tmp / "scratch.json", b), steps)
        plan = document_to_plan(db, doc)
        timed("   rewrite path: plan_to_document", lambda p=plan: plan_to_document(p), steps)
    print(f"{args.size or 'seeded'}: {db.stat().st_size / 1e6:.1f} MB, median of {args.runs} runs")
    print("     wall       CPU")
    for label, values in steps.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"{wall:9.1f} {cpu:9.1f} ms  {label}")


def cmd_memory(args: argparse.Namespace, tmp: Path) -> None:
    import gc
    import tracemalloc

    from kattegat_tui.store import Store

    db = make_plan(args.size, tmp)
    store = Store(db, user="bench")
    gc.collect()
    tracemalloc.start(1)
    raw = db.read_bytes()
    print(f"file: {len(raw) / 2**20:.1f} MiB")
    snap0 = tracemalloc.take_snapshot()
    doc = store.read_document()
    size_doc = tracemalloc.get_traced_memory()
    print(f"parsed JSON document alive: {size_doc[0] / 2**20:.1f} MiB (peak {size_doc[1] / 2**20:.1f})")
    del doc
    gc.collect()
    tracemalloc.reset_peak()
    plan = store.load()
    current, peak = tracemalloc.get_traced_memory()
    print(f"Plan alive after load: {current / 2**20:.1f} MiB; peak during load {peak / 2**20:.1f} MiB")
    snap1 = tracemalloc.take_snapshot()
    for stat in snap1.compare_to(snap0, "filename")[:8]:
        print("  ", stat)
    print(f"activities {len(plan.activities)}, changes {len(plan.changes)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command",
                   choices=("startup", "plan-tab", "status", "keypath", "cli", "imports", "import-cpu",
                            "save", "memory"))
    p.add_argument("--size", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--limit", type=int, default=30)
    p.add_argument("--min-ms", type=float, default=2.0)
    p.add_argument("--no-change", action="store_true",
                   help="keypath: choose the current status (the menu closes, nothing is written)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kattegat-profile-") as name:
        tmp = Path(name)
        commands = {"startup": cmd_startup, "plan-tab": cmd_startup, "status": cmd_status,
                    "keypath": cmd_keypath, "import-cpu": cmd_import_cpu,
                    "cli": cmd_cli, "imports": cmd_imports, "save": cmd_save, "memory": cmd_memory}
        commands[args.command](args, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
