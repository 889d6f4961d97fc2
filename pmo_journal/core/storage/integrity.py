"""The check at open: a damaged journal is set aside under a new name, never repaired in place."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from pmo_journal.core import clock
from pmo_journal.core.validation import JournalError


class JournalDamaged(JournalError):
    """The journal failed SQLite's check; it was moved to ``set_aside`` untouched.

    ``backup`` is the newest backup that passes the check (``None`` if there is none);
    the GUI offers to restore it, the CLI names it.
    """

    def __init__(self, path: Path, *, set_aside: Path, backup: Path | None, problem: str) -> None:
        self.path = path
        self.set_aside = set_aside
        self.backup = backup
        self.problem = problem
        # What happened, as one sentence: the app shows it as it is, the CLI adds its advice.
        self.told = (
            f"{path.name} is damaged ({problem}); it was set aside untouched as {set_aside.name}"
        )
        if backup is not None:
            advice = (
                f"restore the newest good backup with: pmo-journal restore --db {path} {backup}"
            )
        else:
            advice = "there is no good backup to restore"
        super().__init__(f"{self.told}, and {advice}.")


def damage_of(exc: Exception) -> str | None:
    """The problem an SQLite error reveals about the file, or ``None`` if it is not damage.

    "database is locked" and other operational errors say nothing about the file itself.
    """
    # sqlcipher3 has its own exception classes, so compare by name.
    if isinstance(exc, sqlite3.OperationalError) or type(exc).__name__ == "OperationalError":
        return None
    text = str(exc)
    markers = ("malformed", "not a database", "corrupt", "disk image")
    return text if any(marker in text for marker in markers) else None


def set_aside(path: Path, *, now: dt.datetime | None = None) -> Path:
    """Rename a damaged file (and its -wal/-shm) to ``<stem>.damaged-<stamp><suffix>``."""
    stamp = (now or clock.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{suffix}"))
    os.replace(path, target)
    return target


def raise_damaged(path: Path, *, problem: str, passphrase: str | None) -> None:
    """Set the damaged journal aside and raise :class:`JournalDamaged` naming the best backup."""
    from pmo_journal.core.storage.backup import newest_good_backup

    moved = set_aside(path)
    backup = newest_good_backup(path, passphrase=passphrase)
    raise JournalDamaged(path, set_aside=moved, backup=backup, problem=problem)
