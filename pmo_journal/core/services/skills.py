"""The skill catalogue: list, add, rename, archive, targets."""

from __future__ import annotations

import json

from sqlmodel import Session, col, func, select

from pmo_journal.core.models import (
    NAME_MAX,
    HelperAssignmentSkillLink,
    MentorSessionSkillLink,
    Skill,
    SkillCreate,
    SkillRead,
    SkillReflection,
    utcnow,
)
from pmo_journal.core.services.rows import get_row
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, JournalError, validated


def skill_read(skill: Skill) -> SkillRead:
    assert skill.id is not None
    return SkillRead(
        id=skill.id,
        uuid=skill.uuid,
        name=skill.name,
        description=skill.description,
        descriptors=json.loads(skill.descriptors_json or "[]"),
        headline=skill.headline,
        sort_order=skill.sort_order,
        archived=skill.archived,
        target_level=skill.target_level,
    )


def _get(session: Session, skill_id: int) -> Skill:
    return get_row(session, Skill, skill_id, noun="skill")


def _ensure_unique(session: Session, name: str, *, except_id: int | None = None) -> None:
    clash = session.exec(select(Skill).where(func.lower(Skill.name) == name.lower())).first()
    if clash is not None and clash.id != except_id:
        raise EntryInvalid({"name": f"There is already a skill called “{clash.name}”."})


def list_skills(journal: Journal, *, include_archived: bool = False) -> list[SkillRead]:
    with journal.session() as session:
        query = select(Skill).order_by(col(Skill.sort_order), col(Skill.name))
        if not include_archived:
            query = query.where(Skill.archived == False)  # noqa: E712
        return [skill_read(skill) for skill in session.exec(query)]


def get_skill(journal: Journal, skill_id: int) -> SkillRead:
    with journal.session() as session:
        return skill_read(_get(session, skill_id))


def add_skill(journal: Journal, *, data: SkillCreate | dict[str, object]) -> SkillRead:
    checked = validated(SkillCreate, data)
    with journal.session() as session:
        _ensure_unique(session, checked.name)
        last = session.exec(select(func.max(Skill.sort_order))).one() or 0
        skill = Skill(
            name=checked.name,
            description=checked.description,
            descriptors_json=json.dumps(checked.descriptors),
            sort_order=last + 1,
        )
        session.add(skill)
        session.flush()
        return skill_read(skill)


def rename_skill(journal: Journal, skill_id: int, *, name: str) -> SkillRead:
    name = name.strip()
    if not name:
        raise EntryInvalid({"name": "Name is required."})
    if len(name) > NAME_MAX:
        raise EntryInvalid({"name": f"Name is too long (at most {NAME_MAX} characters)."})
    with journal.session() as session:
        skill = _get(session, skill_id)
        _ensure_unique(session, name, except_id=skill_id)
        skill.name = name
        skill.updated_at = utcnow()
        session.add(skill)
        return skill_read(skill)


def set_skill_archived(journal: Journal, skill_id: int, *, archived: bool) -> SkillRead:
    with journal.session() as session:
        skill = _get(session, skill_id)
        skill.archived = archived
        skill.updated_at = utcnow()
        session.add(skill)
        return skill_read(skill)


def set_target_level(journal: Journal, skill_id: int, *, level: int | None) -> SkillRead:
    if level is not None and not 1 <= level <= 5:
        raise EntryInvalid({"target_level": "A target level is from 1 to 5."})
    with journal.session() as session:
        skill = _get(session, skill_id)
        skill.target_level = level
        skill.updated_at = utcnow()
        session.add(skill)
        return skill_read(skill)


def skill_history_count(session: Session, skill_id: int) -> int:
    counts = [
        session.exec(
            select(func.count())
            .select_from(SkillReflection)
            .where(SkillReflection.skill_id == skill_id)
        ).one(),
        session.exec(
            select(func.count())
            .select_from(MentorSessionSkillLink)
            .where(MentorSessionSkillLink.skill_id == skill_id)
        ).one(),
        session.exec(
            select(func.count())
            .select_from(HelperAssignmentSkillLink)
            .where(HelperAssignmentSkillLink.skill_id == skill_id)
        ).one(),
    ]
    return int(sum(counts))


def delete_skill(journal: Journal, skill_id: int) -> None:
    """Delete a skill nobody has used yet; a skill with history can only be archived."""
    with journal.session() as session:
        skill = _get(session, skill_id)
        used = skill_history_count(session, skill_id)
        if used:
            raise JournalError(
                f"“{skill.name}” has {used} journal entries behind it, so it can't be deleted; "
                "archive it instead."
            )
        session.delete(skill)
