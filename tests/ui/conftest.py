"""Fixtures for the widget tests: settings in a temporary folder, a context, a window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.main_window import MainWindow
from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts with empty QSettings that never touch the user's own, and an app
    data folder of its own (where the sample journal is made)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "app-data"))
    QCoreApplication.setOrganizationName("PMO Career Journal Tests")
    QCoreApplication.setApplicationName("PMO Career Journal Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedPrompts]:
    """Every prompt the GUI opens is answered from the test's script; any other fails it."""
    scripted = ScriptedPrompts()
    scripted.install(monkeypatch)
    yield scripted
    scripted.verify()


@pytest.fixture
def context(journal: Journal) -> JournalContext:
    return JournalContext(journal)


@pytest.fixture
def window(qtbot: QtBot, context: JournalContext) -> MainWindow:
    shown = MainWindow(context)
    qtbot.addWidget(shown)
    shown.show()
    return shown
