"""Undoable journal actions, pushed on the main window's QUndoStack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import entries
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
        journal = self.context.journal
        self.context.announce(entries.delete_entry(journal, kind=self.kind, entry_id=self.entry_id))

    def undo(self) -> None:
        journal = self.context.journal
        changes = entries.undo_delete_entry(journal, kind=self.kind, entry_id=self.entry_id)
        self.context.announce(changes)
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
        changes = entries.star_entry(
            self.context.journal, kind=self.kind, entry_id=self.entry_id, starred=starred
        )
        self.context.announce(changes)

    def redo(self) -> None:
        self._set(self.starred)

    def undo(self) -> None:
        self._set(not self.starred)
