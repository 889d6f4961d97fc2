"""The journal timeline: its models, lazy paging, SQL sorting, filters and empty state."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import helper_assignments, people, reflections, skills, timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.journal.timeline_model import DATE, TITLE, TimelineModel, TimelineProxy
from pmo_journal.ui.main_window import MainWindow


def add_reflections(journal: Journal, count: int) -> None:
    skill = skills.list_skills(journal)[0]
    for day in range(count):
        reflections.log_skill_reflection(
            journal,
            data={
                "date": dt.date(2025, 1, 1) + dt.timedelta(days=day),
                "skill_id": skill.id,
                "rating": 1 + day % 5,
                "situation": f"Steering committee number {day}",
                "private": day % 4 == 0,
                "starred": day % 3 == 0,
            },
        )


def test_the_timeline_models_pass_the_model_tester(qtmodeltester, journal: Journal) -> None:
    add_reflections(journal, 7)
    model = TimelineModel(journal)
    qtmodeltester.check(model)
    proxy = TimelineProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    empty = TimelineModel(journal)
    empty.set_filter(TimelineFilter(text="nothing-like-this"))
    qtmodeltester.check(empty)


def test_the_model_holds_the_whole_list_and_reads_pages_as_shown(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_reflections(journal, 12)
    monkeypatch.setattr(TimelineModel, "PAGE", 5)
    model = TimelineModel(journal)
    assert (model.rowCount(), model.total) == (12, 12), "the scrollbar covers every entry"
    assert list(model._pages) == [0], "only the first page is read up front"
    assert model.index(11, DATE).data() == "1 Jan 2025", "the end is one page away"
    assert sorted(model._pages) == [0, 2]
    assert model.index(0, DATE).data() == "12 Jan 2025", "newest first"

    model.sort(DATE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, DATE).data() == "1 Jan 2025"
    assert model.index(11, DATE).data() == "12 Jan 2025"
    model.sort(6, Qt.SortOrder.AscendingOrder)  # the summary: not sortable, order kept
    assert model.index(0, DATE).data() == "1 Jan 2025"


@pytest.mark.parametrize("reading", ["top down", "bottom up", "middle first"])
def test_every_way_of_reading_the_pages_gives_the_same_rows(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, reading: str
) -> None:
    add_reflections(journal, 23)
    whole = [(e.kind, e.id) for e in timeline.list_timeline(journal, TimelineFilter())]
    monkeypatch.setattr(TimelineModel, "PAGE", 4)
    model = TimelineModel(journal)
    rows = list(range(23))
    order = {
        "top down": rows,
        "bottom up": rows[::-1],
        "middle first": rows[10:] + rows[:10],
    }[reading]
    read = {}
    for row in order:
        entry = model.entry_at(row)
        assert entry is not None
        read[row] = (entry.kind, entry.id)
    assert [read[row] for row in rows] == whole
    last = whole[-1]
    model.reload()
    assert model.row_of(*last) == 22, "a row not read yet is found by its position"


def test_filters_narrow_the_timeline(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    add_reflections(journal, 8)
    leader = people.create_person(journal, data={"name": "Alex", "relationship": "pmo_leader"})
    helper_assignments.log_helper_assignment(
        journal,
        data={
            "title": "Shadow the intake triage",
            "start_date": dt.date(2025, 3, 1),
            "leader_id": leader.id,
        },
    )
    window.context.announce(Changes.everything())
    view = window.journal_view
    bar = view.filters
    assert view.model.total == 9

    bar.search.setText("steering committee 3")
    bar.flush()
    assert view.model.total == 1
    assert view.model.entry_at(0).summary == "Steering committee number 3"
    bar.search.clear()
    bar.flush()

    bar.kind.setCurrentIndex(bar.kind.findData(EntryKind.HELPER_ASSIGNMENT.value))
    assert [view.model.index(0, TITLE).data()] == ["Shadow the intake triage"]
    bar.kind.setCurrentIndex(0)
    bar.person.setCurrentIndex(bar.person.findData(leader.id))
    assert view.model.total == 1
    bar.person.setCurrentIndex(0)

    bar.starred.setChecked(True)
    assert view.model.total == 3  # days 0, 3, 6
    bar.starred.setChecked(False)
    bar.private.setCurrentIndex(bar.private.findData(True))
    assert view.model.total == 2  # days 0, 4
    bar.private.setCurrentIndex(bar.private.findData(False))
    assert view.model.total == 7
    bar.private.setCurrentIndex(0)

    bar.set_date_range(dt.date(2025, 1, 2), dt.date(2025, 1, 4))
    assert view.model.total == 3
    bar.any_date.setChecked(True)
    bar.skill.setCurrentIndex(bar.skill.findData(skills.list_skills(journal)[1].id))
    assert view.model.total == 0
    assert "No entries match" in view.empty.text()
    assert view.pages.currentWidget() is view.empty


def test_dates_the_wrong_way_round_are_named(qtbot: QtBot, window: MainWindow) -> None:
    add_reflections(window.context.journal, 3)
    window.context.announce(Changes.everything())
    view = window.journal_view
    view.filters.set_date_range(dt.date(2025, 3, 1), dt.date(2025, 1, 1))
    assert view.model.total == 0
    assert "The From date is after the To date" in view.empty.text()
    view.filters.set_date_range(dt.date(2025, 1, 1), dt.date(2025, 3, 1))
    assert view.model.total == 3


def test_an_empty_journal_says_how_to_begin(window: MainWindow) -> None:
    view = window.journal_view
    assert view.pages.currentWidget() is view.empty
    assert "Ctrl+N" in view.empty.text()
    assert view.count_label.text() == "0 entries"


def test_star_toggles_and_undoes(window: MainWindow) -> None:
    add_reflections(window.context.journal, 2)
    window.context.announce(Changes.everything())
    view = window.journal_view
    entry = view.model.entry_at(0)
    assert not entry.starred
    view.select_entry(entry.kind, entry.id)
    view.star_action.trigger()
    assert view.model.entry_at(0).starred
    assert "Starred" in view.detail.toPlainText()
    window.undo_stack.undo()
    assert not view.model.entry_at(0).starred


def test_the_star_button_does_not_say_unstar_with_nothing_selected(window: MainWindow) -> None:
    add_reflections(window.context.journal, 2)
    window.context.announce(Changes.everything())
    view = window.journal_view
    entry = view.model.entry_at(0)
    view.select_entry(entry.kind, entry.id)
    view.star_action.trigger()
    assert view.star_action.text() == "Unstar"
    view.table.setCurrentIndex(QModelIndex())
    assert not view.star_action.isEnabled()
    assert view.star_action.text() == "Star"


def test_enter_opens_the_selected_entry_in_its_editor(qtbot: QtBot, window: MainWindow) -> None:
    from pmo_journal.ui.editors import SkillReflectionDialog

    add_reflections(window.context.journal, 3)
    window.context.announce(Changes.everything())
    window.show_screen("journal")
    view = window.journal_view
    entry = view.model.entry_at(1)
    view.select_entry(entry.kind, entry.id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    [editor] = window.findChildren(SkillReflectionDialog)
    assert editor.entry_id == entry.id
    assert editor.texts["situation"].toPlainText() == "Steering committee number 1"


def test_the_filter_bar_fits_a_laptop_window_whatever_the_names(
    qtbot: QtBot, journal: Journal
) -> None:
    from pmo_journal.ui.journal.filter_bar import FilterBar

    long_name = "Maximiliana Alexandra Featherstonehaugh-Worthington of Northwind"
    people.create_person(journal, data={"name": long_name, "relationship": "mentor"})
    bar = FilterBar(journal)
    qtbot.addWidget(bar)
    # A 1280-pixel window less the navigation and margins leaves about 1060 pixels.
    assert bar.minimumSizeHint().width() <= 1000
    assert bar.person.findText(long_name) >= 0  # whole in the list, elided only when closed
