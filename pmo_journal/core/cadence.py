"""Mentor cadence: when the next session with each mentor is due, and whether to remind.

Pure functions on plain facts, the single source of truth for reminders and due dates.
A cadence of 30 days means *monthly* and steps by calendar months (31 January → 28 or
29 February, never 2 March); other multiples of 30 step by that many months, 365/366 by a
year, anything else by days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

MONTHLY_DAYS = 30
DUE_SOON_DAYS = 7


class CadenceStatus(enum.StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {
            CadenceStatus.UPCOMING: "On track",
            CadenceStatus.DUE: "Due soon",
            CadenceStatus.OVERDUE: "Overdue",
        }[self]


@dataclass(frozen=True)
class MentorFacts:
    """What cadence needs to know about a person."""

    id: int
    name: str
    cadence_days: int | None
    added_on: dt.date
    archived: bool = False
    snoozed_until: dt.date | None = None


@dataclass(frozen=True)
class SessionFacts:
    mentor_id: int
    date: dt.date
    next_session_date: dt.date | None = None


@dataclass(frozen=True)
class MentorReminder:
    """One mentor's cadence on ``today``."""

    mentor_id: int
    mentor_name: str
    cadence_days: int
    last_session: dt.date | None
    session_count: int
    next_due: dt.date
    status: CadenceStatus
    snoozed_until: dt.date | None
    today: dt.date

    @property
    def snoozed(self) -> bool:
        return self.snoozed_until is not None and self.today <= self.snoozed_until

    @property
    def needs_reminder(self) -> bool:
        return self.status != CadenceStatus.UPCOMING and not self.snoozed

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.next_due).days)

    @property
    def days_until_due(self) -> int:
        return max(0, (self.next_due - self.today).days)

    @property
    def cadence_label(self) -> str:
        return cadence_label(self.cadence_days)

    @property
    def message(self) -> str:
        """One sentence for a reminder banner."""
        if self.status == CadenceStatus.OVERDUE:
            days = self.days_overdue
            late = f"{days} day{'s' if days != 1 else ''} overdue"
            return f"Session with {self.mentor_name} is {late} (due {self.next_due:%d %b %Y})."
        if self.days_until_due == 0:
            return f"Session with {self.mentor_name} is due today."
        return f"Session with {self.mentor_name} is due on {self.next_due:%a %d %b %Y}."


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` moved by whole calendar months, clamped to the end of a shorter month."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last_day))


def add_cadence(start: dt.date, cadence_days: int) -> dt.date:
    """The date one cadence after ``start``."""
    if cadence_days in (365, 366):
        return add_months(start, 12)
    if cadence_days % MONTHLY_DAYS == 0:
        return add_months(start, cadence_days // MONTHLY_DAYS)
    return start + dt.timedelta(days=cadence_days)


def cadence_label(cadence_days: int) -> str:
    if cadence_days == MONTHLY_DAYS:
        return "Monthly"
    if cadence_days in (365, 366):
        return "Yearly"
    if cadence_days % MONTHLY_DAYS == 0:
        return f"Every {cadence_days // MONTHLY_DAYS} months"
    if cadence_days % 7 == 0:
        weeks = cadence_days // 7
        return "Weekly" if weeks == 1 else f"Every {weeks} weeks"
    return f"Every {cadence_days} days"


def next_due_date(
    *,
    cadence_days: int,
    added_on: dt.date,
    last_session: dt.date | None,
    planned_next: dt.date | None = None,
) -> dt.date:
    """When the next session is due: the date planned at the last session if there is one,
    else one cadence after the last session (or after the mentor was added)."""
    if planned_next is not None:
        return planned_next
    return add_cadence(last_session or added_on, cadence_days)


def status_on(next_due: dt.date, today: dt.date, *, booked: bool = False) -> CadenceStatus:
    if booked or next_due - today > dt.timedelta(days=DUE_SOON_DAYS):
        return CadenceStatus.UPCOMING
    return CadenceStatus.OVERDUE if next_due < today else CadenceStatus.DUE


def mentor_reminder(
    mentor: MentorFacts,
    sessions: Iterable[SessionFacts],
    *,
    today: dt.date,
    sessions_held: int | None = None,
) -> MentorReminder:
    """The cadence of one mentor on ``today``, from their (not deleted) sessions.

    ``sessions_held`` is how many sessions took place by ``today`` when ``sessions`` holds only the
    last of those and the first after ``today`` (what a large journal reads).
    """
    cadence = mentor.cadence_days or MONTHLY_DAYS
    held = sorted(sessions, key=lambda s: s.date)
    past = [s for s in held if s.date <= today]
    booked = [s for s in held if s.date > today]
    last = past[-1] if past else None
    if booked:
        # A session already logged for a later date is the next one: nothing to remind.
        due, status = booked[0].date, CadenceStatus.UPCOMING
    else:
        due = next_due_date(
            cadence_days=cadence,
            added_on=mentor.added_on,
            last_session=last.date if last else None,
            planned_next=last.next_session_date if last else None,
        )
        status = status_on(due, today)
    return MentorReminder(
        mentor_id=mentor.id,
        mentor_name=mentor.name,
        cadence_days=cadence,
        last_session=last.date if last else None,
        session_count=len(past) if sessions_held is None else sessions_held,
        next_due=due,
        status=status,
        snoozed_until=mentor.snoozed_until,
        today=today,
    )


def mentor_reminders(
    mentors: Iterable[MentorFacts], sessions: Iterable[SessionFacts], *, today: dt.date
) -> list[MentorReminder]:
    """Every active mentor's cadence, the most pressing first. Archived mentors are left out."""
    by_mentor: dict[int, list[SessionFacts]] = {}
    for session in sessions:
        by_mentor.setdefault(session.mentor_id, []).append(session)
    reminders = [
        mentor_reminder(mentor, by_mentor.get(mentor.id, []), today=today)
        for mentor in mentors
        if not mentor.archived
    ]
    return sorted(reminders, key=lambda r: (r.next_due, r.mentor_name.lower()))
