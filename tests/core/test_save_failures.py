"""A save SQLite refuses (journal busy, disk full) is one clear JournalError; nothing is written."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import event

from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError


def test_a_save_while_another_program_writes_says_busy(journal: Journal) -> None:
    people.create_person(journal, data={"name": "Ada"})
    other = sqlite3.connect(journal.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # a CLI import holding the write lock
    try:
        with pytest.raises(JournalError, match=r"^Nothing was saved: journal.db is busy"):
            people.create_person(journal, data={"name": "Eve"})
    finally:
        other.rollback()
        other.close()
    assert [p.name for p in people.list_people(journal)] == ["Ada"]


def test_a_save_on_a_full_disk_says_so(journal: Journal) -> None:
    people.create_person(journal, data={"name": "Ada"})

    @event.listens_for(journal.engine, "connect")
    def _full(dbapi_connection: Any, _record: Any) -> None:
        # SQLite's own limit: a write that needs one more page fails as on a full disk.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    journal.engine.dispose()
    with pytest.raises(JournalError) as caught:
        for n in range(200):
            people.create_person(journal, data={"name": f"Person {n}", "notes": "x" * 2000})
    assert str(caught.value).startswith("Nothing was saved: the disk that holds journal.db is full")
    assert "\n" not in str(caught.value)
