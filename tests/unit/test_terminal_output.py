"""The terminal filter every `kattegat` command writes through, on real text streams over bytes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kattegat_tui import cli
from kattegat_tui.store import Store
from kattegat_tui.terminal_output import SafeText, safe_text, sanitised_output


def stream(encoding: str = "utf-8", errors: str = "strict") -> tuple[io.TextIOWrapper, io.BytesIO]:
    raw = io.BytesIO()
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, write_through=True), raw


def test_controls_and_bidi_become_visible_escapes() -> None:
    assert safe_text("a\x1b]0;pwned\x07b") == "a\\u001b]0;pwned\\u0007b"
    assert safe_text("\x1b[2J\u202e\u2066\x9b\x7f\x00") == (
        "\\u001b[2J\\u202e\\u2066\\u009b\\u007f\\u0000")
    # line ends and tabs are text; a CR alone could overwrite what was shown
    assert safe_text("a\tb\nc\r\nd\re") == "a\tb\nc\r\nd\\u000de"
    assert safe_text("Økonomiudvalget ◐ – 30. november") == "Økonomiudvalget ◐ – 30. november"


def test_lone_surrogates_are_read_as_utf8_or_replaced() -> None:
    # "ø" as UTF-8 bytes, then a Latin-1 "Ø" (not UTF-8), then a C1 control as UTF-8 bytes
    assert safe_text("\udcc3\udcb8 \udcd8 \udcc2\udc9b") == "ø \ufffd \\u009b"
    assert safe_text("\ud800x") == "\ufffdx"


def test_json_stays_valid_and_lossless() -> None:
    data = {"title": "x\x1b[2J\u202e\x9b\x7fy", "notes": ["\u2066a\u2069"]}
    shown = safe_text(json.dumps(data, ensure_ascii=False))
    assert not any(ch in shown for ch in "\x1b\u202e\x9b\x7f\u2066")
    assert json.loads(shown) == data


def test_print_through_the_filter_keeps_crlf_split_over_writes() -> None:
    inner, raw = stream()
    out = SafeText(inner)
    print("one\r", file=out)  # print writes "one\r" and "\n" separately
    print("two\rthree", file=out)
    out.write("four\r")
    out.close()
    assert raw.getvalue() == b"one\r\ntwo\\u000dthree\nfour\\u000d"


def test_bytes_layer_filters_like_the_text_and_keeps_order() -> None:
    inner, raw = stream()
    out = SafeText(inner)
    out.write("head\n")
    data = "ø\x1b[2J\u202e,x\r\n".encode()
    out.buffer.write(data[:1])  # a UTF-8 sequence split over two writes
    out.buffer.write(data[1:])
    out.buffer.write(b"\xef\xbb\xbfBOM\r\n")
    out.write("tail\n")
    out.close()
    assert raw.getvalue() == ("head\nø\\u001b[2J\\u202e,x\r\n\ufeffBOM\r\ntail\n").encode()


def test_bytes_unchanged_when_nothing_is_unsafe() -> None:
    inner, raw = stream()
    out = SafeText(inner)
    data = '{\n  "a": "Ø\\u001b – ◐"\n}\n'.encode()
    out.buffer.write(data)
    out.close()
    assert raw.getvalue() == data


def test_a_latin1_stream_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    inner, raw = stream("latin-1")
    monkeypatch.setattr(sys, "stdout", inner)
    with sanitised_output():
        print("Gemt: UDD-1 ◐ I gang – Økonomiudvalget \x1b[2J")
    assert sys.stdout is inner
    assert raw.getvalue().decode("latin-1") == "Gemt: UDD-1 ? I gang ? Økonomiudvalget \\u001b[2J\n"


def test_unknown_errors_are_one_translated_line(tmp_path: Path, plan_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A command that fails in a way nobody foresaw: one line asking for a report, exit 1; the
    traceback only with KATTEGAT_DEBUG=1."""
    def broken(*_: object) -> int:
        raise RuntimeError("\x1b[2Jboom\nsecond line")

    monkeypatch.setattr(Store, "load", broken)  # fails inside `status`, past the parser
    monkeypatch.delenv("KATTEGAT_DEBUG", raising=False)
    assert cli.main(["--db", str(plan_path), "--lang", "en", "status"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("kattegat: internal error: RuntimeError: \\u001b[2Jboom second line; please report\n")
    assert cli.main(["--db", str(plan_path), "status"]) == 1
    assert capsys.readouterr().err.startswith("kattegat: intern fejl: RuntimeError: ")
    monkeypatch.setenv("KATTEGAT_DEBUG", "1")
    assert cli.main(["--db", str(plan_path), "--lang", "sv", "status"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "broken" in err
    assert err.splitlines()[-1].startswith("kattegat: internt fel: RuntimeError: ")


def test_known_errors_keep_their_messages(plan_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(plan_path), "--lang", "en", "show", "NOPE-1"]) == 1
    assert capsys.readouterr().err == "kattegat: Activity 'NOPE-1' does not exist\n"


class _Tty(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_report_bytes_to_a_latin1_terminal_are_shown_in_latin1() -> None:
    """UTF-8 bytes on a Latin-1 terminal would show 'Ã˜' for 'Ø', and the second byte of '–' or
    '◐' is a C1 control there; the terminal gets the text in its own encoding instead."""
    raw = io.BytesIO()
    out = SafeText(_Tty(raw, encoding="latin-1", errors="replace", write_through=True))
    out.buffer.write("Økonomiudvalget – ◐ I gang\x1b[2J\r\n".encode())
    out.close()
    assert raw.getvalue() == "Økonomiudvalget ? ? I gang\\u001b[2J\r\n".encode("latin-1")
    assert not any(0x80 <= b <= 0x9F for b in raw.getvalue())
