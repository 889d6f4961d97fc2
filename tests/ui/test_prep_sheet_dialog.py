"""The prep-sheet dialog opened from a mentor: preview opened and closed, then saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtPrintSupport import QPrintPreviewDialog
from pytestqt.qtbot import QtBot

from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.report.prep_sheet_dialog import PrepSheetDialog, open_prep_sheet
from tests.report.conftest import fill_known_journal
from tests.report.pdf_text import page_texts
from tests.ui.scripted_prompts import ScriptedPrompts


def test_open_preview_and_save(
    qtbot: QtBot,
    journal: Journal,
    context: JournalContext,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    known = fill_known_journal(journal)
    dialog = open_prep_sheet(None, context, known.mentor_id)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PrepSheetDialog) and dialog.isVisible()
    assert (
        dialog.mentor.currentText() == "Sarah Okafor — Head of PMO"
    )  # the role tells namesakes apart
    dialog.today = dt.date(2026, 7, 20)

    shown: list[bool] = []

    def open_and_close(preview: QPrintPreviewDialog) -> None:
        preview.open()
        qtbot.waitUntil(lambda: dialog.printing.pages_painted > 0)
        shown.append(preview.isVisible())
        preview.close()

    dialog.printing.run_preview = open_and_close  # type: ignore[method-assign]
    dialog.preview_button.click()
    assert shown == [True] and dialog.printing.pages_painted == 1

    out = tmp_path / "prep.pdf"
    prompts.answer("save_file", out)
    dialog.save_button.click()
    assert not dialog.save_button.isEnabled()  # written off the GUI thread
    qtbot.waitUntil(lambda: dialog.saving is None)
    assert "Saved to" in dialog.status.text()
    (text,) = page_texts(out)
    assert "Book a slot at the PMO community of practice" in text


def test_without_mentors_the_dialog_says_what_to_do(qtbot: QtBot, context: JournalContext) -> None:
    dialog = PrepSheetDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert "Add a mentor" in dialog.status.text()
