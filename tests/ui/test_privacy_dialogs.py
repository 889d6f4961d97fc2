"""Before anything is written the dialogs say what stays in the journal; the claim editor
warns when it is pre-filled from private material; a person can be marked private."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind, Relationship
from pmo_journal.core.services import pdus, people
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.options import PeriodPreset
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.editors import PersonDialog
from pmo_journal.ui.pdus.claim_editor import ClaimEditor
from pmo_journal.ui.report.prep_sheet_dialog import PrepSheetDialog
from pmo_journal.ui.report.report_dialog import ReportDialog
from tests.privacy_journal import fill_privacy_journal
from tests.ui.test_pdu_view import Dialogs, make_view, save

LEFT_OUT = "3 private entries, 1 private goal and everything about 3 private people are left out."


def test_the_report_dialog_says_what_is_left_out(
    qtbot: QtBot, context: JournalContext, journal: Journal
) -> None:
    fill_privacy_journal(journal)
    dialog = ReportDialog(context, today=dt.date(2026, 7, 15))
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(list(PeriodPreset).index(PeriodPreset.CUSTOM))
    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog.date_to.setDate(QDate(2026, 6, 30))
    assert dialog.left_out.text() == LEFT_OUT
    dialog.date_from.setDate(QDate(2026, 4, 1))  # only the private April session is in it
    assert dialog.left_out.text().startswith("1 private entry, 1 private goal and everything")
    dialog.include_private.setChecked(True)
    assert dialog.left_out.text().startswith("Included although private: 1 private entry")


def test_the_prep_sheet_dialog_says_what_is_left_out(
    qtbot: QtBot, context: JournalContext, journal: Journal
) -> None:
    planted = fill_privacy_journal(journal)
    dialog = PrepSheetDialog(context, planted.sarah, today=dt.date(2026, 7, 15))
    qtbot.addWidget(dialog)
    assert dialog.left_out.text() == LEFT_OUT
    dialog.mentor.setCurrentIndex(dialog.mentor.findData(planted.xenia))
    assert "Xenia Blackwood-Quist is marked private" in dialog.left_out.text()
    assert not dialog.save_button.isEnabled()
    dialog.include_private.setChecked(True)
    assert dialog.save_button.isEnabled()
    assert dialog.sheet().last_topics == "Leaving Northwind quillfeather"


@pytest.mark.parametrize(
    ("private_person", "private_entry", "warning"),
    [
        (True, False, "Pre-filled from an entry about a private person"),
        (False, True, "Pre-filled from a private entry"),
        (False, False, ""),
    ],
)
def test_the_claim_editor_warns_when_pre_filled_from_private_material(
    qtbot: QtBot, journal: Journal, private_person: bool, private_entry: bool, warning: str
) -> None:
    pdus.create_cycle(
        journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
    )
    mentor = people.create_person(
        journal,
        data={
            "name": "Xenia Quist",
            "relationship": Relationship.MENTOR,
            "private": private_person,
        },
    )
    session = log_mentor_session(
        journal,
        data={
            "date": dt.date(2026, 3, 5),
            "mentor_id": mentor.id,
            "topics": "Leaving Northwind",
            "private": private_entry,
        },
    )
    dialogs = Dialogs(qtbot)
    view = make_view(qtbot, journal, dialogs)
    view.claim_button.click()
    editor = dialogs.last
    assert isinstance(editor, ClaimEditor)
    assert editor.warning.isVisibleTo(editor) == bool(warning)
    assert editor.warning.text().startswith(warning)
    save(editor)
    # The claim records where it came from, so the rule can follow it.
    [claim] = view.ledger.claims if view.ledger else []
    assert (claim.source_kind, claim.source_id) == (EntryKind.MENTOR_SESSION, session.id)


def test_a_person_can_be_marked_private(qtbot: QtBot, context: JournalContext) -> None:
    dialog = PersonDialog(context)
    qtbot.addWidget(dialog)
    dialog.name.setText("Xenia Blackwood-Quist")
    dialog.private.setChecked(True)
    dialog.save_button.click()
    [xenia] = people.list_people(context.journal)
    assert xenia.private
    editor = PersonDialog(context, person_id=xenia.id)
    qtbot.addWidget(editor)
    assert editor.private.isChecked()
