"""The journal's table model: the whole timeline, its pages read by key when shown."""

from __future__ import annotations

from collections import OrderedDict
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
from pmo_journal.core.services.timeline import TimelineFilter, TimelineKey
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.formats import PRIVATE_MEANS, show_date

AnyIndex = QModelIndex | QPersistentModelIndex

STAR, DATE, KIND, TITLE, PEOPLE, SKILLS, SUMMARY = range(7)
HEADERS = ("★", "Date", "Kind", "Title", "With", "Skills", "Summary")
# Columns the service can sort by; the others keep the current order.
SORT_KEYS = {DATE: "date", KIND: "kind", TITLE: "title"}
ENTRY_ROLE = Qt.ItemDataRole.UserRole


class TimelineModel(QAbstractTableModel):
    """The whole timeline as rows: the count is known up front and each page of
    :func:`timeline.list_timeline` is read when a row of it is first shown.

    Pages are read by key from a neighbouring page (or from either end), so the
    scrollbar, Page Down and Ctrl+End cover the whole list at the price of one page.
    """

    # A page is a little more than a tall window shows: every read (a new search, a
    # refresh, a jump) builds this many entries on the GUI thread.
    PAGE = 50
    KEPT_PAGES = 100  # pages held in memory; a page read long ago is read again if needed

    def __init__(
        self,
        journal: Journal,
        parent: QObject | None = None,
        *,
        first: timeline.TimelinePage | None = None,
    ) -> None:
        """``first``: the count and first page of the unfiltered list, newest first, when
        they were read already (ahead, on a worker)."""
        super().__init__(parent)
        self.journal = journal
        self.filter = TimelineFilter()
        self.sort_column = DATE
        self.sort_order = Qt.SortOrder.DescendingOrder
        self._pages: OrderedDict[int, list[TimelineEntry]] = OrderedDict()
        self._bookmarks: list[TimelineKey] | None = None
        self.total = 0
        self.reload(first)

    # ------------------------------------------------------------------ loading
    @property
    def _sort(self) -> str:
        return SORT_KEYS[self.sort_column]

    @property
    def _descending(self) -> bool:
        return self.sort_order == Qt.SortOrder.DescendingOrder

    def _fetch(
        self, *, after: TimelineEntry | TimelineKey | None, limit: int, reverse: bool = False
    ) -> list[TimelineEntry]:
        """``limit`` rows past ``after``; ``reverse``: the rows before it, in list order."""
        if isinstance(after, TimelineEntry):
            after = timeline.timeline_key(after, sort=self._sort)
        rows = timeline.list_timeline(
            self.journal,
            self.filter,
            after=after,
            limit=limit,
            sort=self._sort,
            descending=self._descending != reverse,
        )
        return rows[::-1] if reverse else rows

    def _read_page(self, number: int) -> list[TimelineEntry]:
        size = min(self.PAGE, self.total - number * self.PAGE)
        earlier, later = self._pages.get(number - 1), self._pages.get(number + 1)
        if number == 0:
            return self._fetch(after=None, limit=size)
        if earlier:
            return self._fetch(after=earlier[-1], limit=size)
        if later:
            return self._fetch(after=later[0], limit=size, reverse=True)
        if (number + 1) * self.PAGE >= self.total:
            return self._fetch(after=None, limit=size, reverse=True)
        if self._bookmarks is None:
            # A jump into the middle: one pass over the keys marks where every page starts.
            self._bookmarks = timeline.timeline_bookmarks(
                self.journal,
                self.filter,
                every=self.PAGE,
                sort=self._sort,
                descending=self._descending,
            )
        if number - 1 >= len(self._bookmarks):
            return []
        return self._fetch(after=self._bookmarks[number - 1], limit=size)

    def _page(self, number: int) -> list[TimelineEntry]:
        page = self._pages.get(number)
        if page is None:
            page = self._pages[number] = self._read_page(number)
            while len(self._pages) > self.KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def reload(self, first: timeline.TimelinePage | None = None) -> None:
        """Count and read the journal again from the top (after a change or a new filter);
        ``first`` is that count and page when they were read already."""
        self.beginResetModel()
        self._pages.clear()
        self._bookmarks = None
        if first is None:
            first = timeline.timeline_page(
                self.journal,
                self.filter,
                limit=self.PAGE,
                sort=self._sort,
                descending=self._descending,
            )
        self.total = first.total
        self._pages[0] = first.entries
        self.endResetModel()

    def set_filter(self, flt: TimelineFilter) -> None:
        self.filter = flt
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        if (column, order) == (self.sort_column, self.sort_order):
            return
        self.sort_column, self.sort_order = column, order
        self.reload()

    # ------------------------------------------------------------------ lookups
    def entry_at(self, row: int) -> TimelineEntry | None:
        """The entry on ``row``, reading its page if needed (None if the journal shrank)."""
        if not 0 <= row < self.total:
            return None
        page = self._page(row // self.PAGE)
        offset = row % self.PAGE
        return page[offset] if offset < len(page) else None

    def row_of(self, kind: EntryKind, entry_id: int) -> int | None:
        """The row of an entry, None if the filter hides it."""
        for number, page in self._pages.items():
            for offset, entry in enumerate(page):
                if entry.kind == kind and entry.id == entry_id:
                    return number * self.PAGE + offset
        return timeline.timeline_position(
            self.journal,
            self.filter,
            kind,
            entry_id,
            sort=self._sort,
            descending=self._descending,
        )

    # ------------------------------------------------------------------ the model
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

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
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
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
                tip = f"{tip}\n\nPrivate: {PRIVATE_MEANS[0].lower()}{PRIVATE_MEANS[1:]}".strip()
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
            return show_date(entry.date)
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
