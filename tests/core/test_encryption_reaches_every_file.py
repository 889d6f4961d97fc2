"""Encrypt, decrypt and re-key reach every file of the journal, and finish after an interruption."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.services import people
from pmo_journal.core.storage import backup, encryption, journal_files
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

pytest.importorskip("sqlcipher3", reason="SQLCipher is installed on Linux x86-64 only")

SECRET = b"Ada Secret"


@pytest.fixture
def plain(journal: Journal) -> Path:
    people.create_person(journal, data={"name": SECRET.decode()})
    backup.backup_journal(journal.path)
    backup.backup_journal(journal.path, reason="before-import")
    journal.close()
    return journal.path


def _readable_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and SECRET in p.read_bytes())


def _leave_what_killed_commands_leave(path: Path) -> None:
    """The plain copies found beside a journal after kill -9s and a damaged open."""
    taken = backup.list_backup_files(path)[0]
    shutil.copy(taken, f"{taken}.partial")
    shutil.copy(path, f"{path}.restoring")
    shutil.copy(path, path.with_name(f"{path.stem}.damaged-20260101-000000{path.suffix}"))


def test_after_encrypt_no_file_of_the_journal_is_readable(plain: Path) -> None:
    _leave_what_killed_commands_leave(plain)
    encryption.encrypt_journal(plain, passphrase="pw")
    assert _readable_files(plain.parent) == []
    assert journal_files.plaintext_files(plain) == []
    damaged = journal_files.damaged_copies(plain)
    assert len(damaged) == 1 and encryption.opens_with(damaged[0], "pw")


def test_an_encrypt_killed_after_the_journal_is_finished_by_running_it_again(
    plain: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What an older, journal-first encrypt left when killed: the journal done, backups not.
    encryption.convert_file(plain, old=None, new="pw")
    assert len(journal_files.plaintext_files(plain)) == 2
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "pw")
    assert cli.run(["encrypt", "--db", str(plain)]) == 0
    assert "already encrypted; encrypted 2" in capsys.readouterr().out
    assert _readable_files(plain.parent) == []
    assert cli.run(["encrypt", "--db", str(plain)]) == 1
    assert "already encrypted" in capsys.readouterr().err


def test_an_interrupted_rekey_is_finished_by_running_it_again(plain: Path) -> None:
    encryption.encrypt_journal(plain, passphrase="old")
    first, second = backup.list_backup_files(plain)
    encryption.convert_file(first, old="old", new="new")  # killed after one backup
    encryption.change_passphrase(plain, old="old", new="new")
    for path in (plain, first, second):
        assert encryption.opens_with(path, "new") and not encryption.opens_with(path, "old")


def test_a_rekey_encrypts_plain_copies_on_the_way(plain: Path) -> None:
    encryption.convert_file(plain, old=None, new="old")
    encryption.change_passphrase(plain, old="old", new="new")
    assert all(encryption.opens_with(p, "new") for p in backup.list_backup_files(plain))


def test_a_rekey_to_an_empty_or_the_same_passphrase_is_refused(plain: Path) -> None:
    encryption.encrypt_journal(plain, passphrase="old")
    for new in ("", "old"):
        with pytest.raises(JournalError, match="nothing was changed"):
            encryption.change_passphrase(plain, old="old", new=new)
    assert encryption.opens_with(plain, "old")


def test_rekey_never_takes_the_old_passphrase_as_the_new_one(
    plain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    encryption.encrypt_journal(plain, passphrase="old")
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "old")
    monkeypatch.delenv("PMO_JOURNAL_NEW_PASSPHRASE", raising=False)
    assert cli.run(["encrypt", "--rekey", "--db", str(plain)]) == 1
    assert "No passphrase" in capsys.readouterr().err
    monkeypatch.setenv("PMO_JOURNAL_NEW_PASSPHRASE", "")
    assert cli.run(["encrypt", "--rekey", "--db", str(plain)]) == 1
    assert "can't be empty" in capsys.readouterr().err
    assert encryption.opens_with(plain, "old")


def test_a_plain_copy_left_by_a_killed_decrypt_is_removed_at_open(plain: Path) -> None:
    encryption.encrypt_journal(plain, passphrase="pw")
    leftover = Path(f"{plain}.converting")
    encryption.export_verified(plain, leftover, old="pw", new=None)
    assert journal_files.plaintext_files(plain) == [leftover]
    Journal.open(plain, passphrase="pw").close()
    assert not leftover.exists()


def test_encrypt_and_restore_work_on_the_file_a_link_points_at(plain: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(plain)
    encryption.encrypt_journal(link, passphrase="pw")
    assert link.is_symlink() and encryption.is_encrypted(plain)
    taken = backup.list_backup_files(plain)[0]
    with Journal.open(link, passphrase="pw") as journal:
        people.create_person(journal, data={"name": "Later"})
    backup.restore_backup(link, taken, passphrase="pw")
    assert link.is_symlink() and link.resolve() == plain
    with Journal.open(plain, passphrase="pw") as journal:
        assert [p.name for p in people.list_people(journal)] == [SECRET.decode()]


def test_check_reports_plain_copies_of_an_encrypted_journal(
    plain: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    encryption.convert_file(plain, old=None, new="pw")
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "pw")
    assert cli.run(["check", "--db", str(plain)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is encrypted, but 2 of its files can be read without the passphrase" in err
