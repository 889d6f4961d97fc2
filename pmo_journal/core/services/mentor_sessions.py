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
from pmo_journal.core.services.action_items import action_item_read
from pmo_journal.core.services.rows import get_row
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
    assert row.id is not None
    mentor = session.get(Person, row.mentor_id)
    skills = session.exec(
        select(Skill)
        .join(MentorSessionSkillLink, col(MentorSessionSkillLink.skill_id) == col(Skill.id))
        .where(MentorSessionSkillLink.session_id == row.id)
        .order_by(col(Skill.sort_order))
    ).all()
    items = session.exec(
        select(ActionItem).where(ActionItem.session_id == row.id).order_by(col(ActionItem.id))
    ).all()
    return MentorSessionRead.model_validate(
        {
            **row.model_dump(warnings=False),
            "mentor_name": mentor.name if mentor else "",
            "skill_ids": [s.id for s in skills],
            "skill_names": [s.name for s in skills],
            "action_items": [action_item_read(session, item) for item in items],
        }
    )


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
        return [mentor_session_read(session, row) for row in rows]
