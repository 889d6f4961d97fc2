"""A newer app opens a journal made at every earlier schema revision: backup first, rows kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pmo_journal.core.storage.db import Journal, backups_folder
from pmo_journal.core.storage.revisions import head_revision
from tests.old_journals import earlier_revisions, journal_at_revision, rows_of, user_tables


@pytest.mark.parametrize("revision", earlier_revisions())
def test_a_journal_made_at_an_earlier_revision_opens_after_a_backup(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "journal.db"
    journal_at_revision(path, revision)
    connection = sqlite3.connect(path)
    tables = user_tables(connection)
    connection.close()
    held = rows_of(path, tables)
    assert len(held["person"]) >= 3 and len(held["mentorsession"]) >= 1

    with Journal.open(path) as journal:
        assert journal.revision() == head_revision()
        assert journal.check().integrity == "ok"
    # Only the columns the earlier revision has are compared: a later one may add some.
    assert rows_of(path, tables) == held

    (copy,) = backups_folder(path).glob("journal-before-upgrade-*.db")
    saved = sqlite3.connect(copy)
    try:
        assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    finally:
        saved.close()
    assert rows_of(copy, tables) == held


def test_every_earlier_revision_is_covered() -> None:
    assert earlier_revisions()[0] == "0001"
    assert head_revision() not in earlier_revisions()
