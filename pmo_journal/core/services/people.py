"""People: mentors, PMO leaders, peers and mentees."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import (
    EntryKind,
    HelperAssignment,
    MentorSession,
    Note,
    NotePersonLink,
    Person,
    PersonCreate,
    PersonRead,
    PersonUpdate,
    Relationship,
    utcnow,
)
from pmo_journal.core.services.rows import get_row
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError, validated


def _entry_counts(
    session: Session, *, person_id: int | None = None, include_deleted: bool = False
) -> dict[int, int]:
    """Entries naming each person (or just ``person_id``), in three grouped queries.

    Deleted entries count only with ``include_deleted``: they can still be restored, so a
    person they name can't be deleted.
    """
    counts: dict[int, int] = {}
    for column, deleted in (
        (col(MentorSession.mentor_id), col(MentorSession.deleted_at)),
        (col(HelperAssignment.leader_id), col(HelperAssignment.deleted_at)),
    ):
        query = select(column, func.count()).where(column.is_not(None)).group_by(column)
        if person_id is not None:
            query = query.where(column == person_id)
        if not include_deleted:
            query = query.where(deleted.is_(None))
        for named, count in session.exec(query):
            if named is not None:
                counts[named] = counts.get(named, 0) + int(count)
    named_in_notes = col(NotePersonLink.person_id)
    query = (
        select(named_in_notes, func.count())
        .join(Note, col(Note.id) == col(NotePersonLink.note_id))
        .group_by(named_in_notes)
    )
    if person_id is not None:
        query = query.where(named_in_notes == person_id)
    if not include_deleted:
        query = query.where(col(Note.deleted_at).is_(None))
    for named, count in session.exec(query):
        counts[named] = counts.get(named, 0) + int(count)
    return counts


def _entry_count(session: Session, person_id: int) -> int:
    return _entry_counts(session, person_id=person_id).get(person_id, 0)


def _references(session: Session, person_id: int) -> int:
    """Entries naming this person, deleted ones included."""
    return _entry_counts(session, person_id=person_id, include_deleted=True).get(person_id, 0)


def person_read(session: Session, person: Person, *, entry_count: int | None = None) -> PersonRead:
    assert person.id is not None
    if entry_count is None:
        entry_count = _entry_count(session, person.id)
    return PersonRead.model_validate(
        {**person.model_dump(warnings=False), "entry_count": entry_count}
    )


def _get(session: Session, person_id: int) -> Person:
    return get_row(session, Person, person_id, noun="person")


def create_person(journal: Journal, *, data: PersonCreate | dict[str, object]) -> PersonRead:
    checked = validated(PersonCreate, data)
    with journal.session() as session:
        person = Person.model_validate(checked.model_dump())
        session.add(person)
        session.flush()
        return person_read(session, person)


def update_person(
    journal: Journal, person_id: int, *, data: PersonUpdate | dict[str, object]
) -> PersonRead:
    checked = validated(PersonUpdate, data)
    with journal.session() as session:
        person = _get(session, person_id)
        person.sqlmodel_update(checked.model_dump())
        person.updated_at = utcnow()
        session.add(person)
        return person_read(session, person)


def get_person(journal: Journal, person_id: int) -> PersonRead:
    with journal.session() as session:
        return person_read(session, _get(session, person_id))


def list_people(
    journal: Journal,
    *,
    include_archived: bool = False,
    relationship: Relationship | None = None,
    with_counts: bool = True,
) -> list[PersonRead]:
    """Everyone, by name; ``with_counts=False`` leaves each ``entry_count`` at 0 (a picker
    needs no counts, and at 100,000 entries they are most of the cost)."""
    with journal.session() as session:
        query = select(Person).order_by(func.lower(Person.name))
        if not include_archived:
            query = query.where(Person.archived == False)  # noqa: E712
        if relationship is not None:
            query = query.where(Person.relationship == relationship.value)
        counts = _entry_counts(session) if with_counts else {}
        return [
            person_read(session, person, entry_count=counts.get(person.id or 0, 0))
            for person in session.exec(query)
        ]


def person_label(person: PersonRead) -> str:
    """A person as pickers show them: the name, then role and organisation when known, so
    two people of one name can be told apart ("Sam Lee — Analyst, Finance")."""
    about = ", ".join(part for part in (person.role.strip(), person.organisation.strip()) if part)
    return f"{person.name} — {about}" if about else person.name


def namesake(journal: Journal, *, name: str, person_id: int | None = None) -> PersonRead | None:
    """Someone else already called ``name`` (any case and spacing; archived people too),
    or None. ``person_id`` is the person being edited, who does not count."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for person in list_people(journal, include_archived=True):
        if person.id != person_id and " ".join(person.name.split()).casefold() == wanted:
            return person
    return None


