"""Dates between Python and Qt, and the one date edit every screen and editor uses."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from pmo_journal.core import clock
from pmo_journal.ui.formats import date_edit_format

SEPARATORS = "-/. "
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """A date edit that Tab leaves: a plain QDateEdit walks year → month → day first, so
    whatever is typed after the date lands in the wrong field. It shows the locale's
    medium date ("2 Dec 2026") and takes it typed either way: the month by name ("Dec") or
    by number ("12"), a part moving on by itself once it is whole (2026, 12) and a typed
    separator then skipped rather than jumping a part. The arrow keys and the calendar
    still move within the date."""

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(value or to_qdate(clock.today()), parent)
        #: The last key typed finished a part and moved on: a separator after it is skipped.
        self._moved_on = False
        #: The first digit of a month typed by number into a month shown by name.
        self._month_digit: int | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text and text in SEPARATORS:
            self._month_digit = None
            if self._moved_on:
                # QDateEdit answers a separator by jumping to the next part, though typing
                # the year already moved there: "2026-03" would land the 03 in the day.
                event.accept()
                return
            before = self.currentSectionIndex()
            super().keyPressEvent(event)  # a part left short ("1 Mar"): on to the next
            self._moved_on = self.currentSectionIndex() != before
            return
        if text.isdigit() and len(text) == 1 and self._month_by_name():
            self._type_month_digit(int(text))
            event.accept()
            return
        self._month_digit = None
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = bool(text) and self.currentSectionIndex() != before

    def _month_by_name(self) -> bool:
        return self.currentSection() == QDateEdit.Section.MonthSection and "MMM" in (
            self.displayFormat()
        )

    def _type_month_digit(self, digit: int) -> None:
        """Months typed as numbers: 3 is March, 1 waits for a 0, 1 or 2 (or a separator)."""
        first, self._month_digit = self._month_digit, None
        month = digit if first is None else first * 10 + digit
        if not 1 <= month <= 12 and first is not None:
            self._moved_on = False
            return  # "13": not a month
        if month >= 1:
            day = self.date()
            last = QDate(day.year(), month, 1).daysInMonth()
            self.setDate(QDate(day.year(), month, min(day.day(), last)))
        if first is None and digit <= 1:
            self._month_digit = digit  # 0 or 1: a second digit may follow
            self._moved_on = False
            return
        self._next_section()

    def _next_section(self) -> None:
        index = self.currentSectionIndex()
        if index + 1 < self.sectionCount():
            self.setCurrentSectionIndex(index + 1)
            self.setSelectedSection(self.currentSection())
        self._moved_on = True

    def event(self, event: QEvent) -> bool:
        # Typing still moves on to the next part (QDateEdit asks focusNextPrevChild for
        # that); only the Tab keys go straight to the next widget.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not event.modifiers() & (CTRL | ALT)
        ):
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QWidget.focusNextPrevChild(self, not backwards)
            return True
        return super().event(event)


def date_edit(value: dt.date | None = None) -> DateEdit:
    """A date edit with a calendar popup, showing the date as every list does: the
    locale's medium date."""
    edit = DateEdit(to_qdate(value or clock.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_edit_format())
    return edit
