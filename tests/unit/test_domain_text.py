"""User text is data: control characters never reach storage or a terminal."""

from __future__ import annotations

import pytest

from kattegat_tui.domain.text import clean_text, display_text


@pytest.mark.parametrize(("raw", "one_line", "multi_line"), [
    ("plain", "plain", "plain"),
    ("\x1b]0;TITLE\x07rest", "]0;TITLErest", "]0;TITLErest"),  # OSC title change loses ESC and BEL
    ("\x1b[2Jclear", "[2Jclear", "[2Jclear"),
    ("a\r\nb\rc", "a b c", "a\nb\nc"),
    ("a\u2028b", "a b", "a\nb"),
    ("tab\there", "tab here", "tab    here"),
    ("nul\x00 del\x7f c1\x9b", "nul del c1", "nul del c1"),
    ("\u202eevil", "evil", "evil"),  # bidi override
    ("  spaced  ", "spaced", "spaced"),
    ("e\u0301", "é", "é"),  # NFC
    ("[/] [@click=app.quit]x[/]", "[/] [@click=app.quit]x[/]", "[/] [@click=app.quit]x[/]"),
    ("Grenaa – Halmstad 🚢", "Grenaa – Halmstad 🚢", "Grenaa – Halmstad 🚢"),
])
def test_clean_text(raw: str, one_line: str, multi_line: str) -> None:
    assert clean_text(raw) == one_line
    assert clean_text(raw, multiline=True) == multi_line


def test_display_text_keeps_newlines_and_drops_escapes() -> None:
    assert display_text("a\nb\x1b[31m") == "a\nb[31m"
