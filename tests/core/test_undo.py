"""Undo and redo of every kind of change, on a real journal file: do → undo gives the
journal as it was, redo the journal as the change left it, and again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import EntryKind, PduCategory
from pmo_journal.core.services import (
    career,
    entries,
    goals,
    mentor_sessions,
    pdus,
    people,
    skills,
    timeline,
    undo,
)
from pmo_journal.core.services.action_items import CarryChoices
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid
from tests.core.journal_data import fill_every_table, journal_state

DAY = dt.date(2026, 5, 4)
Work = Callable[[], Outcome[object] | Changes]


def found(journal: Journal, text: str) -> list[tuple[EntryKind, int]]:
    page = timeline.list_timeline(journal, TimelineFilter(text=text))
    return [(entry.kind, entry.id) for entry in page]


def round_trip(journal: Journal, work: Work) -> undo.Done[object]:
    """Do ``work``, then undo, redo and undo it again, checking the journal each time."""
    before = journal_state(journal.path)
    done = undo.do(journal, work)
    after = journal_state(journal.path)
    assert after != before and done.rows
    assert undo.undo(journal, done) == done.changes
    assert journal_state(journal.path) == before
    assert undo.redo(journal, done) == done.changes
    assert journal_state(journal.path) == after
    undo.undo(journal, done)
    assert journal_state(journal.path) == before
    undo.redo(journal, done)
    return done


@pytest.fixture
def filled(journal: Journal) -> Journal:
    fill_every_table(journal)
    return journal


def _first_session(journal: Journal) -> int:
    return next(
        e.id
        for e in timeline.list_timeline(journal, TimelineFilter())
        if e.kind is EntryKind.MENTOR_SESSION
    )


def _mentor(journal: Journal) -> int:
    return next(p.id for p in people.list_people(journal) if p.name == "Ada Mentor")


def test_a_new_session_undone_is_deleted_and_redone_is_the_same_entry(filled: Journal) -> None:
    mentor = _mentor(filled)
    skill = skills.list_skills(filled)[0].id
    done = round_trip(
        filled,
        lambda: entries.save_mentor_session(
            filled,
            entry_id=None,
            data={
                "date": DAY,
                "mentor_id": mentor,
                "topics": "Quokka portfolio",
                "skill_ids": [skill],
                "new_action_items": [{"text": "Write the quokka memo"}],
            },
        ),
    )
    saved = done.value
    assert found(filled, "quokka") == [(EntryKind.MENTOR_SESSION, saved.id)]
    undo.undo(filled, done)
    assert found(filled, "quokka") == []  # the search index follows
    # Deleted the way the journal deletes: kept in the bin, so redo brings back this one.
    assert saved.id not in [s.id for s in mentor_sessions.list_mentor_sessions(filled)]
    undo.redo(filled, done)
    again = mentor_sessions.get_mentor_session(filled, saved.id)
    assert again.uuid == saved.uuid and again.skill_ids == [skill]
    assert [i.text for i in again.action_items] == ["Write the quokka memo"]


def test_a_new_session_with_a_new_mentor_keeps_the_mentor_for_its_return(journal: Journal) -> None:
    before = journal_state(journal.path)
    done = undo.do(
        journal,
        lambda: entries.save_mentor_session(
            journal, entry_id=None, data={"date": DAY, "topics": "Intake"}, new_mentor_name="Bo"
        ),
    )
    undo.undo(journal, done)
    state = journal_state(journal.path)
    assert [p.name for p in people.list_people(journal)] == ["Bo"]
    assert {k: v for k, v in state.items() if k != "person"} == {
        k: v for k, v in before.items() if k != "person"
    }
    undo.redo(journal, done)
    assert mentor_sessions.get_mentor_session(journal, done.value.id).mentor_id == (
        people.list_people(journal)[0].id
    )


def test_an_edit_is_undone_in_every_field_and_link(filled: Journal) -> None:
    session_id = _first_session(filled)
    session = mentor_sessions.get_mentor_session(filled, session_id)
    other = people.create_person(filled, data={"name": "Cy Other", "relationship": "mentor"})
    last_skill = skills.list_skills(filled)[-1].id
    round_trip(
        filled,
        lambda: entries.save_mentor_session(
            filled,
            entry_id=session_id,
            data={
                "date": session.date + dt.timedelta(days=3),
                "mentor_id": other.id,
                "topics": "Quite another talk",
                "skill_ids": [last_skill],
                "starred": not session.starred,
                "private": True,
            },
            new_action_items=[{"text": "A new item"}],
        ),
    )
    assert found(filled, "another") == [(EntryKind.MENTOR_SESSION, session_id)]


def test_the_carry_choices_of_a_save_are_undone_with_it(filled: Journal) -> None:
    mentor = _mentor(filled)
    first = mentor_sessions.log_mentor_session(
        filled,
        data={
            "date": DAY,
            "mentor_id": mentor,
            "topics": "First",
            "new_action_items": [{"text": "Carry me"}],
        },
    )
    item = first.action_items[0].id
    round_trip(
        filled,
        lambda: entries.save_mentor_session(
            filled,
            entry_id=None,
            data={"date": DAY + dt.timedelta(days=30), "mentor_id": mentor, "topics": "Next"},
            carry=CarryChoices(carried=[item]),
        ),
    )


@pytest.mark.parametrize("kind", list(EntryKind))
def test_delete_and_star_of_each_kind(filled: Journal, kind: EntryKind) -> None:
    entry = next(e for e in timeline.list_timeline(filled, TimelineFilter()) if e.kind is kind)
    round_trip(
        filled,
        lambda: entries.star_entry(filled, kind=kind, entry_id=entry.id, starred=not entry.starred),
    )
    round_trip(filled, lambda: entries.delete_entry(filled, kind=kind, entry_id=entry.id))


def test_marking_items_done_and_reopening_them(filled: Journal) -> None:
    mentor = _mentor(filled)
    saved = mentor_sessions.log_mentor_session(
        filled,
        data={
            "date": DAY,
            "mentor_id": mentor,
            "topics": "Items",
            "new_action_items": [{"text": "a"}, {"text": "b"}],
        },
    )
    ids = [i.id for i in saved.action_items]
    round_trip(filled, lambda: career.complete_action_items(filled, item_ids=ids, done_on=DAY))
    career.complete_action_items(filled, item_ids=ids, done_on=DAY)
    round_trip(filled, lambda: career.reopen_action_items(filled, item_ids=ids[:1]))


def test_pdu_claims_new_edited_and_deleted(filled: Journal) -> None:
    data = {
        "date": DAY,
        "category": PduCategory.EDUCATION,
        "activity": "course_or_training",
        "hours": 2.0,
        "power_skills": 2.0,
        "description": "Negotiation course",
    }
    done = round_trip(filled, lambda: pdus.save_claim(filled, claim_id=None, data=data))
    claim = done.value.id
    round_trip(
        filled,
        lambda: pdus.save_claim(
            filled, claim_id=claim, data={**data, "hours": 3.0, "power_skills": 3.0}
        ),
    )
    round_trip(filled, lambda: pdus.remove_claim(filled, claim_id=claim))


def test_goals_new_edited_with_milestones_and_evidence_and_deleted(filled: Journal) -> None:
    session_id = _first_session(filled)
    done = round_trip(
        filled,
        lambda: goals.save_goal(
            filled,
            goal_id=None,
            data={
                "target_role": "Portfolio analyst",
                "milestones": [{"title": "Shadow the board"}],
                "evidence": [{"kind": EntryKind.MENTOR_SESSION, "id": session_id}],
            },
        ),
    )
    goal = done.value
    round_trip(
        filled,
        lambda: goals.save_goal(
            filled,
            goal_id=goal.id,
            data={
                "target_role": "Portfolio lead",
                "milestones": [{"title": "Chair the board"}],
                "evidence": [],
            },
        ),
    )
    round_trip(filled, lambda: goals.remove_goal(filled, goal_id=goal.id))


def test_people_archived_and_deleted_with_their_entries_moved(filled: Journal) -> None:
    mentor = _mentor(filled)
    other = people.create_person(filled, data={"name": "Dee", "relationship": "mentor"})
    nobody = people.create_person(filled, data={"name": "Eve"})
    round_trip(filled, lambda: people.remove_person(filled, person_id=nobody.id))
    round_trip(filled, lambda: people.archive_person(filled, person_id=mentor, archived=True))
    round_trip(filled, lambda: people.remove_person(filled, person_id=mentor, reassign_to=other.id))


def test_readiness_targets_and_snoozes(filled: Journal) -> None:
    skill = skills.list_skills(filled)[1].id
    round_trip(
        filled, lambda: career.mark_readiness(filled, key="expressed_interest", checked=True)
    )
    round_trip(filled, lambda: career.set_skill_target(filled, skill_id=skill, level=5))
    round_trip(
        filled, lambda: career.snooze_mentor_reminder(filled, person_id=_mentor(filled), days=7)
    )


def test_a_refused_change_writes_nothing_and_is_not_recorded(filled: Journal) -> None:
    before = journal_state(filled.path)
    with pytest.raises(EntryInvalid):
        undo.do(
            filled,
            lambda: entries.save_skill_reflection(filled, entry_id=None, data={"rating": 9}),
        )
    assert journal_state(filled.path) == before
    # A later change records only its own rows.
    done = undo.do(
        filled, lambda: career.mark_readiness(filled, key="expressed_interest", checked=True)
    )
    assert {row.table for row in done.rows} == {"readinessmark"}
