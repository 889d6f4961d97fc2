"""A mentor at a glance, for the People screen: cadence and next due date, the session
timeline, and the action items still open with them."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import progress
from pmo_journal.core.cadence import CadenceStatus, MentorReminder
from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind, MentorSessionRead, Relationship, SessionFormat
from pmo_journal.core.services import action_items, career, mentor_sessions, people
from pmo_journal.core.validation import NotFound
from pmo_journal.ui.career.action_item_model import ActionItemsModel
from pmo_journal.ui.career.look import (
    due_soon_color,
    muted_color,
    ok_color,
    show_date,
    warning_color,
)
from pmo_journal.ui.career.open_items_view import items_table
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.whole_list import show_whole

SESSION_ROLE = Qt.ItemDataRole.UserRole
SNOOZE_DAYS = 7
SUMMARY_CHARS = 90
#: Sessions listed before "Show all": the pane stays short for a long mentorship.
LATEST_SESSIONS = 6

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(
    entries=frozenset({EntryKind.MENTOR_SESSION}), people=True, action_items=True, settings=True
)


def fit_items_to_pane(table: QTableView) -> None:
    """Action items wrap in the item column, which takes what the figures leave; the
    table shows every item (the pane around it scrolls) and never scrolls sideways."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(ActionItemsModel.TEXT, QHeaderView.ResizeMode.Stretch)
    # A due date a line, "(overdue)" wrapping under it: the item keeps the width.
    bold = QFont(table.font())
    bold.setBold(True)
    longest = max((show_date(dt.date(2026, month, 28)) for month in range(1, 13)), key=len)
    padding = 2 * table.fontMetrics().averageCharWidth() + 8
    header.setSectionResizeMode(ActionItemsModel.DUE, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(
        ActionItemsModel.DUE, QFontMetrics(bold).horizontalAdvance(longest) + padding
    )
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    show_whole(table)


def session_line(session: MentorSessionRead) -> str:
    words = (session.takeaways or session.topics or session.decisions).replace("\n", " ")
    if len(words) > SUMMARY_CHARS:
        words = words[: SUMMARY_CHARS - 1].rstrip() + "…"
    how = SessionFormat(session.format).label
    return f"{show_date(session.date)} · {how}, {session.duration_minutes} min — {words}"


class MentorOverview(QWidget):
    """Everything about one mentor's sessions; :meth:`set_person` switches to another."""

    def __init__(
        self, context: JournalContext, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        self.reminder: MentorReminder | None = None
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.name.setWordWrap(True)
        self.cadence = QLabel()
        self.cadence.setWordWrap(True)
        self.cadence.setTextFormat(Qt.TextFormat.RichText)
        self.snooze_button = QPushButton(f"Snooze {SNOOZE_DAYS} days")
        self.snooze_button.clicked.connect(self.snooze)
        cadence_row = QHBoxLayout()
        cadence_row.addWidget(self.cadence, 1)
        cadence_row.addWidget(self.snooze_button)

        self.sessions = QListWidget()
        self.sessions.setAccessibleName("Sessions")
        self.sessions.setAlternatingRowColors(True)
        self.sessions.setSpacing(2)
        # The People pane is narrow: lines wrap rather than scroll sideways.
        self.sessions.setWordWrap(True)
        self.sessions.setResizeMode(QListWidget.ResizeMode.Adjust)
        show_whole(self.sessions)
        self.sessions.itemActivated.connect(self._open_session)
        self.sessions.itemDoubleClicked.connect(self._open_session)
        self.items_model = ActionItemsModel(self)
        self.items = items_table(self.items_model)
        self.items.setAccessibleName("Open action items")
        for column in (ActionItemsModel.MENTOR, ActionItemsModel.SESSION, ActionItemsModel.DONE):
            self.items.hideColumn(column)
        fit_items_to_pane(self.items)
        self.items.doubleClicked.connect(
            lambda index: self.context.open_entry_requested.emit(
                EntryKind.MENTOR_SESSION.value, self.items_model.item(index.row()).session_id
            )
        )
        self.all_sessions = QPushButton()
        self.all_sessions.setCheckable(True)
        self.all_sessions.toggled.connect(self.refresh)
        self.sessions_box = QGroupBox("Sessions")
        sessions_layout = QVBoxLayout(self.sessions_box)
        sessions_layout.addWidget(self.sessions)
        sessions_layout.addWidget(self.all_sessions, 0, Qt.AlignmentFlag.AlignLeft)
        self.items_box = QGroupBox("Open action items")
        QVBoxLayout(self.items_box).addWidget(self.items)

        self.action_row = QHBoxLayout()
        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addLayout(self.action_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(cadence_row)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.sessions_box)
        body.addWidget(self.items_box)
        layout.addWidget(self.body)
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    def add_action(self, widget: QWidget) -> None:
        """Put a button (e.g. the report's prep sheet) beside the mentor's name."""
        self.action_row.addWidget(widget)

    def set_person(self, person_id: int | None) -> None:
        changed = person_id != self.person_id
        self.person_id = person_id
        if changed and self.all_sessions.isChecked():
            self.all_sessions.setChecked(False)  # refreshes: someone else's latest sessions
        else:
            self.refresh()

    def refresh(self) -> None:
        journal = self.context.journal
        try:
            person = people.get_person(journal, self.person_id) if self.person_id else None
        except NotFound:
            person = None
        self.setEnabled(person is not None)
        if person is None:
            self.hide()
            self.name.setText("No one selected")
            self.cadence.clear()
            self.snooze_button.hide()
            self.sessions.clear()
            self.items_model.set_rows([])
            return
        self.name.setText(f"Mentoring with {html.escape(person.name)}")
        found = progress.mentor_cadence(journal, mentor_id=person.id)
        self.reminder = found[0].reminder if found else None
        self.cadence.setText(self._cadence_text(archived=person.archived))
        self.snooze_button.setVisible(bool(self.reminder and self.reminder.needs_reminder))
        self.sessions.clear()
        history = mentor_sessions.list_mentor_sessions(journal, mentor_id=person.id)
        # Peers and mentees have no sessions to show: keep the People page uncluttered.
        self.body.setHidden(self.reminder is None and not history)
        self.setHidden(self.body.isHidden() and person.relationship != Relationship.MENTOR)
        shown = history if self.all_sessions.isChecked() else history[:LATEST_SESSIONS]
        self.all_sessions.setVisible(len(history) > LATEST_SESSIONS)
        self.all_sessions.setText(
            f"Show the latest {LATEST_SESSIONS}"
            if self.all_sessions.isChecked()
            else f"Show all {len(history)} sessions"
        )
        for session in shown:
            item = QListWidgetItem(session_line(session))
            item.setData(SESSION_ROLE, session.id)
            item.setToolTip(session.topics)
            self.sessions.addItem(item)
        if not history:
            placeholder = QListWidgetItem("No sessions yet.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.sessions.addItem(placeholder)
        self.sessions_box.setTitle(f"Sessions ({len(history)})")
        open_items = action_items.list_action_items(journal, mentor_id=person.id)
        self.items_model.set_rows(open_items)
        self.items_box.setTitle(f"Open action items ({len(open_items)})")

    def _cadence_text(self, *, archived: bool) -> str:
        muted = muted_color(self).name()
        reminder = self.reminder
        if archived:
            return f"<span style='color:{muted}'>Archived: no reminders.</span>"
        if reminder is None:
            return f"<span style='color:{muted}'>No meeting cadence set.</span>"
        palette = self.palette()
        colour = {
            CadenceStatus.OVERDUE: warning_color(palette),
            CadenceStatus.DUE: due_soon_color(palette),
            CadenceStatus.UPCOMING: ok_color(palette),
        }[reminder.status].name()
        last = show_date(reminder.last_session) if reminder.last_session else "none yet"
        status = reminder.status.label
        if reminder.status == CadenceStatus.OVERDUE:
            status = (
                f"Overdue by {reminder.days_overdue} day{'s' if reminder.days_overdue != 1 else ''}"
            )
        snoozed = (
            f" · snoozed until {show_date(reminder.snoozed_until)}" if reminder.snoozed else ""
        )
        return (
            f"{reminder.cadence_label} · last session {last} · next due "
            f"<b>{show_date(reminder.next_due)}</b> "
            f"<span style='color:{colour}'>({status})</span>{snoozed}"
        )

    def changeEvent(self, event: QEvent) -> None:
        # Colours are baked into the rich text: repaint it when the scheme changes.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.refresh()
        super().changeEvent(event)

    def snooze(self) -> None:
        person_id = self.person_id
        if person_id is not None:
            self.context.do(
                "Snooze reminder",
                lambda: career.snooze_mentor_reminder(
                    self.context.journal, person_id=person_id, days=SNOOZE_DAYS
                ),
            )

    def _open_session(self, item: QListWidgetItem) -> None:
        session_id = item.data(SESSION_ROLE)
        if session_id is not None:
            self.context.open_entry_requested.emit(EntryKind.MENTOR_SESSION.value, session_id)
