"""The Backups screen: list, back up now, restore with confirmation, export and import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.services import people
from pmo_journal.core.storage import backup
from pmo_journal.core.validation import JournalError
from pmo_journal.ui.backups import BackupsView, dialogs
from pmo_journal.ui.backups.dialogs import ExportChoice, ExportDialog
from pmo_journal.ui.backups.model import ENTRIES, REASON, BackupsModel
from pmo_journal.ui.context import JournalContext
from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture
def view(qtbot: QtBot, context: JournalContext) -> BackupsView:
    people.create_person(context.journal, data={"name": "Ada"})
    backup.backup_journal(context.journal.path)
    shown = BackupsView(context)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _idle(qtbot: QtBot, view: BackupsView) -> None:
    qtbot.waitUntil(lambda: view.task is None, timeout=20_000)


def test_the_model_passes_the_model_tester(qtmodeltester, view: BackupsView) -> None:  # type: ignore[no-untyped-def]
    assert view.model.rowCount() == 1
    assert view.model.index(0, REASON).data() == "Backed up by hand"
    assert view.model.index(0, ENTRIES).data() == "0"
    qtmodeltester.check(view.model)
    qtmodeltester.check(BackupsModel())


def test_back_up_now_adds_a_verified_backup(qtbot: QtBot, view: BackupsView) -> None:
    view.backup_button.click()
    assert not view.backup_button.isEnabled()  # busy while the worker runs
    _idle(qtbot, view)
    assert "verified" in view.status.text()
    assert view.model.rowCount() == 2


def test_restore_asks_backs_up_first_and_announces_the_new_file(
    qtbot: QtBot, view: BackupsView, prompts: ScriptedPrompts
) -> None:
    journal = view.context.journal
    people.create_person(journal, data={"name": "Written later"})
    view.table.selectRow(0)
    assert view.restore_button.isEnabled()
    prompts.answer("ask", False)
    view.restore_button.click()
    assert len(people.list_people(journal)) == 2  # declined: nothing happened

    prompts.answer("ask", True)
    with qtbot.waitSignal(view.journal_replaced) as replaced:
        view.restore_button.click()
    assert replaced.args == [str(journal.path)]
    assert [p.name for p in people.list_people(journal)] == ["Ada"]
    reasons = [view.model.index(r, REASON).data() for r in range(view.model.rowCount())]
    assert "Before a restore" in reasons


def test_export_runs_in_the_background(
    qtbot: QtBot, view: BackupsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    monkeypatch.setattr(
        dialogs, "choose_export", lambda *_args: ExportChoice("json", target, False)
    )
    view.export_button.click()
    _idle(qtbot, view)
    assert view.status.text() == f"Exported to {target}."
    assert json.loads(target.read_text(encoding="utf-8"))["people"][0]["name"] == "Ada"


def test_import_adds_entries_and_tells_every_screen(
    qtbot: QtBot, view: BackupsView, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    document = build_document(view.context.journal)
    document["people"][0].update(uuid="00000000-0000-4000-8000-000000000001", name="Lin")
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    prompts.answer("open_file", source)
    with qtbot.waitSignal(view.context.changed, timeout=20_000):
        view.import_button.click()
    _idle(qtbot, view)
    assert "1 added" in view.status.text()
    assert sorted(p.name for p in people.list_people(view.context.journal)) == ["Ada", "Lin"]


def test_a_cancelled_import_changes_nothing(
    qtbot: QtBot, view: BackupsView, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    document = build_document(view.context.journal)
    document["people"][0].update(uuid="00000000-0000-4000-8000-000000000002", name="Lin")
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    prompts.answer("open_file", source)
    view.import_button.click()
    assert view.cancel_button.isVisible()
    view.cancel_button.click()
    _idle(qtbot, view)
    assert "cancelled" in view.status.text()
    assert [p.name for p in people.list_people(view.context.journal)] == ["Ada"]


def test_the_export_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(
        tmp_path, left_out=lambda private: "All of it goes." if private else "Some stays."
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.left_out.text() == "Some stays."
    assert dialog.target.text() == str(tmp_path / "journal.json")
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.target.text() == str(tmp_path / "journal-export")
    dialog.include_private.setChecked(True)
    assert dialog.left_out.text() == "All of it goes."
    dialog.target.setText("")
    assert not dialog.ok_button.isEnabled()
    dialog.target.setText(str(tmp_path / "sheets"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert dialog.choice() == ExportChoice("csv", tmp_path / "sheets", True)


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (JournalError("The backups folder is full."), "The backups folder is full."),
        (PermissionError(13, "Permission denied", "backups"), "Permission denied: backups"),
        (sqlite3.OperationalError("database is locked"), ""),
        (KeyError("reason"), ""),
    ],
    ids=["journal-error", "os-error", "sqlite", "bug"],
)
def test_every_error_is_told_and_the_screen_stays_usable(
    qtbot: QtBot,
    view: BackupsView,
    monkeypatch: pytest.MonkeyPatch,
    prompts: ScriptedPrompts,
    error: Exception,
    shown: str,
) -> None:
    if not shown:
        prompts.expect_tell()
    told = prompts.told
    real = backup.backup_journal

    def broken(*_args: object, **_kwargs: object) -> Path:
        raise error

    monkeypatch.setattr(backup, "backup_journal", broken)
    view.backup_button.click()
    _idle(qtbot, view)
    assert view.backup_button.isEnabled()
    assert not view.cancel_button.isVisible()
    if shown:  # the core's own words, in the status line
        assert view.status.text() == shown
        assert told == []
    else:  # an unexpected error: a dialog, with the traceback behind its details
        assert len(told) == 1
        assert told[0].message.startswith("An unexpected error stopped this: ")
        assert type(error).__name__ in told[0].details
        assert view.status.text() == told[0].message

    monkeypatch.setattr(backup, "backup_journal", real)
    view.backup_button.click()  # a second run works
    _idle(qtbot, view)
    assert "verified" in view.status.text()
