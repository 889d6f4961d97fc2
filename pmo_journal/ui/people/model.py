"""The people table model: everyone the journal names, one row each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from pmo_journal.core.models import PersonRead
from pmo_journal.ui.formats import show_number
from pmo_journal.ui.table_model import Index, RowsTableModel

NAME, RELATIONSHIP, ROLE, ORGANISATION, CADENCE, ENTRIES = range(6)
HEADERS = ("Name", "Relationship", "Role", "Organisation", "Meets every", "Entries")
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole


class PeopleModel(RowsTableModel[PersonRead]):
    """A list of :class:`PersonRead`, replaced whole by :meth:`set_people`."""

    HEADERS = HEADERS

    def set_people(self, people: list[PersonRead]) -> None:
        self.set_rows(people)

    def person_at(self, row: int) -> PersonRead:
        return self.row_at(row)

    def row_of(self, person_id: int) -> int | None:
        for row, person in enumerate(self._rows):
            if person.id == person_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(person, index.column())
        if role == PERSON_ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.FontRole and person.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and person.archived:
            return "Archived: kept for the entries that name them, hidden from pickers."
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (NAME, ROLE, ORGANISATION):
            # The narrow columns elide long roles and organisations: the tooltip has them whole.
            return self._display(person, index.column()) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == ENTRIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(person: PersonRead, column: int) -> str:
        if column == NAME:
            return person.name + (" (archived)" if person.archived else "")
        if column == RELATIONSHIP:
            return person.relationship.label
        if column == ROLE:
            return person.role
        if column == ORGANISATION:
            return person.organisation
        if column == CADENCE:
            return f"{person.cadence_days} days" if person.cadence_days else ""
        return show_number(person.entry_count)
