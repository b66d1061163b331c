"""The status menu drawn on a list's row: its lines and its keys, without an app."""

from __future__ import annotations

from datetime import date

from kattegat_tui.domain import Activity, Status
from kattegat_tui.i18n import translator
from kattegat_tui.widgets.status_menu import WIDTH, StatusMenu


def menu(status: Status = Status.IN_PROGRESS) -> StatusMenu:
    activity = Activity(id="HAVN-1", focus="HAVN", title="Dialog", committee="EAU", status=status,
                        start=date(2025, 3, 1))
    return StatusMenu(activity, translator("da"))


def texts(m: StatusMenu) -> list[str]:
    return ["".join(segment.text for segment in line) for line in m.lines(None, None)]


def test_every_status_lines_up_under_the_one_the_cursor_is_on() -> None:
    m = menu()
    lines = texts(m)
    assert all(len(line) == WIDTH for line in lines)
    body = lines[1:-1]
    assert body[1].startswith("│› 2 ◐ I gang (nu)")  # the current status, under the cursor
    columns = {line.index(str(n)) for n, line in enumerate(body, start=1)}
    assert columns == {3}, body  # every digit in the same column, after the marker's place
    assert body[0].startswith("│  1 ○ Planlagt")


def test_keys_pick_by_digit_or_arrows_and_escape_closes() -> None:
    m = menu()
    assert m.handle("3").status is Status.DONE
    assert m.handle("down").used and m.handle("down").used
    assert m.handle("enter").status is Status.ON_HOLD
    result = m.handle("escape")
    assert (result.closed, result.status) == (True, None)
    other = m.handle("x")
    assert (other.used, other.closed) == (False, True)  # any other key closes and does its job
