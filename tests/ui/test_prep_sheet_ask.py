"""The prep-sheet dialog's "What I want from this session": typed, printed on the sheet,
and still there the next time the dialog opens for that mentor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.report.prep_sheet_dialog import PrepSheetDialog
from tests.report.conftest import fill_known_journal
from tests.report.pdf_text import page_texts
from tests.ui.scripted_prompts import ScriptedPrompts


def test_the_ask_is_printed_and_remembered(
    qtbot: QtBot,
    journal: Journal,
    context: JournalContext,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    known = fill_known_journal(journal)
    dialog = PrepSheetDialog(context, known.mentor_id, today=dt.date(2026, 7, 20))
    qtbot.addWidget(dialog)
    assert dialog.ask.toPlainText() == ""
    qtbot.keyClicks(dialog.ask, "Feedback on my intake scoring sheet")
    out = tmp_path / "prep.pdf"
    prompts.answer("save_file", out)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.saving is None)
    (text,) = page_texts(out)
    assert "What I want from this session Feedback on my intake scoring sheet" in text

    again = PrepSheetDialog(context, known.mentor_id, today=dt.date(2026, 7, 20))
    qtbot.addWidget(again)
    assert again.ask.toPlainText() == "Feedback on my intake scoring sheet"
