"""Placeholder until the dashboard lands: prints the status summary."""

from __future__ import annotations

from datetime import date

from .i18n import translator
from .store import Store
from .summary import status_lines


def run_dashboard(store: Store, *, lang: str, today: date, read_only: bool) -> int:
    print("\n".join(status_lines(store.load(), today, translator(lang))))
    return 0
