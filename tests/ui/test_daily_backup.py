"""Today's automatic backup waits until the window is up, and runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui import application
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.main_window import MainWindow
from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture
def existing(journal_path: Path) -> Path:
    # A journal made yesterday, say, and not backed up yet.
    assert journal_path.exists() and backup.list_backup_files(journal_path) == []
    return journal_path


def _window(qtbot: QtBot, journal: Journal) -> MainWindow:
    window = MainWindow(JournalContext(journal))
    qtbot.addWidget(window)
    window.show()
    return window


def test_opening_for_the_window_takes_no_backup_the_first_show_does(
    qtbot: QtBot, existing: Path
) -> None:
    opened = application._open(existing, interactive=False)
    assert isinstance(opened, Journal)
    try:
        assert backup.list_backup_files(existing) == []  # not before the first paint
        window = _window(qtbot, opened)
        with qtbot.waitSignal(window.context.changed) as heard:
            application.take_daily_backup(window)
        assert heard.args[0].backups
        assert len(backup.list_backup_files(existing)) == 1
    finally:
        opened.close()


def test_a_failed_daily_backup_is_said_in_the_status_bar(
    qtbot: QtBot, existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> Path:
        raise OSError(28, "No space left on device", "backups")

    monkeypatch.setattr(backup, "backup_daily", full)
    opened = application._open(existing, interactive=False)
    assert isinstance(opened, Journal)
    try:
        window = _window(qtbot, opened)
        with qtbot.waitSignal(application.take_daily_backup(window).finished):
            pass
        assert window.statusBar().currentMessage() == (
            "Today's automatic backup failed: No space left on device: backups"
        )
    finally:
        opened.close()


def test_the_weekly_full_check_tells_a_failed_backup_and_says_a_pass_in_passing(
    qtbot: QtBot, journal: Journal, prompts: ScriptedPrompts
) -> None:
    window = _window(qtbot, journal)
    spoiled = backup.backup_journal(journal.path)
    with spoiled.open("r+b") as handle:  # every page after the first two
        handle.seek(8192)
        handle.write(b"\xa5" * (spoiled.stat().st_size - 8192))
    prompts.expect_tell()
    with qtbot.waitSignal(application.run_weekly_full_check(window).finished):
        pass
    [told] = prompts.told
    assert told.title == "The full check found a problem"
    assert told.message.startswith(f"The backup {spoiled.name} failed its full check")
    with qtbot.waitSignal(application.run_weekly_full_check(window).finished):
        pass  # checked again at once: the first did not pass
    assert window.statusBar().currentMessage() == (
        "This week's full check passed: the journal and its newest backup are sound."
    )
