"""A small journal with known entries around a known review period, built through services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.models import AssignmentKind, AssignmentStatus, Relationship
from pmo_journal.core.services.action_items import set_action_item_done
from pmo_journal.core.services.helper_assignments import log_helper_assignment
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.reflections import log_skill_reflection
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage.db import Journal
from tests.journal_template import JournalTemplate

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


@dataclass(frozen=True)
class KnownJournal:
    journal: Journal
    mentor_id: int
    inside_topic: str = "Portfolio intake funnel criteria"
    before_topic: str = "Budget variance walkthrough"
    after_topic: str = "Benefits realisation register"
    private_text: str = "Confidential reorganisation of the delivery teams"
    path: Path = Path()
    starred_result: str = "The steering group adopted the shared RAID log"
    assignment_title: str = "Quarterly portfolio metrics pack"


def fill_known_journal(journal: Journal) -> KnownJournal:
    skills = {skill.name: skill.id for skill in list_skills(journal)}
    leadership = skills["Collaborative leadership"]
    strategy = skills["Strategic thinking"]
    mentor = create_person(
        journal,
        data={"name": "Sarah Okafor", "role": "Head of PMO", "relationship": Relationship.MENTOR},
    )
    leader = create_person(
        journal,
        data={
            "name": "Marcus Bell",
            "role": "Portfolio director",
            "relationship": Relationship.PMO_LEADER,
        },
    )
    known = KnownJournal(journal=journal, mentor_id=mentor.id, path=journal.path)

    def session(day: dt.date, topics: str, **extra: object) -> None:
        log_mentor_session(
            journal,
            data={
                "date": day,
                "mentor_id": mentor.id,
                "topics": topics,
                "takeaways": "Talk about value, not activity. Sarah suggested a one-page brief.",
                "skill_ids": [strategy],
                **extra,
            },
        )

    session(dt.date(2025, 12, 31), known.before_topic)
    session(dt.date(2026, 7, 1), known.after_topic)
    session(
        dt.date(2026, 3, 10),
        known.inside_topic,
        starred=True,
        new_action_items=[
            {"text": "Draft the intake scoring sheet"},
            {"text": "Book a slot at the PMO community of practice"},
        ],
    )
    session(dt.date(2026, 5, 12), known.private_text, private=True)
    log_helper_assignment(
        journal,
        data={
            "title": known.assignment_title,
            "kind": AssignmentKind.METRICS_ANALYSIS,
            "leader_id": leader.id,
            "start_date": dt.date(2026, 2, 2),
            "end_date": dt.date(2026, 2, 20),
            "hours": 12.5,
            "status": AssignmentStatus.DONE,
            "outcome": "Marcus used it at the board.",
            "skill_ids": [strategy],
        },
    )
    ratings = [
        (dt.date(2025, 11, 3), leadership, 2),
        (dt.date(2025, 11, 4), strategy, 1),
        (dt.date(2026, 2, 10), leadership, 3),
        (dt.date(2026, 6, 1), strategy, 3),
    ]
    for day, skill_id, rating in ratings:
        log_skill_reflection(
            journal,
            data={
                "date": day,
                "skill_id": skill_id,
                "rating": rating,
                "situation": "Two departments disagreed on the release plan.",
                "action": "I ran a joint workshop.",
                "result": known.starred_result,
                "starred": day == dt.date(2026, 2, 10),
            },
        )
    log_skill_reflection(
        journal,
        data={
            "date": dt.date(2026, 4, 2),
            "skill_id": leadership,
            "rating": 4,
            "situation": known.private_text,
            "private": True,
        },
    )
    from pmo_journal.core.services.action_items import list_action_items

    first = list_action_items(journal)[0]
    set_action_item_done(journal, first.id, done_on=dt.date(2026, 4, 1))
    return known


@pytest.fixture(scope="module")
def known_journal(
    journal_template: JournalTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KnownJournal]:
    """Built once per test module; tests only read it."""
    journal = journal_template.open(tmp_path_factory.mktemp("known") / "journal.db")
    yield fill_known_journal(journal)
    journal.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """The 2-year demo journal (seed 7) as of 3 December 2026, for the charts on paper."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, seed=7, years=2, today=dt.date(2026, 12, 3))
    journal = Journal.open(path)
    yield journal
    journal.close()
