"""Notes: a dated, titled piece of writing for everything the other kinds don't hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session, col, select

from pmo_journal.core.models import (
    Note,
    NoteCreate,
    NotePersonLink,
    NoteRead,
    NoteSkillLink,
    NoteUpdate,
    Person,
    Skill,
    utcnow,
)
from pmo_journal.core.services.rows import get_row, grouped, rows_in
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, validated


def _get(session: Session, note_id: int) -> Note:
    return get_row(session, Note, note_id, noun="note", deleted=False)


def _check_refs(session: Session, person_ids: list[int], skill_ids: list[int]) -> None:
    for person_id in person_ids:
        if session.get(Person, person_id) is None:
            raise EntryInvalid({"person_ids": f"There is no person with id {person_id}."})
    for skill_id in skill_ids:
        if session.get(Skill, skill_id) is None:
            raise EntryInvalid({"skill_ids": f"There is no skill with id {skill_id}."})


def _set_links(session: Session, note_id: int, person_ids: list[int], skill_ids: list[int]) -> None:
    for link in session.exec(select(NotePersonLink).where(NotePersonLink.note_id == note_id)):
        session.delete(link)
    for skill_link in session.exec(select(NoteSkillLink).where(NoteSkillLink.note_id == note_id)):
        session.delete(skill_link)
    session.flush()
    for person_id in dict.fromkeys(person_ids):
        session.add(NotePersonLink(note_id=note_id, person_id=person_id))
    for skill_id in dict.fromkeys(skill_ids):
        session.add(NoteSkillLink(note_id=note_id, skill_id=skill_id))


def note_read(session: Session, row: Note) -> NoteRead:
    return note_reads(session, [row])[0]


def note_reads(session: Session, rows: Sequence[Note]) -> list[NoteRead]:
    """``rows`` as read, in their order: two queries (people, skills) for all of them."""
    ids = [row.id for row in rows if row.id is not None]
    people = grouped(
        rows_in(
            session,
            ids,
            lambda chunk: (
                select(col(NotePersonLink.note_id), col(Person.id), col(Person.name))
                .join(NotePersonLink, col(NotePersonLink.person_id) == col(Person.id))
                .where(col(NotePersonLink.note_id).in_(chunk))
                .order_by(col(Person.name), col(Person.id))
            ),
        )
    )
    skills = grouped(
        rows_in(
            session,
            ids,
            lambda chunk: (
                select(col(NoteSkillLink.note_id), col(Skill.id), col(Skill.name))
                .join(NoteSkillLink, col(NoteSkillLink.skill_id) == col(Skill.id))
                .where(col(NoteSkillLink.note_id).in_(chunk))
                .order_by(col(Skill.sort_order), col(Skill.id))
            ),
        )
    )
    reads = []
    for row in rows:
        assert row.id is not None
        row_people, row_skills = people.get(row.id, []), skills.get(row.id, [])
        reads.append(
            NoteRead.model_validate(
                {
                    **row.model_dump(warnings=False),
                    "person_ids": [person_id for person_id, _name in row_people],
                    "person_names": [name for _id, name in row_people],
                    "skill_ids": [skill_id for skill_id, _name in row_skills],
                    "skill_names": [name for _id, name in row_skills],
                }
            )
        )
    return reads


def log_note(journal: Journal, *, data: NoteCreate | dict[str, object]) -> NoteRead:
    checked = validated(NoteCreate, data)
    with journal.session() as session:
        _check_refs(session, checked.person_ids, checked.skill_ids)
        row = Note.model_validate(checked.model_dump(exclude={"person_ids", "skill_ids"}))
        session.add(row)
        session.flush()
        assert row.id is not None
        _set_links(session, row.id, checked.person_ids, checked.skill_ids)
        session.flush()
        return note_read(session, row)


def update_note(
    journal: Journal, note_id: int, *, data: NoteUpdate | dict[str, object]
) -> NoteRead:
    checked = validated(NoteUpdate, data)
    with journal.session() as session:
        row = _get(session, note_id)
        _check_refs(session, checked.person_ids, checked.skill_ids)
        row.sqlmodel_update(checked.model_dump(exclude={"person_ids", "skill_ids"}))
        row.updated_at = utcnow()
        session.add(row)
        _set_links(session, note_id, checked.person_ids, checked.skill_ids)
        session.flush()
        return note_read(session, row)


def get_note(journal: Journal, note_id: int) -> NoteRead:
    with journal.session() as session:
        return note_read(session, _get(session, note_id))


def list_notes(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
) -> list[NoteRead]:
    """Live notes, newest first; optionally those dated ``since..until`` (inclusive), and
    without private ones."""
    with journal.session() as session:
        query = select(Note).where(col(Note.deleted_at).is_(None))
        if since is not None:
            query = query.where(Note.date >= since)
        if until is not None:
            query = query.where(Note.date <= until)
        if not include_private:
            query = query.where(col(Note.private).is_(False))
        rows = session.exec(query.order_by(col(Note.date).desc(), col(Note.id).desc())).all()
        return note_reads(session, rows)
