"""Hand-built journal content for tests and benchmarks, written through the real services."""

from __future__ import annotations

import datetime as dt
import random

from pmo_journal.core.db import Journal
from pmo_journal.core.models import AssignmentKind, AssignmentStatus, Relationship
from pmo_journal.core.services import helper_assignments, mentor_sessions, people, reflections
from pmo_journal.core.services.skills import list_skills


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


SITUATIONS = [
    "Brought finance and delivery together to agree the quarterly portfolio review.",
    "Challenged a new project request against the strategy map before it entered the funnel.",
    "Presented the benefits dashboard to the COO in terms of business value.",
    "Ran a lunch-and-learn on estimation for the junior project managers.",
    "Facilitated the community of practice retrospective across three departments.",
    "Wrote a one-page options paper on stopping a low-value project.",
]


def grow_journal(journal: Journal, *, years: int, today: dt.date, seed: int = 7) -> None:
    """A realistic journal covering ``years`` years up to ``today``: monthly mentoring,
    a reflection on some skill every ten days or so, and a helper assignment most months."""
    rng = random.Random(seed)
    ids = list(skill_ids(journal).values())
    mentor_id = mentor(journal, "Dana Whitfield")
    start = today - dt.timedelta(days=365 * years)
    level = dict.fromkeys(ids, 1.6)
    # Ratings per skill: one every ten days or so, shared among the skills.
    step = min(3.0, 1.0 + 0.25 * years) / (36.5 * years / len(ids))
    day = start
    while day <= today:
        skill = rng.choice(ids)
        level[skill] = min(4.8, level[skill] + rng.uniform(-0.5, 2.5) * step)
        rating = max(1, min(5, round(level[skill] + rng.uniform(-0.6, 0.6))))
        reflect(journal, skill, day, rating, situation=rng.choice(SITUATIONS))
        day += dt.timedelta(days=rng.randint(6, 14))
    day = start
    while day <= today:
        meet(journal, mentor_id, day, skills=rng.sample(ids, 2), actions=["Draft the RAID log"])
        if rng.random() < 0.7:
            kind = rng.choice(list(AssignmentKind))
            when = min(today, day + dt.timedelta(days=5))
            hours = rng.choice([2, 3, 4, 6, 8])
            assist(journal, when, hours, kind=kind, skills=[rng.choice(ids)])
        day += dt.timedelta(days=rng.randint(24, 40))
