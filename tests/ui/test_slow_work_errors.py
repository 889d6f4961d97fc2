"""Every kind of slow work goes through the runner: an error injected into its core call is
told with its details, and the screen that started it is usable again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from pmo_journal.core.services import backups, exchange, pdus, people
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.options import PeriodPreset, Section
from pmo_journal.ui import application
from pmo_journal.ui.backups import BackupsView, dialogs
from pmo_journal.ui.backups.dialogs import ExportChoice
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.operations.runner import UNEXPECTED
from pmo_journal.ui.pdus import PduView
from pmo_journal.ui.report import prep_sheet_dialog, report_dialog
from pmo_journal.ui.report.prep_sheet_dialog import open_prep_sheet
from pmo_journal.ui.report.report_dialog import ReportDialog
from tests.report.conftest import fill_known_journal
from tests.ui.scripted_prompts import ScriptedPrompts, accept_form

WAIT_MS = 60_000


def _broken(*_args: object, **_kwargs: object) -> None:
    raise KeyError("injected")


@pytest.fixture
def unexpected(prompts: ScriptedPrompts) -> Callable[[], None]:
    """Expects one "unexpected error" dialog; call it to check the dialog was told."""
    prompts.expect_tell()

    def check() -> None:
        [told] = prompts.told
        assert told.message == f"{UNEXPECTED}: KeyError: 'injected'"
        assert "Traceback" in told.details and "_broken" in told.details

    return check


def test_the_progress_report(
    qtbot: QtBot,
    context: JournalContext,
    tmp_path: Path,
    prompts: ScriptedPrompts,
    unexpected: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_known_journal(context.journal)
    monkeypatch.setattr(report_dialog, "save_report_pdf", _broken)
    dialog = ReportDialog(context, today=dt.date(2026, 6, 30))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset.setCurrentIndex(list(PeriodPreset).index(PeriodPreset.CUSTOM))
    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog.section_boxes[Section.CHARTS].setChecked(False)
    prompts.answer("save_file", tmp_path / "review.pdf")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=WAIT_MS)
    unexpected()
    assert dialog.save_button.isEnabled() and dialog.preview_button.isEnabled()
    assert not (tmp_path / "review.pdf").exists()


def test_the_prep_sheet(
    qtbot: QtBot,
    journal: Journal,
    context: JournalContext,
    tmp_path: Path,
    prompts: ScriptedPrompts,
    unexpected: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    known = fill_known_journal(journal)
    monkeypatch.setattr(prep_sheet_dialog, "save_prep_sheet_pdf", _broken)
    dialog = open_prep_sheet(None, context, known.mentor_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    prompts.answer("save_file", tmp_path / "prep.pdf")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.saving is None, timeout=WAIT_MS)
    unexpected()
    assert dialog.save_button.isEnabled()


def test_the_pdu_audit_pack(
    qtbot: QtBot,
    journal: Journal,
    tmp_path: Path,
    prompts: ScriptedPrompts,
    unexpected: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmo_journal.report import pdu_audit

    pdus.create_cycle(
        journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
    )
    monkeypatch.setattr(pdu_audit, "save_pdu_audit_pdf", _broken)
    view = PduView(JournalContext(journal))
    qtbot.addWidget(view)
    prompts.answer("form", accept_form)
    prompts.answer("save_file", tmp_path / "audit.pdf")
    view.pdf_button.click()
    qtbot.waitUntil(lambda: view.audit_pack is None, timeout=WAIT_MS)
    unexpected()
    assert view.pdf_button.isEnabled()


@pytest.fixture
def backups_view(qtbot: QtBot, context: JournalContext) -> BackupsView:
    people.create_person(context.journal, data={"name": "Ada"})
    backup.backup_journal(context.journal.path)
    shown = BackupsView(context)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _start(
    kind: str,
    view: BackupsView,
    tmp_path: Path,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if kind == "import":
        monkeypatch.setattr(exchange, "import_file", _broken)
        source = tmp_path / "in.json"
        source.write_text("{}", encoding="utf-8")
        prompts.answer("open_file", source)
        view.import_button.click()
    elif kind == "export":
        monkeypatch.setattr(exchange, "export_journal", _broken)
        choice = ExportChoice("json", tmp_path / "out.json", False)
        monkeypatch.setattr(dialogs, "choose_export", lambda *_args: choice)
        view.export_button.click()
    else:
        monkeypatch.setattr(backups, "restore_backup", _broken)
        view.table.selectRow(0)
        prompts.answer("ask", True)
        view.restore_button.click()


@pytest.mark.parametrize("kind", ["import", "export", "restore"])
def test_import_export_and_restore(
    qtbot: QtBot,
    backups_view: BackupsView,
    tmp_path: Path,
    prompts: ScriptedPrompts,
    unexpected: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    _start(kind, backups_view, tmp_path, prompts, monkeypatch)
    qtbot.waitUntil(lambda: backups_view.task is None, timeout=WAIT_MS)
    unexpected()
    assert backups_view.status.text() == prompts.told[0].message
    assert not backups_view.cancel_button.isVisible()
    for button in (backups_view.import_button, backups_view.export_button):
        assert button.isEnabled()
    assert [p.name for p in people.list_people(backups_view.context.journal)] == ["Ada"]


def test_the_daily_backup(
    qtbot: QtBot,
    journal: Journal,
    unexpected: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backup, "backup_daily", _broken)
    window = MainWindow(JournalContext(journal))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(application.take_daily_backup(window).finished, timeout=WAIT_MS):
        pass
    unexpected()
    assert window.statusBar().currentMessage().startswith("Today's automatic backup failed: ")


def test_the_sample_journal(
    qtbot: QtBot,
    journal: Journal,
    unexpected: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmo_journal.core.demo import build

    monkeypatch.setattr(build, "build_demo_journal", _broken)
    window = MainWindow(JournalContext(journal))
    qtbot.addWidget(window)
    window.show()
    asked: list[object] = []
    window.open_journal_requested.connect(asked.append)
    assert window.welcome is not None
    window.welcome.explore_button.click()
    qtbot.waitUntil(lambda: window.sample_operation is None, timeout=WAIT_MS)
    unexpected()
    assert asked == [] and window.context.journal is journal
    assert window.welcome.explore_button.isEnabled()
