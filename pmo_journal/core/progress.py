"""Aggregates the dashboard and the report read: skill growth, evidence, activity, cadence.

Every function takes the journal, a date range (``since``/``until``, either open) and
``include_private`` (the screen shows private entries; the printed report does not, and
what "private" covers is the disclosure rule's SQL, ``core.disclosure``). The counting
happens in SQL; what comes back are small frozen read models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pmo_journal.core import clock, headline
from pmo_journal.core.cadence import MentorReminder, add_months
from pmo_journal.core.disclosure import public_sql
from pmo_journal.core.headline import (
    HeadlineFigures,
    NextSession,
    month_start,
    range_params,
    spoken_hours,
)
from pmo_journal.core.headline import quarter_start as quarter_start
from pmo_journal.core.models import AssignmentKind, EntryKind
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

TREND_WINDOW_DAYS = 90
SUMMARY_CHARS = 120


# --------------------------------------------------------------------------- read models


@dataclass(frozen=True)
class RatingPoint:
    """One self-rating and the reflection behind it."""

    date: dt.date
    rating: int
    reflection_id: int
    title: str
    summary: str
    starred: bool
    private: bool

    @property
    def kind(self) -> str:
        return EntryKind.SKILL_REFLECTION.value


@dataclass(frozen=True)
class RatingBucket:
    """The ratings of one day, week or month (``start`` is its first day): how many, their
    mean, lowest and highest, and the latest of them, which stands for the bucket."""

    start: dt.date
    count: int
    mean: float
    low: int
    high: int
    latest: RatingPoint

    @classmethod
    def of(cls, point: RatingPoint) -> RatingBucket:
        """A bucket of a single rating."""
        rating = point.rating
        return cls(point.date, 1, float(rating), rating, rating, point)


@dataclass(frozen=True)
class TrendPoint:
    """The mean rating over the :data:`TREND_WINDOW_DAYS` days ending on ``date``."""

    date: dt.date
    mean: float


@dataclass(frozen=True)
class SkillSeries:
    skill_id: int
    name: str
    headline: bool
    target_level: int | None
    points: tuple[RatingPoint, ...]
    trend: tuple[TrendPoint, ...]
    #: The dashboard's series come aggregated (``points`` is then empty).
    buckets: tuple[RatingBucket, ...] = ()

    @property
    def shown(self) -> tuple[RatingBucket, ...]:
        """What a chart plots: the buckets, or every rating as a bucket of its own."""
        return self.buckets or tuple(RatingBucket.of(point) for point in self.points)

    @property
    def ratings(self) -> int:
        return sum(bucket.count for bucket in self.buckets) or len(self.points)


@dataclass(frozen=True)
class EvidenceMonth:
    """How many entries of any kind exercised a skill in one month."""

    skill_id: int
    month: dt.date  # first day of the month
    count: int


@dataclass(frozen=True)
class MonthActivity:
    month: dt.date  # first day of the month
    sessions: int
    helper_hours: float
    reflections: int


@dataclass(frozen=True)
class CadenceGap:
    """A mentor session and the days since the one before it (None for the first)."""

    session_id: int
    date: dt.date
    days_since_previous: int | None
    #: A dashboard point can stand for several sessions: their mean gap, at the latest.
    sessions: int = 1


@dataclass(frozen=True)
class MentorCadence:
    person_id: int
    name: str
    cadence_days: int | None
    gaps: tuple[CadenceGap, ...]
    last_session: dt.date | None
    next_due: dt.date | None
    overdue: bool
    days_overdue: int
    snoozed_until: dt.date | None
    snoozed: bool  # the reminder is snoozed today
    reminder: MentorReminder  # the same cadence as the in-app reminder shows it

    @property
    def mean_gap_days(self) -> float | None:
        days = [gap.days_since_previous for gap in self.gaps if gap.days_since_previous]
        return sum(days) / len(days) if days else None


@dataclass(frozen=True)
class RadarSpoke:
    """A skill now, a year earlier, and where the user wants it to be."""

    skill_id: int
    name: str
    headline: bool
    latest: int | None
    latest_date: dt.date | None
    year_earlier: float | None
    year_earlier_date: dt.date | None
    target: int | None
    ratings_in_range: int


@dataclass(frozen=True)
class KindHours:
    kind: AssignmentKind
    hours: float
    assignments: int

    @property
    def label(self) -> str:
        return self.kind.label


# --------------------------------------------------------------------------- dates


def last_months(months: int, *, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The range ``(since, until)`` of the last ``months`` calendar months, this one included."""
    return headline.last_months(months, today=today or clock.today())


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of every month from ``first``'s month to ``last``'s, inclusive."""
    months: list[dt.date] = []
    current = month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def trend_start(since: dt.date | None) -> str | None:
    """The first day whose ratings count towards the trend at ``since``."""
    if since is None:
        return None
    return (since - dt.timedelta(days=TREND_WINDOW_DAYS - 1)).isoformat()


def hours_text(hours: float) -> str:
    """:func:`spoken_hours` in words: 12, 7.5, 1,250 (never 75.75)."""
    return f"{spoken_hours(hours):,.1f}".removesuffix(".0")


# --------------------------------------------------------------------------- SQL plumbing


def _check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since is not None and until is not None and since > until:
        raise JournalError("The start of the range is after its end.")


def _where(
    kind: EntryKind,
    column: str,
    *,
    since: dt.date | None,
    until: dt.date | None,
    include_private: bool,
    alias: str = "t",
) -> str:
    """Live entries in the range (and only those an output may show, unless private is
    included: the disclosure rule decides)."""
    return headline.live_where(
        kind, column, since=since, until=until, public=public_rule(include_private), alias=alias
    )


def public_rule(include_private: bool) -> headline.Public:
    """The disclosure rule's condition for the records an output may count."""
    if include_private:
        return headline.everything
    return lambda kind, alias: public_sql(kind, alias, include_private=False)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def skills_shown(journal: Journal, skill_ids: Sequence[int] | None = None) -> list[Any]:
    """The skills the charts show (not archived), in the user's order."""
    rows = journal.rows(
        "SELECT id, name, headline, target_level FROM skill WHERE archived = 0 "
        "ORDER BY sort_order, name",
        {},
    )
    if skill_ids is not None:
        wanted = set(skill_ids)
        rows = [row for row in rows if row["id"] in wanted]
    return rows


