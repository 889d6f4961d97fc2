"""The report and the prep sheet are reachable from the window, where a user looks."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pmo_journal.core.changes import Changes
from pmo_journal.core.services import people
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.report.prep_sheet_dialog import PrepSheetDialog
from pmo_journal.ui.report.report_dialog import ReportDialog


def test_file_menu_opens_the_progress_report(qtbot: QtBot, window: MainWindow) -> None:
    assert window.report_action.shortcut().toString() == "Ctrl+P"
    window.report_action.trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_mentor_page_offers_a_prep_sheet_for_that_mentor(
    qtbot: QtBot, window: MainWindow
) -> None:
    mentor = people.create_person(
        window.context.journal, data={"name": "Maya Chen", "relationship": "mentor"}
    )
    window.context.announce(Changes.everything())
    window.show_person(mentor.id)
    prep = next(
        b for b in window.people_view.findChildren(QPushButton) if b.text() == "Prep sheet…"
    )
    prep.click()
    dialog = window.findChild(PrepSheetDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.mentor.currentText().startswith("Maya Chen")
    dialog.reject()
