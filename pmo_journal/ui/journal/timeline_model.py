"""The journal's table model: timeline rows fetched page by page, sorted in SQL."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from pmo_journal.core.models import EntryKind, TimelineEntry
from pmo_journal.core.services import timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal

AnyIndex = QModelIndex | QPersistentModelIndex

STAR, DATE, KIND, TITLE, PEOPLE, SKILLS, SUMMARY = range(7)
HEADERS = ("★", "Date", "Kind", "Title", "With", "Skills", "Summary")
# Columns the service can sort by; the others keep the current order.
SORT_KEYS = {DATE: "date", KIND: "kind", TITLE: "title"}
ENTRY_ROLE = Qt.ItemDataRole.UserRole


class TimelineModel(QAbstractTableModel):
    """Rows of :func:`timeline.list_timeline`, loaded lazily a page at a time."""

    PAGE = 200

    def __init__(self, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.filter = TimelineFilter()
        self.sort_column = DATE
        self.sort_order = Qt.SortOrder.DescendingOrder
        self._rows: list[TimelineEntry] = []
        self.total = 0
        self.reload()

    # ------------------------------------------------------------------ loading
    def _page(self, offset: int, limit: int) -> list[TimelineEntry]:
        return timeline.list_timeline(
            self.journal,
            self.filter,
            offset=offset,
            limit=limit,
            sort=SORT_KEYS[self.sort_column],
            descending=self.sort_order == Qt.SortOrder.DescendingOrder,
        )

    def reload(self, *, keep_rows: int = 0) -> None:
        """Query again from the top, loading at least ``keep_rows`` rows."""
        self.beginResetModel()
        self.total = timeline.count_timeline(self.journal, self.filter)
        wanted = max(self.PAGE, keep_rows)
        self._rows = self._page(0, wanted) if self.total else []
        self.endResetModel()

    def set_filter(self, flt: TimelineFilter) -> None:
        self.filter = flt
        self.reload()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._page(len(self._rows), self.PAGE)
        if not page:
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        if (column, order) == (self.sort_column, self.sort_order):
            return
        self.sort_column, self.sort_order = column, order
        self.reload(keep_rows=len(self._rows))

    # ------------------------------------------------------------------ lookups
    def entry_at(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def row_of(self, kind: EntryKind, entry_id: int) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.kind == kind and entry.id == entry_id:
                return row
        return None

    # ------------------------------------------------------------------ the model
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == STAR:
            return "Starred"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "Starred" if section == STAR else HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == STAR:
            return "starred" if entry.starred else "not starred"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STAR:
                return "Starred — click to unstar" if entry.starred else "Click to star"
            tip = entry.summary if column == TITLE else ""
            if entry.private:
                tip = f"{tip}\n\nPrivate: never printed or exported unless you ask.".strip()
            return tip or None
        if role == Qt.ItemDataRole.FontRole and entry.private:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STAR:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ENTRY_ROLE:
            return (entry.kind.value, entry.id)
        return None

    @staticmethod
    def _display(entry: TimelineEntry, column: int) -> str:
        if column == STAR:
            return "★" if entry.starred else ""
        if column == DATE:
            return entry.date.isoformat()
        if column == KIND:
            return entry.kind.label
        if column == TITLE:
            suffix = f" — {entry.rating}/5" if entry.rating else ""
            return entry.title + suffix + (" (private)" if entry.private else "")
        if column == PEOPLE:
            return entry.people
        if column == SKILLS:
            return entry.skills
        return entry.summary


class TimelineProxy(QSortFilterProxyModel):
    """Sits between the view and the model; sorting is handed to the model (SQL)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
