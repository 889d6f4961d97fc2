"""An editor's Save is one transaction: a failed save leaves no new person behind."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import mentor_sessions, people, skills
from pmo_journal.ui.editors import MentorSessionDialog
from pmo_journal.ui.main_window import MainWindow


def test_a_failed_save_leaves_no_new_mentor_behind(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    extra = skills.add_skill(journal, data={"name": "Facilitation"})
    dialog = window.new_entry(EntryKind.MENTOR_SESSION)
    assert isinstance(dialog, MentorSessionDialog)
    dialog.mentor.setEditText("Priya Raman")
    dialog.topics.setPlainText("Running the portfolio intake")
    dialog.skills.box(extra.id).setChecked(True)
    skills.delete_skill(journal, extra.id)  # gone meanwhile, e.g. from another screen

    dialog.save_button.click()
    assert dialog.isVisible()
    assert "no skill" in dialog.message_for("skill_ids").lower()
    assert people.list_people(journal) == []  # the new mentor was rolled back with it

    dialog.skills.box(extra.id).setChecked(False)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [p.name for p in people.list_people(journal)] == ["Priya Raman"]
    assert len(mentor_sessions.list_mentor_sessions(journal)) == 1
