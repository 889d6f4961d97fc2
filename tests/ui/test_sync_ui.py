"""File ▸ Sync…, the status bar's sync line and the Conflicts view, driven as a user would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import enable_sync, sync_round
from pmo_journal.ui.main_window import MainWindow
from tests.core.sync.laptops import open_laptop


@pytest.fixture
def work(tmp_path: Path) -> Journal:
    shared = tmp_path / "shared"
    shared.mkdir()
    laptop = open_laptop(tmp_path, "work")
    mentor = people.create_person(laptop, data={"name": "Ada Mentor", "relationship": "mentor"})
    mentor_sessions.log_mentor_session(
        laptop, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor.id, "topics": "From work"}
    )
    enable_sync(laptop, folder=shared, device_name="Work laptop")
    sync_round(laptop)
    return laptop


def _wait_for_round(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.sync.running, timeout=60_000)


def test_turning_sync_on_takes_in_the_other_laptop(
    qtbot: QtBot, window: MainWindow, work: Journal, tmp_path: Path
) -> None:
    dialog = window.sync.open_settings()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.enabled.setChecked(True)
    dialog.folder.setText(str(tmp_path / "missing"))
    assert not ok.isEnabled() and "does not exist" in dialog.problem.text()
    dialog.folder.setText(str(tmp_path / "shared"))
    dialog.device_name.setText("Home laptop")
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: window.sync.running or "laptops" in window.sync.status.text())
    _wait_for_round(qtbot, window)
    assert "2 laptops" in window.sync.status.text()
    journal = window.context.journal
    assert [e.topics for e in mentor_sessions.list_mentor_sessions(journal)] == ["From work"]


def test_a_conflict_shows_in_the_status_bar_and_is_resolved_in_its_view(
    qtbot: QtBot, window: MainWindow, work: Journal, tmp_path: Path
) -> None:
    home = window.context.journal
    enable_sync(home, folder=tmp_path / "shared", device_name="Home laptop")
    window.sync.enabled = True
    window.sync.sync_now()
    _wait_for_round(qtbot, window)
    [ours] = mentor_sessions.list_mentor_sessions(home)
    [theirs] = mentor_sessions.list_mentor_sessions(work)
    mentor_sessions.update_mentor_session(
        work, theirs.id, data={**theirs.model_dump(), "topics": "Work's version"}
    )
    sync_round(work)
    mentor_sessions.update_mentor_session(
        home, ours.id, data={**ours.model_dump(), "topics": "Home's version"}
    )
    window.sync.sync_now()
    _wait_for_round(qtbot, window)
    assert "1 conflict" in window.sync.status.text()
    dialog = window.sync.open_conflicts()
    assert dialog.list.count() == 1
    kept = mentor_sessions.list_mentor_sessions(home)[0].topics
    other = "Work's version" if kept == "Home's version" else "Home's version"
    assert other in dialog.list.item(0).text()
    dialog.other.click()
    assert dialog.list.count() == 0 and dialog.empty.isVisibleTo(dialog)
    assert mentor_sessions.list_mentor_sessions(home)[0].topics == other
    dialog.reject()
    window.sync.sync_now()
    _wait_for_round(qtbot, window)
    sync_round(work)
    assert mentor_sessions.list_mentor_sessions(work)[0].topics == other
    assert "conflict" not in window.sync.status.text()


def test_a_failed_round_is_said_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, work: Journal, tmp_path: Path
) -> None:
    import shutil

    home = window.context.journal
    enable_sync(home, folder=tmp_path / "shared", device_name="Home laptop")
    window.sync.enabled = True
    shutil.rmtree(tmp_path / "shared")
    window.sync.sync_now()
    _wait_for_round(qtbot, window)
    assert window.sync.status.text() == "Sync failed"
    assert "not there" in window.sync.status.toolTip()
