"""A journal with a row in every table, for export, import and migration tests."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from pmo_journal.core.models import (
    ActionItemCarry,
    CareerGoal,
    CertificationCycle,
    GoalEvidence,
    JournalSetting,
    Milestone,
    PduCategory,
    PduClaim,
    Person,
    ReadinessMark,
)
from pmo_journal.core.services import (
    action_items,
    helper_assignments,
    mentor_sessions,
    people,
    reflections,
    skills,
    timeline,
)
from pmo_journal.core.storage.db import Journal


def fill_every_table(journal: Journal) -> None:
    """People, all entry kinds (one private, one in the bin), goals, PDUs and settings."""
    mentor = people.create_person(
        journal, data={"name": "Ada Mentor", "relationship": "mentor", "notes": "Zürich — 日本"}
    )
    secret = people.create_person(journal, data={"name": "Quiet Mentor", "relationship": "mentor"})
    leader = people.create_person(
        journal, data={"name": "Lin Leader", "relationship": "pmo_leader"}
    )
    skill_ids = [s.id for s in skills.list_skills(journal)]
    extra = skills.add_skill(journal, data={"name": "Facilitation", "description": "Workshops"})
    first = mentor_sessions.log_mentor_session(
        journal,
        data={
            "date": dt.date(2026, 3, 2),
            "mentor_id": mentor.id,
            "topics": 'Intake funnel, "value" over scope\nline two',
            "decisions": "=SUM(A1) stays text",
            "skill_ids": [skill_ids[0], extra.id],
            "new_action_items": [
                {"text": "Draft the intake form", "due_date": dt.date(2026, 3, 20)}
            ],
            "starred": True,
        },
    )
    second = mentor_sessions.log_mentor_session(
        journal,
        data={"date": dt.date(2026, 4, 6), "mentor_id": mentor.id, "takeaways": "Talk in value"},
    )
    mentor_sessions.log_mentor_session(
        journal,
        data={"date": dt.date(2026, 4, 9), "mentor_id": secret.id, "topics": "Secret plans"},
    )
    action_items.set_action_item_done(
        journal, first.action_items[0].id, done_on=dt.date(2026, 4, 7)
    )
    assignment = helper_assignments.log_helper_assignment(
        journal,
        data={
            "title": "Minutes of the portfolio board",
            "kind": "minutes",
            "leader_id": leader.id,
            "start_date": dt.date(2026, 2, 10),
            "hours": 3.25,
            "skill_ids": [skill_ids[1]],
        },
    )
    reflection = reflections.log_skill_reflection(
        journal,
        data={"date": dt.date(2026, 3, 5), "skill_id": skill_ids[0], "rating": 3, "result": "ok"},
    )
    reflections.log_skill_reflection(
        journal,
        data={
            "date": dt.date(2026, 3, 6),
            "skill_id": skill_ids[1],
            "rating": 2,
            "learned": "Private thoughts",
            "private": True,
        },
    )
    binned = reflections.log_skill_reflection(
        journal,
        data={"date": dt.date(2026, 1, 6), "skill_id": skill_ids[2], "rating": 1, "action": "x"},
    )
    timeline.delete_entry(journal, timeline.EntryKind.SKILL_REFLECTION, binned.id)
    skills.set_target_level(journal, skill_ids[0], level=4)
    with journal.session() as session:
        hidden = session.get(Person, secret.id)
        assert hidden is not None
        hidden.private = True
        session.add(hidden)
        session.add(
            ActionItemCarry(
                action_item_id=first.action_items[0].id,
                session_id=second.id,
                carried_on=dt.date(2026, 4, 6),
            )
        )
        goal = CareerGoal(target_role="PMO lead", path="delivery_route", why="Strategy")
        session.add(goal)
        session.flush()
        assert goal.id is not None
        session.add(Milestone(goal_id=goal.id, title="Run the intake board", sort_order=1))
        session.add(GoalEvidence(goal_id=goal.id, entry_kind="mentor_session", entry_id=first.id))
        session.add(
            GoalEvidence(goal_id=goal.id, entry_kind="skill_reflection", entry_id=reflection.id)
        )
        session.add(
            ReadinessMark(key="pmo-leader-met", checked=True, checked_on=dt.date(2026, 1, 9))
        )
        session.add(
            CertificationCycle(
                start_date=dt.date(2025, 6, 1), end_date=dt.date(2028, 5, 31), current=True
            )
        )
        session.add(
            PduClaim(
                date=dt.date(2026, 2, 10),
                category=PduCategory.GIVING_BACK,
                activity="volunteer",
                giving_back_hours=3.25,
                source_kind="helper_assignment",
                source_id=assignment.id,
            )
        )
        session.add(JournalSetting(key="report.paper", value="a4"))


def dump(path: Path) -> str:
    """Every row and schema statement of a journal file, for before/after comparisons.

    Without the journal's note of whether it is open: that is the journal's book-keeping,
    and a killed command leaves it saying "open" (which is what it is for).
    """
    connection = sqlite3.connect(path)
    try:
        return "\n".join(line for line in connection.iterdump() if "'journal.open'" not in line)
    finally:
        connection.close()


# Book-keeping that is not the journal's content: drafts, the schema revision, sync's
# own tables and the search index's shadow tables (the index is checked by searching).
SKIPPED = ("editordraft", "alembic_version", "sync_", "entry_fts", "sqlite_")


def journal_state(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every content table; of a table that keeps deleted rows, the live ones."""
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith(SKIPPED)
        ]
        state = {}
        for name in sorted(names):
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')]
            live = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
            rows = connection.execute(f'SELECT * FROM "{name}"{live} ORDER BY 1, 2').fetchall()
            state[name] = sorted(rows, key=repr)
        return state
    finally:
        connection.close()