# --------------------------------------------------------------------------- skills


def skill_growth_series(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
    skill_ids: Sequence[int] | None = None,
) -> list[SkillSeries]:
    """Every self-rating of each skill in the range, with a 90-day rolling mean.

    The rolling mean also looks at ratings just before ``since``, so the trend at the start
    of a short range is not thrown off by the range's edge.
    """
    _check_range(since, until)
    public = public_sql(EntryKind.SKILL_REFLECTION, "r", include_private=include_private)
    outer, inner = ["1"], [public]
    if since is not None:
        outer.append("date >= :since")
        # The trend at ``since`` looks back one window; nothing earlier is read.
        inner.append("r.date >= :trend_since")
    if until is not None:
        outer.append("date <= :until")
        inner.append("r.date <= :until")
    sql = (
        "SELECT * FROM ("
        "SELECT r.id, r.skill_id, r.date, r.rating, r.starred, r.private, s.name AS skill_name, "
        f"substr(CASE WHEN r.result != '' THEN r.result ELSE r.situation END, 1, {SUMMARY_CHARS})"
        " AS summary, "
        "AVG(r.rating) OVER (PARTITION BY r.skill_id ORDER BY julianday(r.date) "
        f"RANGE BETWEEN {TREND_WINDOW_DAYS - 1} PRECEDING AND CURRENT ROW) AS trend "
        "FROM skillreflection r JOIN skill s ON s.id = r.skill_id "
        f"WHERE r.deleted_at IS NULL AND {' AND '.join(inner)}"
        f") WHERE {' AND '.join(outer)} ORDER BY skill_id, date, id"
    )
    by_skill: dict[int, list[Any]] = {}
    for row in journal.rows(sql, range_params(since, until, trend_since=trend_start(since))):
        by_skill.setdefault(row["skill_id"], []).append(row)
    series: list[SkillSeries] = []
    for skill in skills_shown(journal, skill_ids):
        rows = by_skill.get(skill["id"], [])
        points = tuple(rating_point(row, reflection_id=int(row["id"])) for row in rows)
        # Several ratings on one day share one trend value: keep a single point per day.
        trend = {dt.date.fromisoformat(row["date"]): float(row["trend"]) for row in rows}
        series.append(
            SkillSeries(
                skill_id=skill["id"],
                name=skill["name"],
                headline=bool(skill["headline"]),
                target_level=skill["target_level"],
                points=points,
                trend=tuple(TrendPoint(day, mean) for day, mean in trend.items()),
            )
        )
    return series


