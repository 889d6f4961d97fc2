"""The start-up reminder bar (inline, dismissed for the day) and the mentor overview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core import clock
from pmo_journal.core.changes import Changes
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person, get_person
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.career.mentor_overview import MentorOverview
from pmo_journal.ui.career.reminders import ReminderBanner, show_start_reminders
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.main_window import MainWindow
from tests.ui.career_data import TODAY, seed_mentor_history

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_banner_lists_due_sessions_in_the_layout_snoozes_and_goes_once_logged(
    qtbot: QtBot, window: MainWindow
) -> None:
    journal = window.context.journal
    history = seed_mentor_history(journal)
    create_person(journal, data={"name": "Old mentor", "relationship": "mentor"})
    window.show_screen("people")
    banner = show_start_reminders(window, window.context)
    assert isinstance(banner, ReminderBanner)
    qtbot.waitUntil(banner.isVisible)
    # Ana's last session was 40 days ago: overdue. Ben's was 3 days ago; the new mentor
    # was added today. Neither is due.
    (message,) = banner.messages()
    assert message.startswith("Session with Ana Ruiz is") and "overdue" in message
    # Inline: the screens start below the bar, so it covers none of their controls.
    assert banner.parentWidget() is window.pages.parentWidget()
    qtbot.waitUntil(lambda: window.pages.geometry().top() >= banner.geometry().bottom())
    window.resize(1200, 800)
    qtbot.waitUntil(lambda: banner.width() == window.pages.width())

    banner.snooze_buttons[history.ana].click()
    assert get_person(journal, history.ana).reminder_snoozed_until is not None
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert show_start_reminders(window, window.context) is None


def test_dismissed_reminders_stay_away_for_the_day(qtbot: QtBot, window: MainWindow) -> None:
    seed_mentor_history(window.context.journal)
    banner = show_start_reminders(window, window.context)
    assert banner is not None and banner.close_button is not None
    banner.close_button.click()
    assert not banner.isVisible()
    assert show_start_reminders(window, window.context) is None  # again today: nothing
    tomorrow = TODAY + dt.timedelta(days=1)
    with clock.as_of(tomorrow):
        assert show_start_reminders(window, window.context) is not None


def test_closing_one_journals_reminders_leaves_anothers(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Closing the sample journal's reminders today does not hide your own journal's."""
    seed_mentor_history(window.context.journal)
    banner = show_start_reminders(window, window.context)
    assert banner is not None and banner.close_button is not None
    banner.close_button.click()
    assert show_start_reminders(window, window.context) is None
    other = Journal.open(tmp_path / "other.db", auto_backup=False)
    try:
        seed_mentor_history(other)
        assert show_start_reminders(window, JournalContext(other)) is not None
    finally:
        other.close()


def test_logging_the_session_clears_the_reminder(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    history = seed_mentor_history(journal)
    banner = show_start_reminders(window, window.context)
    assert banner is not None and len(banner.messages()) == 1
    log_mentor_session(
        journal, data={"date": TODAY, "mentor_id": history.ana, "topics": "Catch-up"}
    )
    window.context.announce(Changes.everything())
    assert banner.messages() == []
    qtbot.waitUntil(lambda: not banner.isVisible())


def test_undoing_the_session_that_cleared_the_reminder_brings_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    from pmo_journal.core.services import entries

    context = window.context
    history = seed_mentor_history(context.journal)
    window.show()
    banner = show_start_reminders(window, context)
    assert banner is not None and len(banner.messages()) == 1
    qtbot.waitUntil(banner.isVisible)
    context.do(
        "New mentor session",
        lambda: entries.save_mentor_session(
            context.journal,
            entry_id=None,
            data={"date": TODAY, "mentor_id": history.ana, "topics": "Catch-up"},
        ),
    )
    qtbot.waitUntil(lambda: not banner.isVisible())
    context.undo_stack.undo()  # the session is gone: Ana is overdue again
    qtbot.waitUntil(banner.isVisible)
    (message,) = banner.messages()
    assert message.startswith("Session with Ana Ruiz is")
    assert banner.parentWidget() is window.pages.parentWidget()  # still in the layout
    context.undo_stack.redo()
    qtbot.waitUntil(lambda: not banner.isVisible())
    # Closed for the day, it stays closed whatever is undone.
    context.undo_stack.undo()
    qtbot.waitUntil(banner.isVisible)
    assert banner.close_button is not None
    banner.close_button.click()
    context.undo_stack.redo()
    context.undo_stack.undo()
    qtbot.wait(50)
    assert not any(bar.isVisible() for bar in window.findChildren(ReminderBanner))


def test_mentor_overview_shows_cadence_sessions_and_open_items(
    qtbot: QtBot,
    qtmodeltester,
    journal,  # type: ignore[no-untyped-def]
) -> None:
    context = JournalContext(journal)
    history = seed_mentor_history(journal)
    overview = MentorOverview(context, history.ana)
    qtbot.addWidget(overview)
    qtmodeltester.check(overview.items_model)
    assert overview.name.text() == "Mentoring with Ana Ruiz"
    assert "Monthly" in overview.cadence.text() and "Overdue by" in overview.cadence.text()
    assert overview.sessions.count() == 2
    assert overview.sessions.item(0).text().endswith("Stakeholder map for the steering group")
    assert overview.items_model.rowCount() == 3
    assert not overview.snooze_button.isHidden()
    with qtbot.waitSignal(context.open_entry_requested) as opened:
        overview.sessions.itemDoubleClicked.emit(overview.sessions.item(1))
    assert opened.args == ["mentor_session", history.first_session]
    overview.snooze_button.click()
    assert "snoozed until" in overview.cadence.text() and overview.snooze_button.isHidden()

    overview.set_person(history.ben)
    assert "On track" in overview.cadence.text() and overview.items_model.rowCount() == 1
    peer = create_person(journal, data={"name": "Pat Peer", "relationship": "peer"})
    overview.set_person(peer.id)
    assert "No meeting cadence" in overview.cadence.text() and overview.body.isHidden()
    assert overview.isHidden()  # nothing about mentoring to say about a peer
    overview.set_person(history.ana)
    assert not overview.body.isHidden() and not overview.isHidden()
    overview.set_person(None)
    assert overview.name.text() == "No one selected" and not overview.isEnabled()
    assert overview.isHidden()


def test_mentor_overview_follows_the_people_screen(qtbot: QtBot, journal) -> None:  # type: ignore[no-untyped-def]
    from pmo_journal.ui.people.view import PeopleView

    context = JournalContext(journal)
    history = seed_mentor_history(journal)
    people_view = PeopleView(context)
    qtbot.addWidget(people_view)
    overview = MentorOverview(context)
    people_view.add_detail_section(overview)
    people_view.person_selected.connect(overview.set_person)
    assert people_view.select_person(history.ben)
    assert overview.name.text() == "Mentoring with Ben Okafor" and overview.sessions.count() == 1
    assert people_view.select_person(history.ana)
    assert overview.person_id == history.ana and overview.items_model.rowCount() == 3
