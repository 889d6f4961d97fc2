"""The weekly full check: SQLite's integrity_check over the journal and its newest backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from pmo_journal.core import clock
from pmo_journal.core.services import backups, people
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal


def _fill(journal: Journal) -> None:
    for n in range(200):
        people.create_person(journal, data={"name": f"Ada {n}", "notes": "x" * 200})


def _spoil_an_index(path: Path) -> None:
    """Overwrite the cells of an index's root page: the table's rows stay readable."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        [root] = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' "
            "ORDER BY name LIMIT 1"
        ).fetchone()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + page_size // 2)
        handle.write(b"\xa5" * (page_size // 2))


def test_a_sound_journal_passes_and_is_not_checked_again_for_a_week(
    journal: Journal, frozen_today: dt.date
) -> None:
    _fill(journal)
    newest = backup.backup_journal(journal.path)
    found = backups.run_full_check(journal).value
    assert found is not None and found.sound and found.backup == newest
    assert found.told(journal.path.name) == ""
    assert backups.last_full_check(journal) == frozen_today
    assert backups.run_full_check(journal).value is None  # not due
    with clock.as_of(frozen_today + dt.timedelta(days=6)):
        assert not backups.full_check_due(journal)
    with clock.as_of(frozen_today + dt.timedelta(days=7)):
        assert backups.full_check_due(journal)
        assert backups.run_full_check(journal).value is not None


def test_a_backup_that_fails_is_set_aside_and_replaced(
    journal: Journal, frozen_today: dt.date
) -> None:
    _fill(journal)
    spoiled = backup.backup_journal(journal.path, now=clock.now() - dt.timedelta(hours=2))
    _spoil_an_index(spoiled)
    outcome = backups.run_full_check(journal)
    found = outcome.value
    assert found is not None and not found.sound and outcome.changes.backups
    assert found.journal_problem is None and found.backup == spoiled
    assert found.replacement is not None
    assert backup.list_backup_files(journal.path) == [found.replacement]
    assert spoiled.with_name(spoiled.name + ".failed-check").exists()
    told = found.told(journal.path.name)
    assert f"The backup {spoiled.name} failed its full check" in told
    assert f"A new verified backup was taken: {found.replacement.name}." in told
    # Not recorded as passed: the next start checks again (and the replacement passes).
    assert backups.last_full_check(journal) is None
    again = backups.run_full_check(journal).value
    assert again is not None and again.sound


def test_damage_in_the_journal_is_told_and_checked_again_next_time(
    journal: Journal, frozen_today: dt.date
) -> None:
    _fill(journal)
    _spoil_an_index(journal.path)
    before = _files_beside(journal.path)
    found = backups.run_full_check(journal).value
    assert found is not None and found.journal_problem is not None and found.backup is None
    told = found.told(journal.path.name)
    assert told.startswith("The weekly full check found damage in journal.db: ")
    assert "restore the newest good backup on the Backups screen" in told
    assert backups.last_full_check(journal) is None
    # It only read: no file was added or removed beside the journal.
    assert _files_beside(journal.path) == before


def _files_beside(path: Path) -> list[str]:
    """The files of the journal's folder but SQLite's own -wal and -shm."""
    return sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))
