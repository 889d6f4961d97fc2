"""Where the journal lives by default (a light module: the app's start-up reads it before
the storage layer is imported)."""

from __future__ import annotations

from pathlib import Path


def default_journal_path() -> Path:
    """Where the journal lives unless ``--db`` names another file."""
    from platformdirs import user_data_path

    return user_data_path("PMO Career Journal", appauthor=False) / "journal.db"
