"""How text becomes table cells and lines: one fitter (``cell``) and one column layout
(``Column``, ``fit_columns``, ``layout_line``), shared by every list and table on screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rich.cells import cell_len, set_cell_size
from textual.content import Content, Span
from textual.style import Style

from ..domain.text import clean_text


def fit_text(text: str, width: int, right: bool = False) -> str:
    """``text`` as exactly ``width`` cells: cut with an ellipsis when too long, else padded.
    Control characters are removed (user text is shown as text)."""
    if width <= 0:
        return ""
    text = clean_text(text)
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    if right:
        return " " * (width - length) + text
    return set_cell_size(text, width)


def cell(text: str | Content, width: int, right: bool = False) -> Content:
    """``text`` as exactly ``width`` cells (see ``fit_text``); ``Content`` keeps its styles and
    is never parsed as markup."""
    if not isinstance(text, Content):
        return Content(fit_text(text, width, right), strip_control_codes=False)
    if width <= 0:
        return Content("")
    length = text.cell_length
    if length > width:
        return text.truncate(width, ellipsis=True)
    if right:
        return text.pad_left(width - length)
    return text.pad_right(width - length)


def max_width(values: Sequence[str], floor: int = 1, cap: int = 40) -> int:
    """The widest of ``values`` in cells, kept between ``floor`` and ``cap``."""
    return max(floor, min(cap, max((cell_len(v) for v in values), default=floor)))


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a line: the ``width`` it wants and the ``min_width`` it may give way to
    (0: it never shrinks). A ``grow`` column takes what is left over. ``gap`` spaces go before it."""

    key: str
    label: str = ""
    width: int = 0
    min_width: int = 0
    grow: bool = False
    right: bool = False
    gap: int = 1


def _floor(c: Column) -> int:
    return c.min_width or c.width


def _span(columns: Sequence[Column]) -> int:
    return sum(_floor(c) for c in columns) + sum(c.gap for c in columns[1:])


def fit_columns(columns: Sequence[Column], width: int, optional: Sequence[str] = ()) -> list[Column]:
    """The columns that fit in ``width``, each with its final width.

    Optional columns (named in priority order) are kept while every column still gets its
    minimum. Space above the minimums goes first to the growing columns up to the width they
    want, then to the columns that gave way, and what is left to the growing columns (shared by
    their minimums; the last one takes the remainder)."""
    chosen = [c for c in columns if c.key not in optional]
    for key in optional:
        candidate = [c for c in columns if c in chosen or c.key == key]
        if _span(candidate) <= width:
            chosen = candidate
    sizes = [_floor(c) for c in chosen]
    left = width - _span(chosen)
    for i in sorted(range(len(chosen)), key=lambda i: not chosen[i].grow):
        more = min(max(0, left), max(chosen[i].width, sizes[i]) - sizes[i])
        sizes[i] += more
        left -= more
    growing = [i for i, c in enumerate(chosen) if c.grow]
    if growing and left > 0:
        weights = sum(_floor(chosen[i]) for i in growing) or 1
        given = 0
        for i in growing:
            extra = left - given if i == growing[-1] else left * _floor(chosen[i]) // weights
            given += extra
            sizes[i] += extra
    return [replace(c, width=max(1, size) if c.grow else size)
            for c, size in zip(chosen, sizes, strict=True)]


def layout_line(columns: Sequence[Column], values: Mapping[str, str | Content],
                styles: Mapping[str, Style | str | None] | None = None) -> Content:
    """One line of ``values`` in ``columns`` (from ``fit_columns``); a style in ``styles``
    covers its whole cell, padding included."""
    parts: list[str] = []
    spans: list[Span] = []
    at = 0
    for index, c in enumerate(columns):
        if index and c.gap:
            parts.append(" " * c.gap)
            at += c.gap
        value = values.get(c.key, "")
        if isinstance(value, Content):
            content = cell(value, c.width, c.right)
            spans.extend(Span(at + span.start, at + span.end, span.style) for span in content.spans)
            text = content.plain
        else:
            text = fit_text(value, c.width, c.right)
        style = styles.get(c.key) if styles else None
        if style:
            spans.append(Span(at, at + len(text), style))
        parts.append(text)
        at += len(text)
    return Content("".join(parts), spans, strip_control_codes=False)


def header_line(columns: Sequence[Column], style: Style | str | None = None) -> Content:
    """The columns' labels as a heading line, each label's cell in ``style``."""
    labels = {c.key: c.label for c in columns}
    return layout_line(columns, labels, dict.fromkeys(labels, style) if style else None)
