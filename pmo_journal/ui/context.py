"""What every screen is handed: the open journal and the signal that says what changed."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar, overload

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.services import undo
from pmo_journal.core.storage.db import Journal

T = TypeVar("T")


class JournalContext(QObject):
    """The open journal plus app-wide notifications.

    Screens read with ``context.journal`` and make every change through :meth:`do`, which
    puts it on :attr:`undo_stack`, the one undo history (Edit ▸ Undo and Redo). What a
    use case changed is emitted on :attr:`changed` (a :class:`Changes`; the runner in
    :mod:`pmo_journal.ui.operations` does it for the work it runs). A screen reloads
    through :meth:`reload_on`, only when the changes touch what it shows.
    :attr:`open_entry_requested` asks the main window to open an entry's editor (kind is
    an ``EntryKind`` value).
    """

    changed = Signal(object)
    open_entry_requested = Signal(str, int)
    #: An editor saved an entry (kind value, id): the journal selects and shows it.
    entry_saved = Signal(str, int)

    def __init__(self, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.undo_stack = QUndoStack(self)

    @overload
    def do(
        self,
        text: str,
        work: Callable[[], Outcome[T]],
        *,
        shown: Callable[[bool], object] | None = None,
    ) -> T: ...
    @overload
    def do(
        self,
        text: str,
        work: Callable[[], Changes],
        *,
        shown: Callable[[bool], object] | None = None,
    ) -> None: ...
    def do(
        self,
        text: str,
        work: Callable[[], Outcome[T]] | Callable[[], Changes],
        *,
        shown: Callable[[bool], object] | None = None,
    ) -> T | None:
        """Make a change the user can undo: run ``work`` (a use case), say what it changed,
        and push it as ``text`` ("Delete mentor session"). A refusal (a ``JournalError``)
        is raised before anything is written or pushed."""
        from pmo_journal.ui.undo import UndoableChange

        done = undo.do(self.journal, work)
        self.announce(done.changes)
        if done.rows:
            self.undo_stack.push(UndoableChange(self, text, done, shown=shown))
        return done.value

    def announce(self, changes: Changes) -> None:
        """Tell every screen what a use case changed (nothing is said for no change).

        A change of the whole journal (an import, a restore, another laptop's changes taken
        in) ends the undo history: what it holds no longer describes the journal.
        """
        if changes == Changes.everything():
            self.undo_stack.clear()
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
