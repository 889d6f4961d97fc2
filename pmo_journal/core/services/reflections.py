"""Skill reflections: a dated self-rating with the evidence behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session, col, select

from pmo_journal.core.models import (
    Skill,
    SkillReflection,
    SkillReflectionCreate,
    SkillReflectionRead,
    SkillReflectionUpdate,
    utcnow,
)
from pmo_journal.core.services.rows import get_row, skill_names
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, validated


def _get(session: Session, reflection_id: int) -> SkillReflection:
    return get_row(session, SkillReflection, reflection_id, noun="skill reflection", deleted=False)


def _skill(session: Session, skill_id: int) -> Skill:
    skill = session.get(Skill, skill_id)
    if skill is None:
        raise EntryInvalid({"skill_id": "Choose the skill you are reflecting on."})
    return skill


def reflection_read(session: Session, row: SkillReflection) -> SkillReflectionRead:
    return reflection_reads(session, [row])[0]


def reflection_reads(
    session: Session, rows: Sequence[SkillReflection]
) -> list[SkillReflectionRead]:
    """``rows`` as read, in their order: one query (the skills' names) for all."""
    names = skill_names(session, {row.skill_id for row in rows})
    return [
        SkillReflectionRead.model_validate(
            {**row.model_dump(warnings=False), "skill_name": names.get(row.skill_id, "")}
        )
        for row in rows
    ]


def log_skill_reflection(
    journal: Journal, *, data: SkillReflectionCreate | dict[str, object]
) -> SkillReflectionRead:
    checked = validated(SkillReflectionCreate, data)
    with journal.session() as session:
        _skill(session, checked.skill_id)
        row = SkillReflection.model_validate(checked.model_dump())
        session.add(row)
        session.flush()
        return reflection_read(session, row)


def update_skill_reflection(
    journal: Journal, reflection_id: int, *, data: SkillReflectionUpdate | dict[str, object]
) -> SkillReflectionRead:
    checked = validated(SkillReflectionUpdate, data)
    with journal.session() as session:
        row = _get(session, reflection_id)
        _skill(session, checked.skill_id)
        row.sqlmodel_update(checked.model_dump())
        row.updated_at = utcnow()
        session.add(row)
        session.flush()
        return reflection_read(session, row)


def get_skill_reflection(journal: Journal, reflection_id: int) -> SkillReflectionRead:
    with journal.session() as session:
        return reflection_read(session, _get(session, reflection_id))


def list_skill_reflections(
    journal: Journal,
    *,
    skill_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[SkillReflectionRead]:
    """Live reflections, oldest first; optionally one skill's, dated in ``since..until``
    (inclusive)."""
    with journal.session() as session:
        query = select(SkillReflection).where(SkillReflection.deleted_at == None)  # noqa: E711
        if skill_id is not None:
            query = query.where(SkillReflection.skill_id == skill_id)
        if since is not None:
            query = query.where(SkillReflection.date >= since)
        if until is not None:
            query = query.where(SkillReflection.date <= until)
        rows = session.exec(query.order_by(col(SkillReflection.date))).all()
        return reflection_reads(session, rows)
