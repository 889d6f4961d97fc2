"""Opening an editor reads its pickers, the entry, its carried items and its files on one
connection: each read opens a connection of its own otherwise (a few milliseconds apiece
on a large journal, most of an editor's opening)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot
from sqlalchemy import event

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.ui.editors import MentorSessionDialog, PersonDialog
from pmo_journal.ui.main_window import MainWindow


def _connections_opened(window: MainWindow, opening: object) -> tuple[object, int]:
    engine = window.context.journal.engine
    opened: list[object] = []

    def count(connection: object, _record: object) -> None:
        opened.append(connection)

    event.listen(engine, "connect", count)
    try:
        dialog = opening()  # type: ignore[operator]
    finally:
        event.remove(engine, "connect", count)
    return dialog, len(opened)


def test_an_editor_opens_on_one_connection(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    mentor = people.create_person(journal, data={"name": "Priya", "relationship": "mentor"})
    saved = mentor_sessions.log_mentor_session(
        journal,
        data={
            "date": dt.date(2026, 1, 5),
            "mentor_id": mentor.id,
            "topics": "Intake",
            "new_action_items": [{"text": "Draft the intake form"}],
        },
    )

    dialog, opened = _connections_opened(
        window, lambda: window.open_entry(EntryKind.MENTOR_SESSION.value, saved.id)
    )
    assert isinstance(dialog, MentorSessionDialog)
    assert dialog.topics.toPlainText() == "Intake"
    assert opened == 1
    dialog.reject()

    dialog, opened = _connections_opened(window, lambda: window.new_entry(EntryKind.MENTOR_SESSION))
    assert opened == 1
    dialog.reject()

    dialog, opened = _connections_opened(window, window.people_view.add_person)
    assert isinstance(dialog, PersonDialog)
    assert opened <= 1
    dialog.reject()
