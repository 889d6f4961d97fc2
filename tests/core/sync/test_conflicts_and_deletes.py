"""Concurrent edits of one field keep the losing value; an edit concurrent with a delete wins."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import mentor_sessions, people, timeline
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import sync_round
from tests.core.sync.laptops import conflicts, join, open_laptop, state_of, sync_all


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Journal, Journal]:
    shared = tmp_path / "shared"
    shared.mkdir()
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    join(work, shared, "Work")
    join(home, shared, "Home")
    mentor = people.create_person(work, data={"name": "Ada Mentor", "relationship": "mentor"})
    mentor_sessions.log_mentor_session(
        work, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor.id, "topics": "Intake"}
    )
    sync_all(work, home)
    return work, home


def _only_session(journal: Journal) -> object:
    [entry] = mentor_sessions.list_mentor_sessions(journal)
    return entry


def _edit_topics(journal: Journal, topics: str) -> None:
    entry = _only_session(journal)
    mentor_sessions.update_mentor_session(
        journal, entry.id, data={**entry.model_dump(), "topics": topics}
    )


def test_same_field_on_both_laptops_keeps_the_loser_as_a_conflict(
    pair: tuple[Journal, Journal],
) -> None:
    work, home = pair
    _edit_topics(work, "Intake — work's words")
    _edit_topics(home, "Intake — home's words")
    sync_all(work, home)
    assert state_of(work) == state_of(home)
    [(table, field, kept, lost)] = conflicts(work)
    assert (table, field) == ("mentorsession", "topics")
    assert {json.loads(kept), json.loads(lost)} == {
        "Intake — work's words",
        "Intake — home's words",
    }
    assert conflicts(home) == conflicts(work)


def test_an_edit_after_seeing_the_other_is_no_conflict(pair: tuple[Journal, Journal]) -> None:
    work, home = pair
    _edit_topics(work, "First")
    sync_all(work, home)
    _edit_topics(home, "Second, having read the first")
    sync_all(work, home)
    assert _only_session(work).topics == "Second, having read the first"
    assert conflicts(work) == [] and conflicts(home) == []


def test_an_edit_concurrent_with_a_delete_brings_the_entry_back_flagged(
    pair: tuple[Journal, Journal],
) -> None:
    work, home = pair
    entry = _only_session(work)
    timeline.delete_entry(work, EntryKind.MENTOR_SESSION, entry.id)
    _edit_topics(home, "Still needed")
    sync_all(work, home)
    assert state_of(work) == state_of(home)
    assert _only_session(work).topics == "Still needed"
    assert [c[1] for c in conflicts(work)] == ["deleted_at"]


def test_a_delete_after_seeing_the_edit_stays_deleted(pair: tuple[Journal, Journal]) -> None:
    work, home = pair
    _edit_topics(home, "Edited first")
    sync_all(work, home)
    timeline.delete_entry(work, EntryKind.MENTOR_SESSION, _only_session(work).id)
    sync_all(work, home)
    assert mentor_sessions.list_mentor_sessions(home) == []
    assert conflicts(home) == []


def test_undo_of_a_delete_travels(pair: tuple[Journal, Journal]) -> None:
    work, home = pair
    entry = _only_session(work)
    timeline.delete_entry(work, EntryKind.MENTOR_SESSION, entry.id)
    sync_all(work, home)
    assert mentor_sessions.list_mentor_sessions(home) == []
    timeline.restore_entry(work, EntryKind.MENTOR_SESSION, entry.id)
    sync_all(work, home)
    assert _only_session(home).topics == "Intake"


def test_a_round_with_nothing_new_publishes_nothing(pair: tuple[Journal, Journal]) -> None:
    work, _home = pair
    report = sync_round(work)
    assert (report.published, report.taken_in) == (0, 0)
    assert report.laptops == 2
