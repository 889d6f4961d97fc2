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
    whatever is typed after the date lands in the wrong field. Typing a date moves through
    its parts by itself (2026, 03, 04); a typed separator is skipped rather than jumping a
    part. The arrow keys and the calendar still move within the date."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QDateEdit answers a separator by jumping to the next part, though typing the
        # year already moved there: "2026-03" would land the 03 in the day.
        if event.text() and event.text() in SEPARATORS:
            event.accept()
            return
        super().keyPressEvent(event)

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
    """A date edit with a calendar popup, showing the date as the locale writes it."""
    edit = DateEdit(to_qdate(value or clock.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_edit_format())
    return edit
