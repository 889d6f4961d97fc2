"""Mentor cadence: due dates across month ends and leap years, changed cadence, snoozing."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmo_journal.core.cadence import (
    CadenceStatus,
    MentorFacts,
    MentorReminder,
    SessionFacts,
    add_cadence,
    cadence_label,
    mentor_reminders,
)
from pmo_journal.core.progress import mentor_cadence as cadence_of
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person, set_person_archived, update_person
from pmo_journal.core.services.reminders import due_reminders, snooze_reminder
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid

D = dt.date


def mentor(mentor_id: int = 1, *, cadence: int | None = 30, **kw: object) -> MentorFacts:
    return MentorFacts(
        id=mentor_id,
        name=f"Mentor {mentor_id}",
        cadence_days=cadence,
        added_on=kw.pop("added_on", D(2024, 1, 1)),
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2025, 1, 31), 30, D(2025, 2, 28)),  # month end clamps
        (D(2024, 1, 31), 30, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 365, D(2025, 2, 28)),  # a year after a leap day
        (D(2024, 2, 29), 30, D(2024, 3, 29)),
        (D(2025, 12, 15), 30, D(2026, 1, 15)),  # across the year end
        (D(2025, 8, 31), 90, D(2025, 11, 30)),  # quarterly
        (D(2025, 3, 1), 14, D(2025, 3, 15)),  # fortnightly counts days
        (D(2024, 2, 28), 7, D(2024, 3, 6)),
    ],
)
def test_next_due_date_steps_by_calendar_months_or_days(
    start: dt.date, days: int, due: dt.date
) -> None:
    assert add_cadence(start, days) == due


def test_cadence_labels() -> None:
    assert [cadence_label(d) for d in (30, 14, 7, 90, 365, 10)] == [
        "Monthly",
        "Every 2 weeks",
        "Weekly",
        "Every 3 months",
        "Yearly",
        "Every 10 days",
    ]


def test_status_moves_from_on_track_to_due_to_overdue() -> None:
    sessions = [SessionFacts(1, D(2025, 1, 31))]
    due = {
        today: mentor_reminders([mentor()], sessions, today=today)[0]
        for today in (D(2025, 2, 10), D(2025, 2, 21), D(2025, 2, 28), D(2025, 3, 3))
    }
    assert {r.next_due for r in due.values()} == {D(2025, 2, 28)}
    assert [r.status for r in due.values()] == [
        CadenceStatus.UPCOMING,
        CadenceStatus.DUE,
        CadenceStatus.DUE,
        CadenceStatus.OVERDUE,
    ]
    late = due[D(2025, 3, 3)]
    assert late.days_overdue == 3 and late.needs_reminder
    assert "3 days overdue" in late.message


def test_no_sessions_counts_from_the_day_the_mentor_was_added() -> None:
    (reminder,) = mentor_reminders([mentor(added_on=D(2025, 5, 31))], [], today=D(2025, 6, 25))
    assert reminder.last_session is None and reminder.session_count == 0
    assert reminder.next_due == D(2025, 6, 30)
    assert reminder.status == CadenceStatus.DUE


def test_planned_next_date_and_booked_sessions_win() -> None:
    planned = [SessionFacts(1, D(2025, 1, 10), next_session_date=D(2025, 1, 24))]
    (reminder,) = mentor_reminders([mentor()], planned, today=D(2025, 1, 25))
    assert reminder.next_due == D(2025, 1, 24) and reminder.status == CadenceStatus.OVERDUE
    booked = [*planned, SessionFacts(1, D(2025, 1, 28))]
    (reminder,) = mentor_reminders([mentor()], booked, today=D(2025, 1, 25))
    assert reminder.status == CadenceStatus.UPCOMING and reminder.next_due == D(2025, 1, 28)
    assert reminder.session_count == 1


def test_archived_mentors_are_left_out_and_snooze_hides_the_reminder() -> None:
    sessions = [SessionFacts(1, D(2025, 1, 1)), SessionFacts(2, D(2025, 1, 1))]
    mentors = [mentor(1, snoozed_until=D(2025, 3, 5)), mentor(2, archived=True)]
    (reminder,) = mentor_reminders(mentors, sessions, today=D(2025, 3, 5))
    assert reminder.mentor_id == 1 and reminder.status == CadenceStatus.OVERDUE
    assert reminder.snoozed and not reminder.needs_reminder
    (reminder,) = mentor_reminders(mentors, sessions, today=D(2025, 3, 6))
    assert reminder.needs_reminder


def _session(journal: Journal, mentor_id: int, date: dt.date, *, private: bool = False) -> None:
    log_mentor_session(
        journal,
        data={"date": date, "mentor_id": mentor_id, "topics": "Cadence", "private": private},
    )


def mentor_cadence(
    journal: Journal, *, today: dt.date, mentor_id: int | None = None
) -> list[MentorReminder]:
    """Each mentor's reminder, as the one cadence reading gives it."""
    return [found.reminder for found in cadence_of(journal, today=today, mentor_id=mentor_id)]


