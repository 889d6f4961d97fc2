"""The note editor: a dated, titled piece of writing, with the people and skills it concerns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from pmo_journal.core.changes import Outcome
from pmo_journal.core.models import TITLE_MAX, EntryKind, NoteCreate, NoteRead, NoteUpdate
from pmo_journal.core.services import entries, notes, people, skills
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import date_edit, from_qdate, to_qdate
from pmo_journal.ui.drafts import draft_date
from pmo_journal.ui.editors.base import EntryDialog, details_form, writing_column
from pmo_journal.ui.editors.fields import PeopleChecklist, SkillChecklist, prompt, text_edit


class OptionalTimeEdit(QWidget):
    """A time of day that may be left out: a check box switches the time edit on."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.check = QCheckBox("At")
        self.edit = QTimeEdit(QTime(9, 0))
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.timeChanged.connect(self.changed)

    def value(self) -> dt.time | None:
        if not self.check.isChecked():
            return None
        time = self.edit.time()
        return dt.time(time.hour(), time.minute())

    def set_value(self, value: dt.time | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setTime(QTime(value.hour, value.minute))


def _draft_time(payload: dict[str, Any]) -> dt.time | None:
    value = payload.get("time")
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            return None
    return None


class NoteDialog(EntryDialog):
    """Write a note: a talk with a PMO leader, notes from a training, an idea for the PMO."""

    noun = "note"

    def __init__(
        self,
        context: JournalContext,
        *,
        entry_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        existing = self.open_entry(
            entry_id, create=NoteCreate, update=NoteUpdate, get=notes.get_note, title="note"
        )
        # Seconds of an imported time survive an edit that leaves the time alone.
        self._time = existing.time if existing is not None else None

        details = details_form()
        self.date = self.field("date", "&Date", date_edit(), form=details)
        self.time = self.field("time", "T&ime", OptionalTimeEdit(), form=details)
        self.people = PeopleChecklist(people.list_people(self.journal, include_archived=True))
        self.field("person_ids", "&People", self.people, form=details)
        self.skills = SkillChecklist(skills.list_skills(self.journal, include_archived=True))
        self.field("skill_ids", "S&kills", self.skills, form=details)

        writing = writing_column()
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX + 50)
        self.title.setPlaceholderText(prompt("note", "title"))
        self.text_field("title", "&Title", self.title, column=writing)
        self.text = text_edit(prompt("note", "text"), lines=10)
        self.text_field("text", "Te&xt", self.text, column=writing)

        self.files_field(EntryKind.NOTE.value, column=writing)
        self.finish_columns(details, writing)
        if existing is not None:
            self._load(existing)
        self.loaded()

    def _load(self, entry: NoteRead) -> None:
        self.date.setDate(to_qdate(entry.date))
        self.time.set_value(entry.time)
        self.people.set_checked_ids(entry.person_ids)
        self.skills.set_checked_ids(entry.skill_ids)
        self.title.setText(entry.title)
        self.text.setPlainText(entry.text)
        self.set_flags(starred=entry.starred, private=entry.private)

    def load_draft(self, payload: dict[str, Any]) -> None:
        """Fill the fields from an autosaved draft (see :mod:`pmo_journal.ui.drafts`)."""
        if (date := draft_date(payload, "date")) is not None:
            self.date.setDate(to_qdate(date))
        self.time.set_value(_draft_time(payload))
        self.people.set_checked_ids(
            [i for i in payload.get("person_ids", []) if isinstance(i, int)]
        )
        self.skills.set_checked_ids([i for i in payload.get("skill_ids", []) if isinstance(i, int)])
        self.title.setText(str(payload.get("title", "")))
        self.text.setPlainText(str(payload.get("text", "")))
        self.set_flags(starred=bool(payload.get("starred")), private=bool(payload.get("private")))
        self.restored()

    def _time_value(self) -> dt.time | None:
        shown = self.time.value()
        if self._time is not None and shown == self._time.replace(second=0, microsecond=0):
            return self._time
        return shown

    def data(self) -> dict[str, Any]:
        return {
            "date": from_qdate(self.date.date()),
            "time": self._time_value(),
            "title": self.title.text(),
            "text": self.text.toPlainText(),
            "person_ids": self.people.checked_ids(),
            "skill_ids": self.skills.checked_ids(),
            **self.flags(),
        }

    def save_entry(self) -> Outcome[NoteRead]:
        return entries.save_note(self.journal, entry_id=self.entry_id, data=self.data())
