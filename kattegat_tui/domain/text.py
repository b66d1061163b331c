"""User text is data: control characters never reach storage or a terminal."""

from __future__ import annotations

import re
import unicodedata

# C0 controls except TAB/LF, DEL, C1 controls, and the bidi overrides that can disguise text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NO_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Strip control characters (an ESC sequence loses its ESC and shows as plain text).

    With ``multiline`` newlines are kept (CRLF becomes LF); otherwise line breaks become spaces.
    """
    # Bytes a terminal in a non-UTF-8 locale passed through as surrogates: recover them as UTF-8
    # where they are, and replace what is not, instead of failing on save.
    try:
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    if multiline:
        return _CONTROL.sub("", value.replace("\t", "    ")).strip()
    return _CONTROL_NO_NEWLINE.sub("", value.replace("\n", " ").replace("\t", " ")).strip()


def display_text(value: str) -> str:
    """Text safe to hand to a terminal widget: control characters removed, newlines kept."""
    return _CONTROL.sub("", value)
