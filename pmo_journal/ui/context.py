"""What every screen is handed: the open journal and the signal that it changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from pmo_journal.core.storage.db import Journal


class JournalContext(QObject):
    """The open journal plus app-wide notifications.

    Screens call services with ``context.journal`` and emit :attr:`changed` after any
    write, so every other screen can refresh. :attr:`open_entry_requested` asks the main
    window to open an entry's editor (kind is an ``EntryKind`` value).
    """

    changed = Signal()
    open_entry_requested = Signal(str, int)

    def __init__(self, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
