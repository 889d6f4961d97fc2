"""A save is one transaction: an edited session and its new action items, or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid
from tests.core.journal_data import dump


def test_an_edit_with_a_bad_new_item_changes_nothing(journal: Journal) -> None:
    mentor = people.create_person(journal, data={"name": "Ada", "relationship": "mentor"})
    session = mentor_sessions.log_mentor_session(
        journal, data={"date": dt.date(2026, 3, 1), "mentor_id": mentor.id, "topics": "Intake"}
    )
    edited = {"date": dt.date(2026, 3, 1), "mentor_id": mentor.id, "topics": "Intake, revised"}
    before = dump(journal.path)
    with pytest.raises(EntryInvalid):
        mentor_sessions.update_mentor_session(
            journal, session.id, data=edited, new_action_items=[{"text": "ok"}, {"text": ""}]
        )
    assert dump(journal.path) == before

    saved = mentor_sessions.update_mentor_session(
        journal, session.id, data=edited, new_action_items=[{"text": "Send the deck"}]
    )
    assert saved.topics == "Intake, revised"
    assert [item.text for item in saved.action_items] == ["Send the deck"]


def test_a_unit_of_work_makes_several_services_one_transaction(journal: Journal) -> None:
    before = dump(journal.path)
    with pytest.raises(EntryInvalid), journal.unit_of_work():
        mentor = people.create_person(
            journal, data={"name": "New mentor", "relationship": "mentor"}
        )
        mentor_sessions.log_mentor_session(
            journal, data={"date": dt.date(2026, 3, 1), "mentor_id": mentor.id, "topics": "x"}
        )
        mentor_sessions.log_mentor_session(journal, data={"date": dt.date(2026, 3, 1)})
    assert dump(journal.path) == before  # the new mentor and the first session are gone too

    with journal.unit_of_work():
        mentor = people.create_person(
            journal, data={"name": "New mentor", "relationship": "mentor"}
        )
        with journal.unit_of_work():  # nesting joins the same transaction
            mentor_sessions.log_mentor_session(
                journal, data={"date": dt.date(2026, 3, 1), "mentor_id": mentor.id, "topics": "x"}
            )
    assert len(mentor_sessions.list_mentor_sessions(journal)) == 1
