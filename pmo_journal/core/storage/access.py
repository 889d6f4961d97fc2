"""Whether a journal can be written where it is: a read-only folder or file, or a full disk.

These are not damage and not another window holding the journal, and they need their own
recovery (permissions, room on the disk), so they are found by trying — a small probe file
written beside the journal — rather than guessed from what SQLite or a lock refused.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from pmo_journal.core.validation import JournalError

PROBE_BYTES = 64 * 1024  # about what opening writes: the lock, the log's first pages
READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)
FULL = (errno.ENOSPC, errno.EDQUOT)


class JournalNotWritable(JournalError):
    """The journal's folder or file can't be written, or its disk is full."""


def _folder_problem(folder: Path, name: str) -> str | None:
    probe = folder / f".{name}.probe-{os.getpid()}"
    try:
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        return _said(exc, folder=folder, name=name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(b"\0" * PROBE_BYTES)
    except OSError as exc:
        return _said(exc, folder=folder, name=name)
    finally:
        probe.unlink(missing_ok=True)
    return None


def _said(exc: OSError, *, folder: Path, name: str) -> str | None:
    if exc.errno in FULL:
        return (
            f"The disk that holds {name} is full, so nothing could be saved to it: "
            "make room on that disk, then open the journal again"
        )
    if exc.errno in READ_ONLY:
        return (
            f"The folder {folder} is read-only, so {name} can't be opened there (the app "
            "writes its lock, its log and its backups beside it): check the folder's "
            "permissions, or copy the journal to a folder you can write to and open it there"
        )
    return None


def access_problem(journal_path: Path) -> str | None:
    """Why ``journal_path`` can't be written where it is, or ``None`` when it can.

    A missing folder, or a missing journal in a writable one, is no problem here: opening
    says what it does about those.
    """
    folder = journal_path.parent
    if not folder.is_dir():
        return None
    problem = _folder_problem(folder, journal_path.name)
    if problem is not None or not journal_path.is_file():
        return problem
    try:
        os.close(os.open(journal_path, os.O_RDWR | os.O_APPEND))
    except OSError as exc:
        if exc.errno in READ_ONLY:
            return (
                f"{journal_path.name} is read-only, so nothing could be saved to it: check "
                "the permissions of the file, then open it again"
            )
    return None


def refuse_if_not_writable(journal_path: Path) -> None:
    """Raise :class:`JournalNotWritable` with :func:`access_problem`'s sentence, if any."""
    problem = access_problem(journal_path)
    if problem is not None:
        raise JournalNotWritable(f"{problem}.")
