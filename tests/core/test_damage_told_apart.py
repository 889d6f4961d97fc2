"""Damage is told apart from encryption and a wrong passphrase, and offers the good backup."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pmo_journal.core.services import people
from pmo_journal.core.storage import backup, encryption
from pmo_journal.core.storage.connect import (
    PassphraseOpensBackup,
    WrongPassphrase,
    header_damaged,
    is_encrypted,
)
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.integrity import JournalDamaged

NEEDS_SQLCIPHER = pytest.mark.skipif(
    importlib.util.find_spec("sqlcipher3") is None, reason="SQLCipher is Linux x86-64 only"
)


def _backed_up(journal: Journal, *, passphrase: str | None = None) -> Path:
    """A journal with some writing, one good backup, everything in the file itself."""
    for n in range(20):
        people.create_person(journal, data={"name": f"Ada {n}", "notes": "x" * 300})
    with journal.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    if passphrase is not None:
        encryption.encrypt_journal(journal.path, passphrase=passphrase)
    backup.backup_journal(journal.path, passphrase=passphrase)
    return journal.path


def _spoil(path: Path, offsets: range) -> None:
    data = bytearray(path.read_bytes())
    for offset in offsets:
        data[offset] ^= 0xA5
    path.write_bytes(bytes(data))


def test_a_plain_journal_with_broken_first_bytes_is_damaged_not_encrypted(
    journal: Journal,
) -> None:
    path = _backed_up(journal)
    _spoil(path, range(0, 100))
    assert header_damaged(path) and not is_encrypted(path)
    with pytest.raises(JournalDamaged) as caught:
        Journal.open(path)
    assert caught.value.backup is not None
    assert caught.value.set_aside.exists() and not path.exists()
    assert "first bytes are broken" in str(caught.value)


@NEEDS_SQLCIPHER
def test_an_encrypted_file_is_still_taken_for_encrypted(journal: Journal) -> None:
    path = _backed_up(journal, passphrase="right")
    assert is_encrypted(path) and not header_damaged(path)
    with pytest.raises(WrongPassphrase):
        Journal.open(path, passphrase="wrong")
    assert path.exists()


@NEEDS_SQLCIPHER
def test_a_damaged_encrypted_journal_is_set_aside_with_its_backup_offered(
    journal: Journal,
) -> None:
    path = _backed_up(journal, passphrase="right")
    _spoil(path, range(200, 260))  # inside the first page, past the key's salt
    with pytest.raises(JournalDamaged) as caught:
        Journal.open(path, passphrase="right")
    assert caught.value.backup is not None and caught.value.set_aside.exists()
    assert "pages fail their check" in str(caught.value)
    opened = Journal.open(caught.value.backup, passphrase="right", auto_backup=False)
    assert len(people.list_people(opened)) == 20
    opened.close()


def test_an_emptied_journal_is_offered_its_backup_not_made_anew(journal: Journal) -> None:
    path = _backed_up(journal)
    path.write_bytes(b"")
    with pytest.raises(JournalDamaged) as caught:
        Journal.open(path)
    assert caught.value.backup is not None
    assert caught.value.set_aside.stat().st_size == 0
    assert "empty" in str(caught.value)


def test_an_empty_file_without_backups_is_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    path.write_bytes(b"")
    Journal.open(path, auto_backup=False).close()
    assert path.stat().st_size > 0


def test_what_a_killed_command_left_is_cleaned_up_at_open(journal: Journal) -> None:
    path = _backed_up(journal)
    left = [
        Path(f"{path}.restoring"),
        Path(f"{path}.converting"),
        Path(f"{path}.converting-wal"),
        path.parent / "backups" / "journal-manual-20260101-120000.db.partial",
    ]
    for leftover in left:
        leftover.write_bytes(b"half a copy")
    Journal.open(path, auto_backup=False).close()
    assert [p.name for p in left if p.exists()] == []
    assert len(backup.list_backup_files(path)) == 1


@NEEDS_SQLCIPHER
def test_damage_to_the_key_salt_is_told_when_the_passphrase_opens_a_backup(
    journal: Journal,
) -> None:
    path = _backed_up(journal, passphrase="right")
    _spoil(path, range(0, 8))  # the salt: every page then fails, as with a wrong passphrase
    before = path.read_bytes()
    with pytest.raises(PassphraseOpensBackup) as caught:
        Journal.open(path, passphrase="right")
    backup_name = caught.value.backup.name
    assert str(caught.value).startswith(
        f"That passphrase does not open journal.db, yet it opens its backup {backup_name}"
    )
    assert "pmo-journal restore --db" in str(caught.value) and "\n" not in str(caught.value)
    assert path.read_bytes() == before  # nothing set aside: it may be an older passphrase
    with pytest.raises(WrongPassphrase) as plain_wrong:
        Journal.open(path, passphrase="wrong")
    assert not isinstance(plain_wrong.value, PassphraseOpensBackup)
