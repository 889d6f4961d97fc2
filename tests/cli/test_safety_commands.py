"""The backup, restore, encrypt and decrypt commands, and what check says of a damaged file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.services import people
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal

NEEDS_SQLCIPHER = pytest.mark.skipif(
    importlib.util.find_spec("sqlcipher3") is None, reason="SQLCipher is Linux x86-64 only"
)


@pytest.fixture
def existing(journal: Journal) -> Path:
    people.create_person(journal, data={"name": "Ada"})
    journal.close()
    return journal.path


def test_backup_and_restore(
    existing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run(["backup", "--db", str(existing)]) == 0
    taken = backup.list_backup_files(existing)
    assert len(taken) == 1 and "verified" in capsys.readouterr().out

    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    assert cli.run(["backup", "--db", str(existing), "--to", str(elsewhere)]) == 0
    assert len(list(elsewhere.glob("journal-manual-*.db"))) == 1

    with Journal.open(existing) as journal:
        people.create_person(journal, data={"name": "Later"})
    assert cli.run(["restore", "--db", str(existing), str(taken[0])]) == 0
    assert "backed up to" in capsys.readouterr().out
    with Journal.open(existing) as journal:
        assert [p.name for p in people.list_people(journal)] == ["Ada"]


def test_backup_to_a_missing_folder_is_refused_not_created(
    existing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An unmounted USB stick must not silently become a folder on the local disk.
    usb = tmp_path / "media" / "usb"
    assert cli.run(["backup", "--db", str(existing), "--to", str(usb)]) == 1
    assert capsys.readouterr().err == f"pmo-journal: The folder {usb} does not exist.\n"
    assert not usb.exists() and not usb.parent.exists()


def test_restore_of_a_missing_backup_is_one_clear_line(
    existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run(["restore", "--db", str(existing), "nope.db"]) == 1
    assert capsys.readouterr().err.strip() == "pmo-journal: There is no backup at nope.db."


def test_check_of_a_damaged_journal_names_the_backup_to_restore(
    existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = backup.backup_journal(existing)
    data = bytearray(existing.read_bytes())
    for offset in range(4096, len(data) - 4096, 5):
        data[offset] = 0x5A
    existing.write_bytes(bytes(data))
    assert cli.run(["check", "--db", str(existing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "damaged" in err and f"pmo-journal restore --db {existing} {good}" in err


@NEEDS_SQLCIPHER
def test_encrypt_rekey_decrypt_with_the_environment(
    existing: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "first")
    assert cli.run(["encrypt", "--db", str(existing)]) == 0
    assert cli.run(["check", "--db", str(existing)]) == 0

    monkeypatch.setenv("PMO_JOURNAL_NEW_PASSPHRASE", "second")
    assert cli.run(["encrypt", "--rekey", "--db", str(existing)]) == 0
    monkeypatch.delenv("PMO_JOURNAL_NEW_PASSPHRASE")
    capsys.readouterr()
    assert cli.run(["check", "--db", str(existing)]) == 1
    assert "does not open" in capsys.readouterr().err

    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "second")
    assert cli.run(["decrypt", "--db", str(existing)]) == 0
    monkeypatch.delenv("PMO_JOURNAL_PASSPHRASE")
    assert cli.run(["check", "--db", str(existing)]) == 0
