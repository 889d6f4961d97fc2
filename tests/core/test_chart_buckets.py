"""The dashboard's buckets, checked against the raw ratings and gaps they aggregate."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections import defaultdict
from collections.abc import Iterator

import pytest

from pmo_journal.core import progress
from pmo_journal.core.charts import aggregate
from pmo_journal.core.charts.aggregate import Bucket
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import timeline
from pmo_journal.core.storage.db import Journal
from tests.journal_data import meet, mentor, reflect, skill_ids
from tests.journal_template import JournalTemplate

D = dt.date
START = D(2023, 1, 2)
TODAY = D(2025, 12, 31)


@pytest.fixture(scope="module")
def rated(
    journal_template: JournalTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Journal]:
    """Three years of ratings of two skills, several on some days, some private, one
    deleted; and two mentors' sessions at uneven gaps. Built once: every test only reads."""
    folder = tmp_path_factory.mktemp("rated")
    journal = Journal.open(journal_template.copy_to(folder / "rated.db"), auto_backup=False)
    rng = random.Random(7)
    skills = list(skill_ids(journal).values())[:2]
    made = []
    for _ in range(160):
        day = START + dt.timedelta(days=rng.randrange((TODAY - START).days))
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            made.append(
                reflect(
                    journal,
                    rng.choice(skills),
                    day,
                    rng.randint(1, 5),
                    private=rng.random() < 0.15,
                )
            )
    timeline.delete_entry(journal, EntryKind.SKILL_REFLECTION, made[5])
    for name in ("Dana Mentor", "Sam Mentor"):
        person = mentor(journal, name)
        day = START
        while day < TODAY:
            meet(journal, person, day, private=rng.random() < 0.1)
            day += dt.timedelta(days=rng.randint(3, 70))
    yield journal
    journal.close()


Row = tuple[dt.date, int, float, int, int, int, float]


def _expected(series: progress.SkillSeries, bucket: Bucket) -> list[Row]:
    """Each bucket from the raw points: start, count, mean, low, high, latest id, trend."""
    trend = {point.date: point.mean for point in series.trend}
    grouped: dict[dt.date, list[progress.RatingPoint]] = defaultdict(list)
    for point in series.points:
        grouped[aggregate.bucket_start(point.date, bucket)].append(point)
    rows = []
    for start, points in sorted(grouped.items()):
        ratings = [p.rating for p in points]
        latest = max(points, key=lambda p: (p.date, p.reflection_id))
        rows.append(
            (
                start,
                len(points),
                sum(ratings) / len(ratings),
                min(ratings),
                max(ratings),
                latest.reflection_id,
                trend[latest.date],
            )
        )
    return rows


def _rounded(rows: list[Row]) -> list[Row]:
    return [(a, b, round(c, 9), d, e, f, round(g, 9)) for a, b, c, d, e, f, g in rows]


def _found(series: progress.SkillSeries) -> list[Row]:
    return [
        (b.start, b.count, b.mean, b.low, b.high, b.latest.reflection_id, t.mean)
        for b, t in zip(series.buckets, series.trend, strict=True)
    ]


@pytest.mark.parametrize("bucket", list(Bucket))
@pytest.mark.parametrize(
    ("since", "until"), [(None, TODAY), (D(2024, 3, 14), D(2025, 2, 9)), (D(2025, 6, 1), None)]
)
@pytest.mark.parametrize("include_private", [True, False])
def test_every_bucket_agrees_with_the_raw_ratings(
    rated: Journal,
    bucket: Bucket,
    since: dt.date | None,
    until: dt.date | None,
    include_private: bool,
) -> None:
    raw = progress.skill_growth_series(
        rated, since=since, until=until, include_private=include_private
    )
    buckets = aggregate.skill_growth_buckets(
        rated, since=since, until=until, bucket=bucket, include_private=include_private
    )
    assert [s.skill_id for s in buckets] == [s.skill_id for s in raw]
    for one, many in zip(buckets, raw, strict=True):
        assert one.ratings == len(many.points)
        assert _rounded(_found(one)) == _rounded(_expected(many, bucket))
        latest = {p.reflection_id: p for p in many.points}
        assert all(b.latest == latest[b.latest.reflection_id] for b in one.buckets)


def test_a_day_bucket_of_one_rating_is_that_rating(rated: Journal) -> None:
    raw = progress.skill_growth_series(rated, since=D(2025, 1, 1), until=TODAY)[0]
    days = aggregate.skill_growth_buckets(
        rated, since=D(2025, 1, 1), until=TODAY, bucket=Bucket.DAY
    )
    singles = [b for b in days[0].buckets if b.count == 1]
    assert singles and all(progress.RatingBucket.of(b.latest) == b for b in singles)
    assert days[0].ratings == len(raw.points)


@pytest.mark.parametrize("bucket", list(Bucket))
@pytest.mark.parametrize("since", [None, D(2024, 5, 5)])
def test_cadence_buckets_average_the_gaps_they_hold(
    rated: Journal, bucket: Bucket, since: dt.date | None
) -> None:
    raw = progress.mentor_cadence(rated, since=since, until=TODAY, today=TODAY)
    buckets = aggregate.cadence_buckets(rated, raw, since=since, until=TODAY, bucket=bucket)
    for plain, grouped in zip(raw, buckets, strict=True):
        expected: dict[dt.date, list[progress.CadenceGap]] = defaultdict(list)
        for gap in plain.gaps:
            if gap.days_since_previous is not None:
                expected[aggregate.bucket_start(gap.date, bucket)].append(gap)
        assert len(grouped.gaps) == len(expected)
        for gap, (_, gaps) in zip(grouped.gaps, sorted(expected.items()), strict=True):
            days = [g.days_since_previous or 0 for g in gaps]
            assert gap.sessions == len(gaps)
            assert gap.days_since_previous == round(sum(days) / len(days))
            assert gap.session_id == gaps[-1].session_id and gap.date == gaps[-1].date


def test_the_bucket_follows_the_span() -> None:
    assert aggregate.bucket_for(D(2025, 1, 1), D(2025, 12, 31)) is Bucket.DAY
    assert aggregate.bucket_for(D(2020, 1, 1), D(2025, 12, 31)) is Bucket.WEEK
    assert aggregate.bucket_for(D(2006, 1, 1), D(2025, 12, 31)) is Bucket.MONTH


def test_sql_and_python_agree_on_where_a_bucket_starts() -> None:
    days = [START + dt.timedelta(days=n) for n in range(0, 800, 3)]
    connection = sqlite3.connect(":memory:")
    for bucket in Bucket:
        sql = f"SELECT {aggregate.bucket_sql('?', bucket)}"
        for day in days:
            (start,) = connection.execute(sql, (day.isoformat(),)).fetchone()
            assert D.fromisoformat(start) == aggregate.bucket_start(day, bucket)
    connection.close()


def test_all_time_starts_at_the_first_entry(rated: Journal, journal: Journal) -> None:
    first = aggregate.first_entry_day(rated, include_private=True)
    assert first is not None and first <= START + dt.timedelta(days=30)
    assert aggregate.period_bucket(rated, None, TODAY, include_private=True) is Bucket.WEEK
    assert aggregate.period_bucket(rated, D(2025, 1, 1), TODAY, include_private=True) is Bucket.DAY
