"""The People screen: the mentors, PMO leaders, peers and mentees the journal names."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind, PersonRead, Relationship
from pmo_journal.core.services import people
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import prompts, read_ahead
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.formats import show_number
from pmo_journal.ui.heading import ScreenHeader
from pmo_journal.ui.people.model import (
    CADENCE,
    ENTRIES,
    NAME,
    ORGANISATION,
    ROLE,
    PeopleModel,
)

ARCHIVE, REASSIGN = "Archive", "Reassign…"

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(entries=frozenset(EntryKind), people=True, action_items=True, settings=True)


class PeopleView(QWidget):
    """List, add, edit, archive and delete people. :attr:`person_selected` tells panels
    added with :meth:`add_detail_section` whom to show."""

    person_selected = Signal(int)

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Built ahead in idle time (``ui.warming``): changes are read when first shown.
        self.held_until_shown = False
        self._missed_changes = False
        self.context = context
        self.model = PeopleModel(self)

        self.relationship = QComboBox()
        self.relationship.addItem("Everyone", None)
        for option in Relationship:
            self.relationship.addItem(f"{option.label}s", option.value)
        self.relationship.setAccessibleName("Show relationship")
        self.show_archived = QCheckBox("Show &archived")
        self.show_archived.setAccessibleName("Show archived people")
        show_label = QLabel("&Show")
        show_label.setBuddy(self.relationship)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("People")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        # A list of people is short: every column fits its content and Role takes the rest.
        # On a narrow list the columns the pane repeats (Entries, Meets every, Organisation)
        # give way, in that order.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Stretch)
        # The viewport's own size, once the table has laid it out (not the table's, before).
        self.table.viewport().installEventFilter(self)

        self.add_button = QPushButton("&New person…")
        self.edit_button = QPushButton("Ed&it…")
        self.archive_button = QPushButton("A&rchive")
        self.delete_button = QPushButton("&Delete…")
        for button in (self.add_button, self.edit_button, self.archive_button, self.delete_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("Person details")
        # One pane scrolls: the person's facts, then panels about them (a mentor's sessions
        # and items), each as tall as what it holds; never a list scrolling inside it.
        facts = QWidget()
        self._details = QVBoxLayout(facts)
        self._details.setContentsMargins(14, 12, 14, 12)
        self._details.setSpacing(12)
        self._details.addWidget(self.summary)
        self._details.addStretch(1)
        self.detail_pane = QScrollArea()
        self.detail_pane.setAccessibleName("About the person")
        self.detail_pane.setWidgetResizable(True)
        self.detail_pane.setWidget(facts)
        self.detail_pane.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Room for the facts and a mentor's items beside a list of names.
        self.detail_pane.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        for pane in (facts, self.detail_pane):
            pane.setBackgroundRole(QPalette.ColorRole.Base)
            pane.setAutoFillBackground(True)
        detail_pane = self.detail_pane
        top = ScreenHeader("People")
        top.add(self.add_button, self.edit_button, self.archive_button, self.delete_button)
        top.add_gap()
        top.add(show_label, self.relationship, self.show_archived)
        top.end()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_pane)
        splitter.setChildrenCollapsible(False)
        # The list needs its names and roles; the pane about the person reads as well.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(top)
        layout.addWidget(splitter, 1)

        self.relationship.currentIndexChanged.connect(self.refresh)
        self.show_archived.toggled.connect(self.refresh)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def _fit_columns(self) -> None:
        room = self.table.viewport().width()
        header = self.table.horizontalHeader()

        def wanted(column: int) -> int:
            return max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))

        needed = sum(wanted(column) for column in range(self.model.columnCount()))
        for column in (ENTRIES, CADENCE, ORGANISATION):
            hidden = needed > room
            self.table.setColumnHidden(column, hidden)
            if hidden:
                needed -= wanted(column)

    def add_detail_section(self, widget: QWidget) -> None:
        """Add a panel below the person's summary, in the pane's one scroll (its lists
        show whole: see ``ui.whole_list``)."""
        self._details.insertWidget(self._details.count() - 1, widget)

    # ------------------------------------------------------------------ state
    def selected_person(self) -> PersonRead | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.person_at(index.row()) if index.isValid() else None

    def select_person(self, person_id: int) -> bool:
        row = self.model.row_of(person_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, NAME),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.held_until_shown:
            self.held_until_shown = False
            if self._missed_changes:
                self._missed_changes = False
                self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self.held_until_shown:
            self._missed_changes = True  # built ahead, never shown: read when first shown
            return
        chosen = self.selected_person()
        value = self.relationship.currentData()
        archived = self.show_archived.isChecked()
        # The list as the screen opens may have been read ahead (on a worker, unchanged since).
        ahead = None if value or archived else read_ahead.take(self.context, read_ahead.PEOPLE_LIST)
        self.model.set_people(
            ahead
            if isinstance(ahead, list)
            else people.list_people(
                self.context.journal,
                include_archived=archived,
                relationship=Relationship(value) if value else None,
            )
        )
        self._fit_columns()
        if chosen is None or not self.select_person(chosen.id):
            self._show_current(QModelIndex(), QModelIndex())

    @Slot(QModelIndex, QModelIndex)
    def _show_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        person = self.selected_person()
        for button in (self.edit_button, self.archive_button, self.delete_button):
            button.setEnabled(person is not None)
        if person is None:
            self.summary.setText(
                "<p style='color:#7a7f87'>Select someone to see who they are to you.</p>"
                if self.model.rowCount()
                else "<h3>No people yet</h3><p>Add your mentor, the PMO leader you help, "
                "peers and mentees with <b>New person</b>.</p>"
            )
            return
        self.archive_button.setText("Unarchive" if person.archived else "A&rchive")
        self.summary.setText(person_html(person))
        self.person_selected.emit(person.id)

    # ------------------------------------------------------------------ actions
    def add_person(self) -> QDialog:
        from pmo_journal.ui.editors import new_person

        return new_person(self.context, parent=self)

    def edit_selected(self) -> QDialog | None:
        from pmo_journal.ui.editors import edit_person

        person = self.selected_person()
        return edit_person(self.context, person.id, parent=self) if person else None

    def toggle_archived(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        archived = not person.archived
        self.context.do(
            "Archive person" if archived else "Restore person",
            lambda: people.archive_person(
                self.context.journal, person_id=person.id, archived=archived
            ),
        )

    def delete_selected(self) -> None:
        """Delete; when entries name the person, offer to archive or reassign instead."""
        person = self.selected_person()
        if person is None:
            return
        journal = self.context.journal
        if person.entry_count == 0 and not prompts.ask(
            self, f"Delete {person.name}?", destructive=True
        ):
            return
        try:
            self.context.do(
                "Delete person", lambda: people.remove_person(journal, person_id=person.id)
            )
        except JournalError as exc:
            choice = self.choose_fallback(str(exc))
            if choice == ARCHIVE:
                self.context.do(
                    "Archive person",
                    lambda: people.archive_person(journal, person_id=person.id, archived=True),
                )
            elif choice == REASSIGN:
                others = [p for p in people.list_people(journal) if p.id != person.id]
                target = self.choose_person(others, person)
                if target is not None:
                    self.context.do(
                        "Delete person",
                        lambda: people.remove_person(
                            journal, person_id=person.id, reassign_to=target
                        ),
                    )

    def choose_fallback(self, message: str) -> str | None:
        """The core's reason the person can't be deleted, and what to do instead."""
        return prompts.choose(
            self, "This person is in your journal", [ARCHIVE, REASSIGN], detail=message
        )

    def choose_person(self, others: list[PersonRead], person: PersonRead) -> int | None:
        if not others:
            prompts.tell(self, "There is nobody else to reassign to.", title="Reassign")
            return None
        question = f"Move {person.name}'s entries to:"
        names = [people.person_label(p) for p in others]
        chosen = prompts.pick(self, question, names, title="Reassign entries")
        return None if chosen is None else others[chosen].id


def person_html(person: PersonRead) -> str:
    facts = [
        ("Relationship", person.relationship.label),
        ("Role", person.role),
        ("Organisation", person.organisation),
        ("Meets every", f"{person.cadence_days} days" if person.cadence_days else ""),
        ("Department", "Outside mine" if person.other_department else ""),
        ("Journal entries", show_number(person.entry_count)),
        ("Archived", "Yes" if person.archived else ""),
    ]
    rows = "".join(
        f"<tr><td style='padding:2px 14px 2px 0; color:#7a7f87'>{label}</td>"
        f"<td style='padding:2px 0'>{html.escape(value)}</td></tr>"
        for label, value in facts
        if value
    )
    notes = (
        f"<h4 style='margin:14px 0 4px 0'>Notes</h4><p>{html.escape(person.notes)}</p>"
        if person.notes
        else ""
    )
    title = f"<h2 style='margin:0 0 10px 0'>{html.escape(person.name)}</h2>"
    return f"{title}<table cellspacing='0'>{rows}</table>{notes}"
