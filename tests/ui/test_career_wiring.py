"""The career screens wired into the real main window, as the app registers them."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import PersonCreate
from pmo_journal.core.services.people import create_person
from pmo_journal.ui.career.mentor_overview import MentorOverview
from pmo_journal.ui.career.open_items_view import OpenItemsView
from pmo_journal.ui.career.readiness_view import ReadinessView
from pmo_journal.ui.career.reminders import ReminderBanner, show_start_reminders
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.screens import LazyScreen
from tests.ui.career_data import seed_mentor_history

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_screens_register_and_the_reminder_shows_in_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    context = window.context
    history = seed_mentor_history(context.journal)
    lazy = window.screen_widget("readiness")
    assert isinstance(lazy, LazyScreen)
    readiness = lazy.content()
    assert isinstance(readiness, ReadinessView)
    overview = window.people_view.findChild(MentorOverview)
    assert overview is not None

    banner = show_start_reminders(window, context)
    assert isinstance(banner, ReminderBanner) and banner.window() is window
    qtbot.waitUntil(banner.isVisible)
    assert banner.geometry().right() < window.width()

    window.show_screen("action_items")
    assert window.current_screen_key() == "action_items"
    assert isinstance(window.screen_widget("action_items").content(), OpenItemsView)  # type: ignore[union-attr]
    # A proof that is a person (a mentor met no session yet) opens them on the People screen.
    lone = create_person(
        context.journal, data=PersonCreate(name="Zoe Mentor", relationship="mentor")
    )
    context.announce(Changes.everything())
    readiness.open_proof(f"person:{lone.id}")
    assert window.current_screen_key() == "people" and overview.person_id == lone.id
    window.people_view.select_person(history.ana)
    assert overview.items_model.rowCount() == 3
