"""Editors autosave drafts; after a crash the next start offers them back, fields and all."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import drafts, people, skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.drafts import DraftAutosaver, offer_drafts
from pmo_journal.ui.editors import (
    EntryDialog,
    HelperAssignmentDialog,
    MentorSessionDialog,
    SkillReflectionDialog,
)
from pmo_journal.ui.editors.fields import to_qdate
from pmo_journal.ui.main_window import MainWindow
from tests.ui.scripted_prompts import ScriptedPrompts


def _autosaver(dialog: EntryDialog) -> DraftAutosaver:
    found = dialog.findChild(DraftAutosaver)
    assert isinstance(found, DraftAutosaver)
    return found


def _crash(dialog: EntryDialog) -> None:
    """What a kill does: the editor never closes, so its draft is never discarded."""
    saver = _autosaver(dialog)
    saver.save_now()
    saver.timer.stop()
    dialog.finished.disconnect(saver._closed)


def _restart(qtbot: QtBot, journal: Journal, prompts: ScriptedPrompts) -> list[EntryDialog]:
    prompts.answer("ask", True)
    again = JournalContext(Journal.open(journal.path))
    reopened = offer_drafts(None, again)
    for dialog in reopened:
        qtbot.addWidget(dialog)
    return reopened


def test_a_crashed_mentor_session_comes_back_whole(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts
) -> None:
    journal = window.context.journal
    strategic = skills.list_skills(journal)[1]
    dialog = window.new_entry(EntryKind.MENTOR_SESSION)
    assert isinstance(dialog, MentorSessionDialog)
    assert _autosaver(dialog).timer.interval() == 3_000 and _autosaver(dialog).timer.isActive()
    dialog.date.setDate(to_qdate(dt.date(2026, 3, 4)))
    dialog.mentor.setEditText("Priya Raman")
    dialog.skills.box(strategic.id).setChecked(True)
    dialog.topics.setPlainText("How the funnel is judged")
    dialog.action_items.text.setText("Ask for the intake criteria")
    dialog.action_items.add_button.click()
    _crash(dialog)

    [restored] = _restart(qtbot, journal, prompts)
    assert isinstance(restored, MentorSessionDialog)
    assert restored.mentor.currentText() == "Priya Raman"
    assert restored.topics.toPlainText() == "How the funnel is judged"
    assert restored.skills.checked_ids() == [strategic.id]
    assert [i.text for i in restored.action_items.new_items()] == ["Ask for the intake criteria"]
    assert restored.date.date() == to_qdate(dt.date(2026, 3, 4))
    assert restored.has_changes() and restored.save_button.isEnabled()

    restored.save_button.click()
    qtbot.waitUntil(lambda: not restored.isVisible())
    assert drafts.list_drafts(journal) == []
    assert people.list_people(journal)[0].name == "Priya Raman"


def test_reflection_and_assignment_drafts_come_back(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts
) -> None:
    journal = window.context.journal
    reflection = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(reflection, SkillReflectionDialog)
    reflection.rating.set_value(4)
    reflection.texts["situation"].setPlainText("Ran the retro across three teams")
    reflection._changed()
    _crash(reflection)
    assignment = window.new_entry(EntryKind.HELPER_ASSIGNMENT)
    assert isinstance(assignment, HelperAssignmentDialog)
    assignment.title.setText("Minutes of the portfolio board")
    assignment.hours.setValue(2.5)
    assignment.leader.setEditText("Lin Leader")
    _crash(assignment)

    restored = _restart(qtbot, journal, prompts)
    by_kind = {type(dialog): dialog for dialog in restored}
    back = by_kind[SkillReflectionDialog]
    assert isinstance(back, SkillReflectionDialog)
    assert back.rating.value() == 4
    assert back.texts["situation"].toPlainText() == "Ran the retro across three teams"
    work = by_kind[HelperAssignmentDialog]
    assert isinstance(work, HelperAssignmentDialog)
    assert work.title.text() == "Minutes of the portfolio board"
    assert work.hours.value() == 2.5 and work.leader.currentText() == "Lin Leader"
    prompts.answer("ask", *[True] * 4)
    for dialog in (*restored, reflection, assignment):
        dialog.reject()


def test_saving_or_cancelling_discards_the_draft(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts
) -> None:
    journal = window.context.journal
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.texts["learned"].setPlainText("Something")
    assert _autosaver(dialog).save_now() is not None
    assert len(drafts.list_drafts(journal)) == 1
    prompts.answer("ask", True)
    dialog.cancel_button.click()
    assert drafts.list_drafts(journal) == []


def test_the_timer_saves_only_while_there_are_changes(qtbot: QtBot, window: MainWindow) -> None:
    context = window.context
    dialog = SkillReflectionDialog(context)
    qtbot.addWidget(dialog)
    saver = DraftAutosaver(
        context, dialog, "skill_reflection", None, collect=dialog.draft_payload, interval_ms=20
    )
    for _tick in range(3):  # each tick has run save_now by the time the wait ends
        with qtbot.waitSignal(saver.timer.timeout, timeout=10_000):
            pass
    assert drafts.list_drafts(context.journal) == []  # nothing typed yet
    dialog.texts["result"].setPlainText("Consensus on the intake form")
    with qtbot.waitSignal(saver.saved, timeout=2_000):
        pass
    [draft] = drafts.list_drafts(context.journal)
    assert draft.payload["result"] == "Consensus on the intake form"


def test_declining_the_offer_discards_the_drafts(
    window: MainWindow, prompts: ScriptedPrompts
) -> None:
    journal = window.context.journal
    drafts.save_draft(journal, kind="skill_reflection", entry_id=None, payload={"result": "x"})
    prompts.answer("ask", False)
    assert offer_drafts(None, window.context) == []
    assert "a new skill reflection" in prompts.asked[0].detail
    assert drafts.list_drafts(journal) == []
