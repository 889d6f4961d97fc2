"""Hand-built journal content for tests and benchmarks, written through the real services."""

from __future__ import annotations

import datetime as dt

from pmo_journal.core.models import AssignmentKind, AssignmentStatus, Relationship
from pmo_journal.core.services import helper_assignments, mentor_sessions, people, reflections
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage.db import Journal


def skill_ids(journal: Journal) -> dict[str, int]:
    """Skill ids by name."""
    return {skill.name: skill.id for skill in list_skills(journal)}


def mentor(journal: Journal, name: str = "Dana Mentor", *, cadence_days: int = 30) -> int:
    person = people.create_person(
        journal,
        data={"name": name, "relationship": Relationship.MENTOR, "cadence_days": cadence_days},
    )
    return person.id


def reflect(
    journal: Journal,
    skill_id: int,
    day: dt.date,
    rating: int,
    *,
    situation: str = "Ran the portfolio review.",
    private: bool = False,
) -> int:
    return reflections.log_skill_reflection(
        journal,
        data={
            "date": day,
            "skill_id": skill_id,
            "rating": rating,
            "situation": situation,
            "private": private,
        },
    ).id


def meet(
    journal: Journal,
    mentor_id: int,
    day: dt.date,
    *,
    skills: list[int] | None = None,
    next_session: dt.date | None = None,
    actions: list[str] | None = None,
    private: bool = False,
) -> int:
    return mentor_sessions.log_mentor_session(
        journal,
        data={
            "date": day,
            "mentor_id": mentor_id,
            "topics": "Stakeholder map for the PMO",
            "skill_ids": skills or [],
            "next_session_date": next_session,
            "new_action_items": [{"text": text} for text in actions or []],
            "private": private,
        },
    ).id


def assist(
    journal: Journal,
    day: dt.date,
    hours: float,
    *,
    kind: AssignmentKind = AssignmentKind.MINUTES,
    skills: list[int] | None = None,
    status: AssignmentStatus = AssignmentStatus.DONE,
    private: bool = False,
) -> int:
    return helper_assignments.log_helper_assignment(
        journal,
        data={
            "title": f"{kind.label} for the PMO",
            "kind": kind,
            "start_date": day,
            "hours": hours,
            "status": status,
            "skill_ids": skills or [],
            "private": private,
        },
    ).id
