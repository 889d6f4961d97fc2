"""The journal screen: every entry on one timeline, a filter bar and the entry's detail."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind, TimelineEntry
from pmo_journal.core.services import entries
from pmo_journal.core.services.timeline import TimelineFilter, TimelinePage
from pmo_journal.core.validation import NotFound
from pmo_journal.ui import read_ahead
from pmo_journal.ui.appearance import is_dark
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.evidence_files import EvidenceFilesPanel
from pmo_journal.ui.formats import show_date, show_number
from pmo_journal.ui.heading import ScreenHeader, action_button
from pmo_journal.ui.journal.detail import entry_html
from pmo_journal.ui.journal.filter_bar import FilterBar
from pmo_journal.ui.journal.highlight import highlight_matches
from pmo_journal.ui.journal.timeline_model import (
    DATE,
    KIND,
    PEOPLE,
    SKILLS,
    STAR,
    SUMMARY,
    TITLE,
    TimelineModel,
    TimelineProxy,
)
from pmo_journal.ui.keys import down_enters
from pmo_journal.ui.notice_bar import NoticeBar

EMPTY_JOURNAL = (
    "<h3>Your journal is empty</h3>"
    "<p>Log your first mentor session, PMO helper assignment or skill reflection:<br>"
    "press <b>Ctrl+N</b> or use <b>New entry</b> above.</p>"
)
MIN_TITLE_WIDTH = 220
#: How many rows the With and Skills columns are measured from (the first page loaded).
FIT_ROWS = 200
NOTHING_MATCHES = "<h3>No entries match</h3><p>Loosen the filters or clear the search.</p>"
NO_SELECTION = "<p style='color:#7a7f87'>Select an entry to read it here.</p>"

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(entries=frozenset(EntryKind), people=True, skills=True, action_items=True)


def column_widths(metrics: QFontMetrics) -> dict[int, int]:
    """The timeline's columns sized to what they hold (the list is read a page at a time,
    so its content is measured from the longest date and kind there can be, not from the
    rows); Title takes whatever is left."""
    padding = 2 * metrics.averageCharWidth() + 12
    longest_date = max(
        (show_date(dt.date(2026, month, 28)) for month in range(1, 13)),
        key=metrics.horizontalAdvance,
    )
    longest_kind = max((kind.label for kind in EntryKind), key=metrics.horizontalAdvance)
    names = metrics.averageCharWidth() * 12
    return {
        STAR: metrics.horizontalAdvance("★") + padding,
        DATE: metrics.horizontalAdvance(longest_date) + padding,
        KIND: metrics.horizontalAdvance(longest_kind) + padding,
        PEOPLE: names,
        SKILLS: names,
    }


class JournalView(QWidget):
    """The timeline screen. Edits go through the editors; delete and star are undoable."""

    def __init__(
        self,
        context: JournalContext,
        *,
        new_entry_menu: QMenu | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Built ahead in idle time (``ui.warming``): changes are read when first shown.
        self.held_until_shown = False
        self._missed_changes = False
        self.context = context
        # What was read ahead on the worker after start-up, if nothing changed since.
        first = read_ahead.take(context, read_ahead.JOURNAL_FIRST_PAGE)
        self.model = TimelineModel(
            context.journal, self, first=first if isinstance(first, TimelinePage) else None
        )
        self.proxy = TimelineProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filters = FilterBar(
            context.journal,
            choices=(
                read_ahead.take(context, read_ahead.JOURNAL_SKILLS),
                read_ahead.take(context, read_ahead.JOURNAL_PEOPLE),
            ),
        )
        self.table = self._make_table()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("Journal is empty")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Entry details")
        self.detail.setOpenLinks(False)
        self.detail.document().setDocumentMargin(14)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of entries")
        #: Says when an entry just saved is hidden by the search or filters, and shows it.
        self.hidden_notice = NoticeBar("", name="Saved entry hidden", closable=True)
        self._show_hidden_button = self.hidden_notice.add_button(
            "Clear search", self._show_hidden_entry
        )
        self._hidden_entry: tuple[EntryKind, int] | None = None
        self.hidden_notice.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.pages)
        self.files = EvidenceFilesPanel(context, EntryKind.NOTE.value)
        self.files.setVisible(False)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.files)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        state = QSettings().value("journal/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([720, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self._make_header(new_entry_menu))
        layout.addWidget(self.filters)
        layout.addWidget(self.hidden_notice)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)

        self.filters.changed.connect(self.apply_filter)
        self.filters.changed.connect(lambda _filter: self.hidden_notice.hide())
        self.proxy.modelReset.connect(self._fit_columns)
        self.proxy.layoutChanged.connect(self._fit_columns)
        down_enters(self.filters.search, self.focus_results)
        context.reload_on(self, SHOWN, self.refresh)
        context.entry_saved.connect(self.show_saved)
        self._after_reload(None)

    # ------------------------------------------------------------------ building
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName("Journal entries")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        table.setSortingEnabled(True)
        header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._keep_sort_indicator)
        for column, width in column_widths(table.fontMetrics()).items():
            table.setColumnWidth(column, width)
        # The summary is the title's tooltip and the detail pane's body; no room for it here.
        table.setColumnHidden(SUMMARY, True)
        # The viewport's own size, once the table has laid it out (not the table's, before).
        table.viewport().installEventFilter(self)
        table.activated.connect(self._open_index)
        table.clicked.connect(self._clicked)
        table.selectionModel().currentRowChanged.connect(self._show_current)
        return table

    def _make_header(self, new_entry_menu: QMenu | None) -> ScreenHeader:
        header = ScreenHeader("Journal")
        self.new_entry_button: QPushButton | None = None
        if new_entry_menu is not None:
            new_button = QPushButton("New entry")
            self.new_entry_button = new_button
            new_button.setAccessibleName("New entry")
            new_button.setToolTip("New entry (Ctrl+N)")
            new_button.setMenu(new_entry_menu)
            header.add(new_button)
            header.add_gap()
        self.edit_action = QAction("Edit…", self)
        self.edit_action.setToolTip("Edit the selected entry (Enter)")
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction("Delete", self)
        self.delete_action.setToolTip("Delete the selected entry (Del; Ctrl+Z brings it back)")
        self.delete_action.triggered.connect(self.delete_selected)
        self.star_action = QAction("Star", self)
        self.star_action.setShortcut(QKeySequence("Ctrl+D"))
        self.star_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.star_action.setToolTip("Star or unstar the selected entry (Ctrl+D)")
        self.star_action.triggered.connect(self.toggle_star)
        self.addAction(self.star_action)
        for action in (self.edit_action, self.delete_action, self.star_action):
            header.add(action_button(action))
        header.end()
        return header

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def _fit_columns(self) -> None:
        """Title keeps room to be read: With and Skills show only when what they hold fits
        whole beside it (measured from the rows loaded), else they give way (the entry on
        the right shows its people and skills)."""
        metrics = self.table.fontMetrics()
        widths = column_widths(metrics)
        padding = 2 * metrics.averageCharWidth() + 12
        room = self.table.viewport().width() - sum(widths[c] for c in (STAR, DATE, KIND))
        rows = min(self.proxy.rowCount(), FIT_ROWS)
        for column in (PEOPLE, SKILLS):
            texts = [str(self.proxy.index(row, column).data() or "") for row in range(rows)]
            texts.append(str(self.proxy.headerData(column, Qt.Orientation.Horizontal) or ""))
            wanted = max(map(metrics.horizontalAdvance, texts)) + padding
            fits = room - wanted >= MIN_TITLE_WIDTH
            self.table.setColumnHidden(column, not fits)
            if fits:
                self.table.setColumnWidth(column, wanted)
                room -= wanted

    # ------------------------------------------------------------------ keyboard
    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected for typing over."""
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def focus_results(self) -> None:
        """From the search box into the list (the pending search applied first), on the
        selected entry or else the first."""
        self.filters.flush()
        if not self.proxy.rowCount():
            return
        if self.selected_entry() is None:
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ selection
    def selected_entry(self) -> TimelineEntry | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.entry_at(self.proxy.mapToSource(index).row())

    def select_entry(self, kind: EntryKind, entry_id: int) -> bool:
        row = self.model.row_of(kind, entry_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, TITLE))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    @Slot(QModelIndex, QModelIndex)
    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.selected_entry() if current.isValid() else None
        for action in (self.edit_action, self.delete_action, self.star_action):
            action.setEnabled(entry is not None)
        self.star_action.setText("Unstar" if entry is not None and entry.starred else "Star")
        self.files.setVisible(entry is not None)
        if entry is None:
            self.detail.setHtml(NO_SELECTION)
            return
        try:
            self.detail.setHtml(entry_html(self.context.journal, entry.kind, entry.id))
            self.files.set_entry(entry.id, entry_kind=entry.kind.value)
        except NotFound:
            self.detail.setHtml(NO_SELECTION)
            return
        first = highlight_matches(self.detail.document(), self.model.filter.text, dark=is_dark())
        if first is not None:
            # Show the first match, without leaving a selection over it.
            first.clearSelection()
            self.detail.setTextCursor(first)
            self.detail.ensureCursorVisible()

    # ------------------------------------------------------------------ refreshing
    @Slot(object)
    def apply_filter(self, flt: TimelineFilter) -> None:
        """Show what the filter matches. A new search starts again at the top of the list
        (the newest match); other filters keep the selected entry when it still matches."""
        new_search = flt.text != self.model.filter.text
        chosen = None if new_search else self.selected_entry()
        self.model.set_filter(flt)
        if new_search:
            self.table.selectionModel().clear()
            self.table.scrollToTop()
        self._after_reload(chosen)

    @Slot(str, int)
    def show_saved(self, kind: str, entry_id: int) -> None:
        """Select and scroll to an entry just saved; when the search or filters hide it,
        say so and offer to show it."""
        self.hidden_notice.hide()
        if self.select_entry(EntryKind(kind), entry_id):
            return
        searching = bool(self.filters.search.text().strip())
        by = "the current search" if searching else "the current filters"
        self.hidden_notice.set_text(f"Saved. It is hidden by {by}.")
        self._show_hidden_button.setText("Clear search" if searching else "Clear filters")
        self._hidden_entry = (EntryKind(kind), entry_id)
        self.hidden_notice.show()

    def _show_hidden_entry(self) -> None:
        """Clear the search and filters, and select the entry they hid."""
        self.hidden_notice.hide()
        self.filters.clear()
        if self._hidden_entry is not None:
            self.select_entry(*self._hidden_entry)
            self._hidden_entry = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.held_until_shown:
            self.held_until_shown = False
            if self._missed_changes:
                self._missed_changes = False
                self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Re-read the journal after any change, keeping the selection where it can."""
        if self.held_until_shown:
            self._missed_changes = True  # built ahead, never shown: read when first shown
            return
        chosen = self.selected_entry()
        self.filters.reload_choices()
        self.model.reload()
        self._after_reload(chosen)

    def _after_reload(self, chosen: TimelineEntry | None) -> None:
        total = self.model.total
        if total == 0:
            problem = self.model.filter.problem
            if problem:
                self.empty.setText(f"<h3>No entries match</h3><p>{escape(problem)}</p>")
            else:
                self.empty.setText(EMPTY_JOURNAL if self.filters.is_default() else NOTHING_MATCHES)
        self.pages.setCurrentWidget(self.table if total else self.empty)
        self.count_label.setText(f"{show_number(total)} {'entry' if total == 1 else 'entries'}")
        if chosen is None or not self.select_entry(chosen.kind, chosen.id):
            self._show_current(self.table.selectionModel().currentIndex(), QModelIndex())

    def _keep_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        # Only some columns sort (in SQL); point the indicator back at the real one.
        if column != self.model.sort_column:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(False)

    # ------------------------------------------------------------------ actions
    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    @Slot(QModelIndex)
    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == STAR:
            self.toggle_star()

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.context.open_entry_requested.emit(entry.kind.value, entry.id)

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        row = self.table.selectionModel().currentIndex().row()
        kind, entry_id = entry.kind, entry.id
        self.context.do(
            f"Delete {kind.label.lower()}",
            lambda: entries.delete_entry(self.context.journal, kind=kind, entry_id=entry_id),
            # An undone delete brings the entry back where the user left it: selected.
            shown=lambda after: None if after else self.select_entry(kind, entry_id),
        )
        # Keep the cursor near where the deleted row was, for deleting several in a row.
        if self.proxy.rowCount() and self.selected_entry() is None:
            row = min(row, self.proxy.rowCount() - 1)
            self.table.selectRow(row)

    def toggle_star(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        kind, entry_id, starred = entry.kind, entry.id, not entry.starred
        self.context.do(
            f"{'Star' if starred else 'Unstar'} {kind.label.lower()}",
            lambda: entries.star_entry(
                self.context.journal, kind=kind, entry_id=entry_id, starred=starred
            ),
        )

    def save_state(self) -> None:
        QSettings().setValue("journal/splitter", self.splitter.saveState())
