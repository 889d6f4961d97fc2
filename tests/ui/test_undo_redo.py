"""Edit ▸ Undo and Redo over every kind of change made in the real screens: the journal
file returns to its state before, then after, and the screens show it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pmo_journal.core import clock
from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind, PduCategory
from pmo_journal.core.services import (
    goals,
    helper_assignments,
    mentor_sessions,
    pdus,
    people,
    skills,
)
from pmo_journal.ui.career.goal_editor import GoalEditorDialog
from pmo_journal.ui.career.goals_view import GoalsView
from pmo_journal.ui.career.open_items_view import OpenItemsView
from pmo_journal.ui.dates import to_qdate
from pmo_journal.ui.editors import HelperAssignmentDialog, MentorSessionDialog
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.pdus.claim_editor import ClaimEditor
from pmo_journal.ui.pdus.view import PduView
from tests.core.journal_data import journal_state
from tests.ui.test_entry_round_trip import save, titles

DAY = dt.date(2026, 3, 4)


def edit_menu_action(window: MainWindow, prefix: str) -> QAction:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    return next(a for a in menu.actions() if a.text().startswith(prefix))  # type: ignore[union-attr]


class History:
    """Undo and redo as the user reaches them: the Edit menu's actions."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.path = window.context.journal.path
        self.undo = edit_menu_action(window, "&Undo")
        self.redo = edit_menu_action(window, "&Redo")

    def state(self) -> object:
        return journal_state(self.path)

    def check(self, text: str, before: object) -> object:
        """The last change is undone to ``before`` and redone to what it made; its after."""
        after = self.state()
        assert after != before
        assert self.undo.isEnabled() and self.undo.text() == f"&Undo {text}"
        self.undo.trigger()
        assert self.state() == before
        assert self.redo.text() == f"&Redo {text}"
        self.redo.trigger()
        assert self.state() == after
        return after


@pytest.fixture
def history(window: MainWindow) -> History:
    return History(window)


def test_undo_and_redo_keys(window: MainWindow, history: History) -> None:
    assert QKeySequence("Ctrl+Z") in history.undo.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in history.redo.shortcuts()
    assert not history.undo.isEnabled() and history.undo.text() == "&Undo"


def test_a_session_new_edited_starred_and_deleted(
    qtbot: QtBot, window: MainWindow, history: History
) -> None:
    journal = window.context.journal
    ada = people.create_person(journal, data={"name": "Ada", "relationship": "mentor"})
    cy = people.create_person(journal, data={"name": "Cy", "relationship": "mentor"})
    first, second = (s.id for s in skills.list_skills(journal)[:2])
    window.show_screen("journal")

    before = history.state()
    dialog = window.new_entry(EntryKind.MENTOR_SESSION)
    assert isinstance(dialog, MentorSessionDialog)
    dialog.date.setDate(to_qdate(DAY))
    dialog.mentor.setEditText("Ada")
    dialog.topics.setPlainText("Portfolio intake")
    dialog.skills.box(first).setChecked(True)
    dialog.action_items.text.setText("Send the deck")
    dialog.action_items.add_button.click()
    save(qtbot, dialog)
    [saved] = mentor_sessions.list_mentor_sessions(journal)
    history.undo.trigger()
    assert history.state() == before and titles(window) == []  # the screen followed
    assert mentor_sessions.list_mentor_sessions(journal) == []
    history.redo.trigger()
    assert titles(window) == ["Session with Ada"]
    assert mentor_sessions.get_mentor_session(journal, saved.id).uuid == saved.uuid
    before = history.check("New mentor session", before)

    window.journal_view.select_entry(EntryKind.MENTOR_SESSION, saved.id)
    window.edit_action.trigger()
    editor = window.findChildren(MentorSessionDialog)[-1]
    editor.mentor.setEditText("Cy")
    editor.topics.setPlainText("Strategy funnel")
    editor.skills.box(first).setChecked(False)
    editor.skills.box(second).setChecked(True)
    save(qtbot, editor)
    edited = mentor_sessions.get_mentor_session(journal, saved.id)
    assert (edited.mentor_id, edited.skill_ids) == (cy.id, [second])
    history.check("Edit mentor session", before)
    history.undo.trigger()
    restored = mentor_sessions.get_mentor_session(journal, saved.id)
    assert (restored.mentor_id, restored.skill_ids, restored.topics) == (
        ada.id,
        [first],
        "Portfolio intake",
    )
    assert "Portfolio intake" in window.journal_view.detail.toPlainText()

    before = history.state()
    window.journal_view.select_entry(EntryKind.MENTOR_SESSION, saved.id)
    window.journal_view.toggle_star()
    before = history.check("Star mentor session", before)

    window.journal_view.select_entry(EntryKind.MENTOR_SESSION, saved.id)
    window.delete_action.trigger()
    assert titles(window) == []
    history.check("Delete mentor session", before)
    history.undo.trigger()
    assert titles(window) == ["Session with Ada"]
    selected = window.journal_view.selected_entry()
    assert selected is not None and selected.id == saved.id  # back where it was left


