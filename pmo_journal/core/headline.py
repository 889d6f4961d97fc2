"""The dashboard's headline cards: what they show and the one SQL that counts it.

A light module (the standard library and :mod:`pmo_journal.core.cadence` only): the app's
start-up paints the cards from a plain ``sqlite3`` reading of the file
(:mod:`pmo_journal.core.quick_read`) before SQLAlchemy and the tables are imported, and
:func:`pmo_journal.core.progress.headline_figures` runs the same statements on the engine,
so both show the same figures. Queries run through ``rows`` (a statement and its named
parameters in, mappings out); which records count is said by ``public`` (the disclosure
rule's condition for a record kind and a table alias, ``"1"`` when private ones count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmo_journal.core.cadence import (
    CadenceStatus,
    MentorFacts,
    MentorReminder,
    SessionFacts,
    add_months,
    mentor_reminder,
)

#: Runs one statement with its named parameters and returns its rows as mappings.
Rows = Callable[[str, Mapping[str, Any]], Sequence[Mapping[str, Any]]]
#: The condition (SQL) on the records of a kind (``"mentor_session"``, ``"person"``, …)
#: under a table alias that an output may count.
Public = Callable[[str, str], str]

# The record kinds the cards count, as the disclosure rule names them.
MENTOR_SESSION = "mentor_session"
HELPER_ASSIGNMENT = "helper_assignment"
SKILL_REFLECTION = "skill_reflection"
ACTION_ITEM = "action_item"
PERSON = "person"


def everything(_kind: str, _alias: str) -> str:
    """The ``public`` of an output that shows private records too."""
    return "1"


@dataclass(frozen=True)
class NextSession:
    person_id: int
    name: str
    due: dt.date
    overdue: bool
    days_overdue: int


@dataclass(frozen=True)
class HeadlineFigures:
    sessions_this_quarter: int
    sessions_in_range: int
    hours_volunteered: float
    reflections: int
    open_action_items: int
    next_session: NextSession | None


# --------------------------------------------------------------------------- dates


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_months(months: int, *, today: dt.date) -> tuple[dt.date, dt.date]:
    """The range ``(since, until)`` of the last ``months`` calendar months, this one included.

    Whole months keep the monthly charts honest: no half-empty first bar.
    """
    return add_months(month_start(today), 1 - months), today


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def spoken_hours(hours: float) -> float:
    """Hours as people say them: to the half hour under 100 (7.5), whole hours above (1250)."""
    return round(hours * 2) / 2 if hours < 100 else float(round(hours))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# --------------------------------------------------------------------------- SQL


def live_where(
    kind: str,
    column: str,
    *,
    since: dt.date | None,
    until: dt.date | None,
    public: Public,
    alias: str = "t",
) -> str:
    """Live records of ``kind`` in the range that an output may count."""
    parts = [f"{alias}.deleted_at IS NULL"]
    if since is not None:
        parts.append(f"{column} >= :since")
    if until is not None:
        parts.append(f"{column} <= :until")
    parts.append(public(kind, alias))
    return " AND ".join(parts)


def range_params(since: dt.date | None, until: dt.date | None, **more: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
    }
    params.update(more)
    return params


def counts_sql(*, since: dt.date | None, until: dt.date | None, public: Public) -> str:
    """The cards' counts in one statement (``:quarter_start``, ``:today``, the range)."""

    def where(kind: str, column: str) -> str:
        return live_where(kind, column, since=since, until=until, public=public)

    quarter = live_where(
        MENTOR_SESSION, "t.date", since=dt.date.min, until=dt.date.min, public=public
    )
    quarter = quarter.replace(":since", ":quarter_start").replace(":until", ":today")
    items = public(ACTION_ITEM, "a")
    return (
        f"SELECT (SELECT COUNT(*) FROM mentorsession t WHERE {quarter}) AS quarter_sessions, "
        f"(SELECT COUNT(*) FROM mentorsession t WHERE {where(MENTOR_SESSION, 't.date')}) "
        "AS sessions, "
        "(SELECT COALESCE(SUM(t.hours), 0) FROM helperassignment t "
        f"WHERE {where(HELPER_ASSIGNMENT, 't.start_date')} AND t.status != 'planned') AS hours, "
        "(SELECT COUNT(*) FROM skillreflection t "
        f"WHERE {where(SKILL_REFLECTION, 't.date')}) AS reflections, "
        "(SELECT COUNT(*) FROM actionitem a JOIN mentorsession t ON t.id = a.session_id "
        f"WHERE a.done_date IS NULL AND t.deleted_at IS NULL AND {items}) AS open_items"
    )


