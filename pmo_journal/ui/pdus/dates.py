"""Date fields of the PDU editors: the locale's date, calendar popup, Python dates in and out."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from pmo_journal.ui.dates import date_edit as shared_date_edit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date) -> QDateEdit:
    """The one date edit (which Tab leaves), set to ``day``."""
    return shared_date_edit(day)
