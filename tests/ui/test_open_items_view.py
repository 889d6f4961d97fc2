"""The open action items screen: filter by mentor, overdue highlighted, done and reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmo_journal.core.changes import Changes
from pmo_journal.core.services.action_items import list_action_items
from pmo_journal.ui.career.action_item_model import ActionItemsModel
from pmo_journal.ui.career.open_items_view import OpenItemsView
from pmo_journal.ui.context import JournalContext
from tests.ui.career_data import TODAY, days_ago, seed_mentor_history

pytestmark = pytest.mark.usefixtures("frozen_today")


def _texts(view: OpenItemsView) -> list[str]:
    return [item.text for item in view.model.items()]


def test_lists_filters_and_highlights(qtbot: QtBot, qtmodeltester, context: JournalContext) -> None:  # type: ignore[no-untyped-def]
    history = seed_mentor_history(context.journal)
    view = OpenItemsView(context)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)
    assert len(_texts(view)) == 4
    assert view.summary.text() == "4 open · 1 overdue"
    overdue_row = _texts(view).index("Draft a one-page intake form")
    due = view.model.index(overdue_row, ActionItemsModel.DUE)
    assert due.data().endswith("(overdue)")
    assert due.data(Qt.ItemDataRole.ForegroundRole) is not None
    view.mentor.setCurrentIndex(view.mentor.findData(history.ben))
    assert _texts(view) == ["Collect last quarter's delivery metrics"]
    assert view.summary.text() == "1 open"


def test_complete_records_the_date_and_reopen_brings_it_back(
    qtbot: QtBot, context: JournalContext
) -> None:
    history = seed_mentor_history(context.journal)
    view = OpenItemsView(context)
    qtbot.addWidget(view)
    view.select_mentor(history.ana)
    view.table.selectRow(_texts(view).index("Read the portfolio charter"))
    assert view.done_button.isEnabled() and not view.reopen_button.isEnabled()
    view.set_done_date(days_ago(2))
    view.done_button.click()
    assert "Read the portfolio charter" not in _texts(view)
    done = [i for i in list_action_items(context.journal, open_only=False) if i.done_date]
    assert [(i.text, i.done_date) for i in done] == [("Read the portfolio charter", days_ago(2))]

    view.show_done.setChecked(True)
    view.table.selectRow(_texts(view).index("Read the portfolio charter"))
    assert view.reopen_button.isEnabled()
    view.reopen_button.click()
    assert all(i.done_date is None for i in list_action_items(context.journal, open_only=False))


def test_a_done_date_before_the_session_is_refused_and_changes_nothing(
    qtbot: QtBot, context: JournalContext
) -> None:
    seed_mentor_history(context.journal)
    view = OpenItemsView(context)
    qtbot.addWidget(view)
    view.table.selectRow(_texts(view).index("Ask the PMO lead for a shadowing slot"))
    view.set_done_date(days_ago(45))
    view.done_button.click()
    assert view.message.text() == "An action item can't be done before the session it came from."
    assert len(_texts(view)) == 4
    assert view.done_on.maximumDate().toPython() == TODAY


def test_double_click_opens_the_session(qtbot: QtBot, context: JournalContext) -> None:
    history = seed_mentor_history(context.journal)
    view = OpenItemsView(context)
    qtbot.addWidget(view)
    row = _texts(view).index("Ask the PMO lead for a shadowing slot")
    with qtbot.waitSignal(context.open_entry_requested) as opened:
        view.table.doubleClicked.emit(view.model.index(row, 0))
    assert opened.args == ["mentor_session", history.second_session]


def test_an_empty_list_says_where_action_items_come_from(
    qtbot: QtBot, context: JournalContext
) -> None:
    view = OpenItemsView(context)
    qtbot.addWidget(view)
    assert view.pages.currentWidget() is view.empty
    assert "Nothing open" in view.empty.text() and "mentor sessions" in view.empty.text()
    seed_mentor_history(context.journal)
    context.announce(Changes.everything())
    assert view.pages.currentWidget() is view.table
