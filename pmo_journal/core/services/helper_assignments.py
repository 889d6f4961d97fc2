"""PMO helper assignments: the work the user volunteers for the PMO."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session, col, select

from pmo_journal.core.models import (
    HelperAssignment,
    HelperAssignmentCreate,
    HelperAssignmentRead,
    HelperAssignmentSkillLink,
    HelperAssignmentUpdate,
    Person,
    Skill,
    utcnow,
)
from pmo_journal.core.services.rows import get_row, grouped, person_names, rows_in
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, validated


def _get(session: Session, assignment_id: int) -> HelperAssignment:
    return get_row(
        session, HelperAssignment, assignment_id, noun="helper assignment", deleted=False
    )


def _check_refs(session: Session, leader_id: int | None, skill_ids: list[int]) -> None:
    if leader_id is not None and session.get(Person, leader_id) is None:
        raise EntryInvalid({"leader_id": "Choose the PMO leader who asked, or leave it empty."})
    for skill_id in skill_ids:
        if session.get(Skill, skill_id) is None:
            raise EntryInvalid({"skill_ids": f"There is no skill with id {skill_id}."})


def _set_skills(session: Session, assignment_id: int, skill_ids: list[int]) -> None:
    for link in session.exec(
        select(HelperAssignmentSkillLink).where(
            HelperAssignmentSkillLink.assignment_id == assignment_id
        )
    ):
        session.delete(link)
    session.flush()
    for skill_id in dict.fromkeys(skill_ids):
        session.add(HelperAssignmentSkillLink(assignment_id=assignment_id, skill_id=skill_id))


def helper_assignment_read(session: Session, row: HelperAssignment) -> HelperAssignmentRead:
    return helper_assignment_reads(session, [row])[0]


def helper_assignment_reads(
    session: Session, rows: Sequence[HelperAssignment]
) -> list[HelperAssignmentRead]:
    """``rows`` as read, in their order: two queries (leaders' names, skills) for all."""
    leaders = person_names(session, {row.leader_id for row in rows if row.leader_id})
    skills = grouped(
        rows_in(
            session,
            (row.id for row in rows if row.id is not None),
            lambda chunk: (
                select(col(HelperAssignmentSkillLink.assignment_id), col(Skill.id), col(Skill.name))
                .join(
                    HelperAssignmentSkillLink,
                    col(HelperAssignmentSkillLink.skill_id) == col(Skill.id),
                )
                .where(col(HelperAssignmentSkillLink.assignment_id).in_(chunk))
                .order_by(col(Skill.sort_order), col(Skill.id))
            ),
        )
    )
    reads = []
    for row in rows:
        assert row.id is not None
        row_skills = skills.get(row.id, [])
        reads.append(
            HelperAssignmentRead.model_validate(
                {
                    **row.model_dump(warnings=False),
                    "leader_name": leaders.get(row.leader_id) if row.leader_id else None,
                    "skill_ids": [skill_id for skill_id, _name in row_skills],
                    "skill_names": [name for _id, name in row_skills],
                }
            )
        )
    return reads


def log_helper_assignment(
    journal: Journal, *, data: HelperAssignmentCreate | dict[str, object]
) -> HelperAssignmentRead:
    checked = validated(HelperAssignmentCreate, data)
    with journal.session() as session:
        _check_refs(session, checked.leader_id, checked.skill_ids)
        row = HelperAssignment.model_validate(checked.model_dump(exclude={"skill_ids"}))
        session.add(row)
        session.flush()
        assert row.id is not None
        _set_skills(session, row.id, checked.skill_ids)
        session.flush()
        return helper_assignment_read(session, row)


def update_helper_assignment(
    journal: Journal, assignment_id: int, *, data: HelperAssignmentUpdate | dict[str, object]
) -> HelperAssignmentRead:
    checked = validated(HelperAssignmentUpdate, data)
    with journal.session() as session:
        row = _get(session, assignment_id)
        _check_refs(session, checked.leader_id, checked.skill_ids)
        row.sqlmodel_update(checked.model_dump(exclude={"skill_ids"}))
        row.updated_at = utcnow()
        session.add(row)
        _set_skills(session, assignment_id, checked.skill_ids)
        session.flush()
        return helper_assignment_read(session, row)


def get_helper_assignment(journal: Journal, assignment_id: int) -> HelperAssignmentRead:
    with journal.session() as session:
        return helper_assignment_read(session, _get(session, assignment_id))


def list_helper_assignments(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[HelperAssignmentRead]:
    """Live assignments, newest start first; optionally those started in ``since..until``
    (inclusive)."""
    with journal.session() as session:
        query = select(HelperAssignment).where(HelperAssignment.deleted_at == None)  # noqa: E711
        if since is not None:
            query = query.where(HelperAssignment.start_date >= since)
        if until is not None:
            query = query.where(HelperAssignment.start_date <= until)
        rows = session.exec(query.order_by(col(HelperAssignment.start_date).desc())).all()
        return helper_assignment_reads(session, rows)
