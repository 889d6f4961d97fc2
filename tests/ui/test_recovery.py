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
from pmo_journal.ui import passphrase_dialog, recovery
from pmo_journal.ui.passphrase_dialog import PassphraseDialog
from pmo_journal.ui.recovery import RecoveryDialog, open_journal_interactively

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


def _click(button_name: str):  # type: ignore[no-untyped-def]
    def choose(dialog: RecoveryDialog) -> None:
        dialog.show()
        getattr(dialog, button_name).click()

    return choose


def test_a_damaged_journal_is_restored_from_the_newest_good_backup(
    qtbot: QtBot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[RecoveryDialog] = []

    def choose(dialog: RecoveryDialog) -> None:
        qtbot.addWidget(dialog)
        shown.append(dialog)
        _click("restore_button")(dialog)

    monkeypatch.setattr(recovery, "choose", choose)
    opened = open_journal_interactively(damaged)
    assert opened is not None
    assert [p.name for p in people.list_people(opened)] == ["Ada"]
    opened.close()
    assert "set aside" in shown[0].informativeText()
    assert list(damaged.parent.glob("journal.damaged-*.db"))


def test_quitting_the_recovery_leaves_the_damaged_copy_aside(
    qtbot: QtBot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recovery, "choose", _click("quit_button"))
    assert open_journal_interactively(damaged) is None
    assert not damaged.exists()
    assert len(list(damaged.parent.glob("journal.damaged-*.db"))) == 1


def test_without_a_backup_the_user_may_start_a_new_journal(qtbot: QtBot, journal: Journal) -> None:
    journal.close()
    _damage(journal.path)
    with pytest.raises(JournalDamaged) as caught:
        Journal.open(journal.path)
    dialog = RecoveryDialog(caught.value)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None and dialog.start_button is not None
    _click("start_button")(dialog)
    assert dialog.start_new_chosen() and not dialog.restore_chosen()


def test_a_journal_with_broken_first_bytes_offers_its_backup_without_asking_a_passphrase(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(20):
        people.create_person(journal, data={"name": f"Ada {n}", "notes": "x" * 300})
    backup.backup_journal(journal.path)
    journal.close()
    data = bytearray(journal.path.read_bytes())
    data[:100] = b"\xa5" * 100
    journal.path.write_bytes(bytes(data))
    shown: list[RecoveryDialog] = []

    def choose(dialog: RecoveryDialog) -> None:
        qtbot.addWidget(dialog)
        shown.append(dialog)
        _click("restore_button")(dialog)

    def never(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("a plain journal was taken for an encrypted one")

    monkeypatch.setattr(recovery, "choose", choose)
    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", never)
    opened = open_journal_interactively(journal.path)
    assert opened is not None and len(people.list_people(opened)) == 20
    opened.close()
    [dialog] = shown
    assert dialog.informativeText().startswith(
        f"journal.db is damaged (its first bytes are broken, so the file is not a database as "
        f"it stands); it was set aside untouched as {dialog.error.set_aside.name}."
    )
