"""Mentor reminders due today, and snoozing them."""

from __future__ import annotations

import datetime as dt

from pmo_journal.core import clock
from pmo_journal.core.cadence import MentorReminder
from pmo_journal.core.models import Person, PersonRead, utcnow
from pmo_journal.core.progress import mentor_cadence
from pmo_journal.core.services.people import person_read
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, NotFound

SNOOZE_MAX_DAYS = 60


def due_reminders(journal: Journal, *, today: dt.date | None = None) -> list[MentorReminder]:
    """Only the sessions due or overdue that are not snoozed, the most pressing first: what a
    reminder should list. Read through :func:`pmo_journal.core.progress.mentor_cadence`."""
    due = [
        c.reminder
        for c in mentor_cadence(journal, today=today, with_gaps=False)
        if c.reminder.needs_reminder
    ]
    return sorted(due, key=lambda r: (r.next_due, r.mentor_name.lower()))


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
