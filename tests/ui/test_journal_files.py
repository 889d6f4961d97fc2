"""Journals you can open and switch: New journal…, Open journal…, Open recent, the sample's bar."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import drafts, people
from pmo_journal.core.storage import encryption
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui import journal_files, passphrase_dialog
from pmo_journal.ui.application import JournalWindows
from pmo_journal.ui.editors import MentorSessionDialog
from pmo_journal.ui.editors.fields import to_qdate
from pmo_journal.ui.notice_bar import NoticeBar
from tests.journal_template import JournalTemplate
from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture
def windows(qtbot: QtBot, journal: Journal) -> Iterator[JournalWindows]:
    QSettings().setValue("welcome/seen", True)
    people.create_person(journal, data={"name": "Priya Raman"})
    opened = JournalWindows(journal)  # deletes each window it leaves, and the last at close
    opened.window.show()
    yield opened
    opened.close()


def _recent_labels(windows: JournalWindows) -> list[str]:
    menu = windows.window.journal_files.recent_menu
    menu.aboutToShow.emit()
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def _notices(windows: JournalWindows) -> list[NoticeBar]:
    return [bar for bar in windows.window.findChildren(NoticeBar) if not bar.isHidden()]


def _sample_bars(windows: JournalWindows) -> list[NoticeBar]:
    """The sample's bar (a mentor reminder's bar may show beside it, by the date)."""
    return [bar for bar in _notices(windows) if bar.label.text().startswith("Sample journal")]


def test_new_journal_opens_an_empty_file_and_open_recent_goes_back(
    qtbot: QtBot, windows: JournalWindows, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    first = windows.journal.path
    target = tmp_path / "second.db"
    prompts.answer("save_file", target)
    windows.window.journal_files.new_action.trigger()
    assert windows.journal.path == target
    assert people.list_people(windows.journal) == []
    assert "second.db" in windows.window.windowTitle()

    labels = _recent_labels(windows)
    assert labels[0].startswith(f"{first.name} — ") and labels[-1] == "Clear the list"
    windows.window.journal_files.recent_menu.actions()[0].trigger()
    assert windows.journal.path == first
    assert [p.name for p in people.list_people(windows.journal)] == ["Priya Raman"]


def test_open_journal_opens_the_chosen_file_and_a_bad_one_keeps_the_current(
    qtbot: QtBot,
    windows: JournalWindows,
    journal_template: JournalTemplate,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    other = journal_template.copy_to(tmp_path / "other.db")
    bogus = tmp_path / "notes.db"
    bogus.write_text("a shopping list", encoding="utf-8")
    prompts.answer("open_file", other, bogus, None)
    windows.window.journal_files.open_action.trigger()
    assert windows.journal.path == other

    prompts.expect_tell()
    windows.window.journal_files.open_action.trigger()
    assert windows.journal.path == other and len(prompts.told) == 1
    windows.window.journal_files.open_action.trigger()
    assert windows.journal.path == other


def test_a_missing_recent_journal_is_greyed_out(
    qtbot: QtBot, windows: JournalWindows, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.db"
    journal_files.remember_journal(gone)
    journal_files.remember_journal(windows.journal.path)
    menu = windows.window.journal_files.recent_menu
    menu.aboutToShow.emit()
    (entry,) = [a for a in menu.actions() if a.text().startswith("gone.db")]
    assert not entry.isEnabled()
    next(a for a in menu.actions() if a.text() == "Clear the list").trigger()
    assert _recent_labels(windows) == ["No other journals yet"]


def test_the_sample_always_says_so_and_leads_back_to_your_own_journal(
    qtbot: QtBot, windows: JournalWindows
) -> None:
    own = windows.journal.path
    assert _sample_bars(windows) == []
    windows.window.explore_sample()  # made off the GUI thread
    qtbot.waitUntil(lambda: journal_files.is_sample(windows.journal.path), timeout=60_000)
    (bar,) = _sample_bars(windows)
    assert bar.label.text() == "Sample journal — your own journal is untouched"
    assert bar.close_button is None  # it cannot be dismissed
    # Help ▸ Welcome page ▸ Start my journal leaves the sample for your own journal.
    windows.window.show_welcome()
    assert windows.window.welcome is not None
    windows.window.welcome.start_button.click()
    assert windows.journal.path == own and _sample_bars(windows) == []

    windows.window.explore_sample()
    (bar,) = _sample_bars(windows)
    (button,) = bar.findChildren(QPushButton)
    assert button.text() == "Open my journal"
    button.click()
    assert windows.journal.path == own
    assert [p.name for p in people.list_people(windows.journal)] == ["Priya Raman"]


def test_switching_journals_keeps_an_open_editor_as_a_draft(
    qtbot: QtBot, windows: JournalWindows, tmp_path: Path
) -> None:
    own = windows.journal.path
    dialog = windows.window.new_entry(EntryKind.MENTOR_SESSION)
    assert isinstance(dialog, MentorSessionDialog)
    dialog.date.setDate(to_qdate(dt.date(2026, 3, 4)))
    dialog.topics.setPlainText("How the funnel is judged")
    windows.switch_to(tmp_path / "b.db")
    assert windows.journal.path == tmp_path / "b.db"
    with Journal.open(own, auto_backup=False) as again:
        (draft,) = drafts.list_drafts(again)
    assert draft.kind == "mentor_session"
    assert draft.payload["topics"] == "How the funnel is judged"


@pytest.mark.skipif(importlib.util.find_spec("sqlcipher3") is None, reason="needs SQLCipher")
def test_an_encrypted_recent_journal_asks_for_its_passphrase(
    qtbot: QtBot,
    windows: JournalWindows,
    journal_template: JournalTemplate,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    prompts: ScriptedPrompts,
) -> None:
    locked = journal_template.copy_to(tmp_path / "locked.db")
    encryption.encrypt_journal(locked, passphrase="right")
    monkeypatch.delenv("PMO_JOURNAL_PASSPHRASE", raising=False)
    asked: list[Path] = []

    def ask(_parent: object, path: Path, *, problem: str = "") -> str | None:
        asked.append(path)
        return "right" if len(asked) == 1 else None

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", ask)
    prompts.answer("open_file", locked)
    windows.window.journal_files.open_action.trigger()
    assert windows.journal.path == locked and windows.journal.passphrase == "right"
    own = next(p for p in journal_files.recent_journals() if p != locked.resolve())
    windows.switch_to(own)
    windows.switch_to(locked)  # cancelled at the passphrase: stays where it was
    assert windows.journal.path == own and asked == [locked, locked]


def test_switching_journals_keeps_the_window_where_and_as_large_as_it_is(
    qtbot: QtBot, windows: JournalWindows, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    first = windows.window
    qtbot.waitExposed(first)
    first.resize(QSize(760, 560))
    qtbot.waitUntil(lambda: first.size() == QSize(760, 560))
    prompts.answer("save_file", tmp_path / "second.db")
    first.journal_files.new_action.trigger()
    assert windows.window is not first
    assert windows.window.size() == QSize(760, 560)
    windows.window.resize(QSize(720, 540))
    windows.window.journal_files.recent_menu.aboutToShow.emit()
    windows.window.journal_files.recent_menu.actions()[1].trigger()  # back to the first
    assert windows.window.size() == QSize(720, 540)