def evidence_per_month(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
) -> list[EvidenceMonth]:
    """Entries of any kind touching each skill, per month (months with none are left out)."""
    _check_range(since, until)

    def where(kind: EntryKind, column: str) -> str:
        return _where(kind, column, since=since, until=until, include_private=include_private)

    sql = (
        "SELECT skill_id, month, COUNT(*) AS n FROM ("
        "SELECT l.skill_id AS skill_id, substr(t.date, 1, 7) AS month "
        "FROM mentorsessionskilllink l JOIN mentorsession t ON t.id = l.session_id "
        f"WHERE {where(EntryKind.MENTOR_SESSION, 't.date')} "
        "UNION ALL SELECT l.skill_id, substr(t.start_date, 1, 7) "
        "FROM helperassignmentskilllink l JOIN helperassignment t ON t.id = l.assignment_id "
        f"WHERE {where(EntryKind.HELPER_ASSIGNMENT, 't.start_date')} "
        "UNION ALL SELECT t.skill_id, substr(t.date, 1, 7) FROM skillreflection t "
        f"WHERE {where(EntryKind.SKILL_REFLECTION, 't.date')} "
        "UNION ALL SELECT l.skill_id, substr(t.date, 1, 7) "
        "FROM noteskilllink l JOIN note t ON t.id = l.note_id "
        f"WHERE {where(EntryKind.NOTE, 't.date')}"
        ") GROUP BY skill_id, month ORDER BY skill_id, month"
    )
    return [
        EvidenceMonth(
            skill_id=int(row["skill_id"]),
            month=dt.date.fromisoformat(row["month"] + "-01"),
            count=int(row["n"]),
        )
        for row in journal.rows(sql, range_params(since, until))
    ]


def radar(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
    today: dt.date | None = None,
) -> list[RadarSpoke]:
    """Each skill's latest rating by the end of the range, the one 12 months before, and its
    target. ``ratings_in_range`` counts the ratings inside the range."""
    _check_range(since, until)
    end = until or today or clock.today()
    earlier_end = add_months(end, -12)
    public = public_sql(EntryKind.SKILL_REFLECTION, "r", include_private=include_private)
    # Each skill's newest rating by the cutoff: a walk back along the timeline index.
    latest_sql = (
        "SELECT r.skill_id, r.rating, r.date FROM skill s JOIN skillreflection r ON r.id = ("
        "SELECT r.id FROM skillreflection r WHERE r.skill_id = s.id AND r.deleted_at IS NULL "
        f"AND {public} AND r.date <= :cutoff ORDER BY r.date DESC, r.id DESC LIMIT 1)"
    )
    latest = {row["skill_id"]: row for row in journal.rows(latest_sql, {"cutoff": end.isoformat()})}
    earlier = {
        row["skill_id"]: row
        for row in journal.rows(latest_sql, {"cutoff": earlier_end.isoformat()})
    }
    in_range = _where(
        EntryKind.SKILL_REFLECTION,
        "t.date",
        since=since,
        until=end,
        include_private=include_private,
    )
    count_sql = (
        f"SELECT skill_id, COUNT(*) AS n FROM skillreflection t WHERE {in_range} GROUP BY skill_id"
    )
    counts = {
        row["skill_id"]: int(row["n"]) for row in journal.rows(count_sql, range_params(since, end))
    }
    spokes: list[RadarSpoke] = []
    for skill in skills_shown(journal):
        now, before = latest.get(skill["id"]), earlier.get(skill["id"])
        spokes.append(
            RadarSpoke(
                skill_id=skill["id"],
                name=skill["name"],
                headline=bool(skill["headline"]),
                latest=int(now["rating"]) if now else None,
                latest_date=_date(now["date"]) if now else None,
                year_earlier=int(before["rating"]) if before else None,
                year_earlier_date=_date(before["date"]) if before else None,
                target=skill["target_level"],
                ratings_in_range=counts.get(skill["id"], 0),
            )
        )
    return spokes


