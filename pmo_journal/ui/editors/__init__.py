"""The editors, one dialog per kind of entry, and the calls that open them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pmo_journal.core.models import EntryKind
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.drafts import DraftAutosaver
from pmo_journal.ui.editors.base import EntryDialog
from pmo_journal.ui.editors.helper_assignment import HelperAssignmentDialog
from pmo_journal.ui.editors.mentor_session import MentorSessionDialog
from pmo_journal.ui.editors.note import NoteDialog
from pmo_journal.ui.editors.person import PersonDialog
from pmo_journal.ui.editors.skill_reflection import SkillReflectionDialog

KindDialog = MentorSessionDialog | HelperAssignmentDialog | SkillReflectionDialog | NoteDialog
DIALOGS: dict[EntryKind, type[KindDialog]] = {
    EntryKind.MENTOR_SESSION: MentorSessionDialog,
    EntryKind.HELPER_ASSIGNMENT: HelperAssignmentDialog,
    EntryKind.SKILL_REFLECTION: SkillReflectionDialog,
    EntryKind.NOTE: NoteDialog,
}

__all__ = [
    "DIALOGS",
    "EntryDialog",
    "HelperAssignmentDialog",
    "MentorSessionDialog",
    "NoteDialog",
    "PersonDialog",
    "SkillReflectionDialog",
    "edit_entry",
    "edit_person",
    "new_entry",
    "new_person",
]


def _open(dialog: EntryDialog) -> EntryDialog:
    """Show ``dialog`` window-modal without blocking; it goes away once closed."""
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _autosaved(
    context: JournalContext,
    dialog: KindDialog,
    kind: EntryKind,
) -> EntryDialog:
    """An entry editor whose unsaved writing is kept as a draft every few seconds."""
    saver = DraftAutosaver(
        context, dialog, kind.value, dialog.entry_id, collect=dialog.draft_payload
    )
    saver.problem.connect(dialog.show_draft_problem)
    dialog.accepted.connect(lambda: context.entry_saved.emit(kind.value, dialog.saved.id))
    return dialog


def new_entry(context: JournalContext, kind: EntryKind, *, parent: QWidget | None) -> EntryDialog:
    return _open(_autosaved(context, DIALOGS[kind](context, parent=parent), kind))


def edit_entry(
    context: JournalContext, kind: EntryKind, entry_id: int, *, parent: QWidget | None
) -> EntryDialog:
    dialog = DIALOGS[kind](context, entry_id=entry_id, parent=parent)
    return _open(_autosaved(context, dialog, kind))


def new_person(context: JournalContext, *, parent: QWidget | None) -> EntryDialog:
    return _open(PersonDialog(context, parent=parent))


def edit_person(context: JournalContext, person_id: int, *, parent: QWidget | None) -> EntryDialog:
    return _open(PersonDialog(context, person_id=person_id, parent=parent))
