"""The one undo history: every change a user makes is a command on the context's QUndoStack.

A screen makes a change through :meth:`JournalContext.do`, which runs the use case with
the core keeping what it wrote (:mod:`pmo_journal.core.services.undo`), tells every screen
what changed, and pushes an :class:`UndoableChange`. Undo and redo put the rows back
through the core and say what changed again, so the screens reload as after any save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from pmo_journal.core.changes import Changes
from pmo_journal.core.services import undo as history
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import prompts

if TYPE_CHECKING:
    from pmo_journal.ui.context import JournalContext


class UndoableChange(QUndoCommand):
    """A change already made; undo returns the rows it wrote to before, redo to after.

    ``shown`` is called (with True after a redo, False after an undo) to bring the
    changed thing back into view, e.g. select the entry an undone delete restored.
    """

    def __init__(
        self,
        context: JournalContext,
        text: str,
        done: history.Done[object],
        *,
        shown: Callable[[bool], object] | None = None,
    ) -> None:
        super().__init__(text)
        self.context = context
        self.done = done
        self.shown = shown
        self._made = True  # pushing a command redoes it: this one is already made

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self._put_back(history.redo, after=True)

    def undo(self) -> None:
        self._put_back(history.undo, after=False)

    def _put_back(
        self, put: Callable[[Journal, history.Done[object]], Changes], *, after: bool
    ) -> None:
        try:
            changes = put(self.context.journal, self.done)
        except JournalError as exc:
            # Gone from the history: it cannot be put back again.
            self.setObsolete(True)
            prompts.tell(None, str(exc))
            return
        self.context.announce(changes)
        if self.shown is not None:
            self.shown(after)
