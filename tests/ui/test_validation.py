"""Editors show the core's validation sentences inline and keep Save disabled."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pmo_journal.core import clock
from pmo_journal.core.models import NAME_MAX, MentorSessionCreate, SkillReflectionCreate
from pmo_journal.core.services import people, skills, timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.validation import problems_of
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import to_qdate
from pmo_journal.ui.editors import (
    HelperAssignmentDialog,
    MentorSessionDialog,
    PersonDialog,
    SkillReflectionDialog,
)
from tests.ui.scripted_prompts import ScriptedPrompts


def test_a_future_reflection_is_refused_with_the_cores_sentence(
    qtbot: QtBot, context: JournalContext
) -> None:
    dialog = SkillReflectionDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert dialog.message_for("rating") == "", "an untouched editor keeps quiet"

    dialog.rating.group.button(2).click()
    dialog.texts["action"].setPlainText("I ran the retrospective across both teams.")
    assert dialog.save_button.isEnabled()
    dialog.date.setDate(to_qdate(clock.today() + dt.timedelta(days=3)))

    expected = problems_of(SkillReflectionCreate, dialog.data())["date"]
    assert expected == "A reflection can't be dated in the future."
    assert dialog.message_for("date") == expected
    assert dialog.date.accessibleDescription() == expected
    assert not dialog.save_button.isEnabled()
    dialog.accept()  # even forced, nothing is written
    assert timeline.count_timeline(context.journal, TimelineFilter()) == 0

    dialog.date.setDate(to_qdate(clock.today()))
    assert dialog.message_for("date") == ""
    assert dialog.save_button.isEnabled()


def test_whole_entry_problems_show_under_the_form(qtbot: QtBot, context: JournalContext) -> None:
    mentor = people.create_person(context.journal, data={"name": "Priya", "relationship": "mentor"})
    dialog = MentorSessionDialog(context)
    qtbot.addWidget(dialog)
    dialog.mentor.set_person(mentor.id)
    dialog.topics.setPlainText("Portfolio intake")
    dialog.date.setDate(to_qdate(dt.date(2026, 5, 10)))
    dialog.next_session.set_value(dt.date(2026, 5, 1))
    expected = problems_of(MentorSessionCreate, dialog.data())[""]
    assert dialog.message_for("") == expected == "The next session can't be before this session."
    assert not dialog.save_button.isEnabled()

    dialog.topics.clear()
    dialog.next_session.set_value(None)
    assert dialog.message_for("") == "Write at least the topics, a decision or a takeaway."


def test_required_fields_and_limits_speak_the_cores_words(
    qtbot: QtBot, context: JournalContext
) -> None:
    dialog = HelperAssignmentDialog(context)
    qtbot.addWidget(dialog)
    dialog.outcome.setPlainText("Saved the PMO a day of work.")
    assert dialog.message_for("title") == "Title is required."
    dialog.title.setText("x" * 201)
    assert dialog.message_for("title") == "Title is too long (at most 200 characters)."
    dialog.title.setText("Metrics for the steering committee")
    dialog.hours.setValue(2500)
    assert dialog.message_for("hours") == "Hours must be at most 2000.0."
    assert not dialog.save_button.isEnabled()


def test_a_bad_new_person_is_not_saved(qtbot: QtBot, context: JournalContext) -> None:
    dialog = PersonDialog(context)
    qtbot.addWidget(dialog)
    dialog.name.setText("   ")
    assert dialog.message_for("name") == "Name is required."
    dialog.cadence.setValue(3)
    assert dialog.message_for("cadence_days") == "Meeting cadence must be at least 7."
    dialog.accept()
    assert people.list_people(context.journal) == []


def test_an_inline_person_name_cannot_outgrow_the_limit(
    qtbot: QtBot, context: JournalContext
) -> None:
    # A name past the limit used to leave Save enabled and fail only on Save, unlabelled.
    dialog = MentorSessionDialog(context)
    qtbot.addWidget(dialog)
    dialog.mentor.setEditText("Ada " + "L" * 300)
    dialog.topics.setPlainText("Portfolio reviews")
    assert len(dialog.mentor.currentText()) == NAME_MAX
    assert dialog.save_button.isEnabled(), dialog.problems()
    dialog.save_button.click()
    [mentor] = people.list_people(context.journal)
    assert mentor.name == "Ada " + "L" * (NAME_MAX - 4)
    assert timeline.count_timeline(context.journal, TimelineFilter()) == 1


@pytest.mark.parametrize("discard", [False, True])
def test_cancel_with_unsaved_changes_asks_first(
    qtbot: QtBot, context: JournalContext, prompts: ScriptedPrompts, discard: bool
) -> None:
    dialog = SkillReflectionDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert prompts.asked == [] and not dialog.isVisible(), "no changes: closes without asking"

    dialog.show()
    dialog.texts["learned"].setPlainText("Listening first works.")
    prompts.answer("ask", discard)
    dialog.cancel_button.click()
    assert [a.text for a in prompts.asked] == ["Discard the changes to this reflection?"]
    assert dialog.isVisible() is not discard


def test_every_field_has_an_accessible_name_and_a_labelled_buddy(
    qtbot: QtBot, context: JournalContext
) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel

    for dialog in (
        MentorSessionDialog(context),
        HelperAssignmentDialog(context),
        SkillReflectionDialog(context),
        PersonDialog(context),
    ):
        qtbot.addWidget(dialog)
        for label in dialog.findChildren(QLabel):
            buddy = label.buddy()
            if buddy is not None:
                assert buddy.accessibleName() or buddy.focusProxy().accessibleName()
        focusable = [
            w
            for w in dialog.findChildren(QWidget)
            if w.focusPolicy() != w.focusPolicy().NoFocus
            and w.isVisibleTo(dialog)
            # a combo box's or spin box's own line edit is named through its owner
            and not isinstance(w.parent(), QComboBox | QAbstractSpinBox)
        ]
        unnamed = [
            w for w in focusable if not w.accessibleName() and not getattr(w, "text", lambda: "")()
        ]
        assert unnamed == [], [type(w).__name__ for w in unnamed]
    assert skills.list_skills(context.journal)


def tab_chain(dialog: QWidget) -> list[str]:
    """Accessible names in the order Tab visits them, from the first field."""
    names: list[str] = []
    widget = dialog.nextInFocusChain()
    for _ in range(400):
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(dialog)
            and widget.accessibleName()
        ):
            names.append(widget.accessibleName())
        widget = widget.nextInFocusChain()
        if widget is dialog:
            break
    return names


def test_tab_walks_the_mentor_session_editor_in_reading_order(
    qtbot: QtBot, context: JournalContext
) -> None:
    dialog = MentorSessionDialog(context)
    qtbot.addWidget(dialog)
    extra = QPushButton("Carried forward")
    extra.setAccessibleName("Carried forward items")
    dialog.add_section(extra)
    chain = tab_chain(dialog)
    expected = [
        "Date",
        "Mentor",
        "Duration",
        "Format",
        "Next session: set",
        "Skill: Collaborative leadership",
        "Topics",
        "PMO decisions discussed",
        "Key takeaways",
        "New action item",
        "Add action item",
        "Carried forward items",
        # Last before Save: a Tab too many after the details never lands on a check box.
        "Starred (a highlight for my review)",
        "Private",
    ]
    positions = [chain.index(name) for name in expected]
    assert positions == sorted(positions), chain
