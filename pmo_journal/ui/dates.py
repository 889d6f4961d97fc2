"""Dates between Python and Qt, and the one date edit every screen and editor uses."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QToolTip, QWidget

from pmo_journal.core import clock
from pmo_journal.ui.formats import date_edit_format, show_date

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
    still move within the date. Home and End select the first and the last part.

    A field with a first or last date (no later than today) takes the whole date typed
    first, and checks it against those limits once typed (Tab, Enter, leaving the field):
    a plain QDateEdit checks each part as it comes, so the day and month of 31 Dec 2025
    typed while the year still says 2026 pass a limit of today and are changed or refused
    without a word. A date outside the limits is refused, the field back at its date before
    the typing, and said: in a tooltip at the field and through ``refused``."""

    #: A typed date was outside the field's limits: why, in words for the user.
    refused = Signal(str)

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(value or to_qdate(clock.today()), parent)
        #: The last key typed finished a part and moved on: a separator after it is skipped.
        self._moved_on = False
        #: The first digit of a month typed by number into a month shown by name.
        self._month_digit: int | None = None
        #: The first digit of a day, and the day typed (kept for the month typed after it:
        #: QDateEdit refuses 31 while the month still shown has 30 days).
        self._day_digit: int | None = None
        self._typed_day: int | None = None
        #: While a date is being typed: the field's own limits (lifted meanwhile) and its
        #: date before the typing.
        self._limits: tuple[QDate, QDate] | None = None
        self._before_typing = self.date()
        self.editingFinished.connect(self.check_typed_date)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        key = event.key()
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and not event.modifiers() & (CTRL | ALT):
            # QDateEdit puts the cursor before the first character, so a typed day is
            # inserted before the one shown ("3" into "1 Jan": 31) instead of replacing it.
            self._month_digit = self._day_digit = None
            self._moved_on = False
            self.setCurrentSectionIndex(0 if key == Qt.Key.Key_Home else self.sectionCount() - 1)
            self.setSelectedSection(self.currentSection())
            event.accept()
            return
        if text and text.isprintable():
            self._lift_limits()
        if text and text in SEPARATORS:
            self._month_digit = self._day_digit = None
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
            self._day_digit = None
            self._type_month_digit(int(text))
            event.accept()
            return
        if text.isdigit() and len(text) == 1 and self._in_day():
            self._month_digit = None
            self._type_day_digit(int(text))
            event.accept()
            return
        self._month_digit = self._day_digit = None
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = bool(text) and self.currentSectionIndex() != before

    def _lift_limits(self) -> None:
        """Let every part be typed whatever the others say yet (checked when typed)."""
        if self._limits is not None:
            return
        low, high = self.minimumDate(), self.maximumDate()
        self._before_typing = self.date()
        self.clearMinimumDate()
        self.clearMaximumDate()
        if (low, high) != (self.minimumDate(), self.maximumDate()):
            self._limits = (low, high)
        else:
            QDateEdit.setDateRange(self, low, high)

    def check_typed_date(self) -> None:
        """The date is typed: keep it within the field's limits, or refuse it and say so."""
        self._typed_day = self._day_digit = self._month_digit = None
        if self._limits is None:
            return
        (low, high), self._limits = self._limits, None
        typed = self.date()
        if low <= typed <= high:
            self.setDateRange(low, high)
            self.setToolTip("")
            return
        if typed > high:
            message = f"{show_date(from_qdate(typed))} is too late: the latest date here is "
            message += f"{show_date(from_qdate(high))}."
        else:
            message = f"{show_date(from_qdate(typed))} is too early: the earliest date here is "
            message += f"{show_date(from_qdate(low))}."
        self.setDate(self._before_typing)
        self.setDateRange(low, high)
        self.setToolTip(message)
        QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
        self.refused.emit(message)

    def _in_day(self) -> bool:
        return self.currentSection() == QDateEdit.Section.DaySection

    def _type_day_digit(self, digit: int) -> None:
        """Days typed: 4 is the 4th, 3 waits for a 0 or 1 (or a separator), whatever the
        month shown; a month typed after it gets the day typed, or its last day."""
        first, self._day_digit = self._day_digit, None
        day = digit if first is None else first * 10 + digit
        if first is not None and not 1 <= day <= 31:
            self._moved_on = False
            return  # "32", "00": not a day
        if day >= 1:
            self._typed_day = day
        waits = first is None and digit <= 3
        if waits:
            self._day_digit = digit  # a second digit may follow
        self._put(self.date().month(), move_on=not waits)

    def _put(self, month: int, *, move_on: bool) -> None:
        """Show ``month`` with the day typed (or its last day), moving on if asked."""
        # Moving on first: QDateEdit, focused, keeps its parts where the old text had them,
        # so after "30" became "1" it would not leave the day.
        if move_on:
            self._next_section()
        else:
            self._moved_on = False
        year = self.date().year()
        day = min(self._typed_day or self.date().day(), QDate(year, month, 1).daysInMonth())
        self.setDate(QDate(year, month, day))
        self.setSelectedSection(self.currentSection())

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
        waits = first is None and digit <= 1
        if waits:
            self._month_digit = digit  # 0 or 1: a second digit may follow
        self._put(month if month >= 1 else self.date().month(), move_on=not waits)

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
