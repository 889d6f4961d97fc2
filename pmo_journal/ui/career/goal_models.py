"""Qt item models of the goals screen: the goals list and a goal's milestones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QGuiApplication

from pmo_journal.core import clock
from pmo_journal.core.models import CareerGoalRead, CareerPath, GoalStatus, MilestoneUpdate
from pmo_journal.ui.career.look import from_qdate, show_date, to_qdate, warning_color
from pmo_journal.ui.table_model import DISPLAY, DatedRowsTableModel, Index, RowsTableModel

#: The progress column hands this role a float 0..1 for the progress bar delegate.
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class GoalsModel(DatedRowsTableModel[CareerGoalRead]):
    """One row per goal: role, path, target date, status, progress, overdue milestones."""

    ROLE, PATH, TARGET, STATUS, PROGRESS, OVERDUE = range(6)
    HEADERS = ("Target role", "Path", "Target date", "Status", "Progress", "Overdue")

    def goal(self, row: int) -> CareerGoalRead:
        return self.row_at(row)

    def row_of(self, goal_id: int) -> int | None:
        return next((n for n, g in enumerate(self._rows) if g.id == goal_id), None)

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        goal = self._rows[index.row()]
        column = index.column()
        overdue = goal.overdue_milestones(self.today)
        if role == DISPLAY:
            return self._text(goal, column, len(overdue))
        if role == PROGRESS_ROLE and column == self.PROGRESS:
            return goal.progress
        if role == ID_ROLE:
            return goal.id
        if role == Qt.ItemDataRole.ToolTipRole and column == self.OVERDUE and overdue:
            return "\n".join(f"{m.title} (due {show_date(m.due_date)})" for m in overdue)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OVERDUE and overdue:
            return QBrush(warning_color(QGuiApplication.palette()))
        if role == Qt.ItemDataRole.FontRole and column == self.ROLE:
            font = QFont()
            font.setBold(goal.status == GoalStatus.ACTIVE)
            return font
        return None

    def _text(self, goal: CareerGoalRead, column: int, overdue: int) -> str:
        if column == self.ROLE:
            return goal.target_role
        if column == self.PATH:
            return "Direct" if goal.path == CareerPath.DIRECT else "Delivery route"
        if column == self.TARGET:
            return show_date(goal.target_date)
        if column == self.STATUS:
            return GoalStatus(goal.status).label
        if column == self.PROGRESS:
            total = len(goal.milestones)
            return f"{goal.milestones_done} of {total}" if total else "No milestones"
        return f"{overdue} overdue" if overdue else ""


class MilestonesModel(RowsTableModel[MilestoneUpdate]):
    """A goal's milestones while the goal editor is open: tick, rename, date, reorder."""

    DONE, TITLE, DUE = range(3)
    HEADERS = ("Done", "Milestone", "Due")
    changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = clock.today()

    def set_rows(self, rows: list[MilestoneUpdate]) -> None:
        # The editor changes its own copies; the caller's list stays as it was until saved.
        super().set_rows([m.model_copy() for m in rows])

    def milestones(self) -> list[MilestoneUpdate]:
        return [m.model_copy() for m in self._rows]

    def add(self, title: str, due: dt.date | None) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(MilestoneUpdate.model_construct(title=title, due_date=due, id=None))
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.changed.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if column == self.DONE:
            if role == Qt.ItemDataRole.CheckStateRole:
                done = item.done_date is not None
                return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
            if role == DISPLAY:
                return show_date(item.done_date) if item.done_date else ""
            return None
        if role in (DISPLAY, Qt.ItemDataRole.EditRole):
            if column == self.TITLE:
                return item.title
            if role == DISPLAY:
                return show_date(item.due_date) if item.due_date else "No date"
            return to_qdate(item.due_date or self.today)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DUE:
            overdue = item.done_date is None and item.due_date and item.due_date < self.today
            return QBrush(warning_color(QGuiApplication.palette())) if overdue else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        item = self._rows[index.row()]
        column = index.column()
        if column == self.DONE and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            item.done_date = (item.done_date or self.today) if checked else None
        elif column == self.TITLE and role == Qt.ItemDataRole.EditRole:
            item.title = str(value).strip()
        elif column == self.DUE and role == Qt.ItemDataRole.EditRole:
            item.due_date = from_qdate(value) if value is not None else None
        else:
            return False
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.DUE))
        self.changed.emit()
        return True
