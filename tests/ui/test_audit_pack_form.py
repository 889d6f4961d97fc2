"""The PDU screen's audit pack asks first for the holder's name, PMI ID and paper: a bad
PMI ID is told as the core says it and the form stays open; the answers are remembered
(the name and ID in the journal, undoable; the paper on this computer)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from pmo_journal.core.services import pdus
from pmo_journal.core.services.holder import holder
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.pdus.audit_pack_dialog import AuditPackDialog
from pmo_journal.ui.pdus.view import PduView
from tests.report.pdf_text import all_text, page_size_points
from tests.ui.scripted_prompts import ScriptedPrompts


def _view(qtbot: QtBot, journal: Journal) -> tuple[PduView, JournalContext]:
    pdus.create_cycle(
        journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
    )
    context = JournalContext(journal)
    view = PduView(context)
    qtbot.addWidget(view)
    return view, context


def test_the_form_names_the_holder_and_chooses_letter(
    qtbot: QtBot, journal: Journal, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    view, context = _view(qtbot, journal)
    problems: list[str] = []

    def fill(dialog: AuditPackDialog) -> bool:
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.name, "Alex Morgan")
        qtbot.keyClicks(dialog.pmi_id, "12ab")
        dialog.accept()  # refused: the core's sentence is shown, nothing typed is lost
        problems.append(dialog.problem.text())
        assert dialog.choice is None and dialog.name.text() == "Alex Morgan"
        dialog.pmi_id.setText("1234567")
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
        dialog.accept()
        return dialog.choice is not None

    target = tmp_path / "audit.pdf"
    prompts.answer("form", fill)
    prompts.answer("save_file", target)
    view.pdf_button.click()
    qtbot.waitUntil(lambda: view.audit_pack is None)
    assert problems and problems[0].startswith("A PMI ID is a number")
    text = all_text(target)
    assert "Holder Alex Morgan PMI ID 1234567" in text
    assert tuple(round(side) for side in page_size_points(target)) == (612, 792)
    info = PdfReader(target).metadata
    assert info is not None and info.author == "Alex Morgan"
    assert holder(journal).pmi_id == "1234567"
    # Remembered for next time, and the change can be undone like any other.
    again = AuditPackDialog(holder(journal))
    qtbot.addWidget(again)
    assert (again.name.text(), again.pmi_id.text()) == ("Alex Morgan", "1234567")
    assert again.paper.currentData() == "letter"
    context.undo_stack.undo()
    assert holder(journal).name == ""


def test_cancelling_the_form_writes_nothing(
    qtbot: QtBot, journal: Journal, prompts: ScriptedPrompts
) -> None:
    view, _context = _view(qtbot, journal)
    prompts.answer("form", lambda dialog: False)
    view.pdf_button.click()
    assert view.audit_pack is None and holder(journal).name == ""


def test_the_form_is_sized_to_what_it_holds_and_stays_on_the_screen(
    qtbot: QtBot, journal: Journal
) -> None:
    dialog = AuditPackDialog(holder(journal))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # Its sentence reads in a few lines, not a narrow column; the fields show their hints.
    intro = dialog.intro
    assert "names you as PMI knows you" in intro.text()
    lines = intro.height() // intro.fontMetrics().lineSpacing()
    assert lines <= 3, f"the sentence wraps to {lines} lines at {intro.width()} px"
    for field in (dialog.name, dialog.pmi_id):
        hint = field.fontMetrics().horizontalAdvance(field.placeholderText())
        assert field.width() > hint, field.placeholderText()
    assert dialog.height() >= dialog.minimumSizeHint().height()
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    # A refusal grows the form by its sentence; nothing is cut.
    dialog.pmi_id.setText("12ab")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.problem.isVisible())
    assert dialog.problem.height() >= dialog.problem.heightForWidth(dialog.problem.width())
