"""The People screen: list, add, edit, archive, and delete only what is safe to delete."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import Relationship
from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.editors import PersonDialog
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.people.model import NAME, PeopleModel
from pmo_journal.ui.people.view import ARCHIVE, REASSIGN
from tests.ui.scripted_prompts import ScriptedPrompts


def mentor_with_a_session(journal: Journal, name: str) -> int:
    mentor = people.create_person(journal, data={"name": name, "relationship": "mentor"})
    mentor_sessions.log_mentor_session(
        journal, data={"date": dt.date(2026, 1, 5), "mentor_id": mentor.id, "topics": "Intake"}
    )
    return mentor.id


def test_the_people_model_passes_the_model_tester(qtmodeltester, journal: Journal) -> None:
    mentor_with_a_session(journal, "Priya")
    people.create_person(journal, data={"name": "Sam", "relationship": "peer"})
    model = PeopleModel()
    model.set_people(people.list_people(journal))
    qtmodeltester.check(model)


def test_add_and_edit_a_person_through_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("people")
    view = window.people_view
    dialog = view.add_person()
    assert isinstance(dialog, PersonDialog)
    dialog.name.setText("Alex Chen")
    dialog.role.setText("Head of the PMO")
    dialog.relationship.setCurrentIndex(dialog.relationship.findData("pmo_leader"))
    dialog.save_button.click()
    assert view.model.rowCount() == 1
    assert view.model.index(0, NAME).data() == "Alex Chen"

    assert view.select_person(view.model.person_at(0).id)
    assert "Head of the PMO" in view.summary.text()
    editor = view.edit_selected()
    assert isinstance(editor, PersonDialog)
    editor.relationship.setCurrentIndex(editor.relationship.findData("mentor"))
    assert editor.cadence.value() == 30, "mentors are suggested a monthly cadence"
    editor.save_button.click()
    [alex] = people.list_people(window.context.journal)
    assert (alex.relationship, alex.cadence_days) == (Relationship.MENTOR, 30)


def test_filters_by_relationship_and_archived(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    mentor_with_a_session(journal, "Priya")
    sam = people.create_person(journal, data={"name": "Sam", "relationship": "peer"})
    view = window.people_view
    view.refresh()
    view.relationship.setCurrentIndex(view.relationship.findData("mentor"))
    assert [view.model.person_at(r).name for r in range(view.model.rowCount())] == ["Priya"]
    view.relationship.setCurrentIndex(0)

    view.select_person(sam.id)
    view.archive_button.click()
    assert view.model.row_of(sam.id) is None
    view.show_archived.setChecked(True)
    assert view.model.index(view.model.row_of(sam.id) or 0, NAME).data() == "Sam (archived)"


def test_deleting_someone_unreferenced_deletes_them(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts
) -> None:
    sam = people.create_person(window.context.journal, data={"name": "Sam"})
    view = window.people_view
    view.refresh()
    prompts.answer("ask", True)
    view.select_person(sam.id)
    view.delete_button.click()
    assert people.list_people(window.context.journal, include_archived=True) == []


@pytest.mark.parametrize("choice", [ARCHIVE, REASSIGN, None])
def test_deleting_someone_in_the_journal_offers_archive_or_reassign(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts, choice: str | None
) -> None:
    journal = window.context.journal
    priya = mentor_with_a_session(journal, "Priya")
    tomas = people.create_person(journal, data={"name": "Tomás", "relationship": "mentor"})
    view = window.people_view
    view.refresh()
    prompts.answer("choose", choice)
    if choice == REASSIGN:
        prompts.answer("pick", 0)
    view.select_person(priya)
    view.delete_button.click()

    assert prompts.asked[0].text == "This person is in your journal"
    assert prompts.asked[0].detail == (
        "Priya is named in 1 journal entry; archive them, or reassign those entries to "
        "someone else first."
    )
    everyone = {p.name: p for p in people.list_people(journal, include_archived=True)}
    [session] = mentor_sessions.list_mentor_sessions(journal)
    if choice == ARCHIVE:
        assert everyone["Priya"].archived and session.mentor_id == priya
    elif choice == REASSIGN:
        assert "Priya" not in everyone and session.mentor_id == tomas.id
    else:
        assert not everyone["Priya"].archived and session.mentor_id == priya


def test_long_roles_are_whole_in_the_tooltip(journal: Journal) -> None:
    from PySide6.QtCore import Qt

    from pmo_journal.ui.people.model import CADENCE, ROLE

    role = "Head of the Enterprise Portfolio Management Office"
    people.create_person(journal, data={"name": "Ada", "relationship": "mentor", "role": role})
    model = PeopleModel()
    model.set_people(people.list_people(journal))
    assert model.index(0, ROLE).data(Qt.ItemDataRole.ToolTipRole) == role
    assert model.index(0, CADENCE).data(Qt.ItemDataRole.ToolTipRole) is None
