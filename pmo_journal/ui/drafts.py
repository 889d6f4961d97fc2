"""Autosaved drafts of open editors, and the offer at start-up to bring them back after a crash."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from pmo_journal.core.services import drafts
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import prompts
from pmo_journal.ui.context import JournalContext

if TYPE_CHECKING:
    from pmo_journal.ui.editors.base import EntryDialog

AUTOSAVE_INTERVAL_MS = 3_000


def draft_date(payload: dict[str, Any], key: str) -> dt.date | None:
    """A date a draft holds as ISO text (``None`` when absent or unreadable)."""
    value = payload.get(key)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class DraftAutosaver(QObject):
    """Saves an open editor's content as a draft every few seconds while it has changes.

    The draft is discarded when the editor closes (saved or cancelled); after a crash
    or a kill it stays in the journal and :func:`offer_drafts` offers it at the next start.
    """

    saved = Signal(int)
    # The core's sentence when a draft could not be kept (a full disk, a busy journal);
    # "" once a later one is kept again.
    problem = Signal(str)

    def __init__(
        self,
        context: JournalContext,
        dialog: QDialog,
        kind: str,
        entry_id: int | None,
        *,
        collect: Callable[[], dict[str, Any]],
        draft_id: int | None = None,
        interval_ms: int = AUTOSAVE_INTERVAL_MS,
    ) -> None:
        super().__init__(dialog)
        self.context = context
        self.dialog = dialog
        self.kind = kind
        self.entry_id = entry_id
        self.collect = collect
        self.draft_id = draft_id
        self._last = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        dialog.finished.connect(self._closed)
        self.timer.start()

    def _dirty(self) -> bool:
        has_changes = getattr(self.dialog, "has_changes", None)
        return bool(has_changes()) if callable(has_changes) else True

    def save_now(self) -> int | None:
        """Store the draft if the editor has unsaved changes; returns its id."""
        if not self._dirty():
            return None
        payload = self.collect()
        text = json.dumps(payload, default=str, sort_keys=True)
        if text == self._last and self.draft_id is not None:
            return self.draft_id
        try:
            self.draft_id = drafts.save_draft(
                self.context.journal,
                kind=self.kind,
                entry_id=self.entry_id,
                payload=payload,
                draft_id=self.draft_id,
            )
        except JournalError as exc:
            # Autosave never interrupts typing: the editor says so, the next tick tries again.
            self.problem.emit(f"Your writing was not kept as a draft just now. {exc}")
            return None
        self._last = text
        self.saved.emit(self.draft_id)
        self.problem.emit("")
        return self.draft_id

    def keep(self) -> None:
        """Store the draft now and keep it after the editor closes: its journal is being
        left, and the draft is offered the next time that journal opens."""
        self.save_now()
        self.timer.stop()
        self.dialog.finished.disconnect(self._closed)

    def _closed(self, _result: int) -> None:
        self.timer.stop()
        if self.draft_id is not None:
            # A draft that can't be discarded now (a full disk) is offered at the next start.
            with contextlib.suppress(JournalError):
                drafts.discard_draft(self.context.journal, self.draft_id)
            self.draft_id = None


def _describe(draft: drafts.DraftRead) -> str:
    from pmo_journal.core.models import EntryKind

    label = EntryKind(draft.kind).label.lower()
    from pmo_journal.ui.formats import show_datetime

    local = show_datetime(draft.saved_at)
    action = "a new" if draft.entry_id is None else "changes to a"
    return f"{action} {label} (last saved {local})"


def offer_drafts(parent: QWidget | None, context: JournalContext) -> list[EntryDialog]:
    """At start-up: offer drafts a crash left behind; returns the editors reopened with them."""
    from pmo_journal.core.models import EntryKind
    from pmo_journal.ui.editors import DIALOGS

    kinds = {kind.value for kind in EntryKind}
    found = [draft for draft in drafts.list_drafts(context.journal) if draft.kind in kinds]
    if not found:
        return []
    detail = "It held " + "; ".join(_describe(draft) for draft in found) + "."
    question = (
        "Restore unsaved writing?" if len(found) == 1 else f"Restore {len(found)} unsaved editors?"
    )
    restore = prompts.ask(
        parent,
        question,
        detail="The journal closed while an editor was open. " + detail,
        yes="Restore",
        no="Discard",
        default=True,
    )
    if not restore:
        for draft in found:
            drafts.discard_draft(context.journal, draft.id)
        return []
    reopened: list[EntryDialog] = []
    for draft in found:
        dialog_class = DIALOGS[EntryKind(draft.kind)]
        try:
            dialog = dialog_class(context, entry_id=draft.entry_id, parent=parent)
        except JournalError:
            # The entry was deleted since: its draft comes back as a new entry.
            dialog = dialog_class(context, parent=parent)
        dialog.load_draft(draft.payload)
        DraftAutosaver(
            context,
            dialog,
            draft.kind,
            dialog.entry_id,
            collect=dialog.draft_payload,
            draft_id=draft.id,
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        reopened.append(dialog)
    return reopened
