"""Listing entries by date range and privacy: sessions, reflections, assignments, action items."""

from __future__ import annotations

import datetime as dt

from pmo_journal.core.disclosure import ACTION_ITEM, DisclosureChoice, disclosure_for
from pmo_journal.core.models import Relationship
from pmo_journal.core.services.action_items import list_action_items, set_action_item_done
from pmo_journal.core.services.mentor_sessions import list_mentor_sessions, log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.storage.db import Journal


def test_done_between_and_private_sessions(journal: Journal) -> None:
    mentor = create_person(journal, data={"name": "Ana", "relationship": Relationship.MENTOR})
    done_on = {
        "early": dt.date(2026, 1, 31),
        "inside": dt.date(2026, 3, 1),
        "edge": dt.date(2026, 3, 31),
        "private": dt.date(2026, 3, 2),
    }
    for text, day in done_on.items():
        session = log_mentor_session(
            journal,
            data={
                "date": dt.date(2026, 1, 10),
                "mentor_id": mentor.id,
                "topics": text,
                "private": text == "private",
                "new_action_items": [{"text": text}],
            },
        )
        set_action_item_done(journal, session.action_items[0].id, done_on=day)

    def texts(**kwargs: object) -> set[str]:
        period = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        return {
            i.text
            for i in list_action_items(journal, open_only=False, done_between=period, **kwargs)
        }  # type: ignore[arg-type]

    assert texts() == {"inside", "edge", "private"}
    rule = disclosure_for(journal, DisclosureChoice())
    period = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    done = list_action_items(journal, open_only=False, done_between=period)
    assert {i.text for i in rule.keep(ACTION_ITEM, done)} == {"inside", "edge"}


def test_lists_by_period_and_privacy(journal: Journal) -> None:
    from pmo_journal.core.services.helper_assignments import (
        list_helper_assignments,
        log_helper_assignment,
    )
    from pmo_journal.core.services.reflections import list_skill_reflections, log_skill_reflection
    from pmo_journal.core.services.skills import list_skills

    mentor = create_person(journal, data={"name": "Ana", "relationship": Relationship.MENTOR})
    skill = list_skills(journal)[0]
    for day, private in [
        (dt.date(2026, 1, 31), False),
        (dt.date(2026, 2, 1), False),
        (dt.date(2026, 2, 28), True),
        (dt.date(2026, 3, 1), False),
    ]:
        log_mentor_session(
            journal, data={"date": day, "mentor_id": mentor.id, "topics": "t", "private": private}
        )
        log_skill_reflection(
            journal,
            data={
                "date": day,
                "skill_id": skill.id,
                "rating": 3,
                "result": "r",
                "private": private,
            },
        )
        log_helper_assignment(journal, data={"title": "a", "start_date": day, "private": private})
    february = {"since": dt.date(2026, 2, 1), "until": dt.date(2026, 2, 28)}
    sessions = list_mentor_sessions(journal, **february)  # type: ignore[arg-type]
    assert [s.date.day for s in sessions] == [28, 1]  # newest first
    rule = disclosure_for(journal, DisclosureChoice())
    assert len(rule.keep("mentor_session", sessions)) == 1
    assert [r.date.day for r in list_skill_reflections(journal, **february)] == [1, 28]  # type: ignore[arg-type]
    reflections = list_skill_reflections(journal, **february)  # type: ignore[arg-type]
    assert len(rule.keep("skill_reflection", reflections)) == 1
    assert len(list_helper_assignments(journal, **february)) == 2  # type: ignore[arg-type]
    assignments = list_helper_assignments(journal, **february)  # type: ignore[arg-type]
    assert len(rule.keep("helper_assignment", assignments)) == 1
