"""The demo journal: realistic, complete, dated up to today, and written all or nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_journal.core import clock
from pmo_journal.core.demo import build as demo
from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.demo.plans import add_months
from pmo_journal.core.models import AssignmentKind, AssignmentStatus, EntryKind
from pmo_journal.core.services.action_items import list_action_items
from pmo_journal.core.services.mentor_sessions import get_mentor_session
from pmo_journal.core.services.timeline import TimelineFilter, count_timeline, list_timeline
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

TODAY = dt.date(2026, 3, 31)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, seed=7, years=3, today=TODAY)
    return path


@pytest.fixture
def db(demo_db: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(demo_db)
    yield connection
    connection.close()


def column(db: sqlite3.Connection, sql: str) -> list:
    return [row[0] for row in db.execute(sql)]


def test_counts_match_what_is_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    counts = build_demo_journal(path, years=2, today=TODAY)
    connection = sqlite3.connect(path)
    table_of = {
        "people": "person",
        "mentor_sessions": "mentorsession",
        "action_items": "actionitem",
        "helper_assignments": "helperassignment",
        "skill_reflections": "skillreflection",
        "career_goals": "careergoal",
        "milestones": "milestone",
        "pdu_claims": "pduclaim",
    }
    for name, value in counts.as_dict().items():
        assert connection.execute(f"SELECT COUNT(*) FROM {table_of[name]}").fetchone()[0] == value
    connection.close()
    assert counts.entries == counts.mentor_sessions + counts.helper_assignments + (
        counts.skill_reflections
    )


def test_two_mentors_meet_about_monthly(db: sqlite3.Connection) -> None:
    mentors = column(db, "SELECT id FROM person WHERE relationship = 'mentor'")
    assert len(mentors) == 2
    for mentor in mentors:
        dates = [
            dt.date.fromisoformat(day)
            for day in column(
                db, f"SELECT date FROM mentorsession WHERE mentor_id = {mentor} ORDER BY date"
            )
        ]
        gaps = [(later - earlier).days for earlier, later in itertools.pairwise(dates)]
        assert len(dates) >= 10
        assert 25 <= statistics.median(gaps) <= 50
        assert max(dates) <= TODAY


def test_sessions_carry_the_pmo_details(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT topics, decisions, takeaways, next_session_date, date FROM mentorsession"
    ).fetchall()
    for topics, decisions, takeaways, next_date, day in rows:
        assert topics and takeaways
        assert "Logic:" in decisions
        assert next_date > day
    untouched = column(
        db,
        "SELECT COUNT(*) FROM mentorsession s WHERE NOT EXISTS "
        "(SELECT 1 FROM mentorsessionskilllink l WHERE l.session_id = s.id)",
    )
    assert untouched == [0]


def test_people_of_every_relationship_some_outside_the_department(db: sqlite3.Connection) -> None:
    relationships = set(column(db, "SELECT relationship FROM person"))
    assert relationships == {"mentor", "pmo_leader", "peer", "mentee"}
    assert column(db, "SELECT COUNT(*) FROM person WHERE other_department")[0] >= 2


def test_helper_assignments_of_every_kind_and_status(db: sqlite3.Connection) -> None:
    assert set(column(db, "SELECT kind FROM helperassignment")) == {k.value for k in AssignmentKind}
    statuses = set(column(db, "SELECT status FROM helperassignment"))
    assert {AssignmentStatus.DONE, AssignmentStatus.IN_PROGRESS, AssignmentStatus.PLANNED} <= {
        AssignmentStatus(s) for s in statuses
    }
    done = db.execute(
        "SELECT hours, outcome, feedback, end_date FROM helperassignment WHERE status = 'done'"
    ).fetchall()
    assert all(hours > 0 and outcome and feedback and end for hours, outcome, feedback, end in done)
    assert column(db, "SELECT COUNT(*) FROM helperassignment WHERE NOT for_own_employer")[0] >= 1


def test_action_items_done_open_and_carried(db: sqlite3.Connection) -> None:
    done, still_open = db.execute(
        "SELECT SUM(done_date IS NOT NULL), SUM(done_date IS NULL) FROM actionitem"
    ).fetchone()
    assert done > still_open > 0
    assert column(db, "SELECT COUNT(*) FROM actionitemcarry")[0] > 0
    early = column(
        db,
        "SELECT COUNT(*) FROM actionitem a JOIN mentorsession s ON s.id = a.session_id "
        "WHERE a.done_date < s.date",
    )
    assert early == [0]


def test_ratings_rise_unevenly_on_every_skill(db: sqlite3.Connection) -> None:
    skills = column(db, "SELECT id FROM skill ORDER BY sort_order")
    dips = 0
    for skill in skills:
        ratings = column(
            db, f"SELECT rating FROM skillreflection WHERE skill_id = {skill} ORDER BY date"
        )
        quarter = len(ratings) // 4
        assert len(ratings) >= 12
        assert statistics.mean(ratings[-quarter:]) > statistics.mean(ratings[:quarter])
        dips += sum(later < earlier for earlier, later in itertools.pairwise(ratings))
    assert dips >= 4
    evidence = db.execute("SELECT situation, action, result FROM skillreflection").fetchall()
    assert all(situation and action and result for situation, action, result in evidence)


def test_nothing_is_reflected_in_the_future(db: sqlite3.Connection) -> None:
    assert column(db, "SELECT MAX(date) FROM skillreflection")[0] <= TODAY.isoformat()
    recent = column(
        db,
        "SELECT COUNT(DISTINCT skill_id) FROM skillreflection "
        f"WHERE date > '{(TODAY - dt.timedelta(days=90)).isoformat()}'",
    )
    assert recent == [4]  # every power skill reflected on in the last quarter


def test_some_entries_are_private_and_some_starred(db: sqlite3.Connection) -> None:
    for table in ("mentorsession", "helperassignment", "skillreflection"):
        starred, private, total = db.execute(
            f"SELECT SUM(starred), SUM(private), COUNT(*) FROM {table}"
        ).fetchone()
        assert 0 < starred < total / 3
        assert 0 < private < total / 3


def test_targets_goals_milestones_and_evidence(db: sqlite3.Connection) -> None:
    assert None not in column(db, "SELECT target_level FROM skill")
    assert column(db, "SELECT COUNT(*) FROM careergoal WHERE status = 'active'")[0] >= 2
    done, overdue = db.execute(
        "SELECT SUM(done_date IS NOT NULL), "
        f"SUM(done_date IS NULL AND due_date < '{TODAY.isoformat()}') FROM milestone"
    ).fetchone()
    assert done >= 1 and overdue >= 1
    links = db.execute("SELECT entry_kind, entry_id FROM goalevidence").fetchall()
    assert len(links) >= 3
    tables = {
        EntryKind.MENTOR_SESSION: "mentorsession",
        EntryKind.HELPER_ASSIGNMENT: "helperassignment",
        EntryKind.SKILL_REFLECTION: "skillreflection",
    }
    for kind, entry_id in links:
        found = db.execute(
            f"SELECT COUNT(*) FROM {tables[EntryKind(kind)]} WHERE id = ?", (entry_id,)
        ).fetchone()
        assert found == (1,)


def test_a_current_pmp_cycle_half_way_with_claims(db: sqlite3.Connection) -> None:
    ((certification, start, end),) = db.execute(
        "SELECT certification, start_date, end_date FROM certificationcycle WHERE current"
    ).fetchall()
    assert certification == "PMP"
    assert dt.date.fromisoformat(start) == add_months(TODAY, -18)
    assert dt.date.fromisoformat(end) == add_months(add_months(TODAY, -18), 36) - dt.timedelta(1)
    ways, power, business, giving = db.execute(
        "SELECT SUM(ways_of_working), SUM(power_skills), SUM(business_acumen), "
        "SUM(giving_back_hours) FROM pduclaim"
    ).fetchone()
    assert ways > 0 and power > 0 and business > 0 and giving > 0
    activities = set(column(db, "SELECT activity FROM pduclaim"))
    assert {"informal_learning", "course_or_training", "share_knowledge"} <= activities
    assert column(
        db, f"SELECT COUNT(*) FROM pduclaim WHERE date < '{start}' OR date > '{TODAY.isoformat()}'"
    ) == [0]
    sourced = column(db, "SELECT COUNT(*) FROM pduclaim WHERE source_kind = 'mentor_session'")
    assert sourced[0] > 0


def test_readiness_marks_ticked_by_hand(db: sqlite3.Connection) -> None:
    marks = dict(db.execute("SELECT key, checked FROM readinessmark").fetchall())
    assert marks == {"talked_with_pmo_leader": 1, "expressed_interest": 1}


def test_the_services_read_the_demo_like_any_journal(demo_db: Path) -> None:
    with Journal.open(demo_db) as journal:
        everything = TimelineFilter()
        total = count_timeline(journal, everything)
        assert total == len(list_timeline(journal, everything, limit=10_000))
        assert count_timeline(journal, TimelineFilter(text="benefits")) > 0
        newest = list_timeline(
            journal, TimelineFilter(kinds=frozenset({EntryKind.MENTOR_SESSION})), limit=1
        )[0]
        assert get_mentor_session(journal, newest.id).action_items
        assert list_action_items(journal, open_only=True)


def test_the_demo_ends_today_by_default(tmp_path: Path) -> None:
    build_demo_journal(tmp_path / "j.db", years=1)
    connection = sqlite3.connect(tmp_path / "j.db")
    newest = connection.execute("SELECT MAX(date) FROM mentorsession").fetchone()[0]
    connection.close()
    assert (clock.today() - dt.date.fromisoformat(newest)).days <= 50


def test_a_ten_year_demo_builds(tmp_path: Path) -> None:
    # How fast it builds is measured in benchmarks/demo_build.py, not timed here.
    counts = build_demo_journal(tmp_path / "j.db", years=10)
    assert counts.entries > 600


def test_an_empty_journal_can_be_filled(journal: Journal) -> None:
    journal.close()
    counts = build_demo_journal(journal.path, years=1)
    assert counts.mentor_sessions > 0


def test_a_journal_with_writing_is_refused_untouched(demo_db: Path) -> None:
    before = demo_db.read_bytes()
    with pytest.raises(JournalError, match="already holds a journal"):
        build_demo_journal(demo_db, years=1)
    assert demo_db.read_bytes() == before


@pytest.mark.parametrize(("years", "today"), [(0, None), (31, None), (2, dt.date(2999, 1, 1))])
def test_bad_spans_are_refused_before_anything_is_written(
    tmp_path: Path, years: int, today: dt.date | None
) -> None:
    with pytest.raises(JournalError):
        build_demo_journal(tmp_path / "j.db", years=years, today=today)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_no_journal_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_writer: object) -> int:
        raise JournalError("the disk filled up")

    monkeypatch.setattr(demo.DemoWriter, "add_skill_reflections", fail)
    with pytest.raises(JournalError, match="disk filled up"):
        build_demo_journal(tmp_path / "j.db")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_an_empty_journal_empty(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.close()

    def fail(_writer: object) -> int:
        raise JournalError("the disk filled up")

    monkeypatch.setattr(demo.DemoWriter, "add_skill_reflections", fail)
    with pytest.raises(JournalError):
        build_demo_journal(journal.path)
    connection = sqlite3.connect(journal.path)
    assert connection.execute("SELECT COUNT(*) FROM person").fetchone() == (0,)
    assert connection.execute("SELECT COUNT(*) FROM mentorsession").fetchone() == (0,)
    connection.close()
