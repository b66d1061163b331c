"""A separate process acting on a plan file, for the reliability tests.

Run as ``python worker.py COMMAND PATH [ARGS...]``; prints JSON or progress lines on stdout.

- ``writer PATH USER N GO``: after the file GO exists, N rounds of: a note on the shared activity
  HAVN-1, a status change with a note on the user's own activity, and every fifth round a new
  activity and an expense; prints a JSON summary of what it committed.
- ``loop PATH USER``: prints ``ready``, then adds notes to HAVN-1 forever, printing the number of
  committed notes after each one (the parent kills it).
- ``killer PATH USER``: for every line ``SEED DELAY`` on stdin, forks a child that adds notes to
  HAVN-1 in a loop, SIGKILLs it DELAY seconds after its first write began and prints a JSON list of
  the note counts the child had reported as committed (one spawned process, cheap forks).
- ``reader PATH STOP``: loads the file over and over until STOP exists; prints counts and errors.
- ``hold PATH``: takes the plan's lock inside a transaction, prints ``locked`` and sleeps.
- ``slow-note PATH USER GO``: adds a note to HAVN-1 inside a transaction, prints ``locked``, and
  commits only once the file GO exists; then prints ``saved``.
- ``watch PATH``: one long-lived Store; for every line on stdin prints the number of notes on
  HAVN-1 and the number of activities it now sees.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

from kattegat_tui.store import Store

STATUSES = ("in_progress", "on_hold", "done", "planned")


def _wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.001)


def writer(path: Path, user: str, rounds: int, go: Path) -> None:
    store = Store(path, user=user, backup_interval_s=0)
    own = sys.argv[6] if len(sys.argv) > 6 else "HAVN-2"
    summary: dict[str, list[object]] = {"notes": [], "statuses": [], "activities": [], "expenses": []}
    _wait_for(go)
    for k in range(rounds):
        text = f"{user} note {k}"
        store.add_note("HAVN-1", text)
        summary["notes"].append(text)
        status = STATUSES[k % len(STATUSES)]
        store.set_status(own, status, note=f"{user} status {k}")
        summary["statuses"].append(status)
        if k % 5 == 0:
            activity = store.create_activity(focus="UDD", title=f"{user} new {k}", committee="BFU")
            summary["activities"].append(activity.id)
            expense = store.add_expense(spent_on="2025-02-05", line="catering", amount=100 + k,
                                        note=user)
            summary["expenses"].append(expense.id)
    print(json.dumps(summary), flush=True)


def loop(path: Path, user: str) -> None:
    store = Store(path, user=user, backup_interval_s=0)
    print("ready", flush=True)
    k = 0
    while True:
        store.add_note("HAVN-1", f"loop {k}")
        k += 1
        print(k, flush=True)


def killer(path: Path, user: str) -> None:
    for line in sys.stdin:
        delay = float(line.split()[1])
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            store = Store(path, user=user, backup_interval_s=0)
            os.write(write_end, b"ready\n")
            k = 0
            while True:
                store.add_note("HAVN-1", f"loop {k}")
                k += 1
                os.write(write_end, f"{k}\n".encode())
        os.close(write_end)
        with os.fdopen(read_end, "rb") as progress:
            assert progress.readline() == b"ready\n"
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            _pid, status = os.waitpid(pid, 0)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            reported = [int(x) for x in progress.read().split()]
        print(json.dumps(reported), flush=True)


def reader(path: Path, stop: Path) -> None:
    store = Store(path, user="reader")
    loads = 0
    errors: list[str] = []
    seen_notes: set[int] = set()
    while not stop.exists() or loads < 20:
        try:
            raw = path.read_bytes()
            json.loads(raw.decode("utf-8"))
            plan = store.load()
            activity = plan.activity("HAVN-1")
            assert activity is not None
            seen_notes.add(len(activity.notes))
            loads += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
    print(json.dumps({"loads": loads, "errors": errors, "distinct_states": len(seen_notes)}),
          flush=True)


def hold(path: Path) -> None:
    store = Store(path, user="holder")
    with store.transaction():
        print("locked", flush=True)
        time.sleep(120)


def slow_note(path: Path, user: str, go: Path) -> None:
    """A note written in a transaction that stays open until GO exists."""
    store = Store(path, user=user, backup_interval_s=0)
    with store.transaction() as tx:
        doc_id, record = tx.find("activities", "HAVN-1", "activity")
        notes = [*record["notes"], {"at": tx.now.isoformat(), "by": user, "text": f"{user} slow"}]
        tx.table("activities").update({"notes": notes}, doc_ids=[doc_id])
        print("locked", flush=True)
        _wait_for(go)
    print("saved", flush=True)


def watch(path: Path) -> None:
    store = Store(path, user="watcher")
    for _line in sys.stdin:
        plan = store.load()
        activity = plan.activity("HAVN-1")
        assert activity is not None
        print(json.dumps([len(activity.notes), len(plan.activities)]), flush=True)


def main() -> None:
    command, path = sys.argv[1], Path(sys.argv[2])
    if command == "writer":
        writer(path, sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
    elif command == "loop":
        loop(path, sys.argv[3])
    elif command == "killer":
        killer(path, sys.argv[3])
    elif command == "slow-note":
        slow_note(path, sys.argv[3], Path(sys.argv[4]))
    elif command == "reader":
        reader(path, Path(sys.argv[3]))
    elif command == "hold":
        hold(path)
    elif command == "watch":
        watch(path)
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
