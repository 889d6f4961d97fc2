"""The first visits' reads done ahead on the worker (``ui.read_ahead``): the journal and
People screens show them when nothing changed since, and read for themselves when
something did (or when nothing was read ahead)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind, Relationship
from pmo_journal.core.services import people, reflections, skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui import read_ahead
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.journal.view import JournalView
from pmo_journal.ui.people.view import PeopleView

WAIT_MS = 30_000


def _reflect(journal: Journal, day: int) -> None:
    skill = skills.list_skills(journal)[0]
    reflections.log_skill_reflection(
        journal,
        data={
            "date": dt.date(2025, 1, 1) + dt.timedelta(days=day),
            "skill_id": skill.id,
            "rating": 3,
            "situation": f"Steering committee number {day}",
        },
    )


def _read_ahead(qtbot: QtBot, context: JournalContext, parent: JournalView | None = None) -> None:
    from PySide6.QtWidgets import QWidget

    holder = parent or QWidget()
    qtbot.addWidget(holder)
    ahead = read_ahead.read_ahead_of(context)
    ended: list[bool] = []
    ahead.read.connect(lambda: ended.append(True))
    ahead.start(holder)
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)


def test_the_first_visits_show_what_was_read_ahead_while_nothing_changed(
    qtbot: QtBot, journal: Journal, context: JournalContext
) -> None:
    for day in range(3):
        _reflect(journal, day)
    people.create_person(journal, data={"name": "Dana Ruiz", "relationship": "mentor"})
    _read_ahead(qtbot, context)
    ahead = read_ahead.read_ahead_of(context)
    assert all(ahead.has(key) for key in read_ahead.first_visit_reads(journal))
    # Written behind the context's back (no change announced): what was read ahead stands,
    # which shows the screens took it rather than reading again.
    _reflect(journal, 10)
    people.create_person(journal, data={"name": "Sam Lee", "relationship": "peer"})
    view = JournalView(context)
    qtbot.addWidget(view)
    assert view.model.total == 3
    persons = [view.filters.person.itemText(i) for i in range(view.filters.person.count())]
    assert persons == ["Anyone", "Dana Ruiz"]
    listed = PeopleView(context)
    qtbot.addWidget(listed)
    assert [listed.model.person_at(row).name for row in range(listed.model.rowCount())] == [
        "Dana Ruiz"
    ]
    # Each is taken once: the next screen (or a refresh) reads for itself.
    assert not any(ahead.has(key) for key in read_ahead.first_visit_reads(journal))
    again = JournalView(context)
    qtbot.addWidget(again)
    assert again.model.total == 4
    listed.refresh()
    assert listed.model.rowCount() == 2


def test_a_change_forgets_what_was_read_ahead(
    qtbot: QtBot, journal: Journal, context: JournalContext
) -> None:
    _reflect(journal, 0)
    _read_ahead(qtbot, context)
    _reflect(journal, 1)
    context.announce(Changes.of_entries(EntryKind.SKILL_REFLECTION))
    assert not read_ahead.read_ahead_of(context).has(read_ahead.JOURNAL_FIRST_PAGE)
    view = JournalView(context)
    qtbot.addWidget(view)
    assert view.model.total == 2


def test_a_change_while_reading_ahead_throws_the_reading_away(
    qtbot: QtBot, journal: Journal, context: JournalContext
) -> None:
    _reflect(journal, 0)
    from PySide6.QtWidgets import QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    ahead = read_ahead.read_ahead_of(context)
    ended: list[bool] = []
    ahead.read.connect(lambda: ended.append(True))
    ahead.start(holder)
    context.announce(Changes(people=True))  # before the results arrive on the GUI thread
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    assert not read_ahead.read_ahead_of(context).has(read_ahead.PEOPLE_LIST)


def test_without_a_reading_ahead_the_screens_read_for_themselves(
    qtbot: QtBot, journal: Journal, context: JournalContext
) -> None:
    _reflect(journal, 0)
    people.create_person(
        journal, data={"name": "Ana Silva", "relationship": Relationship.PMO_LEADER.value}
    )
    view = JournalView(context)
    qtbot.addWidget(view)
    assert view.model.total == 1
    assert view.filters.person.count() == 2


def test_a_screen_built_ahead_reads_the_changes_it_missed_when_first_shown(
    qtbot: QtBot, journal: Journal, context: JournalContext
) -> None:
    from PySide6.QtCore import QSettings

    from pmo_journal.ui.main_window import MainWindow

    QSettings().setValue("welcome/seen", True)
    _reflect(journal, 0)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert window.current_screen_key() == "dashboard"
    for build in window.screens_to_build_ahead():
        build()
    view = window.screen_widget("journal").built()  # type: ignore[union-attr]
    assert isinstance(view, JournalView) and view.held_until_shown
    _reflect(journal, 1)
    window.context.announce(Changes.of_entries(EntryKind.SKILL_REFLECTION))
    assert view.model.total == 1  # hidden, built ahead: nothing read for it yet
    window.show_screen("journal")
    assert not view.held_until_shown
    assert view.model.total == 2  # read on its first showing
    _reflect(journal, 2)
    window.context.announce(Changes.of_entries(EntryKind.SKILL_REFLECTION))
    assert view.model.total == 3  # then as ever: at once
