"""A second person with an existing name: warned, offered the existing one; pickers tell
namesakes apart by role and organisation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import Relationship
from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui import prompts as ui_prompts
from pmo_journal.ui.editors import PersonDialog
from pmo_journal.ui.editors.fields import PersonPicker
from pmo_journal.ui.editors.person import OPEN_EXISTING, SAVE_ANYWAY
from pmo_journal.ui.main_window import MainWindow
from tests.ui.scripted_prompts import ScriptedPrompts


def _new_sam(qtbot: QtBot, window: MainWindow) -> PersonDialog:
    dialog = window.new_person()
    assert isinstance(dialog, PersonDialog)
    dialog.name.setText("sam lee")
    dialog.role.setText("Architect")
    return dialog


def test_a_new_person_of_an_existing_name_is_warned_and_may_open_the_existing(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts
) -> None:
    journal = window.context.journal
    sam = people.create_person(
        journal, data={"name": "Sam Lee", "role": "Analyst", "organisation": "Finance"}
    )
    prompts.answer("choose", None, OPEN_EXISTING)
    dialog = _new_sam(qtbot, window)
    dialog.save_button.click()
    # The core's words, verbatim.
    assert [a.text for a in prompts.asked] == [people.namesake_message(sam)]
    assert dialog.isVisible() and len(people.list_people(journal)) == 1

    dialog.save_button.click()  # this time: open the existing person
    assert dialog.isVisible() and dialog.windowTitle() == "Edit Sam Lee"
    assert dialog.name.text() == "Sam Lee" and dialog.role.text() == "Analyst"
    assert len(people.list_people(journal)) == 1


def test_saving_a_second_person_of_the_name_is_allowed_when_asked_for(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts
) -> None:
    journal = window.context.journal
    people.create_person(journal, data={"name": "Sam Lee"})
    prompts.answer("choose", SAVE_ANYWAY)
    dialog = _new_sam(qtbot, window)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert sorted(p.role for p in people.list_people(journal)) == ["", "Architect"]


def test_renaming_onto_a_name_in_use_warns_without_offering_to_switch(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = window.context.journal
    people.create_person(journal, data={"name": "Sam Lee"})
    ana = people.create_person(journal, data={"name": "Ana Ruiz"})
    offered: list[list[str]] = []
    scripted = ui_prompts.choose

    def choose(parent: object, message: str, options: list[str], **kw: object) -> str | None:
        offered.append(list(options))
        return scripted(parent, message, options, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(ui_prompts, "choose", choose)
    prompts.answer("choose", None)
    dialog = PersonDialog(window.context, person_id=ana.id, parent=window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Sam Lee")
    dialog.save_button.click()
    assert offered == [[SAVE_ANYWAY]]  # an edit is not offered to become another person
    assert people.get_person(journal, ana.id).name == "Ana Ruiz"
    dialog.name.setText("Ana Ruiz-Lee")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()  # no namesake: no question
    assert len(prompts.asked) == 1


def test_pickers_show_role_and_organisation(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    first = people.create_person(
        journal, data={"name": "Sam Lee", "role": "Analyst", "organisation": "Finance"}
    )
    second = people.create_person(
        journal, data={"name": "Sam Lee", "role": "Head of PMO", "organisation": "Group IT"}
    )
    picker = PersonPicker(journal, relationship=Relationship.MENTOR)
    qtbot.addWidget(picker)
    labels = [picker.itemText(row) for row in range(picker.count())]
    assert labels == ["Sam Lee — Analyst, Finance", "Sam Lee — Head of PMO, Group IT"]
    picker.set_person(second.id)
    assert picker.person_id() == second.id and picker.new_name() == ""
    picker.setEditText("sam lee")  # just the name: the first of that name, not a new person
    assert picker.person_id() == first.id and picker.new_name() == ""
    picker.setEditText("Sam Lee — Head of PMO, Group IT")
    assert picker.person_id() == second.id
    picker.setEditText("Sam Leeds")
    assert picker.person_id() is None and picker.new_name() == "Sam Leeds"
    window.show_screen("journal")
    person_filter = window.journal_view.filters.person
    shown = [person_filter.itemText(row) for row in range(person_filter.count())]
    assert "Sam Lee — Head of PMO, Group IT" in shown


def _add_margaret(journal: Journal) -> None:
    """A mentor whose "Name — Role, Organisation" is longer than a narrow picker."""
    people.create_person(
        journal,
        data={
            "name": "Margaret Okafor",
            "role": "Head of the Enterprise PMO",
            "organisation": "Northwind Group",
            "relationship": "mentor",
        },
    )


def test_a_chosen_person_shows_their_name_not_the_end_of_the_label(
    qtbot: QtBot, window: MainWindow
) -> None:
    journal = window.context.journal
    _add_margaret(journal)
    picker = PersonPicker(journal, relationship=Relationship.MENTOR)
    qtbot.addWidget(picker)
    picker.resize(180, picker.sizeHint().height())  # narrower than the label
    picker.show()
    line = picker.lineEdit()
    assert line is not None
    line.setFocus()
    qtbot.keyClicks(line, "Marg")
    completer = picker.completer()
    assert completer is not None
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line.text().startswith("Margaret Okafor —"))
    qtbot.wait(10)
    assert line.cursorPosition() == 0


def test_tabbing_through_a_chosen_person_leaves_the_name_in_view(
    qtbot: QtBot, journal: Journal
) -> None:
    """Editing a session and Tabbing through Mentor shows the name again, not the end of
    the organisation; the suggestions are wide enough to read role and organisation."""
    from PySide6.QtWidgets import QLineEdit

    _add_margaret(journal)
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    picker = PersonPicker(journal, relationship=Relationship.MENTOR)
    after = QLineEdit()
    layout.addWidget(picker)
    layout.addWidget(after)
    picker.setFixedWidth(180)  # narrower than the label
    holder.show()
    qtbot.waitExposed(holder)
    picker.set_person(people.list_people(journal)[0].id)
    line = picker.lineEdit()
    assert line is not None
    picker.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(picker.hasFocus)
    line.end(False)  # where focus by Tab leaves the text cursor
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
    assert line.cursorPosition() == 0
    completer = picker.completer()
    assert completer is not None and completer.popup() is not None
    label = picker.itemText(0)
    assert completer.popup().minimumWidth() >= picker.fontMetrics().horizontalAdvance(label)
