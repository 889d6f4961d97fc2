"""The journal and people screens wait to be built until they are shown or used."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import PersonCreate
from pmo_journal.core.services.people import create_person
from pmo_journal.ui.career.mentor_overview import MentorOverview
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.journal.view import JournalView
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.people.view import PeopleView
from pmo_journal.ui.screens import LazyScreen


def _window_on_dashboard(qtbot: QtBot, context: JournalContext) -> MainWindow:
    QSettings().setValue("welcome/seen", True)
    QSettings().setValue("window/screen", "dashboard")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def _screen(window: MainWindow, key: str) -> LazyScreen:
    screen = window.screen_widget(key)
    assert isinstance(screen, LazyScreen)
    return screen


def test_the_dashboard_first_leaves_journal_and_people_unbuilt(
    qtbot: QtBot, context: JournalContext
) -> None:
    window = _window_on_dashboard(qtbot, context)
    assert window.current_screen_key() == "dashboard"
    assert _screen(window, "journal").built() is None
    assert _screen(window, "people").built() is None
    window.close()  # saving the window state builds nothing either
    assert _screen(window, "journal").built() is None


def test_showing_or_using_a_screen_builds_it_once(qtbot: QtBot, context: JournalContext) -> None:
    person = create_person(
        context.journal, data=PersonCreate(name="Ana Mentor", relationship="mentor")
    )
    window = _window_on_dashboard(qtbot, context)

    window.show_screen("journal")
    journal_view = _screen(window, "journal").built()
    assert isinstance(journal_view, JournalView)
    qtbot.waitUntil(journal_view.isVisible)
    assert window.journal_view is journal_view

    # Asking for the people screen from elsewhere (a readiness proof) builds it with
    # the mentor overview embedded, and selects the person.
    window.show_person(person.id)
    assert window.current_screen_key() == "people"
    people_view = _screen(window, "people").built()
    assert isinstance(people_view, PeopleView) and window.people_view is people_view
    assert len(people_view.findChildren(MentorOverview)) == 1


def test_opening_on_the_journal_leaves_the_dashboard_unbuilt(
    qtbot: QtBot, context: JournalContext
) -> None:
    QSettings().setValue("welcome/seen", True)
    QSettings().setValue("window/screen", "journal")
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.current_screen_key() == "journal"
    assert all(_screen(window, key).built() is None for key in ("dashboard", "people"))
    window.show()
    assert isinstance(_screen(window, "journal").built(), JournalView)
    assert _screen(window, "dashboard").built() is None
    assert window.edit_action.isEnabled() and window.delete_action.isEnabled()
