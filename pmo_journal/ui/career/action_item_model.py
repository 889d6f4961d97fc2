"""The Qt model of action items: text, mentor, origin session, due date, carries, done."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QGuiApplication

from pmo_journal.core.models import ActionItemRead
from pmo_journal.ui.career.look import show_date, warning_color
from pmo_journal.ui.table_model import DISPLAY, DatedRowsTableModel, Index


class ActionItemsModel(DatedRowsTableModel[ActionItemRead]):
    """Rows of :class:`ActionItemRead`; open items past their due date show in red."""

    TEXT, MENTOR, SESSION, DUE, CARRIED, DONE = range(6)
    HEADERS = ("Action item", "Mentor", "From session", "Due", "Carried", "Done")

    def item(self, row: int) -> ActionItemRead:
        return self.row_at(row)

    def items(self) -> list[ActionItemRead]:
        return self.rows()

    def overdue(self, item: ActionItemRead) -> bool:
        return item.done_date is None and item.due_date is not None and item.due_date < self.today

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.CARRIED and item.carried_into:
                return "Carried into the sessions of " + ", ".join(
                    show_date(d) for d in item.carried_into
                )
            if column == self.TEXT:
                return item.text
        if self.overdue(item) and column in (self.TEXT, self.DUE):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(warning_color(QGuiApplication.palette()))
            if role == Qt.ItemDataRole.FontRole and column == self.DUE:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def _text(self, item: ActionItemRead, column: int) -> str:
        if column == self.TEXT:
            return item.text
        if column == self.MENTOR:
            return item.mentor_name
        if column == self.SESSION:
            return show_date(item.session_date)
        if column == self.DUE:
            if self.overdue(item):
                return f"{show_date(item.due_date)} (overdue)"
            return show_date(item.due_date) if item.due_date else ""
        if column == self.CARRIED:
            count = len(item.carried_into)
            return f"{count}×" if count else ""
        return show_date(item.done_date) if item.done_date else ""
