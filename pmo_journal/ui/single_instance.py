"""One app per journal file: a lock file next to the journal, and a knock on the first window.

The first instance holds ``<journal>.lock`` (QLockFile; the core reads the same file, so
writing commands keep off while the app is open) and listens on a local socket
named after the file. A second instance on the same file finds the lock taken, asks the
first to come to the front, and is refused with :data:`ALREADY_OPEN`. The app takes the
lock before it opens the journal, and starts listening (QtNetwork) once its window shows.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from pmo_journal.core.storage.journal_lock import lock_holder, lock_path

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

ALREADY_OPEN = (
    "This journal is already open in another PMO Career Journal window; "
    "that window was brought to the front."
)
KNOCK = b"raise\n"
CONNECT_TIMEOUT_MS = 1_000
KNOCK_WAIT_MS = 200


def refusal(journal_path: Path) -> str:
    """Why this launch can't have the journal: another window, or a command writing to it."""
    holder = lock_holder(journal_path)
    if holder is not None and holder.command is not None:
        return f"{holder.describe(journal_path.name)}; try again when it has finished."
    return ALREADY_OPEN


def server_name(journal_path: Path) -> str:
    """A local socket name unique to the journal file (and short enough for every OS)."""
    digest = hashlib.sha256(str(journal_path.resolve()).encode()).hexdigest()[:16]
    return f"pmo-journal-{digest}"


class InstanceGuard(QObject):
    """Holds the journal's lock while the app runs; emits :attr:`activation_requested`
    when another instance asks this one to come to the front."""

    activation_requested = Signal()

    def __init__(self, journal_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal_path = journal_path
        self.lock = QLockFile(str(lock_path(journal_path)))
        # Only a dead owner makes the lock stale (Qt checks the process id), never its age.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self, *, listen: bool = True) -> bool:
        """Take the lock (and start listening, unless ``listen`` is false: then
        :meth:`listen` later); False when another instance holds it."""
        if not self.lock.tryLock(0):
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer the knocks of later launches (once; not after :meth:`release`)."""
        if self.server is not None or not self.lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.journal_path)
        QLocalServer.removeServer(name)  # a socket left by a crashed instance
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._knocked)
        self.server.listen(name)

    def _knocked(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            # The knock is a few bytes sent right after connecting: wait briefly for them.
            arrived = socket.bytesAvailable() or socket.waitForReadyRead(KNOCK_WAIT_MS)
            if arrived and bytes(socket.readAll().data()).startswith(KNOCK.strip()):
                self.activation_requested.emit()
            socket.close()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()


def ask_first_instance_to_raise(journal_path: Path) -> bool:
    """Knock on the instance holding the journal; True when it answered."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(journal_path))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(KNOCK)
    socket.flush()
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


def claim_journal(
    journal_path: Path, parent: QObject | None = None, *, listen: bool = True
) -> InstanceGuard | None:
    """The guard of this instance, or ``None`` when another instance has the journal open
    (an app holding it has then been asked to come to the front; show :func:`refusal`).
    With ``listen`` false the guard answers knocks only once :meth:`InstanceGuard.listen`
    is called."""
    guard = InstanceGuard(journal_path, parent)
    if guard.acquire(listen=listen):
        return guard
    holder = lock_holder(journal_path)
    if holder is None or holder.command is None:
        ask_first_instance_to_raise(journal_path)
    return None
