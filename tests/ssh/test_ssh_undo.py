"""Undo between two editors with real logins: one editor's undo never overwrites the other's later
change; it is refused with who and when, and nothing is written."""

from __future__ import annotations

from datetime import UTC

from kattegat_tui.domain.history import PLAN_TZ
from kattegat_tui.store import Store

from .conftest import EDITORS, SshServer

FIRST, SECOND = EDITORS


def test_undo_and_redo_leave_another_editors_later_change_alone(ssh_server: SshServer) -> None:
    plan = ssh_server.new_plan()

    def kattegat(user: str, *args: str) -> tuple[int, str, str]:
        result = ssh_server.kattegat(user, "--db", str(plan), "--lang", "da", *args)
        return result.returncode, result.stdout, result.stderr

    assert kattegat(FIRST, "set-status", "UDD-1", "in_progress")[0] == 0
    assert kattegat(SECOND, "set-status", "UDD-1", "done", "--note", "Færdig")[0] == 0
    before = plan.read_bytes()

    code, out, err = kattegat(FIRST, "undo")
    latest = [c for c in Store(plan, user="root").load().changes if c.who == SECOND][-1]
    local = latest.at.replace(tzinfo=latest.at.tzinfo or UTC).astimezone(PLAN_TZ)
    assert (code, out) == (1, "")
    assert err == (f"kattegat: Kan ikke fortryde: UDD-1 (status) er ændret siden af {SECOND} "
                   f"({local:%d-%m-%Y %H:%M}). Intet er gemt.\n")
    assert plan.read_bytes() == before
    udd1 = Store(plan, user="root").load().activity("UDD-1")
    assert udd1 is not None and udd1.status.value == "done"
    assert [(n.by, n.text) for n in udd1.notes] == [(SECOND, "Færdig")]

    # the second editor undoes their own change; then the first editor's undo and redo go through
    assert kattegat(SECOND, "undo")[:2] == (0, "Fortrudt: 2 ændring(er)\n")
    assert kattegat(FIRST, "undo")[:2] == (0, "Fortrudt: 1 ændring(er)\n")
    assert Store(plan, user="root").load().activity("UDD-1").status.value == "planned"  # type: ignore[union-attr]
    assert kattegat(FIRST, "redo")[:2] == (0, "Gentaget: 1 ændring(er)\n")
    assert Store(plan, user="root").load().activity("UDD-1").status.value == "in_progress"  # type: ignore[union-attr]

    # a redo is refused the same way when the other editor changed the value after the undo
    assert kattegat(FIRST, "undo")[0] == 0
    assert kattegat(SECOND, "set-status", "UDD-1", "on_hold")[0] == 0
    before = plan.read_bytes()
    code, _out, err = kattegat(FIRST, "redo")
    assert code == 1 and err.startswith(f"kattegat: Kan ikke gentage: UDD-1 (status) er ændret "
                                        f"siden af {SECOND} (")
    assert plan.read_bytes() == before
