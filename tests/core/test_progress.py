"""The dashboard's aggregates, on hand-built journals whose answers are known."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core import progress
from pmo_journal.core.cadence import CadenceStatus
from pmo_journal.core.models import AssignmentKind, AssignmentStatus, EntryKind, Person
from pmo_journal.core.services import people, timeline
from pmo_journal.core.services.skills import set_target_level
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from tests.journal_data import assist, meet, mentor, reflect, skill_ids

D = dt.date
STRATEGIC = "Strategic thinking"
COLLAB = "Collaborative leadership"


def _series(journal: Journal, name: str, **kwargs: object) -> progress.SkillSeries:
    by_name = {s.name: s for s in progress.skill_growth_series(journal, **kwargs)}  # type: ignore[arg-type]
    return by_name[name]


# --------------------------------------------------------------------------- no data


def test_an_empty_journal_gives_empty_answers(journal: Journal) -> None:
    series = progress.skill_growth_series(journal)
    assert [s.name for s in series][:2] == [COLLAB, STRATEGIC]
    assert all(s.points == () and s.trend == () for s in series)
    assert series[0].headline and not series[2].headline
    assert progress.evidence_per_month(journal) == []
    assert progress.activity_per_month(journal) == []
    assert progress.helper_hours_by_kind(journal) == []
    assert progress.mentor_cadence(journal) == []
    assert all(
        spoke.latest is None and spoke.year_earlier is None for spoke in progress.radar(journal)
    )
    figures = progress.headline_figures(journal, today=D(2025, 5, 1))
    assert figures == progress.HeadlineFigures(0, 0, 0.0, 0, 0, None)


def test_a_range_that_ends_before_it_starts_is_refused(journal: Journal) -> None:
    with pytest.raises(JournalError, match="start of the range is after its end"):
        progress.activity_per_month(journal, since=D(2025, 2, 1), until=D(2025, 1, 1))


# --------------------------------------------------------------------------- skill growth


def test_a_single_rating_is_a_series_of_one(journal: Journal) -> None:
    skill = skill_ids(journal)[STRATEGIC]
    reflection = reflect(journal, skill, D(2025, 3, 15), 3, situation="Weighed the funnel.")
    series = _series(journal, STRATEGIC)
    assert series.points == (
        progress.RatingPoint(
            date=D(2025, 3, 15),
            rating=3,
            reflection_id=reflection,
            title="Strategic thinking reflection",
            summary="Weighed the funnel.",
            starred=False,
            private=False,
        ),
    )
    assert series.points[0].kind == EntryKind.SKILL_REFLECTION.value
    assert series.trend == (progress.TrendPoint(D(2025, 3, 15), 3.0),)


def test_the_trend_is_the_mean_of_the_last_ninety_days(journal: Journal) -> None:
    skill = skill_ids(journal)[STRATEGIC]
    start = D(2025, 1, 1)
    for offset, rating in [(0, 2), (60, 4), (89, 3), (150, 5)]:
        reflect(journal, skill, start + dt.timedelta(days=offset), rating)
    trend = {p.date: p.mean for p in _series(journal, STRATEGIC).trend}
    assert trend[start] == 2.0
    assert trend[start + dt.timedelta(days=60)] == 3.0
    # Day 89 still sees day 0 (a 90-day window counts both ends' days)...
    assert trend[start + dt.timedelta(days=89)] == 3.0
    # ...and day 150 sees days 61..150: day 89 and itself, not day 60.
    assert trend[start + dt.timedelta(days=150)] == 4.0


def test_ratings_on_month_boundaries_fall_in_their_own_month(journal: Journal) -> None:
    skill = skill_ids(journal)[STRATEGIC]
    reflect(journal, skill, D(2025, 1, 31), 2)
    reflect(journal, skill, D(2025, 2, 1), 4)
    reflect(journal, skill, D(2025, 2, 28), 3)
    evidence = progress.evidence_per_month(journal)
    assert [(e.month, e.count) for e in evidence] == [(D(2025, 1, 1), 1), (D(2025, 2, 1), 2)]
    activity = progress.activity_per_month(journal)
    assert [(a.month, a.reflections) for a in activity] == [(D(2025, 1, 1), 1), (D(2025, 2, 1), 2)]

    february = _series(journal, STRATEGIC, since=D(2025, 2, 1), until=D(2025, 2, 28))
    assert [p.date for p in february.points] == [D(2025, 2, 1), D(2025, 2, 28)]
    # The trend at the start of the range still remembers January 31.
    assert february.trend[0] == progress.TrendPoint(D(2025, 2, 1), 3.0)


def test_private_and_deleted_reflections(journal: Journal) -> None:
    skill = skill_ids(journal)[COLLAB]
    reflect(journal, skill, D(2025, 4, 1), 2)
    reflect(journal, skill, D(2025, 4, 2), 4, private=True)
    gone = reflect(journal, skill, D(2025, 4, 3), 5)
    timeline.delete_entry(journal, EntryKind.SKILL_REFLECTION, gone)
    assert [p.rating for p in _series(journal, COLLAB).points] == [2, 4]
    public = _series(journal, COLLAB, include_private=False)
    assert [p.rating for p in public.points] == [2]
    assert [t.mean for t in public.trend] == [2.0]


def test_evidence_counts_entries_of_every_kind(journal: Journal) -> None:
    ids = skill_ids(journal)
    dana = mentor(journal)
    meet(journal, dana, D(2025, 5, 2), skills=[ids[STRATEGIC], ids[COLLAB]])
    assist(journal, D(2025, 5, 20), 3, skills=[ids[STRATEGIC]])
    reflect(journal, ids[STRATEGIC], D(2025, 5, 31), 3)
    meet(journal, dana, D(2025, 6, 1), skills=[ids[STRATEGIC]], private=True)
    counts = {(e.skill_id, e.month): e.count for e in progress.evidence_per_month(journal)}
    assert counts == {
        (ids[COLLAB], D(2025, 5, 1)): 1,
        (ids[STRATEGIC], D(2025, 5, 1)): 3,
        (ids[STRATEGIC], D(2025, 6, 1)): 1,
    }
    public = progress.evidence_per_month(journal, include_private=False, since=D(2025, 5, 15))
    assert [(e.skill_id, e.count) for e in public] == [(ids[STRATEGIC], 2)]


# --------------------------------------------------------------------------- radar


def test_radar_compares_now_with_twelve_months_earlier_and_the_target(journal: Journal) -> None:
    ids = skill_ids(journal)
    reflect(journal, ids[STRATEGIC], D(2024, 3, 1), 2)
    reflect(journal, ids[STRATEGIC], D(2024, 6, 30), 3)
    reflect(journal, ids[STRATEGIC], D(2025, 6, 1), 4)
    set_target_level(journal, ids[STRATEGIC], level=5)
    spokes = {s.name: s for s in progress.radar(journal, until=D(2025, 6, 30))}
    strategic = spokes[STRATEGIC]
    assert (strategic.latest, strategic.year_earlier, strategic.target) == (4, 3, 5)
    assert strategic.year_earlier_date == D(2024, 6, 30)
    assert strategic.ratings_in_range == 3
    assert (spokes[COLLAB].latest, spokes[COLLAB].target) == (None, None)

    narrow = {s.name: s for s in progress.radar(journal, since=D(2025, 1, 1), until=D(2025, 6, 29))}
    assert (narrow[STRATEGIC].latest, narrow[STRATEGIC].year_earlier) == (4, 2)
    assert narrow[STRATEGIC].ratings_in_range == 1


# --------------------------------------------------------------------------- activity


def test_activity_per_month_fills_the_quiet_months(journal: Journal) -> None:
    ids = skill_ids(journal)
    dana = mentor(journal)
    meet(journal, dana, D(2025, 1, 15))
    assist(journal, D(2025, 1, 20), 2.5)
    assist(journal, D(2025, 3, 1), 4)
    assist(journal, D(2025, 3, 2), 10, status=AssignmentStatus.PLANNED)
    reflect(journal, ids[COLLAB], D(2025, 3, 31), 3)
    months = progress.activity_per_month(journal, since=D(2024, 12, 10), until=D(2025, 4, 5))
    assert [(m.month, m.sessions, m.helper_hours, m.reflections) for m in months] == [
        (D(2024, 12, 1), 0, 0.0, 0),
        (D(2025, 1, 1), 1, 2.5, 0),
        (D(2025, 2, 1), 0, 0.0, 0),
        (D(2025, 3, 1), 0, 4.0, 1),
        (D(2025, 4, 1), 0, 0.0, 0),
    ]
    assert [m.month for m in progress.activity_per_month(journal)] == [
        D(2025, 1, 1),
        D(2025, 2, 1),
        D(2025, 3, 1),
    ]


def test_helper_hours_by_kind_most_first(journal: Journal) -> None:
    assist(journal, D(2025, 1, 1), 2, kind=AssignmentKind.MINUTES)
    assist(journal, D(2025, 2, 1), 3, kind=AssignmentKind.MINUTES)
    assist(journal, D(2025, 2, 1), 8, kind=AssignmentKind.METRICS_ANALYSIS)
    assist(journal, D(2025, 2, 1), 1, kind=AssignmentKind.SHADOWING, private=True)
    assist(
        journal, D(2025, 2, 1), 9, kind=AssignmentKind.SHADOWING, status=AssignmentStatus.PLANNED
    )
    rows = progress.helper_hours_by_kind(journal)
    assert [(r.kind, r.hours, r.assignments) for r in rows] == [
        (AssignmentKind.METRICS_ANALYSIS, 8.0, 1),
        (AssignmentKind.MINUTES, 5.0, 2),
        (AssignmentKind.SHADOWING, 1.0, 1),
    ]
    assert rows[0].label == "Metrics analysis"
    public = progress.helper_hours_by_kind(journal, include_private=False, since=D(2025, 2, 1))
    assert [(r.kind, r.hours) for r in public] == [
        (AssignmentKind.METRICS_ANALYSIS, 8.0),
        (AssignmentKind.MINUTES, 3.0),
    ]


# --------------------------------------------------------------------------- cadence


def test_cadence_gaps_next_due_and_overdue(journal: Journal) -> None:
    dana = mentor(journal, cadence_days=30)
    first = meet(journal, dana, D(2025, 1, 10))
    meet(journal, dana, D(2025, 2, 9))
    meet(journal, dana, D(2025, 4, 10))  # a 60-day gap
    [cadence] = progress.mentor_cadence(journal, today=D(2025, 6, 1))
    assert [(g.date, g.days_since_previous) for g in cadence.gaps] == [
        (D(2025, 1, 10), None),
        (D(2025, 2, 9), 30),
        (D(2025, 4, 10), 60),
    ]
    assert cadence.gaps[0].session_id == first
    assert cadence.mean_gap_days == 45
    assert (cadence.last_session, cadence.next_due) == (D(2025, 4, 10), D(2025, 5, 10))
    assert (cadence.overdue, cadence.days_overdue) == (True, 22)

    # A range keeps the gap measured from the session before it.
    [spring] = progress.mentor_cadence(journal, since=D(2025, 3, 1), today=D(2025, 6, 1))
    assert [(g.date, g.days_since_previous) for g in spring.gaps] == [(D(2025, 4, 10), 60)]

    figures = progress.headline_figures(journal, today=D(2025, 6, 1))
    assert figures.next_session == progress.NextSession(
        dana, "Dana Mentor", D(2025, 5, 10), True, 22
    )


def test_a_change_of_cadence_moves_the_due_date(journal: Journal) -> None:
    dana = mentor(journal, cadence_days=30)
    meet(journal, dana, D(2025, 4, 10))
    people.update_person(
        journal, dana, data={"name": "Dana Mentor", "relationship": "mentor", "cadence_days": 90}
    )
    [cadence] = progress.mentor_cadence(journal, today=D(2025, 6, 1))
    # Multiples of 30 days step by calendar months, as the reminders do.
    assert (cadence.cadence_days, cadence.next_due, cadence.overdue) == (90, D(2025, 7, 10), False)


def test_the_agreed_next_date_wins_and_snoozes_are_respected(journal: Journal) -> None:
    dana = mentor(journal, cadence_days=30)
    meet(journal, dana, D(2025, 4, 10), next_session=D(2025, 4, 20))
    [cadence] = progress.mentor_cadence(journal, today=D(2025, 4, 25))
    assert (cadence.next_due, cadence.overdue, cadence.days_overdue) == (D(2025, 4, 20), True, 5)
    with journal.session() as session:
        person = session.get(Person, dana)
        assert person is not None
        person.reminder_snoozed_until = D(2025, 4, 30)
        session.add(person)
    [snoozed] = progress.mentor_cadence(journal, today=D(2025, 4, 25))
    assert (snoozed.overdue, snoozed.snoozed) == (False, True)
    [awake] = progress.mentor_cadence(journal, today=D(2025, 5, 1))
    assert (awake.overdue, awake.days_overdue) == (True, 11)


def test_due_dates_agree_with_the_mentor_reminders(journal: Journal) -> None:
    dana = mentor(journal, "Dana Mentor", cadence_days=30)
    mentor(journal, "Sam Mentor", cadence_days=14)  # no session yet: due from when added
    meet(journal, dana, D(2025, 1, 31))
    today = D(2025, 3, 15)
    shown = {c.name: (c.next_due, c.overdue) for c in progress.mentor_cadence(journal, today=today)}
    reminded = {
        c.reminder.mentor_name: (c.reminder.next_due, c.reminder.status == CadenceStatus.OVERDUE)
        for c in progress.mentor_cadence(journal, today=today)
    }
    assert shown == reminded
    assert shown["Dana Mentor"] == (D(2025, 2, 28), True)


def test_archived_and_private_mentors(journal: Journal) -> None:
    dana = mentor(journal, "Dana Mentor")
    sam = mentor(journal, "Sam Mentor")
    meet(journal, dana, D(2025, 1, 1))
    meet(journal, sam, D(2025, 1, 1), private=True)
    assert [c.name for c in progress.mentor_cadence(journal)] == ["Dana Mentor", "Sam Mentor"]
    sam_public = progress.mentor_cadence(journal, include_private=False)
    assert [(c.name, c.last_session) for c in sam_public] == [
        ("Dana Mentor", D(2025, 1, 1)),
        ("Sam Mentor", None),
    ]
    people.set_person_archived(journal, dana, archived=True)
    assert [c.name for c in progress.mentor_cadence(journal)] == ["Sam Mentor"]


# --------------------------------------------------------------------------- headline


def test_headline_figures(journal: Journal) -> None:
    ids = skill_ids(journal)
    dana = mentor(journal)
    meet(journal, dana, D(2025, 3, 31), actions=["Read the PMO charter"])  # last quarter
    meet(journal, dana, D(2025, 4, 1), actions=["Draft the RAID log", "Book the CoP room"])
    meet(journal, dana, D(2025, 5, 1), private=True, actions=["Private thing"])
    assist(journal, D(2025, 4, 2), 6)
    assist(journal, D(2025, 4, 3), 1.5, private=True)
    reflect(journal, ids[COLLAB], D(2025, 4, 4), 3)
    figures = progress.headline_figures(
        journal, since=D(2025, 4, 1), until=D(2025, 6, 30), today=D(2025, 5, 15)
    )
    assert figures.sessions_this_quarter == 2
    assert figures.sessions_in_range == 2
    assert figures.hours_volunteered == 7.5
    assert figures.reflections == 1
    assert figures.open_action_items == 4
    assert figures.next_session is not None and figures.next_session.due == D(2025, 6, 1)
    public = progress.headline_figures(
        journal,
        since=D(2025, 4, 1),
        until=D(2025, 6, 30),
        today=D(2025, 5, 15),
        include_private=False,
    )
    assert (public.sessions_this_quarter, public.hours_volunteered) == (1, 6.0)
    assert public.open_action_items == 3
    assert public.next_session is not None and public.next_session.due == D(2025, 5, 1)


def test_date_helpers() -> None:
    assert progress.add_months(D(2025, 3, 31), -1) == D(2025, 2, 28)
    assert progress.add_months(D(2024, 2, 29), -12) == D(2023, 2, 28)
    assert progress.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert progress.last_months(6, today=D(2025, 6, 30)) == (D(2025, 1, 1), D(2025, 6, 30))
    assert progress.last_months(12, today=D(2025, 1, 1)) == (D(2024, 2, 1), D(2025, 1, 1))
    assert progress.quarter_start(D(2025, 12, 31)) == D(2025, 10, 1)
    assert progress.months_between(D(2024, 11, 30), D(2025, 1, 1)) == [
        D(2024, 11, 1),
        D(2024, 12, 1),
        D(2025, 1, 1),
    ]


def test_hours_read_as_people_say_them() -> None:
    assert [progress.hours_text(h) for h in (12, 7.5, 75.75, 0.2, 1250.4)] == [
        "12",
        "7.5",
        "76",
        "0",
        "1,250",
    ]
