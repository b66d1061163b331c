"""What the `kattegat` command writes to the terminal passes through here, and only here.

``sanitised_output()`` replaces ``sys.stdout`` and ``sys.stderr`` for the length of a command with
filters that make every character from data harmless before it reaches a terminal, a pipe or a
redirected file, whatever a plan file or an argument holds:

- C0 controls (but TAB and LF; CR only as part of CRLF), DEL, C1 controls and the bidi overrides
  and isolates (U+202A-U+202E, U+2066-U+2069) are written as the escape ``\\uXXXX``: visible, and in
  JSON output (``export``, ``--json``) the very escape JSON uses, so that output stays valid and
  lossless.
- Lone surrogates (bytes a non-UTF-8 terminal passed in arguments) are read as UTF-8 where they are
  UTF-8; the rest become U+FFFD, never raw bytes.
- A terminal whose encoding cannot show a character gets ``?`` instead of an exception, so a
  command that saved a change never fails because its confirmation has an ``Ø`` or a ``◐`` in it.

Bytes written to ``sys.stdout.buffer`` (reports, the calendar, ``export``) go through the same
filter; to a non-UTF-8 terminal they are also re-encoded in its encoding. Files written with ``-o``
never pass through here and are written exactly as their writers made them.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

# What a terminal would obey rather than show; CRLF is matched first and let through.
_UNSAFE = re.compile("\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# One character class finds a text with anything to do quickly (an alternation is four times
# slower on a large export).
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NOT_ESCAPED_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    return found if found == "\r\n" else f"\\u{ord(found):04x}"


def _recover(text: str) -> str:
    """Lone surrogates as the UTF-8 they stand for; anything else as U+FFFD."""
    text = _NOT_ESCAPED_BYTE.sub("\ufffd", text)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def safe_text(text: str) -> str:
    """``text`` with every control and bidi character written as a visible ``\\uXXXX`` escape;
    TAB, LF and CRLF are kept."""
    if _SUSPECT.search(text) is None:
        return text
    if _SURROGATE.search(text):
        text = _recover(text)
    return _UNSAFE.sub(_escape, text)


def _is_utf8(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name == "utf-8"
    except LookupError:
        return False


class SafeText(io.TextIOBase):
    """A text stream that passes everything written through ``safe_text`` to ``inner``.

    ``print()`` writes a text and its end separately, so a CR at the end of one write waits for
    the next: followed by LF it is a line end, otherwise it is escaped.
    """

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner
        self._cr = False  # a CR written last, not passed on yet
        self._bytes: SafeBytes | None = None
        self._finished = False

    def prepare(self, text: str) -> str:
        """``text`` made safe, with the CR held back from the last write in front of it."""
        if self._cr:
            text = "\r" + text
            self._cr = False
        if text.endswith("\r"):
            text = text[:-1]
            self._cr = True
        return safe_text(text)

    def write(self, text: str) -> int:
        safe = self.prepare(text)
        if safe:
            self.inner.write(safe)
        return len(text)

    def flush(self) -> None:
        self.inner.flush()
        if self._bytes is not None:
            self._bytes.flush()

    def finish(self) -> None:
        """Pass on what is held back (a lone CR, a partial UTF-8 sequence) and flush."""
        if self._bytes is not None:
            self._bytes.finish()
        if self._cr:
            self._cr = False
            self.inner.write("\\u000d")
        self.flush()

    def close(self) -> None:
        """Closing the filter (or collecting it) never closes the terminal under it."""
        if self._finished:
            return
        self._finished = True
        with suppress(OSError, ValueError):  # the reader went away; no one is left to tell
            self.finish()

    # -- what callers ask of a terminal stream --------------------------------------------------

    @property
    def buffer(self) -> SafeBytes:
        inner_buffer = getattr(self.inner, "buffer", None)
        if inner_buffer is None:
            raise AttributeError("buffer")
        if self._bytes is None or self._bytes.raw is not inner_buffer:
            self._bytes = SafeBytes(self, inner_buffer)
        return self._bytes

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.inner, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)

    def fileno(self) -> int:
        return self.inner.fileno()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def writable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class SafeBytes:
    """``sys.stdout.buffer`` under the filter: UTF-8 bytes in, made safe like the text. A
    non-UTF-8 terminal gets them in its own encoding; a pipe or a file keeps UTF-8 (the formats
    say so: HTML's charset, the CSV's BOM)."""

    def __init__(self, text: SafeText, raw: Any) -> None:
        self.text = text
        self.raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._as_text = not _is_utf8(text.encoding) and _isatty(text.inner)

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if not self._as_text and not self.text._cr and not self._decoder.getstate()[0]:
            try:
                decoded = chunk.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if not decoded.endswith("\r") and _SUSPECT.search(decoded) is None:
                    self.text.inner.flush()  # what was printed before comes first
                    self.raw.write(chunk)  # the bytes as they are: nothing in them to change
                    return len(chunk)
        self._pass(self._decoder.decode(chunk))
        return len(chunk)

    def _pass(self, decoded: str) -> None:
        if self._as_text:
            self.text.write(decoded)
            return
        safe = self.text.prepare(decoded)
        self.text.inner.flush()  # what was printed before comes first
        if safe:
            self.raw.write(safe.encode("utf-8"))

    def flush(self) -> None:
        if not getattr(self.raw, "closed", False):
            self.raw.flush()

    def finish(self) -> None:
        rest = self._decoder.decode(b"", final=True)
        if rest:
            self._pass(rest)

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return int(self.raw.fileno())

    def isatty(self) -> bool:
        return bool(self.raw.isatty())


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _never_fails_to_encode(stream: Any) -> None:
    """A terminal that cannot show a character gets '?' instead of an exception."""
    encoding = getattr(stream, "encoding", None)
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None or not encoding or _is_utf8(encoding):
        return
    with suppress(ValueError, OSError, io.UnsupportedOperation):
        reconfigure(errors="replace")


@contextmanager
def sanitised_output() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` filtered for the length of the block, then restored."""
    originals = sys.stdout, sys.stderr
    filters: list[SafeText] = []
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, SafeText):
            continue
        _never_fails_to_encode(stream)
        safe = SafeText(stream)
        filters.append(safe)
        setattr(sys, name, safe)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = originals
        for safe in filters:
            safe.close()


@contextmanager
def unfiltered_output() -> Iterator[None]:
    """The real streams back for the block (the dashboard draws with escape sequences itself)."""
    current = sys.stdout, sys.stderr
    for stream in current:
        if isinstance(stream, SafeText):
            stream.finish()
    sys.stdout = current[0].inner if isinstance(current[0], SafeText) else current[0]
    sys.stderr = current[1].inner if isinstance(current[1], SafeText) else current[1]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = current


def confirm(text: str) -> None:
    """Say that a change was saved, at once. If standard output cannot take it (a full disk, a
    reader that went away) it goes to stderr instead: the change is saved all the same, and the
    command must not end as if it had failed."""
    try:
        print(text, flush=True)
        return
    except (OSError, ValueError):
        _stdout_to_devnull()
    with suppress(OSError, ValueError):
        print(text, file=sys.stderr, flush=True)


def _stdout_to_devnull() -> None:
    """Point the standard output's file descriptor at /dev/null, so that what is still buffered
    for it cannot fail again when the program exits."""
    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
