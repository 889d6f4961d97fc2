"""The journal file: creation, PRAGMAs, refusing foreign files, and schema upgrades."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from pmo_journal.core.services import timeline
from pmo_journal.core.storage.db import Journal, backups_folder, make_engine
from pmo_journal.core.storage.revisions import alembic_config, head_revision
from pmo_journal.core.validation import JournalError


def test_new_journal_is_created_at_head_with_the_skill_catalogue(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "journal.db") as journal:
        report = journal.check()
    assert report.ok
    assert report.revision == head_revision()
    assert report.counts["skill"] == 4


def test_pragmas_are_set_on_every_connection(journal: Journal) -> None:
    with journal.engine.connect() as connection:

        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert int(pragma("busy_timeout") or 0) >= 1000  # type: ignore[call-overload]


def test_reopening_does_not_seed_twice(tmp_path: Path) -> None:
    journal_path = tmp_path / "journal.db"
    Journal.open(journal_path).close()
    with Journal.open(journal_path) as journal:
        assert journal.check().counts["skill"] == 4


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="does not exist"):
        Journal.open(tmp_path / "nowhere" / "journal.db")


def test_a_text_file_is_not_a_journal_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n")
    with pytest.raises(JournalError, match="not a PMO Career Journal"):
        Journal.open(path)
    assert path.read_text() == "shopping list\n"


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(JournalError, match="not a PMO Career Journal"):
        Journal.open(path)


def test_a_journal_from_a_newer_version_is_refused(journal_path: Path) -> None:
    connection = sqlite3.connect(journal_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(JournalError, match="newer version"):
        Journal.open(journal_path)


def _journal_at_first_revision(path: Path) -> None:
    engine = make_engine(path)
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(
            text(
                "INSERT INTO person (uuid, created_at, updated_at, starred, private, name, "
                "role, organisation, relationship, other_department, notes, archived) VALUES "
                "('p-1', '2025-01-01', '2025-01-01', 0, 0, 'Ada Mentor', '', '', 'mentor', 0, "
                "'', 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO mentorsession (uuid, created_at, updated_at, starred, private, "
                "date, mentor_id, duration_minutes, format, topics, decisions, takeaways) "
                "VALUES ('s-1', '2025-01-02', '2025-01-02', 0, 0, '2025-01-02', 1, 60, "
                "'video', 'Portfolio intake', 'Stage gates', 'Value over perfection')"
            )
        )
    engine.dispose()


def test_a_journal_at_the_first_revision_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    journal_path = tmp_path / "journal.db"
    _journal_at_first_revision(journal_path)
    with Journal.open(journal_path) as journal:
        assert journal.revision() == head_revision()
        found = timeline.list_timeline(journal, timeline.TimelineFilter(text="intake"))
        assert [entry.uuid for entry in found] == ["s-1"]
    copies = list(backups_folder(journal_path).glob("journal-before-upgrade-*.db"))
    assert len(copies) == 1
    saved = sqlite3.connect(copies[0])
    assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    saved.close()


def test_a_failed_upgrade_leaves_the_journal_exactly_as_it_was(tmp_path: Path) -> None:
    journal_path = tmp_path / "journal.db"
    _journal_at_first_revision(journal_path)
    connection = sqlite3.connect(journal_path)
    # A session pointing at nobody: the upgrade's foreign-key check must refuse it.
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("UPDATE mentorsession SET mentor_id = 42")
    connection.commit()
    before = "\n".join(connection.iterdump())
    connection.close()

    with pytest.raises(JournalError, match="left as it was"):
        Journal.open(journal_path)

    connection = sqlite3.connect(journal_path)
    assert "\n".join(connection.iterdump()) == before
    connection.close()