def namesake_message(person: PersonRead) -> str:
    """What to say when a second person would get ``person``'s name."""
    where = " (archived)" if person.archived else ""
    return (
        f"There is already someone called {person_label(person)}{where} in your journal. "
        "Open them instead, or save a second person with the same name?"
    )


def find_mentor(journal: Journal, name: str) -> PersonRead:
    """The mentor ``name`` means: the full name (any case), else the one mentor whose name
    holds it; an unknown or ambiguous name is refused with the mentors it could mean."""
    wanted = " ".join(name.split()).casefold()
    mentors = list_people(journal, include_archived=True, relationship=Relationship.MENTOR)
    exact = [m for m in mentors if m.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    close = exact or [m for m in mentors if wanted and wanted in m.name.casefold()]
    if len(close) == 1:
        return close[0]
    if close:
        names = ", ".join(m.name for m in close)
        raise JournalError(f"“{name}” could mean several mentors: {names}; give the full name.")
    names = ", ".join(m.name for m in mentors) or "none yet"
    raise JournalError(f"No mentor is called “{name}”; the journal's mentors: {names}.")


def find_or_create_person(
    journal: Journal, *, name: str, relationship: Relationship = Relationship.PEER
) -> PersonRead:
    """The person called ``name`` (case-insensitive), created if the journal has none."""
    with journal.session() as session:
        found = session.exec(
            select(Person).where(func.lower(Person.name) == name.strip().lower())
        ).first()
        if found is not None:
            return person_read(session, found)
    return create_person(journal, data={"name": name, "relationship": relationship})


def set_person_archived(journal: Journal, person_id: int, *, archived: bool) -> PersonRead:
    with journal.session() as session:
        person = _get(session, person_id)
        person.archived = archived
        person.updated_at = utcnow()
        session.add(person)
        return person_read(session, person)


def reassign_person(journal: Journal, person_id: int, *, to_person_id: int) -> int:
    """Move every entry naming one person onto another; returns how many moved."""
    if person_id == to_person_id:
        return 0
    with journal.session() as session:
        _get(session, person_id)
        _get(session, to_person_id)
        moved = 0
        for mentor_session in session.exec(
            select(MentorSession).where(MentorSession.mentor_id == person_id)
        ):
            mentor_session.mentor_id = to_person_id
            session.add(mentor_session)
            moved += 1
        for assignment in session.exec(
            select(HelperAssignment).where(HelperAssignment.leader_id == person_id)
        ):
            assignment.leader_id = to_person_id
            session.add(assignment)
            moved += 1
        # A note names people through links; one that names both keeps a single link.
        already = set(
            session.exec(
                select(NotePersonLink.note_id).where(NotePersonLink.person_id == to_person_id)
            )
        )
        for link in session.exec(
            select(NotePersonLink).where(NotePersonLink.person_id == person_id)
        ).all():
            if link.note_id not in already:
                session.add(NotePersonLink(note_id=link.note_id, person_id=to_person_id))
            session.delete(link)
            moved += 1
        return moved


def delete_person(journal: Journal, person_id: int) -> None:
    """Delete someone no entry names; otherwise say how to archive or reassign instead."""
    with journal.session() as session:
        person = _get(session, person_id)
        used = _references(session, person_id)
        if used:
            raise JournalError(
                f"{person.name} is named in {used} journal "
                f"{'entry' if used == 1 else 'entries'}; archive them, or reassign those "
                "entries to someone else first."
            )
        session.delete(person)


# --------------------------------------------------------------------------- use cases


def save_person(
    journal: Journal, *, person_id: int | None, data: dict[str, object]
) -> Outcome[PersonRead]:
    """Add someone (``person_id`` None) or save the edits to them."""
    if person_id is None:
        saved = create_person(journal, data=data)
    else:
        saved = update_person(journal, person_id, data=data)
    return Outcome(saved, Changes(people=True))


def archive_person(journal: Journal, *, person_id: int, archived: bool) -> Outcome[PersonRead]:
    saved = set_person_archived(journal, person_id, archived=archived)
    return Outcome(saved, Changes(people=True))


def remove_person(journal: Journal, *, person_id: int, reassign_to: int | None = None) -> Changes:
    """Delete someone; with ``reassign_to``, first move their entries onto that person.

    Both, or neither. Without it, a person some entry names is refused (see
    :func:`delete_person`).
    """
    with journal.unit_of_work():
        if reassign_to is not None:
            reassign_person(journal, person_id, to_person_id=reassign_to)
        delete_person(journal, person_id)
    moved = frozenset(EntryKind) if reassign_to is not None else frozenset()
    return Changes(entries=moved, people=True)
