"""Mentor sessions: logging, editing, reading and listing them (their action items live in
:mod:`pmo_journal.core.services.action_items`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session, col, select

from pmo_journal.core.models import (
    ActionItem,
    ActionItemCreate,
    MentorSession,
    MentorSessionCreate,
    MentorSessionRead,
    MentorSessionSkillLink,
    MentorSessionUpdate,
    Person,
    Skill,
    utcnow,
)
from pmo_journal.core.services.action_items import action_item_reads
from pmo_journal.core.services.rows import get_row, grouped, person_names, rows_in
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, validated


def _get(session: Session, session_id: int) -> MentorSession:
    return get_row(session, MentorSession, session_id, noun="mentor session", deleted=False)


def _check_refs(session: Session, mentor_id: int, skill_ids: list[int]) -> None:
    if session.get(Person, mentor_id) is None:
        raise EntryInvalid({"mentor_id": "Choose the mentor you met."})
    for skill_id in skill_ids:
        if session.get(Skill, skill_id) is None:
            raise EntryInvalid({"skill_ids": f"There is no skill with id {skill_id}."})


def _set_skills(session: Session, session_id: int, skill_ids: list[int]) -> None:
    for link in session.exec(
        select(MentorSessionSkillLink).where(MentorSessionSkillLink.session_id == session_id)
    ):
        session.delete(link)
    session.flush()
    for skill_id in dict.fromkeys(skill_ids):
        session.add(MentorSessionSkillLink(session_id=session_id, skill_id=skill_id))


def mentor_session_read(session: Session, row: MentorSession) -> MentorSessionRead:
    return mentor_session_reads(session, [row])[0]


def mentor_session_reads(
    session: Session, rows: Sequence[MentorSession]
) -> list[MentorSessionRead]:
    """``rows`` as read, in their order, with a few queries for all of them (mentors'
    names, skills, action items and their carries), however many rows there are."""
    ids = [row.id for row in rows if row.id is not None]
    mentors = person_names(session, {row.mentor_id for row in rows})
    skills = grouped(
        rows_in(
            session,
            ids,
            lambda chunk: (
                select(col(MentorSessionSkillLink.session_id), col(Skill.id), col(Skill.name))
                .join(MentorSessionSkillLink, col(MentorSessionSkillLink.skill_id) == col(Skill.id))
                .where(col(MentorSessionSkillLink.session_id).in_(chunk))
                .order_by(col(Skill.sort_order), col(Skill.id))
            ),
        )
    )
    items = rows_in(
        session,
        ids,
        lambda chunk: (
            select(ActionItem)
            .where(col(ActionItem.session_id).in_(chunk))
            .order_by(col(ActionItem.id))
        ),
    )
    by_id = {row.id: row for row in rows if row.id is not None}
    item_reads = grouped(
        [(read.session_id, read) for read in action_item_reads(session, items, origins=by_id)]
    )
    reads = []
    for row in rows:
        assert row.id is not None
        row_skills = skills.get(row.id, [])
        reads.append(
            MentorSessionRead.model_validate(
                {
                    **row.model_dump(warnings=False),
                    "mentor_name": mentors.get(row.mentor_id, ""),
                    "skill_ids": [skill_id for skill_id, _name in row_skills],
                    "skill_names": [name for _id, name in row_skills],
                    "action_items": item_reads.get(row.id, []),
                }
            )
        )
    return reads


def log_mentor_session(
    journal: Journal, *, data: MentorSessionCreate | dict[str, object]
) -> MentorSessionRead:
    checked = validated(MentorSessionCreate, data)
    with journal.session() as session:
        _check_refs(session, checked.mentor_id, checked.skill_ids)
        row = MentorSession.model_validate(
            checked.model_dump(exclude={"skill_ids", "new_action_items"})
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        _set_skills(session, row.id, checked.skill_ids)
        for item in checked.new_action_items:
            session.add(ActionItem(session_id=row.id, text=item.text, due_date=item.due_date))
        session.flush()
        return mentor_session_read(session, row)


def update_mentor_session(
    journal: Journal,
    session_id: int,
    *,
    data: MentorSessionUpdate | dict[str, object],
    new_action_items: Sequence[ActionItemCreate | dict[str, object]] = (),
) -> MentorSessionRead:
    """Save the edited session and any action items added to it, in one transaction."""
    checked = validated(MentorSessionUpdate, data)
    items = [validated(ActionItemCreate, item) for item in new_action_items]
    with journal.session() as session:
        row = _get(session, session_id)
        _check_refs(session, checked.mentor_id, checked.skill_ids)
        row.sqlmodel_update(checked.model_dump(exclude={"skill_ids"}))
        row.updated_at = utcnow()
        session.add(row)
        _set_skills(session, session_id, checked.skill_ids)
        for item in items:
            session.add(ActionItem(session_id=session_id, text=item.text, due_date=item.due_date))
        session.flush()
        return mentor_session_read(session, row)


def get_mentor_session(journal: Journal, session_id: int) -> MentorSessionRead:
    with journal.session() as session:
        return mentor_session_read(session, _get(session, session_id))


def list_mentor_sessions(
    journal: Journal,
    *,
    mentor_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[MentorSessionRead]:
    """Live sessions, newest first; optionally one mentor's, dated in ``since..until``
    (inclusive). What may be printed is the disclosure rule's call, not this listing's."""
    with journal.session() as session:
        query = select(MentorSession).where(MentorSession.deleted_at == None)  # noqa: E711
        if mentor_id is not None:
            query = query.where(MentorSession.mentor_id == mentor_id)
        if since is not None:
            query = query.where(MentorSession.date >= since)
        if until is not None:
            query = query.where(MentorSession.date <= until)
        rows = session.exec(query.order_by(col(MentorSession.date).desc())).all()
        return mentor_session_reads(session, rows)
