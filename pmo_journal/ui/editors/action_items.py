"""The action items part of the mentor session editor: the session's items and new ones."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.models import ActionItemCreate, ActionItemRead
from pmo_journal.core.validation import problems_of
from pmo_journal.ui.editors.fields import OptionalDateEdit, prompt
from pmo_journal.ui.formats import show_date
from pmo_journal.ui.keys import return_adds


def _describe(text: str, due: dt.date | None, done: dt.date | None = None) -> str:
    parts = [text]
    if due:
        parts.append(f"due {show_date(due)}")
    if done:
        parts.append(f"done {show_date(done)}")
    return " — ".join(parts)


class ActionItemsEditor(QWidget):
    """Lists the session's action items and collects new ones (saved with the session)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._new: list[ActionItemCreate] = []
        self.text = QLineEdit()
        self.text.setPlaceholderText(prompt("mentor_session", "action_item"))
        self.text.setAccessibleName("New action item")
        self.due = OptionalDateEdit("Due")
        self.due.set_accessible_name("New action item due date")
        self.add_button = QPushButton("&Add item")
        self.add_button.setAccessibleName("Add action item")
        self.add_button.setEnabled(False)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.items = QListWidget()
        self.items.setAccessibleName("Action items")
        self.items.setMaximumHeight(96)
        self.remove_button = QPushButton("R&emove")
        self.remove_button.setAccessibleName("Remove the selected new action item")
        self.remove_button.setEnabled(False)

        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.due)
        controls.addWidget(self.add_button)
        controls.addStretch(1)
        controls.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.text)
        layout.addLayout(controls)
        layout.addWidget(self.problem)
        layout.addWidget(self.items)
        self.setFocusProxy(self.text)

        self.text.textChanged.connect(self._check_text)
        return_adds(self.text, self.add_item)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_selected)
        self.items.currentRowChanged.connect(self._update_remove)

    def show_existing(self, items: list[ActionItemRead]) -> None:
        for item in items:
            row = QListWidgetItem(_describe(item.text, item.due_date, item.done_date))
            self.items.addItem(row)
        self._existing = len(items)

    @property
    def existing_count(self) -> int:
        return getattr(self, "_existing", 0)

    def _pending(self) -> dict[str, object]:
        return {"text": self.text.text(), "due_date": self.due.value()}

    def _check_text(self) -> None:
        problems = problems_of(ActionItemCreate, self._pending()) if self.text.text() else {}
        self.problem.setText(" ".join(problems.values()))
        self.problem.setVisible(bool(problems))
        self.add_button.setEnabled(bool(self.text.text().strip()) and not problems)
        self.changed.emit()

    def add_item(self) -> None:
        if not self.add_button.isEnabled():
            return
        item = ActionItemCreate.model_validate(self._pending())
        self._new.append(item)
        self.items.addItem(QListWidgetItem(_describe(item.text, item.due_date) + "  (new)"))
        self.text.clear()
        self.due.set_value(None)
        self.changed.emit()

    def _update_remove(self, row: int) -> None:
        self.remove_button.setEnabled(row >= self.existing_count)

    def remove_selected(self) -> None:
        row = self.items.currentRow()
        if row < self.existing_count:
            return
        del self._new[row - self.existing_count]
        self.items.takeItem(row)
        self.changed.emit()

    def new_items(self) -> list[ActionItemCreate]:
        """The items to add on save, including one typed but not yet added."""
        pending = [ActionItemCreate.model_validate(self._pending())] if self._can_add() else []
        return [*self._new, *pending]

    def _can_add(self) -> bool:
        return bool(self.text.text().strip()) and not problems_of(ActionItemCreate, self._pending())
