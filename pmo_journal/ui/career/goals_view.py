"""The goals screen: every career goal with its progress, and the selected goal's details."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QEvent, QItemSelection, Qt, QUrl
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.changes import Changes
from pmo_journal.core.models import CareerGoalRead, CareerPath, EntryKind, GoalStatus
from pmo_journal.core.services import goals
from pmo_journal.ui.career.goal_editor import GoalEditorDialog
from pmo_journal.ui.career.goal_models import GoalsModel
from pmo_journal.ui.career.look import muted_color, ok_color, show_date, warning_color
from pmo_journal.ui.career.progress_delegate import ProgressDelegate
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.heading import ScreenHeader

EMPTY_TEXT = (
    "<h3>No career goals yet</h3><p>Choose the role you are aiming for and the path there — "
    "straight into a PMO, or the delivery route through program and portfolio management — "
    "then break it into milestones you can tick off.</p>"
)

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(entries=frozenset(EntryKind), goals=True, skills=True)


class GoalsView(QWidget):
    """Goals with progress bars and overdue milestones; New, Edit and Delete with undo."""

    def __init__(
        self,
        context: JournalContext,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = clock.today()
        #: The last delete, while the undo link under the buttons offers it.
        self._last_delete: QUndoCommand | None = None

        self.new_button = QPushButton("&New goal…")
        self.new_button.clicked.connect(self.new_goal)
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        header = ScreenHeader("Career goals")
        header.add(self.new_button, self.edit_button, self.delete_button)
        header.end()

        self.undo_bar = QLabel()
        self.undo_bar.setTextFormat(Qt.TextFormat.RichText)
        self.undo_bar.linkActivated.connect(lambda _link: self.undo_delete())
        self.undo_bar.hide()
        context.undo_stack.indexChanged.connect(self._history_moved)

        self.model = GoalsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Career goals")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(GoalsModel.PROGRESS, ProgressDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(GoalsModel.ROLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 130), (2, 110), (3, 90), (4, 170), (5, 100)):
            columns.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = QTextBrowser()
        self.details.setAccessibleName("Goal details")
        self.details.setOpenLinks(False)
        self.details.document().setDocumentMargin(14)  # as the journal's detail pane
        self.details.anchorClicked.connect(self._open_link)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([200, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(header)
        layout.addWidget(self.undo_bar)
        layout.addWidget(splitter, 1)
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        selected = self.selected_goal()
        self.today = clock.today()
        self.model.set_rows(goals.list_goals(self.context.journal), today=self.today)
        row = self.model.row_of(selected.id) if selected else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_details()

    def selected_goal(self) -> CareerGoalRead | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.goal(rows[0].row()) if rows else None

    def select_goal(self, goal_id: int) -> None:
        row = self.model.row_of(goal_id)
        if row is not None:
            self.table.selectRow(row)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_details()

    def _show_details(self) -> None:
        goal = self.selected_goal()
        self.edit_button.setEnabled(goal is not None)
        self.delete_button.setEnabled(goal is not None)
        self.details.setHtml(
            details_html(goal, today=self.today, widget=self) if goal else EMPTY_TEXT
        )

    def _open_link(self, url: QUrl) -> None:
        kind, _, entry_id = url.toString().partition(":")
        if entry_id.isdigit():
            self.context.open_entry_requested.emit(kind, int(entry_id))

    def changeEvent(self, event: QEvent) -> None:
        # Colours are baked into the rich text: repaint it when the scheme changes.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.refresh()
        super().changeEvent(event)

    # ------------------------------------------------------------------ actions
    def new_goal(self) -> None:
        dialog = GoalEditorDialog(self.context, parent=self)
        if self.run(dialog) and dialog.saved is not None:
            self.select_goal(dialog.saved.id)

    def edit_selected(self) -> None:
        goal = self.selected_goal()
        if goal is not None:
            self.run(GoalEditorDialog(self.context, goal_id=goal.id, parent=self))

    def run(self, dialog: GoalEditorDialog) -> bool:
        """Show an editor modally (tests replace this)."""
        return bool(dialog.exec())

    def delete_selected(self) -> None:
        goal = self.selected_goal()
        if goal is None:
            return
        goal_id = goal.id
        self.context.do(
            "Delete goal",
            lambda: goals.remove_goal(self.context.journal, goal_id=goal_id),
            shown=lambda after: None if after else self.select_goal(goal_id),
        )
        stack = self.context.undo_stack
        self._last_delete = stack.command(stack.index() - 1)
        self.undo_bar.setText(f"Deleted “{html.escape(goal.target_role)}”. <a href='undo'>Undo</a>")
        self.undo_bar.show()

    def _history_moved(self, _index: int) -> None:
        """The link stands for the deletion only while it is the last thing done: undone
        another way (Ctrl+Z, Edit ▸ Undo) or followed by another change, it goes."""
        stack = self.context.undo_stack
        if (
            self._last_delete is not None
            and stack.command(stack.index() - 1) is not self._last_delete
        ):
            self._last_delete = None
            self.undo_bar.hide()

    def undo_delete(self) -> None:
        """The undo link: undoes the deletion if it is still the last thing done."""
        stack = self.context.undo_stack
        if self._last_delete is not None and stack.command(stack.index() - 1) is self._last_delete:
            stack.undo()
        self._last_delete = None
        self.undo_bar.hide()


def details_html(goal: CareerGoalRead, *, today: dt.date, widget: QWidget) -> str:
    """The selected goal as a short page: why, milestones (overdue in red), evidence links."""
    palette = widget.palette()
    red, green = warning_color(palette).name(), ok_color(palette).name()
    muted = muted_color(widget).name()
    path = CareerPath(goal.path).label
    target = f" · by {show_date(goal.target_date)}" if goal.target_date else ""
    parts = [
        f"<h3>{html.escape(goal.target_role)}</h3>",
        f"<p style='color:{muted}'>{html.escape(path)}{target} · "
        f"{GoalStatus(goal.status).label} · {round(goal.progress * 100)}% done</p>",
    ]
    if goal.why:
        parts.append(f"<p><i>{html.escape(goal.why)}</i></p>")
    parts.append("<h4>Milestones</h4>")
    if not goal.milestones:
        parts.append(f"<p style='color:{muted}'>No milestones yet: edit the goal to add some.</p>")
    rows = []
    for milestone in goal.milestones:
        if milestone.done_date:
            mark, note = (
                f"<span style='color:{green}'>✔</span>",
                (f"done {show_date(milestone.done_date)}"),
            )
        elif milestone.overdue_on(today):
            mark = f"<span style='color:{red}'>●</span>"
            note = f"<b style='color:{red}'>overdue since {show_date(milestone.due_date)}</b>"
        else:
            mark = "○"
            note = f"due {show_date(milestone.due_date)}" if milestone.due_date else "no date"
        rows.append(
            f"<tr><td width='22'>{mark}</td><td>{html.escape(milestone.title)}</td>"
            f"<td style='color:{muted}' align='right'>&nbsp;&nbsp;{note}</td></tr>"
        )
    if rows:
        parts.append("<table cellspacing='3'>" + "".join(rows) + "</table>")
    parts.append("<h4>Evidence</h4>")
    if not goal.evidence:
        parts.append(
            f"<p style='color:{muted}'>Link sessions, assignments or reflections that show "
            "progress toward this goal.</p>"
        )
    for entry in goal.evidence:
        parts.append(
            f"<p>{show_date(entry.date)} · <a href='{entry.kind.value}:{entry.id}'>"
            f"{html.escape(entry.title)}</a> <span style='color:{muted}'>"
            f"({entry.kind.label})</span></p>"
        )
    return "".join(parts)
