"""Use cases of keeping the journal safe: back up now, the daily backup, restore."""

from __future__ import annotations

from pathlib import Path

from pmo_journal.core.changes import NOTHING, Changes, Outcome
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError


def back_up_now(journal: Journal, *, folder: Path | None = None) -> Outcome[Path]:
    """A verified backup, in ``folder`` or the journal's backups (which are then rotated)."""
    if folder is not None and folder.exists() and not folder.is_dir():
        raise JournalError(f"{folder} is a file, not a folder: name the folder the backup goes in.")
    if folder is not None and not folder.is_dir():
        raise JournalError(f"The folder {folder} does not exist.")
    target = backup.backup_journal(journal.path, passphrase=journal.passphrase, folder=folder)
    if folder is None:
        backup.rotate_backups(journal.path)
    return Outcome(target, Changes(backups=True))


def take_daily_backup(journal: Journal) -> Outcome[Path | None]:
    """Today's automatic backup, unless one was taken already or the journal was created
    just now (then ``None``)."""
    if journal.created:
        return Outcome(None, NOTHING)
    target = backup.backup_daily(journal.path, passphrase=journal.passphrase)
    return Outcome(target, Changes(backups=True) if target is not None else NOTHING)


def restore_backup(journal: Journal, *, backup_file: Path) -> Outcome[Path | None]:
    """Replace the open journal's file with ``backup_file``; the app then opens it again.

    Returns the backup taken of the journal as it was (``None`` if it could not be read).
    Every connection is closed first, so the file can be swapped.
    """
    journal.engine.dispose()
    safety = backup.restore_backup(journal.path, backup_file, passphrase=journal.passphrase)
    return Outcome(safety, Changes.everything())
