"""Shared fixtures: headless Qt and a real journal file in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import so the tests run headless everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from pmo_journal.core.storage.db import Journal


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    opened = Journal.open(journal_path)
    yield opened
    opened.close()
