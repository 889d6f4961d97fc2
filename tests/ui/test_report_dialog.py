"""The report dialog, clicked through: preview opened and closed, save, print, cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSize, QUrl
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from pytestqt.qtbot import QtBot

from pmo_journal.core.storage.db import Journal
from pmo_journal.report.options import PeriodPreset, Section
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.report import printing
from pmo_journal.ui.report.report_dialog import EMPTY_PERIOD, SCREEN_MARGIN, ReportDialog
from tests.report.conftest import KnownJournal, fill_known_journal
from tests.report.pdf_text import all_text, page_texts
from tests.ui.scripted_prompts import ScriptedPrompts

TODAY = dt.date(2026, 6, 30)
WAIT_MS = 60_000


@pytest.fixture
def known(journal: Journal) -> KnownJournal:
    return fill_known_journal(journal)


def make_dialog(qtbot: QtBot, context: JournalContext, *, charts: bool = False) -> ReportDialog:
    dialog = ReportDialog(context, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset.setCurrentIndex(list(PeriodPreset).index(PeriodPreset.CUSTOM))
    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog.date_to.setDate(QDate(2026, 6, 30))
    dialog.section_boxes[Section.CHARTS].setChecked(charts)
    return dialog


def test_preview_then_save_as_pdf(
    qtbot: QtBot,
    context: JournalContext,
    known: KnownJournal,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    dialog = make_dialog(qtbot, context)
    dialog.name_edit.setText("Alex Morgan")
    dialog.role_edit.setText("Senior project manager")
    dialog.reviewer_edit.setText("Jordan Lee")
    dialog.appendix.setChecked(True)
    opened: list[bool] = []

    def open_and_close(preview: QPrintPreviewDialog) -> None:
        preview.open()
        qtbot.waitUntil(lambda: dialog.printing.pages_painted > 0, timeout=WAIT_MS)
        opened.append(preview.isVisible())
        preview.close()
        opened.append(preview.isVisible())

    dialog.printing.run_preview = open_and_close  # type: ignore[method-assign]
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: bool(opened) and dialog.job is None, timeout=WAIT_MS)
    assert opened == [True, False]
    preview_pages = dialog.printing.pages_painted

    out = tmp_path / "review.pdf"
    prompts.answer("save_file", out)
    dialog.save_button.click()
    assert dialog.cancel_button.isVisible()  # progress and cancel while it builds
    qtbot.waitUntil(lambda: "Saved" in dialog.saved_file.label.text(), timeout=WAIT_MS)

    texts = page_texts(out)
    assert len(texts) == preview_pages  # one layout for the preview and the PDF
    assert "Page 1 of" not in texts[0]  # no running footer on the title page
    assert f"Page 2 of {len(texts)}" in texts[1]
    assert "Alex Morgan" in texts[0] and "Jordan Lee" in texts[0]
    assert known.inside_topic in "\n".join(texts)
    assert known.private_text not in "\n".join(texts)

    again = ReportDialog(context, today=TODAY)
    qtbot.addWidget(again)
    assert again.name_edit.text() == "Alex Morgan"  # title-page fields are remembered
    assert again.reviewer_edit.text() == "Jordan Lee"


def test_print_goes_through_the_print_dialog(
    qtbot: QtBot, context: JournalContext, known: KnownJournal, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, context)
    printed = tmp_path / "printed.pdf"

    def accept(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    dialog.printing.ask_print = accept  # type: ignore[method-assign]
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "printer" in dialog.status.text(), timeout=WAIT_MS)
    assert known.assignment_title in all_text(printed)


def test_private_entries_show_a_warning(qtbot: QtBot, context: JournalContext) -> None:
    dialog = make_dialog(qtbot, context)
    assert not dialog.include_private.isChecked()
    assert not dialog.private_warning.isVisible()
    dialog.include_private.setChecked(True)
    assert dialog.private_warning.isVisible()
    assert dialog.options().include_private


def test_presets_end_today_and_custom_dates_are_checked(
    qtbot: QtBot,
    context: JournalContext,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    dialog = ReportDialog(context, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(list(PeriodPreset).index(PeriodPreset.QUARTER))
    assert (dialog.options().start, dialog.options().end) == (dt.date(2026, 4, 1), TODAY)
    assert not dialog.date_from.isEnabled()
    dialog.preset.setCurrentIndex(list(PeriodPreset).index(PeriodPreset.CUSTOM))
    dialog.date_from.setDate(QDate(2026, 6, 1))
    dialog.date_to.setDate(QDate(2026, 5, 1))
    dialog.save_button.click()
    assert "after it ends" in dialog.status.text()
    assert prompts.asked == [] and dialog.job is None


def test_cancel_stops_the_build_and_writes_nothing(
    qtbot: QtBot,
    context: JournalContext,
    known: KnownJournal,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    dialog = make_dialog(qtbot, context, charts=True)
    out = tmp_path / "review.pdf"
    prompts.answer("save_file", out)
    dialog.save_button.click()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=WAIT_MS)
    assert "Cancelled" in dialog.status.text()
    assert not out.exists()
    assert dialog.save_button.isEnabled()


def test_a_save_that_fails_says_why_and_leaves_nothing(
    qtbot: QtBot,
    context: JournalContext,
    known: KnownJournal,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    dialog = make_dialog(qtbot, context)
    out = tmp_path / "nowhere" / "review.pdf"
    prompts.answer("save_file", out)
    dialog.save_button.click()
    assert dialog.job is None  # refused before any work started
    assert "does not exist" in dialog.status.text()
    assert not out.parent.exists()
    assert dialog.save_button.isEnabled()


def test_a_saved_pdf_offers_open_and_show_in_folder(
    qtbot: QtBot,
    context: JournalContext,
    known: KnownJournal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(printing, "open_url", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = make_dialog(qtbot, context)
    assert not dialog.saved_file.isVisible()
    out = tmp_path / "review.pdf"
    dialog.printing.ask_save_path = lambda suggested: out  # type: ignore[method-assign]
    dialog.save_button.click()
    qtbot.waitUntil(dialog.saved_file.isVisible, timeout=WAIT_MS)
    assert (
        dialog.saved_file.label.text().startswith("Saved ")
        and str(out) in dialog.saved_file.label.text()
    )
    dialog.saved_file.open_button.click()
    dialog.saved_file.folder_button.click()
    assert opened == [str(out), str(tmp_path)]


def test_open_without_a_pdf_viewer_says_so_and_offers_the_folder(
    qtbot: QtBot,
    context: JournalContext,
    known: KnownJournal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    prompts: ScriptedPrompts,
) -> None:
    asked: list[str] = []

    def no_viewer(url: QUrl) -> bool:  # QDesktopServices finds no program for a PDF
        asked.append(url.toLocalFile())
        return not url.toLocalFile().endswith(".pdf")

    monkeypatch.setattr(printing, "open_url", no_viewer)
    dialog = make_dialog(qtbot, context)
    folder = tmp_path / "Performance reviews for the PMO leadership team" / "December 2026"
    folder.mkdir(parents=True)
    out = folder / "review.pdf"
    dialog.printing.ask_save_path = lambda suggested: out  # type: ignore[method-assign]
    dialog.save_button.click()
    qtbot.waitUntil(dialog.saved_file.isVisible, timeout=WAIT_MS)
    # The whole "Saved …" line shows: the dialog grew for it, nothing clipped below.
    label = dialog.saved_file.label
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog.saved_file.geometry().bottom() <= dialog.rect().bottom()
    prompts.answer("ask", True)  # Show in folder
    dialog.saved_file.open_button.click()
    assert prompts.asked[-1].text == "No program opened review.pdf."
    assert asked == [str(out), str(folder)]


def test_an_empty_period_is_said_before_anything_is_written(
    qtbot: QtBot, context: JournalContext, known: KnownJournal
) -> None:
    dialog = make_dialog(qtbot, context)
    assert EMPTY_PERIOD not in dialog.left_out.text()
    dialog.date_from.setDate(QDate(2000, 1, 1))
    dialog.date_to.setDate(QDate(2000, 12, 31))
    assert dialog.left_out.text().startswith(EMPTY_PERIOD)


def test_own_words_are_remembered_per_period_and_the_appendix_is_off_by_default(
    qtbot: QtBot,
    context: JournalContext,
    known: KnownJournal,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    dialog = make_dialog(qtbot, context)
    assert not dialog.appendix.isChecked()
    assert not dialog.section_boxes[Section.SESSIONS].isEnabled()
    dialog.summary_edit.setPlainText("A half-year of quiet wins.")
    dialog.date_from.setDate(QDate(2026, 2, 1))  # another period: its own (empty) words
    assert dialog.summary_edit.toPlainText() == ""
    dialog.date_from.setDate(QDate(2026, 1, 1))
    assert dialog.summary_edit.toPlainText() == "A half-year of quiet wins."

    out = tmp_path / "review.pdf"
    prompts.answer("save_file", out)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Saved" in dialog.saved_file.label.text(), timeout=WAIT_MS)
    text = all_text(out)
    assert "A half-year of quiet wins." in text
    assert "Appendix" not in text and known.inside_topic not in text
    dialog.close()

    again = make_dialog(qtbot, context)  # a new dialog remembers the words for the period
    assert again.summary_edit.toPlainText() == "A half-year of quiet wins."
    again.appendix.setChecked(True)
    assert again.section_boxes[Section.SESSIONS].isEnabled()
    assert again.options().appendix


def test_on_a_1024_by_640_screen_the_buttons_stay_in_view(
    qtbot: QtBot, context: JournalContext
) -> None:
    dialog = make_dialog(qtbot, context)
    room = QSize(1024, 640) - SCREEN_MARGIN
    dialog.fit_within(room)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.saved_file.show_file(Path("/nowhere/report.pdf"), "Saved a rather long file name.pdf")
    qtbot.wait(50)
    assert dialog.height() <= room.height()
    for button in (dialog.save_button, dialog.preview_button, dialog.print_button):
        bottom = button.mapTo(dialog, button.rect().bottomRight()).y()
        assert button.isVisible() and bottom < dialog.height(), button.text()
    # The choices scroll instead: everything in them can still be reached.
    assert dialog.form_area.verticalScrollBar().maximum() > 0
