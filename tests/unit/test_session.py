"""The dashboard's session without a screen: the file is read again only when it changed, one save
core for both save paths turns a refusal into one translated sentence, revisions saved are known
until the file is read again, and writes in the background are tracked until they are on disk.

The host is a plain object that records what the session says and runs the session's callbacks
when the test drains them (as the app does on its own thread). Real plan files, real threads,
another writer's real lock."""

from __future__ import annotations

import os
import queue
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from held_lock import held_lock

from kattegat_tui.domain import Plan, Status
from kattegat_tui.errors import describe
from kattegat_tui.i18n import Translator, translator
from kattegat_tui.session import PlanSession
from kattegat_tui.store import ConflictError, NotFound, Store


class Host:
    """Records what the session says and shows; runs its thread callbacks when drained."""

    def __init__(self, lang: str = "da") -> None:
        self.tr: Translator = translator(lang)
        self.said: list[tuple[str, str]] = []
        self.plans: list[Plan] = []
        self.calls: queue.Queue[Callable[[], None]] = queue.Queue()
        self.closing = False

    def say(self, message: str, *, severity: Any = "information",
            timeout: float | None = None) -> None:
        self.said.append((severity, message))

    def from_thread(self, finish: Callable[[], None]) -> None:
        self.calls.put(finish)

    def after_refresh(self, work: Callable[[], None]) -> None:
        work()

    def plan_loaded(self, plan: Plan) -> None:
        self.plans.append(plan)

    def drain(self, timeout: float = 10.0) -> None:
        """Run the next callback from a thread (fails if none comes within ``timeout``)."""
        self.calls.get(timeout=timeout)()

    def errors(self) -> list[str]:
        return [message for severity, message in self.said if severity == "error"]


@pytest.fixture
def host() -> Host:
    return Host()


@pytest.fixture
def session(store: Store, host: Host) -> PlanSession:
    return PlanSession(store, host)


def other_writer(plan_path: Path) -> Store:
    return Store(plan_path, user="kollega")


def test_poll_reads_the_file_only_when_it_changed(session: PlanSession, host: Host,
                                                  plan_path: Path) -> None:
    session.poll()
    with pytest.raises(queue.Empty):
        host.calls.get(timeout=0.3)  # same stamp: nothing was read
    other_writer(plan_path).set_status("HAVN-2", Status.DONE)
    session.poll()
    session.poll()  # a read is under way: no second one
    host.drain()
    with pytest.raises(queue.Empty):
        host.calls.get(timeout=0.3)
    assert len(host.plans) == 1 and session.plan is host.plans[0]
    assert session.plan.activity("HAVN-2").status is Status.DONE  # type: ignore[union-attr]
    session.poll()
    with pytest.raises(queue.Empty):
        host.calls.get(timeout=0.3)


def test_a_refusal_is_the_same_translated_sentence_on_both_save_paths(
        session: PlanSession, host: Host) -> None:
    op = partial(session.store.set_status, "NOPE-9", Status.DONE)
    expected = describe(NotFound("activity", "NOPE-9"), host.tr)
    assert expected and "NOPE-9" in expected and "not found" not in expected

    assert session.save(op, "NOPE-9") is None
    assert host.errors() == [expected]

    failed: list[bool] = []
    session.save_soon(op, "NOPE-9", on_saved=lambda result: None,
                      on_failed=lambda: failed.append(True))
    host.drain()
    assert failed == [True]
    assert host.errors() == [expected, expected]
    assert not session.pending_writes()


def test_a_form_that_asks_gets_the_refusal_instead_of_a_message(session: PlanSession,
                                                                host: Host) -> None:
    refused: list[Exception] = []
    result = session.save(partial(session.store.set_status, "NOPE-9", Status.DONE), "NOPE-9",
                          on_error=refused.append)
    assert result is None and [type(e) for e in refused] == [NotFound]
    assert host.errors() == []


