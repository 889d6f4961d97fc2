"""Who is using a journal: the lock file the open app, or a writing command, holds beside it.

The lock is ``<journal>.lock`` in the format of Qt's QLockFile — process id, application
name, host name, machine id and boot id on separate lines — so the app (which holds it
through QLockFile) and a command such as ``restore`` (which holds it through this module)
keep each other off the journal. A command adds one more line saying which it is; Qt
reads only the first five.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pmo_journal.core.validation import JournalError

COMMAND_PREFIX = "pmo-journal "
# Where Linux keeps the ids QLockFile writes; elsewhere Qt writes no such lines.
MACHINE_ID = Path("/etc/machine-id")
BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def lock_path(journal_path: Path) -> Path:
    """The lock file of a journal (beside the real file, so a link and its target share it)."""
    from pmo_journal.core.storage.journal_files import journal_file

    real = journal_file(journal_path)
    return real.with_name(real.name + ".lock")


@dataclass(frozen=True)
class LockHolder:
    """The live process that holds a journal's lock."""

    pid: int
    command: str | None  # "restore", … for a command; None for the app

    def describe(self, journal_name: str) -> str:
        if self.command is None:
            return f"{journal_name} is open in PMO Career Journal (process {self.pid})"
        return f"{journal_name} is in use by `pmo-journal {self.command}` (process {self.pid})"


class JournalInUse(JournalError):
    """Another process holds the journal: the open app or another writing command."""

    def __init__(self, journal_path: Path, holder: LockHolder, *, command: str) -> None:
        self.path = journal_path
        self.holder = holder
        advice = "close it there first" if holder.command is None else "wait for it to finish"
        super().__init__(
            f"{holder.describe(journal_path.name)}; {advice}, then run {command} again. "
            "Nothing was changed."
        )


def _read_id(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, but someone else's
    except OSError:
        return False
    return True


def lock_holder(journal_path: Path) -> LockHolder | None:
    """The live process holding the journal's lock, or ``None`` when it is free (or stale)."""
    try:
        lines = lock_path(journal_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 3 or not lines[0].strip().isdigit():
        return None
    pid, host = int(lines[0]), lines[2]
    if host and host != socket.gethostname():
        return None  # another computer's lock on a shared folder: can't be checked
    boot = _read_id(BOOT_ID)
    if len(lines) >= 5 and boot and lines[4] != boot:
        return None  # written before the last restart
    if not _process_alive(pid):
        return None
    command = next(
        (
            line.removeprefix(COMMAND_PREFIX)
            for line in lines[5:]
            if line.startswith(COMMAND_PREFIX)
        ),
        None,
    )
    return LockHolder(pid, command)


def _process_name() -> str:
    # QLockFile compares this with the name of the running process, to spot a reused pid.
    return Path(sys.executable).resolve().name


def _lock_text(command: str) -> str:
    lines = [
        str(os.getpid()),
        _process_name(),
        socket.gethostname(),
        _read_id(MACHINE_ID),
        _read_id(BOOT_ID),
        f"{COMMAND_PREFIX}{command}",
    ]
    return "\n".join(lines) + "\n"


def _try_create(path: Path, text: str, journal_path: Path) -> bool:
    """Make the lock file; False when it exists. A folder that can't take it is told."""
    from pmo_journal.core.storage.access import refuse_if_not_writable

    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    except OSError:
        refuse_if_not_writable(journal_path)
        raise
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        path.unlink(missing_ok=True)
        refuse_if_not_writable(journal_path)
        raise
    return True


@contextlib.contextmanager
def exclusive_use(journal_path: Path, *, command: str) -> Iterator[None]:
    """Hold the journal's lock while ``command`` writes to it.

    Raises :class:`JournalInUse` while the app (or another command) holds it. A lock left
    by a process that no longer runs is taken over; one this process holds already is
    simply used.
    """
    path = lock_path(journal_path)
    if not path.parent.is_dir():
        yield  # no folder, so no journal: the command itself says so
        return
    text = _lock_text(command)
    if not _try_create(path, text, journal_path):
        holder = lock_holder(journal_path)
        if holder is not None and holder.pid == os.getpid():
            yield  # this process holds it already (the app, or an outer command)
            return
        if holder is not None:
            raise JournalInUse(journal_path, holder, command=command)
        path.unlink(missing_ok=True)
        if not _try_create(path, text, journal_path):
            holder = lock_holder(journal_path) or LockHolder(0, command)
            raise JournalInUse(journal_path, holder, command=command)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def held_elsewhere(journal_path: Path) -> bool:
    """Whether a process other than this one holds the journal's lock."""
    holder = lock_holder(journal_path)
    return holder is not None and holder.pid != os.getpid()
