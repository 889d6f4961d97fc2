"""Career goals: validation, milestones and derived progress, evidence, delete and restore."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core.models import CareerPath, EntryKind, EvidenceRef, GoalStatus
from pmo_journal.core.services.goals import (
    add_milestone,
    create_goal,
    delete_goal,
    get_goal,
    link_evidence,
    list_goals,
    restore_goal,
    set_milestone_done,
    unlink_evidence,
    update_goal,
)
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.timeline import delete_entry, restore_entry
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, NotFound
from tests.frozen_clock import FROZEN_TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")

D = dt.date
TODAY = FROZEN_TODAY  # the tests that use it run with the frozen_today fixture


def _goal(journal: Journal, **extra: object):  # type: ignore[no-untyped-def]
    return create_goal(
        journal,
        data={
            "target_role": "PMO analyst",
            "path": "direct",
            "target_date": D(2027, 6, 30),
            "why": "I like seeing the whole portfolio.",
            "milestones": [
                {"title": "Shadow a portfolio review", "due_date": D(2026, 1, 31)},
                {"title": "Take minutes at the steering meeting", "due_date": D(2026, 3, 31)},
                {"title": "Pass the PMO-CP", "due_date": None},
            ],
            **extra,
        },
    )


def test_progress_comes_from_milestones(journal: Journal) -> None:
    goal = _goal(journal)
    assert goal.progress == 0 and goal.milestones_done == 0
    first, second, _third = goal.milestones
    set_milestone_done(journal, first.id, done_on=D(2025, 12, 1))
    goal = get_goal(journal, goal.id)
    assert goal.progress == pytest.approx(1 / 3)
    # Overdue: open milestones whose due date has passed, as of a given day.
    assert [m.title for m in goal.overdue_milestones(D(2026, 4, 1))] == [second.title]
    assert goal.overdue_milestones(D(2026, 3, 31)) == []
    set_milestone_done(journal, second.id, done_on=D(2025, 12, 2))
    assert get_goal(journal, goal.id).progress == pytest.approx(2 / 3)
    set_milestone_done(journal, second.id, done_on=None)
    assert get_goal(journal, goal.id).milestones_done == 1
    empty = create_goal(journal, data={"target_role": "Portfolio manager", "status": "achieved"})
    assert empty.progress == 1.0


def test_validation_speaks_plainly_and_writes_nothing(journal: Journal) -> None:
    with pytest.raises(EntryInvalid) as caught:
        create_goal(journal, data={"target_role": "  ", "milestones": [{"title": ""}]})
    assert caught.value.problems["target_role"] == "Target role is required."
    with pytest.raises(EntryInvalid, match="can't be done in the future"):
        _goal(journal, milestones=[{"title": "x", "done_date": TODAY + dt.timedelta(days=1)}])
    with pytest.raises(EntryInvalid, match="no mentor session with id 99"):
        _goal(journal, evidence=[{"kind": "mentor_session", "id": 99}])
    assert list_goals(journal) == []
    goal = _goal(journal)
    with pytest.raises(EntryInvalid, match="no milestone with id 999"):
        update_goal(
            journal,
            goal.id,
            data={"target_role": "Changed", "milestones": [{"id": 999, "title": "Bogus"}]},
        )
    assert get_goal(journal, goal.id).target_role == "PMO analyst"
    with pytest.raises(EntryInvalid, match="in the future"):
        set_milestone_done(journal, goal.milestones[0].id, done_on=TODAY + dt.timedelta(days=3))


def test_update_edits_adds_and_removes_milestones(journal: Journal) -> None:
    goal = _goal(journal)
    first, _second, third = goal.milestones
    updated = update_goal(
        journal,
        goal.id,
        data={
            "target_role": "PMO manager",
            "path": CareerPath.DELIVERY_ROUTE,
            "status": GoalStatus.ACTIVE,
            "milestones": [
                {"id": third.id, "title": "Pass the PMO-CP", "done_date": D(2025, 5, 5)},
                {"id": first.id, "title": "Shadow two portfolio reviews"},
                {"title": "Run a lessons-learned session"},
            ],
        },
    )
    assert updated.target_role == "PMO manager" and updated.path == CareerPath.DELIVERY_ROUTE
    assert [m.title for m in updated.milestones] == [
        "Pass the PMO-CP",
        "Shadow two portfolio reviews",
        "Run a lessons-learned session",
    ]
    assert updated.milestones[0].id == third.id and updated.progress == pytest.approx(1 / 3)
    # Leaving milestones out of an update keeps them.
    kept = update_goal(journal, goal.id, data={"target_role": "PMO manager", "why": "Scale"})
    assert len(kept.milestones) == 3
    extra = add_milestone(journal, goal.id, data={"title": "Fourth"})
    assert extra.sort_order == 3


def test_evidence_links_survive_deleting_and_restoring_the_entry(journal: Journal) -> None:
    ana = create_person(journal, data={"name": "Ana", "relationship": "mentor"})
    session = log_mentor_session(
        journal, data={"date": D(2025, 4, 1), "mentor_id": ana.id, "topics": "Path"}
    )
    ref = EvidenceRef(kind=EntryKind.MENTOR_SESSION, id=session.id)
    goal = link_evidence(journal, _goal(journal).id, entry=ref)
    goal = link_evidence(journal, goal.id, entry=ref)
    assert [(e.kind, e.title, e.date) for e in goal.evidence] == [
        (EntryKind.MENTOR_SESSION, "Session with Ana", D(2025, 4, 1))
    ]
    delete_entry(journal, EntryKind.MENTOR_SESSION, session.id)
    assert get_goal(journal, goal.id).evidence == []
    # An edit made while the entry is deleted doesn't drop the hidden link.
    update_goal(journal, goal.id, data={"target_role": "PMO analyst", "evidence": []})
    restore_entry(journal, EntryKind.MENTOR_SESSION, session.id)
    assert len(get_goal(journal, goal.id).evidence) == 1
    assert unlink_evidence(journal, goal.id, entry=ref).evidence == []


def test_delete_and_restore_keep_milestones(journal: Journal) -> None:
    goal = _goal(journal)
    later = create_goal(journal, data={"target_role": "Paused", "status": "paused"})
    delete_goal(journal, goal.id)
    assert [g.id for g in list_goals(journal)] == [later.id]
    with pytest.raises(NotFound):
        get_goal(journal, goal.id)
    restored = restore_goal(journal, goal.id)
    assert len(restored.milestones) == 3
    assert [g.id for g in list_goals(journal)] == [goal.id, later.id]
    assert [g.id for g in list_goals(journal, status=GoalStatus.PAUSED)] == [later.id]