# --------------------------------------------------------------------------- activity


def activity_per_month(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
) -> list[MonthActivity]:
    """Sessions, helper hours (by start month) and reflections for every month of the range.

    Months without activity are included as zeros; an open range starts at the first entry
    and ends at the last entry (or ``until``). No entries at all gives an empty list.
    """
    _check_range(since, until)

    def where(kind: EntryKind, column: str) -> str:
        return _where(kind, column, since=since, until=until, include_private=include_private)

    sql = (
        "SELECT month, SUM(sessions) AS sessions, SUM(hours) AS hours, "
        "SUM(reflections) AS reflections FROM ("
        "SELECT substr(t.date, 1, 7) AS month, 1 AS sessions, 0.0 AS hours, 0 AS reflections "
        f"FROM mentorsession t WHERE {where(EntryKind.MENTOR_SESSION, 't.date')} "
        "UNION ALL SELECT substr(t.start_date, 1, 7), 0, t.hours, 0 FROM helperassignment t "
        f"WHERE {where(EntryKind.HELPER_ASSIGNMENT, 't.start_date')} AND t.status != 'planned' "
        "UNION ALL SELECT substr(t.date, 1, 7), 0, 0.0, 1 FROM skillreflection t "
        f"WHERE {where(EntryKind.SKILL_REFLECTION, 't.date')}"
        ") GROUP BY month ORDER BY month"
    )
    rows = {row["month"]: row for row in journal.rows(sql, range_params(since, until))}
    if not rows:
        return []
    first = since or dt.date.fromisoformat(min(rows) + "-01")
    last = until or dt.date.fromisoformat(max(rows) + "-01")
    activity: list[MonthActivity] = []
    for month in months_between(first, last):
        row = rows.get(month.isoformat()[:7])
        activity.append(
            MonthActivity(
                month=month,
                sessions=int(row["sessions"]) if row else 0,
                helper_hours=float(row["hours"]) if row else 0.0,
                reflections=int(row["reflections"]) if row else 0,
            )
        )
    return activity


def helper_hours_by_kind(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
) -> list[KindHours]:
    """Hours volunteered per assignment kind, most hours first (planned work not counted)."""
    _check_range(since, until)
    where = _where(
        EntryKind.HELPER_ASSIGNMENT,
        "t.start_date",
        since=since,
        until=until,
        include_private=include_private,
    )
    sql = (
        "SELECT t.kind AS kind, SUM(t.hours) AS hours, COUNT(*) AS n FROM helperassignment t "
        f"WHERE {where}"
        " AND t.status != 'planned' GROUP BY t.kind ORDER BY hours DESC, t.kind"
    )
    return [
        KindHours(kind=AssignmentKind(row["kind"]), hours=float(row["hours"]), assignments=row["n"])
        for row in journal.rows(sql, range_params(since, until))
    ]


# --------------------------------------------------------------------------- mentors