def mentors_sql(*, public: Public, one_mentor: bool) -> str:
    """Each active mentor with what their reminder needs: the sessions held by ``:today``,
    the last one (and the next date it set) and the first booked after ``:today``."""
    held = (
        "FROM mentorsession s WHERE s.mentor_id = p.id AND s.deleted_at IS NULL AND "
        f"{public(MENTOR_SESSION, 's')}"
    )
    one = "AND p.id = :mentor_id" if one_mentor else ""
    last = f"{held} AND s.date <= :today ORDER BY s.date DESC, s.id DESC LIMIT 1"
    return (
        "SELECT p.id, p.name, p.cadence_days, p.reminder_snoozed_until, p.created_at, "
        f"(SELECT COUNT(*) {held} AND s.date <= :today) AS held, "
        f"(SELECT s.date {last}) AS last_date, "
        f"(SELECT s.next_session_date {last}) AS last_next, "
        f"(SELECT s.date {held} AND s.date > :today ORDER BY s.date, s.id LIMIT 1) AS booked_date "
        f"FROM person p WHERE p.archived = 0 AND {public(PERSON, 'p')} {one} "
        "AND (p.relationship = 'mentor' OR p.cadence_days IS NOT NULL) ORDER BY p.name"
    )


def mentor_reminders(
    rows: Rows, *, public: Public, today: dt.date, mentor_id: int | None = None
) -> list[tuple[Mapping[str, Any], MentorReminder]]:
    """Every active mentor's row (``id``, ``name``, …) and reminder on ``today``, by name:
    the one reading of mentor cadence behind the cards, the dashboard, the report and the
    in-app reminders."""
    found = rows(
        mentors_sql(public=public, one_mentor=mentor_id is not None),
        {"mentor_id": mentor_id, "today": today.isoformat()},
    )
    reminders = []
    for person in found:
        known = [
            SessionFacts(person["id"], day, _date(person["last_next"]) if day_is_last else None)
            for day, day_is_last in (
                (_date(person["last_date"]), True),
                (_date(person["booked_date"]), False),
            )
            if day is not None
        ]
        reminder = mentor_reminder(
            MentorFacts(
                id=int(person["id"]),
                name=person["name"],
                cadence_days=person["cadence_days"],
                added_on=dt.date.fromisoformat(str(person["created_at"])[:10]),
                snoozed_until=_date(person["reminder_snoozed_until"]),
            ),
            known,
            today=today,
            sessions_held=int(person["held"]),
        )
        reminders.append((person, reminder))
    return reminders


def is_overdue(reminder: MentorReminder) -> bool:
    """Overdue and not snoozed: what the cards and the charts call overdue."""
    return reminder.status == CadenceStatus.OVERDUE and not reminder.snoozed


def most_pressing(reminders: Sequence[MentorReminder]) -> NextSession | None:
    """The most pressing mentor session: overdue first, then the earliest due date."""
    if not reminders:
        return None
    pick = min(reminders, key=lambda r: (not is_overdue(r), r.snoozed, r.next_due))
    overdue = is_overdue(pick)
    return NextSession(
        pick.mentor_id,
        pick.mentor_name,
        pick.next_due,
        overdue,
        pick.days_overdue if overdue else 0,
    )


def read_headline(
    rows: Rows,
    *,
    since: dt.date | None,
    until: dt.date | None,
    public: Public,
    today: dt.date,
) -> HeadlineFigures:
    """The cards' figures: the counts in one statement, then the mentors' reminders."""
    params = range_params(
        since, until, quarter_start=quarter_start(today).isoformat(), today=today.isoformat()
    )
    row = rows(counts_sql(since=since, until=until, public=public), params)[0]
    reminders = mentor_reminders(rows, public=public, today=today)
    return HeadlineFigures(
        sessions_this_quarter=int(row["quarter_sessions"]),
        sessions_in_range=int(row["sessions"]),
        hours_volunteered=float(row["hours"]),
        reflections=int(row["reflections"]),
        open_action_items=int(row["open_items"]),
        next_session=most_pressing([reminder for _person, reminder in reminders]),
    )
