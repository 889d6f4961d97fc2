"""Evidence files in the journal's detail pane and in the editors, through the real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import attachments, notes, pdus
from pmo_journal.core.services.attachments import PDU_CLAIM
from pmo_journal.ui.dates import to_qdate
from pmo_journal.ui.editors import NoteDialog
from pmo_journal.ui.evidence_files import EvidenceFilesPanel
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.pdus.claim_editor import ClaimEditor
from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture
def certificate(tmp_path: Path) -> Path:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(b"%PDF-1.4 PMI certificate")
    return path


def test_the_detail_pane_attaches_opens_saves_and_removes_files(
    qtbot: QtBot,
    prompts: ScriptedPrompts,
    window: MainWindow,
    certificate: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = window.context.journal
    note = notes.log_note(journal, data={"date": dt.date(2026, 3, 4), "title": "Course"})
    window.show_screen("journal")
    view = window.journal_view
    assert view.select_entry(EntryKind.NOTE, note.id)
    panel = view.files
    assert panel.isVisibleTo(view)
    prompts.answer("open_files", [certificate])
    panel.attach_button.click()
    [attached] = attachments.list_attachments(journal, "note", note.id)
    assert attached.name == "certificate.pdf"
    assert view.select_entry(EntryKind.NOTE, note.id)
    assert [name.split("  ")[0] for name in view.files.names()] == ["certificate.pdf"]

    opened: list[QUrl] = []
    monkeypatch.setattr(
        EvidenceFilesPanel, "open_url", classmethod(lambda c, url: opened.append(url) or True)
    )
    view.files.list.setCurrentRow(0)
    view.files.open_button.click()
    assert Path(opened[0].toLocalFile()).read_bytes() == certificate.read_bytes()

    target = tmp_path / "copy.pdf"
    prompts.answer("save_file", target)
    view.files.save_button.click()
    assert target.read_bytes() == certificate.read_bytes()

    prompts.answer("ask", True)
    view.files.remove_button.click()
    assert attachments.list_attachments(journal, "note", note.id) == []


def test_a_file_past_the_limit_is_refused_in_the_panel(
    window: MainWindow, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    journal = window.context.journal
    note = notes.log_note(journal, data={"date": dt.date(2026, 3, 4), "title": "Scan"})
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    window.show_screen("journal")
    assert window.journal_view.select_entry(EntryKind.NOTE, note.id)
    prompts.answer("open_files", [big])
    window.journal_view.files.attach_button.click()
    assert "at most 25 MB" in window.journal_view.files.message.text()
    assert attachments.list_attachments(journal, "note", note.id) == []


def test_a_new_notes_files_are_attached_when_it_is_saved(
    qtbot: QtBot,
    prompts: ScriptedPrompts,
    window: MainWindow,
    certificate: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = window.new_entry(EntryKind.NOTE)
    assert isinstance(dialog, NoteDialog)
    dialog.title.setText("Finished the PMO course")
    prompts.answer("open_files", [certificate])
    dialog.files.attach_button.click()
    assert "attached when you save" in dialog.files.names()[0]
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [saved] = notes.list_notes(window.context.journal)
    [attached] = attachments.list_attachments(window.context.journal, "note", saved.id)
    assert attached.name == "certificate.pdf"


def test_a_new_pdu_claims_certificate_is_attached_when_it_is_saved(
    qtbot: QtBot,
    prompts: ScriptedPrompts,
    window: MainWindow,
    certificate: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = window.context.journal
    pdus.create_cycle(
        journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
    )
    panel = EvidenceFilesPanel(window.context, PDU_CLAIM)
    panel.set_entry(None)
    editor = ClaimEditor(save=lambda data: pdus.add_claim(journal, data=data), files=panel)
    qtbot.addWidget(editor)
    editor.date.setDate(to_qdate(dt.date(2025, 3, 1)))
    editor.hours.setValue(4)
    editor.sides["ways_of_working"].setValue(4)
    editor.description.setPlainText("Agile PMO course")
    prompts.answer("open_files", [certificate])
    panel.attach_button.click()
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert editor.saved is not None, editor.problems.text()
    saved_id = editor.saved.id  # type: ignore[attr-defined]
    [attached] = attachments.list_attachments(journal, PDU_CLAIM, saved_id)
    assert attached.name == "certificate.pdf"
