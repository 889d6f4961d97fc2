"""Gathering a report reads the period in a small, fixed number of queries: one per table or
relationship for the whole period, not a few per entry, so a 10-year report makes no more
queries than a 1-year one. And the batched reads give exactly what one-by-one reads give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.services.action_items import list_action_items
from pmo_journal.core.services.goals import get_goal, list_goals
from pmo_journal.core.services.helper_assignments import (
    get_helper_assignment,
    list_helper_assignments,
)
from pmo_journal.core.services.mentor_sessions import get_mentor_session, list_mentor_sessions
from pmo_journal.core.services.notes import get_note, list_notes
from pmo_journal.core.services.reflections import get_skill_reflection, list_skill_reflections
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.gather import build_report_document
from pmo_journal.report.options import ReportOptions

TODAY = dt.date(2026, 12, 3)
ONE_YEAR = ReportOptions(start=dt.date(2025, 12, 4), end=TODAY, prepared_on=TODAY)
TEN_YEARS = ReportOptions(start=dt.date(2016, 12, 4), end=TODAY, prepared_on=TODAY)
#: What a report's gathering may cost in statements (BEGINs included), whatever its length.
QUERY_BOUND = 160


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, seed=7, years=10, today=TODAY)
    journal = Journal.open(path)
    yield journal
    journal.close()


def _statements(journal: Journal, options: ReportOptions) -> list[str]:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(journal.engine, "before_cursor_execute", count)
    try:
        build_report_document(journal, options)
    finally:
        event.remove(journal.engine, "before_cursor_execute", count)
    return statements


def test_a_long_report_makes_no_more_queries_than_a_short_one(demo: Journal) -> None:
    one_year, ten_years = _statements(demo, ONE_YEAR), _statements(demo, TEN_YEARS)
    sessions = list_mentor_sessions(demo, since=TEN_YEARS.start, until=TEN_YEARS.end)
    assert len(sessions) > 150  # ten years of entries, each with links to read
    assert len(one_year) <= QUERY_BOUND and len(ten_years) <= QUERY_BOUND
    # What differs is only which optional lookups the period's data calls for.
    assert abs(len(ten_years) - len(one_year)) <= 2


def test_batched_reads_are_the_one_by_one_reads(demo: Journal) -> None:
    sessions = list_mentor_sessions(demo)
    assert sum(len(s.action_items) for s in sessions) > 100
    assert any(item.carried_into for s in sessions for item in s.action_items)
    assert any(len(s.skill_ids) > 1 for s in sessions)
    assert sessions == [get_mentor_session(demo, s.id) for s in sessions]
    assignments = list_helper_assignments(demo)
    assert any(a.skill_ids for a in assignments) and any(a.leader_name for a in assignments)
    assert assignments == [get_helper_assignment(demo, a.id) for a in assignments]
    reflections = list_skill_reflections(demo)
    assert reflections == [get_skill_reflection(demo, r.id) for r in reflections]
    notes = list_notes(demo)
    assert notes == [get_note(demo, n.id) for n in notes]
    items = {item.id: item for s in sessions for item in s.action_items}
    listed = list_action_items(demo, open_only=False)
    assert listed and all(item == items[item.id] for item in listed)
    goals = list_goals(demo)
    assert sum(len(g.evidence) for g in goals) > 1 and any(g.milestones for g in goals)
    assert goals == [get_goal(demo, g.id) for g in goals]


def test_a_whole_report_reads_on_one_connection(demo: Journal) -> None:
    """Data and charts in one transaction: one connection opened, not one per query (the
    journal opens a new connection for each one otherwise)."""
    from pmo_journal.report.build import build_report

    opened: list[object] = []

    def count(connection: object, _record: object) -> None:
        opened.append(connection)

    event.listen(demo.engine, "connect", count)
    try:
        document = build_report(demo, ONE_YEAR)
    finally:
        event.remove(demo.engine, "connect", count)
    assert len(document.charts) == 4
    assert len(opened) == 1
