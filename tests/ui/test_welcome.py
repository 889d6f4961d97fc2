"""First run: the welcome page, starting the journal, and exploring a sample journal."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pmo_journal.core.services import people, reflections, skills, timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.application import JournalWindows
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.journal_files import sample_journal_path
from pmo_journal.ui.main_window import MainWindow
from tests.ui.scripted_prompts import ScriptedPrompts


def open_window(qtbot: QtBot, journal: Journal) -> MainWindow:
    window = MainWindow(JournalContext(journal))
    qtbot.addWidget(window)
    window.show()
    return window


def test_first_launch_explains_the_three_moves_then_starts_the_journal(
    qtbot: QtBot, journal: Journal
) -> None:
    window = open_window(qtbot, journal)
    assert window.welcome is not None
    assert window.pages.currentWidget() is window.welcome
    words = " ".join(label.text() for label in window.welcome.findChildren(QLabel))
    for move in (
        "Look before you leap",
        "Elevate the power of the PMO",
        "Become an agent for change",
    ):
        assert move in words
    window.welcome.start_button.click()
    assert window.pages.currentIndex() == 0
    assert window.current_screen_key() == "journal"
    assert QSettings().value("welcome/seen", type=bool) is True


def test_a_journal_in_use_opens_straight_on_the_timeline(qtbot: QtBot, journal: Journal) -> None:
    QSettings().setValue("welcome/seen", True)
    reflections.log_skill_reflection(
        journal,
        data={
            "date": dt.date(2026, 1, 2),
            "skill_id": skills.list_skills(journal)[0].id,
            "rating": 2,
            "learned": "Ask before assuming.",
        },
    )
    window = open_window(qtbot, journal)
    assert window.pages.currentIndex() == 0


def test_an_empty_journal_welcomes_again(qtbot: QtBot, journal: Journal) -> None:
    QSettings().setValue("welcome/seen", True)
    assert open_window(qtbot, journal).pages.currentWidget().__class__.__name__ == "WelcomePage"
    people.create_person(journal, data={"name": "Priya"})
    assert open_window(qtbot, journal).pages.currentIndex() == 0


def test_explore_fills_a_separate_sample_journal(qtbot: QtBot, journal: Journal) -> None:
    windows = JournalWindows(journal)  # closes its windows itself
    first = windows.window
    assert first.welcome is not None
    first.welcome.explore_button.click()

    sample = sample_journal_path()  # in the app's data folder, not beside the open journal
    assert sample.parent != journal.path.parent and sample.name == "sample-journal.db"
    assert sample.is_relative_to(Path(os.environ["XDG_DATA_HOME"]))
    assert windows.journal is journal, "the sample is made off the GUI thread"
    qtbot.waitUntil(lambda: windows.journal.path == sample, timeout=60_000)
    assert "sample-journal.db" in windows.window.windowTitle()
    assert windows.window.journal_view.model.total > 20
    assert timeline.count_timeline(windows.journal, TimelineFilter()) > 20
    windows.close()


def test_switching_to_a_bad_file_keeps_the_current_journal(
    qtbot: QtBot, journal: Journal, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    prompts.expect_tell()
    windows = JournalWindows(journal)
    qtbot.addWidget(windows.window)
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a journal", encoding="utf-8")
    windows.switch_to(bogus)
    assert windows.journal is journal
    assert [t.title for t in prompts.told] == ["The journal could not be opened"]


def test_asking_for_a_screen_leaves_the_welcome_page(qtbot: QtBot, journal: Journal) -> None:
    window = open_window(qtbot, journal)
    assert window.pages.currentWidget() is window.welcome
    window.show_screen("people")
    assert window.pages.currentIndex() == 0
    assert window.current_screen_key() == "people"
    assert QSettings().value("welcome/seen", False, type=bool) is False


def test_start_my_journal_from_the_sample_opens_your_empty_journal_ready_to_write(
    qtbot: QtBot, journal: Journal
) -> None:
    """An empty journal asks for the welcome page; leaving the sample with "Start my
    journal" has already answered it: one click, and you are on your journal's timeline."""
    from pmo_journal.ui import journal_files

    windows = JournalWindows(journal)
    own = journal.path
    journal_files.remember_journal(own)
    assert windows.window.welcome is not None
    windows.window.welcome.explore_button.click()
    qtbot.waitUntil(lambda: journal_files.is_sample(windows.journal.path), timeout=60_000)
    windows.window.show_welcome()
    windows.window.welcome.start_button.click()
    assert windows.journal.path == own
    assert windows.window.pages.currentIndex() == 0
    assert windows.window.current_screen_key() == "journal"
    assert not QSettings().contains("welcome/start_writing_in")
    windows.close()
