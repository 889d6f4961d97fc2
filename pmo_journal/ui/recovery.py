"""Opening the journal at start-up: the passphrase if it is encrypted, recovery if it is damaged."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from pmo_journal.core.storage.backup import restore_backup
from pmo_journal.core.storage.connect import (
    PASSPHRASE_ENV,
    PassphraseOpensBackup,
    PassphraseRequired,
    WrongPassphrase,
    is_encrypted,
)
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.integrity import JournalDamaged
from pmo_journal.ui import passphrase_dialog

WRONG_PASSPHRASE = "That passphrase does not open this journal. Try again."


class RecoveryDialog(QMessageBox):
    """Says the journal was damaged and set aside, and offers the newest good backup."""

    def __init__(self, error: JournalDamaged, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("The journal is damaged")
        self.setText(f"{error.path.name} is damaged and can't be opened safely.")
        detail = f"{error.told}."
        self.restore_button = None
        if error.backup is not None:
            detail += (
                f"\n\nThe newest good backup is {error.backup.name}. Restoring it brings back "
                "the journal as it was then."
            )
            self.restore_button = self.addButton(
                "Restore this backup", QMessageBox.ButtonRole.AcceptRole
            )
            self.start_button = None
        else:
            detail += "\n\nThere is no good backup. You can start a new, empty journal."
            self.start_button = self.addButton(
                "Start a new journal", QMessageBox.ButtonRole.AcceptRole
            )
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        self.setInformativeText(detail)
        self.setDefaultButton(self.restore_button or self.quit_button)

    def restore_chosen(self) -> bool:
        return self.restore_button is not None and self.clickedButton() is self.restore_button

    def start_new_chosen(self) -> bool:
        return self.start_button is not None and self.clickedButton() is self.start_button


def choose(dialog: RecoveryDialog) -> None:
    """Show the dialog until the user picks a button (tests replace this)."""
    dialog.exec()


def offer_recovery(
    parent: QWidget | None, error: JournalDamaged, *, passphrase: str | None = None
) -> bool:
    """Called when opening fails with :class:`JournalDamaged`.

    Returns True when the app should open the journal again (the backup was restored,
    or the user chose to start a new journal), False when it should quit.
    """
    dialog = RecoveryDialog(error, parent)
    choose(dialog)
    if dialog.restore_chosen():
        assert error.backup is not None
        restore_backup(error.path, error.backup, passphrase=passphrase)
        return True
    return dialog.start_new_chosen()


def open_journal_interactively(path: Path, parent: QWidget | None = None) -> Journal | None:
    """Open the journal for the GUI, asking for a passphrase and offering recovery as needed.

    ``None`` means the user gave up (cancelled the passphrase or quit the recovery).
    Other :class:`JournalError` failures are raised for the caller to show.
    """
    passphrase = os.environ.get(PASSPHRASE_ENV) if is_encrypted(path) else None
    while True:
        try:
            # The daily backup waits until the window is up (see application.py).
            return Journal.open(path, passphrase=passphrase, auto_backup=False)
        except (PassphraseRequired, WrongPassphrase) as exc:
            problem = WRONG_PASSPHRASE if isinstance(exc, WrongPassphrase) else ""
            if isinstance(exc, PassphraseOpensBackup):
                problem = f"{exc.told}."
            passphrase = passphrase_dialog.ask_passphrase(parent, path, problem=problem)
            if passphrase is None:
                return None
        except JournalDamaged as error:
            if not offer_recovery(parent, error, passphrase=passphrase):
                return None
