"""The mentor session editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.changes import Outcome
from pmo_journal.core.models import (
    DURATION_MAX_MINUTES,
    EntryKind,
    MentorSessionCreate,
    MentorSessionRead,
    MentorSessionUpdate,
    Relationship,
    SessionFormat,
)
from pmo_journal.core.services import entries, mentor_sessions, skills
from pmo_journal.ui.career.carry_forward import CarryForwardPanel
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import date_edit, from_qdate, to_qdate
from pmo_journal.ui.drafts import draft_date
from pmo_journal.ui.editors.action_items import ActionItemsEditor
from pmo_journal.ui.editors.base import EntryDialog, details_form, writing_column
from pmo_journal.ui.editors.fields import (
    NewPersonHint,
    OptionalDateEdit,
    PersonPicker,
    SkillChecklist,
    prompt,
    text_edit,
)


class MentorSessionDialog(EntryDialog):
    """Log or edit a mentor session. Other panels can join with :meth:`add_section`."""

    noun = "mentor session"

    def __init__(
        self,
        context: JournalContext,
        *,
        entry_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        existing = self.open_entry(
            entry_id,
            create=MentorSessionCreate,
            update=MentorSessionUpdate,
            get=mentor_sessions.get_mentor_session,
            title="mentor session",
        )

        details = details_form()
        self.date = self.field("date", "&Date", date_edit(), form=details)
        self.mentor = PersonPicker(self.journal, relationship=Relationship.MENTOR)
        self.field("mentor_id", "&Mentor", self.mentor, form=details)
        self.new_mentor_hint = NewPersonHint(self.mentor, as_what="a mentor")
        details.addRow("", self.new_mentor_hint)
        self.duration = QSpinBox()
        self.duration.setRange(0, DURATION_MAX_MINUTES)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setValue(60)
        self.field("duration_minutes", "D&uration", self.duration, form=details)
        self.format = QComboBox()
        for session_format in SessionFormat:
            self.format.addItem(session_format.label, session_format.value)
        self.format.setCurrentIndex(self.format.findData(SessionFormat.VIDEO.value))
        self.field("format", "&Format", self.format, form=details)
        self.next_session = OptionalDateEdit("Planned")
        self.field("next_session_date", "&Next session", self.next_session, form=details)
        self.skills = SkillChecklist(skills.list_skills(self.journal, include_archived=True))
        self.field("skill_ids", "S&kills touched", self.skills, form=details)

        writing = writing_column()
        self.topics = text_edit(prompt("mentor_session", "topics"))
        self.text_field("topics", "&Topics", self.topics, column=writing)
        self.decisions = text_edit(prompt("mentor_session", "decisions"))
        self.text_field("decisions", "PMO de&cisions discussed", self.decisions, column=writing)
        self.takeaways = text_edit(prompt("mentor_session", "takeaways"))
        self.text_field("takeaways", "Key takea&ways", self.takeaways, column=writing)
        self.action_items = ActionItemsEditor()
        self.text_field("new_action_items", "Act&ion items", self.action_items, column=writing)
        self.action_items.changed.connect(self._changed)
        #: Extra panels (e.g. action items carried forward) are inserted here.
        self.extra_sections = QVBoxLayout()
        writing.addLayout(self.extra_sections)
        self.files_field(EntryKind.MENTOR_SESSION.value, column=writing)

        self.finish_columns(details, writing)

        # Items still open from earlier sessions with this mentor: carry forward or close.
        self.carry_forward = CarryForwardPanel(context)
        self.add_section(self.carry_forward)
        self.mentor.editTextChanged.connect(self._update_carry_forward)
        self.date.dateChanged.connect(self._update_carry_forward)
        self.carry_forward.changed.connect(self._changed)
        if existing is not None:
            self._load(existing)
        self._update_carry_forward()
        self.loaded()

    def add_section(self, widget: QWidget) -> None:
        """Add a panel under the action items (kept in the tab order after them)."""
        self.extra_sections.addWidget(widget)
        QWidget.setTabOrder(self.action_items.remove_button, widget)

    def _load(self, entry: MentorSessionRead) -> None:
        self.date.setDate(to_qdate(entry.date))
        self.mentor.set_person(entry.mentor_id)
        self.duration.setValue(entry.duration_minutes)
        self.format.setCurrentIndex(self.format.findData(entry.format.value))
        self.next_session.set_value(entry.next_session_date)
        self.skills.set_checked_ids(entry.skill_ids)
        self.topics.setPlainText(entry.topics)
        self.decisions.setPlainText(entry.decisions)
        self.takeaways.setPlainText(entry.takeaways)
        self.action_items.show_existing(entry.action_items)
        self.set_flags(starred=entry.starred, private=entry.private)

    def _update_carry_forward(self, *_args: object) -> None:
        self.carry_forward.set_mentor(
            self.mentor.person_id(),
            before=self.session_date(),
            exclude_session_id=self.entry_id,
        )

    def draft_payload(self) -> dict[str, Any]:
        return {
            **self.data(),
            "mentor_name": self.mentor.currentText(),
            "new_action_items": [i.model_dump() for i in self.action_items.new_items()],
        }

    def load_draft(self, payload: dict[str, Any]) -> None:
        """Fill the fields from an autosaved draft (see :mod:`pmo_journal.ui.drafts`)."""
        if (date := draft_date(payload, "date")) is not None:
            self.date.setDate(to_qdate(date))
        self.mentor.restore(payload.get("mentor_id"), payload.get("mentor_name", ""))
        duration = payload.get("duration_minutes")
        self.duration.setValue(duration if isinstance(duration, int) else 60)
        if (index := self.format.findData(payload.get("format"))) >= 0:
            self.format.setCurrentIndex(index)
        self.next_session.set_value(draft_date(payload, "next_session_date"))
        self.skills.set_checked_ids([i for i in payload.get("skill_ids", []) if isinstance(i, int)])
        self.topics.setPlainText(str(payload.get("topics", "")))
        self.decisions.setPlainText(str(payload.get("decisions", "")))
        self.takeaways.setPlainText(str(payload.get("takeaways", "")))
        for item in payload.get("new_action_items", []):
            if isinstance(item, dict) and str(item.get("text", "")).strip():
                self.action_items.text.setText(str(item["text"]))
                self.action_items.due.set_value(draft_date(item, "due_date"))
                self.action_items.add_item()
        self.set_flags(starred=bool(payload.get("starred")), private=bool(payload.get("private")))
        self.restored()

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "date": from_qdate(self.date.date()),
            "duration_minutes": self.duration.value(),
            "format": self.format.currentData(),
            "next_session_date": self.next_session.value(),
            "skill_ids": self.skills.checked_ids(),
            "topics": self.topics.toPlainText(),
            "decisions": self.decisions.toPlainText(),
            "takeaways": self.takeaways.toPlainText(),
            **self.flags(),
        }
        if (mentor_id := self.mentor.checked_id()) is not None:
            data["mentor_id"] = mentor_id
        if self.entry_id is None:
            data["new_action_items"] = [i.model_dump() for i in self.action_items.new_items()]
        return data

    def session_date(self) -> dt.date:
        return from_qdate(self.date.date())

    def save_entry(self) -> Outcome[MentorSessionRead]:
        data = {**self.data(), "mentor_id": self.mentor.person_id()}
        return entries.save_mentor_session(
            self.journal,
            entry_id=self.entry_id,
            data=data,
            new_mentor_name=self.mentor.new_name(),
            carry=self.carry_forward.choices(),
            new_action_items=self.action_items.new_items() if self.entry_id else (),
        )
