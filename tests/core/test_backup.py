"""Backups: verified copies, once-a-day on open, rotation, restore, and damaged files set aside."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from pmo_journal.core import clock
from pmo_journal.core.models import Relationship
from pmo_journal.core.services import people
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.integrity import JournalDamaged
from pmo_journal.core.validation import JournalError


def _dump(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def _add_person(journal: Journal, name: str) -> None:
    people.create_person(journal, data={"name": name, "relationship": Relationship.PEER})


def test_a_backup_is_a_verified_copy_in_the_backups_folder(journal: Journal) -> None:
    _add_person(journal, "Ada")
    target = backup.backup_journal(journal.path)
    assert target.parent == backup.backups_folder(journal.path)
    assert backup.verify_file(target) == "ok"
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT name FROM person").fetchall() == [("Ada",)]
    copy.close()
    assert not list(target.parent.glob("*.partial"))


def test_backups_are_listed_newest_first_with_counts(journal: Journal) -> None:
    old = backup.backup_journal(journal.path, now=dt.datetime(2026, 1, 1, 9, 0))
    new = backup.backup_journal(journal.path, now=dt.datetime(2026, 2, 1, 9, 0))
    listed = backup.list_backups(journal.path)
    assert [info.path for info in listed] == [new, old]
    assert listed[0].taken_at == dt.datetime(2026, 2, 1, 9, 0)
    assert listed[0].reason == "manual"
    assert listed[0].entries == 0
    assert listed[0].size == new.stat().st_size


def test_opening_backs_up_at_most_once_a_day(tmp_path: Path) -> None:
    journal_path = tmp_path / "journal.db"
    Journal.open(journal_path).close()  # a new journal has nothing to back up
    assert backup.list_backup_files(journal_path) == []
    Journal.open(journal_path).close()
    Journal.open(journal_path).close()
    files = backup.list_backup_files(journal_path)
    assert len(files) == 1 and "-daily-" in files[0].name


def test_a_backup_of_a_second_before_midnight_does_not_count_for_today(journal: Journal) -> None:
    yesterday = clock.now() - dt.timedelta(days=1)
    backup.backup_journal(journal.path, reason="daily", now=yesterday)
    assert backup.backup_daily(journal.path) is not None


def test_rotation_keeps_seven_daily_four_weekly_twelve_monthly() -> None:
    now = dt.datetime(2026, 11, 29, 12, 0)
    taken = [(Path(f"b{day}"), now - dt.timedelta(days=day, hours=1)) for day in range(400)]
    removed = set(backup.backups_to_remove(taken, policy=backup.RetentionPolicy(), now=now))
    kept = [when for path, when in taken if path not in removed]
    days = {when.date() for when in kept}
    # The newest 7 days, plus one per recent week, plus one per recent month.
    assert all((now - dt.timedelta(days=d, hours=1)).date() in days for d in range(7))
    assert len({when.isocalendar()[:2] for when in kept}) >= 4
    assert len({(when.year, when.month) for when in kept}) == 12
    assert len(kept) <= 7 + 4 + 12


def test_rotation_never_removes_a_backup_from_the_last_day() -> None:
    now = dt.datetime(2026, 11, 29, 12, 0)
    taken = [(Path(f"b{n}"), now - dt.timedelta(minutes=n)) for n in range(5)]
    assert backup.backups_to_remove(taken, policy=backup.RetentionPolicy(0, 0, 0), now=now) == []


def test_rotation_reads_its_numbers_from_the_journal_settings(journal: Journal) -> None:
    connection = sqlite3.connect(journal.path)
    connection.execute("INSERT INTO journalsetting VALUES ('backup.keep_daily', '2')")
    connection.commit()
    assert backup.retention_policy(connection) == backup.RetentionPolicy(daily=2)
    connection.close()
    now = dt.datetime(2026, 11, 29, 12, 0)  # a Sunday: the older backups share its week
    for days in range(2, 6):
        backup.backup_journal(journal.path, now=now - dt.timedelta(days=days))
    backup.backup_daily(journal.path, now=now)
    remaining = [path.name for path in backup.list_backup_files(journal.path)]
    assert remaining == ["journal-daily-20261129-120000.db", "journal-manual-20261127-120000.db"]


def test_restore_backs_up_the_current_file_then_swaps_in_the_backup(journal: Journal) -> None:
    _add_person(journal, "Before")
    saved = backup.backup_journal(journal.path)
    _add_person(journal, "After")
    journal.close()
    safety = backup.restore_backup(journal.path, saved)
    assert safety is not None and "before-restore" in safety.name
    with Journal.open(journal.path) as reopened:
        assert [p.name for p in people.list_people(reopened)] == ["Before"]
    with Journal.open(safety) as previous:
        assert sorted(p.name for p in people.list_people(previous)) == ["After", "Before"]


def test_a_bad_backup_is_refused_and_the_journal_untouched(
    journal: Journal, tmp_path: Path
) -> None:
    _add_person(journal, "Ada")
    journal.close()
    before = _dump(journal.path)
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    with pytest.raises(JournalError, match="not a good backup"):
        backup.restore_backup(journal.path, bogus)
    assert _dump(journal.path) == before


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    # Overwrite the middle pages (tables and indexes) with garbage; the header stays.
    for offset in range(4096, len(data) - 4096, 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def test_a_damaged_journal_is_set_aside_and_the_newest_good_backup_named(
    journal: Journal,
) -> None:
    _add_person(journal, "Ada")
    good = backup.backup_journal(journal.path)
    with journal.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    _damage(journal.path)
    damaged_bytes = journal.path.read_bytes()

    with pytest.raises(JournalDamaged) as caught:
        Journal.open(journal.path)

    error = caught.value
    assert error.backup == good
    assert not journal.path.exists()
    assert error.set_aside.name.startswith("journal.damaged-")
    assert error.set_aside.read_bytes() == damaged_bytes  # never repaired in place
    assert f"pmo-journal restore --db {journal.path} {good}" in str(error)

    backup.restore_backup(journal.path, good)
    with Journal.open(journal.path) as restored:
        assert [p.name for p in people.list_people(restored)] == ["Ada"]


def test_a_copy_that_fails_the_quick_check_is_not_kept(journal: Journal) -> None:
    """The backup API copies pages as they are; the quick check of the copy (read back
    from its file) is what refuses a damaged one, and nothing is left in the folder."""
    for name in ("Ada", "Grace", "Edsger"):
        _add_person(journal, name)
    with journal.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    connection = sqlite3.connect(journal.path)
    try:
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'person'"
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    data = bytearray(journal.path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + 14] = b"\xff" * 6  # the person table's cell pointers
    journal.path.write_bytes(bytes(data))

    with pytest.raises(JournalError, match=r"The backup of journal\.db did not verify \("):
        backup.backup_journal(journal.path)
    assert list(backup.backups_folder(journal.path).iterdir()) == []
