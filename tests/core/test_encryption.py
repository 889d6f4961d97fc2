"""Encryption at rest: SQLCipher files, wrong passphrases, re-keying, encrypted backups."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo_journal.core.services import people
from pmo_journal.core.storage import backup, encryption
from pmo_journal.core.storage.connect import PassphraseRequired, WrongPassphrase
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

pytest.importorskip("sqlcipher3", reason="SQLCipher is installed on Linux x86-64 only")


@pytest.fixture
def encrypted(journal: Journal) -> Path:
    people.create_person(journal, data={"name": "Ada Secret"})
    backup.backup_journal(journal.path)
    journal.close()
    encryption.encrypt_journal(journal.path, passphrase="correct horse")
    return journal.path


def test_an_encrypted_journal_shows_no_plain_text_and_no_sqlite_header(encrypted: Path) -> None:
    data = encrypted.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert b"Ada Secret" not in data


def test_opening_needs_the_passphrase(encrypted: Path) -> None:
    with pytest.raises(PassphraseRequired):
        Journal.open(encrypted)
    with Journal.open(encrypted, passphrase="correct horse") as journal:
        assert [p.name for p in people.list_people(journal)] == ["Ada Secret"]
        assert journal.check().integrity == "ok"


def test_a_wrong_passphrase_is_a_clear_error_and_the_file_is_untouched(encrypted: Path) -> None:
    before = encrypted.read_bytes()
    with pytest.raises(WrongPassphrase, match="does not open"):
        Journal.open(encrypted, passphrase="wrong")
    with pytest.raises(WrongPassphrase):
        encryption.decrypt_journal(encrypted, passphrase="wrong")
    with pytest.raises(WrongPassphrase):
        encryption.change_passphrase(encrypted, old="wrong", new="new")
    assert encrypted.read_bytes() == before


def test_existing_and_new_backups_of_an_encrypted_journal_stay_encrypted(encrypted: Path) -> None:
    older = backup.list_backup_files(encrypted)
    assert older and all(encryption.is_encrypted(path) for path in older)
    fresh = backup.backup_journal(encrypted, passphrase="correct horse")
    assert encryption.is_encrypted(fresh)
    assert b"Ada Secret" not in fresh.read_bytes()
    listed = backup.list_backups(encrypted, passphrase="correct horse")
    assert all(info.counts is not None for info in listed)


def test_changing_the_passphrase_then_decrypting_gives_back_the_data(encrypted: Path) -> None:
    encryption.change_passphrase(encrypted, old="correct horse", new="battery staple")
    with pytest.raises(WrongPassphrase):
        Journal.open(encrypted, passphrase="correct horse")
    encryption.decrypt_journal(encrypted, passphrase="battery staple")
    assert not encryption.is_encrypted(encrypted)
    with Journal.open(encrypted) as journal:
        assert [p.name for p in people.list_people(journal)] == ["Ada Secret"]
    assert not any(encryption.is_encrypted(p) for p in backup.list_backup_files(encrypted))


def test_an_encryption_that_fails_partway_leaves_the_original_intact(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    people.create_person(journal, data={"name": "Ada"})
    journal.close()
    before = journal.path.read_bytes()

    def fail_after_export(*_args: object, **_kwargs: object) -> list[tuple[str, int]]:
        raise JournalError("disk full")

    # The export has been written by now; the verification step fails.
    monkeypatch.setattr(encryption, "_fingerprint", fail_after_export)
    with pytest.raises(JournalError, match="disk full"):
        encryption.encrypt_journal(journal.path, passphrase="pw")
    assert journal.path.read_bytes() == before
    assert not list(journal.path.parent.glob("*.converting"))


def test_encrypting_twice_or_decrypting_a_plain_file_is_refused(encrypted: Path) -> None:
    with pytest.raises(JournalError, match="already encrypted"):
        encryption.encrypt_journal(encrypted, passphrase="x")
    encryption.decrypt_journal(encrypted, passphrase="correct horse")
    with pytest.raises(JournalError, match="not encrypted"):
        encryption.decrypt_journal(encrypted, passphrase="x")