def test_reminders_from_the_journal(journal: Journal) -> None:
    ana = create_person(journal, data={"name": "Ana", "relationship": "mentor"})
    ben = create_person(journal, data={"name": "Ben", "relationship": "mentor"})
    create_person(journal, data={"name": "Peer", "relationship": "peer"})
    _session(journal, ana.id, D(2024, 1, 31))
    _session(journal, ben.id, D(2024, 2, 10))
    today = D(2024, 3, 5)
    reminders = mentor_cadence(journal, today=today)
    assert [(r.mentor_name, r.next_due, r.status) for r in reminders] == [
        ("Ana", D(2024, 2, 29), CadenceStatus.OVERDUE),
        ("Ben", D(2024, 3, 10), CadenceStatus.DUE),
    ]
    # Logging the session makes the reminder go away.
    _session(journal, ana.id, D(2024, 3, 4))
    assert [r.mentor_name for r in due_reminders(journal, today=today)] == ["Ben"]
    # A cadence changed mid-way applies from the last session on.
    update_person(
        journal, ana.id, data={"name": "Ana", "relationship": "mentor", "cadence_days": 14}
    )
    (ana_now,) = mentor_cadence(journal, today=today, mentor_id=ana.id)
    assert ana_now.next_due == D(2024, 3, 18) and ana_now.cadence_label == "Every 2 weeks"
    # Snoozing hides Ben for the days asked; archiving hides him for good.
    snooze_reminder(journal, ben.id, days=3, today=today)
    assert due_reminders(journal, today=today) == []
    assert [r.mentor_name for r in due_reminders(journal, today=D(2024, 3, 9))] == ["Ben"]
    set_person_archived(journal, ben.id, archived=True)
    assert [r.mentor_name for r in mentor_cadence(journal, today=today)] == ["Ana"]


def test_snooze_rejects_silly_lengths(journal: Journal) -> None:
    ana = create_person(journal, data={"name": "Ana", "relationship": "mentor"})
    with pytest.raises(EntryInvalid, match="Snooze for 0 to 60 days"):
        snooze_reminder(journal, ana.id, days=400)
    assert snooze_reminder(journal, ana.id, days=0).reminder_snoozed_until is None


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)), st.integers(1, 12))
def test_calendar_months_keep_the_day_or_land_on_the_month_end(start: dt.date, months: int) -> None:
    due = add_cadence(start, 30 * months)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    last_day = calendar.monthrange(due.year, due.month)[1]
    assert due.day == min(start.day, last_day)


def test_private_sessions_count_in_the_app_and_stay_out_of_outputs(journal: Journal) -> None:
    ana = create_person(journal, data={"name": "Ana", "relationship": "mentor"})
    _session(journal, ana.id, D(2024, 1, 31))
    _session(journal, ana.id, D(2024, 3, 1), private=True)
    today = D(2024, 3, 5)
    # The user's own reminder knows about the private session: nothing is due yet.
    assert due_reminders(journal, today=today) == []
    (in_app,) = cadence_of(journal, today=today)
    assert in_app.last_session == D(2024, 3, 1) and not in_app.overdue
    # An output that leaves private entries out does not see it, nor infer it.
    (shared,) = cadence_of(journal, today=today, include_private=False)
    assert shared.last_session == D(2024, 1, 31) and shared.overdue
    assert [gap.date for gap in shared.gaps] == [D(2024, 1, 31)]
