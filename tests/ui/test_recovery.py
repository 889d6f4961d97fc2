"""Start-up: a passphrase for an encrypted journal, recovery for a damaged one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.services import people
from pmo_journal.core.storage import backup, encryption
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.integrity import JournalDamaged
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import passphrase_dialog, recovery
from pmo_journal.ui.passphrase_dialog import PassphraseDialog
from pmo_journal.ui.recovery import open_journal_interactively
from tests.ui.scripted_prompts import ScriptedPrompts

NEEDS_SQLCIPHER = pytest.mark.skipif(
    importlib.util.find_spec("sqlcipher3") is None, reason="SQLCipher is Linux x86-64 only"
)


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data) - 4096, 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(journal: Journal) -> Path:
    people.create_person(journal, data={"name": "Ada"})
    backup.backup_journal(journal.path)
    with journal.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    _damage(journal.path)
    return journal.path


def test_the_passphrase_dialog_opens_only_with_something_typed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = PassphraseDialog(tmp_path / "journal.db", problem="That passphrase does not open it.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.open_button.isEnabled() and dialog.problem.isVisible()
    dialog.field.setText("correct horse")
    assert dialog.field.echoMode() == dialog.field.EchoMode.Password
    with qtbot.waitSignal(dialog.accepted):
        dialog.open_button.click()
    assert dialog.passphrase() == "correct horse"


@NEEDS_SQLCIPHER
def test_an_encrypted_journal_is_opened_after_asking_again_on_a_wrong_passphrase(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.close()
    encryption.encrypt_journal(journal.path, passphrase="right")
    monkeypatch.delenv("PMO_JOURNAL_PASSPHRASE", raising=False)
    answers = iter(["wrong", "right"])
    problems: list[str] = []

    def ask(_parent: object, _path: Path, *, problem: str = "") -> str:
        problems.append(problem)
        return next(answers)

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", ask)
    opened = open_journal_interactively(journal.path)
    assert opened is not None and opened.passphrase == "right"
    opened.close()
    assert problems == ["", recovery.WRONG_PASSPHRASE]


@NEEDS_SQLCIPHER
def test_cancelling_the_passphrase_gives_up(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.close()
    encryption.encrypt_journal(journal.path, passphrase="right")
    monkeypatch.delenv("PMO_JOURNAL_PASSPHRASE", raising=False)
    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", lambda *_a, **_k: None)
    assert open_journal_interactively(journal.path) is None


def test_a_damaged_journal_is_restored_from_the_newest_good_backup(
    qtbot: QtBot, damaged: Path, prompts: ScriptedPrompts
) -> None:
    prompts.answer("choose", recovery.RESTORE)
    opened = open_journal_interactively(damaged)
    assert opened is not None
    assert [p.name for p in people.list_people(opened)] == ["Ada"]
    opened.close()
    assert "set aside" in prompts.asked[0].detail
    assert list(damaged.parent.glob("journal.damaged-*.db"))


@pytest.mark.parametrize(
    "error", [JournalError("The backup is unreadable."), KeyError("page")], ids=["told", "bug"]
)
def test_a_restore_that_fails_is_told_and_nothing_is_opened(
    qtbot: QtBot,
    damaged: Path,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(recovery, "restore_backup", broken)  # the error injected
    prompts.answer("choose", recovery.RESTORE)
    if not isinstance(error, JournalError):
        prompts.expect_tell()  # an unexpected error: told with its details first
    with pytest.raises(JournalError) as raised:  # then raised again, for the opening to tell
        open_journal_interactively(damaged)
    assert str(error.args[0]) in str(raised.value)
    assert all("KeyError" in told.details for told in prompts.told)
    assert len(list(damaged.parent.glob("journal.damaged-*.db"))) == 1


def test_quitting_the_recovery_leaves_the_damaged_copy_aside(
    qtbot: QtBot, damaged: Path, prompts: ScriptedPrompts
) -> None:
    prompts.answer("choose", None)
    assert open_journal_interactively(damaged) is None
    assert not damaged.exists()
    assert len(list(damaged.parent.glob("journal.damaged-*.db"))) == 1


def test_without_a_backup_the_user_may_start_a_new_journal(
    qtbot: QtBot, journal: Journal, prompts: ScriptedPrompts
) -> None:
    journal.close()
    _damage(journal.path)
    with pytest.raises(JournalDamaged) as caught:
        Journal.open(journal.path)
    message, _detail, options = recovery.recovery_question(caught.value)
    assert options == [recovery.START_NEW] and "is damaged" in message
    prompts.answer("choose", recovery.START_NEW)
    assert recovery.offer_recovery(None, caught.value)


def test_a_journal_with_broken_first_bytes_offers_its_backup_without_asking_a_passphrase(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch, prompts: ScriptedPrompts
) -> None:
    for n in range(20):
        people.create_person(journal, data={"name": f"Ada {n}", "notes": "x" * 300})
    backup.backup_journal(journal.path)
    journal.close()
    data = bytearray(journal.path.read_bytes())
    data[:100] = b"\xa5" * 100
    journal.path.write_bytes(bytes(data))

    def never(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("a plain journal was taken for an encrypted one")

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", never)
    prompts.answer("choose", recovery.RESTORE)
    opened = open_journal_interactively(journal.path)
    assert opened is not None and len(people.list_people(opened)) == 20
    opened.close()
    [asked] = prompts.asked
    set_aside = next(journal.path.parent.glob("journal.damaged*"))
    assert asked.detail.startswith(
        f"journal.db is damaged (its first bytes are broken, so the file is not a database as "
        f"it stands); it was set aside untouched as {set_aside.name}."
    )
