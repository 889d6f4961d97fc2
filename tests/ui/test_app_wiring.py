"""What the application wires around the window: the lock on the file, restoring a backup
from the Backups screen, and reopening the restored journal."""

from __future__ import annotations

import argparse

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.services import people
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.application import JournalWindows, run_gui
from pmo_journal.ui.backups.view import BackupsView
from pmo_journal.ui.single_instance import claim_journal
from tests.ui.scripted_prompts import ScriptedPrompts


def test_a_second_app_on_the_same_journal_is_refused(
    qtbot: QtBot, journal: Journal, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = claim_journal(journal.path)
    assert holder is not None
    try:
        args = argparse.Namespace(db=str(journal.path), quit_after_load=True)
        assert run_gui(args) == 1
        assert "already open" in capsys.readouterr().err
    finally:
        holder.release()


def test_restoring_a_backup_reopens_the_journal_as_it_was(
    qtbot: QtBot, journal: Journal, prompts: ScriptedPrompts
) -> None:
    people.create_person(journal, data={"name": "Kept Before Backup"})
    backup.backup_journal(journal.path)
    people.create_person(journal, data={"name": "Written After Backup"})
    windows = JournalWindows(journal)
    first_window = windows.window  # not qtbot's to close: the switch deletes it
    windows.window.show_screen("backups")
    view = windows.window.current_screen()
    assert isinstance(view, BackupsView)
    view.refresh()
    row = next(
        r for r in range(view.model.rowCount()) if "manual" in view.model.backup_at(r).path.name
    )
    view.table.selectRow(row)
    prompts.answer("ask", True)
    view.restore_selected()
    qtbot.waitUntil(lambda: windows.window is not first_window, timeout=10_000)
    names = [p.name for p in people.list_people(windows.journal)]
    assert names == ["Kept Before Backup"]
    assert windows.journal.path == journal.path
    windows.close()
