"""Opening the journal at start-up: the passphrase if it is encrypted, recovery if it is damaged."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

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
from pmo_journal.core.tasks import Cancelled, Progress
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import passphrase_dialog, prompts
from pmo_journal.ui.operations import Failure, run_operation

WRONG_PASSPHRASE = "That passphrase does not open this journal. Try again."


RESTORE, START_NEW, QUIT = "Restore this backup", "Start a new journal", "Quit"


def recovery_question(error: JournalDamaged) -> tuple[str, str, list[str]]:
    """What the user is told about a damaged journal, and what they may do."""
    message = f"{error.path.name} is damaged and can't be opened safely."
    detail = f"{error.told}."
    if error.backup is None:
        detail += "\n\nThere is no good backup. You can start a new, empty journal."
        return message, detail, [START_NEW]
    detail += (
        f"\n\nThe newest good backup is {error.backup.name}. Restoring it brings back "
        "the journal as it was then."
    )
    return message, detail, [RESTORE]


def offer_recovery(
    parent: QWidget | None, error: JournalDamaged, *, passphrase: str | None = None
) -> bool:
    """Called when opening fails with :class:`JournalDamaged`.

    Returns True when the app should open the journal again (the backup was restored,
    or the user chose to start a new journal), False when it should quit.
    """
    message, detail, options = recovery_question(error)
    chosen = prompts.choose(
        parent, message, options, detail=detail, cancel=QUIT, default=options[0], warning=True
    )
    if chosen == RESTORE:
        return _restore(parent, error, passphrase=passphrase)
    return chosen == START_NEW


def _restore(parent: QWidget | None, error: JournalDamaged, *, passphrase: str | None) -> bool:
    """Restore the backup off the GUI thread, showing that it is busy. A failure is raised
    again as a :class:`JournalError`, for the opening to tell (an unexpected one was
    also told with its details)."""
    backup_file = error.backup
    assert backup_file is not None

    def work(_progress: Progress, _cancelled: Cancelled) -> None:
        restore_backup(error.path, backup_file, passphrase=passphrase)

    busy = QProgressDialog("Restoring the backup…", "", 0, 0, parent)
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.ApplicationModal)
    busy.setMinimumDuration(0)
    busy.show()
    waiting = QEventLoop()
    failures: list[Failure] = []
    run_operation(
        busy,
        work,
        title="The backup could not be restored",
        on_failure=failures.append,
        on_finished=waiting.quit,
    )
    waiting.exec()
    busy.close()
    busy.deleteLater()
    if failures:
        raise JournalError(failures[0].message)
    return True


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
