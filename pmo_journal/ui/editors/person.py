"""The person editor: someone the journal's entries name (a mentor, a PMO leader…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from pmo_journal.core.changes import Outcome
from pmo_journal.core.models import NAME_MAX, PersonCreate, PersonRead, PersonUpdate, Relationship
from pmo_journal.core.services import people
from pmo_journal.ui import prompts
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.editors.base import EntryDialog, details_form
from pmo_journal.ui.editors.fields import prompt, text_edit
from pmo_journal.ui.formats import PRIVATE_MEANS

# What the user may do on being told the name is taken (besides Cancel).
OPEN_EXISTING = "Open the existing person"
SAVE_ANYWAY = "Save a second person"


class PersonDialog(EntryDialog):
    """Add or edit a person."""

    noun = "person"

    def __init__(
        self,
        context: JournalContext,
        *,
        person_id: int | None = None,
        name: str = "",
        relationship: Relationship = Relationship.PEER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.person_id = person_id
        self.model = PersonUpdate if person_id else PersonCreate
        existing = people.get_person(self.journal, person_id) if person_id else None
        self.setWindowTitle(f"Edit {existing.name}" if existing else "New person")

        form = details_form()
        self.name = QLineEdit(name)
        self.name.setMaxLength(NAME_MAX + 50)
        self.field("name", "&Name", self.name, form=form)
        self.role = QLineEdit()
        self.role.setPlaceholderText("e.g. Head of the PMO")
        self.field("role", "&Role", self.role, form=form)
        self.organisation = QLineEdit()
        self.field("organisation", "&Organisation", self.organisation, form=form)
        self.relationship = QComboBox()
        for option in Relationship:
            self.relationship.addItem(option.label, option.value)
        self.relationship.setCurrentIndex(self.relationship.findData(relationship.value))
        self.field("relationship", "Re&lationship", self.relationship, form=form)
        self.cadence = QSpinBox()
        self.cadence.setRange(0, 400)
        self.cadence.setSuffix(" days")
        self.cadence.setSpecialValueText("No regular meetings")
        self.field("cadence_days", "&Meet every", self.cadence, form=form)
        self.other_department = QCheckBox("Works outside my department")
        self.field("other_department", "&Department", self.other_department, form=form)
        self.notes = text_edit(prompt("person", "notes"), lines=4)
        self.field("notes", "No&tes", self.notes, form=form)
        self.private = QCheckBox(PRIVATE_MEANS)
        self.private.setToolTip(
            "Their name, the sessions with them and the PDU claims drawn from those "
            "sessions stay in the journal unless you include private entries."
        )
        self.field("private", "Pri&vate", self.private, form=form)
        self.finish_layout(form)  # at the editors' one size (fit to the screen)

        self.relationship.currentIndexChanged.connect(self._suggest_cadence)
        if existing is not None:
            self._load(existing)
        else:
            self._suggest_cadence()
        self.loaded()

    def _suggest_cadence(self) -> None:
        # Mentors are typically met monthly; suggest it when nothing was chosen yet.
        mentor = self.relationship.currentData() == Relationship.MENTOR.value
        if mentor and self.cadence.value() == 0:
            self.cadence.setValue(30)

    def _load(self, person: PersonRead) -> None:
        self.name.setText(person.name)
        self.role.setText(person.role)
        self.organisation.setText(person.organisation)
        self.relationship.setCurrentIndex(self.relationship.findData(person.relationship.value))
        self.cadence.setValue(person.cadence_days or 0)
        self.other_department.setChecked(person.other_department)
        self.notes.setPlainText(person.notes)
        self.private.setChecked(person.private)

    def is_new(self) -> bool:
        return self.person_id is None

    def accept(self) -> None:
        """Save, but first say so when someone else already has this name: a new person
        may open the existing one instead; an edit may go ahead or go back."""
        if not self.revalidate():
            return
        existing = people.namesake(self.journal, name=self.name.text(), person_id=self.person_id)
        if existing is not None:
            options = [OPEN_EXISTING, SAVE_ANYWAY] if self.is_new() else [SAVE_ANYWAY]
            choice = prompts.choose(
                self, people.namesake_message(existing), options, default=options[0]
            )
            if choice == OPEN_EXISTING:
                self.show_existing(existing)
                return
            if choice is None:
                return
        super().accept()

    def show_existing(self, person: PersonRead) -> None:
        """Become the editor of ``person``, as saved (what was typed here is let go)."""
        self.person_id = person.id
        self.model = PersonUpdate
        self.setWindowTitle(f"Edit {person.name}")
        self._loading = True
        self._load(person)
        self.loaded()

    def data(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "role": self.role.text(),
            "organisation": self.organisation.text(),
            "relationship": self.relationship.currentData(),
            "cadence_days": self.cadence.value() or None,
            "other_department": self.other_department.isChecked(),
            "notes": self.notes.toPlainText(),
            "private": self.private.isChecked(),
        }

    def save_entry(self) -> Outcome[PersonRead]:
        return people.save_person(self.journal, person_id=self.person_id, data=self.data())
