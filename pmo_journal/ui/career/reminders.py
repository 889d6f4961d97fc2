"""The start-up reminder: an inline bar at the top of the main window listing the mentor
sessions that are due or overdue, each with Snooze. It sits in the window's layout, so it
covers nothing; it updates as data changes, hides while nothing is due (and comes back
when something is again), and once dismissed stays away for the rest of the day."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from pmo_journal.core import clock
from pmo_journal.core.cadence import CadenceStatus, MentorReminder
from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import career
from pmo_journal.core.services.reminders import due_reminders
from pmo_journal.ui.career.look import due_soon_color, warning_color
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.notice_bar import NoticeBar

if TYPE_CHECKING:
    from pmo_journal.ui.main_window import MainWindow

SNOOZE_DAYS = 7
DISMISSED_KEY = "reminders/dismissed_on"

#: What this bar shows: it reloads when a change touches any of it.
SHOWN = Changes(entries=frozenset({EntryKind.MENTOR_SESSION}), people=True, settings=True)


def dismissed_key(journal_path: Path) -> str:
    """Where the day a journal's reminders were closed is kept: one key per journal file,
    so closing the sample's reminders leaves your own journal's to show."""
    digest = hashlib.sha256(str(journal_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{DISMISSED_KEY}/{digest}"


def dismissed_today(journal_path: Path, today: dt.date | None = None) -> bool:
    """True when the user closed this journal's reminders earlier today."""
    day = (today or clock.today()).isoformat()
    return str(QSettings().value(dismissed_key(journal_path), "")) == day


class ReminderBanner(NoticeBar):
    """Due and overdue mentor sessions, with Snooze per mentor and a close button."""

    def __init__(
        self,
        context: JournalContext,
        *,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "<b>Mentor sessions due</b>",
            name="Mentor session reminders",
            closable=True,
            parent=parent,
        )
        self.context = context
        self.today = today
        self.dismissed.connect(self._remember_dismissal)
        self.reminders: list[MentorReminder] = []
        self.snooze_buttons: dict[int, QPushButton] = {}
        self._lines: list[QWidget] = []
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.reminders = due_reminders(self.context.journal, today=self.today)
        for line in self._lines:
            line.deleteLater()
        self._lines = []
        self.snooze_buttons = {}
        for reminder in self.reminders:
            self._add_reminder(reminder)
        # Out of the way while nothing is due; back when something is again (the session
        # that cleared it undone, say): only closing it keeps it away for the day.
        self.setVisible(bool(self.reminders))

    def _add_reminder(self, reminder: MentorReminder) -> None:
        late = reminder.status == CadenceStatus.OVERDUE
        colour = (warning_color if late else due_soon_color)(self.palette()).name()
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"<span style='color:{colour}'>●</span> {reminder.message}")
        label.setWordWrap(True)
        snooze = QPushButton(f"Snooze {SNOOZE_DAYS} days")
        snooze.setAccessibleName(f"Snooze the reminder for {reminder.mentor_name}")
        snooze.clicked.connect(lambda _c=False, m=reminder.mentor_id: self.snooze(m))
        row.addWidget(label, 1)
        row.addWidget(snooze, 0, Qt.AlignmentFlag.AlignTop)
        self.add_line(line)
        self._lines.append(line)
        self.snooze_buttons[reminder.mentor_id] = snooze

    def snooze(self, mentor_id: int) -> None:
        self.context.do(
            "Snooze reminder",
            lambda: career.snooze_mentor_reminder(
                self.context.journal, person_id=mentor_id, days=SNOOZE_DAYS, today=self.today
            ),
        )

    def _remember_dismissal(self) -> None:
        QSettings().setValue(
            dismissed_key(self.context.journal.path), (self.today or clock.today()).isoformat()
        )
        self.deleteLater()

    def messages(self) -> list[str]:
        return [reminder.message for reminder in self.reminders]


def show_start_reminders(
    window: MainWindow, context: JournalContext, *, today: dt.date | None = None
) -> ReminderBanner | None:
    """Put the due/overdue mentor sessions in a bar at the top of ``window`` (the main
    window, through its ``add_notice``); None when nothing is due or the user dismissed
    the reminders today."""
    if dismissed_today(context.journal.path, today) or not due_reminders(
        context.journal, today=today
    ):
        return None
    banner = ReminderBanner(context, today=today)
    window.add_notice(banner)
    return banner
