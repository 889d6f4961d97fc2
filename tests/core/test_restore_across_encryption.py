"""Restoring a plain backup over an encrypted journal, or the reverse: asked, backed up, no leak."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.services import people
from pmo_journal.core.storage import backup, encryption
from pmo_journal.core.storage.connect import PassphraseRequired
from pmo_journal.core.storage.db import Journal

pytest.importorskip("sqlcipher3", reason="SQLCipher is installed on Linux x86-64 only")

SECRET = "Ada Secret"


@pytest.fixture
def plain_backup(journal: Journal, tmp_path: Path) -> Path:
    """A plain backup (kept outside the journal's folder) holding the SECRET person."""
    people.create_person(journal, data={"name": SECRET})
    taken = backup.backup_journal(journal.path, folder=tmp_path / "usb")
    people.create_person(journal, data={"name": "Later"})
    journal.close()
    return taken


def _names(path: Path, passphrase: str | None = None) -> list[str]:
    with Journal.open(path, passphrase=passphrase, auto_backup=False) as journal:
        return sorted(p.name for p in people.list_people(journal))


def test_a_plain_backup_over_an_encrypted_journal_needs_its_passphrase_and_stays_encrypted(
    plain_backup: Path, journal_path: Path
) -> None:
    encryption.encrypt_journal(journal_path, passphrase="pw")
    before = journal_path.read_bytes()
    with pytest.raises(PassphraseRequired):
        backup.restore_backup(journal_path, plain_backup)
    assert journal_path.read_bytes() == before

    safety = backup.restore_backup(journal_path, plain_backup, passphrase="pw")
    assert safety is not None and encryption.is_encrypted(safety)
    assert encryption.is_encrypted(journal_path)
    assert SECRET.encode() not in journal_path.read_bytes()
    assert _names(journal_path, "pw") == [SECRET]
    assert _names(safety, "pw") == [SECRET, "Later"]
    assert not list(journal_path.parent.glob("*.restoring*"))


def test_an_encrypted_backup_over_a_plain_journal_needs_the_backups_passphrase(
    plain_backup: Path, journal_path: Path
) -> None:
    encryption.convert_file(plain_backup, old=None, new="usb key")
    with pytest.raises(PassphraseRequired):
        backup.restore_backup(journal_path, plain_backup)
    safety = backup.restore_backup(journal_path, plain_backup, backup_passphrase="usb key")
    assert safety is not None and not encryption.is_encrypted(safety)
    assert _names(safety) == [SECRET, "Later"]
    assert not encryption.is_encrypted(journal_path)
    assert _names(journal_path) == [SECRET]


def test_the_restore_command_asks_for_the_encrypted_journals_passphrase(
    plain_backup: Path,
    journal_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    encryption.encrypt_journal(journal_path, passphrase="pw")
    monkeypatch.delenv("PMO_JOURNAL_PASSPHRASE", raising=False)
    assert cli.run(["restore", "--db", str(journal_path), str(plain_backup)]) == 1
    assert "No passphrase" in capsys.readouterr().err
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "pw")
    assert cli.run(["restore", "--db", str(journal_path), str(plain_backup)]) == 0
    assert "backed up to" in capsys.readouterr().out
    assert encryption.is_encrypted(journal_path)
    assert _names(journal_path, "pw") == [SECRET]
