"""The carry-forward panel on its own: what it lists, what it remembers, what it applies."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.services.action_items import (
    action_item_history,
    apply_carry_choices,
    list_action_items,
)
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.ui.career.carry_forward import CarryForwardPanel
from pmo_journal.ui.context import JournalContext
from tests.ui.career_data import TODAY, days_ago, seed_mentor_history

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_lists_earlier_open_items_and_applies_the_choices(qtbot: QtBot, journal) -> None:  # type: ignore[no-untyped-def]
    context = JournalContext(journal)
    history = seed_mentor_history(journal)
    panel = CarryForwardPanel(context)
    qtbot.addWidget(panel)
    assert panel.items() == [] and "Choose the mentor" in panel.empty.text()

    panel.set_mentor(history.ana, before=days_ago(45))
    assert [i.text for i in panel.items()] == [
        "Draft a one-page intake form",
        "Read the portfolio charter",
    ]
    panel.set_mentor(history.ana, before=TODAY)
    texts = [i.text for i in panel.items()]
    assert texts == [
        "Draft a one-page intake form",
        "Read the portfolio charter",
        "Ask the PMO lead for a shadowing slot",
    ]
    assert "(3)" in panel.title.text() and "Ana Ruiz" in panel.title.text()
    charter = panel.items()[1]
    with qtbot.waitSignal(panel.changed):
        panel.rows[1].done.click()
    # A change of date keeps the choices already made.
    panel.set_mentor(history.ana, before=TODAY)
    assert panel.choices().closed == [charter.id]
    assert len(panel.choices().carried) == 2

    session = log_mentor_session(
        journal, data={"date": TODAY, "mentor_id": history.ana, "topics": "Follow-up"}
    )
    apply_carry_choices(journal, session.id, choices=panel.choices())  # as Save does
    items = {i.text: i for i in list_action_items(journal, open_only=False, mentor_id=history.ana)}
    assert items["Read the portfolio charter"].done_date == TODAY
    assert items["Draft a one-page intake form"].carried_into == [TODAY]
    assert [
        e.what for e in action_item_history(journal, items["Draft a one-page intake form"].id)
    ] == [
        "Agreed in session",
        "Carried forward",
    ]
    panel.set_mentor(history.ben, before=days_ago(3))
    assert panel.items() == [] and "Nothing is open" in panel.empty.text()
