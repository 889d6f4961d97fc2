"""Undoable journal actions, pushed on the main window's QUndoStack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import timeline
from pmo_journal.ui.context import JournalContext


class DeleteEntryCommand(QUndoCommand):
    """Delete an entry; undo restores it whole (the core keeps deleted rows)."""

    def __init__(
        self,
        context: JournalContext,
        *,
        kind: EntryKind,
        entry_id: int,
        title: str,
        reselect: Callable[[EntryKind, int], object] | None = None,
    ) -> None:
        super().__init__(f"Delete “{title}”")
        self.context = context
        self.kind = kind
        self.entry_id = entry_id
        self.reselect = reselect

    def redo(self) -> None:
        timeline.delete_entry(self.context.journal, self.kind, self.entry_id)
        self.context.changed.emit()

    def undo(self) -> None:
        timeline.restore_entry(self.context.journal, self.kind, self.entry_id)
        self.context.changed.emit()
        if self.reselect is not None:
            # The entry comes back where the user left it: selected, in the detail pane.
            self.reselect(self.kind, self.entry_id)


class StarEntryCommand(QUndoCommand):
    """Star or unstar an entry."""

    def __init__(
        self, context: JournalContext, *, kind: EntryKind, entry_id: int, starred: bool
    ) -> None:
        super().__init__("Star entry" if starred else "Unstar entry")
        self.context = context
        self.kind = kind
        self.entry_id = entry_id
        self.starred = starred

    def _set(self, starred: bool) -> None:
        timeline.set_starred(self.context.journal, self.kind, self.entry_id, starred=starred)
        self.context.changed.emit()

    def redo(self) -> None:
        self._set(self.starred)

    def undo(self) -> None:
        self._set(not self.starred)
