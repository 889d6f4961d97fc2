"""A past period is reported as the journal stood at its end, not as it stands today.

The journal is built through the services with the clock set to the day of each change,
so a claim logged, a goal achieved or a readiness item ticked after the period's end is
a real later change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo_journal.core import clock
from pmo_journal.core.models import GoalStatus, Relationship
from pmo_journal.core.services import pdus
from pmo_journal.core.services.action_items import list_action_items, set_action_item_done
from pmo_journal.core.services.goals import create_goal, list_goals, set_milestone_done, update_goal
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.readiness import readiness_checklist, set_readiness_mark
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.build import build_report
from pmo_journal.report.options import ReportOptions, Section
from pmo_journal.report.render import save_report_pdf
from tests.report.pdf_text import all_text

pytestmark = pytest.mark.usefixtures("qapp")

END = dt.date(2025, 12, 31)
LATER = dt.date(2026, 3, 2)


def _claim(journal: Journal, day: str, hours: float) -> None:
    pdus.add_claim(
        journal,
        data={
            "date": dt.date.fromisoformat(day),
            "category": "education",
            "activity": "course_or_training",
            "hours": hours,
            "ways_of_working": hours,
            "description": f"Course on {day}",
        },
    )


@pytest.fixture
def dated(journal: Journal) -> Journal:
    """Changes made on their own days: some by the end of 2025, some in March 2026."""
    with clock.as_of(dt.date(2025, 3, 1)):
        pdus.create_cycle(
            journal, data={"start_date": dt.date(2025, 1, 1), "end_date": dt.date(2027, 12, 31)}
        )
        _claim(journal, "2025-02-01", 10)
        _claim(journal, "2025-06-01", 6.25)
        mentor = create_person(
            journal, data={"name": "Ada Quist", "relationship": Relationship.MENTOR}
        )
        goal = create_goal(
            journal,
            data={
                "target_role": "PMO analyst",
                "milestones": [{"title": "Shadow a portfolio review"}],
            },
        )
    with clock.as_of(dt.date(2025, 11, 3)):
        log_mentor_session(
            journal,
            data={
                "date": dt.date(2025, 11, 3),
                "mentor_id": mentor.id,
                "topics": "Intake",
                "new_action_items": [{"text": "Draft the intake scoring sheet"}],
            },
        )
    with clock.as_of(LATER):
        _claim(journal, "2026-02-20", 20)
        item = list_action_items(journal)[0]
        set_action_item_done(journal, item.id, done_on=LATER)
        set_milestone_done(journal, goal.milestones[0].id, done_on=LATER)
        update_goal(
            journal, goal.id, data={"target_role": "PMO analyst", "status": GoalStatus.ACHIEVED}
        )
        set_readiness_mark(journal, "expressed_interest", checked=True, today=LATER)
        create_goal(journal, data={"target_role": "Portfolio manager"})
    return journal


def _options(**extra: object) -> ReportOptions:
    return ReportOptions(
        start=dt.date(2025, 1, 1),
        end=END,
        sections=frozenset(Section) - {Section.CHARTS},
        prepared_on=LATER,
        appendix=True,
        **extra,  # type: ignore[arg-type]
    )


def test_the_as_of_day_is_the_period_end_capped_at_the_day_prepared() -> None:
    assert _options().as_of == END
    late = ReportOptions(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), prepared_on=LATER)
    assert late.as_of == LATER


def test_pdu_standing_counts_only_claims_dated_by_the_end(dated: Journal) -> None:
    document = build_report(dated, _options())
    assert document.pdus is not None
    assert [c.hours for c in document.pdus.claims] == [10, 6.25]
    assert document.pdus.summary.total_counted == 16.25
    assert document.pdus.pace.as_of == END
    today = pdus.cycle_ledger(dated, cycle_id=document.pdus.cycle.id, today=LATER)
    assert today.summary.total_counted == 36.25


def test_goals_stand_as_they_were_at_the_end(dated: Journal) -> None:
    document = build_report(dated, _options())
    assert [(g.target_role, g.status) for g in document.goals] == [("PMO analyst", "Active")]
    assert [done for _title, _due, done in document.goals[0].milestones] == [None]
    now = {goal.target_role: goal.status for goal in list_goals(dated)}
    assert now == {"PMO analyst": GoalStatus.ACHIEVED, "Portfolio manager": GoalStatus.ACTIVE}


def test_readiness_and_action_items_stand_as_they_were_at_the_end(dated: Journal) -> None:
    document = build_report(dated, _options())
    ticked = {row.title for row in document.readiness if row.checked}
    assert not any("interest" in title.lower() for title in ticked)
    marked_now = readiness_checklist(dated, today=LATER)
    assert any(item.marked for item in marked_now.items)
    assert [row.done for row in document.action_items] == [None]
    assert document.summary.action_items_open == 1
    assert document.summary.action_items_completed == 0


def test_the_pdf_says_what_stood_at_the_end(dated: Journal, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(dated, _options()), out)
    text = all_text(out)
    assert "2 claims summarised · as of 31 December 2025" in text
    assert "16.25" in text
    assert "36.25" not in text
    assert "Achieved" not in text
    assert "Portfolio manager" not in text


def test_feedback_is_what_had_been_received_by_the_end(journal: Journal) -> None:
    from pmo_journal.core.models import AssignmentKind, AssignmentStatus
    from pmo_journal.core.services.helper_assignments import log_helper_assignment

    for title, start, end, feedback in (
        ("Intake review", dt.date(2025, 9, 1), dt.date(2025, 10, 15), "Clear and quick work."),
        ("Year-end metrics", dt.date(2025, 12, 10), dt.date(2026, 1, 20), "Said in January."),
    ):
        log_helper_assignment(
            journal,
            data={
                "title": title,
                "kind": AssignmentKind.METRICS_ANALYSIS,
                "start_date": start,
                "end_date": end,
                "hours": 4,
                "status": AssignmentStatus.DONE,
                "feedback": feedback,
            },
        )
    document = build_report(journal, _options())
    assert [row.text for row in document.feedback] == ["Clear and quick work."]


def test_a_mentor_added_later_was_not_found_by_the_end(journal: Journal) -> None:
    with clock.as_of(LATER):
        create_person(journal, data={"name": "Bo Lind", "relationship": Relationship.MENTOR})
    before = {row.title: row.checked for row in build_report(journal, _options()).readiness}
    assert before["Found a PMO mentor"] is False
    late = _options()
    late = ReportOptions(start=late.start, end=LATER, sections=late.sections, prepared_on=LATER)
    after = {row.title: row.checked for row in build_report(journal, late).readiness}
    assert after["Found a PMO mentor"] is True
