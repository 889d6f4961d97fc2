"""For each kind: fill the real editor, save, see the row, edit it, delete it, undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind, Relationship
from pmo_journal.core.services import mentor_sessions, notes, people, skills, timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.ui.dates import to_qdate
from pmo_journal.ui.editors import (
    HelperAssignmentDialog,
    MentorSessionDialog,
    NoteDialog,
    SkillReflectionDialog,
)
from pmo_journal.ui.journal.timeline_model import TITLE
from pmo_journal.ui.main_window import MainWindow


def titles(window: MainWindow) -> list[str]:
    model = window.journal_view.model
    return [model.index(row, TITLE).data() for row in range(model.rowCount())]


def save(qtbot: QtBot, dialog: object) -> None:
    assert dialog.save_button.isEnabled(), dialog.problems()  # type: ignore[attr-defined]
    dialog.save_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.isVisible())  # type: ignore[attr-defined]


def delete_and_undo(window: MainWindow, kind: EntryKind, entry_id: int, title: str) -> None:
    window.show_screen("journal")
    assert window.journal_view.select_entry(kind, entry_id)
    window.delete_action.trigger()
    assert title not in titles(window)
    assert timeline.count_timeline(window.context.journal, TimelineFilter()) == 0
    window.undo_stack.undo()
    assert title in titles(window)
    # Undo brings the entry back selected, with its detail showing.
    selected = window.journal_view.selected_entry()
    assert selected is not None and (selected.kind, selected.id) == (kind, entry_id)


def test_mentor_session_round_trip(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    strategic = skills.list_skills(journal)[1]
    dialog = window.new_entry(EntryKind.MENTOR_SESSION)
    assert isinstance(dialog, MentorSessionDialog)
    dialog.date.setDate(to_qdate(dt.date(2026, 3, 4)))
    dialog.mentor.setEditText("Priya Raman")
    assert "is new" in dialog.new_mentor_hint.text()
    dialog.duration.setValue(45)
    dialog.skills.box(strategic.id).setChecked(True)
    dialog.decisions.setPlainText("Why the PMO paused two projects to fund the CRM migration.")
    dialog.action_items.text.setText("Ask to take the minutes at the portfolio review")
    dialog.action_items.add_button.click()
    save(qtbot, dialog)

    assert "Session with Priya Raman" in titles(window)
    priya = people.list_people(journal)[0]
    assert (priya.name, priya.relationship) == ("Priya Raman", Relationship.MENTOR)
    [saved] = mentor_sessions.list_mentor_sessions(journal)
    assert saved.duration_minutes == 45 and saved.skill_ids == [strategic.id]
    assert [item.text for item in saved.action_items] == [
        "Ask to take the minutes at the portfolio review"
    ]

    window.journal_view.select_entry(EntryKind.MENTOR_SESSION, saved.id)
    window.journal_view.table.activated.emit(window.journal_view.table.currentIndex())
    editor = window.findChildren(MentorSessionDialog)[-1]
    assert editor.entry_id == saved.id and editor.mentor.currentText() == "Priya Raman"
    editor.takeaways.setPlainText("Speak in business value.")
    save(qtbot, editor)
    assert mentor_sessions.get_mentor_session(journal, saved.id).takeaways == (
        "Speak in business value."
    )
    assert "Speak in business value." in window.journal_view.detail.toPlainText()

    delete_and_undo(window, EntryKind.MENTOR_SESSION, saved.id, "Session with Priya Raman")


def test_helper_assignment_round_trip(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    leader = people.create_person(
        journal, data={"name": "Alex Chen", "relationship": Relationship.PMO_LEADER}
    )
    dialog = window.new_entry(EntryKind.HELPER_ASSIGNMENT)
    assert isinstance(dialog, HelperAssignmentDialog)
    dialog.title.setText("Minutes for the portfolio review board")
    dialog.kind.setCurrentIndex(dialog.kind.findData("minutes"))
    dialog.leader.setEditText("alex chen")
    dialog.hours.setValue(3.5)
    dialog.outcome.setPlainText("The board approved three proposals in one sitting.")
    save(qtbot, dialog)

    title = "Minutes for the portfolio review board"
    assert title in titles(window)
    entry = window.journal_view.model.entry_at(0)
    assert entry.people == "Alex Chen"
    assert len(people.list_people(journal)) == 1, "an existing name must not create a person"

    window.journal_view.select_entry(EntryKind.HELPER_ASSIGNMENT, entry.id)
    editor = window.open_entry(EntryKind.HELPER_ASSIGNMENT.value, entry.id)
    assert isinstance(editor, HelperAssignmentDialog)
    assert editor.leader.person_id() == leader.id
    editor.title.setText("Minutes for the March portfolio review board")
    editor.status.setCurrentIndex(editor.status.findData("done"))
    save(qtbot, editor)
    assert "Minutes for the March portfolio review board" in titles(window)

    delete_and_undo(
        window,
        EntryKind.HELPER_ASSIGNMENT,
        entry.id,
        "Minutes for the March portfolio review board",
    )


def test_skill_reflection_round_trip(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    leadership = skills.list_skills(journal)[0]
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.skill.setCurrentIndex(dialog.skill.findData(leadership.id))
    dialog.rating.group.button(3).click()
    assert leadership.descriptors[2] in dialog.rating.descriptor.text()
    dialog.texts["situation"].setPlainText("Two delivery teams disagreed on the release plan.")
    dialog.texts["result"].setPlainText("They agreed a joint plan within a week.")
    save(qtbot, dialog)

    title = f"{leadership.name} reflection — 3/5"
    assert title in titles(window)
    entry = window.journal_view.model.entry_at(0)

    editor = window.open_entry(EntryKind.SKILL_REFLECTION.value, entry.id)
    assert isinstance(editor, SkillReflectionDialog)
    assert editor.rating.value() == 3
    editor.rating.group.button(4).click()
    save(qtbot, editor)
    assert f"{leadership.name} reflection — 4/5" in titles(window)

    delete_and_undo(
        window, EntryKind.SKILL_REFLECTION, entry.id, f"{leadership.name} reflection — 4/5"
    )


def test_note_round_trip(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    lin = people.create_person(journal, data={"name": "Lin Okafor", "relationship": "pmo_leader"})
    strategic = skills.list_skills(journal)[1]
    shortcut = next(
        action
        for action in window.findChildren(QAction)
        if action.shortcut().toString() == "Ctrl+Shift+N"
    )
    shortcut.trigger()
    dialog = window.findChildren(NoteDialog)[-1]
    assert dialog.windowTitle() == "New note" and not dialog.save_button.isEnabled()
    dialog.date.setDate(to_qdate(dt.date(2026, 3, 4)))
    dialog.time.set_value(dt.time(14, 30))
    dialog.title.setText("Told Lin I want to join the PMO")
    dialog.text.setPlainText("She suggested I take the minutes at the intake board.")
    dialog.people.item_of(lin.id).setCheckState(Qt.CheckState.Checked)
    dialog.skills.box(strategic.id).setChecked(True)
    dialog.starred_box.setChecked(True)
    save(qtbot, dialog)

    assert "Told Lin I want to join the PMO" in titles(window)
    [saved] = notes.list_notes(journal)
    assert (saved.time, saved.person_ids, saved.skill_ids, saved.starred) == (
        dt.time(14, 30),
        [lin.id],
        [strategic.id],
        True,
    )
    window.journal_view.select_entry(EntryKind.NOTE, saved.id)
    detail = window.journal_view.detail.toPlainText()
    assert "Lin Okafor" in detail and "14:30" in detail and "intake board" in detail
    found = timeline.list_timeline(journal, TimelineFilter(text="intake", person_id=lin.id))
    assert [(e.kind, e.id) for e in found] == [(EntryKind.NOTE, saved.id)]

    window.journal_view.table.activated.emit(window.journal_view.table.currentIndex())
    editor = window.findChildren(NoteDialog)[-1]
    assert editor.entry_id == saved.id and editor.title.text() == saved.title
    editor.text.setPlainText("Minutes at the intake board from April.")
    save(qtbot, editor)
    assert notes.get_note(journal, saved.id).text == "Minutes at the intake board from April."
    delete_and_undo(window, EntryKind.NOTE, saved.id, "Told Lin I want to join the PMO")
