"""Mentor reminders read from the journal, and snoozing them."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, or_, select

from pmo_journal.core import clock
from pmo_journal.core.cadence import MentorFacts, MentorReminder, SessionFacts, mentor_reminders
from pmo_journal.core.models import MentorSession, Person, PersonRead, Relationship, utcnow
from pmo_journal.core.services.people import person_read
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, NotFound

SNOOZE_MAX_DAYS = 60


def mentor_cadence(
    journal: Journal, *, today: dt.date | None = None, mentor_id: int | None = None
) -> list[MentorReminder]:
    """Cadence of every active mentor (or of one), most pressing first."""
    today = today or clock.today()
    with journal.session() as session:
        query = select(Person).where(
            Person.archived == False,  # noqa: E712
            or_(
                Person.relationship == Relationship.MENTOR.value,
                col(Person.cadence_days).is_not(None),
            ),
        )
        if mentor_id is not None:
            query = query.where(Person.id == mentor_id)
        people = session.exec(query).all()
        ids = [person.id for person in people]
        rows = session.exec(
            select(MentorSession).where(
                col(MentorSession.mentor_id).in_(ids),
                MentorSession.deleted_at == None,  # noqa: E711
            )
        ).all()
    mentors = [
        MentorFacts(
            id=person.id,
            name=person.name,
            cadence_days=person.cadence_days,
            added_on=person.created_at.date(),
            archived=person.archived,
            snoozed_until=person.reminder_snoozed_until,
        )
        for person in people
        if person.id is not None
    ]
    sessions = [SessionFacts(row.mentor_id, row.date, row.next_session_date) for row in rows]
    return mentor_reminders(mentors, sessions, today=today)


def due_reminders(journal: Journal, *, today: dt.date | None = None) -> list[MentorReminder]:
    """Only the sessions due or overdue that are not snoozed: what a reminder should list."""
    return [r for r in mentor_cadence(journal, today=today) if r.needs_reminder]


def snooze_reminder(
    journal: Journal, person_id: int, *, days: int, today: dt.date | None = None
) -> PersonRead:
    """Hide this mentor's reminder for ``days`` days (0 clears the snooze)."""
    if not 0 <= days <= SNOOZE_MAX_DAYS:
        raise EntryInvalid({"days": f"Snooze for 0 to {SNOOZE_MAX_DAYS} days."})
    today = today or clock.today()
    with journal.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"There is no person with id {person_id}.")
        person.reminder_snoozed_until = today + dt.timedelta(days=days) if days else None
        person.updated_at = utcnow()
        session.add(person)
        return person_read(session, person)