def test_an_assignment_edit_is_undone_in_every_field(
    qtbot: QtBot, window: MainWindow, history: History
) -> None:
    journal = window.context.journal
    lin = people.create_person(journal, data={"name": "Lin", "relationship": "pmo_leader"})
    skill = skills.list_skills(journal)[0].id
    saved = helper_assignments.log_helper_assignment(
        journal,
        data={
            "title": "Board minutes",
            "kind": "minutes",
            "leader_id": lin.id,
            "start_date": DAY,
            "hours": 2.5,
            "skill_ids": [skill],
        },
    )
    before = history.state()
    dialog = window.open_entry(EntryKind.HELPER_ASSIGNMENT.value, saved.id)
    assert isinstance(dialog, HelperAssignmentDialog)
    dialog.title.setText("Metrics pack")
    dialog.leader.setEditText("Mo New")
    dialog.hours.setValue(6)
    dialog.skills.box(skill).setChecked(False)
    dialog.private_box.setChecked(True)
    save(qtbot, dialog)
    history.check("Edit helper assignment", before)
    history.undo.trigger()
    assert helper_assignments.get_helper_assignment(journal, saved.id) == saved


@pytest.mark.usefixtures("frozen_today")
def test_action_items_marked_done(qtbot: QtBot, window: MainWindow, history: History) -> None:
    journal = window.context.journal
    ada = people.create_person(journal, data={"name": "Ada", "relationship": "mentor"})
    mentor_sessions.log_mentor_session(
        journal,
        data={
            "date": clock.today() - dt.timedelta(days=9),
            "mentor_id": ada.id,
            "topics": "Items",
            "new_action_items": [{"text": "Read the charter"}],
        },
    )
    window.show_screen("action_items")
    view = window.current_screen()
    assert isinstance(view, OpenItemsView)
    view.table.selectRow(0)
    before = history.state()
    view.done_button.click()
    assert view.model.rowCount() == 0
    history.check("Mark action item done", before)
    history.undo.trigger()
    assert view.model.rowCount() == 1


def test_pdu_claims_new_and_deleted(
    qtbot: QtBot, window: MainWindow, history: History, prompts: object
) -> None:
    journal = window.context.journal
    pdus.create_cycle(
        journal, data={"start_date": dt.date(2025, 6, 1), "end_date": dt.date(2028, 5, 31)}
    )
    window.show_screen("pdus")
    view = window.current_screen()
    assert isinstance(view, PduView)
    opened: list[QDialog] = []

    def run(dialog: QDialog) -> None:
        qtbot.addWidget(dialog)
        dialog.show()
        opened.append(dialog)

    view._run = run  # type: ignore[method-assign]
    before = history.state()
    view.add_button.click()
    editor = opened[-1]
    assert isinstance(editor, ClaimEditor)
    editor.date.setDate(to_qdate(DAY))
    editor.category.setCurrentIndex(editor.category.findData(PduCategory.GIVING_BACK))
    editor.activity.setCurrentIndex(editor.activity.findData("volunteer"))
    editor.hours.setValue(4)
    editor.description.setPlainText("Ran the PMO community call")
    editor.buttons.accepted.emit()
    assert view.claims_model.rowCount() == 1
    before = history.check("New PDU claim", before)
    history.undo.trigger()
    assert view.claims_model.rowCount() == 0
    history.redo.trigger()

    prompts.answer("ask", True)  # type: ignore[attr-defined]
    view.claims_table.selectRow(0)
    view.delete_button.click()
    assert view.claims_model.rowCount() == 0
    history.check("Delete PDU claim", before)


def test_goals_new_and_deleted(qtbot: QtBot, window: MainWindow, history: History) -> None:
    window.show_screen("goals")
    view = window.current_screen()
    assert isinstance(view, GoalsView)

    def fill(dialog: GoalEditorDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.role.setCurrentText("PMO analyst")
        dialog.new_milestone.setText("Shadow the portfolio board")
        dialog.add_button.click()
        dialog.save_button.click()
        return dialog.result() == 1

    view.run = fill  # type: ignore[method-assign]
    before = history.state()
    view.new_button.click()
    assert view.model.rowCount() == 1
    before = history.check("New goal", before)
    history.undo.trigger()
    assert view.model.rowCount() == 0
    history.redo.trigger()

    view.table.selectRow(0)
    view.delete_button.click()
    assert view.model.rowCount() == 0
    history.check("Delete goal", before)
    history.undo.trigger()
    assert view.model.rowCount() == 1


def test_a_change_of_the_whole_journal_ends_the_history(
    qtbot: QtBot, window: MainWindow, history: History
) -> None:
    journal = window.context.journal
    goal = window.context.do(
        "New goal",
        lambda: goals.save_goal(journal, goal_id=None, data={"target_role": "PMO lead"}),
    )
    assert goal is not None and history.undo.isEnabled()
    window.context.announce(Changes.everything())  # what an import or a restore says
    assert not history.undo.isEnabled() and not history.redo.isEnabled()