def test_a_conflict_reads_the_file_again_and_goes_to_the_form(session: PlanSession, host: Host,
                                                              plan_path: Path) -> None:
    seen = session.plan.activity("HAVN-2")
    assert seen is not None
    other_writer(plan_path).set_status("HAVN-2", Status.ON_HOLD)
    conflicts: list[ConflictError] = []
    result = session.save(partial(session.store.set_status, "HAVN-2", Status.DONE,
                                  expected_revision=seen.revision), "HAVN-2",
                          on_conflict=conflicts.append)
    assert result is None and [c.key for c in conflicts] == ["HAVN-2"]
    assert session.plan.activity("HAVN-2").status is Status.ON_HOLD  # type: ignore[union-attr]
    assert host.plans and host.plans[-1] is session.plan
    stored = Store(plan_path, user="tester").load().activity("HAVN-2")
    assert stored is not None and stored.status is Status.ON_HOLD


def test_a_saved_revision_is_known_until_the_file_is_read_again(session: PlanSession,
                                                                 plan_path: Path) -> None:
    before = session.plan.activity("HAVN-2")
    assert before is not None
    saved = session.store.set_status("HAVN-2", Status.DONE)
    session.patch_activity(saved)
    assert session.known_revision("HAVN-2", before.revision) == saved.revision > before.revision
    assert session.plan.activity("HAVN-2") is saved
    session.reload()
    assert session.known_revision("HAVN-2", -1) == -1


def test_a_background_write_is_pending_until_it_is_on_disk(session: PlanSession, host: Host,
                                                           plan_path: Path) -> None:
    saved: list[Any] = []
    with held_lock(plan_path):
        session.save_soon(partial(session.store.set_status, "HAVN-2", Status.DONE),
                          "HAVN-2 · Afsluttet", on_saved=saved.append, on_failed=lambda: None)
        [write] = session.pending_writes()
        assert write.what == "HAVN-2 · Afsluttet"
        assert not write.done.wait(0.5)  # held up by the other writer's lock
    assert write.done.wait(10) and write.saved
    assert session.pending_writes() == [write]  # until the app has shown the outcome
    host.drain()
    assert session.pending_writes() == []
    assert [a.status for a in saved] == [Status.DONE]
    assert any("HAVN-2 · Afsluttet" in message for _, message in host.said)
    stored = Store(plan_path, user="tester").load().activity("HAVN-2")
    assert stored is not None and stored.status is Status.DONE


def test_after_quitting_without_waiting_no_queued_write_starts(session: PlanSession, host: Host,
                                                               plan_path: Path) -> None:
    ended: list[bool] = []
    session.write_ended = lambda write: ended.append(write.saved)
    with held_lock(plan_path):
        session.save_soon(partial(session.store.set_status, "HAVN-2", Status.DONE), "first",
                          on_saved=lambda result: None, on_failed=lambda: None)
        session.abandoned = True  # "quit anyway" while the first still waits for the lock
        session.save_soon(partial(session.store.set_status, "HAVN-3", Status.DONE), "second",
                          on_saved=lambda result: None, on_failed=lambda: None)
    first, second = session.pending_writes()
    assert first.done.wait(10) and second.done.wait(10)
    assert not second.saved
    host.closing = True  # the app closed: the outcome is reported by the exit, not on screen
    host.drain()
    host.drain()
    assert ended == []
    stored = Store(plan_path, user="tester").load().activity("HAVN-3")
    assert stored is not None and stored.status is not Status.DONE


def test_the_session_runs_without_textual() -> None:
    """The session is plain Python: importing it loads no Textual (the app hands itself in)."""
    import subprocess
    import sys

    code = ("import sys, kattegat_tui.session; "
            "print(sorted(m for m in sys.modules if m.startswith('textual')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_polling_goes_on_after_a_read_that_failed(session: PlanSession, host: Host,
                                                  plan_path: Path) -> None:
    """A planted, unreadable journal makes one poll fail (said once); once it is gone, the next
    change by another session is picked up as usual."""
    journal = plan_path.with_name(plan_path.name + ".journal")
    journal.write_bytes(b"")
    os.truncate(journal, 1 << 40)  # a sparse terabyte
    session.poll()
    host.drain()
    assert len(host.errors()) == 1 and str(journal) in host.errors()[0]
    journal.unlink()
    other_writer(plan_path).set_status("HAVN-2", Status.DONE)
    session.poll()
    host.drain()
    assert session.plan.activity("HAVN-2").status is Status.DONE  # type: ignore[union-attr]
