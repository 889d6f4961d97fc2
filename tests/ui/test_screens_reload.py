"""A save reloads only the screens that show what it changed (through Changes)."""

from __future__ import annotations

from collections import Counter

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.ui.backups.view import BackupsView
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dashboard import DashboardView
from pmo_journal.ui.editors import MentorSessionDialog, SkillReflectionDialog
from pmo_journal.ui.journal.view import JournalView
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.pdus.view import PduView
from pmo_journal.ui.people.view import PeopleView

SCREENS = {
    "journal": JournalView,
    "dashboard": DashboardView,
    "people": PeopleView,
    "pdus": PduView,
    "backups": BackupsView,
}


@pytest.fixture
def reloads(
    qtbot: QtBot, context: JournalContext, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, Counter[str]]:
    """A window with the screens built, and a count of each one's reloads."""
    counts: Counter[str] = Counter()
    for key, screen in SCREENS.items():
        original = screen.refresh

        def counted(self: object, *args: object, _key: str = key, _orig=original) -> None:  # type: ignore[no-untyped-def]
            counts[_key] += 1
            _orig(self, *args)

        monkeypatch.setattr(screen, "refresh", counted)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    for key in SCREENS:
        window.show_screen(key)
    counts.clear()
    return window, counts


def test_saving_a_session_reloads_the_journal_and_dashboard_not_the_backups(
    qtbot: QtBot, reloads: tuple[MainWindow, Counter[str]]
) -> None:
    window, counts = reloads
    dialog = window.new_entry(EntryKind.MENTOR_SESSION)
    assert isinstance(dialog, MentorSessionDialog)
    dialog.mentor.setEditText("Priya Raman")
    dialog.topics.setPlainText("Running the portfolio intake")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # A new mentor too: the People screen; sessions are PDU suggestions: the PDUs screen.
    assert counts == Counter(journal=1, dashboard=1, people=1, pdus=1)


def test_saving_a_reflection_leaves_the_pdus_and_backups_alone(
    qtbot: QtBot, reloads: tuple[MainWindow, Counter[str]]
) -> None:
    window, counts = reloads
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.rating.group.button(2).click()
    dialog.texts["learned"].setPlainText("Consensus needs a shared picture.")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert counts["journal"] == 1 and counts["dashboard"] == 1
    assert counts["pdus"] == 0 and counts["backups"] == 0
