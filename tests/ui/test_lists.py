"""Lists that behave: a new search starts at the top, matches are marked in the entry, a
saved entry is selected and shown, columns fit their content, dates and numbers read one way."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDateEdit, QPushButton
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import reflections, skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui import formats
from pmo_journal.ui.dates import from_qdate, to_qdate
from pmo_journal.ui.editors import SkillReflectionDialog
from pmo_journal.ui.journal.timeline_model import DATE, KIND, TITLE
from pmo_journal.ui.main_window import MainWindow


def _log(journal: Journal, count: int, *, words: str = "Steering committee") -> None:
    skill = skills.list_skills(journal)[0]
    for day in range(count):
        reflections.log_skill_reflection(
            journal,
            data={
                "date": dt.date(2021, 1, 1) + dt.timedelta(days=7 * day),
                "skill_id": skill.id,
                "rating": 3,
                "situation": f"{words} number {day}",
            },
        )


def _marked_words(window: MainWindow) -> list[str]:
    """The words shown with the match marker's background in the detail pane."""
    document = window.journal_view.detail.document()
    marked: list[str] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            form: QTextCharFormat = fragment.charFormat()
            if form.background().color().name() in ("#ffe867", "#7a6400"):
                marked.append(fragment.text())
            fragments += 1
        block = block.next()
    return marked


def test_a_new_search_starts_at_the_top_and_marks_the_matches(
    qtbot: QtBot, window: MainWindow
) -> None:
    journal = window.context.journal
    _log(journal, 150)
    view = window.journal_view
    window.show_screen("journal")
    view.table.selectRow(120)  # far down the list: 2021
    view.table.scrollTo(view.proxy.index(120, TITLE))
    qtbot.waitUntil(lambda: view.table.verticalScrollBar().value() > 0)
    view.filters.search.setText("committ")
    view.filters.flush()
    assert view.table.verticalScrollBar().value() == 0
    assert view.selected_entry() is None  # nothing selected half-way down
    view.table.selectRow(0)
    entry = view.selected_entry()
    assert entry is not None and entry.date == dt.date(2021, 1, 1) + dt.timedelta(days=7 * 149)
    assert _marked_words(window) == ["committee"]  # the match, as the search matched it
    cursor: QTextCursor = view.detail.textCursor()
    assert not cursor.hasSelection()

    view.filters.search.clear()
    view.filters.flush()
    view.table.selectRow(0)
    assert _marked_words(window) == []


