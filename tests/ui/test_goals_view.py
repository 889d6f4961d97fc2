"""The goals screen and the goal editor, clicked through on a real journal."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import goals
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.career.evidence_picker import EvidencePicker
from pmo_journal.ui.career.goal_editor import GoalEditorDialog
from pmo_journal.ui.career.goal_models import PROGRESS_ROLE, GoalsModel, MilestonesModel
from pmo_journal.ui.career.goals_view import GoalsView
from pmo_journal.ui.context import JournalContext
from tests.frozen_clock import FROZEN_TODAY
from tests.ui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.usefixtures("frozen_today")

TODAY = FROZEN_TODAY  # the tests that use it run with the frozen_today fixture


def _seed(journal: Journal) -> int:
    goal = goals.create_goal(
        journal,
        data={
            "target_role": "PMO analyst",
            "target_date": TODAY + dt.timedelta(days=300),
            "milestones": [
                {"title": "Shadow a portfolio review", "done_date": TODAY},
                {"title": "Take steering minutes", "due_date": TODAY - dt.timedelta(days=5)},
                {"title": "Pass the PMO-CP", "due_date": TODAY + dt.timedelta(days=60)},
            ],
        },
    )
    goals.create_goal(journal, data={"target_role": "Portfolio manager", "status": "paused"})
    return goal.id


def test_goals_screen_lists_progress_and_overdue_milestones(
    qtbot: QtBot,
    qtmodeltester,
    context: JournalContext,  # type: ignore[no-untyped-def]
) -> None:
    goal_id = _seed(context.journal)
    view = GoalsView(context)
    qtbot.addWidget(view)
    model = view.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    first = model.index(0, GoalsModel.PROGRESS)
    assert first.data() == "1 of 3" and first.data(PROGRESS_ROLE) == pytest.approx(1 / 3)
    assert model.index(0, GoalsModel.OVERDUE).data() == "1 overdue"
    assert "Take steering minutes" in model.index(0, GoalsModel.OVERDUE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.index(1, GoalsModel.PROGRESS).data() == "No milestones"
    assert view.selected_goal().id == goal_id  # type: ignore[union-attr]
    page = view.details.toPlainText()
    assert "overdue since" in page and "33% done" in page


def test_new_goal_through_the_editor(qtbot: QtBot, context: JournalContext) -> None:
    view = GoalsView(context)
    qtbot.addWidget(view)
    assert "No career goals yet" in view.details.toPlainText()

    def fill(dialog: GoalEditorDialog) -> bool:
        qtbot.addWidget(dialog)
        assert not dialog.save_button.isEnabled()
        assert "Target role is required." in dialog.message.text()
        dialog.role.setCurrentText("PMO manager")
        dialog.path.setCurrentIndex(1)
        dialog.new_milestone.setText("Run a community of practice")
        dialog.add_button.click()
        dialog.new_milestone.setText("Present metrics to the board")
        dialog.new_due.enabled.setChecked(False)
        dialog.add_button.click()
        done = dialog.milestones.index(0, MilestonesModel.DONE)
        dialog.milestones.setData(done, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        assert dialog.save_button.isEnabled()
        dialog.save_button.click()
        return dialog.result() == 1

    view.run = fill  # type: ignore[method-assign]
    view.new_button.click()
    (goal,) = goals.list_goals(context.journal)
    assert goal.target_role == "PMO manager" and goal.path.value == "delivery_route"
    assert [(m.title, m.done_date) for m in goal.milestones] == [
        ("Run a community of practice", TODAY),
        ("Present metrics to the board", None),
    ]
    assert view.model.index(0, GoalsModel.PROGRESS).data() == "1 of 2"


def test_editor_edits_milestones_and_links_evidence(
    qtbot: QtBot,
    qtmodeltester,
    context: JournalContext,  # type: ignore[no-untyped-def]
    prompts: ScriptedPrompts,
) -> None:
    goal_id = _seed(context.journal)
    ana = create_person(context.journal, data={"name": "Ana", "relationship": "mentor"})
    session = log_mentor_session(
        context.journal, data={"date": TODAY, "mentor_id": ana.id, "topics": "Which PMO role"}
    )
    dialog = GoalEditorDialog(context, goal_id=goal_id)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.milestones)
    dialog.milestone_table.selectRow(0)
    dialog.remove_button.click()
    title = dialog.milestones.index(0, MilestonesModel.TITLE)
    dialog.milestones.setData(title, "Take minutes at two steering meetings")
    dialog.milestone_table.selectRow(0)
    dialog.clear_due_button.click()
    assert dialog.milestones.index(0, MilestonesModel.DUE).data() == "No date"

    def choose(picker: EvidencePicker) -> bool:
        qtbot.addWidget(picker)
        assert picker.entries.count() == 1
        picker.choose(EntryKind.MENTOR_SESSION, session.id)
        return True

    dialog.pick = choose  # type: ignore[method-assign]
    dialog.link_button.click()
    assert dialog.evidence.count() == 1
    with qtbot.waitSignal(context.changed):
        dialog.save_button.click()
    goal = goals.get_goal(context.journal, goal_id)
    assert [m.title for m in goal.milestones] == [
        "Take minutes at two steering meetings",
        "Pass the PMO-CP",
    ]
    assert [(e.kind, e.id) for e in goal.evidence] == [(EntryKind.MENTOR_SESSION, session.id)]
    assert goal.milestones[0].due_date is None

    again = GoalEditorDialog(context, goal_id=goal_id)
    qtbot.addWidget(again)
    again.evidence.setCurrentRow(0)
    again.unlink_button.click()
    again.role.setCurrentText("")
    assert not again.save_button.isEnabled()
    prompts.answer("ask", True)
    again.buttons.button(again.buttons.StandardButton.Cancel).click()
    assert [a.text for a in prompts.asked] == ["Discard the changes to this goal?"]
    assert len(goals.get_goal(context.journal, goal_id).evidence) == 1


def test_delete_then_undo(qtbot: QtBot, context: JournalContext) -> None:
    goal_id = _seed(context.journal)
    view = GoalsView(context)
    qtbot.addWidget(view)
    view.delete_button.click()
    assert [g.target_role for g in goals.list_goals(context.journal)] == ["Portfolio manager"]
    assert view.model.rowCount() == 1 and "Undo" in view.undo_bar.text()
    view.undo_bar.linkActivated.emit("undo")
    assert view.model.rowCount() == 2
    assert view.selected_goal().id == goal_id  # type: ignore[union-attr]
    assert view.undo_bar.isHidden()


def test_delete_goes_on_the_main_windows_undo_stack(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    _seed(window.context.journal)
    window.show_screen("goals")
    view = window.current_screen()
    assert isinstance(view, GoalsView)
    assert window.delete_action.isEnabled()
    window.delete_action.trigger()
    assert view.model.rowCount() == 1
    assert window.undo_stack.undoText() == "Delete goal"
    assert view.undo_bar.isVisibleTo(view)
    window.undo_stack.undo()
    assert view.model.rowCount() == 2
    assert not view.undo_bar.isVisibleTo(view)  # undone with Ctrl+Z: its Undo link goes too
    window.undo_stack.redo()
    assert [g.target_role for g in goals.list_goals(window.context.journal)] == [
        "Portfolio manager"
    ]
