"""The dashboard's series aggregated in SQL to about one point per pixel.

A chart a few hundred pixels wide cannot show 12,000 ratings: they would draw as a smear,
and building them costs seconds. The dashboard asks for buckets instead, a day, a week
or a month wide depending on the span, each with its count, mean, lowest and highest
rating and its latest entry (the one a click opens). The 90-day trend is read at each
bucket's last rated day. No matplotlib here: this module only reads the journal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Any

from pmo_journal.core import progress
from pmo_journal.core.disclosure import public_sql
from pmo_journal.core.models import EntryKind
from pmo_journal.core.progress import (
    SUMMARY_CHARS,
    TREND_WINDOW_DAYS,
    CadenceGap,
    MentorCadence,
    RatingBucket,
    SkillSeries,
    TrendPoint,
)
from pmo_journal.core.storage.db import Journal

#: About the width in pixels of a dashboard chart's plot: the most buckets a series gets.
POINTS_ACROSS = 400


class Bucket(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def bucket_for(first: dt.date, last: dt.date) -> Bucket:
    """Days while they fit across a chart, then weeks, then months."""
    days = (last - first).days + 1
    if days <= POINTS_ACROSS:
        return Bucket.DAY
    if days <= POINTS_ACROSS * 7:
        return Bucket.WEEK
    return Bucket.MONTH


def bucket_sql(column: str, bucket: Bucket) -> str:
    """The first day of the bucket holding ``column`` (an ISO date), in SQL."""
    if bucket is Bucket.DAY:
        return column
    if bucket is Bucket.WEEK:
        return f"date({column}, '-6 days', 'weekday 1')"  # the Monday of its week
    return f"substr({column}, 1, 7) || '-01'"


def bucket_start(day: dt.date, bucket: Bucket) -> dt.date:
    """What :func:`bucket_sql` computes, in Python (for tests and tooltips)."""
    if bucket is Bucket.DAY:
        return day
    if bucket is Bucket.WEEK:
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def first_entry_day(journal: Journal, *, include_private: bool) -> dt.date | None:
    """The day of the earliest rating or mentor session: where "All time" starts."""
    parts = [
        f"SELECT MIN(t.date) AS first FROM {table} t WHERE t.deleted_at IS NULL "
        f"AND {public_sql(kind, 't', include_private=include_private)}"
        for table, kind in (
            ("skillreflection", EntryKind.SKILL_REFLECTION),
            ("mentorsession", EntryKind.MENTOR_SESSION),
        )
    ]
    rows = journal.rows(" UNION ALL ".join(parts), {})
    days = [row["first"] for row in rows if row["first"]]
    return dt.date.fromisoformat(min(days)) if days else None


def period_bucket(
    journal: Journal, since: dt.date | None, until: dt.date, *, include_private: bool
) -> Bucket:
    """The bucket for a dashboard period (an open start begins at the first entry)."""
    first = since or first_entry_day(journal, include_private=include_private) or until
    return bucket_for(min(first, until), until)


# --------------------------------------------------------------------------- skills


def skill_growth_buckets(
    journal: Journal,
    *,
    since: dt.date | None,
    until: dt.date | None,
    bucket: Bucket,
    include_private: bool = True,
) -> list[SkillSeries]:
    """Every skill's ratings in the range, one :class:`RatingBucket` per ``bucket``."""
    public = public_sql(EntryKind.SKILL_REFLECTION, "r", include_private=include_private)
    inner = [public]
    if since is not None:
        inner.append("r.date >= :trend_since")
    if until is not None:
        inner.append("r.date <= :until")
    sql = (
        "WITH days AS ("
        "SELECT r.skill_id, r.date, COUNT(*) AS n, SUM(r.rating) AS total, "
        "MIN(r.rating) AS low, MAX(r.rating) AS high, MAX(r.id) AS last_id "
        f"FROM skillreflection r WHERE r.deleted_at IS NULL AND {' AND '.join(inner)} "
        "GROUP BY r.skill_id, r.date), "
        "trended AS (SELECT *, "
        f"{bucket_sql('date', bucket)} AS bucket, "
        "SUM(total) OVER w * 1.0 / SUM(n) OVER w AS trend FROM days "
        "WINDOW w AS (PARTITION BY skill_id ORDER BY julianday(date) "
        f"RANGE BETWEEN {TREND_WINDOW_DAYS - 1} PRECEDING AND CURRENT ROW)), "
        "ranked AS (SELECT *, ROW_NUMBER() OVER "
        "(PARTITION BY skill_id, bucket ORDER BY date DESC) AS position FROM trended "
        f"WHERE {'date >= :since' if since is not None else '1'}), "
        "buckets AS (SELECT skill_id, bucket, SUM(n) AS n, SUM(total) * 1.0 / SUM(n) AS mean, "
        "MIN(low) AS low, MAX(high) AS high, "
        "MAX(CASE WHEN position = 1 THEN trend END) AS trend, "
        "MAX(CASE WHEN position = 1 THEN last_id END) AS last_id FROM ranked "
        "GROUP BY skill_id, bucket) "
        "SELECT b.*, r.date, r.rating, r.starred, r.private, s.name AS skill_name, "
        f"substr(CASE WHEN r.result != '' THEN r.result ELSE r.situation END, 1, {SUMMARY_CHARS})"
        " AS summary FROM buckets b JOIN skillreflection r ON r.id = b.last_id "
        "JOIN skill s ON s.id = b.skill_id ORDER BY b.skill_id, b.bucket"
    )
    params = progress.range_params(since, until, trend_since=progress.trend_start(since))
    by_skill: dict[int, list[Any]] = {}
    for row in journal.rows(sql, params):
        by_skill.setdefault(row["skill_id"], []).append(row)
    series: list[SkillSeries] = []
    for skill in progress.skills_shown(journal):
        rows = by_skill.get(skill["id"], [])
        buckets = tuple(_rating_bucket(row) for row in rows)
        series.append(
            SkillSeries(
                skill_id=skill["id"],
                name=skill["name"],
                headline=bool(skill["headline"]),
                target_level=skill["target_level"],
                points=(),
                trend=tuple(
                    TrendPoint(b.latest.date, float(r["trend"]))
                    for b, r in zip(buckets, rows, strict=True)
                ),
                buckets=buckets,
            )
        )
    return series


