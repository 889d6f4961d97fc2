"""The PMO helper assignment editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QWidget,
)

from pmo_journal.core.changes import Outcome
from pmo_journal.core.models import (
    HOURS_MAX,
    TITLE_MAX,
    AssignmentKind,
    AssignmentStatus,
    EntryKind,
    HelperAssignmentCreate,
    HelperAssignmentRead,
    HelperAssignmentUpdate,
    Relationship,
)
from pmo_journal.core.services import entries, helper_assignments, skills
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import date_edit, from_qdate, to_qdate
from pmo_journal.ui.drafts import draft_date
from pmo_journal.ui.editors.base import EntryDialog, details_form, writing_column
from pmo_journal.ui.editors.fields import (
    NewPersonHint,
    OptionalDateEdit,
    PersonPicker,
    SkillChecklist,
    prompt,
    text_edit,
)


def _combo(options: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox()
    for label, value in options:
        combo.addItem(label, value)
    combo.setCurrentIndex(combo.findData(current))
    return combo


class HelperAssignmentDialog(EntryDialog):
    """Log or edit the work the user volunteered for the PMO."""

    noun = "helper assignment"

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
            create=HelperAssignmentCreate,
            update=HelperAssignmentUpdate,
            get=helper_assignments.get_helper_assignment,
            title="helper assignment",
        )

        details = details_form()
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX + 50)
        self.title.setPlaceholderText(prompt("helper_assignment", "title"))
        self.field("title", "&Title", self.title, form=details)
        self.kind = _combo([(k.label, k.value) for k in AssignmentKind], AssignmentKind.OTHER)
        self.field("kind", "&Kind", self.kind, form=details)
        self.leader = PersonPicker(self.journal, relationship=Relationship.PMO_LEADER)
        self.field("leader_id", "PMO &leader who asked", self.leader, form=details)
        self.new_leader_hint = NewPersonHint(self.leader, as_what="a PMO leader")
        details.addRow("", self.new_leader_hint)
        self.start = self.field("start_date", "St&art date", date_edit(), form=details)
        self.end = OptionalDateEdit("Finished")
        self.field("end_date", "&End date", self.end, form=details)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.0, HOURS_MAX + 1000)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" h")
        self.field("hours", "&Hours", self.hours, form=details)
        self.status = _combo(
            [(s.label, s.value) for s in AssignmentStatus], AssignmentStatus.IN_PROGRESS
        )
        self.field("status", "Stat&us", self.status, form=details)
        self.own_employer = QCheckBox("For my own employer")
        self.own_employer.setChecked(True)
        self.field("for_own_employer", "&Where", self.own_employer, form=details)
        self.skills = SkillChecklist(skills.list_skills(self.journal, include_archived=True))
        self.field("skill_ids", "Skills e&xercised", self.skills, form=details)

        writing = writing_column()
        self.outcome = text_edit(prompt("helper_assignment", "outcome"), lines=5)
        self.text_field("outcome", "&Outcome / value delivered", self.outcome, column=writing)
        self.feedback = text_edit(prompt("helper_assignment", "feedback"), lines=5)
        self.text_field("feedback", "&Feedback received", self.feedback, column=writing)

        self.files_field(EntryKind.HELPER_ASSIGNMENT.value, column=writing)
        self.finish_columns(details, writing, stretch=(1, 1))

        if existing is not None:
            self._load(existing)
        self.loaded()

    def _load(self, entry: HelperAssignmentRead) -> None:
        self.title.setText(entry.title)
        self.kind.setCurrentIndex(self.kind.findData(entry.kind.value))
        self.leader.set_person(entry.leader_id)
        self.start.setDate(to_qdate(entry.start_date))
        self.end.set_value(entry.end_date)
        self.hours.setValue(entry.hours)
        self.status.setCurrentIndex(self.status.findData(entry.status.value))
        self.own_employer.setChecked(entry.for_own_employer)
        self.skills.set_checked_ids(entry.skill_ids)
        self.outcome.setPlainText(entry.outcome)
        self.feedback.setPlainText(entry.feedback)
        self.set_flags(starred=entry.starred, private=entry.private)

    def draft_payload(self) -> dict[str, Any]:
        return {**self.data(), "leader_name": self.leader.currentText()}

    def load_draft(self, payload: dict[str, Any]) -> None:
        """Fill the fields from an autosaved draft (see :mod:`pmo_journal.ui.drafts`)."""
        self.title.setText(str(payload.get("title", "")))
        for combo, key in ((self.kind, "kind"), (self.status, "status")):
            if (index := combo.findData(payload.get(key))) >= 0:
                combo.setCurrentIndex(index)
        self.leader.restore(payload.get("leader_id"), payload.get("leader_name", ""))
        if (start := draft_date(payload, "start_date")) is not None:
            self.start.setDate(to_qdate(start))
        self.end.set_value(draft_date(payload, "end_date"))
        hours = payload.get("hours")
        self.hours.setValue(float(hours) if isinstance(hours, int | float) else 0.0)
        self.own_employer.setChecked(payload.get("for_own_employer", True) is not False)
        self.skills.set_checked_ids([i for i in payload.get("skill_ids", []) if isinstance(i, int)])
        self.outcome.setPlainText(str(payload.get("outcome", "")))
        self.feedback.setPlainText(str(payload.get("feedback", "")))
        self.set_flags(starred=bool(payload.get("starred")), private=bool(payload.get("private")))
        self.restored()

    def data(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "leader_id": self.leader.checked_id(),
            "start_date": from_qdate(self.start.date()),
            "end_date": self.end.value(),
            "hours": self.hours.value(),
            "status": self.status.currentData(),
            "for_own_employer": self.own_employer.isChecked(),
            "skill_ids": self.skills.checked_ids(),
            "outcome": self.outcome.toPlainText(),
            "feedback": self.feedback.toPlainText(),
            **self.flags(),
        }

    def save_entry(self) -> Outcome[HelperAssignmentRead]:
        return entries.save_helper_assignment(
            self.journal,
            entry_id=self.entry_id,
            data={**self.data(), "leader_id": self.leader.person_id()},
            new_leader_name=self.leader.new_name(),
        )
