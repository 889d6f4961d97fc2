"""The open action items screen: every item still to do, by mentor, with done and reopen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import ActionItemRead, EntryKind
from pmo_journal.core.services import action_items, career, people
from pmo_journal.core.validation import JournalError
from pmo_journal.ui.career.action_item_model import ActionItemsModel
from pmo_journal.ui.career.look import from_qdate, to_qdate, warning_color
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import date_edit
from pmo_journal.ui.formats import show_number
from pmo_journal.ui.heading import ScreenHeader

NO_OPEN_ITEMS = (
    "<h3>Nothing open</h3><p>Action items come from your mentor sessions: add them in a "
    "session's editor and they wait here until you mark them done.</p>"
)
NO_DONE_ITEMS = (
    "<h3>No action items yet</h3><p>Add the next steps you agree on in a mentor session's "
    "editor.</p>"
)

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(entries=frozenset({EntryKind.MENTOR_SESSION}), people=True, action_items=True)


def items_table(model: ActionItemsModel) -> QTableView:
    """A read-only, row-selecting table of action items."""
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    # The figures and names fit what they hold; the item's text takes the rest.
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(ActionItemsModel.TEXT, QHeaderView.ResizeMode.Stretch)
    return table


class OpenItemsView(QWidget):
    """All open action items (optionally the done ones too), filtered by mentor."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.mentor = QComboBox()
        self.mentor.setAccessibleName("Mentor")
        self.show_done = QCheckBox("Show d&one items")
        self.summary = QLabel()
        self.summary.setAccessibleName("Open and overdue items")
        mentor_label = QLabel("&Mentor")
        mentor_label.setBuddy(self.mentor)

        self.model = ActionItemsModel(self)
        self.table = items_table(self.model)
        self.table.setAccessibleName("Action items")
        self.table.doubleClicked.connect(lambda index: self._open_session(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No action items")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        self.done_on = date_edit(clock.today())
        self.done_on.setAccessibleName("Done on")
        self.done_button = QPushButton("Mark &done")
        self.done_button.clicked.connect(self.complete_selected)
        self.reopen_button = QPushButton("&Reopen")
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {warning_color(self.palette()).name()};")
        done_label = QLabel("Done o&n")
        done_label.setBuddy(self.done_on)
        header = ScreenHeader("Action items", status=self.summary)
        header.add(done_label, self.done_on, self.done_button, self.reopen_button)
        header.add_gap()
        header.add(mentor_label, self.mentor, self.show_done)
        header.end()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(header)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        self.message.hide()  # until a change is refused
        # A few words wide, not the longest person: the row fits a laptop screen.
        self.mentor.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mentor.setMinimumContentsLength(18)
        self.mentor.currentIndexChanged.connect(self.refresh)
        self.show_done.toggled.connect(self.refresh)
        context.reload_on(self, SHOWN, self._reload)
        self._reload()

    def _reload(self) -> None:
        """Refill the mentor filter (keeping the choice), then the items."""
        chosen = self.mentor.currentData()
        self.mentor.blockSignals(True)
        self.mentor.clear()
        self.mentor.addItem("All mentors", None)
        for person in people.list_people(self.context.journal, include_archived=True):
            if person.entry_count or person.relationship.value == "mentor":
                self.mentor.addItem(people.person_label(person), person.id)
        self.mentor.setCurrentIndex(max(0, self.mentor.findData(chosen)))
        self.mentor.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        items = action_items.list_action_items(
            self.context.journal,
            open_only=not self.show_done.isChecked(),
            mentor_id=self.mentor.currentData(),
        )
        self.model.set_rows(items)
        self.done_on.setMaximumDate(to_qdate(clock.today()))
        still_open = [i for i in items if i.done_date is None]
        overdue = sum(1 for i in still_open if self.model.overdue(i))
        self.summary.setText(
            f"{show_number(len(still_open))} open" + (f" · {overdue} overdue" if overdue else "")
        )
        self.empty.setText(NO_DONE_ITEMS if self.show_done.isChecked() else NO_OPEN_ITEMS)
        self.pages.setCurrentWidget(self.table if items else self.empty)
        self._update_buttons()

    def select_mentor(self, mentor_id: int | None) -> None:
        self.mentor.setCurrentIndex(max(0, self.mentor.findData(mentor_id)))

    def selected_items(self) -> list[ActionItemRead]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.item(index.row()) for index in rows]

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_items()
        self.done_button.setEnabled(any(i.done_date is None for i in chosen))
        self.reopen_button.setEnabled(any(i.done_date is not None for i in chosen))

    def complete_selected(self) -> None:
        done_on = from_qdate(self.done_on.date())
        chosen = [i.id for i in self.selected_items() if i.done_date is None]
        self._apply(
            _items_text("Mark", chosen, "done"),
            lambda: career.complete_action_items(
                self.context.journal, item_ids=chosen, done_on=done_on
            ),
        )

    def reopen_selected(self) -> None:
        chosen = [i.id for i in self.selected_items() if i.done_date is not None]
        self._apply(
            _items_text("Reopen", chosen),
            lambda: career.reopen_action_items(self.context.journal, item_ids=chosen),
        )

    def _apply(self, text: str, change: Callable[[], Outcome[list[ActionItemRead]]]) -> None:
        self.message.clear()
        self.message.hide()
        try:
            self.context.do(text, change)
        except JournalError as exc:
            self.message.setText(str(exc))
            self.message.show()

    def _open_session(self, row: int) -> None:
        item = self.model.item(row)
        self.context.open_entry_requested.emit(EntryKind.MENTOR_SESSION.value, item.session_id)

    def set_done_date(self, value: dt.date) -> None:
        self.done_on.setDate(QDate(value.year, value.month, value.day))


def _items_text(verb: str, item_ids: list[int], after: str = "") -> str:
    """What Edit ▸ Undo calls a change of items ("Mark action item done", "Reopen 3 …")."""
    noun = "action item" if len(item_ids) == 1 else f"{len(item_ids)} action items"
    return " ".join(part for part in (verb, noun, after) if part)
