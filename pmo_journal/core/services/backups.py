"""Use cases of keeping the journal safe: back up now, the daily backup, restore."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pmo_journal.core import clock
from pmo_journal.core.changes import NOTHING, Changes, Outcome
from pmo_journal.core.models import JournalSetting
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.inspection import verify_file
from pmo_journal.core.validation import JournalError

#: The day the last full check passed (``journal.`` settings stay on this laptop).
FULL_CHECK_KEY = "journal.full_check"
FULL_CHECK_EVERY = dt.timedelta(days=7)


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


@dataclass(frozen=True)
class FullCheck:
    """What the weekly full check found: ``None`` where a file passed."""

    journal_problem: str | None = None
    backup: Path | None = None
    backup_problem: str | None = None
    replacement: Path | None = None

    @property
    def sound(self) -> bool:
        return self.journal_problem is None and self.backup_problem is None

    def told(self, journal_name: str) -> str:
        """The sentences a user reads when something failed ("" when all passed)."""
        said = []
        if self.journal_problem is not None:
            said.append(
                f"The weekly full check found damage in {journal_name}: {self.journal_problem}. "
                "Keep the app open only to copy out recent writing, then restore the newest "
                "good backup on the Backups screen."
            )
        if self.backup_problem is not None and self.backup is not None:
            instead = (
                f" A new verified backup was taken: {self.replacement.name}."
                if self.replacement is not None
                else ""
            )
            said.append(
                f"The backup {self.backup.name} failed its full check ({self.backup_problem}); "
                f"it will not be offered for a restore.{instead}"
            )
        return " ".join(said)


def last_full_check(journal: Journal) -> dt.date | None:
    """The day the journal and its newest backup last passed the full check."""
    with journal.session() as session:
        setting = session.get(JournalSetting, FULL_CHECK_KEY)
    try:
        return dt.date.fromisoformat(setting.value) if setting is not None else None
    except ValueError:
        return None


def full_check_due(journal: Journal, *, today: dt.date | None = None) -> bool:
    """Whether a week has passed since the last full check (or none was ever made)."""
    last = last_full_check(journal)
    return last is None or (today or clock.today()) - last >= FULL_CHECK_EVERY


def run_full_check(journal: Journal, *, force: bool = False) -> Outcome[FullCheck | None]:
    """SQLite's full ``integrity_check`` of the journal and of its newest backup, once a
    week (``force``: now); ``None`` when it was not due.

    Backups are verified with a quick check and a page count when they are taken; this is
    the slower check that reads every page and index. It only reads the journal. A backup
    that fails is renamed ``…db.failed-check`` (kept, but no longer offered to restore),
    and a new verified backup replaces it. The day is recorded only when everything passed,
    so a failure is checked again at the next start.
    """
    if not force and not full_check_due(journal):
        return Outcome(None, NOTHING)
    journal_problem = _problem(verify_file(journal.path, passphrase=journal.passphrase))
    newest = next(iter(backup.list_backup_files(journal.path)), None)
    backup_problem = replacement = None
    if newest is not None:
        backup_problem = _problem(verify_file(newest, passphrase=journal.passphrase))
        if backup_problem is not None:
            newest.replace(newest.with_name(newest.name + ".failed-check"))
            if journal_problem is None:
                replacement = backup.backup_journal(
                    journal.path, passphrase=journal.passphrase, reason="daily"
                )
    found = FullCheck(journal_problem, newest, backup_problem, replacement)
    if found.sound:
        with journal.session() as session:
            setting = session.get(JournalSetting, FULL_CHECK_KEY) or JournalSetting(
                key=FULL_CHECK_KEY
            )
            setting.value = clock.today().isoformat()
            session.add(setting)
    return Outcome(found, Changes(backups=True) if backup_problem is not None else NOTHING)


def _problem(verdict: str) -> str | None:
    return None if verdict == "ok" else verdict


def restore_backup(journal: Journal, *, backup_file: Path) -> Outcome[Path | None]:
    """Replace the open journal's file with ``backup_file``; the app then opens it again.

    Returns the backup taken of the journal as it was (``None`` if it could not be read).
    Every connection is closed first, so the file can be swapped.
    """
    journal.engine.dispose()
    safety = backup.restore_backup(journal.path, backup_file, passphrase=journal.passphrase)
    return Outcome(safety, Changes.everything())
