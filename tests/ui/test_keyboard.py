"""The keyboard never loses typing: Tab leaves a date, Ctrl+S / Ctrl+Enter save, Esc cancels,
Enter adds an action item, Ctrl+F finds, Down reaches the results, Ctrl+N opens at its button."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind, SessionFormat
from pmo_journal.core.services import mentor_sessions, people, reflections, skills
from pmo_journal.ui.dates import date_edit, to_qdate
from pmo_journal.ui.editors import (
    DIALOGS,
    MentorSessionDialog,
    PersonDialog,
    SkillReflectionDialog,
)
from pmo_journal.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget | None:
    """Where a key goes: the focus widget of the active editor or window (a completer's
    popup list, which the offscreen platform lets take the focus, does not count)."""
    window = QApplication.activeModalWidget() or QApplication.activeWindow()
    return window.focusWidget() if window is not None else None


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Make ``widget``'s window the active one, so keys reach its focus widget."""
    widget.show()
    qtbot.waitExposed(widget)
    handle = widget.window().windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(widget.window().isActiveWindow)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key, delivered where the focus is (as a real keyboard would)."""
    target = focused()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def typed(edit: QDateEdit, day: dt.date) -> str:
    """What a user types for ``day`` into ``edit``: the date as the field shows it."""
    from PySide6.QtCore import QLocale

    return QLocale().toString(to_qdate(day), edit.displayFormat())


def type_text(qtbot: QtBot, text: str) -> None:
    target = focused()
    assert target is not None
    qtbot.keyClicks(target, text)


def test_tab_leaves_a_date_edit_where_a_plain_one_walks_its_sections(qtbot: QtBot) -> None:
    holder = QWidget()
    column = QVBoxLayout(holder)
    ours, plain, after = date_edit(dt.date(2026, 1, 2)), QDateEdit(), QLineEdit()
    plain.setDisplayFormat("yyyy-MM-dd")
    for widget in (ours, plain, after):
        column.addWidget(widget)
    qtbot.addWidget(holder)
    activate(qtbot, holder)
    plain.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is plain  # the reason for ours: a plain one keeps Tab for its sections
    ours.setFocus()
    type_text(qtbot, "2025")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is plain
    ours.setFocus()
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is after  # Shift+Tab leaves backwards (wrapping round)


@pytest.mark.parametrize(
    ("locale", "text", "day"),
    [
        ("en_GB", "4 Mar 2026", dt.date(2026, 3, 4)),  # as it shows
        ("en_GB", "4 3 2026", dt.date(2026, 3, 4)),  # the month by number
        ("en_GB", "04/03/2026", dt.date(2026, 3, 4)),  # every part whole, separators skipped
        ("en_GB", "1 12 2026", dt.date(2026, 12, 1)),  # a short day, a two-digit month
        ("en_GB", "31 2 2026", dt.date(2026, 2, 28)),  # no 31 February: its last day
        ("en_US", "Dec 25, 2026", dt.date(2026, 12, 25)),
        ("en_US", "12 25 2026", dt.date(2026, 12, 25)),
        ("de_DE", "4.3.2026", dt.date(2026, 3, 4)),
    ],
)
def test_a_date_field_shows_the_medium_date_and_takes_the_month_by_name_or_number(
    qtbot: QtBot, locale: str, text: str, day: dt.date
) -> None:
    from PySide6.QtCore import QLocale

    from pmo_journal.ui.formats import show_date

    previous = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        holder = QWidget()
        column = QVBoxLayout(holder)
        edit, after = date_edit(dt.date(2025, 1, 2)), QLineEdit()
        column.addWidget(edit)
        column.addWidget(after)
        qtbot.addWidget(holder)
        activate(qtbot, holder)
        edit.setFocus(Qt.FocusReason.TabFocusReason)
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is after
        assert edit.date() == to_qdate(day)
        assert edit.text() == show_date(day)  # as every list writes it
    finally:
        QLocale.setDefault(previous)


def test_a_whole_mentor_session_typed_with_keys_only_is_saved_field_by_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    journal = window.context.journal
    priya = people.create_person(journal, data={"name": "Priya Raman", "relationship": "mentor"})
    first_skill = skills.list_skills(journal)[0]
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChildren(MentorSessionDialog)[-1]
    activate(qtbot, dialog)
    dialog.date.setFocus(Qt.FocusReason.TabFocusReason)

    type_text(qtbot, typed(dialog.date, dt.date(2026, 3, 4)))  # the date, as the locale writes it
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Priya Raman")  # the mentor
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.duration, focused()
    qtbot.keyClick(dialog.duration, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "45")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.format
    type_text(qtbot, "I")  # In person
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Next session: planned
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.next_session.edit
    type_text(qtbot, typed(dialog.next_session.edit, dt.date(2026, 4, 1)))
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # the first skill
    while focused() is not dialog.topics:
        press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "How the funnel is judged")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Pause the CRM upgrade")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Value over perfect execution")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.action_items.text
    type_text(qtbot, "Draft the intake form")
    press(qtbot, Qt.Key.Key_Return)  # adds the item, does not save the dialog
    assert dialog.isVisible() and dialog.action_items.items.count() == 1
    type_text(qtbot, "Book the steering slot")
    press(qtbot, Qt.Key.Key_Enter)
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, Qt.Key.Key_S, CTRL)

    (saved,) = mentor_sessions.list_mentor_sessions(journal)
    session = mentor_sessions.get_mentor_session(journal, saved.id)
    assert session.date == dt.date(2026, 3, 4)
    assert session.mentor_id == priya.id
    assert session.duration_minutes == 45
    assert session.format == SessionFormat.IN_PERSON
    assert session.next_session_date == dt.date(2026, 4, 1)
    assert session.skill_ids == [first_skill.id]
    assert session.topics == "How the funnel is judged"
    assert session.decisions == "Pause the CRM upgrade"
    assert session.takeaways == "Value over perfect execution"
    assert [item.text for item in session.action_items] == [
        "Draft the intake form",
        "Book the steering slot",
    ]


@pytest.mark.parametrize(
    "keys",
    [(Qt.Key.Key_Return, CTRL), (Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)],
)
def test_ctrl_enter_saves_from_inside_a_text_field(
    qtbot: QtBot, window: MainWindow, keys: tuple[Qt.Key, Qt.KeyboardModifier]
) -> None:
    journal = window.context.journal
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    activate(qtbot, dialog)
    dialog.rating.group.button(3).click()
    dialog.texts["learned"].setFocus()
    type_text(qtbot, "Ask before assuming")
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, *keys)
    (saved,) = reflections.list_skill_reflections(journal)
    assert saved.learned == "Ask before assuming"


def test_esc_cancels_an_untouched_editor_and_save_keys_wait_for_valid_data(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.new_person()
    assert isinstance(dialog, PersonDialog)
    activate(qtbot, dialog)
    press(qtbot, Qt.Key.Key_S, CTRL)  # nothing to save yet: Save is disabled
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.rejected):
        press(qtbot, Qt.Key.Key_Escape)
    assert people.list_people(window.context.journal) == []


def test_ctrl_f_finds_and_down_moves_into_the_results(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    skill = skills.list_skills(journal)[0]
    for day, learned in ((1, "Consensus first"), (2, "Funnel review"), (3, "Consensus again")):
        reflections.log_skill_reflection(
            journal,
            data={
                "date": dt.date(2026, 1, day),
                "skill_id": skill.id,
                "rating": 3,
                "learned": learned,
            },
        )
    window.show_screen("dashboard")
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    view = window.journal_view
    assert window.current_screen_key() == "journal"
    assert focused() is view.filters.search
    type_text(qtbot, "consensus")
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is view.table
    assert view.model.total == 2
    entry = view.selected_entry()
    assert entry is not None and entry.date == dt.date(2026, 1, 3)


def test_ctrl_n_opens_the_kinds_under_the_new_entry_button(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_screen("journal")
    activate(qtbot, window)
    button = window.journal_view.new_entry_button
    assert button is not None
    qtbot.waitUntil(button.isVisible)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    menu = window.kind_menu
    qtbot.waitUntil(menu.isVisible)
    assert menu.pos() == button.mapToGlobal(button.rect().bottomLeft())
    menu.hide()


def test_one_enter_in_the_ctrl_n_menu_opens_its_first_kind(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_screen("journal")
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    menu = window.kind_menu
    qtbot.waitUntil(menu.isVisible)
    first = menu.actions()[0]
    assert menu.activeAction() is first
    with qtbot.waitSignal(first.triggered):
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    dialog = QApplication.activeModalWidget() or window.findChildren(QDialog)[-1]
    assert dialog.isVisible()
    dialog.reject()


def test_alt_t_reaches_the_self_rating_and_tab_walks_past_it_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    activate(qtbot, window)
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    activate(qtbot, dialog)
    dialog.date.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # "Self-ra&ting"
    assert focused() is dialog.rating.group.button(1), focused()
    press(qtbot, Qt.Key.Key_Space)  # level 1, and the arrow keys move the choice on
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    assert dialog.rating.value() == 3 and focused() is dialog.rating.group.button(3)
    press(qtbot, Qt.Key.Key_Tab)
    after = focused()
    assert after is not None and not dialog.rating.isAncestorOf(after), after
    press(qtbot, Qt.Key.Key_Backtab)  # back to the chosen level, not the picker or level 1
    assert focused() is dialog.rating.group.button(3), focused()
    dialog.save_button.setFocus()


@pytest.mark.parametrize("kind", list(DIALOGS))
def test_starred_and_private_come_last_before_save(
    qtbot: QtBot, window: MainWindow, kind: EntryKind
) -> None:
    """One Tab too many after the details lands in the writing, never on a check box."""
    dialog = window.new_entry(kind)
    qtbot.addWidget(dialog)

    def next_tabbable(widget: QWidget) -> QWidget:
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and dialog.isAncestorOf(widget)):
            widget = widget.nextInFocusChain()
        return widget

    assert next_tabbable(dialog.starred_box) is dialog.private_box
    assert dialog.buttons.isAncestorOf(next_tabbable(dialog.private_box))
    # Whatever comes before the check boxes is the last of the writing, not a detail.
    first_writing = {
        EntryKind.MENTOR_SESSION: "topics",
        EntryKind.HELPER_ASSIGNMENT: "outcome",
        EntryKind.SKILL_REFLECTION: "situation",
        EntryKind.NOTE: "text",
    }[kind]
    widget = (
        dialog.texts[first_writing]
        if isinstance(dialog, SkillReflectionDialog)
        else getattr(dialog, first_writing)
    )
    seen = []
    while widget is not dialog.starred_box and len(seen) < 200:
        seen.append(widget)
        widget = next_tabbable(widget)
    assert widget is dialog.starred_box  # the writing leads on to the check boxes
