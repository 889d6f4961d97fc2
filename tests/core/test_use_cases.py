"""Use cases: each is one transaction and says what it changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import career, entries, exchange, mentor_sessions, people
from pmo_journal.core.services.action_items import CarryChoices
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid
from tests.core.journal_data import dump

DAY = dt.date(2026, 3, 1)


def _session_with_items(journal: Journal, *, on: dt.date = DAY) -> list[int]:
    found = [p for p in people.list_people(journal) if p.name == "Ada"]
    mentor = (
        found[0]
        if found
        else people.create_person(journal, data={"name": "Ada", "relationship": "mentor"})
    )
    saved = mentor_sessions.log_mentor_session(
        journal,
        data={
            "date": on,
            "mentor_id": mentor.id,
            "topics": "Intake",
            "new_action_items": [{"text": "Send the deck"}, {"text": "Book the room"}],
        },
    )
    return [item.id for item in saved.action_items]


def test_closing_several_items_where_one_is_refused_closes_none(journal: Journal) -> None:
    early, _ = _session_with_items(journal)
    late, _ = _session_with_items(journal, on=DAY + dt.timedelta(days=10))
    before = dump(journal.path)
    with pytest.raises(EntryInvalid, match="before the session"):
        career.complete_action_items(
            journal, item_ids=[early, late], done_on=DAY + dt.timedelta(days=5)
        )
    assert dump(journal.path) == before  # the early item, fine on its own, stays open too
    done = career.complete_action_items(journal, item_ids=[early], done_on=DAY)
    assert [item.done_date for item in done.value] == [DAY]
    assert done.changes == Changes(action_items=True)


def test_a_session_with_a_new_mentor_and_carries_is_one_save(journal: Journal) -> None:
    first, second = _session_with_items(journal)
    outcome = entries.save_mentor_session(
        journal,
        entry_id=None,
        data={"date": DAY + dt.timedelta(days=30), "topics": "Follow-up"},
        new_mentor_name="Ada",
        carry=CarryChoices(carried=[first], closed=[second]),
    )
    assert outcome.changes == Changes.of_entries(
        EntryKind.MENTOR_SESSION, action_items=True, people=True
    )
    assert [p.name for p in people.list_people(journal)] == ["Ada"]  # found, not doubled
    before = dump(journal.path)
    with pytest.raises(EntryInvalid):
        entries.save_mentor_session(
            journal,
            entry_id=None,
            data={"date": DAY + dt.timedelta(days=31), "topics": "Again"},
            new_mentor_name="Someone New",
            carry=CarryChoices(carried=[first], closed=[first]),
        )
    assert dump(journal.path) == before  # no new mentor left behind


def test_removing_a_person_with_their_entries_moved_is_one_step(journal: Journal) -> None:
    _session_with_items(journal)
    ada = people.list_people(journal)[0]
    bea = people.save_person(journal, person_id=None, data={"name": "Bea"}).value
    changes = people.remove_person(journal, person_id=ada.id, reassign_to=bea.id)
    assert changes.people and changes.entries == frozenset(EntryKind)
    assert [p.name for p in people.list_people(journal)] == ["Bea"]
    assert mentor_sessions.list_mentor_sessions(journal)[0].mentor_id == bea.id


def test_export_then_import_say_what_they_did(journal: Journal, tmp_path: Path) -> None:
    _session_with_items(journal)
    out = tmp_path / "journal.json"
    exported = exchange.export_journal(journal, format="json", target=out)
    assert exported.value.endswith("records") and not exported.changes
    with Journal.open(tmp_path / "other.db") as other:
        imported = exchange.import_file(other, out)
        assert imported.changes == Changes.everything()
        assert "added" in imported.value.describe()
