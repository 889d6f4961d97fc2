"""Shared fixtures: headless Qt and a real journal file in a temporary folder."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import so the tests run headless everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from pmo_journal.core import clock
from pmo_journal.core.storage.db import Journal
from tests.frozen_clock import FROZEN_TODAY
from tests.journal_template import JournalTemplate


@pytest.fixture(scope="session", autouse=True)
def steady_clock() -> Iterator[dt.date]:
    """The whole run reads one date: the clock is set to noon of the day the run began."""
    with clock.as_of(clock.today()) as day:
        yield day


@pytest.fixture
def frozen_today() -> Iterator[dt.date]:
    """A known today (``FROZEN_TODAY``) for tests that count days from it."""
    with clock.as_of(FROZEN_TODAY) as day:
        yield day


@pytest.fixture(scope="session")
def journal_template() -> JournalTemplate:
    """One new journal, migrated to the head revision once for the whole session."""
    return JournalTemplate.shared()


@pytest.fixture
def journal_path(journal_template: JournalTemplate, tmp_path: Path) -> Path:
    """A new, empty journal file (a copy of the template); nothing has opened it yet."""
    return journal_template.copy_to(tmp_path / "journal.db")


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    # A new journal takes no backup when it is created, so neither does its copy.
    opened = Journal.open(journal_path, auto_backup=False)
    yield opened
    opened.close()
