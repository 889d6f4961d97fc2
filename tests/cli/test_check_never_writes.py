"""``check`` only reads: the journal's folder is byte for byte the same after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command

from pmo_journal import cli
from pmo_journal.core.services import people
from pmo_journal.core.storage.db import make_engine
from pmo_journal.core.storage.revisions import alembic_config
from tests.journal_template import JournalTemplate

PASSPHRASE = "correct horse"


def folder_state(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with its bytes (``None`` for a folder)."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


def at_head(path: Path) -> None:
    with JournalTemplate.shared().open(path) as journal:
        people.create_person(journal, data={"name": "Ada Mentor"})


def at_first_revision(path: Path) -> None:
    engine = make_engine(path)
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0001")
    engine.dispose()


def encrypt(path: Path) -> None:
    from pmo_journal.core.storage.encryption import encrypt_journal

    encrypt_journal(path, passphrase=PASSPHRASE)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
@pytest.mark.parametrize("make", [at_head, at_first_revision], ids=["current", "older schema"])
def test_check_changes_nothing_in_the_journals_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    make: object,
    encrypted: bool,
) -> None:
    if encrypted:
        pytest.importorskip("sqlcipher3", reason="SQLCipher is installed on Linux x86-64 only")
        monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "journal.db"
    make(path)  # type: ignore[operator]
    if encrypted:
        encrypt(path)
    before = folder_state(tmp_path)

    assert cli.run(["check", "--db", str(path)]) == 0

    assert folder_state(tmp_path) == before
    said = capsys.readouterr().out
    assert said.startswith(f"{path}: ok — ")
    assert ("encrypted" in said) == encrypted
