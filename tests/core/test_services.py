"""Services on a real journal file: people, skills and the three entry kinds."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core import clock
from pmo_journal.core.models import EntryKind, Relationship
from pmo_journal.core.services import (
    action_items,
    helper_assignments,
    mentor_sessions,
    people,
    reflections,
    skills,
)
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, JournalError


@pytest.fixture
def mentor_id(journal: Journal) -> int:
    return people.create_person(
        journal, data={"name": "Grace Mentor", "relationship": Relationship.MENTOR}
    ).id


def _session(mentor_id: int, **changes: object) -> dict[str, object]:
    return {
        "date": dt.date(2026, 3, 2),
        "mentor_id": mentor_id,
        "topics": "How the PMO decides what enters the funnel",
        **changes,
    }


# --------------------------------------------------------------------------- people


def test_a_mentor_meets_monthly_unless_told_otherwise(journal: Journal) -> None:
    mentor = people.create_person(journal, data={"name": "  Lin  ", "relationship": "mentor"})
    assert mentor.name == "Lin"
    assert mentor.cadence_days == 30
    peer = people.create_person(journal, data={"name": "Sam", "relationship": "peer"})
    assert peer.cadence_days is None


def test_a_person_needs_a_name(journal: Journal) -> None:
    with pytest.raises(EntryInvalid) as caught:
        people.create_person(journal, data={"name": "   "})
    assert caught.value.problems == {"name": "Name is required."}


def test_a_referenced_person_is_not_deleted_silently(journal: Journal, mentor_id: int) -> None:
    mentor_sessions.log_mentor_session(journal, data=_session(mentor_id))
    with pytest.raises(JournalError, match="archive them, or reassign"):
        people.delete_person(journal, mentor_id)
    assert people.get_person(journal, mentor_id).entry_count == 1


def test_reassigning_moves_entries_so_the_person_can_go(journal: Journal, mentor_id: int) -> None:
    mentor_sessions.log_mentor_session(journal, data=_session(mentor_id))
    other = people.create_person(journal, data={"name": "Ola", "relationship": "mentor"})
    assert people.reassign_person(journal, mentor_id, to_person_id=other.id) == 1
    people.delete_person(journal, mentor_id)
    assert [p.name for p in people.list_people(journal)] == ["Ola"]


def test_archived_people_are_hidden_unless_asked_for(journal: Journal, mentor_id: int) -> None:
    people.set_person_archived(journal, mentor_id, archived=True)
    assert people.list_people(journal) == []
    assert len(people.list_people(journal, include_archived=True)) == 1


def test_find_or_create_person_is_case_insensitive(journal: Journal, mentor_id: int) -> None:
    found = people.find_or_create_person(journal, name="grace mentor")
    assert found.id == mentor_id
    created = people.find_or_create_person(journal, name="Noor", relationship=Relationship.PEER)
    assert created.id != mentor_id


# --------------------------------------------------------------------------- skills


def test_the_catalogue_starts_with_the_four_power_skills(journal: Journal) -> None:
    catalogue = skills.list_skills(journal)
    assert [s.name for s in catalogue] == [
        "Collaborative leadership",
        "Strategic thinking",
        "Managing up & business acumen",
        "Encouraging learning & change",
    ]
    assert [s.headline for s in catalogue] == [True, True, False, False]
    assert all(len(s.descriptors) == 5 for s in catalogue)


def test_skills_can_be_added_renamed_and_archived(journal: Journal) -> None:
    added = skills.add_skill(journal, data={"name": "Facilitation"})
    with pytest.raises(EntryInvalid, match="already a skill"):
        skills.add_skill(journal, data={"name": "facilitation"})
    renamed = skills.rename_skill(journal, added.id, name="Workshop facilitation")
    assert renamed.name == "Workshop facilitation"
    skills.set_skill_archived(journal, added.id, archived=True)
    assert "Workshop facilitation" not in [s.name for s in skills.list_skills(journal)]


def test_a_skill_with_history_is_never_deleted(journal: Journal) -> None:
    skill = skills.list_skills(journal)[0]
    reflections.log_skill_reflection(
        journal,
        data={"date": dt.date(2026, 1, 5), "skill_id": skill.id, "rating": 3, "result": "Won"},
    )
    with pytest.raises(JournalError, match="archive it instead"):
        skills.delete_skill(journal, skill.id)
    unused = skills.add_skill(journal, data={"name": "Negotiation"})
    skills.delete_skill(journal, unused.id)


def test_target_levels_stay_between_one_and_five(journal: Journal) -> None:
    skill = skills.list_skills(journal)[1]
    assert skills.set_target_level(journal, skill.id, level=4).target_level == 4
    with pytest.raises(EntryInvalid):
        skills.set_target_level(journal, skill.id, level=6)


# --------------------------------------------------------------------------- entries


def test_a_mentor_session_keeps_its_skills_and_action_items(
    journal: Journal, mentor_id: int
) -> None:
    strategic = skills.list_skills(journal)[1]
    logged = mentor_sessions.log_mentor_session(
        journal,
        data=_session(
            mentor_id,
            skill_ids=[strategic.id],
            new_action_items=[{"text": "Offer to take the portfolio board minutes"}],
            next_session_date=dt.date(2026, 4, 2),
        ),
    )
    again = mentor_sessions.get_mentor_session(journal, logged.id)
    assert again.mentor_name == "Grace Mentor"
    assert again.skill_names == ["Strategic thinking"]
    assert [item.text for item in again.action_items] == [
        "Offer to take the portfolio board minutes"
    ]
    assert action_items.list_action_items(journal, mentor_id=mentor_id)[0].session_id == (logged.id)


def test_the_next_session_cannot_come_before_this_one(journal: Journal, mentor_id: int) -> None:
    with pytest.raises(EntryInvalid) as caught:
        mentor_sessions.log_mentor_session(
            journal, data=_session(mentor_id, next_session_date=dt.date(2026, 1, 1))
        )
    assert "can't be before this session" in str(caught.value)


def test_a_session_needs_a_known_mentor_and_a_sane_duration(journal: Journal) -> None:
    with pytest.raises(EntryInvalid) as caught:
        mentor_sessions.log_mentor_session(journal, data=_session(999))
    assert caught.value.problems == {"mentor_id": "Choose the mentor you met."}
    with pytest.raises(EntryInvalid) as caught:
        mentor_sessions.log_mentor_session(journal, data=_session(1, duration_minutes=2000))
    assert caught.value.problems["duration_minutes"] == "Duration must be at most 720."


def test_updating_a_session_replaces_its_fields_and_skills(
    journal: Journal, mentor_id: int
) -> None:
    catalogue = skills.list_skills(journal)
    logged = mentor_sessions.log_mentor_session(
        journal, data=_session(mentor_id, skill_ids=[catalogue[0].id])
    )
    updated = mentor_sessions.update_mentor_session(
        journal,
        logged.id,
        data=_session(mentor_id, takeaways="Lead with value", skill_ids=[catalogue[2].id]),
    )
    assert updated.takeaways == "Lead with value"
    assert updated.skill_names == ["Managing up & business acumen"]
    assert updated.updated_at >= logged.updated_at


def test_action_items_are_completed_and_reopened(journal: Journal, mentor_id: int) -> None:
    logged = mentor_sessions.log_mentor_session(
        journal, data=_session(mentor_id, new_action_items=[{"text": "Read the PMO charter"}])
    )
    item = logged.action_items[0]
    with pytest.raises(EntryInvalid, match="before the session"):
        action_items.set_action_item_done(journal, item.id, done_on=dt.date(2026, 1, 1))
    done = action_items.set_action_item_done(journal, item.id, done_on=dt.date(2026, 3, 9))
    assert done.done_date == dt.date(2026, 3, 9)
    assert action_items.list_action_items(journal) == []
    action_items.set_action_item_done(journal, item.id, done_on=None)
    assert len(action_items.list_action_items(journal)) == 1


def test_helper_assignment_round_trip_and_date_order(journal: Journal) -> None:
    leader = people.create_person(journal, data={"name": "Pat Lead", "relationship": "pmo_leader"})
    logged = helper_assignments.log_helper_assignment(
        journal,
        data={
            "title": "Minutes for the portfolio review board",
            "kind": "minutes",
            "leader_id": leader.id,
            "start_date": dt.date(2026, 2, 1),
            "end_date": dt.date(2026, 2, 1),
            "hours": 2.5,
            "outcome": "Decisions logged the same day",
        },
    )
    assert helper_assignments.get_helper_assignment(journal, logged.id).leader_name == "Pat Lead"
    with pytest.raises(EntryInvalid, match="end date can't be before"):
        helper_assignments.log_helper_assignment(
            journal,
            data={
                "title": "Backwards",
                "start_date": dt.date(2026, 2, 2),
                "end_date": dt.date(2026, 2, 1),
            },
        )
    with pytest.raises(EntryInvalid) as caught:
        helper_assignments.log_helper_assignment(
            journal, data={"title": "", "start_date": dt.date(2026, 2, 2), "hours": -1}
        )
    assert set(caught.value.problems) == {"title", "hours"}


def test_a_reflection_is_rated_one_to_five_and_not_in_the_future(journal: Journal) -> None:
    skill = skills.list_skills(journal)[0]
    tomorrow = clock.today() + dt.timedelta(days=1)
    with pytest.raises(EntryInvalid) as caught:
        reflections.log_skill_reflection(
            journal,
            data={"date": tomorrow, "skill_id": skill.id, "rating": 6, "situation": "x"},
        )
    assert caught.value.problems == {
        "date": "A reflection can't be dated in the future.",
        "rating": "Self-rating must be at most 5.",
    }
    logged = reflections.log_skill_reflection(
        journal,
        data={"date": clock.today(), "skill_id": skill.id, "rating": 4, "situation": "x"},
    )
    assert logged.skill_name == "Collaborative leadership"
    assert reflections.list_skill_reflections(journal, skill_id=skill.id)[0].rating == 4


def test_text_limits_are_enforced_with_a_clear_message(journal: Journal, mentor_id: int) -> None:
    with pytest.raises(EntryInvalid) as caught:
        mentor_sessions.log_mentor_session(journal, data=_session(mentor_id, topics="x" * 20_001))
    assert caught.value.problems["topics"] == "Topics is too long (at most 20000 characters)."


def test_entry_kinds_have_labels() -> None:
    assert EntryKind.SKILL_REFLECTION.label == "Skill reflection"