def _rating_bucket(row: Any) -> RatingBucket:
    latest = progress.rating_point(row, reflection_id=int(row["last_id"]))
    return RatingBucket(
        start=dt.date.fromisoformat(row["bucket"]),
        count=int(row["n"]),
        mean=float(row["mean"]),
        low=int(row["low"]),
        high=int(row["high"]),
        latest=latest,
    )


# --------------------------------------------------------------------------- cadence


def cadence_buckets(
    journal: Journal,
    cadences: Sequence[MentorCadence],
    *,
    since: dt.date | None,
    until: dt.date | None,
    bucket: Bucket,
    include_private: bool = True,
) -> list[MentorCadence]:
    """``cadences`` with their gaps in one point per ``bucket``: the mean gap, at the
    bucket's latest session (the one a click opens)."""
    ids = ", ".join(str(int(c.person_id)) for c in cadences)
    if not ids:
        return list(cadences)
    gaps = progress.gaps_sql(ids, include_private=include_private)
    sql = (
        f"WITH gaps AS (SELECT *, {bucket_sql('date', bucket)} AS bucket FROM ({gaps})"
        f" WHERE gap IS NOT NULL AND {'date >= :since' if since is not None else '1'}), "
        "ranked AS (SELECT *, ROW_NUMBER() OVER "
        "(PARTITION BY mentor_id, bucket ORDER BY date DESC, id DESC) AS position FROM gaps) "
        "SELECT mentor_id, bucket, COUNT(*) AS n, AVG(gap) AS gap, "
        "MAX(CASE WHEN position = 1 THEN id END) AS id, "
        "MAX(CASE WHEN position = 1 THEN date END) AS date "
        "FROM ranked GROUP BY mentor_id, bucket ORDER BY mentor_id, bucket"
    )
    by_mentor: dict[int, list[CadenceGap]] = {}
    for row in journal.rows(sql, progress.range_params(since, until)):
        gap = CadenceGap(
            int(row["id"]),
            dt.date.fromisoformat(row["date"]),
            round(float(row["gap"])),
            sessions=int(row["n"]),
        )
        by_mentor.setdefault(int(row["mentor_id"]), []).append(gap)
    return [replace(c, gaps=tuple(by_mentor.get(c.person_id, ()))) for c in cadences]
