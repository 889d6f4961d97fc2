"""What every screen is handed: the open journal and the signal that says what changed."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from pmo_journal.core.changes import Changes
from pmo_journal.core.storage.db import Journal


class JournalContext(QObject):
    """The open journal plus app-wide notifications.

    Screens call use cases with ``context.journal``; what a use case changed is emitted
    on :attr:`changed` (a :class:`Changes`; the runner in :mod:`pmo_journal.ui.operations`
    does it for the work it runs). A screen reloads through :meth:`reload_on`, only when
    the changes touch what it shows. :attr:`open_entry_requested` asks the main window to
    open an entry's editor (kind is an ``EntryKind`` value).
    """

    changed = Signal(object)
    open_entry_requested = Signal(str, int)
    #: An editor saved an entry (kind value, id): the journal selects and shows it.
    entry_saved = Signal(str, int)

    def __init__(self, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal

    def announce(self, changes: Changes) -> None:
        """Tell every screen what a use case changed (nothing is said for no change)."""
        if changes:
            self.changed.emit(changes)

    def reload_on(self, screen: QObject, shown: Changes, reload: Callable[[], object]) -> None:
        """Call ``reload`` (a method of ``screen``) whenever changes touch ``shown``, for as
        long as ``screen`` lives."""
        _Reloader(screen, self, shown, reload)


class _Reloader(QObject):
    """A child of the screen, so the connection ends when the screen is deleted.

    It holds its screen's method weakly: a strong one would keep a deleted screen's
    Python side (and its pending timers) alive.
    """

    def __init__(
        self,
        screen: QObject,
        context: JournalContext,
        shown: Changes,
        reload: Callable[[], object],
    ) -> None:
        super().__init__(screen)
        self._shown = shown
        self._reload = weakref.WeakMethod(reload)
        context.changed.connect(self._on_changed)

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        reload = self._reload()
        if reload is not None and changes.affects(self._shown):
            reload()
