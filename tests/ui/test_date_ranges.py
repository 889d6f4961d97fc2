"""A whole date typed into a date field with a limit (the journal filter's From and To, the
report's custom period, no later than today) is the date the field holds; a date past the
limit is refused where it can be seen, never silently turned into another."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from pmo_journal.core.storage.db import Journal
from pmo_journal.report.options import PeriodPreset
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import DateEdit
from pmo_journal.ui.journal.filter_bar import FilterBar
from pmo_journal.ui.report.report_dialog import ReportDialog
from tests.ui.test_keyboard import activate, focused, press, type_text

TODAY = dt.date(2026, 6, 30)


def type_date(qtbot: QtBot, edit: DateEdit, digits: str) -> None:
    """Into ``edit``: Home, ``digits`` (day, month, year), Tab, as the tryout did."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Home)
    type_text(qtbot, digits)
    press(qtbot, Qt.Key.Key_Tab)


def test_the_journal_filter_takes_a_whole_date_typed(qtbot: QtBot, journal: Journal) -> None:
    bar = FilterBar(journal)
    qtbot.addWidget(bar)
    activate(qtbot, bar)
    bar.any_date.setChecked(False)
    type_date(qtbot, bar.date_from, "31122025")
    assert bar.date_from.date() == QDate(2025, 12, 31)
    type_date(qtbot, bar.date_to, "15012026")
    assert bar.date_to.date() == QDate(2026, 1, 15)


def report_dialog(qtbot: QtBot, context: JournalContext) -> ReportDialog:
    dialog = ReportDialog(context, today=TODAY)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    dialog.preset.setCurrentIndex(list(PeriodPreset).index(PeriodPreset.CUSTOM))
    return dialog


def test_the_report_period_takes_a_whole_date_typed(qtbot: QtBot, context: JournalContext) -> None:
    dialog = report_dialog(qtbot, context)
    dialog.date_to.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Home)
    type_text(qtbot, "31122025")
    press(qtbot, Qt.Key.Key_Backtab)  # back to From, as the tryout went
    assert focused() is dialog.date_from
    assert dialog.date_to.date() == QDate(2025, 12, 31)
    press(qtbot, Qt.Key.Key_Home)
    type_text(qtbot, "01012025")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.date_from.date() == QDate(2025, 1, 1)
    assert dialog.date_from.text() == "1 Jan 2025"
    assert dialog.options().start == dt.date(2025, 1, 1)
    assert dialog.options().end == dt.date(2025, 12, 31)


def test_a_date_past_the_limit_is_refused_visibly(qtbot: QtBot, context: JournalContext) -> None:
    dialog = report_dialog(qtbot, context)
    before = dialog.date_to.date()
    type_date(qtbot, dialog.date_to, "31122026")  # after today
    assert dialog.date_to.date() == before
    assert dialog.date_to.text() == "30 Jun 2026"  # as before, not another date
    message = "31 Dec 2026 is too late: the latest date here is 30 Jun 2026."
    assert dialog.date_to.toolTip() == message
    assert dialog.status.text() == message  # said in the dialog, not only in a tooltip
    type_date(qtbot, dialog.date_to, "01062026")  # a date within: taken, the message gone
    assert dialog.date_to.date() == QDate(2026, 6, 1)
    assert dialog.date_to.toolTip() == ""
    type_date(qtbot, dialog.date_to, "31122026")
    assert dialog.date_to.date() == QDate(2026, 6, 1)  # back to the date before the typing
    assert dialog.date_to.maximumDate() == QDate(2026, 6, 30)  # the limit is back too


def test_the_limit_still_holds_for_the_arrows(qtbot: QtBot, context: JournalContext) -> None:
    dialog = report_dialog(qtbot, context)
    dialog.date_to.setDate(QDate(2026, 6, 30))
    dialog.date_to.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Up)
    assert dialog.date_to.date() == QDate(2026, 6, 30)


def test_a_date_still_being_typed_is_checked_before_the_report_reads_it(
    qtbot: QtBot, context: JournalContext
) -> None:
    dialog = report_dialog(qtbot, context)
    dialog.date_to.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Home)
    type_text(qtbot, "31122026")  # no Tab: the focus stays, a shortcut asks for the report
    assert dialog.options().end == TODAY
    assert "too late" in dialog.status.text()
