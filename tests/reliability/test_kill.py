"""SIGKILL at any point of a write loop leaves the old or the new state, and frees the lock."""

from __future__ import annotations

import json
import random
import signal
from pathlib import Path

import pytest
from reliability_support import notes_of, read_json, temp_files

from kattegat_tui.store import LockTimeout, Store
from kattegat_tui.store.durable import exclusive_lock

TRIALS = 30


def test_sigkill_mid_write_leaves_old_or_new_state(plan_path: Path, spawn) -> None:
    rng = random.Random(20250204)
    killer = spawn("killer", plan_path, "killed", stdin=True)
    assert killer.stdin is not None and killer.stdout is not None
    committed = 0
    for trial in range(TRIALS):
        killer.stdin.write(f"{trial} {rng.uniform(0.0, 0.06):.4f}\n")
        killer.stdin.flush()
        reported = json.loads(killer.stdout.readline())
        acknowledged = committed + (reported[-1] if reported else 0)

        # Always a parseable plan, holding what was acknowledged, or that plus the one write
        # that was in flight when the process died (committed but not yet reported).
        doc = read_json(plan_path)
        plan = Store(plan_path).load()
        notes = notes_of(doc, "HAVN-1")
        assert len(notes) in (acknowledged, acknowledged + 1)
        activity = plan.activity("HAVN-1")
        assert activity is not None and len(activity.notes) == len(notes)
        assert len(plan.changes) == len(notes)  # each note landed with its audit record
        committed = len(notes)

    # A temp file left by a killed writer breaks nothing and is cleared by the next write.
    Store(plan_path, user="next").add_note("HAVN-1", "after the crashes")
    assert temp_files(plan_path.parent) == []
    assert len(Store(plan_path).load().changes) == committed + 1
    assert committed > 0


def test_lock_is_released_when_its_holder_is_killed(plan_path: Path, spawn) -> None:
    holder = spawn("hold", plan_path)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(LockTimeout) as info, exclusive_lock(plan_path, timeout=0.2):
        pass
    assert str(plan_path) in str(info.value)

    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    # The kernel dropped the dead holder's flock: the next writer proceeds.
    after = Store(plan_path, user="next").add_note("HAVN-1", "after the holder died")
    assert after.notes[-1].text == "after the holder died"
    assert Store(plan_path).load().activity("HAVN-1").notes[-1].by == "next"  # type: ignore[union-attr]
