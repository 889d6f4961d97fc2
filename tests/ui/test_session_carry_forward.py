"""Carrying action items forward inside the real mentor-session editor."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.services.action_items import action_item_history, list_action_items
from pmo_journal.core.services.mentor_sessions import list_mentor_sessions
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.editors import MentorSessionDialog
from pmo_journal.ui.editors.fields import to_qdate
from tests.ui.career_data import TODAY, days_ago, seed_mentor_history
from tests.ui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.usefixtures("frozen_today")


def _items_by_text(context: JournalContext, mentor_id: int) -> dict[str, object]:
    items = list_action_items(context.journal, open_only=False, mentor_id=mentor_id)
    return {item.text: item for item in items}


def test_picking_the_mentor_shows_their_open_items_and_save_applies_the_choices(
    qtbot: QtBot, context: JournalContext
) -> None:
    history = seed_mentor_history(context.journal)
    dialog = MentorSessionDialog(context)
    qtbot.addWidget(dialog)
    panel = dialog.carry_forward
    assert panel.items() == []

    dialog.mentor.setEditText("Ben Okafor")
    assert [i.text for i in panel.items()] == ["Collect last quarter's delivery metrics"]
    dialog.mentor.setEditText("Ana Ruiz")
    assert [i.text for i in panel.items()] == [
        "Draft a one-page intake form",
        "Read the portfolio charter",
        "Ask the PMO lead for a shadowing slot",
    ]
    # Dating the session before Ana's second one leaves that session's item out.
    dialog.date.setDate(to_qdate(days_ago(45)))
    assert len(panel.items()) == 2
    dialog.date.setDate(to_qdate(TODAY))
    assert len(panel.items()) == 3

    panel.rows[1].done.click()
    dialog.topics.setPlainText("Review of the intake form draft")
    assert dialog.save_button.isEnabled(), dialog.problems()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = next(s for s in list_mentor_sessions(context.journal, mentor_id=history.ana))
    assert saved.date == TODAY
    items = _items_by_text(context, history.ana)
    charter = items["Read the portfolio charter"]
    assert charter.done_date == TODAY  # type: ignore[attr-defined]
    for text in ("Draft a one-page intake form", "Ask the PMO lead for a shadowing slot"):
        assert items[text].carried_into == [TODAY]  # type: ignore[attr-defined]
        assert items[text].done_date is None  # type: ignore[attr-defined]
    draft = items["Draft a one-page intake form"]
    assert [e.what for e in action_item_history(context.journal, draft.id)] == [  # type: ignore[attr-defined]
        "Agreed in session",
        "Carried forward",
    ]


def test_editing_an_earlier_session_lists_only_items_from_before_it(
    qtbot: QtBot, context: JournalContext
) -> None:
    history = seed_mentor_history(context.journal)
    editor = MentorSessionDialog(context, entry_id=history.second_session)
    qtbot.addWidget(editor)
    # Its own item is not "earlier"; the first session's two are.
    assert [i.text for i in editor.carry_forward.items()] == [
        "Draft a one-page intake form",
        "Read the portfolio charter",
    ]
    assert not editor.has_changes()
    editor.carry_forward.set_choice(editor.carry_forward.items()[0].id, done=True)
    assert editor.has_changes()
    editor.save_button.click()
    qtbot.waitUntil(lambda: not editor.isVisible())
    items = _items_by_text(context, history.ana)
    assert items["Draft a one-page intake form"].done_date == days_ago(40)  # type: ignore[attr-defined]
    assert items["Read the portfolio charter"].carried_into == [days_ago(40)]  # type: ignore[attr-defined]


def test_cancel_applies_nothing(
    qtbot: QtBot, context: JournalContext, prompts: ScriptedPrompts
) -> None:
    history = seed_mentor_history(context.journal)
    dialog = MentorSessionDialog(context)
    qtbot.addWidget(dialog)
    prompts.answer("ask", True)  # discard the changes
    dialog.mentor.setEditText("Ana Ruiz")
    dialog.carry_forward.rows[0].done.click()
    dialog.cancel_button.click()
    items = _items_by_text(context, history.ana)
    assert all(i.done_date is None and not i.carried_into for i in items.values())  # type: ignore[attr-defined]


def test_a_mentor_with_many_open_items_keeps_the_editor_on_the_screen(
    qtbot: QtBot, context: JournalContext, prompts: ScriptedPrompts
) -> None:
    """The items still open appear inside the fields, which scroll: the dialog keeps its
    size and Save and Cancel stay in view, on a screen of any size."""
    from pmo_journal.core.services.mentor_sessions import log_mentor_session
    from pmo_journal.core.services.people import create_person

    mentor = create_person(
        context.journal, data={"name": "Margaret Okafor", "relationship": "mentor"}
    ).id
    log_mentor_session(
        context.journal,
        data={
            "date": days_ago(30),
            "mentor_id": mentor,
            "topics": "A long list of things to do",
            "new_action_items": [{"text": f"Open item number {n}"} for n in range(1, 13)],
        },
    )
    dialog = MentorSessionDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):  # a context manager: called bare, it waits for nothing
        dialog.show()
    room = dialog.screen().availableGeometry()
    before = dialog.size()
    assert before.height() <= room.height() and before.width() <= room.width()

    dialog.mentor.setEditText("Margaret Okafor")
    assert len(dialog.carry_forward.items()) == 12
    qtbot.wait(50)  # let the layout settle
    assert dialog.size() == before
    for button in (dialog.save_button, dialog.cancel_button):
        assert button.isVisible()
        assert dialog.rect().contains(button.geometry().translated(button.parentWidget().pos()))
    area = dialog.fields_area
    assert area.verticalScrollBar().maximum() > 0  # the fields scroll instead
    area.ensureWidgetVisible(dialog.carry_forward)
    assert area.verticalScrollBar().value() > 0
    prompts.answer("ask", True)  # closing: discard the session begun here


def test_every_entry_editor_opens_at_one_size(context: JournalContext, qtbot: QtBot) -> None:
    from pmo_journal.ui.editors import (
        HelperAssignmentDialog,
        NoteDialog,
        SkillReflectionDialog,
    )

    sizes = set()
    for kind in (MentorSessionDialog, HelperAssignmentDialog, SkillReflectionDialog, NoteDialog):
        dialog = kind(context)
        qtbot.addWidget(dialog)
        sizes.add((dialog.width(), dialog.height()))
    assert len(sizes) == 1, sizes
