"""A plan with a history and hostile user text, for every report format.

``history_path``: a copy of the seeded plan after the scripted edits in ``report_helpers`` (text
that is markup, HTML, CSV and Markdown syntax at once in a note, an assessment comment, an
activity title, an owner and a milestone). Built once per run, copied for each test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from report_helpers import write_history

from kattegat_tui.domain import Plan
from kattegat_tui.store import Store


@pytest.fixture(scope="session")
def _history_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_history(tmp_path_factory.mktemp("history") / "db.json")


@pytest.fixture
def history_path(_history_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    shutil.copyfile(_history_master, path)
    return path


@pytest.fixture
def history_plan(history_path: Path) -> Plan:
    return Store(history_path).load()
