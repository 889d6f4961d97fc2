"""The PMO readiness checklist: what the journal proves, what is ticked by hand, the score."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from pmo_journal.core import clock
from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.models import EntryKind, HelperAssignment, MentorSession, Person
from pmo_journal.core.services.goals import create_goal
from pmo_journal.core.services.helper_assignments import log_helper_assignment
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.readiness import (
    PROOF_GOAL,
    PROOF_PERSON,
    readiness_checklist,
    readiness_config,
    set_readiness_mark,
)
from pmo_journal.core.services.reflections import log_skill_reflection
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.services.timeline import delete_entry
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import NotFound

TODAY = dt.date(2026, 5, 15)


def _items(journal: Journal) -> dict[str, object]:
    return {item.key: item for item in readiness_checklist(journal, today=TODAY).items}


def test_an_empty_journal_scores_zero_with_every_item_listed(journal: Journal) -> None:
    checklist = readiness_checklist(journal, today=TODAY)
    assert len(checklist.items) == len(readiness_config()["items"]) == 8
    assert checklist.score_percent == 0 and checklist.checked_count == 0
    titles = [item.title for item in checklist.items]
    assert "Met your mentor at least 6 times" in titles
    assert all("{" not in item.title + item.hint for item in checklist.items)


def test_items_are_proved_by_the_journal(journal: Journal) -> None:
    with clock.as_of(TODAY - dt.timedelta(days=200)):  # added to the journal before it all
        leader = create_person(
            journal, data={"name": "Lee", "relationship": "pmo_leader", "other_department": True}
        )
        ana = create_person(journal, data={"name": "Ana", "relationship": "mentor"})
    items = _items(journal)
    assert items["found_mentor"].proofs[0].kind == PROOF_PERSON  # type: ignore[attr-defined]
    sessions = [
        log_mentor_session(
            journal,
            data={"date": TODAY - dt.timedelta(days=30 * n), "mentor_id": ana.id, "topics": "t"},
        )
        for n in range(6)
    ]
    kinds = ["minutes", "shadowing", "minutes", "metrics_analysis"]
    assignments = [
        log_helper_assignment(
            journal,
            data={
                "title": f"Helping {n}",
                "kind": kind,
                "leader_id": leader.id,
                "start_date": TODAY - dt.timedelta(days=n),
                "status": "done" if n < 3 else "in_progress",
            },
        )
        for n, kind in enumerate(kinds)
    ]
    items = _items(journal)
    held = items["held_mentor_sessions"]
    assert held.checked and held.proofs[0].id == sessions[0].id  # type: ignore[attr-defined]
    found = items["found_mentor"].proofs[0]  # type: ignore[attr-defined]
    assert (found.kind, found.id) == (EntryKind.MENTOR_SESSION.value, sessions[-1].id)
    # Only two kinds are done so far (the metrics analysis is still in progress).
    assert not items["helper_assignment_kinds"].checked  # type: ignore[attr-defined]
    assert "Shadowing, Taking minutes" in items["helper_assignment_kinds"].hint  # type: ignore[attr-defined]
    leader_proof = items["talked_with_pmo_leader"].proofs[0]  # type: ignore[attr-defined]
    assert (leader_proof.kind, leader_proof.id) == ("helper_assignment", assignments[0].id)
    assert items["cross_department_relationship"].checked  # type: ignore[attr-defined]
    log_helper_assignment(
        journal,
        data={
            "title": "Analyse",
            "kind": "metrics_analysis",
            "start_date": TODAY,
            "status": "done",
        },
    )
    assert _items(journal)["helper_assignment_kinds"].checked  # type: ignore[attr-defined]
    # Deleting an entry withdraws the proof.
    delete_entry(journal, EntryKind.MENTOR_SESSION, sessions[0].id)
    assert not _items(journal)["held_mentor_sessions"].checked  # type: ignore[attr-defined]


def test_every_power_skill_needs_a_reflection_in_the_last_three_months(journal: Journal) -> None:
    skills = list_skills(journal)
    for skill in skills[1:]:
        log_skill_reflection(
            journal,
            data={
                "date": TODAY - dt.timedelta(days=20),
                "skill_id": skill.id,
                "rating": 3,
                "situation": "Ran the review",
            },
        )
    # The first skill's only reflection is older than three months (15 Feb is the edge).
    log_skill_reflection(
        journal,
        data={
            "date": dt.date(2026, 2, 14),
            "skill_id": skills[0].id,
            "rating": 2,
            "situation": "Long ago",
        },
    )
    item = _items(journal)["reflected_on_power_skills"]
    assert not item.checked and item.hint == f"Still to reflect on: {skills[0].name}."  # type: ignore[attr-defined]
    log_skill_reflection(
        journal,
        data={
            "date": dt.date(2026, 2, 15),
            "skill_id": skills[0].id,
            "rating": 3,
            "situation": "Just in time",
        },
    )
    item = _items(journal)["reflected_on_power_skills"]
    assert item.checked and len(item.proofs) == len(skills)  # type: ignore[attr-defined]


def test_choosing_a_path_and_manual_marks_raise_the_score(journal: Journal) -> None:
    with clock.as_of(TODAY):
        create_goal(journal, data={"target_role": "Old idea", "status": "dropped"})
    assert not _items(journal)["chose_path"].checked  # type: ignore[attr-defined]
    with clock.as_of(TODAY):
        goal = create_goal(journal, data={"target_role": "PMO analyst", "path": "delivery_route"})
    proof = _items(journal)["chose_path"].proofs[0]  # type: ignore[attr-defined]
    assert (proof.kind, proof.id) == (PROOF_GOAL, goal.id)
    assert "Delivery route" in proof.label
    checklist = set_readiness_mark(journal, "expressed_interest", checked=True, today=TODAY)
    interest = next(i for i in checklist.items if i.key == "expressed_interest")
    assert interest.marked and interest.marked_on == TODAY and not interest.proved
    assert checklist.checked_count == 2 and checklist.score_percent == 25
    set_readiness_mark(journal, "talked_with_pmo_leader", checked=True, today=TODAY)
    assert readiness_checklist(journal, today=TODAY).score_percent == 38
    checklist = set_readiness_mark(journal, "expressed_interest", checked=False, today=TODAY)
    assert checklist.checked_count == 2
    with pytest.raises(NotFound):
        set_readiness_mark(journal, "made_up", checked=True)


def test_the_checklist_as_of_a_day_leaves_out_later_ticks_and_goals(journal: Journal) -> None:
    set_readiness_mark(journal, "expressed_interest", checked=True, today=TODAY)
    with clock.as_of(TODAY):
        create_goal(journal, data={"target_role": "PMO analyst"})
    before = {
        item.key: item.checked
        for item in readiness_checklist(journal, today=TODAY - dt.timedelta(days=1)).items
    }
    assert not before["expressed_interest"] and not before["chose_path"]
    on = {item.key: item.checked for item in readiness_checklist(journal, today=TODAY).items}
    assert on["expressed_interest"] and on["chose_path"]


def test_private_entries_count_on_screen_but_not_in_what_leaves(journal: Journal) -> None:
    leader = create_person(journal, data={"name": "Lee", "relationship": "pmo_leader"})
    log_mentor_session(
        journal,
        data={"date": TODAY, "mentor_id": leader.id, "topics": "Confidential", "private": True},
    )
    shown = _items(journal)["talked_with_pmo_leader"]
    assert shown.proved and shown.proofs[0].private  # type: ignore[attr-defined]
    printed = readiness_checklist(journal, today=TODAY, include_private=False)
    item = next(i for i in printed.items if i.key == "talked_with_pmo_leader")
    # What leaves the journal counts through the disclosure rule: a private session alone
    # does not tick the item (issue #11).
    assert not item.checked and not item.proved and item.proofs == ()
    assert printed.score_percent < readiness_checklist(journal, today=TODAY).score_percent


def test_proofs_read_in_sql_are_the_ones_the_rows_give(tmp_path: Path) -> None:
    """The checklist reads counts and a few proofs in SQL; loading every row as an object
    and sorting in Python gives the same answers."""
    path = tmp_path / "demo.db"
    build_demo_journal(path, years=3, today=TODAY)
    with Journal.open(path) as journal:
        items = {item.key: item for item in readiness_checklist(journal, today=TODAY).items}
        with journal.session() as session:
            leaders = {p.id for p in session.exec(select(Person)) if p.relationship == "pmo_leader"}
            sessions = sorted(
                (s for s in session.exec(select(MentorSession)) if s.deleted_at is None),
                key=lambda s: (s.date, s.id),
            )
            assignments = [
                a for a in session.exec(select(HelperAssignment)) if a.deleted_at is None
            ]
    sessions = [s for s in sessions if s.date <= TODAY]
    assignments = [a for a in assignments if a.start_date <= TODAY]
    needed = readiness_config()["min_mentor_sessions"]
    held = items["held_mentor_sessions"]
    assert f"{len(sessions)} so far" in held.hint
    assert [p.id for p in held.proofs] == [sessions[needed - 1].id]

    done = sorted(
        (a for a in assignments if a.status == "done"),
        key=lambda a: (-a.start_date.toordinal(), a.id),
    )
    latest: dict[str, int | None] = {}
    for assignment in done:
        latest.setdefault(assignment.kind, assignment.id)
    helper = items["helper_assignment_kinds"].proofs
    assert {p.id for p in helper} == set(latest.values())
    assert [p.date for p in helper] == sorted((p.date for p in helper), reverse=True)

    newest_first = sorted(
        [(-s.date.toordinal(), 0, s.id) for s in sessions if s.mentor_id in leaders]
        + [(-a.start_date.toordinal(), 1, a.id) for a in assignments if a.leader_id in leaders]
    )
    kinds = (EntryKind.MENTOR_SESSION.value, EntryKind.HELPER_ASSIGNMENT.value)
    expected = [(kinds[kind], entry_id) for _day, kind, entry_id in newest_first[:3]]
    assert [(p.kind, p.id) for p in items["talked_with_pmo_leader"].proofs] == expected
