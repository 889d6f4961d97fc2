"""The start-up reminder: a small non-blocking banner over the main window listing the mentor
sessions that are due or overdue, each with Snooze. It updates as data changes and closes
itself once nothing is due."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.cadence import CadenceStatus, MentorReminder
from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import career
from pmo_journal.core.services.reminders import due_reminders
from pmo_journal.ui.career.look import due_soon_color, warning_color
from pmo_journal.ui.context import JournalContext

SNOOZE_DAYS = 7
MARGIN = 16
WIDTH = 420

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(entries=frozenset({EntryKind.MENTOR_SESSION}), people=True, settings=True)


class ReminderBanner(QFrame):
    """Due and overdue mentor sessions, with Snooze per mentor and a close button."""

    def __init__(
        self,
        context: JournalContext,
        *,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        self.setObjectName("reminderBanner")
        self.setAccessibleName("Mentor session reminders")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "QFrame#reminderBanner { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.setFixedWidth(WIDTH)
        self.title = QLabel("<b>Mentor sessions due</b>")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName("Close reminders")
        self.close_button.clicked.connect(self.dismiss)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 12)
        layout.addLayout(top)
        layout.addLayout(self.grid)
        self.reminders: list[MentorReminder] = []
        self.snooze_buttons: dict[int, QPushButton] = {}
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.reminders = due_reminders(self.context.journal, today=self.today)
        while self.grid.count():
            taken = self.grid.takeAt(0)
            widget = taken.widget() if taken else None
            if widget is not None:
                widget.deleteLater()
        self.snooze_buttons = {}
        palette = self.palette()
        for row, reminder in enumerate(self.reminders):
            late = reminder.status == CadenceStatus.OVERDUE
            colour = (warning_color if late else due_soon_color)(palette).name()
            label = QLabel(f"<span style='color:{colour}'>●</span> {reminder.message}")
            label.setWordWrap(True)
            snooze = QPushButton(f"Snooze {SNOOZE_DAYS} days")
            snooze.setAccessibleName(f"Snooze the reminder for {reminder.mentor_name}")
            snooze.clicked.connect(lambda _c=False, m=reminder.mentor_id: self.snooze(m))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(snooze, row, 1, Qt.AlignmentFlag.AlignTop)
            self.snooze_buttons[reminder.mentor_id] = snooze
        if not self.reminders:
            self.dismiss()
            return
        self.adjustSize()
        self._place()

    def snooze(self, mentor_id: int) -> None:
        outcome = career.snooze_mentor_reminder(
            self.context.journal, person_id=mentor_id, days=SNOOZE_DAYS, today=self.today
        )
        self.context.announce(outcome.changes)

    def dismiss(self) -> None:
        self.hide()
        self.deleteLater()

    def messages(self) -> list[str]:
        return [reminder.message for reminder in self.reminders]

    # ------------------------------------------------------------------ floating over the window
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None:
            return
        top = MARGIN
        if isinstance(host, QMainWindow) and host.menuBar().isVisible():
            top += host.menuBar().height()
        self.move(max(0, host.width() - self.width() - MARGIN), top)
        self.raise_()


def show_start_reminders(
    parent: QWidget, context: JournalContext, *, today: dt.date | None = None
) -> ReminderBanner | None:
    """Show the due/overdue mentor sessions over ``parent`` (the main window), without
    blocking; returns the banner, or None when nothing is due."""
    if not due_reminders(context.journal, today=today):
        return None
    banner = ReminderBanner(context, today=today, parent=parent)
    parent.installEventFilter(banner)
    banner._place()
    banner.show()
    return banner