def mentor_cadence(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
    today: dt.date | None = None,
    mentor_id: int | None = None,
    with_gaps: bool = True,
) -> list[MentorCadence]:
    """For each active mentor (or the one ``mentor_id``): the gaps between sessions in the
    range, and when the next session is due by :mod:`pmo_journal.core.cadence`.

    The one reading of mentor cadence: the dashboard, the report and the in-app reminders
    all use it. Mentors are the people marked as mentors or given a cadence; archived
    people are left out, and a snoozed reminder is not overdue until the snooze ends.
    ``include_private=False`` leaves out private people and private sessions;
    ``with_gaps=False`` reads only the reminders (every gap is left empty).
    """
    _check_range(since, until)
    today = today or clock.today()
    rows = journal.rows
    reminders = headline.mentor_reminders(
        rows, public=public_rule(include_private), today=today, mentor_id=mentor_id
    )
    ids = [int(person["id"]) for person, _reminder in reminders] if with_gaps else []
    gaps = _gaps_in_range(journal, ids, since, until, include_private=include_private)
    cadences: list[MentorCadence] = []
    for person, reminder in reminders:
        overdue = headline.is_overdue(reminder)
        cadences.append(
            MentorCadence(
                person_id=int(person["id"]),
                name=person["name"],
                cadence_days=reminder.cadence_days,
                gaps=gaps.get(int(person["id"]), ()),
                last_session=reminder.last_session,
                next_due=reminder.next_due,
                overdue=overdue,
                days_overdue=reminder.days_overdue if overdue else 0,
                snoozed_until=reminder.snoozed_until,
                snoozed=reminder.snoozed,
                reminder=reminder,
            )
        )
    return cadences


def gaps_sql(mentor_ids: str, *, include_private: bool) -> str:
    """Every session up to ``:until`` of the mentors ``mentor_ids`` (a comma-separated list)
    with the days since the one before: ``id, mentor_id, date, gap``."""
    public = public_sql(EntryKind.MENTOR_SESSION, "s", include_private=include_private)
    return (
        "SELECT s.id, s.mentor_id, s.date, CAST(julianday(s.date) - julianday(LAG(s.date) "
        "OVER (PARTITION BY s.mentor_id ORDER BY s.date, s.id)) AS INTEGER) AS gap "
        f"FROM mentorsession s WHERE s.mentor_id IN ({mentor_ids}) AND s.deleted_at IS NULL "
        f"AND {public} AND (:until IS NULL OR s.date <= :until)"
    )


def _gaps_in_range(
    journal: Journal,
    mentor_ids: Sequence[int],
    since: dt.date | None,
    until: dt.date | None,
    *,
    include_private: bool,
) -> dict[int, tuple[CadenceGap, ...]]:
    """Each mentor's sessions in the range with the days since the session before (which
    may lie before the range)."""
    if not mentor_ids:
        return {}
    ids = ", ".join(str(int(one)) for one in mentor_ids)
    sql = (
        f"SELECT id, mentor_id, date, gap FROM ({gaps_sql(ids, include_private=include_private)}) "
        f"WHERE {'date >= :since' if since is not None else '1'} ORDER BY mentor_id, date, id"
    )
    by_mentor: dict[int, list[CadenceGap]] = {}
    for row in journal.rows(sql, range_params(since, until)):
        gap = CadenceGap(int(row["id"]), dt.date.fromisoformat(row["date"]), row["gap"])
        by_mentor.setdefault(int(row["mentor_id"]), []).append(gap)
    return {mentor: tuple(gaps) for mentor, gaps in by_mentor.items()}


def next_session_due(cadences: Sequence[MentorCadence]) -> NextSession | None:
    """The most pressing mentor session: overdue first, then the earliest due date."""
    return headline.most_pressing([cadence.reminder for cadence in cadences])


# --------------------------------------------------------------------------- headline


MS, HA, SR = EntryKind.MENTOR_SESSION, EntryKind.HELPER_ASSIGNMENT, EntryKind.SKILL_REFLECTION


def headline_figures(
    journal: Journal,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_private: bool = True,
    today: dt.date | None = None,
) -> HeadlineFigures:
    """The dashboard's cards: cheap counts, all in one round trip (the statements of
    :mod:`pmo_journal.core.headline`, which the start-up's quick reading runs too)."""
    _check_range(since, until)
    return headline.read_headline(
        journal.rows,
        since=since,
        until=until,
        public=public_rule(include_private),
        today=today or clock.today(),
    )


def rating_point(row: Any, *, reflection_id: int) -> RatingPoint:
    """One rating read from a row of a reflections query."""
    return RatingPoint(
        date=dt.date.fromisoformat(row["date"]),
        rating=int(row["rating"]),
        reflection_id=reflection_id,
        title=f"{row['skill_name']} reflection",
        summary=" ".join((row["summary"] or "").split()),
        starred=bool(row["starred"]),
        private=bool(row["private"]),
    )
