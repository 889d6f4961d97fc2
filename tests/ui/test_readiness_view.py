"""The readiness checklist screen: proofs link out, manual ticks count, the score updates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmo_journal.core.services.goals import create_goal
from pmo_journal.core.services.readiness import readiness_checklist
from pmo_journal.ui.career.goal_editor import GoalEditorDialog
from pmo_journal.ui.career.readiness_view import ReadinessView
from pmo_journal.ui.context import JournalContext
from tests.ui.career_data import seed_mentor_history


def test_checklist_proofs_manual_ticks_and_score(qtbot: QtBot, journal) -> None:  # type: ignore[no-untyped-def]
    context = JournalContext(journal)
    history = seed_mentor_history(journal)
    goal = create_goal(journal, data={"target_role": "PMO analyst"})
    view = ReadinessView(context)
    qtbot.addWidget(view)
    assert view.loading  # read on the runner's worker, not on the GUI thread
    qtbot.waitUntil(lambda: not view.loading)
    assert len(view.rows) == 8
    # Found a mentor and chose a path are proved: 2 of 8.
    assert view.score.text() == "25%" and view.count.text() == "2 of 8 steps done"
    found = view.row("found_mentor")
    assert found.box.isChecked()
    assert found.box.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert f"mentor_session:{history.first_session}" in found.detail.text()
    with qtbot.waitSignal(context.open_entry_requested) as opened:
        found.detail.linkActivated.emit(f"mentor_session:{history.first_session}")
    assert opened.args == ["mentor_session", history.first_session]

    opened_goals: list[int | None] = []

    def run(dialog: GoalEditorDialog) -> bool:
        qtbot.addWidget(dialog)
        opened_goals.append(dialog.goal_id)
        return False

    view.run = run  # type: ignore[method-assign]
    view.row("chose_path").detail.linkActivated.emit(f"career_goal:{goal.id}")
    assert opened_goals == [goal.id]

    interest = view.row("expressed_interest")
    assert interest.box.isEnabled() and not interest.box.isChecked()
    interest.box.click()
    qtbot.waitUntil(lambda: not view.loading)
    assert view.score.text() == "38%"
    assert "Ticked by hand" in view.row("expressed_interest").detail.text()
    assert readiness_checklist(journal).checked_count == 3
    view.row("expressed_interest").box.click()
    qtbot.waitUntil(lambda: not view.loading)
    assert view.score.text() == "25%"