def test_a_saved_entry_is_selected_and_shown(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    _log(journal, 120)
    view = window.journal_view
    window.show_screen("journal")
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.date.setDate(dialog.date.date().fromString("2021-06-15", "yyyy-MM-dd"))
    dialog.rating.group.button(4).click()
    dialog.texts["learned"].setPlainText("Mid-list lesson")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    entry = view.selected_entry()
    assert entry is not None and entry.id == dialog.saved.id
    row = view.table.currentIndex().row()
    assert row > 50
    qtbot.waitUntil(
        lambda: view.table.visualRect(view.table.currentIndex()).intersects(
            view.table.viewport().rect()
        )
    )


def test_columns_fit_their_content_and_title_takes_the_rest(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 640)
    window.show_screen("journal")
    view = window.journal_view
    _log(window.context.journal, 3)
    view.refresh()
    metrics = view.table.fontMetrics()
    for row in range(view.proxy.rowCount()):
        for column in (DATE, KIND):
            text = str(view.proxy.index(row, column).data())
            assert metrics.horizontalAdvance(text) < view.table.columnWidth(column)
    qtbot.waitUntil(lambda: view.table.columnWidth(TITLE) > view.table.columnWidth(KIND))


@pytest.mark.parametrize(
    ("locale", "date", "number"),
    [
        ("en_GB", "2 Dec 2026", "25,000"),
        ("en_US", "Dec 2, 2026", "25,000"),
        ("de_DE", "2. Dez. 2026", "25.000"),
        ("C", "2 Dec 2026", "25,000"),  # no locale set: English, with separators
    ],
)
def test_one_date_and_one_number_format_follow_the_locale(
    qapp: object, locale: str, date: str, number: str
) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        assert formats.show_date(dt.date(2026, 12, 2)) == date
        assert formats.show_number(25_000) == number
        assert formats.show_date(None) == "—"
    finally:
        QLocale.setDefault(previous)


def test_lists_and_counts_use_them(qtbot: QtBot, window: MainWindow) -> None:
    _log(window.context.journal, 2)
    window.show_screen("journal")
    view = window.journal_view
    view.refresh()
    newest = dt.date(2021, 1, 8)
    assert view.proxy.index(0, DATE).data() == formats.show_date(newest)
    assert view.count_label.text() == "2 entries"
    view.table.selectRow(0)
    assert formats.show_date(newest) in view.detail.toPlainText()
    assert newest.isoformat() not in view.detail.toPlainText()


@pytest.mark.parametrize(
    ("locale", "sessions", "hours", "due", "overdue_detail"),
    [
        ("en_GB", "1,148", "1,250", "2 Dec", "due 2 Dec 2026 (1,001 days ago)"),
        ("de_DE", "1.148", "1.250", "2. Dez.", "due 2. Dez. 2026 (1.001 days ago)"),
    ],
)
def test_the_dashboard_cards_speak_the_locale(
    qtbot: QtBot,
    locale: str,
    sessions: str,
    hours: str,
    due: str,
    overdue_detail: str,
) -> None:
    """The cards' figures and dates are the lists' formats: no bare "1148" beside "7,178"."""
    from pmo_journal.core.progress import HeadlineFigures, NextSession
    from pmo_journal.ui.dashboard.cards import HeadlineCards

    previous = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        cards = HeadlineCards()
        qtbot.addWidget(cards)
        day = dt.date(2026, 12, 2)
        upcoming = NextSession(1, "Sarah", day, overdue=False, days_overdue=0)
        figures = HeadlineFigures(1148, 25_000, 1249.75, 7178, 1001, upcoming)
        cards.show_figures(figures, period="in the last 12 months", today=dt.date(2026, 6, 1))
        assert cards.sessions.value.text() == sessions
        thousands = "25,000" if locale == "en_GB" else "25.000"
        assert cards.sessions.detail.text() == f"{thousands} in the last 12 months"
        assert cards.hours.value.text() == hours
        assert cards.next_session.value.text() == due
        late = NextSession(1, "Sarah", day, overdue=True, days_overdue=1001)
        cards.show_figures(
            HeadlineFigures(1148, 25_000, 7.5, 7178, 1001, late),
            period="in the last 12 months",
            today=dt.date(2029, 8, 30),
        )
        assert overdue_detail in cards.next_session.detail.text()
        assert cards.hours.value.text() == ("7.5" if locale == "en_GB" else "7,5")
        assert cards.reflections.value.text() == ("7,178" if locale == "en_GB" else "7.178")
    finally:
        QLocale.setDefault(previous)


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_every_date_a_user_reads_is_the_locales(qtbot: QtBot, journal: Journal) -> None:
    """The editors' date fields, the journal's From/To, Action items' "Done on", the PDU
    cycle and its pace: the locale's dates (en_US here: month first), never ISO."""
    from pmo_journal.core.services import pdus
    from pmo_journal.ui.career.open_items_view import OpenItemsView
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.pdus import PduView

    previous = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        day = dt.date(2026, 3, 4)
        assert formats.date_edit_format() == "MMM d, yyyy"
        pdus.create_cycle(
            journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
        )
        pdus.add_claim(
            journal,
            data={
                "date": day,
                "category": "education",
                "activity": "course_or_training",
                "hours": 10,
                "ways_of_working": 10,
                "description": "For the test",
            },
        )
        context = JournalContext(journal)
        window = MainWindow(context)
        qtbot.addWidget(window)
        items = OpenItemsView(context)
        qtbot.addWidget(items)
        for field in (
            window.journal_view.filters.date_from,
            window.journal_view.filters.date_to,
            window.dashboard_view.range_selector.date_from,
            items.done_on,
        ):
            field.setDate(to_qdate(day))
            # One format: the medium date every list shows.
            assert field.text() == formats.show_date(day) == "Mar 4, 2026", field.accessibleName()
        for kind in (EntryKind.MENTOR_SESSION, EntryKind.HELPER_ASSIGNMENT, EntryKind.NOTE):
            dialog = window.new_entry(kind)
            qtbot.addWidget(dialog)
            for edit in dialog.findChildren(QDateEdit):  # today, untouched: nothing to discard
                assert edit.text() == formats.show_date(from_qdate(edit.date())), kind

        ledger = PduView(context)
        qtbot.addWidget(ledger)
        shown = [ledger.cycle_picker.currentText(), ledger.pace.text()]
        assert shown[0].startswith("PMP Jun 1, 2024 – May 31, 2027")
        assert not any(ISO_DATE.search(text) for text in shown), shown
    finally:
        QLocale.setDefault(previous)


def test_a_saved_entry_the_search_hides_is_told_and_shown_on_asking(
    qtbot: QtBot, window: MainWindow
) -> None:
    _log(window.context.journal, 5)
    view = window.journal_view
    window.show_screen("journal")
    view.filters.search.setText("committee")
    view.filters.flush()
    assert view.proxy.rowCount() == 5 and not view.hidden_notice.isVisible()
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.rating.group.button(4).click()
    dialog.texts["learned"].setPlainText("A lesson about budgets")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    notice = view.hidden_notice
    qtbot.waitUntil(notice.isVisible)
    assert notice.label.text() == "Saved. It is hidden by the current search."
    assert view.selected_entry() is None or view.selected_entry().id != dialog.saved.id
    (clear,) = [b for b in notice.findChildren(QPushButton) if b.text() == "Clear search"]
    clear.click()
    assert view.filters.search.text() == "" and view.filters.is_default()
    entry = view.selected_entry()
    assert entry is not None and entry.id == dialog.saved.id
    assert not notice.isVisible()


def test_a_saved_entry_the_filters_let_show_is_selected_without_a_notice(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.journal_view
    window.show_screen("journal")
    view.filters.search.setText("budgets")
    view.filters.flush()
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.rating.group.button(4).click()
    dialog.texts["learned"].setPlainText("A lesson about budgets")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    entry = view.selected_entry()
    assert entry is not None and entry.id == dialog.saved.id
    assert not view.hidden_notice.isVisible()


def test_action_items_read_their_dates_in_the_locales_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    """An action item's due and done dates, in the journal's detail pane and in the mentor
    session's editor: the medium date the lists show, never ISO."""
    from pmo_journal.core.services import action_items, mentor_sessions, people

    journal = window.context.journal
    mentor = people.create_person(journal, data={"name": "Priya", "relationship": "mentor"})
    due, done = dt.date(2026, 12, 15), dt.date(2026, 11, 20)
    saved = mentor_sessions.log_mentor_session(
        journal,
        data={
            "date": dt.date(2026, 11, 2),
            "mentor_id": mentor.id,
            "topics": "Portfolio intake",
            "new_action_items": [
                {"text": "Book the next review", "due_date": due},
                {"text": "Share the scorecard", "due_date": due},
            ],
        },
    )
    [first, _second] = mentor_sessions.get_mentor_session(journal, saved.id).action_items
    action_items.set_action_item_done(journal, first.id, done_on=done)
    window.show_screen("journal")
    view = window.journal_view
    view.refresh()
    view.table.selectRow(0)
    shown = view.detail.toPlainText()
    assert f"due {formats.show_date(due)}" in shown
    assert f"done {formats.show_date(done)}" in shown
    dialog = window.open_entry(EntryKind.MENTOR_SESSION.value, saved.id)
    qtbot.addWidget(dialog)
    listed = dialog.action_items.items  # type: ignore[attr-defined]
    rows = [listed.item(row).text() for row in range(listed.count())]
    assert any(f"due {formats.show_date(due)}" in row for row in rows), rows
    assert not [text for text in (shown, *rows) if ISO_DATE.search(text)]
