"""A small dialog to pick recent journal entries to link to a goal as evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.models import EntryKind, GoalEvidenceRead
from pmo_journal.core.services.timeline import TimelineFilter, list_timeline
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.career.look import show_date

RECENT_LIMIT = 100
ENTRY_ROLE = Qt.ItemDataRole.UserRole


def evidence_label(entry: GoalEvidenceRead) -> str:
    return f"{show_date(entry.date)} · {entry.kind.label} · {entry.title}"


class EvidencePicker(QDialog):
    """Lists the most recent entries (or those matching a search); several can be chosen."""

    def __init__(
        self, journal: Journal, *, already: set[tuple[str, int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link journal entries as evidence")
        self.journal = journal
        self.already = already
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search entries…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search entries")
        self.entries = QListWidget()
        self.entries.setAccessibleName("Entries")
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.entries.itemDoubleClicked.connect(lambda _item: self.accept())
        self.empty = QLabel("No entries match. Log a session, assignment or reflection first.")
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.link_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.link_button.setText("&Link")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.refresh)
        self.entries.itemSelectionChanged.connect(self._update_button)
        self.resize(560, 460)
        self.refresh()

    def refresh(self) -> None:
        self.entries.clear()
        flt = TimelineFilter(text=self.search.text())
        for entry in list_timeline(self.journal, flt, limit=RECENT_LIMIT):
            if (entry.kind.value, entry.id) in self.already:
                continue
            read = GoalEvidenceRead(
                kind=entry.kind, id=entry.id, date=entry.date, title=entry.title
            )
            item = QListWidgetItem(evidence_label(read))
            item.setData(ENTRY_ROLE, read)
            self.entries.addItem(item)
        self.empty.setVisible(self.entries.count() == 0)
        self._update_button()

    def _update_button(self) -> None:
        self.link_button.setEnabled(bool(self.entries.selectedItems()))

    def chosen(self) -> list[GoalEvidenceRead]:
        return [item.data(ENTRY_ROLE) for item in self.entries.selectedItems()]

    def choose(self, kind: EntryKind, entry_id: int) -> None:
        """Select one entry by kind and id (for keyboard users' tests and scripts)."""
        for row in range(self.entries.count()):
            read: GoalEvidenceRead = self.entries.item(row).data(ENTRY_ROLE)
            if read.kind == kind and read.id == entry_id:
                self.entries.item(row).setSelected(True)
