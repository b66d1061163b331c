"""Parsing what the reports produce: a small element tree from html.parser, Markdown tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store

NASTY = ("[bold]Vigtigt[/] <script>alert(1)</script> a;b \"citat\" 'enkelt' | rør & co "
         "*fed* _x_ `k` #1 \\ slut")
FORMULA = '=HYPERLINK("http://example.invalid";"klik")'
FIRST_DAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SECOND_DAY = datetime(2025, 4, 10, 13, 30, tzinfo=UTC)
REPORT_DAY = date(2025, 6, 15)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def write_history(path: Path, *, stop_after_first_day: bool = False) -> Path:
    """The seeded plan after the scripted edits by "jkr" on 3 March and 10 April 2025."""
    Store(path, user="tester").create(seed_plan())
    clock = Clock(FIRST_DAY)
    s = Store(path, user="jkr", clock=clock, backup_keep=0)
    s.set_status("HAVN-2", "in_progress", note=NASTY)
    s.assess("HAVN-2", "yellow", NASTY)
    s.update_activity("UDD-1", {"owner": FORMULA})
    s.create_activity(focus="KLIMA", title=NASTY, committee="MTU", owner="Teknik; Miljø",
                      due="2025-05-31")  # KLIMA-3, overdue by the report day
    s.add_milestone(title=NASTY, when="2025-09-15", kind="meeting", activities=["KLIMA-3"],
                    description=NASTY + "\nLinje 2")  # M-12
    s.add_milestone(title="Evaluering af handleplanen", when="2027", kind="meeting")  # M-13
    if stop_after_first_day:
        return path
    clock.now = SECOND_DAY
    s.set_status("PART-1", "done", note="Underskrevet 6. februar")
    s.add_note("KLIMA-1", "Første workshop holdt\nmed Halmstad")
    s.update_activity("TUR-1", {"owner": "Turistchef"})
    s.set_participants(45)
    s.add_expense(spent_on="2025-05-08", line="catering", amount=52_000)
    return path

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None) -> list[Element]:
        found = []
        for c in self.children:
            if isinstance(c, Element):
                if tag is None or c.tag == tag:
                    found.append(c)
                found += c.iter(tag)
        return found


class TreeBuilder(HTMLParser):
    """Builds the tree and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.current = self.root
        self.doctype: str | None = None
        self.errors: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.current.tag != tag:
            self.errors.append(f"</{tag}> closes <{self.current.tag}>")
            return
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder


_DELIMITER = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+$")


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row; ``\\|`` stays inside its cell."""
    assert line.startswith("|") and line.endswith("|"), line
    cells, current, escaped = [], "", False
    for ch in line[1:-1]:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\":
            current += ch
            escaped = True
        elif ch == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += ch
    cells.append(current.strip())
    return cells


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every pipe table: rows of cells, the delimiter row checked and dropped."""
    tables: list[list[list[str]]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("|"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            assert len(block) >= 2 and _DELIMITER.match(block[1]), block[:2]
            rows = [split_row(block[0])] + [split_row(x) for x in block[2:]]
            assert len(split_row(block[1])) == len(rows[0])
            tables.append(rows)
        else:
            i += 1
    return tables
