"""Small shared pieces of the career screens' look: dates shown to the user, warning colours."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from pmo_journal.ui.formats import show_date

__all__ = ["show_date"]  # the career screens' dates are everyone's (ui/formats.py)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_color(palette: QPalette) -> QColor:
    """Red for overdue and not-counted things: 4.5:1 or more on the light and the dark
    window (WCAG AA for text)."""
    return QColor("#ff938a") if is_dark(palette) else QColor("#b42318")


def due_soon_color(palette: QPalette) -> QColor:
    return QColor("#e3b341") if is_dark(palette) else QColor("#9a6700")


def ok_color(palette: QPalette) -> QColor:
    return QColor("#56d364") if is_dark(palette) else QColor("#1a7f37")


def muted_color(widget: QWidget) -> QColor:
    """Secondary text: the text colour faded a third of the way toward the background."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(
        round(text.red() * 0.62 + base.red() * 0.38),
        round(text.green() * 0.62 + base.green() * 0.38),
        round(text.blue() * 0.62 + base.blue() * 0.38),
    )
