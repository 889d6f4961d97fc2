"""A small, known journal for the career screen tests: two mentors and their sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.storage.db import Journal
from tests.frozen_clock import FROZEN_TODAY

TODAY = FROZEN_TODAY  # the tests that use it run with the frozen_today fixture


@dataclass(frozen=True)
class MentorHistory:
    ana: int
    ben: int
    first_session: int
    second_session: int


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def seed_mentor_history(journal: Journal) -> MentorHistory:
    """Ana: two sessions (50 and 40 days ago), three open items, one overdue. Ben: one
    recent session with one open item."""
    ana = create_person(journal, data={"name": "Ana Ruiz", "relationship": "mentor"}).id
    ben = create_person(journal, data={"name": "Ben Okafor", "relationship": "mentor"}).id
    first = log_mentor_session(
        journal,
        data={
            "date": days_ago(50),
            "mentor_id": ana,
            "topics": "How the PMO decides what enters the funnel",
            "new_action_items": [
                {"text": "Draft a one-page intake form", "due_date": days_ago(20)},
                {"text": "Read the portfolio charter"},
            ],
        },
    ).id
    second = log_mentor_session(
        journal,
        data={
            "date": days_ago(40),
            "mentor_id": ana,
            "topics": "Stakeholder map for the steering group",
            "new_action_items": [{"text": "Ask the PMO lead for a shadowing slot"}],
        },
    ).id
    log_mentor_session(
        journal,
        data={
            "date": days_ago(3),
            "mentor_id": ben,
            "topics": "Metrics the board reads",
            "new_action_items": [{"text": "Collect last quarter's delivery metrics"}],
        },
    )
    return MentorHistory(ana, ben, first, second)
