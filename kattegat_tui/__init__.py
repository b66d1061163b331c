"""kattegat-tui: follow up the Kattegatalliancen action plan 2025-2028 from a terminal."""

__version__ = "0.1.0"
